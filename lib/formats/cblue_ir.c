/*
 * cblue_ir.c — CBLUE KUAKE-IR passage retrieval, tab-separated files:
 *
 *   corpus.tsv                         doc_id <TAB> passage text
 *   KUAKE-IR_{train,dev}_query.txt     qid <TAB> query
 *   KUAKE-IR_{train,dev}.tsv           qid <TAB> doc_id    (relevance judgements)
 *   KUAKE-IR_test.query.txt            qid <TAB> query
 *
 * Every passage is a document (id "corpus/<doc_id>", meta "doc_id", text
 * = the passage). Every query is a document (id "<query file stem>/<qid>",
 * meta "qid", text = the query) whose labels "KUAKE-IR" = doc_id list the
 * relevant passages, read from the judgement file named like the query
 * file without "_query"/".query" ("KUAKE-IR_train_query.txt" ->
 * "KUAKE-IR_train.tsv"). A judgement file with no query file gives
 * text-less query documents. Only the first tab splits a line (a passage
 * may hold more); "\r" before "\n" is dropped; blank lines are skipped.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "clinkit/format.h"
#include "clinkit/io.h"
#include "core/buf.h"

#define TASK "KUAKE-IR"

enum { F_OTHER, F_CORPUS, F_QUERY, F_QRELS };

static const char *base_of(const char *name)
{
    const char *b = strrchr(name, '/');
    return b ? b + 1 : name;
}

static int kind_of(const char *name)
{
    const char *b = base_of(name);
    if (!strncmp(b, "corpus", 6) && ck_has_suffix(b, ".tsv"))
        return F_CORPUS;
    if (ck_has_suffix(b, "_query.txt") || ck_has_suffix(b, ".query.txt"))
        return F_QUERY;
    if (ck_has_suffix(b, ".tsv"))
        return F_QRELS;
    return F_OTHER;
}

/* "X_query.txt" / "X.query.txt" -> "X.tsv" (malloc'd) */
static char *qrels_name(const char *query)
{
    size_t n = strlen(query) - strlen("_query.txt");
    char *s = malloc(n + 5);
    if (s)
        snprintf(s, n + 5, "%.*s.tsv", (int)n, query);
    return s;
}

typedef ck_status (*line_fn)(void *u, size_t line, const char *a, const char *b);

/* Split data into "a<TAB>b" lines; data is modified in place. */
static ck_status each_line(char *data, size_t len, const char *file, ck_diag *d, line_fn fn,
                           void *u)
{
    size_t line = 0;
    ck_status rc = CK_OK;
    for (char *p = data, *end = data + len; p < end && rc == CK_OK;) {
        char *nl = memchr(p, '\n', (size_t)(end - p));
        char *e = nl ? nl : end;
        line++;
        if (e > p && e[-1] == '\r')
            e--;
        *e = '\0';
        if (e > p) {
            char *tab = strchr(p, '\t');
            if (!tab)
                rc = ck_diag_error(d, file, line, "expected two tab-separated columns");
            else if (memchr(p, '\0', (size_t)(e - p)))
                rc = ck_diag_error(d, file, line, "NUL byte in the line");
            else {
                *tab = '\0';
                rc = fn(u, line, p, tab + 1);
            }
        }
        p = nl ? nl + 1 : end;
    }
    return rc;
}

struct qref {
    const char *qid;
    ck_doc *doc;
    size_t at; /* position in the query file */
};

typedef struct ir_rd {
    ck_diag *d;
    const char *file, *rel;
    char *stem; /* rel without extension */
    ck_doc_sink sink;
    void *user;
    /* queries held until their judgements are read */
    ck_doc **q;
    size_t nq, capq;
    struct qref *order; /* the first n_order of q, sorted by qid */
    size_t n_order;
    /* text-less queries made from judgements: qid -> index in q + 1 */
    size_t *ht, ht_cap, ht_n;
    const char *qrels_rel; /* for text-less queries made from judgements */
} ir_rd;

