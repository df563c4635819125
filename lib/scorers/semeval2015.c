/*
 * semeval2015.c — SemEval-2015 Task 14, task 1 scorer
 * (semeval-2015-task-14-task-1-eval.pl): disorder spans with CUIs, strict
 * and relaxed, reproduced from the script's behaviour:
 * - only files whose name contains ".pipe" are read, gold files drive the
 *   iteration (a system file of the same name, if any); predictions for
 *   documents without gold are ignored;
 * - each line is lower-cased and split on '|': document, span ("s-e,s-e"),
 *   CUI; one entry per span string per file (the last line wins);
 * - strict: same span string (fragment order matters) and same CUI;
 * - relaxed: exact matches first; then each remaining gold consumes every
 *   remaining prediction with its CUI that overlaps it (inclusive ends:
 *   10-20 touches 20-30): one true positive, the others false positives.
 * The script visits golds in Perl hash order, which the output can depend
 * on; clinkit visits the gold with the fewest candidate predictions first
 * (then file order): deterministic, and the most true positives greedy can
 * give. docs/eval.md describes the rule.
 * Task 2 (slot filling) is not reproduced: its weight table is not public
 * in a form we could verify.
 */
#include <ctype.h>
#include <dirent.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "clinkit/eval.h"
#include "clinkit/io.h"
#include "report.h"

typedef struct entry {
    char *span, *cui;
    long *frag; /* start, end pairs */
    size_t n_frag;
    int used;
} entry;

typedef struct entries {
    entry *v;
    size_t n;
} entries;

static void entries_free(entries *e)
{
    for (size_t i = 0; i < e->n; i++) {
        free(e->v[i].span);
        free(e->v[i].cui);
        free(e->v[i].frag);
    }
    free(e->v);
    e->v = NULL;
    e->n = 0;
}

static void add(entries *e, const char *span, const char *cui)
{
    for (size_t i = 0; i < e->n; i++)
        if (!strcmp(e->v[i].span, span)) { /* the last line wins */
            free(e->v[i].cui);
            e->v[i].cui = strdup(cui);
            return;
        }
    e->v = realloc(e->v, (e->n + 1) * sizeof *e->v);
    entry *x = &e->v[e->n++];
    memset(x, 0, sizeof *x);
    x->span = strdup(span);
    x->cui = strdup(cui);
    for (const char *p = span; *p;) {
        char *end;
        long s = strtol(p, &end, 10), en = s;
        if (*end == '-')
            en = strtol(end + 1, &end, 10);
        x->frag = realloc(x->frag, (x->n_frag + 1) * 2 * sizeof *x->frag);
        x->frag[2 * x->n_frag] = s;
        x->frag[2 * x->n_frag + 1] = en;
        x->n_frag++;
        if (*end != ',' || end == p)
            break;
        p = end + 1;
    }
}

static ck_status load(const char *path, entries *e, ck_diag *d)
{
    char *data;
    size_t len;
    ck_status rc = ck_read_file(path, &data, &len, d);
    if (rc)
        return rc;
    size_t no = 0;
    for (char *p = data; p && *p;) {
        char *nl = strchr(p, '\n');
        if (nl)
            *nl = '\0';
        no++;
        size_t n = strlen(p);
        if (n && p[n - 1] == '\r')
            p[--n] = '\0';
        for (char *q = p; *q; q++)
            *q = (char)tolower((unsigned char)*q);
        char *f1 = strchr(p, '|'), *f2 = f1 ? strchr(f1 + 1, '|') : NULL;
        char *f3 = f2 ? strchr(f2 + 1, '|') : NULL;
        if (*p && f2) {
            *f2 = '\0';
            if (f3)
                *f3 = '\0';
            add(e, f1 + 1, f2 + 1);
        } else if (*p)
            ck_diag_error(d, path, no, "expected DOC|SPAN|CUI|...");
        p = nl ? nl + 1 : NULL;
    }
    free(data);
    return CK_OK;
}

static int overlaps(const entry *a, const entry *b)
{
    for (size_t i = 0; i < a->n_frag; i++)
        for (size_t k = 0; k < b->n_frag; k++)
            if (a->frag[2 * i] <= b->frag[2 * k + 1] && b->frag[2 * k] <= a->frag[2 * i + 1])
                return 1;
    return 0;
}

