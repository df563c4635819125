/*
 * i2b2_2014.c — the i2b2/UTHealth 2014 organisers' evaluate.py
 * (kotfic/i2b2_evaluation_scripts): `i2b2-2014-deid` is `evaluate.py phi`
 * (42 blocks: Token / Strict / Relaxed, HIPAA and Binary variants, four
 * blocks per PHI category; micro and macro with SD), `i2b2-2014-rf` is
 * `evaluate.py cr` (document-level risk-factor tags). GOLD comes first,
 * unlike the official script.
 *
 * Quirks reproduced by default (each listed in docs/eval.md; --fixed
 * corrects the ones marked *):
 *  - per-document sets: duplicates collapse; documents on one side only
 *    are ignored; zero denominators give 0.0; macro F1 = F(macro P, macro R);
 *  - Relaxed: same name/TYPE/start and |end difference| <= 2, compared
 *    like Python sets with a fuzzy __eq__: near-duplicates collapse in file
 *    order, and the intersection counts the smaller set's elements that
 *    match (not one-to-one) *;
 *  - Token: ASCII [a-zA-Z0-9]+ tokens of TEXT[start:end] with the raw
 *    TYPE; no alphanumerics -> one empty token at start+len;
 *  - HIPAA: case-sensitive prefix (re.match) of name and TYPE; ID/IDNUM
 *    never matches (pattern "IDNUM " with a space) *; AGE matches any TYPE;
 *  - "<X> Binary HIPAA Strict" blocks are strict + HIPAA, not binary *;
 *  - the labels' typo "HIPPA" is kept (also with --fixed: it is a label).
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "clinkit/io.h"
#include "clinkit/text.h"
#include "scorers/i2b2xml.h"
#include "scorers/report.h"
#include "scorers/scoreutil.h"

/* ---- tags and keys ---- */

typedef struct tag {
    const char *name, *type; /* raw */
    char *uname, *utype;     /* upper-cased (ASCII, as Python 2 str.upper) */
    long s, e;
    /* computed once per tag, used by every view */
    unsigned long long h_raw, h_up; /* hashes of (name, type) raw / upper */
    int hipaa[2];                   /* official, --fixed */
    int keep;                       /* passes --filter */
    unsigned cats;                  /* bit i: name starts with categories[i] */
    long *tok;                      /* token (start, end) pairs */
    size_t ntok;
} tag;

typedef struct key {
    const char *a, *b; /* NULL for binary views */
    unsigned long long h; /* hash of a and b: a cheap first comparison */
    long s, e;
} key;

typedef struct keys {
    key *v;
    size_t n, cap;
} keys;

static int str_eq(const char *x, const char *y)
{
    if (!x || !y)
        return x == y;
    return strcmp(x, y) == 0;
}

static int key_eq(const key *x, const key *y)
{
    return x->s == y->s && x->e == y->e && x->h == y->h && str_eq(x->a, y->a) &&
           str_eq(x->b, y->b);
}

static int key_fuzzy(const key *x, const key *y)
{
    return x->s == y->s && labs(x->e - y->e) <= 2 && x->h == y->h && str_eq(x->a, y->a) &&
           str_eq(x->b, y->b);
}

static unsigned long long hash2(const char *a, const char *b)
{
    unsigned long long h = 1469598103934665603ULL; /* FNV-1a */
    for (; *a; a++)
        h = (h ^ (unsigned char)*a) * 1099511628211ULL;
    h = (h ^ 0xff) * 1099511628211ULL;
    for (; *b; b++)
        h = (h ^ (unsigned char)*b) * 1099511628211ULL;
    return h;
}

typedef int (*key_cmp)(const key *, const key *);

/* Total order for exact keys: sort + unique gives the Python set. */
static int key_order(const void *pa, const void *pb)
{
    const key *x = pa, *y = pb;
    if (x->s != y->s)
        return x->s < y->s ? -1 : 1;
    if (x->e != y->e)
        return x->e < y->e ? -1 : 1;
    if (x->h != y->h)
        return x->h < y->h ? -1 : 1;
    int c = strcmp(x->a ? x->a : "", y->a ? y->a : "");
    return c ? c : strcmp(x->b ? x->b : "", y->b ? y->b : "");
}

static void keys_push(keys *k, key x)
{
    if (k->n == k->cap) {
        size_t cap = k->cap ? 2 * k->cap : 32;
        key *v = realloc(k->v, cap * sizeof *v);
        if (!v)
            return;
        k->v = v;
        k->cap = cap;
    }
    k->v[k->n++] = x;
}

