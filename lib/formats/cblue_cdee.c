/*
 * cblue_cdee.c — CBLUE CHIP-CDEE clinical discovery events: a JSON array
 * of {"id", "text", "event": [{"core_name", "tendency", "character": [...],
 * "anatomy_list": [...]}]}.
 *
 * Each event -> a ck_event of type "event": trigger = an entity of type
 * "core_name" (none when core_name is JSON null), attr "tendency" (the
 * file's string: "", "不确定", "否定"), args role "character" and
 * "anatomy" -> entities of those types, in list order. The file has no
 * offsets: entities are placed at the first occurrence of their string,
 * like CMeIE (cb_locate_entity); strings not in the text are kept as
 * entities without spans.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cblue_json.h"

static const char *const cdee_canon[] = {"id", "text", "event", NULL};
static const char *const ev_canon[] = {"core_name", "tendency", "character", "anatomy_list",
                                       NULL};
static const char *const cdee_meta[] = {"id", NULL};
static ck_status cdee_build(const cb_rec *r, ck_doc **out);
static const cb_task cdee_task = {"CHIP-CDEE", CB_ARRAY, cdee_build, cdee_canon, cdee_meta};

static int ev_attr(ck_doc *d, void *t, const char *k, const char *v)
{
    return ck_event_add_attr(d, t, NULL, k, v);
}

static ck_status add_list(const cb_rec *r, ck_doc *doc, size_t k, json_t *ev_json,
                          const char *key, const char *role, size_t ev_index)
{
    json_t *list = json_object_get(ev_json, key);
    if (!list)
        return CK_OK;
    if (!json_is_array(list))
        return cb_err(r, "event %zu: \"%s\" must be a list of strings", k + 1, key);
    size_t i;
    json_t *v;
    json_array_foreach(list, i, v) {
        if (!json_is_string(v))
            return cb_err(r, "event %zu: \"%s\" must be a list of strings", k + 1, key);
        int found;
        const char *id = cb_locate_entity(doc, role, json_string_value(v), &found);
        /* the entity add may have moved the events array: look the event up again */
        if (!id || ck_event_add_arg(doc, &doc->events[ev_index], role, id))
            return CK_ERR_NOMEM;
    }
    return CK_OK;
}

static ck_status cdee_event(const cb_rec *r, ck_doc *doc, size_t k, json_t *o)
{
    if (!json_is_object(o))
        return cb_err(r, "event %zu: expected an object", k + 1);
    json_t *core = json_object_get(o, "core_name"), *tend = json_object_get(o, "tendency");
    if (core && !json_is_string(core) && !json_is_null(core))
        return cb_err(r, "event %zu: \"core_name\" must be a string or null", k + 1);
    if (tend && !json_is_string(tend))
        return cb_err(r, "event %zu: \"tendency\" must be a string", k + 1);
    const char *trig = NULL;
    if (json_is_string(core)) {
        int found;
        if (!(trig = cb_locate_entity(doc, "core_name", json_string_value(core), &found)))
            return CK_ERR_NOMEM;
    }
    char id[32];
    snprintf(id, sizeof id, "E%zu", k + 1);
    ck_event *ev = ck_doc_add_event(doc, id, "event", trig);
    if (!ev)
        return CK_ERR_NOMEM;
    size_t at = doc->n_events - 1;
    if (tend && ck_event_add_attr(doc, ev, NULL, "tendency", json_string_value(tend)))
        return CK_ERR_NOMEM;
    ck_status rc = add_list(r, doc, k, o, "character", "character", at);
    if (rc == CK_OK)
        rc = add_list(r, doc, k, o, "anatomy_list", "anatomy", at);
    if (rc)
        return rc;
    const char *key;
    json_t *v;
    json_object_foreach(o, key, v) {
        if (!cb_in(ev_canon, key) &&
            cb_keep_attr(doc, &doc->events[at], ev_attr, NULL, key, v))
            return CK_ERR_NOMEM;
    }
    char *order = cb_key_order(ev_canon, o);
    int bad = order && ck_event_add_attr(doc, &doc->events[at], NULL, "key_order", order);
    free(order);
    return bad ? CK_ERR_NOMEM : CK_OK;
}

