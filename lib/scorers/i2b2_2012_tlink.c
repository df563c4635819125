/*
 * i2b2_2012_tlink.c — TLINK scoring of the i2b2 2012 evaluation
 * (--tempeval, after UzZaman's TempEval-3 temporal_evaluation.py), as
 * the vectors pin it down:
 *
 * - a gold TLINK is comparable when both its endpoints matched a system
 *   tag of their kind (recall-side match, EVENT with EVENT, TIMEX3 with
 *   TIMEX3); a system TLINK when both its endpoints
 *   matched a gold tag, and it is renamed into gold ids by that match;
 * - "OVERLAP" is replaced by "SIMULTANEOUS" inside the type (so
 *   BEFORE_OVERLAP becomes BEFORE_SIMULTANEOUS, which builds the graph as
 *   SIMULTANEOUS but is never entailed by one);
 * - each side is reduced in file order: a TLINK already entailed by the
 *   ones kept before it is dropped (this also drops duplicates); a TLINK
 *   that contradicts them is kept but not added to the graph;
 * - a TLINK of one side counts when the other side has the same TLINK,
 *   or its first TLINK on the same pair (either direction, inverted)
 *   contains the type's name, or the other side's graph entails it.
 *
 * The graph: each interval is two points, start < end; a relation is a
 * conjunction of point relations (<, =); entailment is path search
 * (a < b when a path from a to b has a strict edge), complete for these.
 */
#include <stdlib.h>
#include <string.h>

#include "i2b2_2012.h"

typedef struct edge {
    size_t to;
    int strict;
} edge;

typedef struct node {
    edge *e;
    size_t n, cap;
} node;

struct t12_graph {
    size_t n;             /* intervals */
    node *pt;             /* 2n points */
    unsigned char *used;  /* interval appeared in a relation */
    unsigned *seen;       /* per search state (2 per point) */
    unsigned stamp;
    size_t *stack;
};

/* Point constraints of an interval relation: up to 3 of (p, op, q)
 * where p, q index {x.start, x.end, y.start, y.end} and op is '<' or '='. */
typedef struct pc {
    unsigned char p, op, q;
} pc;
enum { XS, XE, YS, YE };

typedef struct rel_def {
    const char *name, *inverse;
    pc c[3];
    size_t n;
} rel_def;

static const rel_def rels[] = {
    {"BEFORE", "AFTER", {{XE, '<', YS}}, 1},
    {"AFTER", "BEFORE", {{YE, '<', XS}}, 1},
    {"IBEFORE", "IAFTER", {{XE, '=', YS}}, 1},
    {"IAFTER", "IBEFORE", {{YE, '=', XS}}, 1},
    {"BEGINS", "BEGUN_BY", {{XS, '=', YS}, {XE, '<', YE}}, 2},
    {"BEGUN_BY", "BEGINS", {{XS, '=', YS}, {YE, '<', XE}}, 2},
    {"ENDS", "ENDED_BY", {{XE, '=', YE}, {YS, '<', XS}}, 2},
    {"ENDED_BY", "ENDS", {{XE, '=', YE}, {XS, '<', YS}}, 2},
    {"INCLUDES", "IS_INCLUDED", {{XS, '<', YS}, {YE, '<', XE}}, 2},
    {"IS_INCLUDED", "INCLUDES", {{YS, '<', XS}, {XE, '<', YE}}, 2},
    {"SIMULTANEOUS", "SIMULTANEOUS", {{XS, '=', YS}, {XE, '=', YE}}, 2},
    {"IDENTITY", "IDENTITY", {{XS, '=', YS}, {XE, '=', YE}}, 2},
    {"DURING", "DURING_INV", {{XS, '=', YS}, {XE, '=', YE}}, 2},
    {"DURING_INV", "DURING", {{XS, '=', YS}, {XE, '=', YE}}, 2},
};

static const rel_def *find_rel(const char *name)
{
    for (size_t i = 0; i < sizeof rels / sizeof *rels; i++)
        if (strcmp(rels[i].name, name) == 0)
            return &rels[i];
    return NULL;
}