static void keys_sort_unique(keys *k)
{
    if (k->n < 2)
        return;
    qsort(k->v, k->n, sizeof *k->v, key_order);
    size_t w = 1;
    for (size_t i = 1; i < k->n; i++)
        if (key_order(&k->v[w - 1], &k->v[i]) != 0)
            k->v[w++] = k->v[i];
    k->n = w;
}

/* Python set.add with the given __eq__: skip x when an equal one exists. */
static void keys_add(keys *k, key x, key_cmp eq)
{
    if (eq == key_eq) { /* exact: sorted and made unique at the end */
        keys_push(k, x);
        return;
    }
    for (size_t i = 0; i < k->n; i++)
        if (eq(&k->v[i], &x))
            return;
    keys_push(k, x);
}

static char *upper_ascii(const char *s)
{
    char *u = strdup(s ? s : "");
    for (char *p = u; p && *p; p++)
        if (*p >= 'a' && *p <= 'z')
            *p = (char)(*p - 32);
    return u;
}

/* ---- views ---- */

enum kind { K_TOKEN, K_STRICT, K_RELAXED, K_BTOKEN, K_BSTRICT };

typedef struct view {
    char label[64];
    enum kind kind;
    const char *name_prefix; /* per-category blocks */
    int cat;                 /* index in categories, -1 for the first ten */
    int hipaa;
} view;

/* The per-category blocks, in the official print order (Python 2 dict order). */
static const char *const categories[] = {"CONTACT", "NAME", "DATE", "AGE",
                                         "PROFESSION", "ID", "OTHER", "LOCATION"};

typedef struct counts {
    long tp, fp, fn;
} counts;

typedef struct hipaa_pat {
    const char *name, *type; /* type NULL: any */
} hipaa_pat;

static const hipaa_pat hipaa_official[] = {
    {"NAME", "PATIENT"},      {"LOCATION", "STREET"},  {"LOCATION", "CITY"},
    {"LOCATION", "ZIP"},      {"LOCATION", "ORGANIZATION"}, {"AGE", NULL},
    {"DATE", "DATE"},         {"CONTACT", "PHONE"},    {"CONTACT", "FAX"},
    {"CONTACT", "EMAIL"},     {"CONTACT", "URL"},      {"CONTACT", "IPADDR"},
    {"ID", "SSN"},            {"ID", "MEDICALRECORD"}, {"ID", "HEALTHPLAN"},
    {"ID", "ACCOUNT"},        {"ID", "LICENSE"},       {"ID", "VEHICLE"},
    {"ID", "DEVICE"},         {"ID", "BIOID"},         {"ID", "IDNUM "},
    {NULL, NULL},
};

static int prefix(const char *s, const char *p) { return strncmp(s, p, strlen(p)) == 0; }

static int is_hipaa(const tag *t, int fixed)
{
    for (const hipaa_pat *h = hipaa_official; h->name; h++) {
        const char *ty = h->type;
        if (fixed && ty && strcmp(ty, "IDNUM ") == 0)
            ty = "IDNUM";
        if (prefix(t->name, h->name) && (!ty || prefix(t->type, ty)))
            return 1;
    }
    return 0;
}

typedef struct phi_opts {
    int fixed, verbose, conjunctive, invert;
    sc_strv filters;
} phi_opts;

/* --filter: a tag passes when its name or TYPE equals an item
 * (case-insensitively); all items with --conjunctive; --invert negates. */
static int passes_filter(const tag *t, const phi_opts *o)
{
    if (!o->filters.n)
        return 1;
    int any = 0, all = 1;
    for (size_t i = 0; i < o->filters.n; i++) {
        int m = strcasecmp(t->name, o->filters.v[i]) == 0 ||
                strcasecmp(t->type, o->filters.v[i]) == 0;
        any |= m;
        all &= m;
    }
    int r = o->conjunctive ? all : any;
    return o->invert ? !r : r;
}

typedef struct pdoc {
    const char *id; /* "NNN-DD" part */
    const ck_doc *g, *s;
    tag *gt, *st;
    size_t ngt, nst;
} pdoc;

/* The tag's tokens: ASCII [a-zA-Z0-9]+ runs of TEXT[start:end] (code
 * points, Python slice clamping); none -> one empty token at start+len. */
