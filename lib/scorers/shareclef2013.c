/*
 * shareclef2013.c — ShARe/CLEF eHealth 2013 Task 1 evaluation (eval.pl).
 *
 * What eval.pl does, and so what this does:
 * - every file in each folder is read, except hidden ones and backups
 *   ending in '~'; a line is split on "||": document, type, CUI, offsets;
 *   the document is the first field, not the file name;
 * - a span's key is its offsets joined with '-' (as text: a trailing \r on
 *   a CRLF line stays in the key), one key per document, the last CUI wins;
 * - strict: a prediction is right if its key is a gold key;
 * - relaxed: a prediction is right if any of its fragments overlaps (half
 *   open) any fragment of any gold span of the document; a gold span is
 *   missed if nothing overlaps it — not one-to-one;
 * - task B: strict accuracy = right CUIs on exact spans / gold spans;
 *   relaxed accuracy = right CUIs / exact-span matches; CUIs compared
 *   case-insensitively;
 * - predictions in documents without gold count as false positives;
 *   P, R and F are 0 when there is no true positive.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "clinkit/io.h"
#include "core/buf.h"
#include "shareclef2013.h"

typedef struct span {
    char *doc, *key, *cui;
    long *off; /* start, end pairs, numeric as Perl reads them */
    size_t n_off;
} span;

typedef struct spans {
    span *v;
    size_t n, cap;
} spans;

static void spans_free(spans *s)
{
    for (size_t i = 0; i < s->n; i++) {
        free(s->v[i].doc);
        free(s->v[i].key);
        free(s->v[i].cui);
        free(s->v[i].off);
    }
    free(s->v);
}

/* Perl's numeric value of a string: leading whitespace, sign, digits. */
static long perl_num(const char *s)
{
    while (isspace((unsigned char)*s))
        s++;
    return strtol(s, NULL, 10);
}

static span *find(spans *s, const char *doc, const char *key)
{
    for (size_t i = 0; i < s->n; i++)
        if (strcmp(s->v[i].doc, doc) == 0 && strcmp(s->v[i].key, key) == 0)
            return &s->v[i];
    return NULL;
}

static ck_status add_line(spans *s, char *line, const char *file, size_t no, ck_diag *d)
{
    char *f[256];
    size_t n = 0;
    for (char *p = line; n < 256;) {
        f[n++] = p;
        char *q = strstr(p, "||");
        if (!q)
            break;
        *q = '\0';
        p = q + 2;
    }
    if (n < 5)
        return ck_diag_error(d, file, no, "expected DOC||TYPE||CUI||start||end[||start||end...]");
    ck_buf key;
    ck_buf_init(&key);
    for (size_t i = 3; i < n; i++) {
        if (i > 3)
            ck_buf_addc(&key, '-');
        ck_buf_adds(&key, f[i]);
    }
    span *sp = find(s, f[0], ck_buf_str(&key));
    if (sp) { /* the last CUI wins */
        free(sp->cui);
        sp->cui = strdup(f[2]);
        ck_buf_free(&key);
        return CK_OK;
    }
    if (s->n == s->cap) {
        s->cap = s->cap ? s->cap * 2 : 64;
        s->v = realloc(s->v, s->cap * sizeof *s->v);
        if (!s->v)
            return CK_ERR_NOMEM;
    }
    sp = &s->v[s->n++];
    sp->doc = strdup(f[0]);
    sp->key = strdup(ck_buf_str(&key));
    sp->cui = strdup(f[2]);
    sp->n_off = (n - 3) / 2;
    sp->off = calloc(sp->n_off * 2 + 1, sizeof *sp->off);
    for (size_t i = 0; i < sp->n_off * 2; i++)
        sp->off[i] = perl_num(f[3 + i]);
    ck_buf_free(&key);
    return CK_OK;
}

static ck_status read_dir(const char *dir, spans *s, ck_diag *d)
{
    ck_source *src;
    ck_status rc = ck_source_open(dir, &src, d);
    if (rc)
        return rc;
    for (size_t i = 0; rc == CK_OK && i < ck_source_count(src); i++) {
        const char *name = ck_source_name(src, i);
        if (ck_has_suffix(name, "~"))
            continue;
        const char *data;
        size_t len;
        if ((rc = ck_source_load(src, i, &data, &len, d)))
            break;
        char *copy = strdup(data);
        char *file = strdup(ck_source_display(src, i));
        size_t no = 0;
        /* count line numbers by hand: strtok would skip empty lines */
        for (char *p = copy; rc == CK_OK && p && *p;) {
            char *nl = strchr(p, '\n');
            if (nl)
                *nl = '\0';
            no++;
            if (*p)
                rc = add_line(s, p, file, no, d);
            p = nl ? nl + 1 : NULL;
        }
        free(copy);
        free(file);
        ck_source_release(src, i);
    }
    ck_source_free(src);
    return rc;
}

static int overlaps(const span *a, const span *b)
{
    if (strcmp(a->doc, b->doc) != 0)
        return 0;
    for (size_t i = 0; i < a->n_off; i++)
        for (size_t k = 0; k < b->n_off; k++)
            if (a->off[2 * i] < b->off[2 * k + 1] && b->off[2 * k] < a->off[2 * i + 1])
                return 1;
    return 0;
}

static void prf(size_t tp, size_t fp, size_t fn, double *p, double *r, double *f)
{
    *p = *r = *f = 0;
    if (tp == 0)
        return;
    *p = (double)tp / (double)(tp + fp);
    *r = (double)tp / (double)(tp + fn);
    *f = 2 * *p * *r / (*p + *r);
}

