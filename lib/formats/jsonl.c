/*
 * jsonl.c — one JSON object per line, compatible with BigBIO's bigbio_kb
 * schema, plus clinkit's documented extensions (docs/schema.md): the full
 * "text", "metadata", "labels", "notes", per-annotation "attributes",
 * relation "arguments" with role names, event "trigger_id".
 *
 * bigbio_kb keeps the text in passages; when a document has text, the
 * writer adds one passage of type "document" covering all of it, marked
 * "clinkit_generated": true, which the reader drops again — so consumers
 * of bigbio_kb see the text and a round trip gives the identical model.
 *
 * Reading streams line by line: a multi-GB file never sits in memory.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "clinkit/format.h"
#include "clinkit/io.h"
#include "core/buf.h"

/* ---- writing ---- */

static json_t *str_or_null(const char *s)
{
    return s ? json_string(s) : json_null();
}

static json_t *attrs_json(const ck_attr *a, size_t n)
{
    json_t *arr = json_array();
    for (size_t i = 0; i < n; i++) {
        json_t *o = json_object();
        json_object_set_new(o, "id", str_or_null(a[i].id));
        json_object_set_new(o, "key", str_or_null(a[i].key));
        json_object_set_new(o, "value", str_or_null(a[i].value));
        json_array_append_new(arr, o);
    }
    return arr;
}

static void spans_json(const ck_entity *e, json_t *o)
{
    json_t *texts = json_array(), *offs = json_array();
    size_t nt = e->n_spans;
    while (nt && !e->texts[nt - 1])
        nt--;
    for (size_t i = 0; i < nt; i++)
        json_array_append_new(texts, str_or_null(e->texts[i]));
    for (size_t i = 0; i < e->n_spans; i++)
        json_array_append_new(offs, json_pack("[II]", (json_int_t)e->spans[i].start,
                                              (json_int_t)e->spans[i].end));
    json_object_set_new(o, "text", texts);
    json_object_set_new(o, "offsets", offs);
}

static json_t *entity_json(const ck_entity *e, int passage)
{
    json_t *o = json_object();
    json_object_set_new(o, "id", str_or_null(e->id));
    json_object_set_new(o, "type", str_or_null(e->type));
    spans_json(e, o);
    if (!passage) {
        json_t *norms = json_array();
        for (size_t i = 0; i < e->n_norms; i++) {
            json_t *n = json_object();
            json_object_set_new(n, "db_name", str_or_null(e->norms[i].db));
            json_object_set_new(n, "db_id", str_or_null(e->norms[i].id));
            if (e->norms[i].nid)
                json_object_set_new(n, "id", json_string(e->norms[i].nid));
            if (e->norms[i].text)
                json_object_set_new(n, "text", json_string(e->norms[i].text));
            json_array_append_new(norms, n);
        }
        json_object_set_new(o, "normalized", norms);
    }
    json_object_set_new(o, "attributes", attrs_json(e->attrs, e->n_attrs));
    return o;
}

static json_t *args_json(const ck_arg *a, size_t n)
{
    json_t *arr = json_array();
    for (size_t i = 0; i < n; i++)
        json_array_append_new(arr, json_pack("{s:o,s:o}", "role",
                                             str_or_null(a[i].role), "ref_id",
                                             str_or_null(a[i].ref)));
    return arr;
}

