/*
 * test_semeval2015.c — the SemEval-2015 Task 14 task 2 (slot filling)
 * scorer's own logic on invented .pipe lines: the weight table as the
 * recorded vectors pin it, BodyLoc accumulation and equality, the span
 * matching that revisits exact matches, and the report cut short where
 * the official script divides by zero (and what --fixed changes).
 * Byte-for-byte agreement with the official script is checked by
 * tests/integration/t_eval.sh on ../shared/scorer-vectors/semeval2015-task2.
 */
#include <math.h>

#include "testutil.h"

#include "clinkit/eval.h"
#include "scorers/semeval2015.h"

#define NEAR(a, b) assert_true(fabs((a) - (b)) < 1e-12)

/* One entry from a '|' line (lower-case already), added to e. */
static void add_line(t14_entries *e, const char *line)
{
    char *copy = strdup(line), *f[32];
    size_t n = 0;
    for (char *q = copy; q && n < 32;) {
        f[n++] = q;
        q = strchr(q, '|');
        if (q)
            *q++ = '\0';
    }
    t14_add(e, f, n);
    free(copy);
}

#define LINE(span, neg, subj, sev, loc)                                                       \
    "d.txt|" span "|c0000001|" neg "|null|" subj "|null|no|null|unmarked|null|" sev           \
    "|null|false|null|false|null|" loc "|null|"

static void weights_are_the_ones_the_vectors_pin(void **state)
{
    (void)state;
    /* table says .96 for moderate; case-012 needs .95 (.08/(.08+w) = .078) */
    NEAR(t14_weight(T14_SEVERITY, "moderate", 0), .95);
    NEAR(t14_weight(T14_SEVERITY, "unmarked", 0), .08);
    NEAR(t14_weight(T14_NEGATION, "yes", 0), .79);
    NEAR(t14_weight(T14_NEGATION, "no", 0), .21);
    NEAR(t14_weight(T14_GENERIC, "false", 0), .05);
    NEAR(t14_weight(T14_GENERIC, "true", 0), .95);
    NEAR(t14_weight(T14_SUBJECT, "patient", 0), .05);
    NEAR(t14_weight(T14_SUBJECT, "family_member", 0), .95);
    NEAR(t14_weight(T14_COURSE, "unmarked", 0), .05);
    NEAR(t14_weight(T14_COURSE, "improved", 0), .95);
    NEAR(t14_weight(T14_CONDITIONAL, "true", 0), .94);
    NEAR(t14_weight(T14_UNCERTAINTY, "yes", 0), .93);
    NEAR(t14_weight(T14_CUI, "cui-less", 0), 1);
    NEAR(t14_weight(T14_BODYLOC, "null", 0), .51);
    NEAR(t14_weight(T14_BODYLOC, "c0817096", 0), .49);
}

static void a_value_the_table_lacks_weighs_nothing(void **state)
{
    (void)state;
    NEAR(t14_weight(T14_NEGATION, "maybe", 0), 0);
    NEAR(t14_weight(T14_SUBJECT, "donor_family_member", 0), 0);
    /* the table's key is "doner_other": the real value weighs 0 ... */
    NEAR(t14_weight(T14_SUBJECT, "donor_other", 0), 0);
    NEAR(t14_weight(T14_SUBJECT, "doner_other", 0), 1);
    /* ... unless --fixed */
    NEAR(t14_weight(T14_SUBJECT, "donor_other", 1), 1);
}

static void bodyloc_values_accumulate_and_match_when_any_gold_value_is_predicted(void **state)
{
    (void)state;
    t14_entries g = {0}, s = {0};
    add_line(&g, LINE("10-20", "no", "patient", "unmarked", "null"));
    add_line(&g, LINE("10-20", "yes", "patient", "unmarked", "c0817096"));
    assert_int_equal(g.n, 1);
    assert_int_equal(g.v[0].n_loc, 2);
    assert_string_equal(g.v[0].val[T14_NEGATION], "yes"); /* the last line wins */
    /* one non-null location: the gold weight is the "any CUI" one */
    NEAR(t14_gold_weight(T14_BODYLOC, &g.v[0], 0), .49);
    add_line(&s, LINE("10-20", "no", "patient", "unmarked", "c0230443"));
    assert_false(t14_slot_equal(T14_BODYLOC, &g.v[0], &s.v[0]));
    add_line(&s, LINE("10-20", "no", "patient", "unmarked", "null"));
    assert_true(t14_slot_equal(T14_BODYLOC, &g.v[0], &s.v[0]));
    t14_entries_free(&g);
    t14_entries_free(&s);
    t14_entries h = {0};
    add_line(&h, LINE("1-2", "no", "patient", "unmarked", "null"));
    NEAR(t14_gold_weight(T14_BODYLOC, &h.v[0], 0), .51);
    t14_entries_free(&h);
}

