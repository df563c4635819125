/*
 * test_anafora_eval.c — the clinical-tempeval scorer's --overlap and
 * --per-document (lib/scorers/anafora_eval.c, anafora_overlap.c,
 * anafora_scorer.c) on tiny invented Anafora folders. Every expected count
 * below is worked out by hand from the rules in docs/eval.md (sets built in
 * file order, the first of "equal" keys kept; |ref & pred| walks the
 * smaller set, pred when both are the same size). The byte-for-byte check
 * of the other options is tests/integration/t_eval.sh.
 */
#include "testutil.h"

#include "clinkit/eval.h"
#include "scorers/anafora_eval.h"

/* An Anafora XML file with these annotations (one string each). */
static void ana(const char *dir, const char *name, const char *const *anns)
{
    char buf[8192] = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<data>\n<annotations>\n";
    for (size_t i = 0; anns[i]; i++) {
        strcat(buf, anns[i]);
        strcat(buf, "\n");
    }
    strcat(buf, "</annotations>\n</data>\n");
    tu_write(dir, name, buf);
}

#define EV(id, span, dtr)                                                                        \
    "<entity><id>" id "</id><span>" span "</span><type>EVENT</type><properties><DocTimeRel>" dtr \
    "</DocTimeRel></properties></entity>"
#define TL(id, src, tgt, type)                                                                 \
    "<relation><id>" id "</id><type>TLINK</type><properties><Source>" src                      \
    "</Source><Type>" type "</Type><Target>" tgt "</Target></properties></relation>"

static const ck_ana_row *row(const ck_ana_row *rows, size_t n, const char *name)
{
    for (size_t i = 0; i < n; i++)
        if (!strcmp(rows[i].name, name))
            return &rows[i];
    fail_msg("no row %s", name);
    return NULL;
}

static void assert_counts(const ck_ana_row *rows, size_t n, const char *name, size_t ref,
                          size_t pred, size_t corr)
{
    const ck_ana_row *r = row(rows, n, name);
    assert_int_equal(r->ref, ref);
    assert_int_equal(r->pred, pred);
    assert_int_equal(r->corr, corr);
}

/* Score tmp/g against tmp/s; rows only (per-document rows: see below). */
static ck_status score(const char *tmp, int overlap, ck_ana_row **rows, size_t *n)
{
    char g[600], s[600];
    snprintf(g, sizeof g, "%s/g", tmp);
    snprintf(s, sizeof s, "%s/s", tmp);
    ck_ana_opts o = {.overlap = overlap};
    ck_diag *d = ck_diag_new(0);
    ck_status rc = ck_ana_score(g, s, &o, rows, n, d);
    ck_diag_free(d);
    return rc;
}

static void overlap_key_equality_is_any_fragment_pair_half_open(void **state)
{
    (void)state;
    /* keys as anafora_eval.c writes them: entity fragments between 0x02 and 0x03 */
    assert_true(ck_ana_key_eq("E\x1f\x02(0,5)\x03", "E\x1f\x02(4,9)\x03", 1));
    assert_false(ck_ana_key_eq("E\x1f\x02(0,5)\x03", "E\x1f\x02(5,9)\x03", 1)); /* touching */
    assert_true(ck_ana_key_eq("E\x1f\x02(0,2)(10,12)\x03", "E\x1f\x02(11,20)\x03", 1));
    assert_false(ck_ana_key_eq("E\x1f\x02(0,5)\x03", "T\x1f\x02(0,5)\x03", 1)); /* type */
    assert_false(ck_ana_key_eq("E\x1f\x02()\x03", "E\x1f\x02()\x03", 1)); /* no fragment */
    assert_false(ck_ana_key_eq("E\x1f\x02(3,3)\x03", "E\x1f\x02(3,3)\x03", 1)); /* empty */
    /* relations: argument by argument, as many arguments */
    assert_true(ck_ana_key_eq("[\x02(0,5)\x03\x02(9,12)\x03]", "[\x02(1,2)\x03\x02(11,30)\x03]", 1));
    assert_false(ck_ana_key_eq("[\x02(0,5)\x03\x02(9,12)\x03]", "[\x02(1,2)\x03\x02(40,50)\x03]", 1));
    assert_false(ck_ana_key_eq("[\x02(0,5)\x03\x02(9,12)\x03]", "[\x02(0,5)\x03]", 1));
    /* offsets at the ends of a long (strtol clamps bigger ones there) */
    assert_true(ck_ana_key_eq("\x02(-9223372036854775808,9223372036854775807)\x03",
                              "\x02(0,1)\x03", 1));
    assert_false(ck_ana_key_eq("\x02(9223372036854775806,9223372036854775807)\x03",
                               "\x02(-9223372036854775808,9223372036854775806)\x03", 1));
    /* without --overlap: byte equality */
    assert_false(ck_ana_key_eq("(0,5)", "(4,9)", 0));
    assert_true(ck_ana_key_eq("(0,5)", "(0,5)", 0));
}