json_t *ck_jsonl_doc_to_json(const ck_doc *doc);
json_t *ck_jsonl_doc_to_json(const ck_doc *doc)
{
    json_t *o = json_object();
    json_object_set_new(o, "id", str_or_null(doc->id));
    json_object_set_new(o, "document_id", str_or_null(doc->id));
    json_object_set_new(o, "text", str_or_null(doc->text));

    json_t *meta = json_array();
    for (size_t i = 0; i < doc->n_meta; i++)
        json_array_append_new(meta, json_pack("{s:o,s:o}", "key",
                                              str_or_null(doc->meta[i].key),
                                              "value",
                                              str_or_null(doc->meta[i].value)));
    json_object_set_new(o, "metadata", meta);

    json_t *labels = json_array();
    for (size_t i = 0; i < doc->n_labels; i++) {
        const ck_label *l = &doc->labels[i];
        json_array_append_new(labels,
                              json_pack("{s:o,s:o,s:o}", "name", str_or_null(l->name),
                                        "value", str_or_null(l->value), "attributes",
                                        attrs_json(l->attrs, l->n_attrs)));
    }
    json_object_set_new(o, "labels", labels);

    json_t *passages = json_array();
    for (size_t i = 0; i < doc->n_passages; i++)
        json_array_append_new(passages, entity_json(&doc->passages[i], 1));
    if (doc->text) {
        json_t *p = json_object();
        char pid[64];
        snprintf(pid, sizeof pid, "%s", "document");
        json_object_set_new(p, "id", json_string(pid));
        json_object_set_new(p, "type", json_string("document"));
        json_object_set_new(p, "text", json_pack("[s]", doc->text));
        json_object_set_new(p, "offsets",
                            json_pack("[[II]]", (json_int_t)0, (json_int_t)doc->text_cps));
        json_object_set_new(p, "clinkit_generated", json_true());
        json_array_append_new(passages, p);
    }
    json_object_set_new(o, "passages", passages);

    json_t *ents = json_array();
    for (size_t i = 0; i < doc->n_entities; i++)
        json_array_append_new(ents, entity_json(&doc->entities[i], 0));
    json_object_set_new(o, "entities", ents);

    json_t *events = json_array();
    for (size_t i = 0; i < doc->n_events; i++) {
        const ck_event *ev = &doc->events[i];
        json_t *e = json_object();
        json_object_set_new(e, "id", str_or_null(ev->id));
        json_object_set_new(e, "type", str_or_null(ev->type));
        json_t *trig = json_object();
        const ck_entity *t = ck_doc_find_entity(doc, ev->trigger);
        if (t)
            spans_json(t, trig);
        else {
            json_object_set_new(trig, "text", json_array());
            json_object_set_new(trig, "offsets", json_array());
        }
        json_object_set_new(e, "trigger", trig);
        json_object_set_new(e, "trigger_id", str_or_null(ev->trigger));
        json_object_set_new(e, "arguments", args_json(ev->args, ev->n_args));
        json_object_set_new(e, "attributes", attrs_json(ev->attrs, ev->n_attrs));
        json_array_append_new(events, e);
    }
    json_object_set_new(o, "events", events);

    json_t *corefs = json_array();
    for (size_t i = 0; i < doc->n_corefs; i++) {
        const ck_coref *c = &doc->corefs[i];
        json_t *ids = json_array();
        for (size_t k = 0; k < c->n_refs; k++)
            json_array_append_new(ids, str_or_null(c->refs[k]));
        json_array_append_new(corefs, json_pack("{s:o,s:o,s:o}", "id", str_or_null(c->id),
                                                "type", str_or_null(c->type),
                                                "entity_ids", ids));
    }
    json_object_set_new(o, "coreferences", corefs);

    json_t *rels = json_array();
    for (size_t i = 0; i < doc->n_relations; i++) {
        const ck_relation *r = &doc->relations[i];
        json_t *j = json_object();
        json_object_set_new(j, "id", str_or_null(r->id));
        json_object_set_new(j, "type", str_or_null(r->type));
        json_object_set_new(j, "arg1_id", str_or_null(r->n_args > 0 ? r->args[0].ref : NULL));
        json_object_set_new(j, "arg2_id", str_or_null(r->n_args > 1 ? r->args[1].ref : NULL));
        json_object_set_new(j, "normalized", json_array());
        json_object_set_new(j, "arguments", args_json(r->args, r->n_args));
        json_object_set_new(j, "attributes", attrs_json(r->attrs, r->n_attrs));
        json_array_append_new(rels, j);
    }
    json_object_set_new(o, "relations", rels);

    json_t *notes = json_array();
    for (size_t i = 0; i < doc->n_notes; i++) {
        const ck_note *n = &doc->notes[i];
        json_array_append_new(notes, json_pack("{s:o,s:o,s:o,s:o}", "id", str_or_null(n->id),
                                               "type", str_or_null(n->type), "ref_id",
                                               str_or_null(n->ref), "text",
                                               str_or_null(n->text)));
    }
    json_object_set_new(o, "notes", notes);
    return o;
}

typedef struct jw {
    FILE *f;
    int own;
    char *path;
} jw;

