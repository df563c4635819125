/*
 * test_eval.c — the scorers (clinkit/eval.h) on tiny invented inputs: the
 * number formatting the official scripts use, and one quirk per scorer
 * that the official output depends on (plus what --fixed changes).
 * The full byte-for-byte check against the official scripts' recorded
 * output is tests/integration/t_eval.sh (../shared/scorer-vectors).
 */
#include "testutil.h"

#include "clinkit/eval.h"
#include "scorers/scoreutil.h"

/* Run a scorer and return its output (malloc'd); *st gets the status. */
static char *run(const char *task, const char *gold, const char *sys, ck_opts opts,
                 ck_eval_format fmt, ck_status *st)
{
    char *buf = NULL;
    size_t n = 0;
    FILE *f = open_memstream(&buf, &n);
    assert_non_null(f);
    ck_diag *d = ck_diag_new(0);
    *st = ck_eval(task, gold, sys, opts, f, fmt, d);
    ck_diag_free(d);
    fclose(f);
    return buf;
}

static void py_repr_is_shortest_round_trip(void **state)
{
    (void)state;
    char b[40];
    sc_py_repr(b, sizeof b, 1.0);
    assert_string_equal(b, "1.0");
    sc_py_repr(b, sizeof b, 0.1);
    assert_string_equal(b, "0.1");
    sc_py_repr(b, sizeof b, 94.0 / 117.0);
    assert_string_equal(b, "0.8034188034188035");
    sc_py_repr(b, sizeof b, 0.00001);
    assert_string_equal(b, "1e-05");
    sc_py_repr(b, sizeof b, 0.0);
    assert_string_equal(b, "0.0");
}

static void py_format_precision_without_type_keeps_a_decimal_point(void **state)
{
    (void)state;
    char b[40];
    sc_py_fmt_g(b, sizeof b, 1.0, 4);
    assert_string_equal(b, "1.0");
    sc_py_fmt_g(b, sizeof b, 0.5, 4);
    assert_string_equal(b, "0.5");
    sc_py_fmt_g(b, sizeof b, 2.0 / 3.0, 4);
    assert_string_equal(b, "0.6667");
    sc_py_fmt_g(b, sizeof b, 0.0416666, 2);
    assert_string_equal(b, "0.042");
    assert_true(sc_py_round(0.66666, 4) == 0.6667);
}

static void numpy_std_is_population_sd(void **state)
{
    (void)state;
    double x[2] = {0.5, 1.0};
    assert_true(sc_np_std(x, 2) == 0.25);
    double y[20];
    for (int i = 0; i < 20; i++)
        y[i] = 0.1 * i;
    /* pairwise summation: 20 values = 8-way unrolled block + remainder */
    double s = sc_np_sum(y, 20), naive = 0;
    for (int i = 0; i < 20; i++)
        naive += y[i];
    assert_true(s > 18.99 && s < 19.01 && naive > 18.99);
}

static void format_center_puts_the_odd_space_right(void **state)
{
    (void)state;
    char b[64];
    sc_center(b, sizeof b, "ab", 5);
    assert_string_equal(b, " ab  ");
}

static void unknown_task_and_unknown_option_are_usage_errors(void **state)
{
    (void)state;
    ck_status st;
    free(run("no-such-task", "a", "b", NULL, CK_EVAL_TABLE, &st));
    assert_int_equal(st, CK_ERR_USAGE);
    const char *opts[] = {"filter=NAME", NULL};
    free(run("conll", "a", "b", opts, CK_EVAL_TABLE, &st));
    assert_int_equal(st, CK_ERR_USAGE);
}

static void conll_iobes_end_then_begin_is_one_chunk(void **state)
{
    (void)state;
    char *dir = tu_tmpdir(), g[1024], s[1024];
    tu_write(dir, "g.txt", "heart B-PROBLEM\nfailure E-PROBLEM\nnow O\n");
    /* E-X followed by B-X does not end the chunk in conlleval */
    tu_write(dir, "s.txt", "B-PROBLEM\nE-PROBLEM\nB-PROBLEM\n");
    snprintf(g, sizeof g, "%s/g.txt", dir);
    snprintf(s, sizeof s, "%s/s.txt", dir);
    ck_status st;
    char *out = run("conll", g, s, NULL, CK_EVAL_OFFICIAL, &st);
    assert_int_equal(st, CK_OK);
    assert_non_null(strstr(out, "processed 3 tokens with 1 phrases; found: 1 phrases; correct: 0.\n"));
    free(out);
    tu_rmrf(dir);
    free(dir);
}

