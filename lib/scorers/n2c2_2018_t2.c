/*
 * n2c2_2018_t2.c — `n2c2-2018-t2`: the n2c2 2018 track 2 (medications and
 * adverse drug events) scorer Track2-evaluate-ver4.py: entities and
 * relations, strict and lenient, per type, micro and macro.
 *
 * It reads the BRAT .ann lines itself, as the official script does,
 * because its quirks live in the raw lines: only T and R lines count; a
 * discontinuous span is reduced to its bounding span (2 or 3 fragments);
 * a repeated id replaces the earlier annotation but keeps its position.
 *
 * Matching (reproduced): strict = same type and equal (start, end);
 * lenient = same type and half-open overlap. Pare-down: for each system
 * annotation (file order) and each gold it matches, a gold matched for the
 * second time deletes that system annotation. TP = remaining system
 * annotations matching some gold, FP = the other remaining ones, FN =
 * #gold - TP. Relations match on type and both arguments (in order).
 * Overall (macro) = mean over documents of per-document P, R, F1.
 */
#include <stdlib.h>
#include <string.h>

#include "scorers/n2c2_2018.h"
#include "scorers/report.h"

typedef struct concept {
    char *id, *type;
    long s, e;
} concept;

typedef struct relation {
    char *id, *type;
    size_t a1, a2; /* indices into the concept array */
} relation;

typedef struct annfile {
    concept *c;
    size_t nc;
    relation *r;
    size_t nr;
} annfile;

static void ann_free(annfile *a)
{
    for (size_t i = 0; i < a->nc; i++) {
        free(a->c[i].id);
        free(a->c[i].type);
    }
    for (size_t i = 0; i < a->nr; i++) {
        free(a->r[i].id);
        free(a->r[i].type);
    }
    free(a->c);
    free(a->r);
    memset(a, 0, sizeof *a);
}

static size_t find_concept(const annfile *a, const char *id)
{
    for (size_t i = 0; i < a->nc; i++)
        if (strcmp(a->c[i].id, id) == 0)
            return i;
    return (size_t)-1;
}

/* Split s at every sep (Python str.split(sep)), in place. */
static size_t split(char *s, char sep, char **out, size_t max)
{
    size_t n = 0;
    for (;;) {
        char *q = strchr(s, sep);
        if (n < max)
            out[n] = s;
        n++;
        if (!q)
            break;
        *q = '\0';
        s = q + 1;
    }
    return n;
}

static int parse_long(const char *s, long *v)
{
    char *end;
    if (!*s)
        return -1;
    *v = strtol(s, &end, 10);
    return *end ? -1 : 0;
}

/* One stripped T (pass 0) or R (pass 1) line. */
static ck_status parse_line(annfile *a, char *line, int pass, const char *file, size_t lineno,
                            ck_diag *d)
{
    ck_status rc = CK_OK;
    char *f[8];
    size_t nf = split(line, '\t', f, 8);
    if (pass == 0) {
        char *m[8];
        size_t nm = nf == 3 ? split(f[1], ' ', m, 8) : 0;
        long s, e;
        if (nf != 3 || (nm != 3 && nm != 4 && nm != 5) || parse_long(m[1], &s) ||
            parse_long(m[nm - 1], &e)) {
            rc = ck_diag_error(d, file, lineno, "expected 'T<id>\\tTYPE START END\\tTEXT'");
            return rc;
        }
        char *id = sc_strip(f[0]), *type = sc_strip(m[0]);
        size_t k = find_concept(a, id);
        if (k == (size_t)-1) {
            k = a->nc++;
            a->c[k].id = strdup(id);
        } else
            free(a->c[k].type);
        a->c[k].type = strdup(type);
        a->c[k].s = s;
        a->c[k].e = e;
    } else {
        char *m[8];
        size_t nm = nf == 2 ? split(f[1], ' ', m, 8) : 0;
        char *c1 = nm == 3 ? strchr(m[1], ':') : NULL, *c2 = nm == 3 ? strchr(m[2], ':') : NULL;
        size_t a1 = c1 ? find_concept(a, c1 + 1) : (size_t)-1;
        size_t a2 = c2 ? find_concept(a, c2 + 1) : (size_t)-1;
        if (a1 == (size_t)-1 || a2 == (size_t)-1) {
            rc = ck_diag_error(d, file, lineno,
                               "expected 'R<id>\\tTYPE Arg1:T<id> Arg2:T<id>' with known ids");
            return rc;
        }
        char *id = sc_strip(f[0]);
        size_t k = (size_t)-1;
        for (size_t j = 0; j < a->nr; j++)
            if (strcmp(a->r[j].id, id) == 0)
                k = j;
        if (k == (size_t)-1) {
            k = a->nr++;
            a->r[k].id = strdup(id);
        } else
            free(a->r[k].type);
        a->r[k].type = strdup(sc_strip(m[0]));
        a->r[k].a1 = a1;
        a->r[k].a2 = a2;
    }
    return rc;
}

