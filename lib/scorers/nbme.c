/*
 * nbme.c — `nbme`: the NBME "Score Clinical Patient Notes" (Kaggle 2022)
 * metric: character-level micro F1 over all (note, feature) rows
 * (span_micro_f1 of the host's notebook, computed like scikit-learn's
 * f1_score on the concatenated binary vectors).
 *
 * GOLD: train.csv (or a folder holding it) with id and location columns
 * (Python list literals, ';' inside a string for multi-span annotations).
 * SYSTEM: submission.csv (or a folder holding it), "id,location" with
 * "s e;s e". This minimal CSV parsing lives here until an NBME reader
 * lands in lib/formats.
 *
 * Rules reproduced: truth rows in train.csv order; ids missing from the
 * submission predict nothing; unknown ids are ignored; a repeated id: the
 * later line wins; rows empty on both sides are skipped; each row is
 * rasterised to max(all its offsets) (numpy slice semantics: reversed or
 * empty spans set nothing), overlapping spans count once.
 */
#include <stdlib.h>
#include <string.h>

#include "clinkit/io.h"
#include "scorers/csvmini.h"
#include "scorers/report.h"
#include "scorers/scoreutil.h"

typedef struct spans {
    long *v; /* start, end pairs */
    size_t n, cap;
} spans;

static void spans_add(spans *s, long a, long b)
{
    if (s->n + 2 > s->cap) {
        size_t cap = s->cap ? 2 * s->cap : 16;
        long *v = realloc(s->v, cap * sizeof *v);
        if (!v)
            return;
        s->v = v;
        s->cap = cap;
    }
    s->v[s->n++] = a;
    s->v[s->n++] = b;
}

/* "s e;s e" -> spans (Python: [s.split() for s in loc.split(';')]). */
static int parse_locs(const char *loc, spans *out)
{
    const char *p = loc;
    while (*p) {
        const char *semi = strchr(p, ';');
        size_t n = semi ? (size_t)(semi - p) : strlen(p);
        char piece[128];
        if (n >= sizeof piece)
            return -1;
        memcpy(piece, p, n);
        piece[n] = '\0';
        char *end1, *end2;
        long a = strtol(piece, &end1, 10);
        long b = strtol(end1, &end2, 10);
        if (end1 == piece || end2 == end1)
            return -1;
        while (*end2 == ' ' || *end2 == '\t' || *end2 == '\r' || *end2 == '\n')
            end2++;
        if (*end2)
            return -1;
        spans_add(out, a, b);
        if (!semi)
            break;
        p = semi + 1;
    }
    return 0;
}

/* "['11 12;27 41', '42 54']" -> the strings joined by ';' -> spans. */
static int parse_truth(const char *lit, spans *out)
{
    char joined[4096];
    size_t jn = 0;
    int nstr = 0;
    for (const char *p = lit; *p; p++) {
        if (*p != '\'' && *p != '"')
            continue;
        char q = *p++;
        if (nstr++ && jn + 1 < sizeof joined)
            joined[jn++] = ';';
        while (*p && *p != q) {
            if (*p == '\\' && p[1])
                p++;
            if (jn + 1 < sizeof joined)
                joined[jn++] = *p;
            p++;
        }
        if (!*p)
            return -1;
    }
    joined[jn] = '\0';
    if (!nstr)
        return 0;
    return parse_locs(joined, out);
}

typedef struct pred {
    const char *id, *loc;
    size_t order;
} pred;

static int cmp_pred(const void *a, const void *b)
{
    const pred *x = a, *y = b;
    int c = strcmp(x->id, y->id);
    if (c)
        return c;
    return x->order < y->order ? -1 : x->order > y->order;
}

static int col_index(const csv_rec *h, const char *name)
{
    for (size_t i = 0; i < h->n; i++)
        if (strcmp(h->f[i], name) == 0)
            return (int)i;
    return -1;
}