static ck_status jsonl_writer_open(const char *path, ck_opts opts,
                                   void **state, ck_diag *d)
{
    if (ck_opts_check(opts, NULL, d))
        return CK_ERR_USAGE;
    jw *w = calloc(1, sizeof *w);
    if (!w)
        return CK_ERR_NOMEM;
    if (strcmp(path, "-") == 0)
        w->f = stdout;
    else {
        w->f = fopen(path, "w");
        w->own = 1;
    }
    if (!w->f) {
        ck_diag_add(d, CK_SEV_ERROR, path, 0, 0, (size_t)-1,
                    "cannot write this file");
        free(w);
        return CK_ERR_IO;
    }
    w->path = strdup(path);
    *state = w;
    return CK_OK;
}

static ck_status jsonl_writer_write(void *state, const ck_doc *doc, ck_diag *d)
{
    jw *w = state;
    json_t *o = ck_jsonl_doc_to_json(doc);
    if (!o)
        return CK_ERR_NOMEM;
    int rc = json_dumpf(o, w->f, JSON_COMPACT);
    json_decref(o);
    if (rc != 0 || fputc('\n', w->f) == EOF) {
        ck_diag_add(d, CK_SEV_ERROR, w->path, 0, 0, (size_t)-1, "write failed");
        return CK_ERR_IO;
    }
    return CK_OK;
}

static ck_status jsonl_writer_close(void *state, ck_diag *d)
{
    jw *w = state;
    ck_status rc = CK_OK;
    if (fflush(w->f) != 0 || (w->own && fclose(w->f) != 0)) {
        ck_diag_add(d, CK_SEV_ERROR, w->path, 0, 0, (size_t)-1, "write failed");
        rc = CK_ERR_IO;
    }
    free(w->path);
    free(w);
    return rc;
}

/* ---- reading ---- */

typedef struct rctx {
    const char *file;
    size_t line;
    ck_diag *d;
    ck_doc *doc;
} rctx;

/* Optional string member: NULL if absent or null; -1 if of another type. */
static int get_str(json_t *o, const char *key, const char **out)
{
    json_t *v = json_object_get(o, key);
    *out = NULL;
    if (!v || json_is_null(v))
        return 0;
    if (!json_is_string(v))
        return -1;
    *out = json_string_value(v);
    return 0;
}

#define BAD(...) return ck_diag_error(c->d, c->file, c->line, __VA_ARGS__)

static ck_status read_attrs(rctx *c, json_t *arr, ck_attr **out_unused,
                            int (*add)(ck_doc *, void *, const char *,
                                       const char *, const char *),
                            void *target)
{
    (void)out_unused;
    if (!arr)
        return CK_OK;
    if (!json_is_array(arr))
        BAD("\"attributes\" must be a list");
    size_t i;
    json_t *a;
    json_array_foreach(arr, i, a) {
        const char *id, *key, *value;
        if (!json_is_object(a) || get_str(a, "id", &id) || get_str(a, "key", &key) ||
            get_str(a, "value", &value) || !key)
            BAD("attribute %zu: expected {\"id\", \"key\", \"value\"} with string key", i);
        if (add(c->doc, target, id, key, value))
            return CK_ERR_NOMEM;
    }
    return CK_OK;
}

static int add_entity_attr(ck_doc *d, void *t, const char *id, const char *k, const char *v)
{
    return ck_entity_add_attr(d, t, id, k, v);
}
static int add_rel_attr(ck_doc *d, void *t, const char *id, const char *k, const char *v)
{
    return ck_relation_add_attr(d, t, id, k, v);
}
static int add_event_attr(ck_doc *d, void *t, const char *id, const char *k, const char *v)
{
    return ck_event_add_attr(d, t, id, k, v);
}
static int add_label_attr(ck_doc *d, void *t, const char *id, const char *k, const char *v)
{
    (void)id;
    return ck_label_add_attr(d, t, k, v);
}

