/*
 * i2b2_2006.c — the i2b2 2006 shared-task XML (de-identification and
 * smoking status): one file holds all records,
 *   <ROOT>
 *   <RECORD ID="101">
 *   <SMOKING STATUS="PAST SMOKER"></SMOKING>          (smoking files)
 *   <TEXT>
 *   ... <PHI TYPE="DATE">03/16</PHI>/02 ...           (de-id files, inline)
 *   [ report_end ]
 *   </TEXT>
 *   </RECORD>
 *   </ROOT>
 * Each RECORD -> document id = ID, meta "file" = the XML's name without
 * ".xml" (so the writer puts records back in their file); text = TEXT
 * content unescaped (with its leading and trailing newline); each inline
 * PHI -> entity P1, P2... type = its TYPE, span in code points of the text
 * without tags, other attributes as attrs; SMOKING -> label "SMOKING" =
 * STATUS. Both formats read both kinds of file (and the unannotated
 * companion); they differ in name and default output file only.
 *
 * Quirk: the training file has "<PHI TYPE="DATE">25th of July<PHI
 * TYPE="DOCTOR">" (line 25722) — a PHI opened while one is open is read as
 * the missing "</PHI>" (a warning says where).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "clinkit/format.h"
#include "clinkit/io.h"
#include "formats/i2b2_xml.h"

enum { MAX_NEST = 8 };

typedef struct open_mark {
    size_t start;
    const char **attrs; /* copies: the parser's are gone at the end tag */
    char *name;
} open_mark;

typedef struct rctx {
    ck_doc *doc;
    ck_xml *x;
    const char *file;
    const char *file_meta;
    ck_diag *d;
    ck_doc_sink sink;
    void *user;
    size_t n_phi;
    open_mark open[MAX_NEST];
    size_t n_open;
} rctx;

static void free_mark(open_mark *m)
{
    for (size_t k = 0; m->attrs && m->attrs[k]; k++)
        free((char *)m->attrs[k]);
    free(m->attrs);
    free(m->name);
}

static void drop_marks(rctx *c)
{
    for (size_t i = 0; i < c->n_open; i++)
        free_mark(&c->open[i]);
    c->n_open = 0;
}

static const char **copy_attrs(const char **attrs)
{
    size_t n = 0;
    while (attrs[n])
        n++;
    const char **v = calloc(n + 1, sizeof *v);
    for (size_t i = 0; v && i < n; i++)
        if (!(v[i] = strdup(attrs[i]))) {
            for (size_t k = 0; k < i; k++)
                free((char *)v[k]);
            free(v);
            return NULL;
        }
    return v;
}

static ck_status on_start(void *user, ck_xml *x, const char *name,
                          const char **attrs, size_t depth, int in_text, size_t cp)
{
    rctx *c = user;
    c->x = x;
    if (in_text && !c->doc)
        return CK_OK; /* TEXT outside a RECORD: reported at its end */
    if (in_text) {
        if (c->n_open == MAX_NEST)
            return ck_diag_error(c->d, c->file, ck_xml_line(x),
                                 "<%s> nested more than %d deep inside TEXT", name, MAX_NEST);
        open_mark *m = &c->open[c->n_open];
        m->start = cp;
        m->attrs = copy_attrs(attrs);
        m->name = strdup(name);
        if (!m->attrs || !m->name) {
            free(m->attrs);
            free(m->name);
            return CK_ERR_NOMEM;
        }
        c->n_open++;
        return CK_OK;
    }
    if (depth == 1 && !strcmp(name, "RECORD")) {
        if (c->doc)
            return CK_OK; /* cannot happen: RECORDs do not nest at depth 1 */
        const char *id = ck_xml_attr(attrs, "ID");
        char fallback[48];
        if (!id) {
            ck_diag_warn(c->d, c->file, ck_xml_line(x), "RECORD without an ID: named record-%zu",
                         (size_t)ck_xml_line(x));
            snprintf(fallback, sizeof fallback, "record-%zu", (size_t)ck_xml_line(x));
            id = fallback;
        }
        c->doc = ck_doc_new(id);
        if (!c->doc)
            return CK_ERR_NOMEM;
        ck_doc_add_meta(c->doc, "file", c->file_meta);
        c->n_phi = 0;
        return CK_OK;
    }
    if (depth == 2 && c->doc && !strcmp(name, "SMOKING")) {
        ck_label *l = ck_doc_add_label(c->doc, "SMOKING", ck_xml_attr(attrs, "STATUS"));
        if (!l)
            return CK_ERR_NOMEM;
        for (size_t i = 0; attrs[i]; i += 2)
            if (strcmp(attrs[i], "STATUS") && ck_label_add_attr(c->doc, l, attrs[i], attrs[i + 1]))
                return CK_ERR_NOMEM;
    }
    return CK_OK;
}