static void tokenize(const ck_doc *doc, const ck_entity *en, tag *t)
{
    const char *p = NULL;
    size_t nbytes = 0, base_byte = 0, cps = doc->text ? doc->text_cps : 0;
    long cs = t->s < 0 ? 0 : t->s, ce = t->e < 0 ? 0 : t->e;
    if ((size_t)cs > cps)
        cs = (long)cps;
    if ((size_t)ce > cps)
        ce = (long)cps;
    long len = ce > cs ? ce - cs : 0;
    int from_doc = doc->text && len > 0 && ck_doc_slice(doc, (size_t)cs, (size_t)ce, &p, &nbytes) == 0;
    if (from_doc)
        base_byte = (size_t)(p - doc->text);
    else if (!doc->text && en->n_spans && en->texts && en->texts[0]) {
        /* no document text (e.g. BRAT without .txt): tokenise the stored text */
        p = en->texts[0];
        nbytes = strlen(p);
        len = (long)ck_utf8_count(p, nbytes);
    }
    size_t cap = 4;
    t->tok = malloc(cap * 2 * sizeof *t->tok);
    t->ntok = 0;
    if (!t->tok)
        return;
#define ALNUM(c) (((c) >= 'a' && (c) <= 'z') || ((c) >= 'A' && (c) <= 'Z') || ((c) >= '0' && (c) <= '9'))
    size_t cp = 0, last = 0; /* code points before byte `last` of p */
    for (size_t i = 0; p && i < nbytes;) {
        unsigned char c = (unsigned char)p[i];
        if (!ALNUM(c)) {
            i++;
            continue;
        }
        size_t j = i;
        while (j < nbytes && ALNUM((unsigned char)p[j]))
            j++;
        /* tokens are ASCII, so code points advance by the ASCII run's length */
        cp += ck_utf8_count(p + last, i - last);
        long ts = (from_doc ? (long)cs : t->s) + (long)cp;
        long te = ts + (long)(j - i);
        cp += j - i;
        last = j;
        if (t->ntok == cap) {
            cap *= 2;
            long *v = realloc(t->tok, cap * 2 * sizeof *v);
            if (!v)
                return;
            t->tok = v;
        }
        t->tok[2 * t->ntok] = ts;
        t->tok[2 * t->ntok + 1] = te;
        t->ntok++;
        i = j;
    }
#undef ALNUM
    (void)base_byte;
    if (!t->ntok) {
        t->tok[0] = t->tok[1] = t->s + len;
        t->ntok = 1;
    }
}

static int tag_in_view(const tag *t, const view *v, const phi_opts *o)
{
    if (!t->keep)
        return 0;
    if (v->hipaa && !t->hipaa[o->fixed ? 1 : 0])
        return 0;
    if (v->cat >= 0 && !(t->cats & (1u << v->cat)))
        return 0;
    return 1;
}

static void view_keys(const ck_doc *doc, const tag *tags, size_t n, const view *v,
                      const phi_opts *o, keys *k)
{
    k->n = 0;
    key_cmp eq = v->kind == K_RELAXED && !o->fixed ? key_fuzzy : key_eq;
    for (size_t i = 0; i < n; i++) {
        const tag *t = &tags[i];
        if (!tag_in_view(t, v, o))
            continue;
        switch (v->kind) {
        case K_TOKEN:
        case K_BTOKEN: {
            int bin = v->kind == K_BTOKEN;
            for (size_t j = 0; j < t->ntok; j++) {
                key x = {bin ? NULL : t->name, bin ? NULL : t->type, bin ? 0 : t->h_raw,
                         t->tok[2 * j], t->tok[2 * j + 1]};
                keys_add(k, x, eq);
            }
            break;
        }
        case K_STRICT:
        case K_RELAXED: {
            key x = {t->uname, t->utype, t->h_up, t->s, t->e};
            keys_add(k, x, eq);
            break;
        }
        case K_BSTRICT: {
            key x = {NULL, NULL, 0, t->s, t->e};
            keys_add(k, x, eq);
            break;
        }
        }
    }
    if (eq == key_eq)
        keys_sort_unique(k);
}

static int matches_any(const key *x, const keys *k, key_cmp eq)
{
    for (size_t i = 0; i < k->n; i++)
        if (eq(x, &k->v[i]))
            return 1;
    return 0;
}

static counts compare(const keys *g, const keys *s, int relaxed, int fixed)
{
    counts c = {0, 0, 0};
    if (relaxed && fixed) {
        /* one-to-one: each gold takes the first unused system element */
        unsigned char *used = calloc(s->n + 1, 1);
        for (size_t i = 0; i < g->n && used; i++)
            for (size_t j = 0; j < s->n; j++)
                if (!used[j] && key_fuzzy(&g->v[i], &s->v[j])) {
                    used[j] = 1;
                    c.tp++;
                    break;
                }
        free(used);
        c.fp = (long)s->n - c.tp;
        c.fn = (long)g->n - c.tp;
        return c;
    }
    if (!relaxed) { /* exact keys, both sorted and unique: merge */
        size_t i = 0, j = 0;
        while (i < g->n && j < s->n) {
            int o = key_order(&g->v[i], &s->v[j]);
            if (o == 0)
                c.tp++, i++, j++;
            else if (o < 0)
                i++;
            else
                j++;
        }
        c.fp = (long)s->n - c.tp;
        c.fn = (long)g->n - c.tp;
        return c;
    }
    key_cmp eq = key_fuzzy;
    /* gold.intersection(system) in CPython iterates the smaller set (the
     * argument when sizes are equal) and keeps its matching elements */
    const keys *small = s->n <= g->n ? s : g, *large = s->n <= g->n ? g : s;
    for (size_t i = 0; i < small->n; i++)
        c.tp += matches_any(&small->v[i], large, eq);
    for (size_t i = 0; i < s->n; i++)
        c.fp += !matches_any(&s->v[i], g, eq);
    for (size_t i = 0; i < g->n; i++)
        c.fn += !matches_any(&g->v[i], s, eq);
    return c;
}

