/*
 * join.c — ck_join (clinkit/join.h): THYME/Anafora annotation folders
 * without text + the text folder -> checked, joined documents.
 */
#include <stdlib.h>
#include <string.h>

#include "clinkit/join.h"

typedef struct jctx {
    const char *ann_path;
    ck_writer *w;
    ck_join_stats *st;
    ck_diag *d;
} jctx;

static ck_status join_sink(void *user, ck_doc *doc)
{
    jctx *j = user;
    j->st->documents++;
    j->st->entities += doc->n_entities;
    j->st->relations += doc->n_relations;
    if (!doc->text) {
        j->st->missing++;
    } else {
        j->st->joined++;
        for (size_t i = 0; i < doc->n_entities; i++) {
            const ck_entity *e = &doc->entities[i];
            for (size_t k = 0; k < e->n_spans; k++) {
                if (e->spans[k].end <= doc->text_cps && e->spans[k].start <= e->spans[k].end)
                    continue;
                ck_diag_add(j->d, CK_SEV_WARNING, j->ann_path, 0, 0, (size_t)-1,
                            "document %s, annotation %s: span %zu,%zu falls outside the text (%zu characters)",
                            doc->id, e->id ? e->id : "?", e->spans[k].start,
                            e->spans[k].end, doc->text_cps);
                j->st->outside++;
                break;
            }
        }
    }
    ck_status rc = j->w ? ck_writer_write(j->w, doc, j->d) : CK_OK;
    ck_doc_free(doc);
    return rc;
}

ck_status ck_join(const char *ann_path, const char *text_path, ck_opts opts,
                  const char *out_format, const char *out_path, ck_opts out_opts,
                  ck_join_stats *st, ck_diag *d)
{
    if (!ann_path || !text_path || !st)
        return CK_ERR_USAGE;
    memset(st, 0, sizeof *st);
    size_t n = 0;
    while (opts && opts[n])
        n++;
    const char **o = calloc(n + 2, sizeof *o);
    char *topt = malloc(strlen(text_path) + 6);
    if (!o || !topt) {
        free(o);
        free(topt);
        return CK_ERR_NOMEM;
    }
    for (size_t i = 0; i < n; i++)
        o[i] = opts[i];
    strcpy(topt, "text=");
    strcat(topt, text_path);
    o[n] = topt;
    jctx j = {ann_path, NULL, st, d};
    ck_status rc = CK_OK;
    if (out_path)
        rc = ck_writer_open(out_format ? out_format : "anafora", out_path, out_opts, &j.w, d);
    if (rc == CK_OK)
        rc = ck_read("anafora", ann_path, (ck_opts)o, join_sink, &j, d);
    if (j.w) {
        ck_status rc2 = ck_writer_close(j.w, d);
        if (rc == CK_OK)
            rc = rc2;
    }
    free(o);
    free(topt);
    return rc;
}
