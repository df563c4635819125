/*
 * cblue_json.c — the shared part of the CBLUE readers and writers (see
 * cblue_json.h): file selection, record splitting with line numbers,
 * kept extras and key order, entity location, and the Python-style JSON
 * output the CBLUE files use.
 *
 * Records are parsed one at a time (jansson with JSON_DISABLE_EOF_CHECK
 * reports how many bytes each value used), so every record knows the line
 * it starts on and errors point there.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cblue_json.h"
#include "clinkit/io.h"
#include "clinkit/text.h"

int cb_in(const char *const *list, const char *key)
{
    for (size_t i = 0; list && list[i]; i++)
        if (strcmp(list[i], key) == 0)
            return 1;
    return 0;
}

static ck_status rec_diag(const cb_rec *r, ck_severity sev, const char *fmt,
                          va_list ap)
{
    char msg[512];
    vsnprintf(msg, sizeof msg, fmt, ap);
    if (r->key)
        return ck_diag_add(r->d, sev, r->file, r->line, 0, (size_t)-1,
                           "record %zu (key %s): %s", r->index + 1,
                           ck_diag_quote(r->d, r->key, strlen(r->key)), msg);
    return ck_diag_add(r->d, sev, r->file, r->line, 0, (size_t)-1, "record %zu: %s",
                       r->index + 1, msg);
}

ck_status cb_err(const cb_rec *r, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    ck_status rc = rec_diag(r, CK_SEV_ERROR, fmt, ap);
    va_end(ap);
    return rc;
}

ck_status cb_warn(const cb_rec *r, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    ck_status rc = rec_diag(r, CK_SEV_WARNING, fmt, ap);
    va_end(ap);
    return rc;
}

/* relative name without its last extension */
static char *strip_ext(const char *rel)
{
    const char *slash = strrchr(rel, '/');
    const char *dot = strrchr(rel, '.');
    size_t n = dot && (!slash || dot > slash) ? (size_t)(dot - rel) : strlen(rel);
    return strndup(rel, n);
}

ck_doc *cb_doc_new(const cb_rec *r)
{
    char *stem = strip_ext(r->rel);
    if (!stem)
        return NULL;
    size_t n = strlen(stem) + (r->key ? strlen(r->key) : 24) + 2;
    char *id = malloc(n);
    if (!id) {
        free(stem);
        return NULL;
    }
    if (r->key)
        snprintf(id, n, "%s/%s", stem, r->key);
    else
        snprintf(id, n, "%s/%zu", stem, r->index);
    ck_doc *doc = ck_doc_new(id);
    free(id);
    free(stem);
    if (doc)
        ck_doc_add_meta(doc, "file", r->rel);
    return doc;
}

static int reserved(const cb_task *t, const char *key)
{
    return !strcmp(key, "file") || !strcmp(key, "key_order") || cb_in(t->reserved, key) ||
           !strncmp(key, "json:", 5);
}

int cb_keep_extra(ck_doc *doc, const cb_task *t, const char *key, json_t *v)
{
    if (json_is_string(v) && !reserved(t, key)) {
        ck_doc_add_meta(doc, key, json_string_value(v));
        return 0;
    }
    char *js = json_dumps(v, JSON_COMPACT | JSON_ENCODE_ANY);
    size_t n = strlen(key) + 6;
    char *k = malloc(n);
    if (!js || !k) {
        free(js);
        free(k);
        return -1;
    }
    snprintf(k, n, "json:%s", key);
    ck_doc_add_meta(doc, k, js);
    free(k);
    free(js);
    return 0;
}

char *cb_key_order(const char *const *canon, json_t *obj)
{
    size_t nc = 0, i = 0;
    while (canon && canon[nc])
        nc++;
    int same = json_object_size(obj) >= nc;
    const char *key;
    json_t *v;
    ck_buf b;
    ck_buf_init(&b);
    json_object_foreach(obj, key, v) {
        if (i < nc ? strcmp(key, canon[i]) != 0 : cb_in(canon, key))
            same = 0;
        if (i++)
            ck_buf_addc(&b, ',');
        for (const char *c = key; *c; c++) {
            if (*c == ',' || *c == '\\')
                ck_buf_addc(&b, '\\');
            ck_buf_addc(&b, *c);
        }
    }
    if (same || b.failed) {
        ck_buf_free(&b);
        return NULL;
    }
    if (!b.p)
        return strdup("");
    return b.p;
}

