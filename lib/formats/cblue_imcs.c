/*
 * cblue_imcs.c — CBLUE IMCS-V2 medical dialogues: IMCS-V2_{train,dev,test}.json,
 * one JSON object keyed by dialog id -> {"dialogue": [{"sentence_id",
 * "speaker", "sentence", "dialogue_act", "symptom_norm", "symptom_type",
 * "BIO_label"}, ...], "diagnosis", "self_report", "report", ...}.
 *
 * One dialog = one document (id "<file stem>/<dialog id>"). The text is
 * the sentences joined by "\n"; each sentence is a passage of type
 * "sentence" whose attrs keep the sentence's other keys (strings as they
 * are, lists as "json:<key>"). BIO_label has one blank-separated tag per
 * character: B-X/I-X runs become entities of type X (Symptom, Drug,
 * Drug_Category, Medical_Examination, Operation); a run opened by an I-
 * tag keeps attr "bio" = "I". When a sentence's symptom_norm/symptom_type
 * lists match its Symptom entities one to one, each Symptom entity also
 * gets the norm (db "IMCS-V2") and attr "symptom_type" ("0" absent, "1"
 * present, "2" uncertain). Dialog-level keys other than "dialogue" are
 * kept as metadata.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cblue_json.h"

static const char *const dlg_canon[] = {"dialogue", NULL};
static const char *const sent_canon[] = {"sentence_id", "speaker", "sentence", "dialogue_act",
                                         "symptom_norm", "symptom_type", "BIO_label", NULL};
static ck_status imcs_build(const cb_rec *r, ck_doc **out);
static const cb_task imcs_task = {"IMCS-V2", CB_OBJECT, imcs_build, dlg_canon, NULL};

static int pas_attr(ck_doc *d, void *t, const char *k, const char *v)
{
    return ck_entity_add_attr(d, t, NULL, k, v);
}

typedef struct run {
    size_t start, end; /* code points within the sentence */
    const char *type;  /* into the tag copy */
    int opened_by_i;
} run;

/* Entities from the BIO tags of one sentence starting at code point base. */
static ck_status bio_entities(const cb_rec *r, ck_doc *doc, size_t k, const char *bio,
                              size_t base, size_t len, size_t *first)
{
    char *copy = strdup(bio);
    run *runs = calloc(len ? len : 1, sizeof *runs);
    if (!copy || !runs) {
        free(copy);
        free(runs);
        return CK_ERR_NOMEM;
    }
    size_t n = 0, nr = 0;
    char *save = NULL;
    ck_status rc = CK_OK;
    run *open = NULL;
    for (char *t = strtok_r(copy, " \t\r\n", &save); t; t = strtok_r(NULL, " \t\r\n", &save), n++) {
        if (n >= len)
            continue; /* too many tags: counted, reported below */
        int is_b = !strncmp(t, "B-", 2), is_i = !strncmp(t, "I-", 2);
        if (!strcmp(t, "O")) {
            open = NULL;
            continue;
        }
        if ((!is_b && !is_i) || !t[2]) {
            rc = cb_err(r, "sentence %zu, character %zu: tag must be O, B-<type> or I-<type>",
                        k + 1, n + 1);
            break;
        }
        if (is_i && open && !strcmp(open->type, t + 2)) {
            open->end = n + 1;
            continue;
        }
        open = &runs[nr++];
        *open = (run){n, n + 1, t + 2, is_i};
    }
    if (rc == CK_OK && n != len)
        rc = cb_err(r, "sentence %zu: BIO_label has %zu tags for %zu characters", k + 1, n,
                    len);
    *first = doc->n_entities;
    for (size_t i = 0; rc == CK_OK && i < nr; i++) {
        const char *p;
        size_t nb;
        char id[32];
        snprintf(id, sizeof id, "T%zu", doc->n_entities + 1);
        ck_entity *e = ck_doc_add_entity(doc, id, runs[i].type);
        char *txt = NULL;
        if (e && !ck_doc_slice(doc, base + runs[i].start, base + runs[i].end, &p, &nb))
            txt = strndup(p, nb);
        if (!e || !txt ||
            ck_entity_add_span(doc, e, base + runs[i].start, base + runs[i].end, txt) ||
            (runs[i].opened_by_i && ck_entity_add_attr(doc, e, NULL, "bio", "I")))
            rc = CK_ERR_NOMEM;
        free(txt);
    }
    free(copy);
    free(runs);
    return rc;
}

