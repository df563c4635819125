/*
 * i2b2_tags.c — reader and writer for the "TEXT + TAGS" XML layout (see
 * i2b2_tags.h); the formats plug in what each tag means.
 */
#include <stdlib.h>
#include <string.h>

#include "clinkit/io.h"
#include "core/par.h"
#include "formats/i2b2_tags.h"

static const char *const tags_opts[] = {"fix-offsets", NULL};

static int repair_opt(ck_opts opts, ck_diag *d, int *repair)
{
    if (ck_opts_check(opts, tags_opts, d))
        return -1;
    const char *v = ck_opt(opts, "fix-offsets");
    *repair = 1;
    if (!v)
        return 0;
    if (!strcmp(v, "no") || !strcmp(v, "0"))
        *repair = 0;
    else if (strcmp(v, "yes") && strcmp(v, "1")) {
        ck_diag_add(d, CK_SEV_ERROR, NULL, 0, 0, (size_t)-1,
                    "option fix-offsets: expected yes or no");
        return -1;
    }
    return 0;
}

static ck_status on_start(void *user, ck_xml *x, const char *name,
                          const char **attrs, size_t depth, int in_text, size_t cp)
{
    ck_tags_ctx *c = user;
    c->x = x;
    if (depth == 0) {
        ck_doc_add_meta(c->doc, "root", name);
        return CK_OK;
    }
    if (c->tags_depth && depth > c->tags_depth)
        return c->tags_depth + 1 == depth || c->tags_depth + 2 == depth
                   ? ((const ck_tags_kind *)c->kind)->tag(c, name, attrs, depth - c->tags_depth)
                   : ck_diag_error(c->d, c->file, ck_xml_line(x),
                                   "<%s>: elements nest deeper than expected inside TAGS", name);
    if (depth == 1 && strcmp(name, "TAGS") == 0)
        c->tags_depth = 1;
    return CK_OK;
}

static ck_status on_end(void *user, ck_xml *x, const char *name, size_t depth,
                        int in_text, size_t cp)
{
    ck_tags_ctx *c = user;
    const ck_tags_kind *k = c->kind;
    if (c->tags_depth && depth == c->tags_depth) {
        c->tags_depth = 0;
        return CK_OK;
    }
    if (c->tags_depth && depth > c->tags_depth && k->tag_end)
        return k->tag_end(c, name, depth - c->tags_depth);
    return CK_OK;
}

static ck_status on_text(void *user, ck_xml *x, const char *s, size_t n)
{
    ck_tags_ctx *c = user;
    if (c->doc->text)
        return ck_diag_error(c->d, c->file, ck_xml_line(x),
                             "a second TEXT element (expected one per file)");
    size_t bad = 0;
    if (memchr(s, '\0', n) || ck_doc_set_text(c->doc, s, n, &bad)) {
        if (memchr(s, '\0', n))
            bad = (size_t)((const char *)memchr(s, '\0', n) - s);
        return ck_diag_error(c->d, c->file, ck_xml_line(x),
                             "TEXT is not valid UTF-8 text (bad byte %zu of its content)", bad);
    }
    return CK_OK;
}

static const ck_xml_handlers handlers = {on_start, on_end, on_text};

static int is(const char *a, const char *b) { return strcmp(a, b) == 0; }

/* Offsets inside the text, stored text at them (see ck_xml_check_span).
 * The line is computed only for a report (x, or line when x is NULL). */
static ck_status check_now(ck_tags_ctx *c, size_t index, ck_xml *x, size_t line)
{
    ck_entity *e = &c->doc->entities[index];
    if (e->spans[0].end > c->doc->text_cps)
        return ck_diag_error(c->d, c->file, x ? ck_xml_line(x) : line,
                             "<%s id=\"%s\">: offsets %zu-%zu lie beyond the text (%zu characters)",
                             e->type, e->id ? e->id : "", e->spans[0].start,
                             e->spans[0].end, c->doc->text_cps);
    ck_xml_check_span(c->doc, e, c->repair, c->file, x, line, c->d);
    return CK_OK;
}