ck_status ck_sc13_score(const char *gold_dir, const char *sys_dir, ck_sc13_result *r,
                        ck_diag *d)
{
    memset(r, 0, sizeof *r);
    spans g = {0}, s = {0};
    ck_status rc = read_dir(gold_dir, &g, d);
    if (rc == CK_OK)
        rc = read_dir(sys_dir, &s, d);
    if (rc == CK_OK) {
        r->gold = g.n;
        r->pred = s.n;
        for (size_t i = 0; i < s.n; i++) {
            span *m = find(&g, s.v[i].doc, s.v[i].key);
            if (m) {
                r->strict_tp++;
                r->cui_correct += strcasecmp(m->cui, s.v[i].cui) == 0;
            }
            for (size_t k = 0; k < g.n; k++)
                if (overlaps(&s.v[i], &g.v[k])) {
                    r->relaxed_tp++;
                    break;
                }
        }
        for (size_t k = 0; k < g.n; k++) {
            int found = 0;
            for (size_t i = 0; i < s.n && !found; i++)
                found = overlaps(&s.v[i], &g.v[k]);
            r->relaxed_fn += !found;
        }
        prf(r->strict_tp, s.n - r->strict_tp, g.n - r->strict_tp, &r->strict_p, &r->strict_r,
            &r->strict_f);
        prf(r->relaxed_tp, s.n - r->relaxed_tp, r->relaxed_fn, &r->relaxed_p, &r->relaxed_r,
            &r->relaxed_f);
        r->acc_strict = g.n ? (double)r->cui_correct / (double)g.n : 0;
        r->acc_relaxed = r->strict_tp ? (double)r->cui_correct / (double)r->strict_tp : 0;
    }
    spans_free(&g);
    spans_free(&s);
    return rc;
}

void ck_sc13_print_official(FILE *f, const ck_sc13_result *r, char task)
{
    if (task == 'B') {
        fprintf(f, "\n* Task B Strict:\nAccuracy: \t%0.3f\n", r->acc_strict);
        fprintf(f, "\n* Task B Relaxed:\nAccuracy: \t%0.3f\n", r->acc_relaxed);
        return;
    }
    fprintf(f, "\n* Task A Strict:\nPrecision: \t%0.3f\nRecall: \t%0.3f\nF-score: \t%0.3f\n",
            r->strict_p, r->strict_r, r->strict_f);
    fprintf(f, "\n* Task A Relaxed:\nPrecision: \t%0.3f\nRecall: \t%0.3f\nF-score: \t%0.3f\n",
            r->relaxed_p, r->relaxed_r, r->relaxed_f);
}

/* ---- the registered scorer ---- */

#include "report.h"
#include "scoreutil.h"

static ck_status sc13_run(const char *gold, const char *system, ck_opts opts, FILE *out,
                          ck_eval_format fmt, ck_diag *d)
{
    const char *task = ck_opt(opts, "task");
    char t = task ? (char)toupper((unsigned char)task[0]) : 'A';
    if ((t != 'A' && t != 'B') || (task && task[1])) {
        ck_diag_add(d, CK_SEV_ERROR, NULL, 0, 0, (size_t)-1, "task must be A or B");
        return CK_ERR_USAGE;
    }
    ck_sc13_result r;
    ck_status rc = ck_sc13_score(gold, system, &r, d);
    if (rc)
        return rc;
    if (fmt == CK_EVAL_OFFICIAL) {
        ck_sc13_print_official(out, &r, t);
        return CK_OK;
    }
    rep rp;
    rep_init(&rp, "share-clef-2013");
    if (t == 'A') {
        static const char *const cols[] = {"tp", "fp", "fn", "precision", "recall", "f1"};
        rep_section_add(&rp, "Task A (disorder spans)", 6, cols);
        double s[6] = {(double)r.strict_tp, (double)(r.pred - r.strict_tp),
                       (double)(r.gold - r.strict_tp), r.strict_p, r.strict_r, r.strict_f};
        rep_row_add(&rp, "strict", s);
        double x[6] = {(double)r.relaxed_tp, (double)(r.pred - r.relaxed_tp),
                       (double)r.relaxed_fn, r.relaxed_p, r.relaxed_r, r.relaxed_f};
        rep_row_add(&rp, "relaxed", x);
    } else {
        static const char *const cols[] = {"correct", "spans", "accuracy"};
        rep_section_add(&rp, "Task B (CUI accuracy)", 3, cols);
        double s[3] = {(double)r.cui_correct, (double)r.gold, r.acc_strict};
        rep_row_add(&rp, "strict", s);
        double x[3] = {(double)r.cui_correct, (double)r.strict_tp, r.acc_relaxed};
        rep_row_add(&rp, "relaxed", x);
    }
    rep_note(&rp, "%zu gold spans, %zu predicted spans", r.gold, r.pred);
    rep_print(&rp, out, fmt);
    rep_free(&rp);
    return CK_OK;
}

static const char *const sc13_opts[] = {"task", NULL};

const ck_scorer ck_scorer_share_clef_2013 = {
    .id = "share-clef-2013",
    .summary = "ShARe/CLEF eHealth 2013 Task 1 eval.pl: task A spans (strict, relaxed), task B CUI accuracy",
    .inputs = "GOLD and SYSTEM: folders of DOC.pipe.txt files (DOC.txt||Disease_Disorder||CUI||s||e...)",
    .options = sc13_opts,
    .options_help = "  -t, --task A|B     task A (spans, default) or B (CUI accuracy)\n",
    .run = sc13_run,
};