/* The relation a type builds the graph with. */
static const rel_def *build_rel(const char *name)
{
    if (strcmp(name, "BEFORE_SIMULTANEOUS") == 0)
        return find_rel("SIMULTANEOUS");
    return find_rel(name);
}

t12_graph *t12_graph_new(size_t n)
{
    t12_graph *g = calloc(1, sizeof *g);
    if (!g)
        return NULL;
    g->n = n;
    g->pt = calloc(2 * n + 1, sizeof *g->pt);
    g->used = calloc(n + 1, 1);
    g->seen = calloc(4 * n + 1, sizeof *g->seen);
    g->stack = malloc((4 * n + 1) * sizeof *g->stack);
    if (!g->pt || !g->used || !g->seen || !g->stack) {
        t12_graph_free(g);
        return NULL;
    }
    return g;
}

void t12_graph_free(t12_graph *g)
{
    if (!g)
        return;
    for (size_t i = 0; g->pt && i < 2 * g->n; i++)
        free(g->pt[i].e);
    free(g->pt);
    free(g->used);
    free(g->seen);
    free(g->stack);
    free(g);
}

static int add_edge(t12_graph *g, size_t a, size_t b, int strict)
{
    node *p = &g->pt[a];
    if (p->n == p->cap) {
        size_t c = p->cap ? p->cap * 2 : 4;
        edge *e = realloc(p->e, c * sizeof *e);
        if (!e)
            return -1;
        p->e = e;
        p->cap = c;
    }
    p->e[p->n++] = (edge){b, strict};
    return 0;
}

/* 0: no path from a to b; 1: only non-strict paths (a <= b); 2: a < b.
 * a == b gives 1 unless a lies on a strict cycle. */
static int reach(t12_graph *g, size_t a, size_t b)
{
    if (++g->stamp == 0) {
        memset(g->seen, 0, 4 * g->n * sizeof *g->seen);
        g->stamp = 1;
    }
    int found = a == b;
    size_t top = 0;
    g->stack[top++] = 2 * a;
    g->seen[2 * a] = g->stamp;
    while (top) {
        size_t st = g->stack[--top];
        size_t p = st / 2;
        int strict = (int)(st % 2);
        for (size_t i = 0; i < g->pt[p].n; i++) {
            const edge *e = &g->pt[p].e[i];
            size_t ns = 2 * e->to + (size_t)(strict || e->strict);
            if (e->to == b) {
                if (ns % 2)
                    return 2;
                found = 1;
            }
            if (g->seen[ns] != g->stamp) {
                g->seen[ns] = g->stamp;
                g->stack[top++] = ns;
            }
        }
    }
    return found;
}

static void points(size_t x, size_t y, size_t out[4])
{
    out[XS] = 2 * x;
    out[XE] = 2 * x + 1;
    out[YS] = 2 * y;
    out[YE] = 2 * y + 1;
}

static int holds(t12_graph *g, size_t a, int op, size_t b)
{
    if (op == '<')
        return reach(g, a, b) == 2;
    return a == b || (reach(g, a, b) == 1 && reach(g, b, a) == 1);
}

static int consistent(t12_graph *g, size_t a, int op, size_t b)
{
    if (op == '<')
        return reach(g, b, a) == 0;
    return reach(g, a, b) != 2 && reach(g, b, a) != 2;
}

static int use(t12_graph *g, size_t x)
{
    if (g->used[x])
        return 0;
    g->used[x] = 1;
    return add_edge(g, 2 * x, 2 * x + 1, 1);
}

int t12_graph_add(t12_graph *g, size_t x, size_t y, const char *rel)
{
    if (x >= g->n || y >= g->n)
        return -2;
    if (use(g, x) || use(g, y))
        return -3;
    const rel_def *r = build_rel(rel);
    if (!r)
        return -2;
    size_t pt[4];
    points(x, y, pt);
    int all = 1;
    for (size_t i = 0; i < r->n && all; i++)
        all = holds(g, pt[r->c[i].p], r->c[i].op, pt[r->c[i].q]);
    if (all)
        return 0;
    for (size_t i = 0; i < r->n; i++)
        if (!consistent(g, pt[r->c[i].p], r->c[i].op, pt[r->c[i].q]))
            return -1;
    for (size_t i = 0; i < r->n; i++) {
        size_t a = pt[r->c[i].p], b = pt[r->c[i].q];
        int strict = r->c[i].op == '<';
        if (add_edge(g, a, b, strict) || (!strict && add_edge(g, b, a, 0)))
            return -3;
    }
    return 1;
}