ck_status ck_tags_entity(ck_tags_ctx *c, const char *type, const char **attrs,
                         size_t *index)
{
    *index = (size_t)-1;
    /* one pass: the four span attributes, then the others in file order */
    const char *id = NULL, *ss = NULL, *es = NULL, *text = NULL;
    size_t n_other = 0;
    for (size_t i = 0; attrs[i]; i += 2) {
        const char *k = attrs[i];
        if (k[0] == 'i' && is(k, "id"))
            id = attrs[i + 1];
        else if (k[0] == 's' && is(k, "start"))
            ss = attrs[i + 1];
        else if (k[0] == 'e' && is(k, "end"))
            es = attrs[i + 1];
        else if (k[0] == 't' && is(k, "text"))
            text = attrs[i + 1];
        else
            n_other++;
    }
    size_t s, e;
    if (ck_xml_size(ss, &s) || ck_xml_size(es, &e))
        return ck_diag_error(c->d, c->file, ck_xml_line(c->x),
                             "<%s id=\"%s\">: expected start and end as non-negative integers",
                             type, id ? id : "");
    if (e < s)
        return ck_diag_error(c->d, c->file, ck_xml_line(c->x),
                             "<%s id=\"%s\">: end %zu is before start %zu", type,
                             id ? id : "", e, s);
    ck_entity *en = ck_doc_add_entity(c->doc, id, type);
    if (!en || ck_entity_add_span(c->doc, en, s, e, text))
        return CK_ERR_NOMEM;
    for (size_t i = 0; n_other && attrs[i]; i += 2) {
        const char *k = attrs[i], *v = attrs[i + 1];
        if (v == id || v == ss || v == es || v == text)
            continue; /* each attribute has its own value string */
        if (ck_entity_add_attr(c->doc, en, NULL, k, v))
            return CK_ERR_NOMEM;
    }
    *index = c->doc->n_entities - 1;
    if (c->doc->text) /* the usual case: TEXT came first, check now */
        return check_now(c, *index, c->x, 0);
    /* TAGS before TEXT: check at the end (the line is needed then) */
    if (c->n_check == c->cap_check) {
        size_t cap = c->cap_check ? c->cap_check * 2 : 64;
        size_t *a = realloc(c->check, cap * sizeof *a);
        if (!a)
            return CK_ERR_NOMEM;
        c->check = a;
        size_t *l = realloc(c->check_line, cap * sizeof *l);
        if (!l)
            return CK_ERR_NOMEM;
        c->check_line = l;
        c->cap_check = cap;
    }
    c->check[c->n_check] = *index;
    c->check_line[c->n_check++] = ck_xml_line(c->x);
    return CK_OK;
}

ck_status ck_tags_parse(ck_xml_pool *pool, const char *data, size_t len,
                        const char *file, const char *id, int repair,
                        const ck_tags_kind *k, ck_doc **out, ck_diag *d)
{
    *out = NULL;
    ck_tags_ctx c;
    memset(&c, 0, sizeof c);
    c.doc = ck_doc_new(id);
    if (!c.doc)
        return CK_ERR_NOMEM;
    c.file = file;
    c.d = d;
    c.repair = repair;
    c.kind = k;
    c.cur = -1;
    ck_buf_init(&c.scratch);
    ck_status rc = ck_xml_parse(pool, data, len, file, "TEXT", &handlers, &c, d);
    for (size_t i = 0; rc == CK_OK && i < c.n_check; i++)
        rc = c.doc->text ? check_now(&c, c.check[i], NULL, c.check_line[i]) : CK_OK;
    free(c.check);
    free(c.check_line);
    ck_buf_free(&c.scratch);
    if (rc == CK_OK)
        *out = c.doc;
    else
        ck_doc_free(c.doc);
    return rc;
}

/* One file -> one document, on a worker (see core/par.h). */
typedef struct tags_run {
    ck_source *src;
    ck_xml_pool pools[CK_PAR_MAX_WORKERS];
    int repair;
    const ck_tags_kind *k;
    ck_doc_sink sink;
    void *user;
} tags_run;

static ck_status read_one(void *ctx, unsigned w, size_t i, void **out, ck_diag *d)
{
    tags_run *r = ctx;
    const char *name = ck_source_name(r->src, i);
    if (!ck_has_suffix(name, ".xml") && !ck_has_suffix(name, ".XML"))
        return CK_OK;
    const char *data;
    size_t len;
    ck_status rc = ck_source_load(r->src, i, &data, &len, d);
    if (rc)
        return rc;
    char *id = ck_xml_doc_id(name);
    if (!id) {
        ck_source_release(r->src, i);
        return CK_ERR_NOMEM;
    }
    char file[4096];
    ck_source_display_buf(r->src, i, file, sizeof file);
    ck_doc *doc = NULL;
    rc = ck_tags_parse(&r->pools[w], data, len, file, id, r->repair, r->k, &doc, d);
    free(id);
    ck_source_release(r->src, i);
    if (rc == CK_ERR_PARSE && !ck_diag_strict(d))
        rc = CK_OK; /* reported; the file is skipped */
    *out = doc;
    return rc;
}

static ck_status deliver_one(void *ctx, size_t i, void *out, ck_status rc)
{
    tags_run *r = ctx;
    (void)i;
    if (rc == CK_OK && out)
        return r->sink(r->user, out);
    if (out)
        ck_doc_free(out);
    return rc;
}