/* ---- scores and printing ---- */

static double prec(counts c) { return c.tp + c.fp ? (double)c.tp / (double)(c.fp + c.tp) : 0.0; }
static double rec(counts c) { return c.tp + c.fn ? (double)c.tp / (double)(c.fn + c.tp) : 0.0; }
static double fbeta(double p, double r) { return p + r != 0.0 ? 2.0 * ((p * r) / (p + r)) : 0.0; }

typedef struct block {
    const char *label;
    size_t n;           /* documents */
    const char **ids;
    counts *c;          /* per document */
} block;

typedef struct summary {
    double mp, mp_sd, mr, mr_sd, mf, up, ur, uf;
    long tp, fp, fn;
} summary;

static summary summarize(const block *b)
{
    summary s = {0};
    double *P = malloc((b->n + 1) * sizeof *P), *R = malloc((b->n + 1) * sizeof *R);
    counts tot = {0, 0, 0};
    for (size_t i = 0; i < b->n; i++) {
        if (P)
            P[i] = prec(b->c[i]);
        if (R)
            R[i] = rec(b->c[i]);
        tot.tp += b->c[i].tp;
        tot.fp += b->c[i].fp;
        tot.fn += b->c[i].fn;
    }
    if (P && R) {
        s.mp = sc_np_mean(P, b->n);
        s.mp_sd = sc_np_std(P, b->n);
        s.mr = sc_np_mean(R, b->n);
        s.mr_sd = sc_np_std(R, b->n);
    }
    free(P);
    free(R);
    s.mf = fbeta(s.mr, s.mp);
    s.up = prec(tot);
    s.ur = rec(tot);
    s.uf = fbeta(s.ur, s.up);
    s.tp = tot.tp;
    s.fp = tot.fp;
    s.fn = tot.fn;
    return s;
}

static void print_block_official(FILE *out, const block *b, int verbose)
{
    char x[40], y[40], z[40];
    if (verbose) {
        for (size_t i = 0; i < b->n; i++) {
            double p = prec(b->c[i]), r = rec(b->c[i]);
            sc_py_fmt_g(x, sizeof x, p, 4);
            fprintf(out, "%-35s%-15s%-20s\n", b->ids[i], "Precision", x);
            sc_py_fmt_g(x, sizeof x, r, 4);
            fprintf(out, "%-35s%-15s%-20s\n", "", "Recall", x);
            sc_py_fmt_g(x, sizeof x, fbeta(p, r), 4);
            fprintf(out, "%-35s%-15s%-20s\n", "", "F1", x);
            fprintf(out, "------------------------------------------------------------\n");
        }
    }
    summary s = summarize(b);
    char label[160];
    snprintf(label, sizeof label, "%.100s (%zu)", b->label, b->n);
    fprintf(out, "%-25s%-15s%-15s%-20s\n", label, "Measure", "Macro (SD)", "Micro (Primary)");
    fprintf(out, "---------------------------------------------------------------------------\n");
    char cell[200];
    sc_py_fmt_g(x, sizeof x, s.mp, 4);
    sc_py_fmt_g(y, sizeof y, s.mp_sd, 2);
    sc_py_fmt_g(z, sizeof z, s.up, 4);
    snprintf(cell, sizeof cell, "%s (%s)", x, y);
    fprintf(out, "%-25s%-15s%-15s%-20s\n", "Total", "Precision", cell, z);
    sc_py_fmt_g(x, sizeof x, s.mr, 4);
    sc_py_fmt_g(y, sizeof y, s.mr_sd, 2);
    sc_py_fmt_g(z, sizeof z, s.ur, 4);
    snprintf(cell, sizeof cell, "%s (%s)", x, y);
    fprintf(out, "%-25s%-15s%-15s%-20s\n", "", "Recall", cell, z);
    sc_py_fmt_g(x, sizeof x, s.mf, 4);
    sc_py_fmt_g(z, sizeof z, s.uf, 4);
    fprintf(out, "%-25s%-15s%-15s%-20s\n", "", "F1", x, z);
    fputs("\n\n", out);
}