static void nbme_counts_overlapping_predicted_characters_once(void **state)
{
    (void)state;
    char *dir = tu_tmpdir(), g[1024], s[1024];
    tu_write(dir, "g/train.csv", "id,case_num,pn_num,feature_num,annotation,location\n"
                                 "1_1,0,1,1,['fever x'],['0 7']\n");
    tu_write(dir, "s/submission.csv", "id,location\n1_1,0 5;3 7;2 4\n");
    snprintf(g, sizeof g, "%s/g", dir);
    snprintf(s, sizeof s, "%s/s", dir);
    ck_status st;
    char *out = run("nbme", g, s, NULL, CK_EVAL_OFFICIAL, &st);
    assert_int_equal(st, CK_OK);
    assert_string_equal(out, "rows = 1\nspan_micro_f1 = 1.0\n");
    free(out);
    tu_rmrf(dir);
    free(dir);
}

static void nbme_huge_offset_is_counted_not_rasterised(void **state)
{
    (void)state;
    char *dir = tu_tmpdir(), g[1024], s[1024];
    tu_write(dir, "g/train.csv", "id,case_num,pn_num,feature_num,annotation,location\n"
                                 "1_1,0,1,1,['x'],['0 4']\n");
    /* a 2^62-character prediction (plus one from the end): 4 true
     * positives, the rest false positives, and no huge allocation */
    tu_write(dir, "s/submission.csv", "id,location\n1_1,0 4611686018427387904;-2 -1\n");
    snprintf(g, sizeof g, "%s/g", dir);
    snprintf(s, sizeof s, "%s/s", dir);
    ck_status st;
    char *out = run("nbme", g, s, NULL, CK_EVAL_JSON, &st);
    assert_int_equal(st, CK_OK);
    assert_non_null(strstr(out, "\"tp\": 4, \"fp\": 46116860184273879"));
    assert_non_null(strstr(out, "\"fn\": 0, "));
    assert_non_null(strstr(out, "\"recall\": 1.0, "));
    free(out);
    tu_rmrf(dir);
    free(dir);
}

static void cmeie_blank_line_prints_error_code_4(void **state)
{
    (void)state;
    char *dir = tu_tmpdir(), g[1024], s[1024];
    const char *line = "{\"text\": \"t\", \"spo_list\": [{\"predicate\": \"p\", \"subject\": \"A\", "
                       "\"object\": {\"@value\": \"b\"}}]}\n";
    tu_write(dir, "g.jsonl", line);
    char *two = malloc(strlen(line) + 2);
    sprintf(two, "%s\n", line);
    tu_write(dir, "s.jsonl", two);
    free(two);
    snprintf(g, sizeof g, "%s/g.jsonl", dir);
    snprintf(s, sizeof s, "%s/s.jsonl", dir);
    ck_status st;
    char *out = run("cblue-cmeie", g, s, NULL, CK_EVAL_OFFICIAL, &st);
    assert_int_equal(st, CK_OK);
    assert_string_equal(out, "{'errorCode': 4, 'errorMsg': 'json parse is error'}\nfinish!!!\n");
    free(out);
    /* the clean table refuses the file instead */
    out = run("cblue-cmeie", g, s, NULL, CK_EVAL_TABLE, &st);
    assert_int_equal(st, CK_ERR_PARSE);
    free(out);
    tu_write(dir, "s.jsonl", line);
    out = run("cblue-cmeie", g, s, NULL, CK_EVAL_OFFICIAL, &st);
    assert_string_equal(out, "['all', 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0]\nfinish!!!\n");
    free(out);
    tu_rmrf(dir);
    free(dir);
}

/* A de-id document built in the model and written as JSONL, so the test
 * also covers --gold-format/--system-format. */