static ck_status parse_ann(char *data, const char *file, annfile *a, ck_diag *d)
{
    /* pass 1: T lines; pass 2: R lines (the script reads them in two loops) */
    size_t nlines = 0;
    for (char *p = data; *p; p++)
        nlines += *p == '\n';
    char **lines = calloc(nlines + 2, sizeof *lines);
    if (!lines)
        return CK_ERR_NOMEM;
    size_t n = split(data, '\n', lines, nlines + 1);
    a->c = calloc(n + 1, sizeof *a->c);
    a->r = calloc(n + 1, sizeof *a->r);
    if (!a->c || !a->r) {
        free(lines);
        return CK_ERR_NOMEM;
    }
    ck_status rc = CK_OK;
    for (int pass = 0; pass < 2 && !rc; pass++) {
        for (size_t i = 0; i < n && !rc; i++) {
            char *copy = strdup(lines[i]);
            if (!copy) {
                rc = CK_ERR_NOMEM;
                break;
            }
            char *line = sc_strip(copy);
            if (line[0] == (pass ? 'R' : 'T'))
                rc = parse_line(a, line, pass, file, i + 1, d);
            free(copy);
        }
    }
    free(lines);
    return rc;
}

static int span_match(const concept *g, const concept *s, int lenient)
{
    if (!lenient)
        return g->s == s->s && g->e == s->e;
    return (g->e > s->s && g->s < s->e) || (g->s < s->e && s->s < g->e);
}

static int concept_eq(const concept *g, const concept *s, int lenient)
{
    return strcmp(g->type, s->type) == 0 && span_match(g, s, lenient);
}

static int rel_eq(const annfile *ga, const relation *g, const annfile *sa, const relation *s,
                  int lenient)
{
    return concept_eq(&ga->c[g->a1], &sa->c[s->a1], lenient) &&
           concept_eq(&ga->c[g->a2], &sa->c[s->a2], lenient) && strcmp(g->type, s->type) == 0;
}

typedef struct tfn {
    long tp, fp, fn;
} tfn;

/* One document, one target (0 entities, 1 relations), optional type. */
static tfn single(const annfile *g, const annfile *s, int rel, const char *key, int lenient)
{
    tfn r = {0, 0, 0};
    size_t ng = rel ? g->nr : g->nc, ns = rel ? s->nr : s->nc;
    size_t *gi = malloc((ng + 1) * sizeof *gi), *si = malloc((ns + 1) * sizeof *si);
    unsigned char *gm = calloc(ng + 1, 1), *keep = calloc(ns + 1, 1);
    if (!gi || !si || !gm || !keep)
        goto done;
    size_t a = 0, b = 0;
    for (size_t i = 0; i < ng; i++)
        if (!key || strcmp(rel ? g->r[i].type : g->c[i].type, key) == 0)
            gi[a++] = i;
    for (size_t i = 0; i < ns; i++)
        if (!key || strcmp(rel ? s->r[i].type : s->c[i].type, key) == 0)
            si[b++] = i;
#define EQ(gx, sx) (rel ? rel_eq(g, &g->r[gx], s, &s->r[sx], lenient) \
                        : concept_eq(&g->c[gx], &s->c[sx], lenient))
    for (size_t j = 0; j < b; j++)
        keep[j] = 1;
    for (size_t j = 0; j < b; j++)
        for (size_t i = 0; i < a; i++)
            if (EQ(gi[i], si[j])) {
                if (!gm[i])
                    gm[i] = 1;
                else
                    keep[j] = 0;
            }
    long kept = 0;
    for (size_t j = 0; j < b; j++) {
        if (!keep[j])
            continue;
        kept++;
        for (size_t i = 0; i < a; i++)
            if (EQ(gi[i], si[j])) {
                r.tp++;
                break;
            }
    }
