/*
 * i2b2line.c — shared parsing, span resolution, value text and file pairing
 * for the i2b2 line:token formats (see i2b2line.h).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <utf8proc.h>

#include "clinkit/text.h"
#include "formats/i2b2line.h"

i2b2_line *i2b2_lines(char *text, size_t len, size_t *n)
{
    size_t cap = 16, k = 0, no = 0;
    *n = 0;
    if (!len)
        return NULL;
    i2b2_line *v = malloc(cap * sizeof *v);
    char *p = text, *end = text + len;
    while (v && p < end) {
        char *nl = memchr(p, '\n', (size_t)(end - p));
        char *e = nl ? nl : end;
        no++;
        if (e > p && e[-1] == '\r')
            e[-1] = '\0';
        *e = '\0';
        if (k == cap) {
            i2b2_line *nv = realloc(v, (cap *= 2) * sizeof *v);
            if (!nv) {
                free(v);
                v = NULL;
                break;
            }
            v = nv;
        }
        v[k++] = (i2b2_line){p, no};
        p = nl ? nl + 1 : end;
    }
    *n = v ? k : 1;
    return v;
}

static char *trim(char *s)
{
    while (*s == ' ' || *s == '\t' || *s == '|')
        s++;
    size_t n = strlen(s);
    while (n && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '|'))
        s[--n] = '\0';
    return s;
}

static int parse_field(char *s, i2b2_field *f)
{
    char *eq = strstr(s, "=\"");
    char *q = strrchr(s, '"');
    if (!eq || eq == s || q <= eq + 1)
        return -1;
    *eq = '\0';
    *q = '\0';
    f->key = trim(s);
    f->value = eq + 2;
    f->offs = trim(q + 1);
    return *f->key ? 0 : -1;
}

int i2b2_fields(char *line, i2b2_field **out, size_t *bad)
{
    size_t cap = 12, n = 0;
    i2b2_field *v = malloc(cap * sizeof *v);
    *out = NULL;
    if (!v)
        return -2;
    for (char *p = line; p;) {
        char *sep = strstr(p, "||");
        if (sep)
            *sep = '\0';
        char *part = trim(p);
        p = sep ? sep + 2 : NULL;
        if (!*part && p)
            continue; /* "|||": the stray pipe leaves an empty part */
        if (!*part && !p && n)
            break;
        if (n == cap) {
            i2b2_field *nv = realloc(v, (cap *= 2) * sizeof *v);
            if (!nv) {
                free(v);
                return -2;
            }
            v = nv;
        }
        if (parse_field(part, &v[n])) {
            free(v);
            *bad = n + 1;
            return -1;
        }
        n++;
    }
    *out = v;
    return (int)n;
}

static int parse_num(const char **s, size_t *out)
{
    const char *p = *s;
    size_t v = 0;
    if (*p < '0' || *p > '9')
        return -1;
    while (*p >= '0' && *p <= '9') {
        if (v > 100000000)
            return -1;
        v = v * 10 + (size_t)(*p++ - '0');
    }
    *out = v;
    *s = p;
    return 0;
}

static int parse_lt(const char **s, size_t *l, size_t *t)
{
    if (parse_num(s, l) || **s != ':')
        return -1;
    (*s)++;
    return parse_num(s, t);
}

int i2b2_offsets(const char *s, i2b2_pos *out, size_t max)
{
    size_t n = 0;
    while (*s == ' ')
        s++;
    while (*s) {
        i2b2_pos p;
        if (n == max || parse_lt(&s, &p.l1, &p.t1))
            return -1;
        if (*s != ' ')
            return -1;
        while (*s == ' ')
            s++;
        if (parse_lt(&s, &p.l2, &p.t2))
            return -1;
        out[n++] = p;
        while (*s == ' ' || *s == ',')
            s++;
    }
    return (int)n;
}

void i2b2_ctx_init(i2b2_ctx *c, ck_doc *doc, const char *file, ck_diag *d,
                   int clamp, const char *joiner)
{
    memset(c, 0, sizeof *c);
    c->doc = doc;
    c->file = file;
    c->d = d;
    c->clamp = clamp;
    c->joiner = joiner;
    c->n_notes = doc->n_notes;
    c->lt = ck_linetok_new(doc, CK_LINETOK_SPLIT);
    ck_buf_init(&c->tmp);
}

