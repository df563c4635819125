/*
 * view.c — `clinkit view`: one self-contained HTML file showing a corpus's
 * documents with their annotations highlighted.
 *
 * Each document is written as it arrives, as a JSON block
 * <script type="application/json" id="ck-doc-N"> (with '<' written as
 * \u003c, so no text can end the block or open a tag); the page's script
 * parses a block only when that document is picked, and builds the DOM
 * with textContent, so document text is never interpreted as HTML.
 */
#include <stdlib.h>
#include <string.h>

#include "clinkit/site.h"
#include "site/html.h"

struct ck_viewer {
    FILE *out;
    json_t *ids;   /* document ids, for the picker */
    json_t *types; /* every entity type in the corpus, as a set */
    ck_buf buf;
    size_t n;
    int failed;
};

static json_t *attrs_json(const ck_attr *a, size_t n)
{
    json_t *arr = json_array();
    for (size_t i = 0; i < n; i++)
        json_array_append_new(arr, json_pack("[oo]", ck_json_str(a[i].key),
                                             ck_json_str(a[i].value)));
    return arr;
}

static json_t *args_json(const ck_arg *a, size_t n)
{
    json_t *arr = json_array();
    for (size_t i = 0; i < n; i++)
        json_array_append_new(arr, json_pack("[oo]", ck_json_str(a[i].role),
                                             ck_json_str(a[i].ref)));
    return arr;
}

static json_t *entity_json(const ck_entity *e)
{
    json_t *spans = json_array(), *norms = json_array();
    for (size_t i = 0; i < e->n_spans; i++)
        json_array_append_new(spans, json_pack("[II]", (json_int_t)e->spans[i].start,
                                               (json_int_t)e->spans[i].end));
    for (size_t i = 0; i < e->n_norms; i++)
        json_array_append_new(norms, json_pack("[ooo]", ck_json_str(e->norms[i].db),
                                               ck_json_str(e->norms[i].id),
                                               ck_json_str(e->norms[i].text)));
    return json_pack("{s:o,s:o,s:o,s:o,s:o}", "id", ck_json_str(e->id), "type",
                     ck_json_str(e->type), "spans", spans, "attrs",
                     attrs_json(e->attrs, e->n_attrs), "norms", norms);
}

/* The document as the page's script reads it (see view.js). */
static json_t *doc_json(const ck_doc *doc)
{
    json_t *o = json_object(), *a;
    json_object_set_new(o, "id", ck_json_str(doc->id));
    json_object_set_new(o, "text", ck_json_str(doc->text));
    json_object_set_new(o, "meta", attrs_json(doc->meta, doc->n_meta));
    a = json_array();
    for (size_t i = 0; i < doc->n_labels; i++) {
        const ck_label *l = &doc->labels[i];
        json_array_append_new(a, json_pack("{s:o,s:o,s:o}", "name", ck_json_str(l->name),
                                           "value", ck_json_str(l->value), "attrs",
                                           attrs_json(l->attrs, l->n_attrs)));
    }
    json_object_set_new(o, "labels", a);
    a = json_array();
    for (size_t i = 0; i < doc->n_entities; i++)
        json_array_append_new(a, entity_json(&doc->entities[i]));
    json_object_set_new(o, "entities", a);
    a = json_array();
    for (size_t i = 0; i < doc->n_passages; i++)
        json_array_append_new(a, entity_json(&doc->passages[i]));
    json_object_set_new(o, "passages", a);
    a = json_array();
    for (size_t i = 0; i < doc->n_relations; i++) {
        const ck_relation *r = &doc->relations[i];
        json_array_append_new(a, json_pack("{s:o,s:o,s:o,s:o}", "id", ck_json_str(r->id),
                                           "type", ck_json_str(r->type), "args",
                                           args_json(r->args, r->n_args), "attrs",
                                           attrs_json(r->attrs, r->n_attrs)));
    }
    json_object_set_new(o, "relations", a);
    a = json_array();
    for (size_t i = 0; i < doc->n_events; i++) {
        const ck_event *ev = &doc->events[i];
        json_array_append_new(a, json_pack("{s:o,s:o,s:o,s:o,s:o}", "id", ck_json_str(ev->id),
                                           "type", ck_json_str(ev->type), "trigger",
                                           ck_json_str(ev->trigger), "args",
                                           args_json(ev->args, ev->n_args), "attrs",
                                           attrs_json(ev->attrs, ev->n_attrs)));
    }
    json_object_set_new(o, "events", a);
    a = json_array();
    for (size_t i = 0; i < doc->n_corefs; i++) {
        const ck_coref *c = &doc->corefs[i];
        json_t *refs = json_array();
        for (size_t k = 0; k < c->n_refs; k++)
            json_array_append_new(refs, ck_json_str(c->refs[k]));
        json_array_append_new(a, json_pack("{s:o,s:o,s:o}", "id", ck_json_str(c->id), "type",
                                           ck_json_str(c->type), "refs", refs));
    }
    json_object_set_new(o, "corefs", a);
    a = json_array();
    for (size_t i = 0; i < doc->n_notes; i++) {
        const ck_note *n = &doc->notes[i];
        json_array_append_new(a, json_pack("{s:o,s:o,s:o,s:o}", "id", ck_json_str(n->id),
                                           "type", ck_json_str(n->type), "ref",
                                           ck_json_str(n->ref), "text", ck_json_str(n->text)));
    }
    json_object_set_new(o, "notes", a);
    return o;
}