int t12_graph_entails(t12_graph *g, size_t x, size_t y, const char *rel)
{
    const rel_def *r = find_rel(rel);
    if (!r || x >= g->n || y >= g->n || !g->used[x] || !g->used[y])
        return 0;
    size_t pt[4];
    points(x, y, pt);
    for (size_t i = 0; i < r->n; i++)
        if (!holds(g, pt[r->c[i].p], r->c[i].op, pt[r->c[i].q]))
            return 0;
    return 1;
}

int t12_graph_has(const t12_graph *g, size_t x)
{
    return x < g->n && g->used[x];
}

/* ---- TLINK scoring ---- */

typedef struct rlink {
    size_t x, y;
    char *type; /* owned, OVERLAP rewritten */
} rlink;

typedef struct side {
    rlink *v;
    size_t n;
    t12_graph *g;
} side;

/* "OVERLAP" -> "SIMULTANEOUS" everywhere in s (Python str.replace). */
static char *rewrite(const char *s)
{
    size_t n = 0;
    for (const char *p = s; (p = strstr(p, "OVERLAP")); p += 7)
        n++;
    char *out = malloc(strlen(s) + 5 * n + 1), *o = out;
    if (!out)
        return NULL;
    for (const char *p = s;;) {
        const char *q = strstr(p, "OVERLAP");
        if (!q) {
            strcpy(o, p);
            break;
        }
        memcpy(o, p, (size_t)(q - p));
        o += q - p;
        memcpy(o, "SIMULTANEOUS", 12);
        o += 12;
        p = q + 7;
    }
    return out;
}

static void side_free(side *s)
{
    for (size_t i = 0; i < s->n; i++)
        free(s->v[i].type);
    free(s->v);
    t12_graph_free(s->g);
}

/* Append x rel y unless an equal TLINK is there or the graph entails it. */
static ck_status side_add(side *s, size_t x, size_t y, const char *type)
{
    char *t = rewrite(type);
    if (!t)
        return CK_ERR_NOMEM;
    for (size_t i = 0; i < s->n; i++)
        if (s->v[i].x == x && s->v[i].y == y && strcmp(s->v[i].type, t) == 0) {
            free(t);
            return CK_OK;
        }
    int r = t12_graph_add(s->g, x, y, t);
    if (r == -3) {
        free(t);
        return CK_ERR_NOMEM;
    }
    if (r == 0) {
        free(t);
        return CK_OK;
    }
    s->v[s->n++] = (rlink){x, y, t};
    return CK_OK;
}

static const t12_tag *tag_at(const t12_file *f, size_t i)
{
    return i < f->n_events ? &f->events[i] : &f->timexes[i - f->n_events];
}

/* Tags of a file by id: (id, index) pairs sorted by id, then by index,
 * so that a repeated id resolves to its last tag, as a Python dict keyed
 * by id would. Indices number events then timexes. */
typedef struct id_ix {
    const char *id;
    size_t i;
} id_ix;

typedef struct id_index {
    id_ix *v;
    size_t n;
} id_index;

static int cmp_ix(const void *a, const void *b)
{
    const id_ix *x = a, *y = b;
    int c = strcmp(x->id, y->id);
    return c ? c : (x->i > y->i) - (x->i < y->i);
}

static int index_build(id_index *x, const t12_file *f)
{
    x->n = f->n_events + f->n_timexes;
    x->v = malloc((x->n + 1) * sizeof *x->v);
    if (!x->v)
        return -1;
    for (size_t i = 0; i < x->n; i++)
        x->v[i] = (id_ix){tag_at(f, i)->id, i};
    qsort(x->v, x->n, sizeof *x->v, cmp_ix);
    return 0;
}