static const char *const doc_cols[] = {"tp", "fp", "fn", "precision", "recall", "f1"};

/* -v in the table / JSON: one section per block with a row per document */
static void add_doc_rows(rep *r, const block *b)
{
    char title[128];
    snprintf(title, sizeof title, "%.100s: per document", *b->label ? b->label : "all");
    rep_section_add(r, title, 6, doc_cols);
    for (size_t i = 0; i < b->n; i++) {
        double p = prec(b->c[i]), rr = rec(b->c[i]);
        double v[6] = {(double)b->c[i].tp, (double)b->c[i].fp, (double)b->c[i].fn, p, rr,
                       fbeta(p, rr)};
        rep_row_add(r, b->ids[i], v);
    }
}

static const char *const report_cols[] = {"docs", "tp", "fp", "fn", "micro_p", "micro_r",
                                          "micro_f1", "macro_p", "macro_p_sd", "macro_r",
                                          "macro_r_sd", "macro_f1"};

static void report_block(rep *r, const block *b)
{
    summary s = summarize(b);
    double v[12] = {(double)b->n, (double)s.tp, (double)s.fp, (double)s.fn, s.up, s.ur, s.uf,
                    s.mp, s.mp_sd, s.mr, s.mr_sd, s.mf};
    rep_row_add(r, *b->label ? b->label : "all", v);
}

/* ---- documents ---- */

/* "NNN-DD" and the system id after it, from a document id / file stem
 * ("301-01foo" -> "301-01", "foo"). A name that does not start with
 * digits-dash-digits (e.g. MEDDOCAN's "S0004-...") is its own id. */
static void split_id(const char *docid, char **id, char **sys)
{
    const char *base = strrchr(docid, '/');
    base = base ? base + 1 : docid;
    const char *q = base;
    while (*q >= '0' && *q <= '9')
        q++;
    if (q > base && *q == '-' && q[1] >= '0' && q[1] <= '9') {
        q++;
        while (*q >= '0' && *q <= '9')
            q++;
        *id = strndup(base, (size_t)(q - base));
        *sys = strdup(q);
        return;
    }
    *id = strdup(base);
    *sys = strdup("");
}

static tag *tags_of(const ck_doc *doc, const phi_opts *o, size_t *n)
{
    *n = doc->n_entities;
    tag *t = calloc(doc->n_entities + 1, sizeof *t);
    for (size_t i = 0; t && i < doc->n_entities; i++) {
        const ck_entity *e = &doc->entities[i];
        t[i].name = e->type ? e->type : "";
        const char *ty = ck_attr_get(e->attrs, e->n_attrs, "TYPE");
        t[i].type = ty ? ty : t[i].name;
        t[i].uname = upper_ascii(t[i].name);
        t[i].utype = upper_ascii(t[i].type);
        t[i].s = e->n_spans ? (long)e->spans[0].start : 0;
        t[i].e = e->n_spans ? (long)e->spans[e->n_spans - 1].end : 0;
        t[i].h_raw = hash2(t[i].name, t[i].type);
        t[i].h_up = hash2(t[i].uname ? t[i].uname : "", t[i].utype ? t[i].utype : "");
        t[i].hipaa[0] = is_hipaa(&t[i], 0);
        t[i].hipaa[1] = is_hipaa(&t[i], 1);
        t[i].keep = passes_filter(&t[i], o);
        for (size_t c = 0; c < sizeof categories / sizeof *categories; c++)
            if (prefix(t[i].name, categories[c]))
                t[i].cats |= 1u << c;
        tokenize(doc, e, &t[i]);
    }
    return t;
}

static void tags_free(tag *t, size_t n)
{
    for (size_t i = 0; t && i < n; i++) {
        free(t[i].uname);
        free(t[i].utype);
        free(t[i].tok);
    }
    free(t);
}

typedef struct named {
    char *id, *sys;
    const ck_doc *doc;
} named;

static int cmp_named(const void *a, const void *b)
{
    const named *x = a, *y = b;
    int c = strcmp(x->sys, y->sys);
    return c ? c : strcmp(x->id, y->id);
}

/* gold documents pair by id only (a gold file's suffix is ignored) */
static int cmp_id(const void *a, const void *b)
{
    return strcmp(((const named *)a)->id, ((const named *)b)->id);
}

static named *name_docs(const ck_corpus *c)
{
    named *v = calloc(c->n_docs + 1, sizeof *v);
    for (size_t i = 0; v && i < c->n_docs; i++) {
        split_id(c->docs[i]->id ? c->docs[i]->id : "", &v[i].id, &v[i].sys);
        v[i].doc = c->docs[i];
    }
    if (v && c->n_docs)
        qsort(v, c->n_docs, sizeof *v, cmp_named);
    return v;
}

