/*
 * anafora_closure.c — temporal closure over interval relations.
 *
 * Every interval relation type maps to conditions on the intervals' start
 * and end points (BEFORE: x.end < y.start; CONTAINS: x.start < y.start and
 * x.end > y.end; ...). A set of relations closes by closing its point
 * relations ('=' classes, then '<' transitively); a relation "holds in the
 * closure" when all its point conditions do — in either direction, so
 * inverse relations match. Small per-document sets: plain matrices.
 */
#include <stdlib.h>
#include <string.h>

#include "anafora_closure.h"

enum { S = 0, E = 1 };
typedef struct cond {
    int xp;
    char op; /* '<', '>', '=' */
    int yp;
} cond;

typedef struct rtype {
    const char *name;
    cond c[2];
    int n;
} rtype;

static const rtype table[] = {
    {"BEFORE", {{E, '<', S}}, 1},
    {"AFTER", {{S, '>', E}}, 1},
    {"IBEFORE", {{E, '=', S}}, 1},
    {"IAFTER", {{S, '=', E}}, 1},
    {"CONTAINS", {{S, '<', S}, {E, '>', E}}, 2},
    {"INCLUDES", {{S, '<', S}, {E, '>', E}}, 2},
    {"IS_INCLUDED", {{S, '>', S}, {E, '<', E}}, 2},
    {"BEGINS-ON", {{S, '=', S}}, 1},
    {"ENDS-ON", {{E, '=', E}}, 1},
    {"BEGINS", {{S, '=', S}, {E, '<', E}}, 2},
    {"BEGUN_BY", {{S, '=', S}, {E, '>', E}}, 2},
    {"ENDS", {{S, '>', S}, {E, '=', E}}, 2},
    {"ENDED_BY", {{S, '<', S}, {E, '=', E}}, 2},
    {"SIMULTANEOUS", {{S, '=', S}, {E, '=', E}}, 2},
    {"IDENTITY", {{S, '=', S}, {E, '=', E}}, 2},
    {"OVERLAP", {{S, '<', E}, {E, '>', S}}, 2},
};

static const rtype *find(const char *name)
{
    for (size_t i = 0; i < sizeof table / sizeof *table; i++)
        if (!strcmp(table[i].name, name))
            return &table[i];
    return NULL;
}

int ck_closure_known(const char *type) { return find(type) != NULL; }

/* A point relation in canonical form: a < b, or a = b with a <= b (by
 * string order of "interval\x1fS|E"). */
typedef struct prel {
    char *a, *b;
    char op;
} prel;

static char *point(const char *interval, int p)
{
    size_t n = strlen(interval);
    char *s = malloc(n + 3);
    memcpy(s, interval, n);
    s[n] = 0x1f;
    s[n + 1] = p == S ? 'S' : 'E';
    s[n + 2] = '\0';
    return s;
}

static prel make(const char *x, int xp, char op, const char *y, int yp)
{
    prel r;
    char *a = point(x, xp), *b = point(y, yp);
    if (op == '>') {
        char *t = a;
        a = b;
        b = t;
        op = '<';
    } else if (op == '=' && strcmp(a, b) > 0) {
        char *t = a;
        a = b;
        b = t;
    }
    r.a = a;
    r.b = b;
    r.op = op;
    return r;
}

static int cmp_prel(const void *x, const void *y)
{
    const prel *a = x, *b = y;
    int c = strcmp(a->a, b->a);
    if (!c)
        c = strcmp(a->b, b->b);
    return c ? c : a->op - b->op;
}

/* Sorted canonical point expansion of one relation (n <= 2). */
static size_t expand(const ck_trel *r, prel out[2])
{
    const rtype *t = find(r->type);
    if (!t)
        return 0;
    for (int i = 0; i < t->n; i++)
        out[i] = make(r->src, t->c[i].xp, t->c[i].op, r->tgt, t->c[i].yp);
    qsort(out, (size_t)t->n, sizeof *out, cmp_prel);
    return (size_t)t->n;
}

static void free_prels(prel *p, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        free(p[i].a);
        free(p[i].b);
    }
}