static ck_status flush(ck_viewer *v, ck_diag *d)
{
    if (v->buf.failed)
        return CK_ERR_NOMEM;
    if (v->buf.n && fwrite(v->buf.p, 1, v->buf.n, v->out) != v->buf.n) {
        ck_diag_add(d, CK_SEV_ERROR, "output", 0, 0, (size_t)-1, "write failed");
        return CK_ERR_IO;
    }
    ck_buf_reset(&v->buf);
    return CK_OK;
}

ck_status ck_viewer_open(FILE *out, const char *title, ck_viewer **vp, ck_diag *d)
{
    *vp = NULL;
    if (!out)
        return CK_ERR_USAGE;
    ck_viewer *v = calloc(1, sizeof *v);
    if (!v)
        return CK_ERR_NOMEM;
    v->out = out;
    v->ids = json_array();
    v->types = json_object();
    ck_buf_init(&v->buf);
    ck_buf *b = &v->buf;
    ck_buf_adds(b, "<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
                   "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
                   "<meta name=\"robots\" content=\"noindex\">\n<title>clinkit view — ");
    ck_html_esc(b, title);
    ck_buf_adds(b, "</title>\n<style>\n");
    ck_buf_adds(b, ck_site_asset("view.css"));
    ck_buf_adds(b, "</style>\n</head>\n<body>\n"
                   "<div class=\"phi\" role=\"note\" id=\"phi\"><strong>This file contains "
                   "corpus text.</strong> Clinical documents may hold protected health "
                   "information (PHI), and the corpus's data use agreement applies to this "
                   "file as to the corpus: keep it where the corpus may be kept, do not "
                   "share or upload it.</div>\n"
                   "<header class=\"bar\">\n<h1>");
    ck_html_esc(b, title);
    ck_buf_adds(b, "</h1>\n<div class=\"pick\">"
                   "<button type=\"button\" id=\"prev\" aria-label=\"Previous document\">‹</button>"
                   "<label for=\"picker\">Document</label> <select id=\"picker\"></select>"
                   "<button type=\"button\" id=\"next\" aria-label=\"Next document\">›</button>"
                   " <span id=\"pos\" class=\"muted\"></span></div>\n</header>\n"
                   "<noscript><p class=\"noscript\">This viewer needs JavaScript.</p></noscript>\n"
                   "<main id=\"main\"></main>\n");
    ck_status rc = flush(v, d);
    if (rc) {
        ck_viewer_close(v, d);
        return rc;
    }
    *vp = v;
    return CK_OK;
}

ck_status ck_viewer_add(ck_viewer *v, const ck_doc *doc, ck_diag *d)
{
    if (!v || !doc)
        return CK_ERR_USAGE;
    json_t *j = doc_json(doc);
    if (!j)
        return CK_ERR_NOMEM;
    ck_buf_addf(&v->buf, "<script type=\"application/json\" id=\"ck-doc-%zu\">", v->n);
    int bad = ck_json_safe(&v->buf, j);
    json_decref(j);
    ck_buf_adds(&v->buf, "</script>\n");
    if (bad)
        return CK_ERR_NOMEM;
    json_array_append_new(v->ids, ck_json_str(doc->id ? doc->id : ""));
    for (size_t i = 0; i < doc->n_entities; i++) {
        json_t *t = ck_json_str(doc->entities[i].type ? doc->entities[i].type : "");
        json_object_set_new(v->types, json_string_value(t), json_true());
        json_decref(t);
    }
    v->n++;
    return flush(v, d);
}

ck_status ck_viewer_close(ck_viewer *v, ck_diag *d)
{
    if (!v)
        return CK_OK;
    /* The index: document ids, and the corpus's entity types so that the
     * page can give each type its own colour across all documents. */
    json_t *types = json_array(), *index;
    const char *key;
    json_t *val;
    json_object_foreach(v->types, key, val)
        json_array_append_new(types, json_string(key));
    index = json_pack("{s:O,s:o}", "ids", v->ids, "types", types);
    ck_buf_adds(&v->buf, "<script type=\"application/json\" id=\"ck-index\">");
    ck_json_safe(&v->buf, index);
    json_decref(index);
    ck_buf_adds(&v->buf, "</script>\n<script>\n");
    ck_buf_adds(&v->buf, ck_site_asset("view.js"));
    ck_buf_adds(&v->buf, "</script>\n</body>\n</html>\n");
    ck_status rc = flush(v, d);
    if (!rc && fflush(v->out) != 0) {
        ck_diag_add(d, CK_SEV_ERROR, "output", 0, 0, (size_t)-1, "write failed");
        rc = CK_ERR_IO;
    }
    json_decref(v->ids);
    json_decref(v->types);
    ck_buf_free(&v->buf);
    free(v);
    return rc;
}
