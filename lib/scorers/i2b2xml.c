/*
 * i2b2xml.c — minimal i2b2 XML reading for the scorers (see i2b2xml.h),
 * with expat: no entity expansion, DOCTYPE entity declarations refused.
 */
#include <stdlib.h>
#include <string.h>

#include <expat.h>

#include "clinkit/format.h"
#include "clinkit/io.h"
#include "core/buf.h"
#include "scorers/i2b2xml.h"
#include "scorers/scoreutil.h"

typedef struct px {
    XML_Parser p;
    ck_doc *doc;
    i2b2x_mode mode;
    int depth, in_text, in_tags, tags_depth, failed;
    ck_buf text;
    size_t label_i;          /* index of the current top-level label + 1 */
    ck_buf evidence;
    const char *file;
    ck_diag *d;
    ck_status rc;
} px;

static const char *attr(const char **atts, const char *key)
{
    for (size_t i = 0; atts[i]; i += 2)
        if (strcmp(atts[i], key) == 0)
            return atts[i + 1];
    return NULL;
}

static int parse_off(const char *s, size_t *v)
{
    if (!s || !*s)
        return -1;
    char *end;
    long long x = strtoll(s, &end, 10);
    if (*end || x < 0)
        return -1;
    *v = (size_t)x;
    return 0;
}

static void add_entity(px *x, const char *name, const char **atts)
{
    size_t s, e;
    const char *id = attr(atts, "id");
    if (parse_off(attr(atts, "start"), &s) || parse_off(attr(atts, "end"), &e)) {
        x->rc = ck_diag_error(x->d, x->file, (size_t)XML_GetCurrentLineNumber(x->p),
                              "<%s>: expected integer start and end attributes", name);
        if (x->rc)
            XML_StopParser(x->p, XML_FALSE);
        return;
    }
    ck_entity *en = ck_doc_add_entity(x->doc, id, name);
    if (!en)
        return;
    ck_entity_add_span(x->doc, en, s, e, attr(atts, "text"));
    for (size_t i = 0; atts[i]; i += 2)
        if (strcmp(atts[i], "id") && strcmp(atts[i], "start") && strcmp(atts[i], "end") &&
            strcmp(atts[i], "text"))
            ck_entity_add_attr(x->doc, en, NULL, atts[i], atts[i + 1]);
}

static void XMLCALL on_start(void *u, const char *name, const char **atts)
{
    px *x = u;
    x->depth++;
    if (x->depth == 1) {
        ck_doc_add_meta(x->doc, "root", name);
        return;
    }
    if (x->depth == 2 && strcmp(name, "TEXT") == 0) {
        x->in_text = 1;
        return;
    }
    if (x->depth == 2 && strcmp(name, "TAGS") == 0) {
        x->in_tags = 1;
        return;
    }
    if (!x->in_tags)
        return;
    if (x->depth == 3) {
        if (x->mode == I2B2X_ENTITIES) {
            add_entity(x, name, atts);
        } else {
            ck_label *l = ck_doc_add_label(x->doc, name,
                                           x->mode == I2B2X_CRITERIA ? attr(atts, "met") : NULL);
            if (l && x->mode == I2B2X_LABELS)
                for (size_t i = 0; atts[i]; i += 2)
                    ck_label_add_attr(x->doc, l, atts[i], atts[i + 1]);
            x->label_i = x->doc->n_labels;
            ck_buf_reset(&x->evidence);
        }
    } else if (x->depth == 4 && x->mode == I2B2X_LABELS) {
        add_entity(x, name, atts);
        const char *id = attr(atts, "id");
        if (id) {
            if (x->evidence.n)
                ck_buf_addc(&x->evidence, ',');
            ck_buf_adds(&x->evidence, id);
        }
    }
}

static void XMLCALL on_end(void *u, const char *name)
{
    px *x = u;
    (void)name;
    if (x->depth == 2) {
        x->in_text = 0;
        x->in_tags = 0;
    }
    if (x->depth == 3 && x->in_tags && x->mode == I2B2X_LABELS && x->evidence.n && x->label_i)
        ck_label_add_attr(x->doc, &x->doc->labels[x->label_i - 1], "evidence",
                          ck_buf_str(&x->evidence));
    x->depth--;
}

static void XMLCALL on_chars(void *u, const char *s, int n)
{
    px *x = u;
    if (x->in_text && x->depth == 2)
        ck_buf_add(&x->text, s, (size_t)n);
}

