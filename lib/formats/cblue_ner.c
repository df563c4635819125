/*
 * cblue_ner.c — CBLUE CMeEE (and CMeEE-V2) named entities and CMeIE (and
 * CMeIE-V2) relation triples.
 *
 * CMeEE: a JSON array of {"text", "entities": [{"start_idx", "end_idx",
 * "type", "entity"}]}. end_idx is INCLUSIVE (entity == text[start:end+1]);
 * the model's spans are end-exclusive, so the reader adds one and the
 * writer takes it off. Entities may nest. The README's example spells the
 * key "entity: " — read as "entity" with a note.
 *
 * CMeIE: JSON Lines of {"text", "spo_list": [{"Combined", "predicate",
 * "subject", "subject_type", "object": {"@value"}, "object_type":
 * {"@value"}}]}. The file has no offsets: like the baselines, each entity
 * is placed at the first occurrence of its string (cb_locate_entity); the
 * file's string is kept. A triple becomes relation type = predicate with
 * args Subject -> Object and attr "Combined" = "true"/"false".
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cblue_json.h"

static int ent_attr(ck_doc *d, void *t, const char *k, const char *v)
{
    return ck_entity_add_attr(d, t, NULL, k, v);
}
static int rel_attr(ck_doc *d, void *t, const char *k, const char *v)
{
    return ck_relation_add_attr(d, t, NULL, k, v);
}

/* ---- CMeEE ---- */

static const char *const ee_canon[] = {"text", "entities", NULL};
static const char *const ee_ent_canon[] = {"start_idx", "end_idx", "type", "entity", NULL};
static ck_status ee_build(const cb_rec *r, ck_doc **out);
static const cb_task ee_task = {"CMeEE", CB_ARRAY, ee_build, ee_canon, NULL};

/* "entity: " and the like: the README typo of "entity" */
static int typo_entity_key(const char *k)
{
    if (strncmp(k, "entity", 6) || !k[6])
        return 0;
    for (const char *p = k + 6; *p; p++)
        if (*p != ':' && *p != ' ')
            return 0;
    return 1;
}

static ck_status ee_entity(const cb_rec *r, ck_doc *doc, size_t k, json_t *o)
{
    if (!json_is_object(o))
        return cb_err(r, "entity %zu: expected an object", k + 1);
    json_t *s = NULL, *e = NULL, *type = NULL, *name = NULL;
    int typo = 0;
    const char *key;
    json_t *v;
    json_object_foreach(o, key, v) {
        if (!strcmp(key, "start_idx"))
            s = v;
        else if (!strcmp(key, "end_idx"))
            e = v;
        else if (!strcmp(key, "type"))
            type = v;
        else if (!strcmp(key, "entity"))
            name = v;
        else if (typo_entity_key(key) && !name) {
            name = v;
            typo = 1;
            ck_diag_add(r->d, CK_SEV_NOTE, r->file, r->line, 0, (size_t)-1,
                        "record %zu, entity %zu: key \"%s\" read as \"entity\"", r->index + 1,
                        k + 1, key);
        }
    }
    if (!json_is_integer(s) || !json_is_integer(e))
        return cb_err(r, "entity %zu: \"start_idx\" and \"end_idx\" must be integers", k + 1);
    if (!json_is_string(type))
        return cb_err(r, "entity %zu: \"type\" must be a string", k + 1);
    if (name && !json_is_string(name))
        return cb_err(r, "entity %zu: \"entity\" must be a string", k + 1);
    json_int_t si = json_integer_value(s), ei = json_integer_value(e);
    if (si < 0 || ei < si - 1 || (size_t)ei + 1 > doc->text_cps)
        return cb_err(r,
                      "entity %zu: start_idx %lld, end_idx %lld (inclusive) do not fit the text "
                      "of %zu characters",
                      k + 1, (long long)si, (long long)ei, doc->text_cps);
    if (ei == si - 1)
        cb_warn(r, "entity %zu: end_idx %lld before start_idx: an empty entity", k + 1,
                (long long)ei);
    char id[32];
    snprintf(id, sizeof id, "T%zu", k + 1);
    ck_entity *ent = ck_doc_add_entity(doc, id, json_string_value(type));
    /* no "entity" string: the text at the offsets stands for it (the writer writes it) */
    const char *p = NULL;
    size_t nb = 0;
    if (!name)
        ck_doc_slice(doc, (size_t)si, (size_t)ei + 1, &p, &nb);
    const char *str = name ? json_string_value(name) : ck_doc_strndup(doc, p ? p : "", nb);
    if (!ent || !str || ck_entity_add_span(doc, ent, (size_t)si, (size_t)ei + 1, str))
        return CK_ERR_NOMEM;
    json_object_foreach(o, key, v) {
        if (!cb_in(ee_ent_canon, key) && !typo_entity_key(key) &&
            cb_keep_attr(doc, ent, ent_attr, NULL, key, v))
            return CK_ERR_NOMEM;
    }
    char *order = cb_key_order(ee_ent_canon, o);
    /* a typo key is not kept: the writer writes "entity" in its place */
    if (order && !typo && ent_attr(doc, ent, "key_order", order)) {
        free(order);
        return CK_ERR_NOMEM;
    }
    free(order);
    return CK_OK;
}

