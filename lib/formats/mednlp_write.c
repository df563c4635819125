/*
 * mednlp_write.c — the MedNLP writer: puts the standoff entities back
 * inline and, with the mednlp.* meta the reader kept (see mednlp.c),
 * reproduces the source file byte for byte. Documents from other formats
 * are written in canonical form; an entity that cannot be inline (several
 * spans, crossing another) is an error naming it.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "formats/mednlp.h"

void ck_mednlp_esc_text(ck_buf *b, const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        switch (s[i]) {
        case '&': ck_buf_adds(b, "&amp;"); break;
        case '<': ck_buf_adds(b, "&lt;"); break;
        case '>': ck_buf_adds(b, "&gt;"); break;
        default: ck_buf_addc(b, s[i]);
        }
    }
}

void ck_mednlp_esc_attr(ck_buf *b, const char *s)
{
    for (; *s; s++) {
        switch (*s) {
        case '&': ck_buf_adds(b, "&amp;"); break;
        case '<': ck_buf_adds(b, "&lt;"); break;
        case '>': ck_buf_adds(b, "&gt;"); break;
        case '"': ck_buf_adds(b, "&quot;"); break;
        default: ck_buf_addc(b, *s);
        }
    }
}

typedef struct mw {
    FILE *f;
    int own;
    char *path;
    size_t n;
    char *after;
    ck_buf b;
} mw;

ck_status ck_mednlp_writer_open(const char *path, ck_opts opts, void **state,
                                    ck_diag *d)
{
    if (ck_opts_check(opts, NULL, d))
        return CK_ERR_USAGE;
    mw *w = calloc(1, sizeof *w);
    if (!w)
        return CK_ERR_NOMEM;
    if (strcmp(path, "-") == 0)
        w->f = stdout;
    else {
        w->f = fopen(path, "wb");
        w->own = 1;
    }
    if (!w->f || !(w->path = strdup(path))) {
        if (w->f && w->own)
            fclose(w->f);
        free(w);
        ck_diag_add(d, CK_SEV_ERROR, path, 0, 0, (size_t)-1, "cannot write this file");
        return CK_ERR_IO;
    }
    *state = w;
    return CK_OK;
}

typedef struct exc {
    size_t cp, len, depth, opened;
    const char *raw; /* %-encoded, up to '\n' or NUL */
    size_t raw_n;
} exc;

static int unpct(ck_buf *b, const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        if (s[i] != '%') {
            ck_buf_addc(b, s[i]);
            continue;
        }
        unsigned v = 0;
        char hex[3] = {0, 0, 0};
        if (i + 2 >= n)
            return -1;
        memcpy(hex, s + i + 1, 2);
        if (sscanf(hex, "%2X", &v) != 1)
            return -1;
        ck_buf_addc(b, (char)v);
        i += 2;
    }
    return 0;
}

static exc *parse_exc(const char *m, size_t *n)
{
    *n = 0;
    if (!m)
        return NULL;
    size_t cap = 0;
    exc *v = NULL;
    for (const char *p = m; *p;) {
        const char *nl = strchr(p, '\n');
        size_t ln = nl ? (size_t)(nl - p) : strlen(p);
        exc e;
        int off = 0;
        if (sscanf(p, "%zu,%zu,%zu,%zu,%n", &e.cp, &e.len, &e.depth, &e.opened, &off) == 4 &&
            off > 0 &&
            (size_t)off <= ln) {
            e.raw = p + off;
            e.raw_n = ln - (size_t)off;
            if (*n == cap) {
                cap = cap ? cap * 2 : 16;
                exc *nv = realloc(v, cap * sizeof *nv);
                if (!nv)
                    break;
                v = nv;
            }
            v[(*n)++] = e;
        }
        p += ln + (nl != NULL);
    }
    return v;
}

static const char *tag_meta(const ck_doc *doc, const char *what, const char *id)
{
    char key[300];
    snprintf(key, sizeof key, "mednlp.%s:%s", what, id ? id : "");
    return ck_doc_meta(doc, key);
}

static void open_tag(ck_buf *b, const ck_doc *doc, const ck_entity *e)
{
    const char *raw = tag_meta(doc, "tag", e->id);
    if (raw) {
        ck_buf_adds(b, raw);
        return;
    }
    ck_buf_addc(b, '<');
    ck_buf_adds(b, e->type ? e->type : "x");
    for (size_t k = 0; k < e->n_attrs; k++) {
        ck_buf_addf(b, " %s=\"", e->attrs[k].key ? e->attrs[k].key : "value");
        ck_mednlp_esc_attr(b, e->attrs[k].value ? e->attrs[k].value : "");
        ck_buf_addc(b, '"');
    }
    ck_buf_addc(b, '>');
}

