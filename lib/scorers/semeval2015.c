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
 * Reading and matching are shared with task 2 (semeval2015_pipe.c);
 * -t 2 runs the slot-filling scorer in semeval2015_t2.c.
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "report.h"
#include "semeval2015.h"

typedef struct counts {
    size_t stp, sfp, sfn, rtp, rfp, rfn;
} counts;

static void score_doc(t14_entries *g, t14_entries *s, void *ctx)
{
    counts *c = ctx;
    size_t *pair = malloc((g->n + 1) * sizeof *pair), extra, tp = 0, rtp = 0;
    t14_match(g, s, 0, pair, &extra);
    for (size_t k = 0; k < g->n; k++)
        if (pair[k] != (size_t)-1) {
            rtp++;
            tp += !strcmp(g->v[k].span, s->v[pair[k]].span);
        }
    free(pair);
    c->stp += tp;
    c->sfp += s->n - tp;
    c->sfn += g->n - tp;
    c->rtp += rtp;
    c->rfp += s->n - rtp;
    c->rfn += g->n - rtp;
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
    if (task && (!strcmp(task, "2") || !strcasecmp(task, "2a") || !strcasecmp(task, "a") ||
                 !strcasecmp(task, "2b") || !strcasecmp(task, "b")))
        return t14_task2_run(gold, system, opts, out, fmt, d);
    if (task && strcmp(task, "1") != 0) {
        ck_diag_add(d, CK_SEV_ERROR, NULL, 0, 0, (size_t)-1,
                    "unknown task '%.20s': expected 1 or 2 (also 2A, 2B, A, B)", task);
        return CK_ERR_USAGE;
    }
    if (ck_opt(opts, "fixed")) {
        ck_diag_add(d, CK_SEV_ERROR, NULL, 0, 0, (size_t)-1,
                    "--fixed applies to task 2 only (task 1 has no documented bug)");
        return CK_ERR_USAGE;
    }
    counts c = {0};
    ck_status rc = t14_each_doc(gold, system, score_doc, &c, d);
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

static const char *const t14_opts[] = {"task", "fixed", NULL};

const ck_scorer ck_scorer_semeval_2015_t14 = {
    .id = "semeval-2015-t14",
    .summary = "SemEval-2015 Task 14: task 1 (span + CUI) and task 2 (slot filling)",
    .inputs = "GOLD and SYSTEM: folders of DOC.pipe files (19 '|' fields)",
    .options = t14_opts,
    .options_help = "  -t, --task 1|2     task 1 (default: spans + CUI, strict and relaxed) or\n"
                    "                     task 2 (slot filling; also 2A, 2B, A, B: same scores)\n"
                    "  --fixed            task 2: weigh donor_other (the script's table says\n"
                    "                     doner_other) and score a slot without weight as 0\n",
    .run = t14_run,
};