#undef EQ
    r.fp = kept - r.tp;
    r.fn = (long)a - r.tp;
done:
    free(gi);
    free(si);
    free(gm);
    free(keep);
    return r;
}

typedef struct prf {
    double p, r, f;
} prf;

typedef struct multi {
    prf micro, macro;
} multi;

static multi multiple(const annfile *g, const annfile *s, size_t n, int rel, const char *key,
                      int lenient)
{
    multi m;
    tfn tot = {0, 0, 0};
    double mp = 0, mr = 0, mf = 0;
    for (size_t i = 0; i < n; i++) {
        tfn x = single(&g[i], &s[i], rel, key, lenient);
        tot.tp += x.tp;
        tot.fp += x.fp;
        tot.fn += x.fn;
        double p = n2c2_precision(x.tp, x.fp), r = n2c2_recall(x.tp, x.fn);
        mp += p;
        mr += r;
        mf += n2c2_f1(p, r);
    }
    m.macro.p = n ? mp / (double)n : 0;
    m.macro.r = n ? mr / (double)n : 0;
    m.macro.f = n ? mf / (double)n : 0;
    m.micro.p = n2c2_precision(tot.tp, tot.fp);
    m.micro.r = n2c2_recall(tot.tp, tot.fn);
    m.micro.f = n2c2_f1(m.micro.p, m.micro.r);
    return m;
}

static void stars(FILE *out, const char *title)
{
    char b[80];
    size_t n = strlen(title), pad = 70 - n, left = pad / 2;
    memset(b, '*', 70);
    memcpy(b + left, title, n);
    b[70] = '\0';
    fprintf(out, "%s\n", b);
}

static void row(FILE *out, rep *r, ck_eval_format fmt, const char *label, prf st, prf le)
{
    if (fmt == CK_EVAL_OFFICIAL)
        fprintf(out, "%20s  %-5.4f  %-5.4f  %-5.4f    %-5.4f  %-5.4f  %-5.4f\n", label, st.p, st.r,
                st.f, le.p, le.r, le.f);
    else {
        double v[6] = {st.p, st.r, st.f, le.p, le.r, le.f};
        rep_row_add(r, label, v);
    }
}