/* symptom_norm / symptom_type onto the sentence's Symptom entities */
static ck_status symptom_norms(ck_doc *doc, size_t first, json_t *norm, json_t *type)
{
    size_t n = 0;
    for (size_t i = first; i < doc->n_entities; i++)
        n += !strcmp(doc->entities[i].type, "Symptom");
    if (!json_is_array(norm) || json_array_size(norm) != n ||
        (type && (!json_is_array(type) || json_array_size(type) != n)))
        return CK_OK;
    size_t k = 0;
    for (size_t i = first; i < doc->n_entities; i++) {
        ck_entity *e = &doc->entities[i];
        if (strcmp(e->type, "Symptom"))
            continue;
        json_t *nv = json_array_get(norm, k), *tv = type ? json_array_get(type, k) : NULL;
        k++;
        if (json_is_string(nv) &&
            ck_entity_add_norm(doc, e, NULL, "IMCS-V2", json_string_value(nv), NULL))
            return CK_ERR_NOMEM;
        if (json_is_string(tv) &&
            ck_entity_add_attr(doc, e, NULL, "symptom_type", json_string_value(tv)))
            return CK_ERR_NOMEM;
    }
    return CK_OK;
}

static ck_status imcs_build(const cb_rec *r, ck_doc **out)
{
    json_t *o = r->value, *dlg = json_object_get(o, "dialogue");
    if (!json_is_array(dlg))
        return cb_err(r, "\"dialogue\" must be a list of sentences");
    ck_doc *doc = *out = cb_doc_new(r);
    if (!doc)
        return CK_ERR_NOMEM;
    const char *key;
    json_t *v;
    json_object_foreach(o, key, v) {
        if (strcmp(key, "dialogue") && cb_keep_extra(doc, &imcs_task, key, v))
            return CK_ERR_NOMEM;
    }
    char *order = cb_key_order(dlg_canon, o);
    if (order)
        ck_doc_add_meta(doc, "key_order", order);
    free(order);
    /* the text first: entities need it */
    ck_buf text;
    ck_buf_init(&text);
    size_t i;
    json_array_foreach(dlg, i, v) {
        json_t *s = json_object_get(v, "sentence");
        if (!json_is_object(v) || !json_is_string(s)) {
            ck_buf_free(&text);
            return cb_err(r, "sentence %zu: expected an object with a string \"sentence\"",
                          i + 1);
        }
        if (i)
            ck_buf_addc(&text, '\n');
        ck_buf_add(&text, json_string_value(s), json_string_length(s));
    }
    int bad = text.failed || ck_doc_set_text(doc, ck_buf_str(&text), text.n, NULL);
    ck_buf_free(&text);
    if (bad)
        return cb_err(r, "the sentences are not valid UTF-8");
    size_t base = 0;
    json_array_foreach(dlg, i, v) {
        json_t *s = json_object_get(v, "sentence"), *bio = json_object_get(v, "BIO_label");
        size_t len = ck_doc_byte2cp(doc, ck_doc_cp2byte(doc, base) + json_string_length(s)) - base;
        char id[32];
        snprintf(id, sizeof id, "S%zu", i + 1);
        ck_entity *p = ck_doc_add_passage(doc, id, "sentence");
        if (!p || ck_entity_add_span(doc, p, base, base + len, NULL))
            return CK_ERR_NOMEM;
        json_t *x;
        json_object_foreach(v, key, x) {
            if (strcmp(key, "sentence") && strcmp(key, "BIO_label") &&
                cb_keep_attr(doc, &doc->passages[i], pas_attr, NULL, key, x))
                return CK_ERR_NOMEM;
        }
        char *so = cb_key_order(sent_canon, v);
        int nomem = so && pas_attr(doc, &doc->passages[i], "key_order", so);
        free(so);
        if (nomem)
            return CK_ERR_NOMEM;
        if (bio && !json_is_string(bio))
            return cb_err(r, "sentence %zu: \"BIO_label\" must be a string", i + 1);
        if (bio) {
            size_t first;
            ck_status rc = bio_entities(r, doc, i, json_string_value(bio), base, len, &first);
            if (rc == CK_OK)
                rc = symptom_norms(doc, first, json_object_get(v, "symptom_norm"),
                                   json_object_get(v, "symptom_type"));
            if (rc)
                return rc;
        }
        base += len + 1;
    }
    return CK_OK;
}

