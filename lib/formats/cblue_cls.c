/*
 * cblue_cls.c — the CBLUE record tasks that become labelled documents:
 * CHIP-CTC, KUAKE-QIC (classification), CHIP-STS, KUAKE-QTR, KUAKE-QQR
 * (pairs), and CHIP-CDN (normalization).
 *
 * One record = one document. The label is a document label named after
 * the task (value = the file's string, e.g. "1", "2", "NA", "治疗方案";
 * JSON null -> NULL value). A single-text task keeps the text as the
 * document text (CTC "text", QIC "query"); a pair task has no document
 * text and keeps both sides as metadata (text1/text2, query/title,
 * query1/query2), with "id" and "category" likewise.
 *
 * CHIP-CDN: {"text", "normalized_result": "A##B"} -> one entity of type
 * "diagnosis" covering the whole text, with one normalization per
 * "##"-separated term (db "ICD-10", id = the standard term: the task's
 * vocabulary is the ICD-10 Beijing clinical v601 names, not codes).
 */
#include <stdlib.h>
#include <string.h>

#include "cblue_json.h"

typedef struct cls_desc {
    cb_task task;
    const char *text_key;          /* becomes the document text, or NULL */
    const char *const *meta_keys;  /* string keys kept as metadata */
} cls_desc;

static ck_status cls_build(const cls_desc *c, const cb_rec *r, ck_doc **out)
{
    json_t *o = r->value;
    ck_doc *doc = *out = cb_doc_new(r);
    if (!doc)
        return CK_ERR_NOMEM;
    const char *key;
    json_t *v;
    json_object_foreach(o, key, v) {
        if (c->text_key && !strcmp(key, c->text_key)) {
            if (!json_is_string(v))
                return cb_err(r, "\"%s\" must be a string", key);
            if (cb_set_text(doc, v))
                return cb_err(r, "\"%s\" is not valid UTF-8", key);
        } else if (!strcmp(key, "label")) {
            if (!json_is_string(v) && !json_is_null(v))
                return cb_err(r, "\"label\" must be a string (such as \"1\")");
            if (!ck_doc_add_label(doc, c->task.name, json_string_value(v)))
                return CK_ERR_NOMEM;
        } else if (cb_in(c->meta_keys, key) && json_is_string(v)) {
            ck_doc_add_meta(doc, key, json_string_value(v));
        } else if (cb_in(c->meta_keys, key) && strcmp(key, "id")) {
            return cb_err(r, "\"%s\" must be a string", key);
        } else if (cb_keep_extra(doc, &c->task, key, v))
            return CK_ERR_NOMEM; /* includes a numeric "id", kept as JSON */
    }
    if (c->text_key && !json_object_get(o, c->text_key))
        return cb_err(r, "no \"%s\"", c->text_key);
    char *order = cb_key_order(c->task.canon, o);
    if (order)
        ck_doc_add_meta(doc, "key_order", order);
    free(order);
    return CK_OK;
}

static const ck_label *task_label(const ck_doc *doc, const char *name)
{
    for (size_t i = 0; i < doc->n_labels; i++)
        if (doc->labels[i].name && !strcmp(doc->labels[i].name, name))
            return &doc->labels[i];
    return doc->n_labels ? &doc->labels[0] : NULL;
}

static json_t *cls_record(const cls_desc *c, const ck_doc *doc)
{
    json_t *rec = json_object();
    for (size_t i = 0; c->task.canon[i]; i++) {
        const char *k = c->task.canon[i];
        if (c->text_key && !strcmp(k, c->text_key)) {
            if (doc->text)
                json_object_set_new(rec, k, json_string(doc->text));
        } else if (!strcmp(k, "label")) {
            const ck_label *l = task_label(doc, c->task.name);
            if (l)
                json_object_set_new(rec, k, cb_str(l->value));
        } else if (ck_doc_meta(doc, k))
            json_object_set_new(rec, k, json_string(ck_doc_meta(doc, k)));
    }
    return cb_finish_record(doc, &c->task, rec);
}