static void write_deid(const char *path, const long (*spans)[2], const char *const *types,
                       size_t n)
{
    ck_doc *doc = ck_doc_new("100-01");
    const char *text = "Seen by Dr. Ana Lima and José Núñez on 12/03 phone 555-0199 id 4471.";
    ck_doc_set_text(doc, text, strlen(text), NULL);
    for (size_t i = 0; i < n; i++) {
        char id[16];
        snprintf(id, sizeof id, "P%zu", i);
        char name[32];
        const char *slash = strchr(types[i], '/');
        snprintf(name, sizeof name, "%.*s", (int)(slash - types[i]), types[i]);
        ck_entity *e = ck_doc_add_entity(doc, id, name);
        ck_entity_add_span(doc, e, (size_t)spans[i][0], (size_t)spans[i][1], NULL);
        ck_entity_add_attr(doc, e, NULL, "TYPE", slash + 1);
    }
    ck_corpus c;
    ck_corpus_init(&c);
    ck_corpus_add(&c, doc);
    assert_int_equal(ck_write_corpus("jsonl", path, NULL, &c, NULL), CK_OK);
    ck_corpus_free(&c);
}

static double block_value(const char *out, const char *label, const char *row)
{
    const char *b = strstr(out, label);
    assert_non_null(b);
    const char *r = strstr(b, row);
    assert_non_null(r);
    /* Micro (Primary) is the last column */
    const char *nl = strchr(r, '\n');
    const char *p = nl;
    while (p > r && p[-1] == ' ')
        p--;
    while (p > r && p[-1] != ' ')
        p--;
    return strtod(p, NULL);
}

static void deid_relaxed_is_not_one_to_one_unless_fixed(void **state)
{
    (void)state;
    char *dir = tu_tmpdir(), g[1024], s[1024];
    snprintf(g, sizeof g, "%s/g.jsonl", dir);
    snprintf(s, sizeof s, "%s/s.jsonl", dir);
    /* gold: two names 0..; "Ana Lima" = [12,20), "José Núñez" = [25,35) */
    const long gsp[][2] = {{12, 20}, {25, 35}, {63, 67}};
    const char *const gty[] = {"NAME/DOCTOR", "NAME/PATIENT", "ID/IDNUM"};
    write_deid(g, gsp, gty, 3);
    /* system: the patient name twice with ends 33 and 34 (both within 2 of
     * 35, 1 apart from each other: the second collapses into the first);
     * the doctor name ends at 23 (3 too far) */
    const long ssp[][2] = {{12, 23}, {25, 33}, {25, 34}, {63, 67}};
    const char *const sty[] = {"NAME/DOCTOR", "NAME/PATIENT", "NAME/PATIENT", "ID/IDNUM"};
    write_deid(s, ssp, sty, 4);
    const char *opts[] = {"gold-format=jsonl", "system-format=jsonl", NULL, NULL};
    ck_status st;
    char *out = run("i2b2-2014-deid", g, s, opts, CK_EVAL_OFFICIAL, &st);
    assert_int_equal(st, CK_OK);
    /* Relaxed: sys {doctor+3, patient-2(collapsed with -1), id}: tp 2 of 3 */
    assert_true(block_value(out, "\nRelaxed (1)", "Precision") == 0.6667);
    /* IDNUM is never HIPAA: the HIPAA Strict view only sees the patient */
    assert_true(block_value(out, "HIPAA Strict (1)", "Recall") == 0.0);
    free(out);
    opts[2] = "fixed=1";
    out = run("i2b2-2014-deid", g, s, opts, CK_EVAL_OFFICIAL, &st);
    assert_int_equal(st, CK_OK);
    /* --fixed: no collapse, one-to-one: sys 4 elements, tp 2 */
    assert_true(block_value(out, "\nRelaxed (1)", "Precision") == 0.5);
    /* --fixed: IDNUM is HIPAA: 1 of 2 HIPAA gold tags found strictly */
    assert_true(block_value(out, "HIPAA Strict (1)", "Recall") == 0.5);
    free(out);
    tu_rmrf(dir);
    free(dir);
}

