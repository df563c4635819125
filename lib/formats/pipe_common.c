/*
 * pipe_common.c — pairing of report texts with gold pipe files by base
 * name, line splitting, span syntax, and the folder writer shared by the
 * share-clef-2013, share-clef-2014 and semeval-2015-t14 formats.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "clinkit/io.h"
#include "formats/pipe_common.h"

typedef struct item {
    char *stem;
    int ann;      /* 1 = gold file, 0 = report text */
    size_t index; /* source entry */
} item;

static int in_gold_folder(const char *name)
{
    for (const char *p = name; p;) {
        if (strncasecmp(p, "gold", 4) == 0 && strchr(p, '/'))
            return 1;
        p = strchr(p, '/');
        if (p)
            p++;
    }
    return 0;
}

/* Classify an entry; returns the stem (malloc'd) or NULL to ignore it. */
static char *classify(const char *name, int *ann)
{
    const char *base = strrchr(name, '/');
    base = base ? base + 1 : name;
    const char *pipe = strstr(base, ".pipe");
    size_t n;
    if (pipe && pipe != base) {
        *ann = 1;
        n = (size_t)(pipe - base);
    } else if (ck_has_suffix(base, ".txt") || ck_has_suffix(base, ".text")) {
        *ann = in_gold_folder(name);
        n = strlen(base) - (ck_has_suffix(base, ".txt") ? 4 : 5);
    } else
        return NULL;
    if (n == 0)
        return NULL;
    char *s = malloc(n + 1);
    if (s) {
        memcpy(s, base, n);
        s[n] = '\0';
    }
    return s;
}

static int cmp_item(const void *a, const void *b)
{
    const item *x = a, *y = b;
    int c = strcmp(x->stem, y->stem);
    if (c)
        return c;
    if (x->ann != y->ann)
        return x->ann - y->ann;
    return x->index < y->index ? -1 : x->index > y->index;
}

size_t ck_pipe_split(char *s, const char *sep, char **fields, size_t max,
                     int *overflow)
{
    size_t n = 0, sl = strlen(sep);
    *overflow = 0;
    for (;;) {
        if (n == max) {
            *overflow = 1;
            return n;
        }
        fields[n++] = s;
        char *q = strstr(s, sep);
        if (!q)
            return n;
        *q = '\0';
        s = q + sl;
    }
}

int ck_pipe_size(const char *s, size_t *out)
{
    if (!*s)
        return -1;
    size_t v = 0;
    for (; *s; s++) {
        if (*s < '0' || *s > '9' || v > ((size_t)-1) / 10 - 10)
            return -1;
        v = v * 10 + (size_t)(*s - '0');
    }
    *out = v;
    return 0;
}

int ck_pipe_spans(const char *s, ck_span **spans, size_t *n)
{
    *spans = NULL;
    *n = 0;
    size_t cap = 0;
    const char *p = s;
    for (;;) {
        size_t a = 0, b = 0;
        const char *q = p;
        if (!isdigit((unsigned char)*q))
            goto bad;
        for (; isdigit((unsigned char)*q); q++) {
            if (a > ((size_t)-1) / 10 - 10)
                goto bad;
            a = a * 10 + (size_t)(*q - '0');
        }
        if (*q++ != '-' || !isdigit((unsigned char)*q))
            goto bad;
        for (; isdigit((unsigned char)*q); q++) {
            if (b > ((size_t)-1) / 10 - 10)
                goto bad;
            b = b * 10 + (size_t)(*q - '0');
        }
        if (b < a)
            goto bad;
        if (*n == cap) {
            cap = cap ? cap * 2 : 4;
            ck_span *nv = realloc(*spans, cap * sizeof *nv);
            if (!nv)
                goto bad;
            *spans = nv;
        }
        (*spans)[(*n)++] = (ck_span){a, b};
        if (*q == '\0')
            return 0;
        if (*q != ',')
            goto bad;
        p = q + 1;
    }
bad:
    free(*spans);
    *spans = NULL;
    *n = 0;
    return -1;
}

void ck_pipe_add_spans(ck_buf *b, const ck_entity *e)
{
    for (size_t k = 0; k < e->n_spans; k++)
        ck_buf_addf(b, "%s%zu-%zu", k ? "," : "", e->spans[k].start, e->spans[k].end);
}

const char *ck_pipe_cui(const ck_entity *e)
{
    for (size_t k = 0; k < e->n_norms; k++)
        if (e->norms[k].db && strcmp(e->norms[k].db, "UMLS") == 0 && e->norms[k].id)
            return e->norms[k].id;
    if (e->n_norms && e->norms[0].id)
        return e->norms[0].id;
    return "CUI-less";
}

const char *ck_pipe_docname(const ck_doc *doc, char *tmp, size_t size)
{
    const char *m = ck_doc_meta(doc, "docname");
    if (m)
        return m;
    snprintf(tmp, size, "%s.txt", doc->id ? doc->id : "document");
    return tmp;
}

static ck_status load_text(ck_source *src, size_t i, ck_doc *doc, ck_diag *d)
{
    const char *data;
    size_t len, bad;
    ck_status rc = ck_source_load(src, i, &data, &len, d);
    if (rc == CK_OK && ck_doc_set_text(doc, data, len, &bad))
        rc = ck_diag_add(d, CK_SEV_ERROR, ck_source_display(src, i), 0, 0, bad,
                         "text is not valid UTF-8");
    ck_source_release(src, i);
    return rc;
}