static void named_free(named *v, size_t n)
{
    for (size_t i = 0; v && i < n; i++) {
        free(v[i].id);
        free(v[i].sys);
    }
    free(v);
}

/* ---- cr mode: document-level keys ---- */

static char *cr_key(const ck_label *l)
{
    const char *time = ck_attr_get(l->attrs, l->n_attrs, "time");
    char *name = sc_py_lower(l->name ? l->name : "");
    char *tm = sc_py_lower(time ? time : "");
    char *a = NULL, *b = NULL;
    if (strcmp(name, "medication") == 0) {
        const char *t1 = ck_attr_get(l->attrs, l->n_attrs, "type1");
        const char *t2 = ck_attr_get(l->attrs, l->n_attrs, "type2");
        a = sc_py_lower(t1 ? t1 : "");
        b = sc_py_lower(t2 ? t2 : "");
        if (a && b && strcmp(a, b) > 0) {
            char *t = a;
            a = b;
            b = t;
        }
    } else {
        const char *v = ck_attr_get(l->attrs, l->n_attrs,
                                    strcmp(name, "smoker") == 0 ? "status" : "indicator");
        a = sc_py_lower(v ? v : "");
        b = strdup("");
    }
    size_t n = strlen(name) + strlen(tm) + strlen(a) + strlen(b) + 8;
    char *k = malloc(n);
    if (k)
        snprintf(k, n, "%s\x1f%s\x1f%s\x1f%s", name, tm, a, b);
    free(name);
    free(tm);
    free(a);
    free(b);
    return k;
}

static counts cr_compare(const ck_doc *g, const ck_doc *s)
{
    sc_strv G = {0}, S = {0};
    for (size_t i = 0; i < g->n_labels; i++) {
        char *k = cr_key(&g->labels[i]);
        if (k && sc_strv_bsearch(&G, k) == (size_t)-1) {
            sc_strv_push(&G, k);
            sc_strv_sort(&G);
        }
        free(k);
    }
    for (size_t i = 0; i < s->n_labels; i++) {
        char *k = cr_key(&s->labels[i]);
        if (k && sc_strv_bsearch(&S, k) == (size_t)-1) {
            sc_strv_push(&S, k);
            sc_strv_sort(&S);
        }
        free(k);
    }
    counts c = {0, 0, 0};
    for (size_t i = 0; i < S.n; i++) {
        if (sc_strv_bsearch(&G, S.v[i]) != (size_t)-1)
            c.tp++;
        else
            c.fp++;
    }
    c.fn = (long)G.n - c.tp;
    sc_strv_free(&G);
    sc_strv_free(&S);
    return c;
}

/* ---- the run ---- */

static void make_views(view *v, size_t *n)
{
    static const struct { const char *label; enum kind k; int hipaa; } top[] = {
        {"Token", K_TOKEN, 0},           {"Strict", K_STRICT, 0},
        {"Relaxed", K_RELAXED, 0},       {"HIPPA Token", K_TOKEN, 1},
        {"HIPAA Strict", K_STRICT, 1},   {"HIPAA Relaxed", K_RELAXED, 1},
        {"Binary Token", K_BTOKEN, 0},   {"Binary Strict", K_BSTRICT, 0},
        {"Binary HIPPA Token", K_BTOKEN, 1}, {"Binary HIPAA Strict", K_BSTRICT, 1},
    };
    size_t k = 0;
    for (size_t i = 0; i < sizeof top / sizeof *top; i++, k++) {
        snprintf(v[k].label, sizeof v[k].label, "%s", top[i].label);
        v[k].kind = top[i].k;
        v[k].hipaa = top[i].hipaa;
        v[k].name_prefix = NULL;
        v[k].cat = -1;
    }
    for (size_t i = 0; i < sizeof categories / sizeof *categories; i++) {
        static const struct { const char *suffix; enum kind k; int hipaa; } per[] = {
            {"Token", K_TOKEN, 0}, {"Strict", K_STRICT, 0},
            {"HIPPA Token", K_TOKEN, 1}, {"Binary HIPAA Strict", K_STRICT, 1},
        };
        for (size_t j = 0; j < 4; j++, k++) {
            snprintf(v[k].label, sizeof v[k].label, "%s %s", categories[i], per[j].suffix);
            v[k].kind = per[j].k;
            v[k].hipaa = per[j].hipaa;
            v[k].name_prefix = categories[i];
            v[k].cat = (int)i;
        }
    }
    *n = k;
}