static ck_doc *new_doc(ir_rd *c, const char *key, const char *idkey)
{
    size_t n = strlen(c->stem) + strlen(key) + 2;
    char *id = malloc(n);
    if (!id)
        return NULL;
    snprintf(id, n, "%s/%s", c->stem, key);
    ck_doc *doc = ck_doc_new(id);
    free(id);
    if (doc) {
        ck_doc_add_meta(doc, "file", c->rel);
        ck_doc_add_meta(doc, idkey, key);
    }
    return doc;
}

static ck_status set_text(ir_rd *c, ck_doc *doc, size_t line, const char *t)
{
    size_t bad;
    if (ck_doc_set_text(doc, t, strlen(t), &bad))
        return ck_diag_error(c->d, c->file, line, "text is not valid UTF-8 (byte %zu)", bad);
    return CK_OK;
}

static ck_status corpus_line(void *u, size_t line, const char *id, const char *text)
{
    ir_rd *c = u;
    ck_doc *doc = new_doc(c, id, "doc_id");
    if (!doc)
        return CK_ERR_NOMEM;
    size_t errors = ck_diag_count(c->d, CK_SEV_ERROR);
    ck_status rc = set_text(c, doc, line, text);
    if (rc || ck_diag_count(c->d, CK_SEV_ERROR) > errors) {
        ck_doc_free(doc);
        return rc;
    }
    return c->sink(c->user, doc);
}

static ck_status query_line(void *u, size_t line, const char *qid, const char *text)
{
    ir_rd *c = u;
    ck_doc *doc = new_doc(c, qid, "qid");
    if (!doc)
        return CK_ERR_NOMEM;
    size_t errors = ck_diag_count(c->d, CK_SEV_ERROR);
    ck_status rc = set_text(c, doc, line, text);
    if (rc || ck_diag_count(c->d, CK_SEV_ERROR) > errors) {
        ck_doc_free(doc);
        return rc;
    }
    if (c->nq == c->capq) {
        size_t cap = c->capq ? c->capq * 2 : 256;
        ck_doc **v = realloc(c->q, cap * sizeof *v);
        if (!v) {
            ck_doc_free(doc);
            return CK_ERR_NOMEM;
        }
        c->q = v;
        c->capq = cap;
    }
    c->q[c->nq++] = doc;
    return CK_OK;
}

static int by_qid(const void *a, const void *b)
{
    const struct qref *x = a, *y = b;
    int k = strcmp(x->qid, y->qid);
    /* equal qids: the earlier query first (judgements go to the first) */
    return k ? k : (x->at > y->at) - (x->at < y->at);
}