int cb_order_next(const char **p, ck_buf *out)
{
    ck_buf_reset(out);
    const char *c = *p;
    if (!c)
        return 0;
    for (; *c && *c != ','; c++) {
        if (*c == '\\' && c[1])
            c++;
        ck_buf_addc(out, *c);
    }
    ck_buf_str(out);
    *p = *c ? c + 1 : NULL; /* "a," ends with an empty key */
    return !out->failed;
}

int cb_order_has(const char *order, const char *key)
{
    if (!order)
        return 1;
    ck_buf k;
    ck_buf_init(&k);
    int found = 0;
    const char *p = *order ? order : NULL; /* "": no keys */
    while (!found && cb_order_next(&p, &k))
        found = strcmp(ck_buf_str(&k), key) == 0;
    ck_buf_free(&k);
    return found;
}

int cb_set_text(ck_doc *doc, json_t *s)
{
    size_t bad;
    return ck_doc_set_text(doc, json_string_value(s), json_string_length(s), &bad);
}

/* first occurrence of needle (n bytes) in hay (h bytes) */
static const char *find(const char *hay, size_t h, const char *needle, size_t n)
{
    if (n == 0)
        return hay;
    for (const char *p = hay; h >= n && (p = memchr(p, needle[0], h - n + 1 - (size_t)(p - hay)));
         p++)
        if (memcmp(p, needle, n) == 0)
            return p;
    return NULL;
}

const char *cb_locate_entity(ck_doc *doc, const char *type, const char *s, int *found)
{
    size_t n = strlen(s);
    const char *p = doc->text ? find(doc->text, doc->text_bytes, s, n) : NULL;
    size_t start = 0, end = 0;
    *found = p != NULL;
    if (p) {
        start = ck_doc_byte2cp(doc, (size_t)(p - doc->text));
        end = start + ck_utf8_count(s, n);
    }
    for (size_t i = 0; i < doc->n_entities; i++) {
        const ck_entity *e = &doc->entities[i];
        if (!e->type || strcmp(e->type, type) != 0)
            continue;
        if (p && e->n_spans == 1 && e->spans[0].start == start && e->spans[0].end == end)
            return e->id;
        if (!p && e->n_spans == 0) {
            const char *t = ck_attr_get(e->attrs, e->n_attrs, "text");
            if (t && strcmp(t, s) == 0)
                return e->id;
        }
    }
    char id[32];
    snprintf(id, sizeof id, "T%zu", doc->n_entities + 1);
    ck_entity *e = ck_doc_add_entity(doc, id, type);
    if (!e)
        return NULL;
    if (p ? ck_entity_add_span(doc, e, start, end, s)
          : ck_entity_add_attr(doc, e, NULL, "text", s))
        return NULL;
    return e->id;
}

const char *cb_entity_string(const ck_doc *doc, const ck_entity *e)
{
    (void)doc;
    if (e->n_spans && e->texts[0])
        return e->texts[0];
    return ck_attr_get(e->attrs, e->n_attrs, "text");
}

/* Keep an unknown key of a nested object as an attr (string, or "json:k"). */
int cb_keep_attr(ck_doc *doc, void *target, cb_attr_fn add, const char *prefix,
                     const char *key, json_t *v)
{
    int plain = json_is_string(v) && !prefix && !strchr(key, ':') &&
                strcmp(key, "key_order") && strcmp(key, "text") && strcmp(key, "Combined");
    if (plain)
        return add(doc, target, key, json_string_value(v));
    const char *pre = prefix ? prefix : "json:";
    size_t n = strlen(pre) + strlen(key) + 1;
    char *k = malloc(n), *js = json_dumps(v, JSON_COMPACT | JSON_ENCODE_ANY);
    int r = -1;
    if (k && js) {
        snprintf(k, n, "%s%s", pre, key);
        r = add(doc, target, k, js);
    }
    free(k);
    free(js);
    return r;
}