static ck_status on_end(void *user, ck_xml *x, const char *name, size_t depth,
                        int in_text, size_t cp)
{
    rctx *c = user;
    if (in_text) {
        if (!c->n_open || !c->doc)
            return CK_OK;
        open_mark *m = &c->open[c->n_open - 1];
        const char *type = ck_xml_attr(m->attrs, "TYPE");
        char id[32];
        snprintf(id, sizeof id, "P%zu", ++c->n_phi);
        ck_entity *e = ck_doc_add_entity(c->doc, id, type ? type : m->name);
        ck_status rc = CK_OK;
        if (!e || ck_entity_add_span(c->doc, e, m->start, cp, NULL))
            rc = CK_ERR_NOMEM;
        for (size_t i = 0; rc == CK_OK && m->attrs[i]; i += 2)
            if ((type ? strcmp(m->attrs[i], "TYPE") != 0 : 1) &&
                ck_entity_add_attr(c->doc, e, NULL, m->attrs[i], m->attrs[i + 1]))
                rc = CK_ERR_NOMEM;
        if (rc == CK_OK && strcmp(m->name, "PHI") && type)
            rc = ck_entity_add_attr(c->doc, e, NULL, "element", m->name) ? CK_ERR_NOMEM : CK_OK;
        free_mark(m);
        c->n_open--;
        return rc;
    }
    if (depth == 1 && c->doc && !strcmp(name, "RECORD")) {
        ck_doc *doc = c->doc;
        c->doc = NULL;
        return c->sink(c->user, doc);
    }
    return CK_OK;
}

static ck_status on_text(void *user, ck_xml *x, const char *s, size_t n)
{
    rctx *c = user;
    if (!c->doc)
        return ck_diag_error(c->d, c->file, ck_xml_line(x),
                             "TEXT outside a <RECORD ID=...>: skipped");
    if (c->doc->text)
        return ck_diag_error(c->d, c->file, ck_xml_line(x),
                             "RECORD %s has a second TEXT", c->doc->id);
    size_t bad = 0;
    if (memchr(s, '\0', n) || ck_doc_set_text(c->doc, s, n, &bad))
        return ck_diag_error(c->d, c->file, ck_xml_line(x),
                             "RECORD %s: TEXT is not valid UTF-8 text", c->doc->id);
    return CK_OK;
}

static const ck_xml_handlers handlers = {on_start, on_end, on_text};

static size_t line_at(const char *data, const char *p)
{
    size_t line = 1;
    for (const char *q = data; (q = memchr(q, '\n', (size_t)(p - q))); q++)
        line++;
    return line;
}

/* "<PHI ...>" while a PHI is open -> "</PHI>". Returns 1 if *out holds a
 * repaired copy. */
static int fix_unbalanced(const char *data, size_t len, const char *file,
                          ck_buf *out, ck_diag *d)
{
    const char *p = data, *e = data + len, *done = data;
    int open = 0, fixed = 0;
    while ((p = memchr(p, '<', (size_t)(e - p)))) {
        size_t left = (size_t)(e - p);
        if (left >= 6 && !memcmp(p, "</PHI>", 6)) {
            open = 0;
            p += 6;
        } else if (left >= 5 && !memcmp(p, "<PHI", 4) && (p[4] == ' ' || p[4] == '>')) {
            const char *gt = memchr(p, '>', left);
            if (!gt)
                break;
            if (open) {
                ck_diag_warn(d, file, line_at(data, p),
                             "<PHI> opened inside another <PHI>: read as its closing </PHI>");
                ck_buf_add(out, done, (size_t)(p - done));
                ck_buf_adds(out, "</PHI>");
                done = gt + 1;
                fixed = 1;
                open = 0;
            } else
                open = 1;
            p = gt + 1;
        } else
            p++;
    }
    if (fixed)
        ck_buf_add(out, done, (size_t)(e - done));
    return fixed;
}