static ck_status ee_build(const cb_rec *r, ck_doc **out)
{
    json_t *o = r->value, *text = json_object_get(o, "text"), *ents = json_object_get(o, "entities");
    if (!json_is_string(text))
        return cb_err(r, "\"text\" must be a string");
    if (ents && !json_is_array(ents))
        return cb_err(r, "\"entities\" must be a list");
    ck_doc *doc = *out = cb_doc_new(r);
    if (!doc)
        return CK_ERR_NOMEM;
    if (cb_set_text(doc, text))
        return cb_err(r, "\"text\" is not valid UTF-8");
    const char *key;
    json_t *v;
    json_object_foreach(o, key, v) {
        if (!cb_in(ee_canon, key) && cb_keep_extra(doc, &ee_task, key, v))
            return CK_ERR_NOMEM;
    }
    char *order = cb_key_order(ee_canon, o);
    if (order)
        ck_doc_add_meta(doc, "key_order", order);
    free(order);
    size_t i;
    json_array_foreach(ents, i, v) {
        ck_status rc = ee_entity(r, doc, i, v);
        if (rc)
            return rc;
    }
    return CK_OK;
}

/* Is key one of the comma-separated names in order? */
static int has_key(const char *order, const char *key)
{
    size_t n = strlen(key);
    for (const char *p = order; p && *p;) {
        const char *c = strchr(p, ',');
        size_t len = c ? (size_t)(c - p) : strlen(p);
        if (len == n && !strncmp(p, key, n))
            return 1;
        p = c ? c + 1 : NULL;
    }
    return 0;
}

/* a malloc'd copy of the text of [start,end) */
static char *slice(const ck_doc *doc, size_t s, size_t e)
{
    const char *p;
    size_t n;
    if (ck_doc_slice(doc, s, e, &p, &n))
        return NULL;
    return strndup(p, n);
}

static json_t *ee_record(const ck_doc *doc, ck_diag *d)
{
    if (!doc->text) {
        ck_diag_add(d, CK_SEV_ERROR, doc->id, 0, 0, (size_t)-1,
                    "CMeEE needs the document text; this document has none");
        return NULL;
    }
    json_t *ents = json_array();
    for (size_t i = 0; i < doc->n_entities; i++) {
        const ck_entity *e = &doc->entities[i];
        if (!e->n_spans)
            continue;
        size_t s = e->spans[0].start, en = e->spans[e->n_spans - 1].end;
        if (e->n_spans > 1)
            ck_diag_add(d, CK_SEV_WARNING, doc->id, 0, 0, (size_t)-1,
                        "entity %s has %zu fragments; CMeEE keeps one span: written as %zu..%zu",
                        e->id ? e->id : "?", e->n_spans, s, en);
        json_t *o = json_object();
        json_object_set_new(o, "start_idx", json_integer((json_int_t)s));
        json_object_set_new(o, "end_idx", json_integer((json_int_t)en - 1));
        json_object_set_new(o, "type", cb_str(e->type ? e->type : ""));
        const char *order = ck_attr_get(e->attrs, e->n_attrs, "key_order");
        if (order && !has_key(order, "entity"))
            ; /* the source record had no "entity": write none */
        else if (e->n_spans == 1 && e->texts[0])
            json_object_set_new(o, "entity", json_string(e->texts[0]));
        else {
            char *t = slice(doc, s, en);
            json_object_set_new(o, "entity", cb_str(t ? t : ""));
            free(t);
        }
        cb_restore_attrs(o, e->attrs, e->n_attrs, NULL, NULL);
        o = cb_reorder(o, ck_attr_get(e->attrs, e->n_attrs, "key_order"));
        json_array_append_new(ents, o);
    }
    json_t *rec = json_object();
    json_object_set_new(rec, "text", json_string(doc->text));
    json_object_set_new(rec, "entities", ents);
    return cb_finish_record(doc, &ee_task, rec);
}

