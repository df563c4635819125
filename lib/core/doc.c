/*
 * doc.c — the document model: construction, offset mapping, lookup.
 *
 * All memory of a document lives in its arena. Arrays grow by doubling
 * (ck_arena_grow), so the element pointers builders return stay valid only
 * until the next addition of the same kind.
 *
 * Offset index: for non-ASCII text we record the byte offset of every
 * 64th code point; mapping either way is one lookup plus a scan of at most
 * 64 characters. ASCII text needs no index at all.
 */
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "clinkit/doc.h"
#include "clinkit/text.h"

enum { STEP = 64 };

struct ck_doc_index {
    size_t n;
    size_t *byte; /* byte[k] = byte offset of code point k*STEP */
};

ck_doc *ck_doc_new(const char *id)
{
    ck_arena *a = ck_arena_new();
    if (!a)
        return NULL;
    ck_doc *doc = ck_arena_alloc(a, sizeof *doc);
    if (!doc) {
        ck_arena_free(a);
        return NULL;
    }
    doc->arena = a;
    doc->id = id ? ck_arena_strndup(a, id, strlen(id)) : NULL;
    return doc;
}

void ck_doc_free(ck_doc *doc)
{
    if (doc)
        ck_arena_free(doc->arena);
}

const char *ck_doc_strdup(ck_doc *doc, const char *s)
{
    return s ? ck_arena_strndup(doc->arena, s, strlen(s)) : NULL;
}

const char *ck_doc_strndup(ck_doc *doc, const char *s, size_t n)
{
    return s ? ck_arena_strndup(doc->arena, s, n) : NULL;
}

void ck_doc_set_id(ck_doc *doc, const char *id)
{
    doc->id = ck_doc_strdup(doc, id);
}

/* Byte offset cps code points after byte i (a character boundary) in valid
 * UTF-8 t[0..n), at most n; ASCII runs are skipped 8 bytes at a time. */
static size_t advance(const char *t, size_t n, size_t i, size_t cps)
{
    while (cps && i < n) {
        uint64_t w;
        if (cps >= 8 && i + 8 <= n && (memcpy(&w, t + i, 8), !(w & 0x8080808080808080ull))) {
            i += 8;
            cps -= 8;
            continue;
        }
        i++;
        while (i < n && ((unsigned char)t[i] & 0xC0) == 0x80)
            i++;
        cps--;
    }
    return i;
}

int ck_doc_set_text(ck_doc *doc, const char *text, size_t nbytes,
                    size_t *bad_byte)
{
    if (!text) {
        doc->text = NULL;
        doc->text_bytes = doc->text_cps = 0;
        doc->index = NULL;
        return 0;
    }
    if (!ck_utf8_valid(text, nbytes, bad_byte))
        return -1;
    char *t = ck_arena_strndup(doc->arena, text, nbytes);
    if (!t)
        return -1;
    doc->text = t;
    doc->text_bytes = nbytes;
    doc->text_cps = ck_utf8_count(t, nbytes);
    doc->index = NULL;
    if (doc->text_cps == nbytes)
        return 0;
    ck_doc_index *ix = ck_arena_alloc(doc->arena, sizeof *ix);
    size_t n = doc->text_cps / STEP + 1;
    size_t *b = ck_arena_alloc(doc->arena, n * sizeof *b);
    if (!ix || !b)
        return -1;
    for (size_t k = 0, i = 0; k < n; k++) {
        b[k] = i;
        i = advance(t, nbytes, i, STEP);
    }
    ix->n = n;
    ix->byte = b;
    doc->index = ix;
    return 0;
}

size_t ck_doc_cp2byte(const ck_doc *doc, size_t cp)
{
    if (!doc->text || cp > doc->text_cps)
        return (size_t)-1;
    if (!doc->index)
        return cp;
    size_t k = cp / STEP;
    return advance(doc->text, doc->text_bytes, doc->index->byte[k], cp - k * STEP);
}

size_t ck_doc_byte2cp(const ck_doc *doc, size_t byte)
{
    if (!doc->text || byte > doc->text_bytes)
        return (size_t)-1;
    if (byte < doc->text_bytes &&
        ((unsigned char)doc->text[byte] & 0xC0) == 0x80)
        return (size_t)-1;
    if (!doc->index)
        return byte;
    const size_t *b = doc->index->byte;
    size_t lo = 0, hi = doc->index->n; /* largest k with b[k] <= byte */
    while (hi - lo > 1) {
        size_t mid = (lo + hi) / 2;
        if (b[mid] <= byte)
            lo = mid;
        else
            hi = mid;
    }
    return lo * STEP + ck_utf8_count(doc->text + b[lo], byte - b[lo]);
}