static ck_status cdee_build(const cb_rec *r, ck_doc **out)
{
    json_t *o = r->value, *text = json_object_get(o, "text"), *evs = json_object_get(o, "event");
    json_t *id = json_object_get(o, "id");
    if (!json_is_string(text))
        return cb_err(r, "\"text\" must be a string");
    if (evs && !json_is_array(evs))
        return cb_err(r, "\"event\" must be a list");
    ck_doc *doc = *out = cb_doc_new(r);
    if (!doc)
        return CK_ERR_NOMEM;
    if (cb_set_text(doc, text))
        return cb_err(r, "\"text\" is not valid UTF-8");
    const char *key;
    json_t *v;
    json_object_foreach(o, key, v) {
        if (!strcmp(key, "id") && json_is_string(id))
            ck_doc_add_meta(doc, "id", json_string_value(id));
        else if (strcmp(key, "text") && strcmp(key, "event") &&
                 cb_keep_extra(doc, &cdee_task, key, v))
            return CK_ERR_NOMEM;
    }
    char *order = cb_key_order(cdee_canon, o);
    if (order)
        ck_doc_add_meta(doc, "key_order", order);
    free(order);
    size_t i;
    json_array_foreach(evs, i, v) {
        ck_status rc = cdee_event(r, doc, i, v);
        if (rc)
            return rc;
    }
    return CK_OK;
}

static json_t *ent_str(const ck_doc *doc, const char *id)
{
    const ck_entity *e = id ? ck_doc_find_entity(doc, id) : NULL;
    const char *s = e ? cb_entity_string(doc, e) : NULL;
    if (!s && e && e->n_spans) {
        const char *p;
        size_t n;
        if (!ck_doc_slice(doc, e->spans[0].start, e->spans[0].end, &p, &n))
            return json_stringn(p, n);
    }
    return s ? json_string(s) : json_null();
}

static json_t *cdee_record(const ck_doc *doc, ck_diag *d)
{
    (void)d;
    json_t *rec = json_object();
    if (ck_doc_meta(doc, "id"))
        json_object_set_new(rec, "id", json_string(ck_doc_meta(doc, "id")));
    json_object_set_new(rec, "text", cb_str(doc->text ? doc->text : ""));
    json_t *evs = json_array();
    for (size_t i = 0; i < doc->n_events; i++) {
        const ck_event *ev = &doc->events[i];
        json_t *o = json_object(), *ch = json_array(), *an = json_array();
        json_object_set_new(o, "core_name", ent_str(doc, ev->trigger));
        const char *t = ck_attr_get(ev->attrs, ev->n_attrs, "tendency");
        if (t)
            json_object_set_new(o, "tendency", json_string(t));
        for (size_t k = 0; k < ev->n_args; k++) {
            const char *role = ev->args[k].role ? ev->args[k].role : "";
            json_t *list = !strcmp(role, "character") ? ch : !strcmp(role, "anatomy") ? an : NULL;
            if (list)
                json_array_append_new(list, ent_str(doc, ev->args[k].ref));
        }
        json_object_set_new(o, "character", ch);
        json_object_set_new(o, "anatomy_list", an);
        static const char *const skip[] = {"tendency", NULL};
        cb_restore_attrs(o, ev->attrs, ev->n_attrs, NULL, skip);
        json_array_append_new(evs, cb_reorder(o, ck_attr_get(ev->attrs, ev->n_attrs, "key_order")));
    }
    json_object_set_new(rec, "event", evs);
    return cb_finish_record(doc, &cdee_task, rec);
}

CB_JSON_FORMAT(chip_cdee, cdee_task, cdee_record, "cblue-chip-cdee",
               "CBLUE CHIP-CDEE clinical discovery events (core_name, tendency, character, "
               "anatomy)",
               "the CHIP-CDEE/ folder (CHIP-CDEE_train.json, ...) or one .json file");