CB_JSON_FORMAT(cmeee, ee_task, ee_record, "cblue-cmeee",
               "CBLUE CMeEE / CMeEE-V2 Chinese medical NER (JSON array, end_idx inclusive)",
               "the CMeEE/ folder (CMeEE_train.json, ...; CMeEE-V2_*.json) or one .json file");

/* ---- CMeIE ---- */

static const char *const ie_canon[] = {"text", "spo_list", NULL};
static const char *const spo_canon[] = {"Combined", "predicate", "subject", "subject_type",
                                        "object", "object_type", NULL};
static ck_status ie_build(const cb_rec *r, ck_doc **out);
static const cb_task ie_task = {"CMeIE", CB_LINES, ie_build, ie_canon, NULL};

/* {"@value": "x", ...} -> "x"; other keys kept as attrs prefix+key */
static const char *value_dict(const cb_rec *r, size_t k, const char *what, json_t *v)
{
    json_t *x = json_object_get(v, "@value");
    if (!json_is_object(v) || !json_is_string(x)) {
        cb_err(r, "triple %zu: \"%s\" must be an object with a string \"@value\"", k + 1,
               what);
        return NULL;
    }
    return json_string_value(x);
}

static ck_status ie_triple(const cb_rec *r, ck_doc *doc, size_t k, json_t *o)
{
    if (!json_is_object(o))
        return cb_err(r, "triple %zu: expected an object", k + 1);
    json_t *subj = json_object_get(o, "subject"), *st = json_object_get(o, "subject_type");
    json_t *pred = json_object_get(o, "predicate"), *comb = json_object_get(o, "Combined");
    json_t *obj = json_object_get(o, "object"), *ot = json_object_get(o, "object_type");
    if (!json_is_string(subj) || !json_is_string(pred))
        return cb_err(r, "triple %zu: \"subject\" and \"predicate\" must be strings", k + 1);
    if (st && !json_is_string(st))
        return cb_err(r, "triple %zu: \"subject_type\" must be a string", k + 1);
    if (comb && !json_is_boolean(comb))
        return cb_err(r, "triple %zu: \"Combined\" must be true or false", k + 1);
    const char *ostr = value_dict(r, k, "object", obj), *otype = NULL;
    if (ostr && ot)
        otype = value_dict(r, k, "object_type", ot);
    if (!ostr || (ot && !otype)) /* reported: strict stops, lenient drops the record */
        return ck_diag_strict(r->d) ? CK_ERR_PARSE : CK_OK;
    int fs, fo;
    const char *sid = cb_locate_entity(doc, st ? json_string_value(st) : "",
                                       json_string_value(subj), &fs);
    if (!sid)
        return CK_ERR_NOMEM;
    const char *oid = cb_locate_entity(doc, otype ? otype : "", ostr, &fo);
    if (!oid)
        return CK_ERR_NOMEM;
    if (!fs)
        cb_warn(r, "triple %zu: the subject does not occur in the text (kept without offsets)",
                k + 1);
    if (!fo)
        cb_warn(r, "triple %zu: the object does not occur in the text (kept without offsets)",
                k + 1);
    char id[32];
    snprintf(id, sizeof id, "R%zu", k + 1);
    ck_relation *rel = ck_doc_add_relation(doc, id, json_string_value(pred));
    if (!rel || ck_relation_add_arg(doc, rel, "Subject", sid) ||
        ck_relation_add_arg(doc, rel, "Object", oid))
        return CK_ERR_NOMEM;
    if (comb && ck_relation_add_attr(doc, rel, NULL, "Combined",
                                     json_is_true(comb) ? "true" : "false"))
        return CK_ERR_NOMEM;
    const char *key;
    json_t *v;
    json_object_foreach(o, key, v) {
        if (!cb_in(spo_canon, key) && cb_keep_attr(doc, rel, rel_attr, NULL, key, v))
            return CK_ERR_NOMEM;
    }
    json_object_foreach(obj, key, v) {
        if (strcmp(key, "@value") && cb_keep_attr(doc, rel, rel_attr, "object:", key, v))
            return CK_ERR_NOMEM;
    }
    json_object_foreach(ot, key, v) {
        if (strcmp(key, "@value") && cb_keep_attr(doc, rel, rel_attr, "object_type:", key, v))
            return CK_ERR_NOMEM;
    }
    char *order = cb_key_order(spo_canon, o);
    int r2 = order ? ck_relation_add_attr(doc, rel, NULL, "key_order", order) : 0;
    free(order);
    return r2 ? CK_ERR_NOMEM : CK_OK;
}

