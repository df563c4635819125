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

/* Spans -> sorted, merged [s,e) intervals within [0,len), with numpy
 * slice semantics (negative offsets count from the end, clamped; e <= s
 * sets nothing). Counting intervals instead of rasterising keeps memory
 * bounded whatever the offsets. Returns the count; v is rewritten. */
static int cmp_pair(const void *a, const void *b)
{
    const long *x = a, *y = b;
    return x[0] < y[0] ? -1 : x[0] > y[0] ? 1 : (x[1] < y[1] ? -1 : x[1] > y[1]);
}

static size_t normalize(spans *sp, long len)
{
    size_t n = 0;
    for (size_t i = 0; i < sp->n; i += 2) {
        long a = sp->v[i], b = sp->v[i + 1];
        if (a < 0 && (a += len) < 0)
            a = 0;
        if (b < 0 && (b += len) < 0)
            b = 0;
        if (a > len)
            a = len;
        if (b > len)
            b = len;
        if (a < b) {
            sp->v[2 * n] = a;
            sp->v[2 * n + 1] = b;
            n++;
        }
    }
    if (n > 1)
        qsort(sp->v, n, 2 * sizeof *sp->v, cmp_pair);
    size_t w = 0;
    for (size_t i = 0; i < n; i++) {
        long a = sp->v[2 * i], b = sp->v[2 * i + 1];
        if (w && a <= sp->v[2 * w - 1]) {
            if (b > sp->v[2 * w - 1])
                sp->v[2 * w - 1] = b;
        } else {
            sp->v[2 * w] = a;
            sp->v[2 * w + 1] = b;
            w++;
        }
    }
    return w;
}

static unsigned long long covered(const long *v, size_t n)
{
    unsigned long long c = 0;
    for (size_t i = 0; i < n; i++)
        c += (unsigned long long)(v[2 * i + 1] - v[2 * i]);
    return c;
}

static unsigned long long overlap(const long *a, size_t na, const long *b, size_t nb)
{
    unsigned long long c = 0;
    size_t i = 0, j = 0;
    while (i < na && j < nb) {
        long lo = a[2 * i] > b[2 * j] ? a[2 * i] : b[2 * j];
        long hi = a[2 * i + 1] < b[2 * j + 1] ? a[2 * i + 1] : b[2 * j + 1];
        if (lo < hi)
            c += (unsigned long long)(hi - lo);
        if (a[2 * i + 1] < b[2 * j + 1])
            i++;
        else
            j++;
    }
    return c;
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
        size_t nt = normalize(&t, len), ns = normalize(&s, len);
        unsigned long long both = overlap(t.v, nt, s.v, ns);
        tp += both;
        fn += covered(t.v, nt) - both;
        fp += covered(s.v, ns) - both;
    }
    free(t.v);
    free(s.v);
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