static json_t *sentence_json(const ck_doc *doc, const ck_entity *p, ck_diag *d)
{
    size_t s = p->spans[0].start, e = p->spans[0].end;
    const char *text;
    size_t nb;
    if (ck_doc_slice(doc, s, e, &text, &nb))
        text = "", nb = 0;
    /* tags */
    size_t len = e - s, n_ent = 0;
    const char **tags = calloc(len ? len : 1, sizeof *tags);
    char **owned = calloc(doc->n_entities ? doc->n_entities * 2 : 1, sizeof *owned);
    if (!tags || !owned) {
        free(tags);
        free(owned);
        return NULL;
    }
    for (size_t i = 0; i < doc->n_entities; i++) {
        const ck_entity *en = &doc->entities[i];
        if (!en->n_spans || en->spans[0].start < s || en->spans[0].end > e ||
            en->spans[0].start == en->spans[0].end)
            continue;
        const char *b = ck_attr_get(en->attrs, en->n_attrs, "bio");
        size_t tl = strlen(en->type ? en->type : "") + 3;
        char *bt = malloc(tl), *it = malloc(tl);
        owned[n_ent++] = bt;
        owned[n_ent++] = it;
        if (!bt || !it)
            continue;
        snprintf(bt, tl, "%s-%s", b && !strcmp(b, "I") ? "I" : "B", en->type ? en->type : "");
        snprintf(it, tl, "I-%s", en->type ? en->type : "");
        for (size_t c = en->spans[0].start; c < en->spans[0].end; c++) {
            if (tags[c - s])
                ck_diag_add(d, CK_SEV_WARNING, doc->id, 0, 0, (size_t)-1,
                            "entity %s overlaps another: BIO keeps the later one",
                            en->id ? en->id : "?");
            tags[c - s] = c == en->spans[0].start ? bt : it;
        }
    }
    ck_buf b;
    ck_buf_init(&b);
    for (size_t c = 0; c < len; c++) {
        if (c)
            ck_buf_addc(&b, ' ');
        ck_buf_adds(&b, tags[c] ? tags[c] : "O");
    }
    const char *order = ck_attr_get(p->attrs, p->n_attrs, "key_order");
    json_t *o = json_object();
    for (size_t k = 0; sent_canon[k]; k++) {
        const char *key = sent_canon[k];
        if (!strcmp(key, "sentence"))
            json_object_set_new(o, key, json_stringn(text, nb));
        else if (!strcmp(key, "BIO_label")) {
            if (n_ent || cb_order_has(order, key))
                json_object_set_new(o, key, json_string(ck_buf_str(&b)));
        } else {
            const char *v = ck_attr_get(p->attrs, p->n_attrs, key);
            char jk[64];
            snprintf(jk, sizeof jk, "json:%s", key);
            const char *jv = ck_attr_get(p->attrs, p->n_attrs, jk);
            if (v)
                json_object_set_new(o, key, json_string(v));
            else if (jv)
                json_object_set_new(o, key, json_loads(jv, JSON_DECODE_ANY, NULL));
        }
    }
    cb_restore_attrs(o, p->attrs, p->n_attrs, NULL, NULL);
    ck_buf_free(&b);
    for (size_t i = 0; i < n_ent; i++)
        free(owned[i]);
    free(owned);
    free(tags);
    return cb_reorder(o, order);
}

static json_t *imcs_record(const ck_doc *doc, ck_diag *d)
{
    if (!doc->text) {
        ck_diag_add(d, CK_SEV_ERROR, doc->id, 0, 0, (size_t)-1,
                    "IMCS-V2 needs the document text; this document has none");
        return NULL;
    }
    json_t *dlg = json_array();
    size_t n = 0;
    for (size_t i = 0; i < doc->n_passages; i++) {
        const ck_entity *p = &doc->passages[i];
        if (!p->n_spans || (p->type && strcmp(p->type, "sentence")))
            continue;
        json_t *s = sentence_json(doc, p, d);
        if (s)
            json_array_append_new(dlg, s);
        n++;
    }
    if (!n) {
        /* a document from elsewhere: the whole text is one sentence */
        ck_entity whole = {0};
        ck_span sp = {0, doc->text_cps};
        whole.spans = &sp;
        whole.n_spans = 1;
        json_t *s = sentence_json(doc, &whole, d);
        if (s)
            json_array_append_new(dlg, s);
    }
    json_t *rec = json_object();
    json_object_set_new(rec, "dialogue", dlg);
    return cb_finish_record(doc, &imcs_task, rec);
}

CB_JSON_FORMAT(imcs_v2, imcs_task, imcs_record, "cblue-imcs-v2",
               "CBLUE IMCS-V2 medical dialogues (per-character BIO tags, symptom norms)",
               "the IMCS-V2/ folder (IMCS-V2_train.json, ...) or one .json file");