static ck_status read_2006(const char *path, ck_opts opts, ck_doc_sink sink,
                           void *user, ck_diag *d)
{
    if (ck_opts_check(opts, NULL, d))
        return CK_ERR_USAGE;
    ck_source *src;
    ck_status rc = ck_source_open(path, &src, d);
    if (rc)
        return rc;
    ck_xml_pool pool = {NULL};
    size_t n = ck_source_count(src);
    for (size_t i = 0; i < n && rc == CK_OK; i++) {
        const char *name = ck_source_name(src, i);
        if (!ck_has_suffix(name, ".xml") && !ck_has_suffix(name, ".XML"))
            continue;
        const char *data;
        size_t len;
        rc = ck_source_load(src, i, &data, &len, d);
        if (rc)
            break;
        char *file = strdup(ck_source_display(src, i));
        char *meta = ck_xml_doc_id(name);
        ck_buf fixed;
        ck_buf_init(&fixed);
        rctx c = {0};
        c.file = file;
        c.file_meta = meta;
        c.d = d;
        c.sink = sink;
        c.user = user;
        if (!file || !meta)
            rc = CK_ERR_NOMEM;
        if (rc == CK_OK && fix_unbalanced(data, len, file, &fixed, d)) {
            data = fixed.p;
            len = fixed.n;
            if (fixed.failed)
                rc = CK_ERR_NOMEM;
        }
        if (rc == CK_OK)
            rc = ck_xml_parse(&pool, data, len, file, "TEXT", &handlers, &c, d);
        drop_marks(&c);
        ck_doc_free(c.doc); /* a RECORD cut short by an error */
        ck_buf_free(&fixed);
        free(file);
        free(meta);
        ck_source_release(src, i);
        if (rc == CK_ERR_PARSE && !ck_diag_strict(d))
            rc = CK_OK; /* reported; the rest of that file is skipped */
    }
    ck_xml_pool_free(&pool);
    ck_source_free(src);
    return rc;
}

/* ---- writer ---- */

typedef struct out_file {
    char *name;
    FILE *f;
} out_file;

typedef struct w2006 {
    char *root;
    const char *default_file;
    out_file *files;
    size_t n_files;
    ck_buf buf;
    size_t dropped;
} w2006;

static ck_status open_2006(const char *path, ck_opts opts, void **state,
                           ck_diag *d, const char *default_file)
{
    void *st;
    ck_status rc = ck_folder_writer_open(path, opts, NULL, sizeof(w2006), &st, d);
    if (rc)
        return rc;
    w2006 *w = st;
    w->default_file = default_file;
    *state = w;
    return CK_OK;
}

static FILE *file_for(w2006 *w, const char *name, ck_diag *d)
{
    for (size_t i = 0; i < w->n_files; i++)
        if (!strcmp(w->files[i].name, name))
            return w->files[i].f;
    char *path = ck_xml_out_path(w->root, name, ".xml", d);
    if (!path)
        return NULL;
    FILE *f = fopen(path, "wb");
    if (!f)
        ck_diag_add(d, CK_SEV_ERROR, path, 0, 0, (size_t)-1, "cannot write this file");
    free(path);
    out_file *v = f ? realloc(w->files, (w->n_files + 1) * sizeof *v) : NULL;
    if (!v) {
        if (f)
            fclose(f);
        return NULL;
    }
    w->files = v;
    v[w->n_files].name = strdup(name);
    v[w->n_files++].f = f;
    fputs("<ROOT>\n", f);
    return f;
}

static int by_start(const void *a, const void *b)
{
    const ck_entity *x = *(const ck_entity *const *)a, *y = *(const ck_entity *const *)b;
    if (x->spans[0].start != y->spans[0].start)
        return x->spans[0].start < y->spans[0].start ? -1 : 1;
    return x < y ? -1 : x > y;
}

/* an attribute of the start tag begun at mark; problems counted */
#define attr_out(b, k, v) (w->dropped += (size_t)ck_xml_attr_out(b, mark, k, v))

/* TEXT with the PHI entities inline; overlapping ones cannot be written */
static void write_text(w2006 *w, ck_buf *b, const ck_doc *doc)
{
    const ck_entity **v = malloc((doc->n_entities + 1) * sizeof *v);
    size_t n = 0;
    for (size_t i = 0; v && i < doc->n_entities; i++) {
        if (doc->entities[i].n_spans == 1)
            v[n++] = &doc->entities[i];
        else
            w->dropped++;
    }
    if (v)
        qsort(v, n, sizeof *v, by_start);
    size_t at = 0; /* code points written */
    const char *t = doc->text ? doc->text : "";
    for (size_t i = 0; v && i <= n; i++) {
        const ck_entity *e = i < n ? v[i] : NULL;
        if (e && (e->spans[0].start < at || e->spans[0].end > doc->text_cps)) {
            w->dropped++;
            continue;
        }
        size_t upto = e ? e->spans[0].start : doc->text_cps;
        size_t b0 = ck_doc_cp2byte(doc, at), b1 = ck_doc_cp2byte(doc, upto);
        if (doc->text)
            ck_xml_esc_text(b, t + b0, b1 - b0);
        at = upto;
        if (!e)
            break;
        const char *elem = ck_attr_get(e->attrs, e->n_attrs, "element");
        size_t mark = b->n;
        ck_buf_addc(b, '<');
        w->dropped += (size_t)ck_xml_name(b, elem ? elem : "PHI");
        attr_out(b, "TYPE", e->type);
        for (size_t k = 0; k < e->n_attrs; k++)
            if (strcmp(e->attrs[k].key, "element"))
                attr_out(b, e->attrs[k].key, e->attrs[k].value);
        ck_buf_addc(b, '>');
        b0 = ck_doc_cp2byte(doc, at);
        b1 = ck_doc_cp2byte(doc, e->spans[0].end);
        ck_xml_esc_text(b, t + b0, b1 - b0);
        at = e->spans[0].end;
        ck_buf_adds(b, "</");
        ck_xml_name(b, elem ? elem : "PHI");
        ck_buf_addc(b, '>');
    }
    free(v);
}