static ck_doc *find_query(ir_rd *c, const char *qid)
{
    size_t lo = 0, hi = c->n_order;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        int k = strcmp(c->order[mid].qid, qid);
        if (k == 0) {
            while (mid > 0 && !strcmp(c->order[mid - 1].qid, qid))
                mid--;
            return c->order[mid].doc;
        }
        if (k < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return NULL;
}

static size_t hash(const char *s)
{
    size_t h = 14695981039346656037u;
    while (*s)
        h = (h ^ (unsigned char)*s++) * 1099511628211u;
    return h;
}

/* slot of qid in the table (empty slot if absent) */
static size_t *ht_slot(ir_rd *c, const char *qid)
{
    size_t i = hash(qid) & (c->ht_cap - 1);
    while (c->ht[i] && strcmp(ck_doc_meta(c->q[c->ht[i] - 1], "qid"), qid))
        i = (i + 1) & (c->ht_cap - 1);
    return &c->ht[i];
}

static int ht_add(ir_rd *c, size_t index)
{
    if (2 * (c->ht_n + 1) > c->ht_cap) {
        size_t old_cap = c->ht_cap, *old = c->ht;
        c->ht_cap = old_cap ? old_cap * 2 : 64;
        c->ht = calloc(c->ht_cap, sizeof *c->ht);
        if (!c->ht) {
            c->ht = old;
            c->ht_cap = old_cap;
            return -1;
        }
        for (size_t i = 0; i < old_cap; i++)
            if (old[i])
                *ht_slot(c, ck_doc_meta(c->q[old[i] - 1], "qid")) = old[i];
        free(old);
    }
    *ht_slot(c, ck_doc_meta(c->q[index], "qid")) = index + 1;
    c->ht_n++;
    return 0;
}

static ck_status qrels_line(void *u, size_t line, const char *qid, const char *did)
{
    ir_rd *c = u;
    ck_doc *q = c->order ? find_query(c, qid) : NULL;
    size_t *slot = !q && c->ht ? ht_slot(c, qid) : NULL;
    if (slot && *slot)
        q = c->q[*slot - 1];
    if (!q) {
        /* a query without text, one per qid */
        if (!c->qrels_rel)
            ck_diag_warn(c->d, c->file, line,
                         "query %s is not in the query file: kept as a query without text",
                         ck_diag_quote(c->d, qid, strlen(qid)));
        ck_status rc = query_line(c, line, qid, "");
        if (rc)
            return rc;
        q = c->q[c->nq - 1];
        ck_doc_set_text(q, NULL, 0, NULL);
        if (ht_add(c, c->nq - 1))
            return CK_ERR_NOMEM;
    }
    return ck_doc_add_label(q, TASK, did) ? CK_OK : CK_ERR_NOMEM;
}

static ck_status load(ck_source *src, size_t i, char **copy, size_t *len, ck_diag *d)
{
    const char *data;
    ck_status rc = ck_source_load(src, i, &data, len, d);
    if (rc)
        return rc;
    *copy = malloc(*len + 1);
    if (*copy)
        memcpy(*copy, data, *len + 1);
    ck_source_release(src, i);
    return *copy ? CK_OK : CK_ERR_NOMEM;
}

static void set_file(ir_rd *c, ck_source *src, size_t i)
{
    free(c->stem);
    c->file = ck_source_display(src, i);
    c->rel = ck_source_name(src, i);
    const char *dot = strrchr(c->rel, '.');
    c->stem = strndup(c->rel, dot && dot > base_of(c->rel) ? (size_t)(dot - c->rel)
                                                          : strlen(c->rel));
}

static ck_status flush_queries(ir_rd *c, ck_status rc)
{
    for (size_t k = 0; k < c->nq; k++) {
        if (rc == CK_OK)
            rc = c->sink(c->user, c->q[k]);
        else
            ck_doc_free(c->q[k]);
    }
    c->nq = c->n_order = c->ht_n = c->ht_cap = 0;
    free(c->order);
    c->order = NULL;
    free(c->ht);
    c->ht = NULL;
    return rc;
}

static ck_status ir_read(const char *path, ck_opts opts, ck_doc_sink sink, void *user,
                         ck_diag *d)
{
    if (ck_opts_check(opts, NULL, d))
        return CK_ERR_USAGE;
    ck_source *src;
    ck_status rc = ck_source_open(path, &src, d);
    if (rc)
        return rc;
    size_t n = ck_source_count(src);
    int single = ck_source_is_file(src);
    char *used = calloc(n ? n : 1, 1);
    ir_rd c = {.d = d, .sink = sink, .user = user};
    if (!used)
        rc = CK_ERR_NOMEM;
    for (size_t i = 0; i < n && rc == CK_OK; i++) {
        const char *name = ck_source_name(src, i);
        int kind = kind_of(name);
        if (kind == F_OTHER && single)
            kind = F_QRELS;
        if (used[i] || kind == F_OTHER || (!single && kind == F_QRELS))
            continue;
        char *data;
        size_t len;
        set_file(&c, src, i);
        c.qrels_rel = kind == F_QRELS ? c.rel : NULL;
        if ((rc = load(src, i, &data, &len, d)))
            break;
        rc = each_line(data, len, c.file, d,
                       kind == F_CORPUS ? corpus_line : kind == F_QUERY ? query_line : qrels_line,
                       &c);
        free(data);
        if (kind == F_QUERY && rc == CK_OK) {
            char *qn = qrels_name(name);
            size_t j = qn ? ck_source_find(src, qn) : (size_t)-1;
            free(qn);
            if (j != (size_t)-1 && c.nq) {
                used[j] = 1;
                c.order = malloc(c.nq * sizeof *c.order);
                if (!c.order)
                    rc = CK_ERR_NOMEM;
                for (size_t k = 0; rc == CK_OK && k < c.nq; k++)
                    c.order[k] = (struct qref){ck_doc_meta(c.q[k], "qid"), c.q[k], k};
                c.n_order = c.nq;
                if (rc == CK_OK)
                    qsort(c.order, c.nq, sizeof *c.order, by_qid);
                const char *qfile = ck_source_display(src, j);
                char *qf = strdup(qfile);
                if (rc == CK_OK && (rc = load(src, j, &data, &len, d)) == CK_OK) {
                    c.file = qf;
                    rc = each_line(data, len, qf ? qf : "?", d, qrels_line, &c);
                    free(data);
                }
                free(qf);
            }
        }
        rc = flush_queries(&c, rc);
        c.qrels_rel = NULL;
    }
    /* judgement files with no query file */
    for (size_t i = 0; i < n && rc == CK_OK && !single; i++) {
        if (used[i] || kind_of(ck_source_name(src, i)) != F_QRELS)
            continue;
        char *data;
        size_t len;
        set_file(&c, src, i);
        c.qrels_rel = c.rel;
        if ((rc = load(src, i, &data, &len, d)) == CK_OK) {
            rc = each_line(data, len, c.file, d, qrels_line, &c);
            free(data);
        }
        rc = flush_queries(&c, rc);
        c.qrels_rel = NULL;
    }
    flush_queries(&c, CK_ERR_USAGE);
    free(c.q);
    free(c.stem);
    free(used);
    ck_source_free(src);
    return rc;
}

/* ---- writer ---- */

typedef struct ir_out {
    char *rel;
    ck_buf b;
} ir_out;

typedef struct ir_w {
    char *path;
    int single;
    ir_out *o;
    size_t n;
} ir_w;

static ck_status ir_open(const char *path, ck_opts opts, void **state, ck_diag *d)
{
    if (ck_opts_check(opts, NULL, d))
        return CK_ERR_USAGE;
    ir_w *w = calloc(1, sizeof *w);
    if (!w || !(w->path = strdup(path))) {
        free(w);
        return CK_ERR_NOMEM;
    }
    w->single = !strcmp(path, "-") || ck_has_suffix(path, ".tsv") || ck_has_suffix(path, ".txt");
    *state = w;
    return CK_OK;
}

static ck_buf *out_for(ir_w *w, const char *rel)
{
    if (w->single)
        rel = "";
    for (size_t i = 0; i < w->n; i++)
        if (!strcmp(w->o[i].rel, rel))
            return &w->o[i].b;
    ir_out *v = realloc(w->o, (w->n + 1) * sizeof *v);
    if (!v)
        return NULL;
    w->o = v;
    v[w->n].rel = strdup(rel);
    ck_buf_init(&v[w->n].b);
    return v[w->n].rel ? &v[w->n++].b : NULL;
}

static int safe(const char *s)
{
    return s && *s && *s != '/' && !strstr(s, "..");
}

static const char *key_of(const ck_doc *doc, const char *meta)
{
    const char *k = ck_doc_meta(doc, meta);
    if (k)
        return k;
    const char *id = doc->id ? doc->id : "";
    const char *s = strrchr(id, '/');
    return s ? s + 1 : id;
}

static ck_status put(ck_buf *b, const ck_doc *doc, const char *a, const char *t, ck_diag *d)
{
    if (!b)
        return CK_ERR_NOMEM;
    if (strpbrk(a, "\t\n") || strchr(t, '\n')) {
        ck_diag_add(d, CK_SEV_ERROR, doc->id, 0, 0, (size_t)-1,
                    "a KUAKE-IR line cannot hold a newline (or a tab in its id)");
        return ck_diag_strict(d) ? CK_ERR_PARSE : CK_OK;
    }
    ck_buf_adds(b, a);
    ck_buf_addc(b, '\t');
    ck_buf_adds(b, t);
    /* the reader drops one "\r" before "\n": a field ending in "\r" gets one more */
    if (*t && t[strlen(t) - 1] == '\r')
        ck_buf_addc(b, '\r');
    ck_buf_addc(b, '\n');
    return b->failed ? CK_ERR_NOMEM : CK_OK;
}

static ck_status ir_write(void *state, const ck_doc *doc, ck_diag *d)
{
    ir_w *w = state;
    const char *f = ck_doc_meta(doc, "file");
    if (!safe(f))
        f = NULL;
    int kind = f ? kind_of(f) : doc->n_labels ? F_QRELS : F_CORPUS;
    if (kind == F_CORPUS || kind == F_OTHER)
        return put(out_for(w, f ? f : "corpus.tsv"), doc, key_of(doc, "doc_id"),
                   doc->text ? doc->text : "", d);
    const char *qid = key_of(doc, "qid");
    ck_status rc = CK_OK;
    char *qrels = NULL;
    if (kind == F_QUERY) {
        /* a text-less query came from a judgement with no query line */
        if (doc->text)
            rc = put(out_for(w, f), doc, qid, doc->text, d);
        qrels = qrels_name(f);
    } else
        qrels = strdup(f ? f : TASK "_train.tsv");
    for (size_t i = 0; rc == CK_OK && i < doc->n_labels; i++)
        if (doc->labels[i].value && (!w->single || kind == F_QRELS))
            rc = put(out_for(w, qrels ? qrels : TASK ".tsv"), doc, qid, doc->labels[i].value, d);
    free(qrels);
    return rc;
}

static ck_status ir_close(void *state, ck_diag *d)
{
    ir_w *w = state;
    ck_status rc = CK_OK;
    for (size_t i = 0; i < w->n; i++) {
        ck_buf *b = &w->o[i].b;
        if (rc == CK_OK && b->failed)
            rc = CK_ERR_NOMEM;
        if (rc == CK_OK && w->single && !strcmp(w->path, "-")) {
            if (fwrite(ck_buf_str(b), 1, b->n, stdout) != b->n || fflush(stdout))
                rc = CK_ERR_IO;
        } else if (rc == CK_OK) {
            size_t n = strlen(w->path) + strlen(w->o[i].rel) + 2;
            char *full = malloc(n);
            if (!full)
                rc = CK_ERR_NOMEM;
            else {
                snprintf(full, n, "%s%s%s", w->path, w->single ? "" : "/",
                         w->single ? "" : w->o[i].rel);
                char *slash = strrchr(full, '/');
                if (slash && slash > full) {
                    *slash = '\0';
                    rc = ck_mkdirs(full, d);
                    *slash = '/';
                }
                if (rc == CK_OK)
                    rc = ck_write_file(full, ck_buf_str(b), b->n, d);
                free(full);
            }
        }
        free(w->o[i].rel);
        ck_buf_free(b);
    }
    free(w->o);
    free(w->path);
    free(w);
    return rc;
}

const ck_format ck_fmt_cblue_kuake_ir = {
    .id = "cblue-kuake-ir",
    .summary = "CBLUE KUAKE-IR passage retrieval (corpus.tsv, query files, relevance .tsv)",
    .layout = "the KUAKE-IR/ folder (corpus.tsv, KUAKE-IR_train_query.txt, KUAKE-IR_train.tsv, "
              "...) or one of its files",
    .flags = CK_FMT_DIR | CK_FMT_STREAM,
    .read = ir_read,
    .writer_open = ir_open,
    .writer_write = ir_write,
    .writer_close = ir_close,
};