void i2b2_ctx_done(i2b2_ctx *c)
{
    ck_linetok_free(c->lt);
    ck_linetok_free(c->alt);
    ck_buf_free(&c->tmp);
}

/* Letters and digits only, lower-cased: how a value is compared with the
 * text (values drop case, trailing punctuation and join parts with "..."). */
static void loose(const char *s, size_t n, ck_buf *b)
{
    for (size_t i = 0; i < n;) {
        int32_t cp;
        size_t k = ck_utf8_decode(s + i, n - i, &cp);
        if (!k)
            break;
        i += k;
        if (cp < 0x80 && !((cp >= '0' && cp <= '9') || (cp >= 'a' && cp <= 'z') ||
                           (cp >= 'A' && cp <= 'Z')))
            continue;
        char o[4];
        ck_buf_add(b, o, ck_utf8_encode(utf8proc_tolower(cp), o));
    }
}

static int matches(i2b2_ctx *c, const ck_span *sp, size_t n, const char *value)
{
    ck_buf a, t;
    ck_buf_init(&a);
    ck_buf_init(&t);
    for (size_t i = 0; i < n; i++) {
        const char *p;
        size_t len;
        if (ck_doc_slice(c->doc, sp[i].start, sp[i].end, &p, &len) == 0)
            loose(p, len, &t);
    }
    loose(value, strlen(value), &a);
    int eq = a.n == t.n && (a.n == 0 || memcmp(a.p, t.p, a.n) == 0);
    ck_buf_free(&a);
    ck_buf_free(&t);
    return eq;
}

static int to_spans(const ck_linetok *lt, const i2b2_pos *p, size_t np,
                    ck_span *spans)
{
    for (size_t i = 0; i < np; i++)
        if (ck_linetok_span(lt, p[i].l1, p[i].t1, p[i].l2, p[i].t2, &spans[i]))
            return -1;
    return 0;
}

/* The 2009 repair: a token index past the end of its line means the
 * line's last token. Returns -1 if a line itself does not exist. */
static int clamped(i2b2_ctx *c, size_t no, const char *key, const i2b2_pos *p,
                   size_t np, ck_span *spans)
{
    for (size_t i = 0; i < np; i++) {
        i2b2_pos q = p[i];
        size_t n1 = ck_linetok_tokens(c->lt, q.l1), n2 = ck_linetok_tokens(c->lt, q.l2);
        if (!n1 || !n2)
            return -1;
        if (q.t1 >= n1 || q.t2 >= n2)
            ck_diag_warn(c->d, c->file, no,
                         "%s: token past the end of its line (%zu:%zu %zu:%zu); used the line's last token",
                         key, q.l1, q.t1, q.l2, q.t2);
        if (q.t1 >= n1)
            q.t1 = n1 - 1;
        if (q.t2 >= n2)
            q.t2 = n2 - 1;
        if (ck_linetok_span(c->lt, q.l1, q.t1, q.l2, q.t2, &spans[i]))
            return -1;
    }
    return 0;
}

/* Positions are read with the SPLIT convention; when they fall outside
 * the text or the value does not match, the EVERY convention is tried
 * (used, with a note, if it fits); then, for 2009, the past-the-end
 * repair; a value still not matching is a warning (data kept). */