static ck_status parse_gold(ck_source *src, size_t i, ck_doc *doc,
                            ck_pipe_line_fn fn, ck_diag *d)
{
    const char *data;
    size_t len;
    ck_status rc = ck_source_load(src, i, &data, &len, d);
    if (rc)
        return rc;
    char *copy = malloc(len + 1);
    char *file = strdup(ck_source_display(src, i));
    if (!copy || !file) {
        free(copy);
        free(file);
        ck_source_release(src, i);
        return CK_ERR_NOMEM;
    }
    memcpy(copy, data, len);
    copy[len] = '\0';
    ck_source_release(src, i);
    size_t no = 0;
    for (char *p = copy; rc == CK_OK && p < copy + len;) {
        char *nl = memchr(p, '\n', (size_t)(copy + len - p));
        char *e = nl ? nl : copy + len;
        no++;
        *e = '\0';
        size_t L = (size_t)(e - p);
        if (L && p[L - 1] == '\r')
            p[--L] = '\0';
        if (strlen(p) != L)
            rc = ck_diag_error(d, file, no, "NUL byte in the line");
        else if (*p && strspn(p, " \t") != strlen(p))
            rc = fn(doc, p, file, no, d);
        p = nl ? nl + 1 : copy + len;
    }
    free(copy);
    free(file);
    return rc;
}

ck_status ck_pipe_read(const char *path, ck_pipe_line_fn fn, ck_doc_sink sink,
                       void *user, ck_diag *d)
{
    ck_source *src;
    ck_status rc = ck_source_open(path, &src, d);
    if (rc)
        return rc;
    size_t n = ck_source_count(src), k = 0;
    item *v = calloc(n ? n : 1, sizeof *v);
    if (!v) {
        ck_source_free(src);
        return CK_ERR_NOMEM;
    }
    for (size_t i = 0; i < n; i++) {
        int ann = 0;
        char *stem = classify(ck_source_name(src, i), &ann);
        if (stem)
            v[k++] = (item){stem, ann, i};
    }
    qsort(v, k, sizeof *v, cmp_item);
    for (size_t i = 0; i < k && rc == CK_OK;) {
        size_t j = i;
        while (j < k && strcmp(v[j].stem, v[i].stem) == 0)
            j++;
        size_t text = (size_t)-1, ann = (size_t)-1;
        for (size_t m = i; m < j; m++) {
            size_t *slot = v[m].ann ? &ann : &text;
            if (*slot != (size_t)-1)
                ck_diag_warn(d, ck_source_display(src, *slot), 0,
                             "another file for the same report follows (%s): this one is ignored",
                             ck_source_name(src, v[m].index));
            *slot = v[m].index;
        }
        ck_doc *doc = ck_doc_new(v[i].stem);
        if (!doc)
            rc = CK_ERR_NOMEM;
        size_t errors = ck_diag_count(d, CK_SEV_ERROR);
        if (rc == CK_OK && text != (size_t)-1)
            rc = load_text(src, text, doc, d);
        else if (rc == CK_OK)
            ck_diag_warn(d, ck_source_display(src, ann), 0,
                         "no report text for this gold file: document read without text");
        if (rc == CK_OK && ann != (size_t)-1)
            rc = parse_gold(src, ann, doc, fn, d);
        /* a text that failed UTF-8 (lenient) is reported; the document is skipped */
        if (rc == CK_OK && doc && text != (size_t)-1 && !doc->text &&
            ck_diag_count(d, CK_SEV_ERROR) > errors) {
            ck_doc_free(doc);
            doc = NULL;
        }
        if (rc == CK_OK && doc)
            rc = sink(user, doc);
        else
            ck_doc_free(doc);
        i = j;
    }
    for (size_t i = 0; i < k; i++)
        free(v[i].stem);
    free(v);
    ck_source_free(src);
    return rc;
}

/* ---- writer ---- */

ck_status ck_pipe_writer_open(const char *path, const char *text_ext,
                              const char *ann_ext, ck_pipe_doc_fn fn,
                              void **state, ck_diag *d)
{
    void *st;
    ck_status rc = ck_folder_writer_open(path, NULL, NULL, sizeof(ck_pipe_writer), &st, d);
    if (rc)
        return rc;
    ck_pipe_writer *w = st;
    w->text_ext = text_ext;
    w->ann_ext = ann_ext;
    w->fn = fn;
    *state = w;
    return CK_OK;
}

static int safe_name(const char *id)
{
    return id && *id && !strchr(id, '/') && strcmp(id, ".") && strcmp(id, "..");
}

ck_status ck_pipe_writer_write(void *state, const ck_doc *doc, ck_diag *d)
{
    ck_pipe_writer *w = state;
    if (!safe_name(doc->id))
        return ck_diag_error(d, w->root, 0,
                             "document id unusable as a file name (empty or containing '/')");
    ck_buf_reset(&w->buf);
    ck_status rc = w->fn(doc, &w->buf, d);
    if (rc)
        return rc;
    if (w->buf.failed)
        return CK_ERR_NOMEM;
    size_t need = strlen(w->root) + strlen(doc->id) + 32;
    char *file = malloc(need);
    if (!file)
        return CK_ERR_NOMEM;
    if (doc->text) {
        snprintf(file, need, "%s/%s%s", w->root, doc->id, w->text_ext);
        rc = ck_write_file(file, doc->text, doc->text_bytes, d);
    }
    if (rc == CK_OK) {
        snprintf(file, need, "%s/%s%s", w->root, doc->id, w->ann_ext);
        rc = ck_write_file(file, w->buf.p ? w->buf.p : "", w->buf.n, d);
    }
    free(file);
    return rc;
}

ck_status ck_pipe_writer_close(void *state, ck_diag *d)
{
    ck_pipe_writer *w = state;
    if (!w)
        return CK_OK;
    ck_buf_free(&w->buf);
    free(w->root);
    free(w);
    return CK_OK;
}