static void XMLCALL on_entity_decl(void *u, const XML_Char *name, int pe, const XML_Char *v,
                                   int vlen, const XML_Char *base, const XML_Char *sys,
                                   const XML_Char *pub, const XML_Char *notation)
{
    px *x = u;
    (void)name, (void)pe, (void)v, (void)vlen, (void)base, (void)sys, (void)pub, (void)notation;
    x->failed = 1;
    XML_StopParser(x->p, XML_FALSE);
}

ck_status i2b2x_parse(const char *data, size_t len, const char *id, const char *file,
                      i2b2x_mode mode, ck_doc **out, ck_diag *d)
{
    *out = NULL;
    px x = {0};
    x.doc = ck_doc_new(id);
    x.mode = mode;
    x.file = file;
    x.d = d;
    ck_buf_init(&x.text);
    ck_buf_init(&x.evidence);
    x.p = XML_ParserCreate("UTF-8");
    if (!x.doc || !x.p) {
        ck_doc_free(x.doc);
        if (x.p)
            XML_ParserFree(x.p);
        return CK_ERR_NOMEM;
    }
    XML_SetUserData(x.p, &x);
    XML_SetElementHandler(x.p, on_start, on_end);
    XML_SetCharacterDataHandler(x.p, on_chars);
    XML_SetEntityDeclHandler(x.p, on_entity_decl);
    XML_SetParamEntityParsing(x.p, XML_PARAM_ENTITY_PARSING_NEVER);
    ck_status rc = CK_OK;
    if (XML_Parse(x.p, data, (int)len, XML_TRUE) == XML_STATUS_ERROR || x.failed || x.rc) {
        if (x.rc)
            rc = x.rc;
        else if (x.failed)
            rc = ck_diag_error(d, file, (size_t)XML_GetCurrentLineNumber(x.p),
                               "DOCTYPE with entity declarations refused");
        else
            rc = ck_diag_error(d, file, (size_t)XML_GetCurrentLineNumber(x.p), "XML: %s",
                               XML_ErrorString(XML_GetErrorCode(x.p)));
        if (!rc)
            rc = CK_ERR_PARSE; /* lenient: the caller skips this document */
    } else {
        size_t bad = 0;
        if (ck_doc_set_text(x.doc, ck_buf_str(&x.text), x.text.n, &bad) != 0)
            rc = ck_diag_error(d, file, 0, "TEXT is not valid UTF-8 (byte %zu)", bad),
            rc = rc ? rc : CK_ERR_PARSE;
    }
    XML_ParserFree(x.p);
    ck_buf_free(&x.text);
    ck_buf_free(&x.evidence);
    if (rc) {
        ck_doc_free(x.doc);
        return rc;
    }
    *out = x.doc;
    return CK_OK;
}

ck_status i2b2_load(const char *path, const char *format, i2b2x_mode mode,
                    ck_corpus *corpus, ck_diag *d)
{
    if (format && ck_format_find(format))
        return ck_read_corpus(format, path, NULL, corpus, d);
    if (format && strcmp(format, "i2b2-2014-deid") && strcmp(format, "i2b2-2014-rf") &&
        strcmp(format, "n2c2-2018-t1")) {
        ck_diag_add(d, CK_SEV_ERROR, NULL, 0, 0, (size_t)-1, "unknown format '%s'", format);
        return CK_ERR_USAGE;
    }
    ck_source *src = NULL;
    ck_status rc = ck_source_open(path, &src, d);
    if (rc)
        return rc;
    for (size_t i = 0; i < ck_source_count(src) && !rc; i++) {
        const char *name = ck_source_name(src, i);
        if (!ck_has_suffix(name, ".xml"))
            continue;
        const char *data;
        size_t len;
        if ((rc = ck_source_load(src, i, &data, &len, d)))
            break;
        char *id = strdup(name);
        if (!id) {
            rc = CK_ERR_NOMEM;
            break;
        }
        id[strlen(id) - 4] = '\0';
        ck_doc *doc = NULL;
        rc = i2b2x_parse(data, len, id, ck_source_display(src, i), mode, &doc, d);
        free(id);
        ck_source_release(src, i);
        if (rc == CK_ERR_PARSE && !ck_diag_strict(d))
            rc = CK_OK; /* reported; skip the document */
        else if (!rc)
            ck_corpus_add(corpus, doc);
    }
    ck_source_free(src);
    return rc;
}
