/*
 * share_clef_2013.c — ShARe/CLEF eHealth 2013 Task 1 (and SemEval-2014
 * Task 7) disorder annotations: one disorder per line,
 *
 *   DOC.txt||Disease_Disorder||CUI or CUI-less||start||end[||start||end]...
 *
 * Offsets are 0-based, end-exclusive characters of the report; extra
 * start/end pairs make a discontiguous disorder. Layouts (all read the
 * same way, texts and gold paired by base name, see pipe_common.h):
 * training "ALLREPORTS train/X.txt" + "CLEFPIPEDELIMITED.../X.pipe.txt",
 * test "ALLREPORTS test/X.txt" + "Gold_SN2012/X.txt", SemEval "X.text" +
 * "X.pipe". Model: entity "T<n>" of the line's type, one span per pair,
 * norm UMLS:<CUI as written> ("CUI-less" kept as the id); meta "docname"
 * = the first field.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "formats/pipe_common.h"

#define MAX_FIELDS 1024

static ck_status parse_line(ck_doc *doc, char *line, const char *file,
                            size_t no, ck_diag *d)
{
    char **f = malloc(MAX_FIELDS * sizeof *f);
    if (!f)
        return CK_ERR_NOMEM;
    int over;
    size_t n = ck_pipe_split(line, "||", f, MAX_FIELDS, &over);
    ck_status rc = CK_OK;
    if (over || n < 5 || (n - 3) % 2) {
        rc = ck_diag_error(d, file, no,
                           "expected DOC||TYPE||CUI||start||end[||start||end...] "
                           "separated by '||' (an odd number of fields, at least 5); got %zu%s",
                           n, over ? "+" : "");
        goto out;
    }
    if (!*f[0] || !*f[1] || !*f[2]) {
        rc = ck_diag_error(d, file, no,
                           "empty %s field", !*f[0] ? "document name" : !*f[1] ? "type" : "CUI");
        goto out;
    }
    size_t cnt = (n - 3) / 2;
    ck_span *sp = malloc(cnt * sizeof *sp);
    if (!sp) {
        rc = CK_ERR_NOMEM;
        goto out;
    }
    for (size_t k = 0; k < cnt; k++) {
        if (ck_pipe_size(f[3 + 2 * k], &sp[k].start) ||
            ck_pipe_size(f[4 + 2 * k], &sp[k].end) || sp[k].end < sp[k].start) {
            free(sp);
            rc = ck_diag_error(d, file, no,
                               "span %zu: expected two numbers start||end with start <= end",
                               k + 1);
            goto out;
        }
    }
    const char *dn = ck_doc_meta(doc, "docname");
    if (!dn)
        ck_doc_add_meta(doc, "docname", f[0]);
    else if (strcmp(dn, f[0]))
        ck_diag_warn(d, file, no,
                     "document name differs from the first line's: the annotation is kept for this report");
    char id[32];
    snprintf(id, sizeof id, "T%zu", doc->n_entities + 1);
    ck_entity *e = ck_doc_add_entity(doc, id, f[1]);
    if (!e) {
        free(sp);
        rc = CK_ERR_NOMEM;
        goto out;
    }
    for (size_t k = 0; k < cnt && rc == CK_OK; k++)
        if (ck_entity_add_span(doc, e, sp[k].start, sp[k].end, NULL))
            rc = CK_ERR_NOMEM;
    if (rc == CK_OK && ck_entity_add_norm(doc, e, NULL, "UMLS", f[2], NULL))
        rc = CK_ERR_NOMEM;
    free(sp);
out:
    free(f);
    return rc;
}

static const char *const read_opts[] = {NULL};

static ck_status clef13_read(const char *path, ck_opts opts, ck_doc_sink sink,
                             void *user, ck_diag *d)
{
    if (ck_opts_check(opts, read_opts, d))
        return CK_ERR_USAGE;
    return ck_pipe_read(path, parse_line, sink, user, d);
}

static ck_status write_doc(const ck_doc *doc, ck_buf *b, ck_diag *d)
{
    char tmp[512];
    const char *dn = ck_pipe_docname(doc, tmp, sizeof tmp);
    for (size_t i = 0; i < doc->n_entities; i++) {
        const ck_entity *e = &doc->entities[i];
        if (!e->n_spans)
            continue;
        ck_buf_addf(b, "%s||%s||%s", dn, e->type ? e->type : "Disease_Disorder",
                    ck_pipe_cui(e));
        for (size_t k = 0; k < e->n_spans; k++)
            ck_buf_addf(b, "||%zu||%zu", e->spans[k].start, e->spans[k].end);
        ck_buf_addc(b, '\n');
    }
    return CK_OK;
}

static const char *const write_opts[] = {"layout", NULL};

static ck_status clef13_writer_open(const char *path, ck_opts opts, void **state,
                                    ck_diag *d)
{
    if (ck_opts_check(opts, write_opts, d))
        return CK_ERR_USAGE;
    const char *layout = ck_opt(opts, "layout");
    int semeval = layout && strcmp(layout, "semeval") == 0;
    if (layout && !semeval && strcmp(layout, "clef")) {
        ck_diag_add(d, CK_SEV_ERROR, NULL, 0, 0, (size_t)-1,
                    "option layout: expected clef (X.txt + X.pipe.txt) or semeval (X.text + X.pipe)");
        return CK_ERR_USAGE;
    }
    return ck_pipe_writer_open(path, semeval ? ".text" : ".txt",
                               semeval ? ".pipe" : ".pipe.txt", write_doc, state, d);
}

const ck_format ck_fmt_share_clef_2013 = {
    .id = "share-clef-2013",
    .summary = "ShARe/CLEF eHealth 2013 T1 / SemEval-2014 T7 disorders: DOC||Disease_Disorder||CUI||s||e[||s||e]",
    .layout = "a folder (or archive) of report .txt/.text files and gold .pipe.txt/.pipe files "
              "(or Gold*/X.txt), paired by base name; writes X.txt + X.pipe.txt "
              "(--out-opt layout=semeval: X.text + X.pipe)",
    .flags = CK_FMT_DIR,
    .read = clef13_read,
    .writer_open = clef13_writer_open,
    .writer_write = ck_pipe_writer_write,
    .writer_close = ck_pipe_writer_close,
};
