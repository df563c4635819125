/*
 * test_doc.c — the document model: offsets in code points for ASCII,
 * accented, CJK and emoji text; builders; equality; validation.
 */
#include "testutil.h"

static void ascii_offsets_are_bytes(void **state)
{
    (void)state;
    ck_doc *d = ck_doc_new("a");
    assert_int_equal(ck_doc_set_text(d, "hello world", 11, NULL), 0);
    assert_int_equal(d->text_cps, 11);
    assert_int_equal(ck_doc_cp2byte(d, 6), 6);
    assert_int_equal(ck_doc_byte2cp(d, 11), 11);
    assert_int_equal(ck_doc_cp2byte(d, 12), (size_t)-1);
    ck_doc_free(d);
}

static void accented_cjk_and_emoji_count_one_code_point_each(void **state)
{
    (void)state;
    /* "José 患者 😀 ok": é = 2 bytes, 患者 = 3 bytes each, 😀 = 4 bytes */
    const char *t = "Jos\xC3\xA9 \xE6\x82\xA3\xE8\x80\x85 \xF0\x9F\x98\x80 ok";
    ck_doc *d = ck_doc_new("u");
    assert_int_equal(ck_doc_set_text(d, t, strlen(t), NULL), 0);
    assert_int_equal(d->text_cps, 12);
    assert_int_equal(ck_doc_cp2byte(d, 4), 5);   /* after é */
    assert_int_equal(ck_doc_cp2byte(d, 5), 6);   /* 患 */
    assert_int_equal(ck_doc_cp2byte(d, 8), 13);  /* 😀 */
    assert_int_equal(ck_doc_cp2byte(d, 9), 17);
    assert_int_equal(ck_doc_byte2cp(d, 13), 8);
    assert_int_equal(ck_doc_byte2cp(d, 14), (size_t)-1); /* inside 😀 */
    const char *p;
    size_t n;
    assert_int_equal(ck_doc_slice(d, 5, 7, &p, &n), 0);
    assert_int_equal(n, 6);
    assert_memory_equal(p, "\xE6\x82\xA3\xE8\x80\x85", 6);
    assert_int_equal(ck_doc_slice(d, 10, 12, &p, &n), 0);
    assert_memory_equal(p, "ok", 2);
    assert_int_equal(ck_doc_slice(d, 11, 13, &p, &n), -1);
    ck_doc_free(d);
}

static void long_text_mapping_agrees_with_a_linear_scan(void **state)
{
    (void)state;
    /* 3000 characters mixing 1-, 2-, 3- and 4-byte ones: every offset both ways */
    static const char *pieces[] = {"a", "\xC3\xA9", "\xE4\xB8\xAD", "\xF0\x9F\x98\x80"};
    char *t = malloc(3000 * 4 + 1);
    size_t len = 0, *at = malloc(3001 * sizeof *at);
    for (size_t i = 0; i < 3000; i++) {
        at[i] = len;
        const char *p = pieces[(i * 7 + i / 5) % 4];
        memcpy(t + len, p, strlen(p));
        len += strlen(p);
    }
    at[3000] = len;
    ck_doc *d = ck_doc_new("long");
    assert_int_equal(ck_doc_set_text(d, t, len, NULL), 0);
    assert_int_equal(d->text_cps, 3000);
    for (size_t i = 0; i <= 3000; i++) {
        assert_int_equal(ck_doc_cp2byte(d, i), at[i]);
        assert_int_equal(ck_doc_byte2cp(d, at[i]), i);
    }
    ck_doc_free(d);
    free(t);
    free(at);
}

static void invalid_utf8_is_refused_with_its_byte_offset(void **state)
{
    (void)state;
    ck_doc *d = ck_doc_new("bad");
    size_t bad = 0;
    assert_int_equal(ck_doc_set_text(d, "ab\xC3(", 4, &bad), -1);
    assert_int_equal(bad, 2);
    assert_null(d->text);
    assert_int_equal(ck_doc_set_text(d, "\xED\xA0\x80", 3, &bad), -1); /* surrogate */
    ck_doc_free(d);
}