static char *load_csv(const char *path, const char *name, ck_diag *d, char **display)
{
    char *data = NULL;
    size_t len = 0;
    /* a folder or archive holding NAME, or the file itself */
    *display = ck_is_dir(path) ? (char *)name : (char *)path;
    if (sc_load(path, name, &data, &len, d))
        return NULL;
    /* skip a UTF-8 byte order mark */
    if (len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0)
        memmove(data, data + 3, len - 2);
    return data;
}

/* Mark [s,e) in bits of length len with numpy slice semantics. */
static void mark(unsigned char *bits, long len, long s, long e, unsigned char flag)
{
    if (s < 0 && (s += len) < 0)
        s = 0;
    if (e < 0 && (e += len) < 0)
        e = 0;
    if (s > len)
        s = len;
    if (e > len)
        e = len;
    for (long i = s; i < e; i++)
        bits[i] |= flag;
}

static ck_status nbme_run(const char *gold, const char *system, ck_opts opts,
                          FILE *out, ck_eval_format fmt, ck_diag *d)
{
    char *gname, *sname;
    char *gdata = load_csv(gold, "train.csv", d, &gname);
    if (!gdata)
        return CK_ERR_IO;
    char *sdata = load_csv(system, "submission.csv", d, &sname);
    if (!sdata) {
        free(gdata);
        return CK_ERR_IO;
    }
    ck_status rc = CK_OK;
    csv_rec rec;
    size_t line = 1;
    char *p = sdata;
    pred *preds = NULL;
    size_t np = 0, cap = 0;
    int sid = -1, sloc = -1;
    if (csv_next(&p, &line, &rec) == 1) {
        sid = col_index(&rec, "id");
        sloc = col_index(&rec, "location");
    }
    if (sid < 0 || sloc < 0) {
        rc = ck_diag_add(d, CK_SEV_ERROR, sname, 1, 0, (size_t)-1,
                         "expected a header with 'id' and 'location' columns");
        rc = CK_ERR_PARSE;
        goto done;
    }
    int k;
    while ((k = csv_next(&p, &line, &rec)) == 1) {
        if (rec.n == 1 && !*rec.f[0])
            continue; /* blank line */
        if ((size_t)sid >= rec.n) {
            ck_diag_add(d, CK_SEV_ERROR, sname, rec.line, 0, (size_t)-1, "missing id field");
            continue;
        }
        if (np == cap) {
            cap = cap ? 2 * cap : 256;
            pred *v = realloc(preds, cap * sizeof *v);
            if (!v) {
                rc = CK_ERR_NOMEM;
                goto done;
            }
            preds = v;
        }
        preds[np].id = rec.f[sid];
        preds[np].loc = (size_t)sloc < rec.n ? rec.f[sloc] : "";
        preds[np].order = np;
        np++;
    }
    if (k < 0) {
        ck_diag_add(d, CK_SEV_ERROR, sname, line, 0, (size_t)-1, "unterminated quoted field");
        rc = CK_ERR_PARSE;
        goto done;
    }
    if (np)
        qsort(preds, np, sizeof *preds, cmp_pred);

    p = gdata;
    line = 1;
    int gid = -1, gloc = -1;
    if (csv_next(&p, &line, &rec) == 1) {
        gid = col_index(&rec, "id");
        gloc = col_index(&rec, "location");
    }
    if (gid < 0 || gloc < 0) {
        ck_diag_add(d, CK_SEV_ERROR, gname, 1, 0, (size_t)-1,
                    "expected a header with 'id' and 'location' columns");
        rc = CK_ERR_PARSE;
        goto done;
    }
    size_t rows = 0;
    unsigned long long tp = 0, fp = 0, fn = 0;
    spans t = {0}, s = {0};
    unsigned char *bits = NULL;
    size_t bits_cap = 0;
    while ((k = csv_next(&p, &line, &rec)) == 1) {
        if (rec.n == 1 && !*rec.f[0])
            continue;
        if ((size_t)gid >= rec.n || (size_t)gloc >= rec.n) {
            if ((rc = ck_diag_error(d, gname, rec.line, "expected id and location fields")))
                break;
            continue;
        }
        rows++;
        t.n = s.n = 0;
        if (parse_truth(rec.f[gloc], &t)) {
            if ((rc = ck_diag_error(d, gname, rec.line, "location: expected a list of 'start end' strings")))
                break;
            continue;
        }
        /* the last submission line for this id */
        pred key = {rec.f[gid], NULL, (size_t)-1};
        size_t lo = 0, hi = np;
        while (lo < hi) { /* first element greater than key (id, +inf) */
            size_t mid = (lo + hi) / 2;
            if (cmp_pred(&preds[mid], &key) <= 0)
                lo = mid + 1;
            else
                hi = mid;
        }
        if (lo > 0 && strcmp(preds[lo - 1].id, rec.f[gid]) == 0 && *preds[lo - 1].loc &&
            parse_locs(preds[lo - 1].loc, &s)) {
            ck_diag_warn(d, sname, 0, "id %s: location is not 's e;s e', ignored", rec.f[gid]);
            s.n = 0;
        }
        if (!t.n && !s.n)
            continue;
        long len = 0;
        for (size_t i = 0; i < t.n; i++)
            if (t.v[i] > len)
                len = t.v[i];
        for (size_t i = 0; i < s.n; i++)
            if (s.v[i] > len)
                len = s.v[i];
        if ((size_t)len > bits_cap) {
            unsigned char *nb = realloc(bits, (size_t)len);
            if (!nb) {
                rc = CK_ERR_NOMEM;
                break;
            }
            bits = nb;
            bits_cap = (size_t)len;
        }
        if (len > 0)
            memset(bits, 0, (size_t)len);
        for (size_t i = 0; i < t.n; i += 2)
            mark(bits, len, t.v[i], t.v[i + 1], 1);
        for (size_t i = 0; i < s.n; i += 2)
            mark(bits, len, s.v[i], s.v[i + 1], 2);
        for (long i = 0; i < len; i++) {
            tp += bits[i] == 3;
            fn += bits[i] == 1;
            fp += bits[i] == 2;
        }
    }
    free(t.v);
    free(s.v);
    free(bits);
    if (!rc && k < 0) {
        ck_diag_add(d, CK_SEV_ERROR, gname, line, 0, (size_t)-1, "unterminated quoted field");
        rc = CK_ERR_PARSE;
    }
    if (!rc) {
        /* sklearn: P, R with 0 for 0/0, F = (1+b2)*P*R / (b2*P+R) */
        double P = tp + fp ? (double)tp / (double)(tp + fp) : 0.0;
        double R = tp + fn ? (double)tp / (double)(tp + fn) : 0.0;
        double den = P + R;
        double F = 2.0 * P * R / (den == 0.0 ? 1.0 : den);
        if (fmt == CK_EVAL_OFFICIAL) {
            char b[40];
            sc_py_repr(b, sizeof b, F);
            fprintf(out, "rows = %zu\nspan_micro_f1 = %s\n", rows, b);
        } else {
            rep r;
            rep_init(&r, "nbme");
            static const char *const cols[] = {"tp", "fp", "fn", "precision", "recall", "f1"};
            rep_section_add(&r, "characters", 6, cols);
            double v[6] = {(double)tp, (double)fp, (double)fn, P, R, F};
            rep_row_add(&r, "micro", v);
            rep_note(&r, "%zu rows", rows);
            rep_print(&r, out, fmt);
            rep_free(&r);
        }
    }
done:
    free(preds);
    free(gdata);
    free(sdata);
    return rc;
}

static const char *const nbme_opts[] = {NULL};

const ck_scorer ck_scorer_nbme = {
    .id = "nbme",
    .summary = "NBME patient notes (Kaggle 2022): character-level micro F1",
    .inputs = "GOLD: train.csv (or its folder); SYSTEM: submission.csv (or its folder)",
    .options = nbme_opts,
    .options_help = "  (none)\n",
    .run = nbme_run,
};