ck_status i2b2_resolve(i2b2_ctx *c, size_t no, const char *key,
                       const char *value, const i2b2_pos *p, size_t np,
                       ck_span *spans, int *ok)
{
    *ok = 0;
    if (!c->lt)
        return ck_diag_error(c->d, c->file, no,
                             "%s: no document text to resolve line:token positions", key);
    int prim = to_spans(c->lt, p, np, spans) == 0;
    if (prim && (!value || matches(c, spans, np, value))) {
        *ok = 1;
        return CK_OK;
    }
    if (!c->alt)
        c->alt = ck_linetok_new(c->doc, CK_LINETOK_EVERY);
    ck_span *alt = malloc(np * sizeof *alt);
    if (!alt)
        return CK_ERR_NOMEM;
    int fits = c->alt && to_spans(c->alt, p, np, alt) == 0 &&
               (value ? matches(c, alt, np, value) : !prim);
    if (fits)
        memcpy(spans, alt, np * sizeof *alt);
    free(alt);
    if (fits) {
        ck_diag_add(c->d, CK_SEV_NOTE, c->file, no, 0, (size_t)-1,
                    "%s: tokens counted with every whitespace character as a separator (empty tokens), which fits the text",
                    key);
        *ok = 1;
        return CK_OK;
    }
    if (!prim && !(c->clamp && clamped(c, no, key, p, np, spans) == 0)) {
        size_t k = 0;
        ck_span tmp;
        while (k + 1 < np && ck_linetok_span(c->lt, p[k].l1, p[k].t1, p[k].l2,
                                             p[k].t2, &tmp) == 0)
            k++;
        return ck_diag_error(c->d, c->file, no,
                             "%s: position %zu:%zu %zu:%zu is outside the text (line %zu has %zu tokens, the text %zu lines) or ends before it starts",
                             key, p[k].l1, p[k].t1, p[k].l2, p[k].t2, p[k].l1,
                             ck_linetok_tokens(c->lt, p[k].l1), ck_linetok_lines(c->lt));
    }
    if (value && !matches(c, spans, np, value))
        ck_diag_warn(c->d, c->file, no, "%s: value %s differs from the text at %zu:%zu (kept)",
                     key, ck_diag_quote(c->d, value, strlen(value)), p[0].l1, p[0].t1);
    *ok = 1;
    return CK_OK;
}

/* What a writer would put in the value: lower-cased parts joined. */
static void canonical(const ck_doc *doc, const ck_span *sp, size_t n,
                      const char *joiner, ck_buf *b)
{
    for (size_t i = 0; i < n; i++) {
        if (i)
            ck_buf_adds(b, joiner);
        ck_linetok_lower(doc, sp[i].start, sp[i].end, b);
    }
}

ck_entity *i2b2_add_entity(i2b2_ctx *c, const char *id, const char *type,
                           const ck_span *spans, size_t n, const char *value)
{
    ck_entity *e = ck_doc_add_entity(c->doc, id, type);
    if (!e)
        return NULL;
    for (size_t i = 0; i < n; i++)
        if (ck_entity_add_span(c->doc, e, spans[i].start, spans[i].end, NULL))
            return NULL;
    if (value) {
        ck_buf_reset(&c->tmp);
        canonical(c->doc, spans, n, c->joiner, &c->tmp);
        if (strcmp(ck_buf_str(&c->tmp), value) != 0) {
            char nid[32];
            snprintf(nid, sizeof nid, "#%zu", ++c->n_notes);
            if (!ck_doc_add_note(c->doc, nid, "SourceText", id, value))
                return NULL;
        }
    }
    return &c->doc->entities[c->doc->n_entities - 1];
}

ck_entity *i2b2_find(const ck_doc *doc, const ck_span *spans, size_t n,
                     const char *type)
{
    for (size_t i = 0; i < doc->n_entities; i++) {
        ck_entity *e = &doc->entities[i];
        if (e->n_spans != n || (type && (!e->type || strcmp(e->type, type))))
            continue;
        size_t k = 0;
        while (k < n && e->spans[k].start == spans[k].start &&
               e->spans[k].end == spans[k].end)
            k++;
        if (k == n)
            return e;
    }
    return NULL;
}

void i2b2_value(const ck_doc *doc, const ck_entity *e, const char *joiner,
                ck_buf *b)
{
    size_t from = b->n;
    const char *src = NULL;
    for (size_t i = 0; e->id && i < doc->n_notes && !src; i++)
        if (doc->notes[i].type && strcmp(doc->notes[i].type, "SourceText") == 0 &&
            doc->notes[i].ref && strcmp(doc->notes[i].ref, e->id) == 0)
            src = doc->notes[i].text;
    if (src)
        ck_buf_adds(b, src);
    else
        canonical(doc, e->spans, e->n_spans, joiner, b);
    for (size_t i = from; i < b->n; i++)
        if (b->p[i] == '\n' || b->p[i] == '\r')
            b->p[i] = ' ';
}