static ck_status read_spans(rctx *c, json_t *o, ck_entity *e, const char *what)
{
    json_t *offs = json_object_get(o, "offsets"), *texts = json_object_get(o, "text");
    if (!json_is_array(offs) || (texts && !json_is_array(texts)))
        BAD("%s %s: \"offsets\" and \"text\" must be lists", what, e->id ? e->id : "?");
    if (texts && json_array_size(texts) > json_array_size(offs))
        BAD("%s %s: more texts than offsets", what, e->id ? e->id : "?");
    size_t i;
    json_t *p;
    json_array_foreach(offs, i, p) {
        json_t *s = json_array_get(p, 0), *en = json_array_get(p, 1);
        if (!json_is_array(p) || json_array_size(p) != 2 || !json_is_integer(s) ||
            !json_is_integer(en) || json_integer_value(s) < 0 || json_integer_value(en) < 0)
            BAD("%s %s: offset %zu must be [start, end] with non-negative integers",
                what, e->id ? e->id : "?", i);
        json_t *t = texts ? json_array_get(texts, i) : NULL;
        if (t && !json_is_string(t) && !json_is_null(t))
            BAD("%s %s: text %zu must be a string", what, e->id ? e->id : "?", i);
        if (ck_entity_add_span(c->doc, e, (size_t)json_integer_value(s),
                               (size_t)json_integer_value(en),
                               t && json_is_string(t) ? json_string_value(t) : NULL))
            return CK_ERR_NOMEM;
    }
    return CK_OK;
}

static ck_status read_entity(rctx *c, json_t *o, int passage)
{
    const char *id, *type;
    if (!json_is_object(o) || get_str(o, "id", &id) || get_str(o, "type", &type))
        BAD("%s: expected an object with string \"id\" and \"type\"",
            passage ? "passage" : "entity");
    if (passage && json_is_true(json_object_get(o, "clinkit_generated")))
        return CK_OK;
    ck_entity *e = passage ? ck_doc_add_passage(c->doc, id, type)
                           : ck_doc_add_entity(c->doc, id, type);
    if (!e)
        return CK_ERR_NOMEM;
    ck_status rc = read_spans(c, o, e, passage ? "passage" : "entity");
    if (rc)
        return rc;
    json_t *norms = json_object_get(o, "normalized");
    if (norms && !json_is_array(norms))
        BAD("entity %s: \"normalized\" must be a list", id ? id : "?");
    size_t i;
    json_t *n;
    json_array_foreach(norms, i, n) {
        const char *db, *dbid, *nid, *text;
        if (!json_is_object(n) || get_str(n, "db_name", &db) || get_str(n, "db_id", &dbid) ||
            get_str(n, "id", &nid) || get_str(n, "text", &text))
            BAD("entity %s: normalization %zu must have string db_name and db_id",
                id ? id : "?", i);
        if (ck_entity_add_norm(c->doc, e, nid, db, dbid, text))
            return CK_ERR_NOMEM;
    }
    return read_attrs(c, json_object_get(o, "attributes"), NULL, add_entity_attr, e);
}

static ck_status read_args(rctx *c, json_t *arr, void *target, int event)
{
    size_t i;
    json_t *a;
    if (!json_is_array(arr))
        BAD("\"arguments\" must be a list");
    json_array_foreach(arr, i, a) {
        const char *role, *ref;
        if (!json_is_object(a) || get_str(a, "role", &role) || get_str(a, "ref_id", &ref))
            BAD("argument %zu: expected {\"role\", \"ref_id\"}", i);
        int r = event ? ck_event_add_arg(c->doc, target, role, ref)
                      : ck_relation_add_arg(c->doc, target, role, ref);
        if (r)
            return CK_ERR_NOMEM;
    }
    return CK_OK;
}

static ck_status read_list(rctx *c, json_t *o, const char *key, json_t **out)
{
    *out = json_object_get(o, key);
    if (*out && !json_is_array(*out))
        BAD("\"%s\" must be a list", key);
    return CK_OK;
}