static void an_exact_match_is_revisited_and_the_overlapping_prediction_becomes_the_pair(
    void **state)
{
    (void)state;
    t14_entries g = {0}, s = {0};
    add_line(&g, LINE("68-75", "no", "patient", "unmarked", "null"));
    add_line(&s, LINE("68-75", "no", "patient", "unmarked", "null"));
    add_line(&s, LINE("67-75", "yes", "patient", "unmarked", "null"));
    size_t pair[1], extra;
    t14_match(&g, &s, 1, pair, &extra);
    assert_int_equal(pair[0], 1);
    assert_int_equal(extra, 0); /* the exact one is neither pair nor FP */
    assert_true(s.v[0].used && s.v[1].used);
    t14_entries_free(&g);
    t14_entries_free(&s);
}

static void among_several_overlaps_the_largest_is_the_pair_and_the_others_false_positives(
    void **state)
{
    (void)state;
    t14_entries g = {0}, s = {0};
    add_line(&g, LINE("10-30", "no", "patient", "unmarked", "null"));
    add_line(&s, LINE("5-12", "no", "patient", "unmarked", "null"));
    add_line(&s, LINE("15-29", "no", "patient", "unmarked", "null"));
    add_line(&s, LINE("30-40", "no", "patient", "unmarked", "null")); /* touches: inclusive */
    add_line(&s, LINE("31-40", "no", "patient", "unmarked", "null")); /* no overlap */
    size_t pair[1], extra;
    t14_match(&g, &s, 1, pair, &extra);
    assert_int_equal(pair[0], 1);
    assert_int_equal(extra, 2);
    assert_false(s.v[3].used);
    t14_entries_free(&g);
    t14_entries_free(&s);
}

/* Score gold/sys files (one document) with task 2; output malloc'd. */
static char *score(const char *gold, const char *sys, int fixed, ck_eval_format fmt,
                   ck_status *st)
{
    char *dir = tu_tmpdir(), gd[1100], sd[1100];
    tu_write(dir, "g/d.pipe", gold);
    tu_write(dir, "s/d.pipe", sys);
    snprintf(gd, sizeof gd, "%s/g", dir);
    snprintf(sd, sizeof sd, "%s/s", dir);
    const char *opts[] = {"task=2", fixed ? "fixed=1" : NULL, NULL};
    char *buf = NULL;
    size_t n = 0;
    FILE *f = open_memstream(&buf, &n);
    ck_diag *d = ck_diag_new(0);
    *st = ck_eval("semeval-2015-t14", gd, sd, opts, f, fmt, d);
    ck_diag_free(d);
    fclose(f);
    tu_rmrf(dir);
    free(dir);
    return buf;
}

static void a_missed_rare_value_costs_its_weight(void **state)
{
    (void)state;
    ck_status st;
    /* gold Negation yes (.79) predicted no: 8/9 accuracy, weighted
     * (total - .79) / total with total = 1 + .79 + .05 + .07 + .05 + .08
     * + .06 + .05 + .51 */
    char *out = score(LINE("1-5", "yes", "patient", "unmarked", "null") "\n",
                      LINE("1-5", "no", "patient", "unmarked", "null") "\n", 0,
                      CK_EVAL_OFFICIAL, &st);
    assert_int_equal(st, CK_OK);
    double total = 1 + .79 + .05 + .07 + .05 + .08 + .06 + .05 + .51;
    char want[200];
    snprintf(want, sizeof want, "Accuracy:\t %.3f \tF*Accuracy:\t %.3f \nWt_Accuracy:\t %.3f ",
             8 / 9.0, 8 / 9.0, (total - .79) / total);
    assert_non_null(strstr(out, want));
    assert_non_null(strstr(out, "Negation:  \t0.000 \n"));
    free(out);
}