int i2b2_write_pos(const ck_linetok *lt, const ck_doc *doc, const ck_entity *e,
                   ck_buf *b, const char *file, ck_diag *d)
{
    (void)doc;
    for (size_t i = 0; i < e->n_spans; i++) {
        size_t l1, t1, l2, t2;
        int r = ck_linetok_locate(lt, e->spans[i].start, e->spans[i].end,
                                  &l1, &t1, &l2, &t2);
        if (r < 0) {
            ck_diag_add(d, CK_SEV_ERROR, file, 0, 0, (size_t)-1,
                        "entity %s: span %zu-%zu covers no token; not written",
                        e->id ? e->id : "?", e->spans[i].start, e->spans[i].end);
            return -1;
        }
        if (r > 0)
            ck_diag_warn(d, file, 0,
                         "entity %s: span %zu-%zu does not fall on token edges; written as the tokens it touches",
                         e->id ? e->id : "?", e->spans[i].start, e->spans[i].end);
        ck_buf_addf(b, "%s%zu:%zu %zu:%zu", i ? "," : "", l1, t1, l2, t2);
    }
    return 0;
}

int i2b2_write_concept(const ck_linetok *lt, const ck_doc *doc,
                       const ck_entity *e, ck_buf *b, const char *file,
                       ck_diag *d)
{
    ck_buf_adds(b, "c=\"");
    i2b2_value(doc, e, " ", b);
    ck_buf_adds(b, "\" ");
    return i2b2_write_pos(lt, doc, e, b, file, d);
}

static const char *const kind_dirs[] = {
    "txt", "docs", "doc", "text", "concept", "concepts", "con", "ast",
    "asts", "assertion", "assertions", "rel", "rels", "relation",
    "relations", "chains", "chain", "pairs", NULL};

char *i2b2_group_key(const char *name, const char *stem)
{
    const char *slash = strrchr(name, '/');
    size_t dl = slash ? (size_t)(slash - name) : 0;
    if (slash) {
        const char *prev = dl ? name + dl - 1 : name;
        while (prev > name && prev[-1] != '/')
            prev--;
        size_t cl = (size_t)(name + dl - prev);
        for (size_t i = 0; kind_dirs[i]; i++)
            if (strlen(kind_dirs[i]) == cl && strncmp(prev, kind_dirs[i], cl) == 0) {
                dl = prev > name ? (size_t)(prev - 1 - name) : 0;
                break;
            }
    }
    char *k = malloc(dl + strlen(stem) + 2);
    if (!k)
        return NULL;
    if (dl)
        sprintf(k, "%.*s/%s", (int)dl, name, stem);
    else
        strcpy(k, stem);
    return k;
}

char *i2b2_strip(const char *name, const char *const *suffixes)
{
    const char *base = strrchr(name, '/');
    base = base ? base + 1 : name;
    size_t n = strlen(base);
    for (size_t i = 0; suffixes[i]; i++) {
        size_t sl = strlen(suffixes[i]);
        if (n > sl && strcmp(base + n - sl, suffixes[i]) == 0) {
            size_t m = n - sl;
            if (m > 4 && strncmp(base + m - 4, ".txt", 4) == 0)
                m -= 4;
            return strndup(base, m);
        }
    }
    return NULL;
}

ck_status i2b2_put(const char *root, const char *dir, const char *file,
                   const char *data, size_t len, ck_diag *d)
{
    size_t n = strlen(root) + strlen(dir) + strlen(file) + 3;
    char *p = malloc(n);
    if (!p)
        return CK_ERR_NOMEM;
    snprintf(p, n, "%s/%s/%s", root, dir, file);
    char *slash = strrchr(p, '/');
    *slash = '\0';
    ck_status rc = ck_mkdirs(p, d);
    *slash = '/';
    if (rc == CK_OK)
        rc = ck_write_file(p, data ? data : "", len, d);
    free(p);
    return rc;
}