static ck_status parse_doc(rctx *c, json_t *o)
{
    ck_status rc;
    const char *id, *did, *text;
    if (!json_is_object(o))
        BAD("expected a JSON object");
    if (get_str(o, "id", &id) || get_str(o, "document_id", &did) || get_str(o, "text", &text))
        BAD("\"id\", \"document_id\" and \"text\" must be strings");
    ck_doc *doc = c->doc;
    ck_doc_set_id(doc, did ? did : id);
    json_t *tv = json_object_get(o, "text");
    if (tv && json_is_string(tv)) {
        size_t bad;
        if (ck_doc_set_text(doc, json_string_value(tv), json_string_length(tv), &bad))
            BAD("\"text\" is not valid UTF-8 (or holds a NUL character)");
    }
    json_t *arr, *x;
    size_t i;
    if ((rc = read_list(c, o, "metadata", &arr)))
        return rc;
    json_array_foreach(arr, i, x) {
        const char *k, *v;
        if (!json_is_object(x) || get_str(x, "key", &k) || get_str(x, "value", &v) || !k)
            BAD("metadata %zu: expected {\"key\": string, \"value\": string}", i);
        ck_doc_add_meta(doc, k, v);
    }
    if ((rc = read_list(c, o, "labels", &arr)))
        return rc;
    json_array_foreach(arr, i, x) {
        const char *n, *v;
        if (!json_is_object(x) || get_str(x, "name", &n) || get_str(x, "value", &v))
            BAD("label %zu: expected {\"name\", \"value\"}", i);
        ck_label *l = ck_doc_add_label(doc, n, v);
        if (!l)
            return CK_ERR_NOMEM;
        if ((rc = read_attrs(c, json_object_get(x, "attributes"), NULL, add_label_attr, l)))
            return rc;
    }
    if ((rc = read_list(c, o, "passages", &arr)))
        return rc;
    json_array_foreach(arr, i, x) if ((rc = read_entity(c, x, 1))) return rc;
    if ((rc = read_list(c, o, "entities", &arr)))
        return rc;
    json_array_foreach(arr, i, x) if ((rc = read_entity(c, x, 0))) return rc;
    if ((rc = read_list(c, o, "events", &arr)))
        return rc;
    json_array_foreach(arr, i, x) {
        const char *eid, *type, *trig;
        if (!json_is_object(x) || get_str(x, "id", &eid) || get_str(x, "type", &type) ||
            get_str(x, "trigger_id", &trig))
            BAD("event %zu: expected string \"id\", \"type\"", i);
        ck_event *ev = ck_doc_add_event(doc, eid, type, trig);
        if (!ev)
            return CK_ERR_NOMEM;
        json_t *args = json_object_get(x, "arguments");
        if (args && (rc = read_args(c, args, ev, 1)))
            return rc;
        if ((rc = read_attrs(c, json_object_get(x, "attributes"), NULL, add_event_attr, ev)))
            return rc;
    }
    if ((rc = read_list(c, o, "coreferences", &arr)))
        return rc;
    json_array_foreach(arr, i, x) {
        const char *cid, *type;
        json_t *ids = json_object_get(x, "entity_ids");
        if (!json_is_object(x) || get_str(x, "id", &cid) || get_str(x, "type", &type) ||
            !json_is_array(ids))
            BAD("coreference %zu: expected \"id\" and an \"entity_ids\" list", i);
        ck_coref *co = ck_doc_add_coref(doc, cid, type);
        if (!co)
            return CK_ERR_NOMEM;
        size_t k;
        json_t *r;
        json_array_foreach(ids, k, r) {
            if (!json_is_string(r))
                BAD("coreference %zu: entity_ids must be strings", i);
            if (ck_coref_add_ref(doc, co, json_string_value(r)))
                return CK_ERR_NOMEM;
        }
    }
    if ((rc = read_list(c, o, "relations", &arr)))
        return rc;
    json_array_foreach(arr, i, x) {
        const char *rid, *type, *a1, *a2;
        if (!json_is_object(x) || get_str(x, "id", &rid) || get_str(x, "type", &type) ||
            get_str(x, "arg1_id", &a1) || get_str(x, "arg2_id", &a2))
            BAD("relation %zu: expected string \"id\", \"type\", \"arg1_id\", \"arg2_id\"", i);
        ck_relation *r = ck_doc_add_relation(doc, rid, type);
        if (!r)
            return CK_ERR_NOMEM;
        json_t *args = json_object_get(x, "arguments");
        if (args) {
            if ((rc = read_args(c, args, r, 0)))
                return rc;
        } else if ((a1 && ck_relation_add_arg(doc, r, "Arg1", a1)) ||
                   (a2 && ck_relation_add_arg(doc, r, "Arg2", a2)))
            return CK_ERR_NOMEM;
        if ((rc = read_attrs(c, json_object_get(x, "attributes"), NULL, add_rel_attr, r)))
            return rc;
    }
    if ((rc = read_list(c, o, "notes", &arr)))
        return rc;
    json_array_foreach(arr, i, x) {
        const char *nid, *type, *ref, *ntext;
        if (!json_is_object(x) || get_str(x, "id", &nid) || get_str(x, "type", &type) ||
            get_str(x, "ref_id", &ref) || get_str(x, "text", &ntext))
            BAD("note %zu: expected strings \"id\", \"type\", \"ref_id\", \"text\"", i);
        if (!ck_doc_add_note(doc, nid, type, ref, ntext))
            return CK_ERR_NOMEM;
    }
    return CK_OK;
}