static void close_tag(ck_buf *b, const ck_doc *doc, const ck_entity *e)
{
    const char *raw = tag_meta(doc, "end", e->id);
    if (raw)
        ck_buf_adds(b, raw);
    else
        ck_buf_addf(b, "</%s>", e->type ? e->type : "x");
}

/* How many tags an empty tag held in the source (mednlp.inner:<id>). */
static size_t inner_of(const ck_doc *doc, const ck_entity *e)
{
    const char *v = tag_meta(doc, "inner", e->id);
    return v ? strtoul(v, NULL, 10) : 0;
}

static size_t *order_entities(const ck_doc *doc)
{
    size_t n = doc->n_entities;
    size_t *o = malloc((n ? n : 1) * sizeof *o);
    if (!o)
        return NULL;
    for (size_t i = 0; i < n; i++)
        o[i] = i;
    /* insertion sort by start, stable (documents are nearly sorted) */
    for (size_t i = 1; i < n; i++) {
        size_t v = o[i], j = i;
        size_t s = doc->entities[v].n_spans ? doc->entities[v].spans[0].start : 0;
        while (j > 0 && (doc->entities[o[j - 1]].n_spans ? doc->entities[o[j - 1]].spans[0].start : 0) > s) {
            o[j] = o[j - 1];
            j--;
        }
        o[j] = v;
    }
    return o;
}

static void add_text(ck_buf *b, const ck_doc *doc, size_t from, size_t to)
{
    const char *s;
    size_t n;
    if (to > from && ck_doc_slice(doc, from, to, &s, &n) == 0)
        ck_mednlp_esc_text(b, s, n);
}

static ck_status write_content(mw *w, const ck_doc *doc, ck_diag *d)
{
    ck_buf *b = &w->b;
    size_t nx, ne = doc->n_entities, sp = 0, ei = 0, xi = 0, p = 0;
    exc *ex = parse_exc(ck_doc_meta(doc, "mednlp.raw"), &nx);
    size_t *ord = order_entities(doc);
    size_t *stack = malloc((ne ? ne : 1) * sizeof *stack);
    size_t *opened_at = malloc((ne ? ne : 1) * sizeof *opened_at);
    ck_status rc = ord && stack && opened_at ? CK_OK : CK_ERR_NOMEM;
    size_t total = doc->text_cps;
    while (rc == CK_OK) {
        /* skip entities that cannot be written inline */
        while (ei < ne) {
            const ck_entity *e = &doc->entities[ord[ei]];
            const char *why = e->n_spans != 1                       ? "not exactly one span"
                              : e->spans[0].end > total             ? "span beyond the text"
                              : e->spans[0].start < p               ? "crosses another tag"
                                                                    : NULL;
            if (!why)
                break;
            rc = ck_diag_error(d, w->path, 0, "document %s, entity %s: %s, cannot be written inline",
                               doc->id, e->id ? e->id : "?", why);
            ei++;
            if (rc)
                break;
        }
        if (rc)
            break;
        while (xi < nx && ex[xi].cp < p)
            xi++; /* stale entries (the text changed) */
        if (xi < nx && ex[xi].cp == p && ex[xi].depth == sp && ex[xi].opened == ei) {
            if (unpct(b, ex[xi].raw, ex[xi].raw_n))
                rc = ck_diag_error(d, w->path, 0, "document %s: bad mednlp.raw entry", doc->id);
            p += ex[xi].len;
            xi++;
            continue;
        }
        if (sp && doc->entities[stack[sp - 1]].spans[0].end == p &&
            ei >= opened_at[sp - 1] + inner_of(doc, &doc->entities[stack[sp - 1]])) {
            close_tag(b, doc, &doc->entities[stack[--sp]]);
            continue;
        }
        if (ei < ne && doc->entities[ord[ei]].spans[0].start == p) {
            const ck_entity *e = &doc->entities[ord[ei]];
            if (sp && e->spans[0].end > doc->entities[stack[sp - 1]].spans[0].end) {
                rc = ck_diag_error(d, w->path, 0,
                                   "document %s, entity %s: crosses another tag, cannot be written inline",
                                   doc->id, e->id ? e->id : "?");
                ei++;
                continue;
            }
            open_tag(b, doc, e);
            opened_at[sp] = ei + 1;
            stack[sp++] = ord[ei++];
            continue;
        }
        if (xi < nx && ex[xi].cp == p) { /* depth differs: write it anyway */
            unpct(b, ex[xi].raw, ex[xi].raw_n);
            p += ex[xi].len;
            xi++;
            continue;
        }
        if (p >= total)
            break;
        size_t next = total;
        if (xi < nx && ex[xi].cp < next)
            next = ex[xi].cp;
        if (sp && doc->entities[stack[sp - 1]].spans[0].end < next)
            next = doc->entities[stack[sp - 1]].spans[0].end;
        if (ei < ne && doc->entities[ord[ei]].spans[0].start < next)
            next = doc->entities[ord[ei]].spans[0].start;
        add_text(b, doc, p, next);
        p = next;
    }
    while (rc == CK_OK && sp)
        close_tag(b, doc, &doc->entities[stack[--sp]]);
    free(ex);
    free(ord);
    free(stack);
    free(opened_at);
    return rc;
}