static ck_status run_2014(const char *gold, const char *system, ck_opts opts, FILE *out,
                          ck_eval_format fmt, ck_diag *d, int cr)
{
    phi_opts o = {0};
    o.fixed = sc_flag(opts, "fixed");
    o.verbose = sc_flag(opts, "verbose");
    o.conjunctive = sc_flag(opts, "conjunctive");
    o.invert = sc_flag(opts, "invert");
    const char *filter = ck_opt(opts, "filter");
    if (filter) {
        char *f = strdup(filter), *save = NULL;
        for (char *t = strtok_r(f, ",", &save); t; t = strtok_r(NULL, ",", &save))
            if (*t)
                sc_strv_push(&o.filters, t);
        free(f);
    }
    const char *deffmt = cr ? "i2b2-2014-rf" : "i2b2-2014-deid";
    const char *gf = ck_opt(opts, "gold-format"), *sf = ck_opt(opts, "system-format");
    ck_corpus gc, sc;
    ck_corpus_init(&gc);
    ck_corpus_init(&sc);
    ck_status rc = i2b2_load(gold, gf ? gf : deffmt, &gc, d);
    if (!rc)
        rc = i2b2_load(system, sf ? sf : deffmt, &sc, d);
    named *gn = NULL, *sn = NULL;
    if (rc)
        goto done;
    gn = name_docs(&gc);
    sn = name_docs(&sc);
    if (!gn || !sn) {
        rc = CK_ERR_NOMEM;
        goto done;
    }
    if (gc.n_docs) /* stable order for equal ids: (sys, id) sorted, then by id */
        for (size_t i = 1; i < gc.n_docs; i++)
            for (size_t j = i; j > 0 && cmp_id(&gn[j - 1], &gn[j]) > 0; j--) {
                named t = gn[j];
                gn[j] = gn[j - 1];
                gn[j - 1] = t;
            }
    view views[64];
    size_t nviews = 1;
    if (cr) {
        snprintf(views[0].label, sizeof views[0].label, "%s", "");
        views[0].cat = -1;
    } else
        make_views(views, &nviews);

    rep r, docrep;
    rep_init(&r, cr ? "i2b2-2014-rf" : "i2b2-2014-deid");
    rep_init(&docrep, r.task);
    if (!sc.n_docs)
        ck_diag_warn(d, system, 0, "no system documents");
    /* one report per system id (the file-name suffix after NNN-DD) */
    for (size_t a = 0; a < sc.n_docs;) {
        size_t b = a;
        while (b < sc.n_docs && strcmp(sn[b].sys, sn[a].sys) == 0)
            b++;
        /* pair with gold documents by id (gold suffixes ignored) */
        pdoc *pd = calloc(b - a + 1, sizeof *pd);
        size_t np = 0;
        for (size_t i = a; pd && i < b; i++) {
            if (i > a && strcmp(sn[i].id, sn[i - 1].id) == 0)
                continue;
            named keyn = {sn[i].id, (char *)"", NULL};
            const named *hit = gc.n_docs ? bsearch(&keyn, gn, gc.n_docs, sizeof *gn, cmp_id) : NULL;
            const ck_doc *g = hit ? hit->doc : NULL;
            if (!g)
                continue;
            if (g->text && sn[i].doc->text && strcmp(g->text, sn[i].doc->text) != 0)
                ck_diag_warn(d, sn[i].id, 0, "gold and system TEXT differ (the official "
                             "script stops here); offsets are scored as they are");
            pd[np].id = sn[i].id;
            pd[np].g = g;
            pd[np].s = sn[i].doc;
            if (!cr) {
                pd[np].gt = tags_of(g, &o, &pd[np].ngt);
                pd[np].st = tags_of(sn[i].doc, &o, &pd[np].nst);
            }
            np++;
        }
        if (!pd) {
            rc = CK_ERR_NOMEM;
            break;
        }
        if (!np)
            ck_diag_warn(d, system, 0, "no document%s%s is in both GOLD and SYSTEM",
                         *sn[a].sys ? " of system " : "", sn[a].sys);
        const char **ids = calloc(np + 1, sizeof *ids);
        counts *c = calloc(np + 1, sizeof *c);
        keys gk = {0}, sk = {0};
        if (fmt != CK_EVAL_OFFICIAL) {
            char title[256];
            snprintf(title, sizeof title, "%s%s", *sn[a].sys ? "system " : "", sn[a].sys);
            rep_section_add(&r, title, 12, report_cols);
        }
        for (size_t v = 0; v < nviews && ids && c; v++) {
            for (size_t i = 0; i < np; i++) {
                ids[i] = pd[i].id;
                if (cr)
                    c[i] = cr_compare(pd[i].g, pd[i].s);
                else {
                    view_keys(pd[i].g, pd[i].gt, pd[i].ngt, &views[v], &o, &gk);
                    view_keys(pd[i].s, pd[i].st, pd[i].nst, &views[v], &o, &sk);
                    c[i] = compare(&gk, &sk, views[v].kind == K_RELAXED, o.fixed);
                }
            }
            block bl = {views[v].label, np, ids, c};
            if (o.fixed && !cr && strstr(views[v].label, "Binary HIPAA Strict") &&
                views[v].name_prefix) {
                /* --fixed: the per-category "Binary HIPAA Strict" is binary */
                view fv = views[v];
                fv.kind = K_BSTRICT;
                for (size_t i = 0; i < np; i++) {
                    view_keys(pd[i].g, pd[i].gt, pd[i].ngt, &fv, &o, &gk);
                    view_keys(pd[i].s, pd[i].st, pd[i].nst, &fv, &o, &sk);
                    c[i] = compare(&gk, &sk, 0, 1);
                }
            }
            if (fmt == CK_EVAL_OFFICIAL)
                print_block_official(out, &bl, o.verbose);
            else
                report_block(&r, &bl);
            if (fmt != CK_EVAL_OFFICIAL && o.verbose)
                add_doc_rows(&docrep, &bl);
        }
        free(gk.v);
        free(sk.v);
        free(ids);
        free(c);
        for (size_t i = 0; i < np; i++) {
            tags_free(pd[i].gt, pd[i].ngt);
            tags_free(pd[i].st, pd[i].nst);
        }
        free(pd);
        a = b;
    }
    /* the per-document sections follow the summary sections */
    for (size_t i = 0; i < docrep.n_secs && !rc; i++) {
        rep_section *ds = &docrep.secs[i];
        rep_section_add(&r, ds->name, ds->n_cols, ds->cols);
        for (size_t k = 0; k < ds->n_rows; k++)
            rep_row_add(&r, ds->rows[k].label, ds->rows[k].v);
    }
    if (fmt != CK_EVAL_OFFICIAL && !rc)
        rep_print(&r, out, fmt);
    rep_free(&r);
    rep_free(&docrep);
done:
    named_free(gn, gc.n_docs);
    named_free(sn, sc.n_docs);
    ck_corpus_free(&gc);
    ck_corpus_free(&sc);
    sc_strv_free(&o.filters);
    return rc;
}