static void deid_filter_invert_conjunctive_and_verbose(void **state)
{
    (void)state;
    char *dir = tu_tmpdir(), g[1024], s[1024];
    snprintf(g, sizeof g, "%s/g.jsonl", dir);
    snprintf(s, sizeof s, "%s/s.jsonl", dir);
    const long gsp[][2] = {{12, 20}, {25, 35}, {63, 67}};
    const char *const gty[] = {"NAME/DOCTOR", "NAME/PATIENT", "ID/IDNUM"};
    write_deid(g, gsp, gty, 3);
    const long ssp[][2] = {{12, 23}, {25, 33}, {25, 34}, {63, 67}};
    const char *const sty[] = {"NAME/DOCTOR", "NAME/PATIENT", "NAME/PATIENT", "ID/IDNUM"};
    write_deid(s, ssp, sty, 4);
    const char *opts[] = {"gold-format=jsonl", "system-format=jsonl", NULL, NULL, NULL};
    ck_status st;
    /* only the ID tags: the one ID matches */
    opts[2] = "filter=ID";
    char *out = run("i2b2-2014-deid", g, s, opts, CK_EVAL_OFFICIAL, &st);
    assert_int_equal(st, CK_OK);
    assert_true(block_value(out, "\nStrict (1)", "Precision") == 1.0);
    free(out);
    /* everything but the ID tags: no name matches strictly */
    opts[3] = "invert=1";
    out = run("i2b2-2014-deid", g, s, opts, CK_EVAL_OFFICIAL, &st);
    assert_true(block_value(out, "\nStrict (1)", "Precision") == 0.0);
    free(out);
    /* NAME and PATIENT both required: the patient, relaxed (end -2) */
    opts[2] = "filter=NAME,PATIENT";
    opts[3] = "conjunctive=1";
    out = run("i2b2-2014-deid", g, s, opts, CK_EVAL_OFFICIAL, &st);
    assert_true(block_value(out, "\nRelaxed (1)", "Recall") == 1.0);
    assert_true(block_value(out, "\nStrict (1)", "Recall") == 0.0);
    free(out);
    /* -v: per-document rows come first */
    opts[2] = "verbose=1";
    opts[3] = NULL;
    out = run("i2b2-2014-deid", g, s, opts, CK_EVAL_OFFICIAL, &st);
    assert_int_equal(strncmp(out, "100-01                             Precision      ", 50), 0);
    free(out);
    tu_rmrf(dir);
    free(dir);
}

static void track2_long_span_over_two_golds_counts_once(void **state)
{
    (void)state;
    char *dir = tu_tmpdir(), g[1024], s[1024];
    tu_write(dir, "g/1.ann", "T1\tDrug 0 7\taspirin\nT2\tDrug 12 19\twarfarin\n");
    tu_write(dir, "s/1.ann", "T1\tDrug 0 19\taspirin and warfarin\n");
    snprintf(g, sizeof g, "%s/g", dir);
    snprintf(s, sizeof s, "%s/s", dir);
    ck_status st;
    char *out = run("n2c2-2018-t2", g, s, NULL, CK_EVAL_OFFICIAL, &st);
    assert_int_equal(st, CK_OK);
    /* lenient: TP 1 (the system id), FN = 2 - 1: P 1.0, R 0.5 */
    assert_non_null(strstr(out, "                Drug  0.0000  0.0000  0.0000    1.0000  0.5000  0.6667\n"));
    free(out);
    tu_rmrf(dir);
    free(dir);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(py_repr_is_shortest_round_trip),
        cmocka_unit_test(py_format_precision_without_type_keeps_a_decimal_point),
        cmocka_unit_test(numpy_std_is_population_sd),
        cmocka_unit_test(format_center_puts_the_odd_space_right),
        cmocka_unit_test(unknown_task_and_unknown_option_are_usage_errors),
        cmocka_unit_test(conll_iobes_end_then_begin_is_one_chunk),
        cmocka_unit_test(nbme_counts_overlapping_predicted_characters_once),
        cmocka_unit_test(nbme_huge_offset_is_counted_not_rasterised),
        cmocka_unit_test(cmeie_blank_line_prints_error_code_4),
        cmocka_unit_test(deid_relaxed_is_not_one_to_one_unless_fixed),
        cmocka_unit_test(deid_filter_invert_conjunctive_and_verbose),
        cmocka_unit_test(track2_long_span_over_two_golds_counts_once),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
