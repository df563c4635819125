/*
 * semeval2015_t2.c — SemEval-2015 Task 14, task 2 scorer
 * (semeval-2015-task-14-task-2-eval.pl, slot filling), reproduced from
 * the script's behaviour (docs/eval.md):
 * - disorders are read and matched as in task 1 but on spans only
 *   (semeval2015_pipe.c): exact spans first, then every gold takes the
 *   overlapping predictions left, the largest overlap being its pair;
 * - Accuracy = mean over matched golds of (equal slots / 9);
 *   Wt_Accuracy = mean over matched golds of (weight of the gold values
 *   of the equal slots / weight of all its gold values); per slot,
 *   weight of the equal gold values / weight of all gold values;
 * - weights are the official prevalence weights of the gold value, as
 *   the recorded vectors pin them (the table below); a value the table
 *   lacks weighs 0 — "donor_other" among them, the table says
 *   "doner_other" — and a slot whose weights sum to 0 (no true positive
 *   at all) is where the script dies (Illegal division by zero).
 * --fixed: donor_other weighs what doner_other does, and a slot without
 * weight scores 0 instead of ending the report.
 */
#include <stdlib.h>
#include <string.h>

#include "report.h"
#include "scoreutil.h"
#include "semeval2015.h"

/* Weights by slot and gold value. Source: the %canonical_slots table as
 * transcribed in ../shared/formats (§2.2), corrected where the recorded
 * vectors pin another value (marked "vectors"; docs/eval.md lists them). */
static const struct {
    int slot;
    const char *value;
    double w;
} weights[] = {
    {T14_NEGATION, "no", .21},         {T14_NEGATION, "yes", .79},
    {T14_SUBJECT, "patient", .05},     /* vectors (table: .01) */
    {T14_SUBJECT, "family_member", .95}, /* vectors (table: .99) */
    {T14_SUBJECT, "other", 1},         {T14_SUBJECT, "doner_other", 1},
    {T14_UNCERTAINTY, "no", .07},      {T14_UNCERTAINTY, "yes", .93},
    {T14_COURSE, "unmarked", .05},     /* vectors (table: .04) */
    {T14_COURSE, "improved", .95},     /* vectors (table: .99) */
    {T14_COURSE, "increased", .99},    {T14_COURSE, "worsened", .99},
    {T14_COURSE, "resolved", .99},     {T14_COURSE, "decreased", 1},
    {T14_COURSE, "changed", 1},
    {T14_SEVERITY, "unmarked", .08},
    {T14_SEVERITY, "moderate", .95},   /* vectors (table: .96) */
    {T14_SEVERITY, "severe", .95},     /* vectors allow .92-.95 (table: .97) */
    {T14_SEVERITY, "slight", .99},
    {T14_CONDITIONAL, "false", .06},   {T14_CONDITIONAL, "true", .94},
    {T14_GENERIC, "false", .05},       /* vectors (table: .01) */
    {T14_GENERIC, "true", .95},        /* vectors (table: .99) */
    {T14_BODYLOC, "null", .51},        {T14_BODYLOC, "ANY_CUI", .49},
};

static const char *const slot_name[T14_NSLOTS] = {
    "CUI", "Negation", "Subject", "Uncertainty", "Course",
    "Severity", "Conditional", "Generic", "BodyLoc",
};

/* The order the script prints the slots in: Perl's hash order under
 * PERL_HASH_SEED=0, the same in every recorded run. */
static const int print_order[T14_NSLOTS] = {
    T14_CONDITIONAL, T14_SUBJECT, T14_GENERIC, T14_NEGATION, T14_SEVERITY,
    T14_BODYLOC, T14_COURSE, T14_CUI, T14_UNCERTAINTY,
};

double t14_weight(int slot, const char *v, int fixed)
{
    if (slot == T14_CUI)
        return 1;
    if (slot == T14_BODYLOC && strcmp(v, "null") != 0)
        v = "ANY_CUI";
    if (fixed && slot == T14_SUBJECT && !strcmp(v, "donor_other"))
        v = "doner_other";
    for (size_t i = 0; i < sizeof weights / sizeof *weights; i++)
        if (weights[i].slot == slot && !strcmp(weights[i].value, v))
            return weights[i].w;
    return 0;
}

double t14_gold_weight(int slot, const t14_entry *g, int fixed)
{
    if (slot != T14_BODYLOC)
        return t14_weight(slot, g->val[slot], fixed);
    for (size_t i = 0; i < g->n_loc; i++)
        if (strcmp(g->loc[i], "null") != 0)
            return t14_weight(slot, g->loc[i], fixed);
    return t14_weight(slot, "null", fixed);
}

int t14_slot_equal(int slot, const t14_entry *g, const t14_entry *s)
{
    if (slot != T14_BODYLOC)
        return !strcmp(g->val[slot], s->val[slot]);
    for (size_t i = 0; i < g->n_loc; i++)
        for (size_t k = 0; k < s->n_loc; k++)
            if (!strcmp(g->loc[i], s->loc[k]))
                return 1;
    return 0;
}