static void builders_keep_everything_and_equal_compares_deeply(void **state)
{
    (void)state;
    ck_doc *a = ck_doc_new("x"), *b = ck_doc_new("x");
    ck_doc *both[] = {a, b};
    for (int i = 0; i < 2; i++) {
        ck_doc *d = both[i];
        ck_doc_set_text(d, "no chest pain", 13, NULL);
        ck_doc_add_meta(d, "source", "test");
        ck_label *l = ck_doc_add_label(d, "SMOKING", "NON-SMOKER");
        ck_label_add_attr(d, l, "source", "textual");
        ck_entity *e = ck_doc_add_entity(d, "T1", "Problem");
        ck_entity_add_span(d, e, 3, 13, "chest pain");
        ck_entity_add_attr(d, e, "A1", "Negation", NULL);
        ck_entity_add_norm(d, e, NULL, "UMLS", "C0008031", NULL);
        ck_relation *r = ck_doc_add_relation(d, "R1", "Rel");
        ck_relation_add_arg(d, r, "Arg1", "T1");
        ck_relation_add_arg(d, r, "Arg2", "T1");
    }
    char why[128];
    assert_true(ck_doc_equal(a, b, why, sizeof why));
    assert_string_equal(ck_doc_meta(a, "source"), "test");
    assert_int_equal(ck_doc_check(a, "x", NULL), 0);
    ck_entity_add_span(b, &b->entities[0], 0, 2, "xx");
    assert_false(ck_doc_equal(a, b, why, sizeof why));
    assert_non_null(strstr(why, "T1"));
    ck_doc_free(a);
    ck_doc_free(b);
}

static void check_reports_mismatch_without_echoing_text(void **state)
{
    (void)state;
    ck_doc *d = ck_doc_new("m");
    ck_doc_set_text(d, "Patient John Smith", 18, NULL);
    ck_entity *e = ck_doc_add_entity(d, "T1", "NAME");
    ck_entity_add_span(d, e, 8, 12, "Jane");
    ck_entity *f = ck_doc_add_entity(d, "T2", "NAME");
    ck_entity_add_span(d, f, 8, 30, NULL);
    ck_diag *dg = ck_diag_new(0);
    assert_int_equal(ck_doc_check(d, "m.ann", dg), 2);
    char buf[512];
    for (size_t i = 0; i < ck_diag_size(dg); i++) {
        ck_diag_format(ck_diag_get(dg, i), buf, sizeof buf);
        assert_null(strstr(buf, "Jane"));
        assert_null(strstr(buf, "John"));
    }
    ck_diag_clear(dg);
    ck_diag_set_show_text(dg, 1);
    ck_doc_check(d, "m.ann", dg);
    ck_diag_format(ck_diag_get(dg, 0), buf, sizeof buf);
    assert_non_null(strstr(buf, "Jane"));
    ck_diag_free(dg);
    ck_doc_free(d);
}

static void discontiguous_text_joined_by_space_validates(void **state)
{
    (void)state;
    ck_doc *d = ck_doc_new("j");
    ck_doc_set_text(d, "left and right arm", 18, NULL);
    ck_entity *e = ck_doc_add_entity(d, "T1", "Body");
    ck_entity_add_span(d, e, 0, 4, "left arm");
    ck_entity_add_span(d, e, 15, 18, NULL);
    assert_int_equal(ck_doc_check(d, "j", NULL), 0);
    ck_doc_free(d);
}

static void strict_diag_stops_lenient_diag_counts(void **state)
{
    (void)state;
    ck_diag *s = ck_diag_new(1), *l = ck_diag_new(0);
    assert_int_equal(ck_diag_error(s, "f", 3, "bad"), CK_ERR_PARSE);
    assert_int_equal(ck_diag_error(l, "f", 3, "bad"), CK_OK);
    assert_int_equal(ck_diag_error(l, "f", 4, "bad"), CK_OK);
    assert_int_equal(ck_diag_count(l, CK_SEV_ERROR), 2);
    char buf[128];
    ck_diag_format(ck_diag_get(l, 1), buf, sizeof buf);
    assert_string_equal(buf, "f:4: error: bad");
    ck_diag_set_limit(l, 2);
    ck_diag_error(l, "f", 5, "bad");
    assert_int_equal(ck_diag_size(l), 2);
    assert_int_equal(ck_diag_count(l, CK_SEV_ERROR), 3);
    ck_diag_free(s);
    ck_diag_free(l);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(ascii_offsets_are_bytes),
        cmocka_unit_test(accented_cjk_and_emoji_count_one_code_point_each),
        cmocka_unit_test(long_text_mapping_agrees_with_a_linear_scan),
        cmocka_unit_test(invalid_utf8_is_refused_with_its_byte_offset),
        cmocka_unit_test(builders_keep_everything_and_equal_compares_deeply),
        cmocka_unit_test(check_reports_mismatch_without_echoing_text),
        cmocka_unit_test(discontiguous_text_joined_by_space_validates),
        cmocka_unit_test(strict_diag_stops_lenient_diag_counts),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