/* Parse one line; sends the document to the sink. */
static ck_status handle_line(rctx *c, const char *s, size_t n, ck_doc_sink sink,
                             void *user)
{
    while (n && (s[n - 1] == '\r' || s[n - 1] == ' ' || s[n - 1] == '\t'))
        n--;
    size_t k = 0;
    while (k < n && (s[k] == ' ' || s[k] == '\t'))
        k++;
    if (k == n)
        return CK_OK; /* blank line */
    json_error_t err;
    json_t *o = json_loadb(s, n, JSON_REJECT_DUPLICATES | JSON_ALLOW_NUL, &err);
    if (!o)
        return ck_diag_add(c->d, CK_SEV_ERROR, c->file, c->line, (size_t)err.column, (size_t)-1,
                           "invalid JSON: %s", err.text);
    c->doc = ck_doc_new(NULL);
    if (!c->doc) {
        json_decref(o);
        return CK_ERR_NOMEM;
    }
    size_t errors = ck_diag_count(c->d, CK_SEV_ERROR);
    ck_status rc = parse_doc(c, o);
    json_decref(o);
    ck_doc *doc = c->doc;
    c->doc = NULL;
    /* lenient mode: a document with an error is skipped whole (reported),
     * never passed on half-read */
    if (rc != CK_OK || ck_diag_count(c->d, CK_SEV_ERROR) > errors) {
        ck_doc_free(doc);
        return rc;
    }
    return sink(user, doc);
}

static ck_status jsonl_read(const char *path, ck_opts opts, ck_doc_sink sink,
                            void *user, ck_diag *d)
{
    if (ck_opts_check(opts, NULL, d))
        return CK_ERR_USAGE;
    ck_stream *st;
    ck_status rc = ck_stream_open(path, &st, d);
    if (rc)
        return rc;
    rctx c = {path, 0, d, NULL};
    ck_buf line;
    ck_buf_init(&line);
    char chunk[1 << 16];
    ssize_t k;
    while (rc == CK_OK && (k = ck_stream_read(st, chunk, sizeof chunk, d)) > 0) {
        const char *p = chunk, *end = chunk + k;
        while (rc == CK_OK && p < end) {
            const char *nl = memchr(p, '\n', (size_t)(end - p));
            if (!nl) {
                ck_buf_add(&line, p, (size_t)(end - p));
                break;
            }
            c.line++;
            if (line.n) {
                ck_buf_add(&line, p, (size_t)(nl - p));
                rc = handle_line(&c, line.p, line.n, sink, user);
                ck_buf_reset(&line);
            } else
                rc = handle_line(&c, p, (size_t)(nl - p), sink, user);
            p = nl + 1;
        }
        if (line.failed)
            rc = CK_ERR_NOMEM;
    }
    if (k < 0 && rc == CK_OK)
        rc = CK_ERR_IO;
    if (rc == CK_OK && line.n) {
        c.line++;
        rc = handle_line(&c, line.p, line.n, sink, user);
    }
    ck_buf_free(&line);
    ck_stream_close(st);
    return rc;
}

const ck_format ck_fmt_jsonl = {
    .id = "jsonl",
    .summary = "JSON Lines, one document per line, BigBIO bigbio_kb compatible (docs/schema.md)",
    .layout = "one .jsonl file (.gz accepted), or - for stdin/stdout",
    .flags = CK_FMT_STREAM,
    .read = jsonl_read,
    .writer_open = jsonl_writer_open,
    .writer_write = jsonl_writer_write,
    .writer_close = jsonl_writer_close,
};