static size_t index_find(const id_index *x, const char *id)
{
    size_t lo = 0, hi = x->n; /* first position whose id > id */
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (strcmp(x->v[mid].id, id) <= 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    if (lo == 0 || strcmp(x->v[lo - 1].id, id) != 0)
        return (size_t)-1;
    return x->v[lo - 1].i;
}

/* For every tag of file a (events then timexes): the index of its first
 * match of the same kind in b, in b's events-then-timexes numbering. */
static size_t *match_all(const t12_file *a, const t12_file *b, t12_method m)
{
    size_t n = a->n_events + a->n_timexes;
    size_t *out = malloc((n + 1) * sizeof *out);
    if (!out)
        return NULL;
    for (size_t i = 0; i < n; i++) {
        double c;
        if (i < a->n_events) {
            out[i] = t12_first_match(&a->events[i], b->events, b->n_events, m, &c);
        } else {
            size_t k = t12_first_match(&a->timexes[i - a->n_events], b->timexes,
                                       b->n_timexes, m, &c);
            out[i] = k == (size_t)-1 ? k : b->n_events + k;
        }
    }
    return out;
}

static const char *inverse(const char *type)
{
    const rel_def *r = find_rel(type);
    return r ? r->inverse : type;
}

/* How many TLINKs of a the other side b verifies. */
static size_t verified(const side *a, const side *b)
{
    size_t ok = 0;
    for (size_t i = 0; i < a->n; i++) {
        const rlink *t = &a->v[i];
        const char *explicit = NULL;
        int same = 0;
        for (size_t k = 0; k < b->n && !same; k++)
            same = b->v[k].x == t->x && b->v[k].y == t->y && strcmp(b->v[k].type, t->type) == 0;
        for (size_t k = 0; k < b->n && !same && !explicit; k++) {
            if (b->v[k].x == t->x && b->v[k].y == t->y)
                explicit = b->v[k].type;
            else if (b->v[k].x == t->y && b->v[k].y == t->x)
                explicit = inverse(b->v[k].type);
        }
        if (same || (explicit && strstr(explicit, t->type)) ||
            t12_graph_entails(b->g, t->x, t->y, t->type))
            ok++;
    }
    return ok;
}

ck_status t12_score_links(const t12_file *g, const t12_file *s, t12_method m,
                          t12_link_score *out)
{
    memset(out, 0, sizeof *out);
    size_t n = g->n_events + g->n_timexes;
    side gs = {0}, ss = {0};
    id_index gi = {0}, si = {0};
    ck_status rc = CK_OK;
    size_t *g2s = match_all(g, s, m), *s2g = match_all(s, g, m);
    gs.g = t12_graph_new(n);
    ss.g = t12_graph_new(n);
    gs.v = malloc((g->n_links + 1) * sizeof *gs.v);
    ss.v = malloc((s->n_links + 1) * sizeof *ss.v);
    if (!g2s || !s2g || !gs.g || !ss.g || !gs.v || !ss.v || index_build(&gi, g) ||
        index_build(&si, s))
        rc = CK_ERR_NOMEM;
    for (size_t i = 0; rc == CK_OK && i < g->n_links; i++) {
        size_t x = index_find(&gi, g->links[i].from), y = index_find(&gi, g->links[i].to);
        if (x == (size_t)-1 || y == (size_t)-1 || g2s[x] == (size_t)-1 ||
            g2s[y] == (size_t)-1)
            continue;
        rc = side_add(&gs, x, y, g->links[i].type);
    }
    for (size_t i = 0; rc == CK_OK && i < s->n_links; i++) {
        size_t x = index_find(&si, s->links[i].from), y = index_find(&si, s->links[i].to);
        if (x == (size_t)-1 || y == (size_t)-1 || s2g[x] == (size_t)-1 ||
            s2g[y] == (size_t)-1)
            continue;
        rc = side_add(&ss, s2g[x], s2g[y], s->links[i].type);
    }
    if (rc == CK_OK) {
        out->gold = gs.n;
        out->sys = ss.n;
        out->rec_ok = verified(&gs, &ss);
        out->prec_ok = verified(&ss, &gs);
    }
    free(g2s);
    free(s2g);
    free(gi.v);
    free(si.v);
    side_free(&gs);
    side_free(&ss);
    return rc;
}