ck_status i2b2_put_doc(const char *root, const char *id, size_t n, const char *const *sub,
                       const char *const *ext, const char *const *data, const size_t *len,
                       ck_diag *d)
{
    const char *slash = strrchr(id, '/');
    const char *stem = slash ? slash + 1 : id;
    int gl = slash ? (int)(slash - id) : 0;
    ck_status rc = CK_OK;
    ck_buf dir, name;
    ck_buf_init(&dir);
    ck_buf_init(&name);
    for (size_t k = 0; k < n && rc == CK_OK; k++) {
        ck_buf_reset(&dir);
        ck_buf_reset(&name);
        ck_buf_addf(&dir, "%.*s%s%s", gl, id, gl ? "/" : "", sub[k]);
        ck_buf_addf(&name, "%s%s", stem, ext[k]);
        rc = dir.failed || name.failed
                 ? CK_ERR_NOMEM
                 : i2b2_put(root, ck_buf_str(&dir), ck_buf_str(&name), data[k], len[k], d);
    }
    ck_buf_free(&dir);
    ck_buf_free(&name);
    return rc;
}

void i2b2_split_id(const char *id, char **group, char **stem)
{
    const char *slash = strrchr(id, '/');
    *group = slash ? strndup(id, (size_t)(slash - id)) : strdup("");
    *stem = strdup(slash ? slash + 1 : id);
}

int i2b2_safe_id(const char *id)
{
    return id && *id && id[0] != '/' && !strstr(id, "..") &&
           id[strlen(id) - 1] != '/';
}

static int by_id(const void *a, const void *b)
{
    return strcmp(((const i2b2_docfiles *)a)->id, ((const i2b2_docfiles *)b)->id);
}

void i2b2_docfiles_free(i2b2_docfiles *v, size_t n)
{
    for (size_t i = 0; v && i < n; i++) {
        free(v[i].id);
        free(v[i].stem);
    }
    free(v);
}

static i2b2_docfiles *find_doc(i2b2_docfiles *v, size_t n, const char *key,
                               const char *stem)
{
    i2b2_docfiles k = {.id = (char *)key};
    i2b2_docfiles *hit = bsearch(&k, v, n, sizeof *v, by_id);
    if (hit)
        return hit;
    for (size_t i = 0; i < n; i++)
        if (strcmp(v[i].stem, stem) == 0) {
            if (hit)
                return NULL; /* ambiguous */
            hit = &v[i];
        }
    return hit;
}

ck_status i2b2_pair(ck_source *src, int (*is_text)(const char *name),
                    const char *const *const *kinds, size_t nk,
                    i2b2_docfiles **out, size_t *n, ck_diag *d)
{
    size_t cnt = ck_source_count(src), m = 0;
    i2b2_docfiles *v = calloc(cnt ? cnt : 1, sizeof *v);
    *out = NULL;
    *n = 0;
    if (!v)
        return CK_ERR_NOMEM;
    for (size_t i = 0; i < cnt; i++) {
        const char *name = ck_source_name(src, i);
        if (!is_text(name))
            continue;
        char *stem = ck_stem(name);
        const char *base = strrchr(name, '/');
        base = base ? base + 1 : name;
        if (stem && !strchr(base, '.')) { /* extension-less: stem is all */
            free(stem);
            stem = strdup(base);
        }
        char *key = stem ? i2b2_group_key(name, stem) : NULL;
        if (!key) {
            free(stem);
            i2b2_docfiles_free(v, m);
            return CK_ERR_NOMEM;
        }
        v[m] = (i2b2_docfiles){key, stem, i, {(size_t)-1, (size_t)-1, (size_t)-1, (size_t)-1}};
        m++;
    }
    qsort(v, m, sizeof *v, by_id);
    for (size_t i = 1; i < m; i++)
        if (strcmp(v[i].id, v[i - 1].id) == 0)
            ck_diag_warn(d, ck_source_display(src, v[i].text), 0,
                         "second text for document %s (e.g. X and X.txt); both read", v[i].id);
    ck_status rc = CK_OK;
    for (size_t i = 0; i < cnt && rc == CK_OK; i++) {
        const char *name = ck_source_name(src, i);
        for (size_t k = 0; k < nk; k++) {
            char *stem = i2b2_strip(name, kinds[k]);
            if (!stem)
                continue;
            char *key = i2b2_group_key(name, stem);
            i2b2_docfiles *doc = key ? find_doc(v, m, key, stem) : NULL;
            if (!doc)
                rc = ck_diag_error(d, ck_source_display(src, i), 0,
                                   "no text file for this annotation file (expected %s.txt under the same folder, or one text with that stem)",
                                   stem);
            else if (doc->ann[k] != (size_t)-1)
                rc = ck_diag_error(d, ck_source_display(src, i), 0,
                                   "a second annotation file of this kind for document %s; skipped",
                                   doc->id);
            else
                doc->ann[k] = i;
            free(key);
            free(stem);
            break;
        }
    }
    if (rc) {
        i2b2_docfiles_free(v, m);
        return rc;
    }
    *out = v;
    *n = m;
    return CK_OK;
}