int ck_doc_slice(const ck_doc *doc, size_t start, size_t end,
                 const char **p, size_t *nbytes)
{
    if (!doc->text || start > end || end > doc->text_cps)
        return -1;
    size_t bs = ck_doc_cp2byte(doc, start);
    /* a short span: walk on from its start, not again from a sample */
    size_t be = !doc->index ? end
                : end - start < STEP ? advance(doc->text, doc->text_bytes, bs, end - start)
                                     : ck_doc_cp2byte(doc, end);
    *p = doc->text + bs;
    *nbytes = be - bs;
    return 0;
}

/* Append one zeroed element to *arr (n elements of size sz). */
static void *push(ck_doc *doc, void *arrp, size_t *n, size_t sz)
{
    void **arr = arrp;
    void *na = ck_arena_grow(doc->arena, *arr, *n, sz);
    if (!na)
        return NULL;
    *arr = na;
    void *el = (char *)na + (*n)++ * sz;
    memset(el, 0, sz);
    return el;
}

void ck_doc_add_meta(ck_doc *doc, const char *key, const char *value)
{
    ck_attr *a = push(doc, &doc->meta, &doc->n_meta, sizeof *a);
    if (a) {
        a->key = ck_doc_strdup(doc, key);
        a->value = ck_doc_strdup(doc, value);
    }
}

const char *ck_doc_meta(const ck_doc *doc, const char *key)
{
    return ck_attr_get(doc->meta, doc->n_meta, key);
}

ck_label *ck_doc_add_label(ck_doc *doc, const char *name, const char *value)
{
    ck_label *l = push(doc, &doc->labels, &doc->n_labels, sizeof *l);
    if (l) {
        l->name = ck_doc_strdup(doc, name);
        l->value = ck_doc_strdup(doc, value);
    }
    return l;
}

ck_entity *ck_doc_add_entity(ck_doc *doc, const char *id, const char *type)
{
    ck_entity *e = push(doc, &doc->entities, &doc->n_entities, sizeof *e);
    if (e) {
        e->id = ck_doc_strdup(doc, id);
        e->type = ck_doc_strdup(doc, type);
    }
    return e;
}

ck_entity *ck_doc_add_passage(ck_doc *doc, const char *id, const char *type)
{
    ck_entity *e = push(doc, &doc->passages, &doc->n_passages, sizeof *e);
    if (e) {
        e->id = ck_doc_strdup(doc, id);
        e->type = ck_doc_strdup(doc, type);
    }
    return e;
}

ck_relation *ck_doc_add_relation(ck_doc *doc, const char *id,
                                 const char *type)
{
    ck_relation *r = push(doc, &doc->relations, &doc->n_relations, sizeof *r);
    if (r) {
        r->id = ck_doc_strdup(doc, id);
        r->type = ck_doc_strdup(doc, type);
    }
    return r;
}

ck_event *ck_doc_add_event(ck_doc *doc, const char *id, const char *type,
                           const char *trigger)
{
    ck_event *ev = push(doc, &doc->events, &doc->n_events, sizeof *ev);
    if (ev) {
        ev->id = ck_doc_strdup(doc, id);
        ev->type = ck_doc_strdup(doc, type);
        ev->trigger = ck_doc_strdup(doc, trigger);
    }
    return ev;
}

ck_coref *ck_doc_add_coref(ck_doc *doc, const char *id, const char *type)
{
    ck_coref *c = push(doc, &doc->corefs, &doc->n_corefs, sizeof *c);
    if (c) {
        c->id = ck_doc_strdup(doc, id);
        c->type = ck_doc_strdup(doc, type);
    }
    return c;
}

ck_note *ck_doc_add_note(ck_doc *doc, const char *id, const char *type,
                         const char *ref, const char *text)
{
    ck_note *n = push(doc, &doc->notes, &doc->n_notes, sizeof *n);
    if (n) {
        n->id = ck_doc_strdup(doc, id);
        n->type = ck_doc_strdup(doc, type);
        n->ref = ck_doc_strdup(doc, ref);
        n->text = ck_doc_strdup(doc, text);
    }
    return n;
}

int ck_entity_add_span(ck_doc *doc, ck_entity *e, size_t start, size_t end,
                       const char *text)
{
    size_t n = e->n_spans;
    ck_span *s = push(doc, &e->spans, &n, sizeof *s);
    n = e->n_spans;
    const char **t = push(doc, &e->texts, &n, sizeof *t);
    if (!s || !t)
        return -1;
    s->start = start;
    s->end = end;
    *t = ck_doc_strdup(doc, text);
    e->n_spans = n;
    return 0;
}