static ck_status ie_build(const cb_rec *r, ck_doc **out)
{
    json_t *o = r->value, *text = json_object_get(o, "text"), *spo = json_object_get(o, "spo_list");
    if (!json_is_string(text))
        return cb_err(r, "\"text\" must be a string");
    if (spo && !json_is_array(spo))
        return cb_err(r, "\"spo_list\" must be a list");
    ck_doc *doc = *out = cb_doc_new(r);
    if (!doc)
        return CK_ERR_NOMEM;
    if (cb_set_text(doc, text))
        return cb_err(r, "\"text\" is not valid UTF-8");
    const char *key;
    json_t *v;
    json_object_foreach(o, key, v) {
        if (!cb_in(ie_canon, key) && cb_keep_extra(doc, &ie_task, key, v))
            return CK_ERR_NOMEM;
    }
    char *order = cb_key_order(ie_canon, o);
    if (order)
        ck_doc_add_meta(doc, "key_order", order);
    free(order);
    size_t i;
    json_array_foreach(spo, i, v) {
        ck_status rc = ie_triple(r, doc, i, v);
        if (rc)
            return rc;
    }
    return CK_OK;
}

static const char *arg_ref(const ck_relation *r, const char *role, size_t fallback)
{
    for (size_t i = 0; i < r->n_args; i++)
        if (r->args[i].role && !strcmp(r->args[i].role, role))
            return r->args[i].ref;
    return fallback < r->n_args ? r->args[fallback].ref : NULL;
}

static json_t *entity_string(const ck_doc *doc, const ck_entity *e)
{
    const char *s = cb_entity_string(doc, e);
    if (s)
        return json_string(s);
    if (!e->n_spans)
        return json_string("");
    char *t = slice(doc, e->spans[0].start, e->spans[e->n_spans - 1].end);
    json_t *j = json_string(t ? t : "");
    free(t);
    return j;
}

static json_t *ie_record(const ck_doc *doc, ck_diag *d)
{
    json_t *spo = json_array();
    for (size_t i = 0; i < doc->n_relations; i++) {
        const ck_relation *r = &doc->relations[i];
        const ck_entity *s = ck_doc_find_entity(doc, arg_ref(r, "Subject", 0));
        const ck_entity *o = ck_doc_find_entity(doc, arg_ref(r, "Object", 1));
        if (!s || !o) {
            ck_diag_add(d, CK_SEV_WARNING, doc->id, 0, 0, (size_t)-1,
                        "relation %s: subject or object entity missing; not written",
                        r->id ? r->id : "?");
            continue;
        }
        json_t *t = json_object();
        const char *comb = ck_attr_get(r->attrs, r->n_attrs, "Combined");
        if (comb)
            json_object_set_new(t, "Combined", !strcmp(comb, "true")    ? json_true()
                                               : !strcmp(comb, "false") ? json_false()
                                                                        : json_string(comb));
        json_object_set_new(t, "predicate", cb_str(r->type ? r->type : ""));
        json_object_set_new(t, "subject", entity_string(doc, s));
        json_object_set_new(t, "subject_type", cb_str(s->type ? s->type : ""));
        json_t *ov = json_pack("{s:o}", "@value", entity_string(doc, o));
        json_t *otv = json_pack("{s:s}", "@value", o->type ? o->type : "");
        cb_restore_attrs(ov, r->attrs, r->n_attrs, "object:", NULL);
        cb_restore_attrs(otv, r->attrs, r->n_attrs, "object_type:", NULL);
        json_object_set_new(t, "object", ov);
        json_object_set_new(t, "object_type", otv);
        static const char *const skip[] = {"Combined", NULL};
        cb_restore_attrs(t, r->attrs, r->n_attrs, NULL, skip);
        json_array_append_new(spo, cb_reorder(t, ck_attr_get(r->attrs, r->n_attrs, "key_order")));
    }
    json_t *rec = json_object();
    json_object_set_new(rec, "text", cb_str(doc->text ? doc->text : ""));
    json_object_set_new(rec, "spo_list", spo);
    return cb_finish_record(doc, &ie_task, rec);
}

CB_JSON_FORMAT(cmeie, ie_task, ie_record, "cblue-cmeie",
               "CBLUE CMeIE / CMeIE-V2 relation triples (JSON Lines spo_list; entities "
               "placed at the first match)",
               "the CMeIE/ folder (CMeIE_train.json, ...; CMeIE-V2_*.jsonl) or one file");