ck_status ck_mednlp_writer_write(void *state, const ck_doc *doc, ck_diag *d)
{
    mw *w = state;
    if (!doc->text)
        return ck_diag_error(d, w->path, 0, "document %s has no text: nothing to tag inline",
                             doc->id ? doc->id : "?");
    ck_buf *b = &w->b;
    ck_buf_reset(b);
    const char *before = ck_doc_meta(doc, "mednlp.before");
    int by_root = ck_doc_meta(doc, "mednlp.root") != NULL;
    if (before)
        ck_buf_adds(b, before);
    else if (w->n)
        ck_buf_adds(b, "\n");
    else {
        ck_buf_adds(b, "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<root>\n");
        int meta = 0;
        for (size_t i = 0; i < doc->n_meta; i++)
            if (!strncmp(doc->meta[i].key, "metadata.", 9)) {
                if (!meta++)
                    ck_buf_adds(b, "<metadata>\n");
                ck_buf_addf(b, "<%s>", doc->meta[i].key + 9);
                ck_mednlp_esc_text(b, doc->meta[i].value, strlen(doc->meta[i].value));
                ck_buf_addf(b, "</%s>\n", doc->meta[i].key + 9);
            }
        if (meta)
            ck_buf_adds(b, "</metadata>\n");
        ck_buf_adds(b, "<articles>\n");
    }
    const char *art = ck_doc_meta(doc, "mednlp.article");
    if (art)
        ck_buf_adds(b, art);
    else {
        const char *names = ck_doc_meta(doc, "mednlp.article_attrs");
        ck_buf_adds(b, "<article");
        char *copy = strdup(names ? names : "id title");
        char *save = NULL;
        for (char *k = copy ? strtok_r(copy, " ", &save) : NULL; k; k = strtok_r(NULL, " ", &save)) {
            const char *v = strcmp(k, "id") == 0 ? doc->id : ck_doc_meta(doc, k);
            if (!v)
                continue;
            ck_buf_addf(b, " %s=\"", k);
            ck_mednlp_esc_attr(b, v);
            ck_buf_addc(b, '"');
        }
        free(copy);
        ck_buf_addc(b, '>');
    }
    ck_status rc = write_content(w, doc, d);
    if (rc)
        return rc;
    const char *end = ck_doc_meta(doc, "mednlp.article_end");
    ck_buf_adds(b, end ? end : by_root ? "</root>" : "</article>");
    if (b->failed)
        return CK_ERR_NOMEM;
    if (fwrite(b->p, 1, b->n, w->f) != b->n)
{
        ck_diag_add(d, CK_SEV_ERROR, w->path, 0, 0, (size_t)-1, "write failed");
        return CK_ERR_IO;
    }
    free(w->after);
    const char *after = ck_doc_meta(doc, "mednlp.after");
    w->after = strdup(after ? after : by_root ? "\n" : "\n</articles>\n</root>\n");
    w->n++;
    return CK_OK;
}

ck_status ck_mednlp_writer_close(void *state, ck_diag *d)
{
    mw *w = state;
    if (!w)
        return CK_OK;
    ck_status rc = CK_OK;
    if (w->n && w->after)
        fputs(w->after, w->f);
    if (w->own && fclose(w->f) != 0)
{
        ck_diag_add(d, CK_SEV_ERROR, w->path, 0, 0, (size_t)-1, "write failed");
        rc = CK_ERR_IO;
    }
    else if (!w->own)
        fflush(w->f);
    free(w->after);
    free(w->path);
    ck_buf_free(&w->b);
    free(w);
    return rc;
}