static int candidate(const entry *g, const entry *s)
{
    return !s->used && !strcmp(g->cui, s->cui) && overlaps(g, s);
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

typedef struct counts {
    size_t stp, sfp, sfn, rtp, rfp, rfn;
} counts;

static ck_status score(const char *gold, const char *system, counts *c, ck_diag *d)
{
    memset(c, 0, sizeof *c);
    DIR *dp = opendir(gold);
    if (!dp) {
        ck_diag_add(d, CK_SEV_ERROR, gold, 0, 0, (size_t)-1, "cannot open gold folder");
        return CK_ERR_IO;
    }
    char **names = NULL;
    size_t nn = 0;
    for (struct dirent *de; (de = readdir(dp));)
        if (de->d_name[0] != '.' && strstr(de->d_name, ".pipe")) {
            names = realloc(names, (nn + 1) * sizeof *names);
            names[nn++] = strdup(de->d_name);
        }
    closedir(dp);
    if (names)
        qsort(names, nn, sizeof *names, cmp_str);
    ck_status rc = CK_OK;
    for (size_t i = 0; i < nn && rc == CK_OK; i++) {
        char gp[4096], sp[4096];
        snprintf(gp, sizeof gp, "%s/%s", gold, names[i]);
        snprintf(sp, sizeof sp, "%s/%s", system, names[i]);
        entries g = {0}, s = {0};
        rc = load(gp, &g, d);
        if (rc == CK_OK && access(sp, R_OK) == 0)
            rc = load(sp, &s, d);
        size_t tp = 0;
        int *done = calloc(g.n + 1, sizeof *done);
        for (size_t k = 0; k < g.n; k++)
            for (size_t j = 0; j < s.n; j++)
                if (!s.v[j].used && !strcmp(g.v[k].span, s.v[j].span) &&
                    !strcmp(g.v[k].cui, s.v[j].cui)) {
                    s.v[j].used = 1;
                    done[k] = 1;
                    tp++;
                    break;
                }
        size_t rtp = tp;
        for (;;) { /* the remaining gold with the fewest candidates first */
            size_t best = (size_t)-1, best_n = 0;
            for (size_t k = 0; k < g.n; k++) {
                if (done[k])
                    continue;
                size_t n = 0;
                for (size_t j = 0; j < s.n; j++)
                    n += candidate(&g.v[k], &s.v[j]);
                if (n && (best == (size_t)-1 || n < best_n)) {
                    best = k;
                    best_n = n;
                }
            }
            if (best == (size_t)-1)
                break;
            for (size_t j = 0; j < s.n; j++)
                if (candidate(&g.v[best], &s.v[j]))
                    s.v[j].used = 1;
            done[best] = 1;
            rtp++;
        }
        free(done);
        c->stp += tp;
        c->sfp += s.n - tp;
        c->sfn += g.n - tp;
        c->rtp += rtp;
        c->rfp += s.n - rtp;
        c->rfn += g.n - rtp;
        entries_free(&g);
        entries_free(&s);
    }
    for (size_t i = 0; i < nn; i++)
        free(names[i]);
    free(names);
    return rc;
}

static void prf(size_t tp, size_t fp, size_t fn, double *p, double *r, double *f)
{
    *p = tp + fp ? (double)tp / (double)(tp + fp) : 0;
    *r = tp + fn ? (double)tp / (double)(tp + fn) : 0;
    *f = *p + *r ? 2 * *p * *r / (*p + *r) : 0;
}

static ck_status t14_run(const char *gold, const char *system, ck_opts opts, FILE *out,
                         ck_eval_format fmt, ck_diag *d)
{
    const char *task = ck_opt(opts, "task");
    if (task && strcmp(task, "1") != 0) {
        ck_diag_add(d, CK_SEV_ERROR, NULL, 0, 0, (size_t)-1,
                    "only task 1 is reproduced (task 2's weight table is not available)");
        return CK_ERR_USAGE;
    }
    counts c;
    ck_status rc = score(gold, system, &c, d);
    if (rc)
        return rc;
    double sp, sr, sf, rp, rr, rf;
    prf(c.stp, c.sfp, c.sfn, &sp, &sr, &sf);
    prf(c.rtp, c.rfp, c.rfn, &rp, &rr, &rf);
    if (fmt == CK_EVAL_OFFICIAL) {
        fprintf(out, "Strict Score\nTP: %zu, FP: %zu, FN: %zu\nP:\t %.3f\nR:\t %.3f\nF:\t %.3f\n\n",
                c.stp, c.sfp, c.sfn, sp, sr, sf);
        fprintf(out, "Relaxed  Score\nTP: %zu, FP: %zu, FN: %zu\nP:\t %.3f\nR:\t %.3f\nF:\t %.3f\n\n",
                c.rtp, c.rfp, c.rfn, rp, rr, rf);
        return CK_OK;
    }
    rep r;
    rep_init(&r, "semeval-2015-t14");
    static const char *const cols[] = {"tp", "fp", "fn", "precision", "recall", "f1"};
    rep_section_add(&r, "Task 1 (disorder span + CUI)", 6, cols);
    double s[6] = {(double)c.stp, (double)c.sfp, (double)c.sfn, sp, sr, sf};
    double x[6] = {(double)c.rtp, (double)c.rfp, (double)c.rfn, rp, rr, rf};
    rep_row_add(&r, "strict", s);
    rep_row_add(&r, "relaxed", x);
    rep_print(&r, out, fmt);
    rep_free(&r);
    return CK_OK;
}

static const char *const t14_opts[] = {"task", NULL};

const ck_scorer ck_scorer_semeval_2015_t14 = {
    .id = "semeval-2015-t14",
    .summary = "SemEval-2015 Task 14, task 1: disorder span + CUI, strict and relaxed",
    .inputs = "GOLD and SYSTEM: folders of DOC.pipe files (19 '|' fields)",
    .options = t14_opts,
    .options_help = "  -t, --task 1       task 1 (the only one reproduced)\n",
    .run = t14_run,
};