/* Put attrs kept by keep_attr back into obj (prefix NULL: plain and "json:"). */
void cb_restore_attrs(json_t *obj, const ck_attr *a, size_t n, const char *prefix,
                          const char *const *skip)
{
    size_t pl = prefix ? strlen(prefix) : 5;
    for (size_t i = 0; i < n; i++) {
        const char *k = a[i].key, *v = a[i].value;
        if (!k || !v || cb_in(skip, k) || !strcmp(k, "key_order"))
            continue;
        if (!strncmp(k, prefix ? prefix : "json:", pl)) {
            json_t *x = json_loads(v, JSON_DECODE_ANY, NULL);
            if (x)
                json_object_set_new(obj, k + pl, x);
        } else if (!prefix && !strchr(k, ':'))
            json_object_set_new(obj, k, json_string(v));
    }
}

/* ---- reading ---- */

/* Is entry name one of task t's data files? "<Task>_x.json", "<Task>-V2_x.jsonl", or
 * example_gold/pred.json in the task's folder (or at the root). */
static int task_file(const cb_task *t, const char *name)
{
    if (!ck_has_suffix(name, ".json") && !ck_has_suffix(name, ".jsonl"))
        return 0;
    const char *base = strrchr(name, '/');
    base = base ? base + 1 : name;
    size_t k = strlen(t->name);
    if (strncmp(base, t->name, k) == 0 && strchr("_-.", base[k]))
        return 1;
    if (strncmp(base, "example_", 8) == 0) {
        const char *parent = name;
        for (const char *p = name; p < base - 1; p++)
            if (*p == '/')
                parent = p + 1;
        return base == name || (strncmp(parent, t->name, k) == 0 && strchr("_-./", parent[k]));
    }
    return 0;
}

typedef struct rd {
    const cb_task *t;
    ck_doc_sink sink;
    void *user;
    ck_diag *d;
    const char *file, *rel;
    const char *data, *end;
    const char *lp; /* line counting: position counted up to */
    size_t line;
} rd;

static size_t line_at(rd *c, const char *p)
{
    while (c->lp < p) {
        const char *nl = memchr(c->lp, '\n', (size_t)(p - c->lp));
        if (!nl) {
            c->lp = p;
            break;
        }
        c->line++;
        c->lp = nl + 1;
    }
    return c->line;
}