#define CLS_FORMAT(sym, fid, tname, tkey, metas, canon, summ, lay)                         \
    static const char *const sym##_canon[] = canon;                                        \
    static const char *const sym##_meta[] = metas;                                         \
    static ck_status sym##_build(const cb_rec *r, ck_doc **out);                           \
    static const cls_desc sym##_desc = {                                                   \
        {tname, CB_ARRAY, sym##_build, sym##_canon, sym##_meta}, tkey, sym##_meta};        \
    static ck_status sym##_build(const cb_rec *r, ck_doc **out)                            \
    {                                                                                      \
        return cls_build(&sym##_desc, r, out);                                             \
    }                                                                                      \
    static json_t *sym##_record(const ck_doc *doc, ck_diag *d)                             \
    {                                                                                      \
        (void)d;                                                                           \
        return cls_record(&sym##_desc, doc);                                               \
    }                                                                                      \
    CB_JSON_FORMAT(sym, sym##_desc.task, sym##_record, fid, summ, lay);

#define L(...) {__VA_ARGS__, NULL}

CLS_FORMAT(chip_ctc, "cblue-chip-ctc", "CHIP-CTC", "text", L("id"), L("id", "label", "text"),
           "CBLUE CHIP-CTC clinical-trial criterion classification (44 classes)",
           "the CHIP-CTC/ folder (CHIP-CTC_train.json, ...) or one .json file")
CLS_FORMAT(kuake_qic, "cblue-kuake-qic", "KUAKE-QIC", "query", L("id"),
           L("id", "query", "label"),
           "CBLUE KUAKE-QIC search-query intent classification (11 classes)",
           "the KUAKE-QIC/ folder (KUAKE-QIC_train.json, ...) or one .json file")
CLS_FORMAT(chip_sts, "cblue-chip-sts", "CHIP-STS", NULL, L("id", "text1", "text2", "category"),
           L("id", "text1", "text2", "label", "category"),
           "CBLUE CHIP-STS question-pair similarity (label \"0\"/\"1\")",
           "the CHIP-STS/ folder (CHIP-STS_train.json, ...) or one .json file")
CLS_FORMAT(kuake_qtr, "cblue-kuake-qtr", "KUAKE-QTR", NULL, L("id", "query", "title"),
           L("id", "query", "title", "label"),
           "CBLUE KUAKE-QTR query-title relevance (label \"0\"-\"3\")",
           "the KUAKE-QTR/ folder (KUAKE-QTR_train.json, ...) or one .json file")
CLS_FORMAT(kuake_qqr, "cblue-kuake-qqr", "KUAKE-QQR", NULL, L("id", "query1", "query2"),
           L("id", "query1", "query2", "label"),
           "CBLUE KUAKE-QQR query-query relevance (label \"0\"-\"2\", some \"NA\")",
           "the KUAKE-QQR/ folder (KUAKE-QQR_train.json, ...) or one .json file")

/* ---- CHIP-CDN ---- */

static const char *const cdn_canon[] = {"text", "normalized_result", NULL};
static ck_status cdn_build(const cb_rec *r, ck_doc **out);
static const cb_task cdn_task = {"CHIP-CDN", CB_ARRAY, cdn_build, cdn_canon, NULL};

static ck_status cdn_build(const cb_rec *r, ck_doc **out)
{
    json_t *o = r->value, *text = json_object_get(o, "text");
    json_t *norm = json_object_get(o, "normalized_result");
    if (!json_is_string(text))
        return cb_err(r, "\"text\" must be a string");
    if (norm && !json_is_string(norm))
        return cb_err(r, "\"normalized_result\" must be a string (terms joined by ##)");
    ck_doc *doc = *out = cb_doc_new(r);
    if (!doc)
        return CK_ERR_NOMEM;
    if (cb_set_text(doc, text))
        return cb_err(r, "\"text\" is not valid UTF-8");
    const char *key;
    json_t *v;
    json_object_foreach(o, key, v) {
        if (!cb_in(cdn_canon, key) && cb_keep_extra(doc, &cdn_task, key, v))
            return CK_ERR_NOMEM;
    }
    char *order = cb_key_order(cdn_canon, o);
    if (order)
        ck_doc_add_meta(doc, "key_order", order);
    free(order);
    if (!norm)
        return CK_OK;
    ck_entity *e = ck_doc_add_entity(doc, "T1", "diagnosis");
    if (!e || ck_entity_add_span(doc, e, 0, doc->text_cps, NULL))
        return CK_ERR_NOMEM;
    const char *s = json_string_value(norm);
    size_t n = json_string_length(norm);
    if (n == 0)
        return CK_OK;
    /* Python's split("##"): every piece, empty ones included */
    for (const char *p = s;;) {
        const char *sep = strstr(p, "##");
        size_t len = sep ? (size_t)(sep - p) : strlen(p);
        const char *term = ck_doc_strndup(doc, p, len);
        if (!term || ck_entity_add_norm(doc, e, NULL, "ICD-10", term, NULL))
            return CK_ERR_NOMEM;
        if (!sep)
            break;
        p = sep + 2;
    }
    return CK_OK;
}

static json_t *cdn_record(const ck_doc *doc, ck_diag *d)
{
    (void)d;
    json_t *rec = json_object();
    json_object_set_new(rec, "text", cb_str(doc->text ? doc->text : ""));
    if (doc->n_entities) {
        const ck_entity *e = &doc->entities[0];
        ck_buf b;
        ck_buf_init(&b);
        for (size_t i = 0; i < e->n_norms; i++) {
            if (i)
                ck_buf_adds(&b, "##");
            ck_buf_adds(&b, e->norms[i].id ? e->norms[i].id : "");
        }
        json_object_set_new(rec, "normalized_result", json_string(ck_buf_str(&b)));
        ck_buf_free(&b);
    }
    return cb_finish_record(doc, &cdn_task, rec);
}

CB_JSON_FORMAT(chip_cdn, cdn_task, cdn_record, "cblue-chip-cdn",
               "CBLUE CHIP-CDN diagnosis normalization (terms joined by ##)",
               "the CHIP-CDN/ folder (CHIP-CDN_train.json, ...) or one .json file");