static ck_status write_2006(void *state, const ck_doc *doc, ck_diag *d)
{
    w2006 *w = state;
    const char *fname = ck_doc_meta(doc, "file");
    FILE *f = file_for(w, fname ? fname : w->default_file, d);
    if (!f)
        return ck_diag_strict(d) ? CK_ERR_IO : CK_OK;
    ck_buf *b = &w->buf;
    ck_buf_reset(b);
    size_t mark = b->n;
    ck_buf_adds(b, "<RECORD");
    attr_out(b, "ID", doc->id);
    ck_buf_adds(b, ">\n");
    for (size_t i = 0; i < doc->n_labels; i++) {
        const ck_label *l = &doc->labels[i];
        if (strcmp(l->name, "SMOKING")) {
            w->dropped++;
            continue;
        }
        mark = b->n;
        ck_buf_adds(b, "<SMOKING");
        attr_out(b, "STATUS", l->value);
        for (size_t k = 0; k < l->n_attrs; k++)
            attr_out(b, l->attrs[k].key, l->attrs[k].value);
        ck_buf_adds(b, "></SMOKING>\n");
    }
    ck_buf_adds(b, "<TEXT>");
    write_text(w, b, doc);
    ck_buf_adds(b, "</TEXT>\n</RECORD>\n");
    w->dropped += doc->n_relations + doc->n_events;
    if (b->failed)
        return CK_ERR_NOMEM;
    if (fwrite(b->p, 1, b->n, f) != b->n)
        return ck_diag_add(d, CK_SEV_ERROR, w->root, 0, 0, (size_t)-1, "write failed"),
               CK_ERR_IO;
    return CK_OK;
}

static ck_status close_2006(void *state, ck_diag *d)
{
    w2006 *w = state;
    ck_status rc = CK_OK;
    for (size_t i = 0; i < w->n_files; i++) {
        fputs("</ROOT>\n", w->files[i].f);
        if (fclose(w->files[i].f) != 0 && rc == CK_OK) {
            ck_diag_add(d, CK_SEV_ERROR, w->root, 0, 0, (size_t)-1, "write failed");
            rc = CK_ERR_IO;
        }
        free(w->files[i].name);
    }
    if (w->dropped)
        ck_diag_add(d, CK_SEV_WARNING, w->root, 0, 0, (size_t)-1,
                    "%zu annotation(s) the 2006 format cannot store (overlapping or multi-fragment PHI, relations, other labels) were dropped",
                    w->dropped);
    free(w->files);
    ck_buf_free(&w->buf);
    free(w->root);
    free(w);
    return rc;
}

static ck_status open_deid(const char *path, ck_opts opts, void **state, ck_diag *d)
{
    return open_2006(path, opts, state, d, "deid_surrogate_train_all_version2");
}

static ck_status open_smoking(const char *path, ck_opts opts, void **state, ck_diag *d)
{
    return open_2006(path, opts, state, d, "smokers_surrogate_train_all_version2");
}

const ck_format ck_fmt_i2b2_2006_deid = {
    .id = "i2b2-2006-deid",
    .summary = "i2b2 2006 de-id XML: <RECORD ID><TEXT> with inline <PHI TYPE=...> -> text + PHI spans",
    .layout = "a folder, .zip or single .xml of <ROOT><RECORD> files (records keep their file)",
    .flags = CK_FMT_DIR,
    .read = read_2006,
    .writer_open = open_deid,
    .writer_write = write_2006,
    .writer_close = close_2006,
};

const ck_format ck_fmt_i2b2_2006_smoking = {
    .id = "i2b2-2006-smoking",
    .summary = "i2b2 2006 smoking XML: <RECORD ID><SMOKING STATUS=...><TEXT> -> label SMOKING",
    .layout = "a folder, .zip or single .xml of <ROOT><RECORD> files (records keep their file)",
    .flags = CK_FMT_DIR,
    .read = read_2006,
    .writer_open = open_smoking,
    .writer_write = write_2006,
    .writer_close = close_2006,
};