static const char *skip_ws(const char *p, const char *end)
{
    while (p < end && (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r'))
        p++;
    return p;
}

static ck_status emit(rd *c, size_t line, size_t index, const char *key, json_t *v)
{
    cb_rec r = {c->file, c->rel, line, index, key, v, c->d};
    ck_doc *doc = NULL;
    size_t errors = ck_diag_count(c->d, CK_SEV_ERROR);
    ck_status rc;
    if (!json_is_object(v))
        rc = cb_err(&r, "expected a JSON object");
    else
        rc = c->t->build(&r, &doc);
    if (rc != CK_OK || ck_diag_count(c->d, CK_SEV_ERROR) > errors || !doc) {
        ck_doc_free(doc);
        return rc;
    }
    return c->sink(c->user, doc);
}

/* Parse one JSON value at *pp (any kind); advances *pp. NULL on error (reported). */
static json_t *value_at(rd *c, const char **pp, const char *what)
{
    json_error_t err;
    size_t line = line_at(c, *pp);
    json_t *v = json_loadb(*pp, (size_t)(c->end - *pp),
                           JSON_DISABLE_EOF_CHECK | JSON_DECODE_ANY | JSON_REJECT_DUPLICATES, &err);
    if (!v) {
        size_t l = err.line > 0 ? line + (size_t)err.line - 1 : line;
        ck_diag_add(c->d, CK_SEV_ERROR, c->file, l, err.line == 1 ? 0 : (size_t)(err.column > 0 ? err.column : 0),
                    (size_t)(*pp - c->data) + (err.position > 0 ? (size_t)err.position : 0),
                    "invalid JSON in %s: %s", what, err.text);
        return NULL;
    }
    *pp += err.position;
    return v;
}

static ck_status syntax(rd *c, const char *p, const char *expected)
{
    ck_diag_add(c->d, CK_SEV_ERROR, c->file, line_at(c, p), 0, (size_t)(p - c->data),
                "expected %s", expected);
    /* the rest of the file cannot be split into records: strict stops, lenient skips the file */
    return ck_diag_strict(c->d) ? CK_ERR_PARSE : CK_OK;
}

static ck_status read_container(rd *c, const char *p, int object)
{
    char open = object ? '{' : '[', close = object ? '}' : ']';
    const char *end = c->end;
    if (p >= end || *p != open)
        return syntax(c, p, object ? "a JSON object '{'" : "a JSON array '['");
    p = skip_ws(p + 1, end);
    size_t index = 0;
    ck_status rc = CK_OK;
    if (p < end && *p == close)
        goto done;
    for (;;) {
        char *key = NULL;
        if (object) {
            json_t *k = value_at(c, &p, "a record key");
            if (!k)
                return ck_diag_strict(c->d) ? CK_ERR_PARSE : CK_OK;
            if (!json_is_string(k)) {
                json_decref(k);
                return syntax(c, p, "a string key");
            }
            key = strdup(json_string_value(k));
            json_decref(k);
            if (!key)
                return CK_ERR_NOMEM;
            p = skip_ws(p, end);
            if (p >= end || *p != ':') {
                free(key);
                return syntax(c, p, "':' after the record key");
            }
            p = skip_ws(p + 1, end);
        }
        size_t line = line_at(c, p);
        json_t *v = value_at(c, &p, "a record");
        if (!v) {
            free(key);
            return ck_diag_strict(c->d) ? CK_ERR_PARSE : CK_OK;
        }
        rc = emit(c, line, index++, key, v);
        json_decref(v);
        free(key);
        if (rc)
            return rc;
        p = skip_ws(p, end);
        if (p < end && *p == ',') {
            p = skip_ws(p + 1, end);
            continue;
        }
        if (p < end && *p == close)
            break;
        return syntax(c, p, object ? "',' or '}' after a record" : "',' or ']' after a record");
    }
done:
    p = skip_ws(p + 1, end);
    if (p < end)
        return syntax(c, p, "the end of the file after the closing bracket");
    return rc;
}

static ck_status read_lines(rd *c, const char *p)
{
    size_t index = 0, line = c->line;
    ck_status rc = CK_OK;
    while (p < c->end && rc == CK_OK) {
        const char *nl = memchr(p, '\n', (size_t)(c->end - p));
        const char *e = nl ? nl : c->end;
        line++;
        const char *s = skip_ws(p, e);
        if (s < e) {
            json_error_t err;
            json_t *v = json_loadb(s, (size_t)(e - s), JSON_REJECT_DUPLICATES, &err);
            if (!v)
                rc = ck_diag_add(c->d, CK_SEV_ERROR, c->file, line,
                                 (size_t)(err.column > 0 ? err.column : 0) + (size_t)(s - p),
                                 (size_t)(s - c->data) + (size_t)(err.position > 0 ? err.position : 0),
                                 "record %zu: invalid JSON: %s", index + 1, err.text);
            else {
                rc = emit(c, line, index, NULL, v);
                json_decref(v);
            }
            index++;
        }
        p = nl ? nl + 1 : c->end;
    }
    return rc;
}

static ck_status read_file(rd *c, const char *data, size_t len)
{
    c->data = data;
    c->end = data + len;
    c->lp = data;
    c->line = 1;
    const char *p = data;
    if (len >= 3 && !memcmp(p, "\xEF\xBB\xBF", 3)) {
        ck_diag_add(c->d, CK_SEV_NOTE, c->file, 1, 1, 0, "byte-order mark skipped");
        p += 3;
        c->lp = p;
    }
    const char *s = skip_ws(p, c->end);
    if (c->t->layout == CB_OBJECT)
        return read_container(c, s, 1);
    if (s < c->end && *s == '[')
        return read_container(c, s, 0);
    c->line = 0;
    return read_lines(c, p);
}

ck_status cb_read(const char *path, ck_opts opts, const cb_task *t, ck_doc_sink sink,
                  void *user, ck_diag *d)
{
    if (ck_opts_check(opts, NULL, d))
        return CK_ERR_USAGE;
    ck_source *src;
    ck_status rc = ck_source_open(path, &src, d);
    if (rc)
        return rc;
    int single = ck_source_is_file(src);
    size_t n = ck_source_count(src), used = 0;
    for (size_t i = 0; i < n && rc == CK_OK; i++) {
        const char *name = ck_source_name(src, i);
        if (!single && !task_file(t, name))
            continue;
        used++;
        char *file = strdup(ck_source_display(src, i));
        char *rel = strdup(name);
        const char *data;
        size_t len;
        if (!file || !rel)
            rc = CK_ERR_NOMEM;
        if (rc == CK_OK)
            rc = ck_source_load(src, i, &data, &len, d);
        if (rc == CK_OK) {
            rd c = {t, sink, user, d, file, rel, NULL, NULL, NULL, 0};
            rc = read_file(&c, data, len);
            ck_source_release(src, i);
        }
        free(file);
        free(rel);
    }
    if (rc == CK_OK && used == 0)
        ck_diag_warn(d, path, 0, "no %s data file here (expected %s_train.json and the like)",
                     t->name, t->name);
    ck_source_free(src);
    return rc;
}

/* ---- Python-style output ---- */

json_t *cb_str(const char *s) { return s ? json_string(s) : json_null(); }

static void dump_string(ck_buf *b, const char *s, size_t n)
{
    ck_buf_addc(b, '"');
    size_t run = 0;
    for (size_t i = 0; i < n; i++) {
        unsigned char ch = (unsigned char)s[i];
        const char *esc = NULL;
        char u[8];
        switch (ch) {
        case '"': esc = "\\\""; break;
        case '\\': esc = "\\\\"; break;
        case '\n': esc = "\\n"; break;
        case '\r': esc = "\\r"; break;
        case '\t': esc = "\\t"; break;
        case '\b': esc = "\\b"; break;
        case '\f': esc = "\\f"; break;
        default:
            if (ch < 0x20) {
                snprintf(u, sizeof u, "\\u%04x", ch);
                esc = u;
            }
        }
        if (esc) {
            ck_buf_add(b, s + run, i - run);
            ck_buf_adds(b, esc);
            run = i + 1;
        }
    }
    ck_buf_add(b, s + run, n - run);
    ck_buf_addc(b, '"');
}

static void newline(ck_buf *b, int indent, int level)
{
    ck_buf_addc(b, '\n');
    for (int i = 0; i < indent * level; i++)
        ck_buf_addc(b, ' ');
}

void cb_dump(ck_buf *b, json_t *v, int indent, int level)
{
    switch (json_typeof(v)) {
    case JSON_OBJECT: {
        if (json_object_size(v) == 0) {
            ck_buf_adds(b, "{}");
            return;
        }
        ck_buf_addc(b, '{');
        const char *k;
        json_t *x;
        int first = 1;
        json_object_foreach(v, k, x) {
            if (!first)
                ck_buf_adds(b, indent < 0 ? ", " : ",");
            if (indent >= 0)
                newline(b, indent, level + 1);
            first = 0;
            dump_string(b, k, strlen(k));
            ck_buf_adds(b, ": ");
            cb_dump(b, x, indent, level + 1);
        }
        if (indent >= 0)
            newline(b, indent, level);
        ck_buf_addc(b, '}');
        return;
    }
    case JSON_ARRAY: {
        if (json_array_size(v) == 0) {
            ck_buf_adds(b, "[]");
            return;
        }
        ck_buf_addc(b, '[');
        size_t i;
        json_t *x;
        json_array_foreach(v, i, x) {
            if (i)
                ck_buf_adds(b, indent < 0 ? ", " : ",");
            if (indent >= 0)
                newline(b, indent, level + 1);
            cb_dump(b, x, indent, level + 1);
        }
        if (indent >= 0)
            newline(b, indent, level);
        ck_buf_addc(b, ']');
        return;
    }
    case JSON_STRING:
        dump_string(b, json_string_value(v), json_string_length(v));
        return;
    case JSON_INTEGER:
        ck_buf_addf(b, "%lld", (long long)json_integer_value(v));
        return;
    case JSON_REAL: {
        char *s = json_dumps(v, JSON_ENCODE_ANY);
        ck_buf_adds(b, s ? s : "0.0");
        free(s);
        return;
    }
    case JSON_TRUE: ck_buf_adds(b, "true"); return;
    case JSON_FALSE: ck_buf_adds(b, "false"); return;
    default: ck_buf_adds(b, "null"); return;
    }
}

/* ---- writing ---- */

struct cb_out {
    char *rel; /* relative path under the output folder ("" when single) */
    int layout;
    size_t n;
    ck_buf buf;
};

ck_status cb_writer_open(const char *path, ck_opts opts, const cb_task *t,
                         cb_record_fn record, void **state, ck_diag *d)
{
    if (ck_opts_check(opts, NULL, d))
        return CK_ERR_USAGE;
    cb_writer *w = calloc(1, sizeof *w);
    if (!w || !(w->path = strdup(path))) {
        free(w);
        return CK_ERR_NOMEM;
    }
    w->single = !strcmp(path, "-") || ck_has_suffix(path, ".json") ||
                ck_has_suffix(path, ".jsonl");
    w->task = t;
    w->record = record;
    *state = w;
    return CK_OK;
}

static int safe_rel(const char *s)
{
    if (!s || !*s || *s == '/')
        return 0;
    for (const char *p = s; *p;) {
        const char *e = strchr(p, '/');
        size_t n = e ? (size_t)(e - p) : strlen(p);
        if (n == 0 || (n == 2 && !strncmp(p, "..", 2)) || (n == 1 && *p == '.'))
            return 0;
        p += n + (e != NULL);
    }
    return 1;
}

/* Where doc goes (malloc'd relative path). */
static char *out_name(const cb_writer *w, const ck_doc *doc)
{
    if (w->single)
        return strdup("");
    const char *f = ck_doc_meta(doc, "file");
    if (safe_rel(f))
        return strdup(f);
    const char *ext = w->task->layout == CB_LINES ? ".jsonl" : ".json";
    const char *slash = doc->id ? strrchr(doc->id, '/') : NULL;
    char buf[1024];
    if (slash && slash > doc->id) {
        snprintf(buf, sizeof buf, "%.*s%s", (int)(slash - doc->id), doc->id, ext);
        if (safe_rel(buf))
            return strdup(buf);
    }
    snprintf(buf, sizeof buf, "%s%s", w->task->name, ext);
    return strdup(buf);
}

static cb_out *get_out(cb_writer *w, const ck_doc *doc)
{
    char *rel = out_name(w, doc);
    if (!rel)
        return NULL;
    for (size_t i = 0; i < w->n_outs; i++)
        if (!strcmp(w->outs[i].rel, rel)) {
            free(rel);
            return &w->outs[i];
        }
    cb_out *v = realloc(w->outs, (w->n_outs + 1) * sizeof *v);
    if (!v) {
        free(rel);
        return NULL;
    }
    w->outs = v;
    cb_out *o = &v[w->n_outs++];
    memset(o, 0, sizeof *o);
    o->rel = rel;
    const char *name = w->single ? w->path : rel;
    o->layout = w->task->layout == CB_ARRAY && ck_has_suffix(name, ".jsonl") ? CB_LINES
                                                                            : (int)w->task->layout;
    ck_buf_init(&o->buf);
    return o;
}

/* the record key of doc in an object file: its id after "<file stem>/" */
static const char *object_key(const ck_doc *doc)
{
    const char *id = doc->id ? doc->id : "";
    const char *f = ck_doc_meta(doc, "file");
    if (f) {
        char *stem = strip_ext(f);
        size_t n = stem ? strlen(stem) : 0;
        int pre = stem && !strncmp(id, stem, n) && id[n] == '/';
        free(stem);
        if (pre)
            return id + n + 1;
    }
    const char *slash = strrchr(id, '/');
    return slash ? slash + 1 : id;
}

ck_status cb_writer_write(void *state, const ck_doc *doc, ck_diag *d)
{
    cb_writer *w = state;
    json_t *rec = w->record(doc, d);
    if (!rec)
        return ck_diag_strict(d) ? CK_ERR_PARSE : CK_OK;
    cb_out *o = get_out(w, doc);
    if (!o) {
        json_decref(rec);
        return CK_ERR_NOMEM;
    }
    ck_buf *b = &o->buf;
    if (o->layout == CB_LINES) {
        cb_dump(b, rec, -1, 0);
        ck_buf_addc(b, '\n');
    } else {
        ck_buf_adds(b, o->n ? ",\n  " : (o->layout == CB_OBJECT ? "{\n  " : "[\n  "));
        if (o->layout == CB_OBJECT) {
            const char *k = object_key(doc);
            dump_string(b, k, strlen(k));
            ck_buf_adds(b, ": ");
        }
        cb_dump(b, rec, 2, 1);
    }
    o->n++;
    json_decref(rec);
    return b->failed ? CK_ERR_NOMEM : CK_OK;
}

ck_status cb_writer_close(void *state, ck_diag *d)
{
    cb_writer *w = state;
    ck_status rc = CK_OK;
    for (size_t i = 0; i < w->n_outs; i++) {
        cb_out *o = &w->outs[i];
        if (o->layout != CB_LINES)
            ck_buf_adds(&o->buf, o->n ? "\n" : "");
        if (o->layout == CB_OBJECT)
            ck_buf_adds(&o->buf, o->n ? "}" : "{}");
        else if (o->layout == CB_ARRAY)
            ck_buf_adds(&o->buf, o->n ? "]" : "[]");
        if (rc == CK_OK && o->buf.failed)
            rc = CK_ERR_NOMEM;
        if (rc == CK_OK && w->single && !strcmp(w->path, "-")) {
            if (fwrite(o->buf.p ? o->buf.p : "", 1, o->buf.n, stdout) != o->buf.n ||
                fflush(stdout)) {
                ck_diag_add(d, CK_SEV_ERROR, "-", 0, 0, (size_t)-1, "write failed");
                rc = CK_ERR_IO;
            }
        } else if (rc == CK_OK) {
            char *full = w->single ? strdup(w->path) : malloc(strlen(w->path) + strlen(o->rel) + 2);
            if (!full)
                rc = CK_ERR_NOMEM;
            else {
                if (!w->single)
                    sprintf(full, "%s/%s", w->path, o->rel);
                char *slash = strrchr(full, '/');
                if (slash && slash > full) {
                    *slash = '\0';
                    rc = ck_mkdirs(full, d);
                    *slash = '/';
                }
                if (rc == CK_OK)
                    rc = ck_write_file(full, o->buf.p ? o->buf.p : "", o->buf.n, d);
                free(full);
            }
        }
        free(o->rel);
        ck_buf_free(&o->buf);
    }
    free(w->outs);
    free(w->path);
    free(w);
    return rc;
}

/* null, "", [], or an object of empty values ({"@value": ""}) */
static int is_empty(json_t *v)
{
    if (json_is_object(v)) {
        const char *k;
        json_t *x;
        json_object_foreach(v, k, x) {
            if (!is_empty(x))
                return 0;
        }
        return 1;
    }
    return json_is_null(v) || (json_is_string(v) && json_string_length(v) == 0) ||
           (json_is_array(v) && json_array_size(v) == 0);
}

json_t *cb_reorder(json_t *obj, const char *key_order)
{
    if (!key_order)
        return obj;
    json_t *out = json_object();
    if (!out)
        return obj;
    ck_buf item;
    ck_buf_init(&item);
    for (const char *p = *key_order ? key_order : NULL; cb_order_next(&p, &item);) {
        json_t *v = json_object_get(obj, ck_buf_str(&item));
        if (v)
            json_object_set(out, ck_buf_str(&item), v);
    }
    ck_buf_free(&item);
    const char *k;
    json_t *v;
    json_object_foreach(obj, k, v) {
        if (!json_object_get(out, k) && !is_empty(v))
            json_object_set(out, k, v);
    }
    json_decref(obj);
    return out;
}

json_t *cb_finish_record(const ck_doc *doc, const cb_task *t, json_t *obj)
{
    for (size_t i = 0; i < doc->n_meta; i++) {
        const char *k = doc->meta[i].key, *v = doc->meta[i].value;
        if (!k || !v)
            continue;
        if (!strncmp(k, "json:", 5)) {
            json_t *x = json_loads(v, JSON_DECODE_ANY, NULL);
            if (x)
                json_object_set_new(obj, k + 5, x);
        } else if (!reserved(t, k))
            json_object_set_new(obj, k, json_string(v));
    }
    const char *order = ck_doc_meta(doc, "key_order");
    if (order)
        return cb_reorder(obj, order);
    /* canonical keys first (an extra such as a numeric "id" was added last), then the rest */
    json_t *out = json_object();
    for (size_t i = 0; t->canon && t->canon[i]; i++) {
        json_t *v = json_object_get(obj, t->canon[i]);
        if (v)
            json_object_set(out, t->canon[i], v);
    }
    const char *k;
    json_t *v;
    json_object_foreach(obj, k, v) {
        if (!json_object_get(out, k))
            json_object_set(out, k, v);
    }
    json_decref(obj);
    return out;
}