ck_status i2b2_load_text(ck_source *src, size_t i, ck_doc *doc, ck_diag *d)
{
    const char *data;
    size_t len, bad;
    ck_status rc = ck_source_load(src, i, &data, &len, d);
    if (rc == CK_OK && ck_doc_set_text(doc, data, len, &bad))
        rc = ck_diag_add(d, CK_SEV_ERROR, ck_source_display(src, i), 0, 0, bad,
                         "text is not valid UTF-8") ? CK_ERR_PARSE : CK_OK;
    ck_source_release(src, i);
    return rc;
}

ck_status i2b2_load_copy(ck_source *src, size_t i, char **out, size_t *len,
                         ck_diag *d)
{
    const char *data;
    *out = NULL;
    ck_status rc = ck_source_load(src, i, &data, len, d);
    if (rc)
        return rc;
    *out = malloc(*len + 1);
    if (*out)
        memcpy(*out, data, *len + 1);
    ck_source_release(src, i);
    return *out ? CK_OK : CK_ERR_NOMEM;
}

static ck_status read_line_doc(ck_source *src, const i2b2_docfiles *df, size_t nk,
                               size_t state_size, i2b2_line_fn parse, ck_doc_sink sink,
                               void *user, ck_diag *d)
{
    ck_doc *doc = ck_doc_new(df->id);
    void *state = calloc(1, state_size);
    if (!doc || !state) {
        ck_doc_free(doc);
        free(state);
        return CK_ERR_NOMEM;
    }
    i2b2_ctx *c = state;
    ck_status rc = i2b2_load_text(src, df->text, doc, d);
    i2b2_ctx_init(c, doc, NULL, d, 0, " ");
    for (size_t k = 0; k < nk && rc == CK_OK; k++) {
        if (df->ann[k] == (size_t)-1)
            continue;
        char *data;
        size_t len, nl;
        rc = i2b2_load_copy(src, df->ann[k], &data, &len, d);
        if (rc)
            break;
        char *file = strdup(ck_source_display(src, df->ann[k]));
        c->file = file;
        i2b2_line *lines = i2b2_lines(data, len, &nl);
        if (!lines && nl)
            rc = CK_ERR_NOMEM;
        for (size_t i = 0; lines && i < nl && rc == CK_OK; i++)
            if (lines[i].s[strspn(lines[i].s, " \t")])
                rc = parse(state, (int)k, lines[i].s, lines[i].no);
        free(lines);
        free(data);
        free(file);
        c->file = NULL;
    }
    i2b2_ctx_done(c);
    free(state);
    if (rc == CK_OK)
        return sink(user, doc);
    ck_doc_free(doc);
    return rc;
}

ck_status i2b2_read_lines(const char *path, ck_opts opts, int (*is_text)(const char *name),
                          const char *const *const *kinds, size_t nk, size_t state_size,
                          i2b2_line_fn parse, ck_doc_sink sink, void *user, ck_diag *d)
{
    if (ck_opts_check(opts, NULL, d))
        return CK_ERR_USAGE;
    ck_source *src;
    ck_status rc = ck_source_open(path, &src, d);
    if (rc)
        return rc;
    i2b2_docfiles *v;
    size_t n;
    rc = i2b2_pair(src, is_text, kinds, nk, &v, &n, d);
    for (size_t i = 0; rc == CK_OK && i < n; i++)
        rc = read_line_doc(src, &v[i], nk, state_size, parse, sink, user, d);
    i2b2_docfiles_free(v, n);
    ck_source_free(src);
    return rc;
}