static void overlap_credits_overlapping_events_with_the_same_properties(void **state)
{
    (void)state;
    char *tmp = tu_tmpdir();
    ana(tmp, "g/A/A.gold.xml",
        (const char *[]){EV("g1", "0,5", "BEFORE"), EV("g2", "10,20", "AFTER"),
                         EV("g3", "30,35", "OVERLAP"), NULL});
    ana(tmp, "s/A/A.sys.xml",
        (const char *[]){EV("s1", "2,8", "BEFORE"), EV("s2", "12,14", "BEFORE"),
                         EV("s3", "15,18", "AFTER"), EV("s4", "40,45", "OVERLAP"), NULL});
    ck_ana_row *rows;
    size_t n;
    /* exact: no span is equal */
    assert_int_equal(score(tmp, 0, &rows, &n), CK_OK);
    assert_counts(rows, n, "EVENT", 3, 4, 0);
    ck_ana_rows_free(rows, n);
    /* overlap: walk ref (3 < 4): g1~s1, g2~s3 (s2 has the wrong DocTimeRel), g3 none */
    assert_int_equal(score(tmp, 1, &rows, &n), CK_OK);
    assert_counts(rows, n, "EVENT", 3, 4, 2);
    assert_counts(rows, n, "EVENT:<span>", 3, 4, 2); /* g1~s1, g2~s2 */
    assert_counts(rows, n, "EVENT:DocTimeRel:BEFORE", 1, 2, 1);
    assert_counts(rows, n, "EVENT:DocTimeRel:OVERLAP", 1, 1, 0);
    const ck_ana_row *r = row(rows, n, "EVENT");
    assert_float_equal(r->p, 0.5, 1e-12);
    assert_float_equal(r->r, 2.0 / 3.0, 1e-12);
    ck_ana_rows_free(rows, n);
    tu_rmrf(tmp);
    free(tmp);
}

static void overlap_sets_keep_the_first_of_overlapping_annotations_in_file_order(void **state)
{
    (void)state;
    char *tmp = tu_tmpdir();
    ana(tmp, "g/B/B.gold.xml", (const char *[]){EV("a", "0,5", "X"), EV("b", "7,12", "X"), NULL});
    /* u1 (4,8) overlaps u2 (0,5) and u3 (7,12), which do not overlap each other */
    ana(tmp, "s/B/B.sys.xml",
        (const char *[]){EV("u1", "4,8", "X"), EV("u2", "0,5", "X"), EV("u3", "7,12", "X"), NULL});
    ck_ana_row *rows;
    size_t n;
    /* u1 first: u2 and u3 are "equal" to it and dropped; pred {u1} matches a: 2, 1, 1 */
    assert_int_equal(score(tmp, 1, &rows, &n), CK_OK);
    assert_counts(rows, n, "EVENT", 2, 1, 1);
    ck_ana_rows_free(rows, n);
    /* u2 first: u3 stays (no overlap with u2), u1 dropped; pred {u2, u3}: 2, 2, 2 */
    ana(tmp, "s/B/B.sys.xml",
        (const char *[]){EV("u2", "0,5", "X"), EV("u3", "7,12", "X"), EV("u1", "4,8", "X"), NULL});
    assert_int_equal(score(tmp, 1, &rows, &n), CK_OK);
    assert_counts(rows, n, "EVENT", 2, 2, 2);
    ck_ana_rows_free(rows, n);
    tu_rmrf(tmp);
    free(tmp);
}

static void overlap_correct_counts_the_smaller_set_pred_on_a_tie(void **state)
{
    (void)state;
    char *tmp = tu_tmpdir();
    /* one long prediction over two reference events: walk pred (1 < 2): 1 correct */
    ana(tmp, "g/C/C.gold.xml", (const char *[]){EV("x", "0,2", "X"), EV("y", "3,5", "X"), NULL});
    ana(tmp, "s/C/C.sys.xml", (const char *[]){EV("l", "0,5", "X"), NULL});
    ck_ana_row *rows;
    size_t n;
    assert_int_equal(score(tmp, 1, &rows, &n), CK_OK);
    assert_counts(rows, n, "EVENT", 2, 1, 1);
    assert_float_equal(row(rows, n, "EVENT")->p, 1.0, 1e-12);
    assert_float_equal(row(rows, n, "EVENT")->r, 0.5, 1e-12);
    ck_ana_rows_free(rows, n);
    /* same sizes: pred is walked: a (1,4) overlaps x, c (20,30) nothing: 1 (walking ref
     * would give 2: x~a and y~a) */
    ana(tmp, "s/C/C.sys.xml", (const char *[]){EV("a", "1,4", "X"), EV("c", "20,30", "X"), NULL});
    assert_int_equal(score(tmp, 1, &rows, &n), CK_OK);
    assert_counts(rows, n, "EVENT", 2, 2, 1);
    ck_ana_rows_free(rows, n);
    tu_rmrf(tmp);
    free(tmp);
}