static ck_status phi_run(const char *gold, const char *system, ck_opts opts, FILE *out,
                         ck_eval_format fmt, ck_diag *d)
{
    return run_2014(gold, system, opts, out, fmt, d, 0);
}

static ck_status cr_run(const char *gold, const char *system, ck_opts opts, FILE *out,
                        ck_eval_format fmt, ck_diag *d)
{
    return run_2014(gold, system, opts, out, fmt, d, 1);
}

static const char *const phi_opts_list[] = {"verbose", "fixed", "filter", "conjunctive",
                                            "invert", "gold-format", "system-format", NULL};
static const char *const cr_opts_list[] = {"verbose", "gold-format", "system-format", NULL};

#define FORMAT_HELP                                                                        \
    "  --gold-format F     read GOLD with reader F (brat, jsonl, ...; default: i2b2 XML)\n" \
    "  --system-format F   read SYSTEM with reader F\n"                                    \
    "  -v, --verbose       per-document rows before each block\n"

const ck_scorer ck_scorer_i2b2_2014_deid = {
    .id = "i2b2-2014-deid",
    .summary = "i2b2 2014 de-identification: evaluate.py phi (42 blocks, micro/macro)",
    .inputs = "GOLD, SYSTEM: folders of i2b2 de-id XML (NNN-DD[SYSID].xml), or any "
              "format with --gold-format/--system-format (entity type = tag, attr TYPE)",
    .options = phi_opts_list,
    .options_help = FORMAT_HELP
    "  --filter LIST       only tags whose name or TYPE is in the comma list\n"
    "  --conjunctive       a tag must match every filter item\n"
    "  --invert            keep the tags the filter rejects\n"
    "  --fixed             IDNUM is HIPAA, one-to-one relaxed matching, per-category\n"
    "                      'Binary HIPAA Strict' really binary (docs/eval.md)\n",
    .run = phi_run,
};

const ck_scorer ck_scorer_i2b2_2014_rf = {
    .id = "i2b2-2014-rf",
    .summary = "i2b2 2014 heart-disease risk factors: evaluate.py cr",
    .inputs = "GOLD, SYSTEM: folders of i2b2 2014 risk-factor XML (document-level tags)",
    .options = cr_opts_list,
    .options_help = FORMAT_HELP,
    .run = cr_run,
};