size_t ck_closure_dedupe(ck_trel *r, size_t n)
{
    size_t k = 0;
    for (size_t i = 0; i < n; i++) {
        prel pi[2];
        size_t ni = expand(&r[i], pi);
        int dup = 0;
        for (size_t j = 0; j < k && !dup; j++) {
            prel pj[2];
            size_t nj = expand(&r[j], pj);
            dup = ni == nj;
            for (size_t m = 0; dup && m < ni; m++)
                dup = !cmp_prel(&pi[m], &pj[m]);
            free_prels(pj, nj);
        }
        free_prels(pi, ni);
        if (!dup)
            r[k++] = r[i];
    }
    return k;
}

/* ---- the closure of one set ---- */

typedef struct graph {
    char **node; /* points */
    size_t n;
    size_t *cls;   /* equality class of each node */
    unsigned char *less; /* less[a*n+b]: class a < class b */
} graph;

static size_t node_of(graph *g, const char *p)
{
    for (size_t i = 0; i < g->n; i++)
        if (!strcmp(g->node[i], p))
            return i;
    return (size_t)-1;
}

static size_t add_node(graph *g, const char *p)
{
    size_t i = node_of(g, p);
    if (i != (size_t)-1)
        return i;
    g->node = realloc(g->node, (g->n + 1) * sizeof *g->node);
    g->node[g->n] = strdup(p);
    return g->n++;
}

static size_t find_cls(size_t *parent, size_t x)
{
    while (parent[x] != x)
        x = parent[x] = parent[parent[x]];
    return x;
}

static void build(graph *g, const ck_trel *r, size_t n)
{
    memset(g, 0, sizeof *g);
    prel *all = NULL;
    size_t na = 0;
    for (size_t i = 0; i < n; i++) {
        prel p[2];
        size_t k = expand(&r[i], p);
        all = realloc(all, (na + k + 1) * sizeof *all);
        for (size_t j = 0; j < k; j++) {
            all[na++] = p[j];
            add_node(g, p[j].a);
            add_node(g, p[j].b);
        }
        /* every interval starts before it ends */
        all = realloc(all, (na + 3) * sizeof *all);
        all[na++] = make(r[i].src, S, '<', r[i].src, E);
        all[na++] = make(r[i].tgt, S, '<', r[i].tgt, E);
        add_node(g, all[na - 2].a), add_node(g, all[na - 2].b);
        add_node(g, all[na - 1].a), add_node(g, all[na - 1].b);
    }
    size_t N = g->n;
    size_t *parent = malloc((N + 1) * sizeof *parent);
    for (size_t i = 0; i < N; i++)
        parent[i] = i;
    for (size_t i = 0; i < na; i++)
        if (all[i].op == '=') {
            size_t a = find_cls(parent, node_of(g, all[i].a)), b = find_cls(parent, node_of(g, all[i].b));
            parent[a] = b;
        }
    g->cls = malloc((N + 1) * sizeof *g->cls);
    for (size_t i = 0; i < N; i++)
        g->cls[i] = find_cls(parent, i);
    g->less = calloc(N * N + 1, 1);
    for (size_t i = 0; i < na; i++)
        if (all[i].op == '<')
            g->less[g->cls[node_of(g, all[i].a)] * N + g->cls[node_of(g, all[i].b)]] = 1;
    for (size_t k = 0; k < N; k++)
        for (size_t i = 0; i < N; i++)
            if (g->less[i * N + k])
                for (size_t j = 0; j < N; j++)
                    if (g->less[k * N + j])
                        g->less[i * N + j] = 1;
    free(parent);
    free_prels(all, na);
    free(all);
}

static void graph_free(graph *g)
{
    for (size_t i = 0; i < g->n; i++)
        free(g->node[i]);
    free(g->node);
    free(g->cls);
    free(g->less);
}

static int holds(graph *g, const ck_trel *r)
{
    prel p[2];
    size_t k = expand(r, p);
    int ok = k > 0;
    for (size_t i = 0; i < k && ok; i++) {
        size_t a = node_of(g, p[i].a), b = node_of(g, p[i].b);
        if (a == (size_t)-1 || b == (size_t)-1)
            ok = 0;
        else if (p[i].op == '=')
            ok = g->cls[a] == g->cls[b];
        else
            ok = g->less[g->cls[a] * g->n + g->cls[b]];
    }
    free_prels(p, k);
    return ok;
}

size_t ck_closure_count(const ck_trel *base, size_t n_base, const ck_trel *check,
                        size_t n_check)
{
    graph g;
    build(&g, base, n_base);
    size_t c = 0;
    for (size_t i = 0; i < n_check; i++)
        c += holds(&g, &check[i]);
    graph_free(&g);
    return c;
}