static void drop_one(void *ctx, void *out)
{
    (void)ctx;
    ck_doc_free(out);
}

ck_status ck_tags_read(const char *path, ck_opts opts, ck_doc_sink sink,
                       void *user, ck_diag *d, const ck_tags_kind *k)
{
    tags_run r;
    memset(&r, 0, sizeof r);
    if (repair_opt(opts, d, &r.repair))
        return CK_ERR_USAGE;
    ck_status rc = ck_source_open(path, &r.src, d);
    if (rc)
        return rc;
    r.k = k;
    r.sink = sink;
    r.user = user;
    size_t n = ck_source_count(r.src);
    ck_xml_init();
    rc = ck_par_run(n, ck_par_workers(n), read_one, deliver_one, drop_one, &r, d);
    for (size_t w = 0; w < sizeof r.pools / sizeof r.pools[0]; w++)
        ck_xml_pool_free(&r.pools[w]);
    ck_source_free(r.src);
    return rc;
}

/* ---- writer ---- */

typedef struct tw {
    char *root;
    ck_buf buf;
    size_t dropped;
    const ck_tags_kind *k;
} tw;

ck_status ck_tags_writer_open(const char *path, ck_opts opts, void **state,
                              ck_diag *d, const ck_tags_kind *k)
{
    void *st;
    ck_status rc = ck_folder_writer_open(path, opts, NULL, sizeof(tw), &st, d);
    if (rc)
        return rc;
    tw *w = st;
    w->k = k;
    *state = w;
    return CK_OK;
}

size_t ck_tags_write_entity(ck_buf *b, const ck_doc *doc, const ck_entity *e,
                            const char *fallback_id)
{
    size_t mark = b->n, bad = 0;
    ck_buf_addc(b, '<');
    bad += (size_t)ck_xml_name(b, e->type && *e->type ? e->type : "PHI");
    ck_buf_adds(b, " id=\"");
    ck_xml_esc_attr(b, e->id ? e->id : fallback_id);
    size_t s = e->n_spans ? e->spans[0].start : 0, en = e->n_spans ? e->spans[0].end : 0;
    ck_buf_addf(b, "\" start=\"%zu\" end=\"%zu\" text=\"", s, en);
    if (e->n_spans && e->texts[0])
        ck_xml_esc_attr(b, e->texts[0]);
    else {
        const char *p;
        size_t n;
        if (e->n_spans && ck_doc_slice(doc, s, en, &p, &n) == 0) {
            char *t = strndup(p, n);
            if (t)
                ck_xml_esc_attr(b, t);
            free(t);
        }
    }
    ck_buf_addc(b, '"');
    for (size_t i = 0; i < e->n_attrs; i++)
        bad += (size_t)ck_xml_attr_out(b, mark, e->attrs[i].key, e->attrs[i].value);
    ck_buf_adds(b, " />\n");
    return bad;
}

ck_status ck_tags_writer_write(void *state, const ck_doc *doc, ck_diag *d)
{
    tw *w = state;
    char *path = ck_xml_out_path(w->root, doc->id, ".xml", d);
    if (!path)
        return ck_diag_strict(d) ? CK_ERR_PARSE : CK_OK;
    ck_buf *b = &w->buf;
    ck_buf_reset(b);
    const char *root = ck_doc_meta(doc, "root");
    if (!root)
        root = w->k->root;
    ck_buf_adds(b, "<?xml version=\"1.0\" encoding=\"UTF-8\" ?>\n<");
    w->dropped += (size_t)ck_xml_name(b, root);
    ck_buf_adds(b, ">\n<TEXT>");
    ck_xml_cdata(b, doc->text ? doc->text : "", doc->text ? doc->text_bytes : 0);
    ck_buf_adds(b, "</TEXT>\n<TAGS>\n");
    w->k->write(b, doc, &w->dropped);
    ck_buf_adds(b, "</TAGS>\n</");
    ck_xml_name(b, root);
    ck_buf_adds(b, ">\n");
    ck_status rc = b->failed ? CK_ERR_NOMEM : ck_write_file(path, b->p, b->n, d);
    free(path);
    return rc;
}

ck_status ck_tags_writer_close(void *state, ck_diag *d)
{
    tw *w = state;
    if (w->dropped)
        ck_diag_add(d, CK_SEV_WARNING, w->root, 0, 0, (size_t)-1,
                    "%zu annotation(s) or name(s) this format cannot store as they are: dropped, or names not valid in XML written with '_'",
                    w->dropped);
    ck_buf_free(&w->buf);
    free(w->root);
    free(w);
    return CK_OK;
}