static void overlap_relations_match_when_each_argument_overlaps(void **state)
{
    (void)state;
    char *tmp = tu_tmpdir();
    ana(tmp, "g/D/D.gold.xml",
        (const char *[]){EV("e1", "0,5", "X"), EV("e2", "10,15", "X"), EV("e3", "20,25", "X"),
                         TL("r1", "e1", "e2", "BEFORE"), TL("r2", "e2", "e3", "BEFORE"), NULL});
    /* r1' (both arguments overlap) matches r1; r2' has its Target at 40,45: no TLINK match */
    ana(tmp, "s/D/D.sys.xml",
        (const char *[]){EV("f1", "1,4", "X"), EV("f2", "11,20", "X"), EV("f4", "40,45", "X"),
                         TL("q1", "f1", "f2", "BEFORE"), TL("q2", "f2", "f4", "BEFORE"), NULL});
    ck_ana_row *rows;
    size_t n;
    assert_int_equal(score(tmp, 1, &rows, &n), CK_OK);
    /* EVENT: walk pred (tie): f1~e1, f2~e2 (11,20 overlaps 10,15), f4 none */
    assert_counts(rows, n, "EVENT", 3, 3, 2);
    assert_counts(rows, n, "TLINK", 2, 2, 1);
    assert_counts(rows, n, "TLINK:Type", 2, 2, 1);
    /* the relation's own spans are in every TLINK view's key: q2's Source f2 overlaps r2's
     * e2, but q2's Target does not overlap e3 */
    assert_counts(rows, n, "TLINK:Source", 2, 2, 1);
    ck_ana_rows_free(rows, n);
    assert_int_equal(score(tmp, 0, &rows, &n), CK_OK);
    assert_counts(rows, n, "TLINK", 2, 2, 0);
    ck_ana_rows_free(rows, n);
    tu_rmrf(tmp);
    free(tmp);
}

static void overlap_with_temporal_closure_is_a_usage_error(void **state)
{
    (void)state;
    char *tmp = tu_tmpdir();
    ana(tmp, "g/A/A.gold.xml", (const char *[]){EV("g1", "0,5", "X"), NULL});
    char g[600], s[600];
    snprintf(g, sizeof g, "%s/g", tmp);
    snprintf(s, sizeof s, "%s/s", tmp);
    ck_ana_opts o = {.overlap = 1, .temporal_closure = 1};
    ck_ana_row *rows;
    size_t n;
    ck_diag *d = ck_diag_new(0);
    assert_int_equal(ck_ana_score(g, s, &o, &rows, &n, d), CK_ERR_USAGE);
    assert_int_equal(n, 0);
    ck_diag_free(d);
    tu_rmrf(tmp);
    free(tmp);
}

static void per_document_rows_are_each_documents_own_and_add_up(void **state)
{
    (void)state;
    char *tmp = tu_tmpdir();
    /* "b" scores 1/1; "a" has no predicted file: 2 missed, P = 1 (nothing predicted) */
    ana(tmp, "g/b/b.gold.xml", (const char *[]){EV("1", "0,5", "X"), NULL});
    ana(tmp, "s/b/b.sys.xml", (const char *[]){EV("1", "0,5", "X"), NULL});
    ana(tmp, "g/a/a.gold.xml", (const char *[]){EV("1", "0,5", "X"), EV("2", "6,9", "Y"), NULL});
    char g[600], s[600];
    snprintf(g, sizeof g, "%s/g", tmp);
    snprintf(s, sizeof s, "%s/s", tmp);
    ck_ana_opts o = {0};
    ck_ana_row *rows;
    ck_ana_doc *docs;
    size_t n, nd;
    ck_diag *d = ck_diag_new(0);
    assert_int_equal(ck_ana_score_docs(g, s, &o, &rows, &n, &docs, &nd, d), CK_OK);
    assert_int_equal(nd, 2);
    assert_string_equal(docs[0].name, "a");
    assert_string_equal(docs[1].name, "b");
    assert_counts(docs[0].rows, docs[0].n_rows, "EVENT", 2, 0, 0);
    assert_counts(docs[0].rows, docs[0].n_rows, "EVENT:DocTimeRel:Y", 1, 0, 0);
    assert_float_equal(row(docs[0].rows, docs[0].n_rows, "EVENT")->p, 1.0, 1e-12);
    assert_float_equal(row(docs[0].rows, docs[0].n_rows, "EVENT")->r, 0.0, 1e-12);
    assert_int_equal(docs[1].n_rows, 6); /* no ...:Y row in b */
    assert_counts(docs[1].rows, docs[1].n_rows, "EVENT", 1, 1, 1);
    assert_counts(rows, n, "EVENT", 3, 1, 1);
    assert_float_equal(row(rows, n, "EVENT")->r, 1.0 / 3.0, 1e-12);
    ck_ana_rows_free(rows, n);
    ck_ana_docs_free(docs, nd);
    ck_diag_free(d);
    tu_rmrf(tmp);
    free(tmp);
}