static ck_status t2_run(const char *gold, const char *system, ck_opts opts, FILE *out,
                        ck_eval_format fmt, ck_diag *d)
{
    (void)opts;
    static const char *const tags[] = {"Drug", "Strength", "Duration", "Route", "Form",
                                       "ADE", "Dosage", "Reason", "Frequency"};
    static const char *const rels[] = {"Strength-Drug", "Dosage-Drug", "Duration-Drug",
                                       "Frequency-Drug", "Form-Drug", "Route-Drug",
                                       "Reason-Drug", "ADE-Drug"};
    sc_strv common = {0};
    ck_status rc = n2c2_pair_files(gold, system, ".ann", fmt == CK_EVAL_OFFICIAL ? out : NULL,
                                   &common, d);
    annfile *g = calloc(common.n + 1, sizeof *g), *s = calloc(common.n + 1, sizeof *s);
    size_t n = 0;
    sc_tree gtree = {NULL}, stree = {NULL};
    if (!g || !s)
        rc = CK_ERR_NOMEM;
    if (!rc && common.n && !(rc = sc_tree_open(&gtree, gold, d)))
        rc = sc_tree_open(&stree, system, d);
    for (size_t i = 0; i < common.n && !rc; i++) {
        char *gd = NULL, *sd = NULL;
        size_t len;
        rc = sc_tree_load(&gtree, common.v[i], &gd, &len, d);
        if (!rc)
            rc = sc_tree_load(&stree, common.v[i], &sd, &len, d);
        if (!rc)
            rc = parse_ann(gd, common.v[i], &g[n], d);
        if (!rc)
            rc = parse_ann(sd, common.v[i], &s[n], d);
        n++;
        free(gd);
        free(sd);
    }
    if (rc || !common.n)
        goto done;
    rep r;
    rep_init(&r, "n2c2-2018-t2");
    static const char *const cols[] = {"strict_p", "strict_r", "strict_f1",
                                       "lenient_p", "lenient_r", "lenient_f1"};
    if (fmt == CK_EVAL_OFFICIAL) {
        stars(out, " TRACK 2 ");
        fprintf(out, "%20s  ------- strict -------    ------ lenient -------\n", "");
        fprintf(out, "%20s  %-6s  %-6s  %-6s    %-6s  %-6s  %-6s\n", "", "Prec.", "Rec.", "F(b=1)",
                "Prec.", "Rec.", "F(b=1)");
    } else
        rep_section_add(&r, "entities", 6, cols);
    for (size_t k = 0; k < 9; k++) {
        multi st = multiple(g, s, n, 0, tags[k], 0), le = multiple(g, s, n, 0, tags[k], 1);
        char label[32];
        snprintf(label, sizeof label, "%s", tags[k]);
        for (char *p = label + 1; *p; p++)
            if (*p >= 'A' && *p <= 'Z')
                *p = (char)(*p + 32);
        row(out, &r, fmt, label, st.micro, le.micro);
    }
    const char *sep = "------------------------------------------------";
    for (int rel = 0; rel < 2; rel++) {
        if (rel) {
            if (fmt == CK_EVAL_OFFICIAL) {
                fputc('\n', out);
                stars(out, " RELATIONS ");
            } else
                rep_section_add(&r, "relations", 6, cols);
            for (size_t k = 0; k < 8; k++) {
                multi st = multiple(g, s, n, 1, rels[k], 0), le = multiple(g, s, n, 1, rels[k], 1);
                char label[48];
                const char *h = strchr(rels[k], '-');
                snprintf(label, sizeof label, "%.*s -> %s", (int)(h - rels[k]), rels[k], h + 1);
                row(out, &r, fmt, label, st.micro, le.micro);
            }
        }
        multi st = multiple(g, s, n, rel, NULL, 0), le = multiple(g, s, n, rel, NULL, 1);
        if (fmt == CK_EVAL_OFFICIAL)
            fprintf(out, "%20s  %s\n", "", sep);
        row(out, &r, fmt, "Overall (micro)", st.micro, le.micro);
        row(out, &r, fmt, "Overall (macro)", st.macro, le.macro);
    }
    if (fmt == CK_EVAL_OFFICIAL) {
        char found[64], cen[128];
        snprintf(found, sizeof found, "  %zu files found  ", n);
        sc_center(cen, sizeof cen, found, 48);
        fprintf(out, "\n%20s%s\n", "", cen);
    } else {
        rep_note(&r, "%zu files", n);
        rep_print(&r, out, fmt);
    }
    rep_free(&r);
done:
    sc_tree_close(&gtree);
    sc_tree_close(&stree);
    for (size_t i = 0; i < n; i++) {
        ann_free(&g[i]);
        ann_free(&s[i]);
    }
    free(g);
    free(s);
    sc_strv_free(&common);
    return rc;
}

static const char *const t2_opts[] = {NULL};

const ck_scorer ck_scorer_n2c2_2018_t2 = {
    .id = "n2c2-2018-t2",
    .summary = "n2c2 2018 track 2 medications/ADE: Track2-evaluate-ver4.py (strict/lenient)",
    .inputs = "GOLD, SYSTEM: folders of BRAT .ann files (same names)",
    .options = t2_opts,
    .options_help = "  (none)\n",
    .run = t2_run,
};