static int add_attr(ck_doc *doc, ck_attr **arr, size_t *n, const char *id,
                    const char *key, const char *value)
{
    ck_attr *a = push(doc, arr, n, sizeof *a);
    if (!a)
        return -1;
    a->id = ck_doc_strdup(doc, id);
    a->key = ck_doc_strdup(doc, key);
    a->value = ck_doc_strdup(doc, value);
    return 0;
}

int ck_entity_add_attr(ck_doc *doc, ck_entity *e, const char *id,
                       const char *key, const char *value)
{
    return add_attr(doc, &e->attrs, &e->n_attrs, id, key, value);
}

int ck_relation_add_attr(ck_doc *doc, ck_relation *r, const char *id,
                         const char *key, const char *value)
{
    return add_attr(doc, &r->attrs, &r->n_attrs, id, key, value);
}

int ck_event_add_attr(ck_doc *doc, ck_event *ev, const char *id,
                      const char *key, const char *value)
{
    return add_attr(doc, &ev->attrs, &ev->n_attrs, id, key, value);
}

int ck_label_add_attr(ck_doc *doc, ck_label *l, const char *key,
                      const char *value)
{
    return add_attr(doc, &l->attrs, &l->n_attrs, NULL, key, value);
}

int ck_entity_add_norm(ck_doc *doc, ck_entity *e, const char *nid,
                       const char *db, const char *id, const char *text)
{
    ck_norm *nm = push(doc, &e->norms, &e->n_norms, sizeof *nm);
    if (!nm)
        return -1;
    nm->nid = ck_doc_strdup(doc, nid);
    nm->db = ck_doc_strdup(doc, db);
    nm->id = ck_doc_strdup(doc, id);
    nm->text = ck_doc_strdup(doc, text);
    return 0;
}

static int add_arg(ck_doc *doc, ck_arg **arr, size_t *n, const char *role,
                   const char *ref)
{
    ck_arg *a = push(doc, arr, n, sizeof *a);
    if (!a)
        return -1;
    a->role = ck_doc_strdup(doc, role);
    a->ref = ck_doc_strdup(doc, ref);
    return 0;
}

int ck_relation_add_arg(ck_doc *doc, ck_relation *r, const char *role,
                        const char *ref)
{
    return add_arg(doc, &r->args, &r->n_args, role, ref);
}

int ck_event_add_arg(ck_doc *doc, ck_event *ev, const char *role,
                     const char *ref)
{
    return add_arg(doc, &ev->args, &ev->n_args, role, ref);
}

int ck_coref_add_ref(ck_doc *doc, ck_coref *c, const char *ref)
{
    const char **r = push(doc, &c->refs, &c->n_refs, sizeof *r);
    if (!r)
        return -1;
    *r = ck_doc_strdup(doc, ref);
    return 0;
}

ck_entity *ck_doc_find_entity(const ck_doc *doc, const char *id)
{
    for (size_t i = 0; id && i < doc->n_entities; i++)
        if (doc->entities[i].id && strcmp(doc->entities[i].id, id) == 0)
            return &doc->entities[i];
    return NULL;
}

const char *ck_attr_get(const ck_attr *attrs, size_t n, const char *key)
{
    for (size_t i = 0; i < n; i++)
        if (attrs[i].key && strcmp(attrs[i].key, key) == 0)
            return attrs[i].value;
    return NULL;
}

/* corpus */

void ck_corpus_init(ck_corpus *c) { memset(c, 0, sizeof *c); }

int ck_corpus_add(ck_corpus *c, ck_doc *doc)
{
    if (c->n_docs == c->cap) {
        size_t cap = c->cap ? c->cap * 2 : 16;
        ck_doc **d = realloc(c->docs, cap * sizeof *d);
        if (!d)
            return -1;
        c->docs = d;
        c->cap = cap;
    }
    c->docs[c->n_docs++] = doc;
    return 0;
}

void ck_corpus_free(ck_corpus *c)
{
    for (size_t i = 0; i < c->n_docs; i++)
        ck_doc_free(c->docs[i]);
    free(c->docs);
    ck_corpus_init(c);
}

ck_status ck_corpus_sink(void *user, ck_doc *doc)
{
    if (ck_corpus_add(user, doc)) {
        ck_doc_free(doc);
        return CK_ERR_NOMEM;
    }
    return CK_OK;
}