static char *run(const char *tmp, ck_opts opts, ck_eval_format fmt)
{
    char g[600], s[600];
    snprintf(g, sizeof g, "%s/g", tmp);
    snprintf(s, sizeof s, "%s/s", tmp);
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    ck_diag *d = ck_diag_new(0);
    assert_int_equal(ck_eval("clinical-tempeval", g, s, opts, f, fmt, d), CK_OK);
    ck_diag_free(d);
    fclose(f);
    return buf;
}

static void per_document_official_text_is_name_table_empty_line_per_document(void **state)
{
    (void)state;
    char *tmp = tu_tmpdir();
    ana(tmp, "g/d1/d1.gold.xml", (const char *[]){EV("1", "0,5", "X"), NULL});
    ana(tmp, "s/d1/d1.sys.xml", (const char *[]){EV("1", "0,5", "X"), NULL});
    ana(tmp, "g/d2/d2.gold.xml", (const char *[]){EV("1", "0,5", "X"), NULL});
    ana(tmp, "s/d2/d2.sys.xml", (const char *[]){EV("1", "1,4", "X"), NULL});
    const char *opts[] = {"per-document=1", "include=EVENT:DocTimeRel", NULL};
    char *out = run(tmp, opts, CK_EVAL_OFFICIAL);
    const char *head = "                                        \t ref \tpred \tcorr \t  P  \t  R  \t F1  \n";
    char want[2048];
    snprintf(want, sizeof want,
             "d1:\n%s"
             "EVENT:DocTimeRel                        \t1    \t1    \t1    \t1.000\t1.000\t1.000\n"
             "EVENT:DocTimeRel:X                      \t1    \t1    \t1    \t1.000\t1.000\t1.000\n"
             "\nd2:\n%s"
             "EVENT:DocTimeRel                        \t1    \t1    \t0    \t0.000\t0.000\t0.000\n"
             "EVENT:DocTimeRel:X                      \t1    \t1    \t0    \t0.000\t0.000\t0.000\n"
             "\n",
             head, head);
    assert_string_equal(out, want);
    free(out);
    /* --overlap too: d2's (1,4) overlaps (0,5) */
    const char *opts2[] = {"per-document=1", "overlap=1", "include=EVENT:DocTimeRel:X", NULL};
    out = run(tmp, opts2, CK_EVAL_OFFICIAL);
    assert_non_null(strstr(out, "d2:\n"));
    assert_null(strstr(out, "\t0.000"));
    free(out);
    /* JSON: a section per document, then the overall one */
    out = run(tmp, opts, CK_EVAL_JSON);
    char *d1 = strstr(out, "\"name\": \"document d1\""), *d2 = strstr(out, "\"name\": \"document d2\"");
    char *all = strstr(out, "\"name\": \"views\"");
    assert_true(d1 && d2 && all && d1 < d2 && d2 < all);
    assert_non_null(strstr(all, "\"label\": \"EVENT:DocTimeRel\", \"ref\": 2, \"pred\": 2, "
                                "\"corr_p\": 1, \"corr_r\": 1, \"precision\": 0.5"));
    free(out);
    tu_rmrf(tmp);
    free(tmp);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(overlap_key_equality_is_any_fragment_pair_half_open),
        cmocka_unit_test(overlap_credits_overlapping_events_with_the_same_properties),
        cmocka_unit_test(overlap_sets_keep_the_first_of_overlapping_annotations_in_file_order),
        cmocka_unit_test(overlap_correct_counts_the_smaller_set_pred_on_a_tie),
        cmocka_unit_test(overlap_relations_match_when_each_argument_overlaps),
        cmocka_unit_test(overlap_with_temporal_closure_is_a_usage_error),
        cmocka_unit_test(per_document_rows_are_each_documents_own_and_add_up),
        cmocka_unit_test(per_document_official_text_is_name_table_empty_line_per_document),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