static void donor_other_everywhere_stops_the_report_at_subject_unless_fixed(void **state)
{
    (void)state;
    ck_status st;
    const char *g = LINE("1-5", "no", "donor_other", "unmarked", "null") "\n";
    char *out = score(g, g, 0, CK_EVAL_OFFICIAL, &st);
    assert_int_equal(st, CK_ERR_PARSE);
    const char *tail = strstr(out, "Slot Weighted Accuracy:\nConditional:\t1.000 \n");
    assert_non_null(tail);
    assert_string_equal(tail, "Slot Weighted Accuracy:\nConditional:\t1.000 \n");
    free(out);
    out = score(g, g, 1, CK_EVAL_OFFICIAL, &st);
    assert_int_equal(st, CK_OK);
    assert_non_null(strstr(out, "Subject:   \t1.000 \n"));
    assert_non_null(strstr(out, "Uncertainty:\t1.000 \n"));
    free(out);
}

static void no_true_positive_prints_the_header_then_fails(void **state)
{
    (void)state;
    ck_status st;
    char *out = score(LINE("1-5", "no", "patient", "unmarked", "null") "\n",
                      LINE("7-9", "no", "patient", "unmarked", "null") "\n", 0,
                      CK_EVAL_OFFICIAL, &st);
    assert_int_equal(st, CK_ERR_PARSE);
    const char *end = "\n\nSlot Weighted Accuracy:\n";
    size_t n = strlen(out), k = strlen(end);
    assert_true(n > k);
    assert_string_equal(out + n - k, end);
    free(out);
    out = score(LINE("1-5", "no", "patient", "unmarked", "null") "\n",
                LINE("7-9", "no", "patient", "unmarked", "null") "\n", 1, CK_EVAL_JSON, &st);
    assert_int_equal(st, CK_OK);
    assert_non_null(strstr(out, "\"label\": \"CUI\", \"weighted_accuracy\": 0.0"));
    free(out);
}

static void a_line_without_span_and_cui_is_an_error_strict_stops_lenient_skips(void **state)
{
    (void)state;
    char *dir = tu_tmpdir(), path[1100];
    tu_write(dir, "d.pipe", "just text\n" LINE("1-5", "no", "patient", "unmarked", "null") "\n");
    snprintf(path, sizeof path, "%s/d.pipe", dir);
    t14_entries e = {0};
    ck_diag *d = ck_diag_new(1);
    assert_int_equal(t14_load(path, &e, d), CK_ERR_PARSE);
    assert_int_equal(ck_diag_count(d, CK_SEV_ERROR), 1);
    assert_int_equal(ck_diag_get(d, 0)->line, 1);
    assert_int_equal(e.n, 0);
    ck_diag_free(d);
    d = ck_diag_new(0);
    assert_int_equal(t14_load(path, &e, d), CK_OK);
    assert_int_equal(ck_diag_count(d, CK_SEV_ERROR), 1);
    assert_int_equal(e.n, 1);
    ck_diag_free(d);
    t14_entries_free(&e);
    tu_rmrf(dir);
    free(dir);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(weights_are_the_ones_the_vectors_pin),
        cmocka_unit_test(a_value_the_table_lacks_weighs_nothing),
        cmocka_unit_test(bodyloc_values_accumulate_and_match_when_any_gold_value_is_predicted),
        cmocka_unit_test(
            an_exact_match_is_revisited_and_the_overlapping_prediction_becomes_the_pair),
        cmocka_unit_test(
            among_several_overlaps_the_largest_is_the_pair_and_the_others_false_positives),
        cmocka_unit_test(a_missed_rare_value_costs_its_weight),
        cmocka_unit_test(donor_other_everywhere_stops_the_report_at_subject_unless_fixed),
        cmocka_unit_test(no_true_positive_prints_the_header_then_fails),
        cmocka_unit_test(a_line_without_span_and_cui_is_an_error_strict_stops_lenient_skips),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
