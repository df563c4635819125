/*
 * test_linetok.c — the i2b2 line:token <-> code-point mapping shared by the
 * 2009/2010/2011 formats: both token conventions, accented and CJK text,
 * range checks, the inverse used by writers, and value lower-casing.
 */
#include "testutil.h"

#include "formats/linetok.h"

static ck_doc *mkdoc(const char *text)
{
    ck_doc *d = ck_doc_new("t");
    assert_int_equal(ck_doc_set_text(d, text, strlen(text), NULL), 0);
    return d;
}

static void split_mode_collapses_runs_and_skips_leading_whitespace(void **state)
{
    (void)state;
    ck_doc *d = mkdoc("  a  bb\tc\n\nd \n");
    ck_linetok *lt = ck_linetok_new(d, CK_LINETOK_SPLIT);
    assert_int_equal(ck_linetok_lines(lt), 4);
    assert_int_equal(ck_linetok_tokens(lt, 1), 3);
    assert_int_equal(ck_linetok_tokens(lt, 2), 0);
    assert_int_equal(ck_linetok_tokens(lt, 3), 1);
    assert_int_equal(ck_linetok_tokens(lt, 5), 0);
    ck_span s;
    assert_int_equal(ck_linetok_token(lt, 1, 0, &s), 0);
    assert_int_equal(s.start, 2);
    assert_int_equal(s.end, 3);
    assert_int_equal(ck_linetok_token(lt, 1, 2, &s), 0);
    assert_int_equal(s.start, 8);
    assert_int_equal(ck_linetok_token(lt, 3, 0, &s), 0);
    assert_int_equal(s.start, 11);
    ck_linetok_free(lt);
    ck_doc_free(d);
}

static void every_mode_counts_empty_tokens_between_separators(void **state)
{
    (void)state;
    ck_doc *d = mkdoc(" a  b");
    ck_linetok *lt = ck_linetok_new(d, CK_LINETOK_EVERY);
    /* "", "a", "", "b" as re.split(r"\s", line) gives */
    assert_int_equal(ck_linetok_tokens(lt, 1), 4);
    ck_span s;
    assert_int_equal(ck_linetok_token(lt, 1, 0, &s), 0);
    assert_int_equal(s.start, 0);
    assert_int_equal(s.end, 0);
    assert_int_equal(ck_linetok_token(lt, 1, 3, &s), 0);
    assert_int_equal(s.start, 4);
    assert_int_equal(s.end, 5);
    ck_linetok_free(lt);
    ck_doc_free(d);
}

static void accented_and_cjk_tokens_map_to_code_points(void **state)
{
    (void)state;
    /* "Renée 患者 ok\nzoë" */
    ck_doc *d = mkdoc("Ren\xC3\xA9" "e \xE6\x82\xA3\xE8\x80\x85 ok\nzo\xC3\xAB");
    ck_linetok *lt = ck_linetok_new(d, CK_LINETOK_SPLIT);
    ck_span s;
    assert_int_equal(ck_linetok_span(lt, 1, 1, 1, 2, &s), 0);
    assert_int_equal(s.start, 6);
    assert_int_equal(s.end, 11);
    assert_int_equal(ck_linetok_span(lt, 1, 2, 2, 0, &s), 0);
    assert_int_equal(s.start, 9);
    assert_int_equal(s.end, 15);
    size_t l1, t1, l2, t2;
    assert_int_equal(ck_linetok_locate(lt, 12, 15, &l1, &t1, &l2, &t2), 0);
    assert_int_equal(l1, 2);
    assert_int_equal(t1, 0);
    assert_int_equal(l2, 2);
    assert_int_equal(t2, 0);
    ck_linetok_free(lt);
    ck_doc_free(d);
}

static void positions_out_of_range_or_backwards_are_refused(void **state)
{
    (void)state;
    ck_doc *d = mkdoc("a b\nc");
    ck_linetok *lt = ck_linetok_new(d, CK_LINETOK_SPLIT);
    ck_span s;
    assert_int_equal(ck_linetok_span(lt, 1, 2, 1, 2, &s), -1);
    assert_int_equal(ck_linetok_span(lt, 0, 0, 1, 0, &s), -1);
    assert_int_equal(ck_linetok_span(lt, 3, 0, 3, 0, &s), -1);
    assert_int_equal(ck_linetok_span(lt, 1, 1, 1, 0, &s), -1);
    assert_int_equal(ck_linetok_span(lt, 2, 0, 1, 0, &s), -1);
    ck_linetok_free(lt);
    ck_doc_free(d);
}

static void locate_inverts_spans_and_flags_those_off_token_edges(void **state)
{
    (void)state;
    ck_doc *d = mkdoc("one two three\nfour five");
    ck_linetok *lt = ck_linetok_new(d, CK_LINETOK_SPLIT);
    size_t l1, t1, l2, t2;
    assert_int_equal(ck_linetok_locate(lt, 4, 13, &l1, &t1, &l2, &t2), 0);
    assert_int_equal(l1, 1);
    assert_int_equal(t1, 1);
    assert_int_equal(t2, 2);
    /* crossing the line break */
    assert_int_equal(ck_linetok_locate(lt, 8, 18, &l1, &t1, &l2, &t2), 0);
    assert_int_equal(l1, 1);
    assert_int_equal(t1, 2);
    assert_int_equal(l2, 2);
    assert_int_equal(t2, 0);
    /* "wo thr": inside tokens -> the covering ones, inexact */
    assert_int_equal(ck_linetok_locate(lt, 5, 11, &l1, &t1, &l2, &t2), 1);
    assert_int_equal(t1, 1);
    assert_int_equal(t2, 2);
    /* only whitespace: no token */
    assert_int_equal(ck_linetok_locate(lt, 3, 4, &l1, &t1, &l2, &t2), -1);
    ck_linetok_free(lt);
    ck_doc_free(d);
}

static void lower_folds_unicode_case_and_writes_breaks_as_spaces(void **state)
{
    (void)state;
    ck_doc *d = mkdoc("\xC3\x89LAN Vital\nSigns");
    ck_buf b;
    ck_buf_init(&b);
    assert_int_equal(ck_linetok_lower(d, 0, 16, &b), 0);
    assert_string_equal(ck_buf_str(&b), "\xC3\xA9lan vital signs");
    assert_int_equal(ck_linetok_lower(d, 0, 99, &b), -1);
    ck_buf_free(&b);
    ck_doc_free(d);
}

static void no_text_gives_no_index(void **state)
{
    (void)state;
    ck_doc *d = ck_doc_new("x");
    assert_null(ck_linetok_new(d, CK_LINETOK_SPLIT));
    ck_doc_free(d);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(split_mode_collapses_runs_and_skips_leading_whitespace),
        cmocka_unit_test(every_mode_counts_empty_tokens_between_separators),
        cmocka_unit_test(accented_and_cjk_tokens_map_to_code_points),
        cmocka_unit_test(positions_out_of_range_or_backwards_are_refused),
        cmocka_unit_test(locate_inverts_spans_and_flags_those_off_token_edges),
        cmocka_unit_test(lower_folds_unicode_case_and_writes_breaks_as_spaces),
        cmocka_unit_test(no_text_gives_no_index),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