typedef struct totals {
    int fixed;
    size_t tp, fp, fn;
    double acc, wacc;                     /* sums over true positives */
    double right[T14_NSLOTS], all[T14_NSLOTS]; /* per-slot weight sums */
} totals;

static void score_doc(t14_entries *g, t14_entries *s, void *ctx)
{
    totals *t = ctx;
    size_t *pair = malloc((g->n + 1) * sizeof *pair), extra, tp = 0, used = 0;
    t14_match(g, s, 1, pair, &extra);
    for (size_t k = 0; k < g->n; k++) {
        if (pair[k] == (size_t)-1)
            continue;
        tp++;
        const t14_entry *ge = &g->v[k], *se = &s->v[pair[k]];
        double num = 0, den = 0;
        size_t same = 0;
        for (size_t i = 0; i < T14_NSLOTS; i++) {
            int slot = print_order[i]; /* sums in the script's order */
            double w = t14_gold_weight(slot, ge, t->fixed);
            int eq = t14_slot_equal(slot, ge, se);
            same += (size_t)eq;
            den += w;
            t->all[slot] += w;
            if (eq) {
                num += w;
                t->right[slot] += w;
            }
        }
        t->acc += (double)same / T14_NSLOTS;
        t->wacc += num / den; /* den >= 1: the CUI always weighs 1 */
    }
    for (size_t j = 0; j < s->n; j++)
        used += (size_t)s->v[j].used;
    free(pair);
    t->tp += tp;
    t->fp += s->n - used + extra;
    t->fn += g->n - tp;
}

static void print_official(const totals *t, const double *v, FILE *out)
{
    fprintf(out, "TP: %zu FP: %zu FN: %zu\nP:\t %.3f \nR:\t %.3f \nF:\t %.3f\n\n", t->tp, t->fp,
            t->fn, v[0], v[1], v[2]);
    fprintf(out, "Accuracy:\t %.3f \tF*Accuracy:\t %.3f \n", v[3], v[4]);
    fprintf(out, "Wt_Accuracy:\t %.3f \tF*Wt_Accuracy:\t %.3f\n\n", v[5], v[6]);
    fprintf(out, "Slot Weighted Accuracy:\n");
}

ck_status t14_task2_run(const char *gold, const char *system, ck_opts opts, FILE *out,
                        ck_eval_format fmt, ck_diag *d)
{
    totals t = {.fixed = sc_flag(opts, "fixed")};
    ck_status rc = t14_each_doc(gold, system, score_doc, &t, d);
    if (rc)
        return rc;
    double p = t.tp + t.fp ? (double)t.tp / (double)(t.tp + t.fp) : 0;
    double r = t.tp + t.fn ? (double)t.tp / (double)(t.tp + t.fn) : 0;
    double f = p + r ? 2 * p * r / (p + r) : 0;
    double acc = t.tp ? t.acc / (double)t.tp : 0, wacc = t.tp ? t.wacc / (double)t.tp : 0;
    double v[7] = {p, r, f, acc, f * acc, wacc, f * wacc};
    rep rp;
    rep_init(&rp, "semeval-2015-t14");
    static const char *const cols[] = {"tp", "fp", "fn", "precision", "recall", "f1",
                                       "accuracy", "f_accuracy", "wt_accuracy",
                                       "f_wt_accuracy"};
    rep_section_add(&rp, "Task 2 (slot filling)", 10, cols);
    double row[10] = {(double)t.tp, (double)t.fp, (double)t.fn, p, r, f, acc, f * acc,
                      wacc, f * wacc};
    rep_row_add(&rp, "overall", row);
    if (fmt == CK_EVAL_OFFICIAL)
        print_official(&t, v, out);
    double a[T14_NSLOTS];
    size_t n = 0;
    for (; n < T14_NSLOTS; n++) {
        int slot = print_order[n];
        if (t.all[slot] == 0 && !t.fixed) {
            ck_diag_add(d, CK_SEV_ERROR, NULL, 0, 0, (size_t)-1,
                        "slot %s has no weight (%s): the official script dies here (Illegal "
                        "division by zero) and its report stops; --fixed scores such a slot 0",
                        slot_name[slot],
                        t.tp ? "every matched gold value is one its table lacks, e.g. donor_other"
                             : "no true positive");
            rc = CK_ERR_PARSE;
            break;
        }
        a[n] = t.all[slot] > 0 ? t.right[slot] / t.all[slot] : 0;
        if (fmt == CK_EVAL_OFFICIAL) {
            char label[16];
            snprintf(label, sizeof label, "%s:", slot_name[slot]);
            fprintf(out, "%-11s\t%.3f \n", label, a[n]);
        }
    }
    if (n) {
        static const char *const scol[] = {"weighted_accuracy"};
        rep_section_add(&rp, "Slot weighted accuracy", 1, scol);
        for (size_t i = 0; i < n; i++)
            rep_row_add(&rp, slot_name[print_order[i]], &a[i]);
    }
    if (fmt != CK_EVAL_OFFICIAL)
        rep_print(&rp, out, fmt);
    rep_free(&rp);
    return rc;
}
