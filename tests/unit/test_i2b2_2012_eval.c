/*
 * test_i2b2_2012_eval.c — the pieces of `clinkit eval i2b2-2012`: the
 * asymmetric overlap rule with first match in file order, the -exact /
 * -partialCredit text comparison, TIMEX3 val normalisation, the point
 * time graph (closure, redundancy, contradictions), TLINK scoring with
 * reduction and closure, and tag-line errors with file:line.
 */
#include "testutil.h"

#include "scorers/i2b2_2012.h"

static t12_tag tag(long s, long e, const char *text)
{
    t12_tag t = {"X", text, {"a", "b", "c"}, s, e};
    return t;
}

static void overlap_rule_is_asymmetric(void **state)
{
    (void)state;
    t12_tag early = tag(10, 20, "x"), late = tag(19, 25, "y");
    /* scored tag starts first: one shared character is enough */
    assert_true(t12_overlap(&early, &late));
    /* scored tag starts later: the candidate must reach 2 past its start */
    assert_false(t12_overlap(&late, &early));
    t12_tag late2 = tag(18, 25, "y");
    assert_true(t12_overlap(&late2, &early));
    t12_tag apart = tag(20, 30, "z");
    assert_false(t12_overlap(&early, &apart));
}

static void first_match_in_file_order_is_not_one_to_one(void **state)
{
    (void)state;
    t12_tag sys[] = {tag(0, 5, "a"), tag(3, 9, "b")};
    t12_tag g1 = tag(4, 8, "c"), g2 = tag(0, 9, "d"), g3 = tag(5, 9, "e");
    double c;
    /* g1 starts inside sys[0] but sys[0] does not reach 2 past its start */
    assert_int_equal(t12_first_match(&g1, sys, 2, T12_OVERLAP, &c), 1);
    assert_int_equal(t12_first_match(&g3, sys, 2, T12_OVERLAP, &c), 1);
    assert_int_equal(t12_first_match(&g2, sys, 2, T12_OVERLAP, &c), 0);
    t12_tag none = tag(50, 60, "e");
    assert_int_equal(t12_first_match(&none, sys, 2, T12_OVERLAP, &c), (size_t)-1);
    assert_true(c == 0);
}

static void text_compares_tokens_without_punctuation(void **state)
{
    (void)state;
    assert_true(t12_same_text("chest pain", "chest pain ."));
    assert_true(t12_same_text("  ST   elevations", "ST elevations"));
    assert_true(t12_same_text(", ;", ""));
    assert_false(t12_same_text("ètoprolol", "Mètoprolol"));
    assert_false(t12_same_text("x-ray", "x ray"));
    t12_tag g = tag(0, 10, "chest pain"), s = tag(0, 12, "chest pain ."), t = tag(1, 10, "hest pain");
    assert_true(t12_credit(&g, &s, T12_EXACT) == 1);
    assert_true(t12_credit(&g, &t, T12_EXACT) == 0);
    assert_true(t12_credit(&g, &t, T12_PARTIAL) == 0.5);
    assert_true(t12_credit(&g, &t, T12_OVERLAP) == 1);
}

static void timex_val_normalises_durations(void **state)
{
    (void)state;
    assert_true(t12_val_equal("DURATION", "PT48H", "NA", "P2D"));
    assert_true(t12_val_equal("DURATION", "P2W", "NA", "P14D"));
    assert_true(t12_val_equal("FREQUENCY", "RPT12H", "NA", "RPT720M"));
    assert_false(t12_val_equal("DURATION", "P2W", "NA", "P3W"));
    /* a mod allows +-2 in the same unit */
    assert_true(t12_val_equal("DURATION", "P2W", "APPROX", "P3W"));
    assert_true(t12_val_equal("DURATION", "P2W", "APPROX", "P4W"));
    assert_false(t12_val_equal("DURATION", "P2W", "APPROX", "P5W"));
    assert_false(t12_val_equal("DURATION", "P2M", "APPROX", "PT2M"));
    /* dates compare as strings */
    assert_false(t12_val_equal("DATE", "2012-01-07", "APPROX", "2012-01-08"));
    assert_true(t12_val_equal("DATE", "2012-01-07", "NA", "2012-01-07"));
}

static void graph_closes_and_reduces(void **state)
{
    (void)state;
    t12_graph *g = t12_graph_new(4);
    assert_non_null(g);
    assert_int_equal(t12_graph_add(g, 0, 1, "BEFORE"), 1);
    assert_int_equal(t12_graph_add(g, 1, 2, "BEFORE"), 1);
    assert_true(t12_graph_entails(g, 0, 2, "BEFORE"));
    assert_true(t12_graph_entails(g, 2, 0, "AFTER"));
    assert_false(t12_graph_entails(g, 2, 0, "BEFORE"));
    /* already entailed: redundant, not added */
    assert_int_equal(t12_graph_add(g, 2, 0, "AFTER"), 0);
    /* contradiction: refused */
    assert_int_equal(t12_graph_add(g, 2, 0, "BEFORE"), -1);
    assert_int_equal(t12_graph_add(g, 0, 2, "SIMULTANEOUS"), -1);
    /* unknown type: not added, but the interval is now in the graph */
    assert_false(t12_graph_has(g, 3));
    assert_int_equal(t12_graph_add(g, 3, 2, "VAGUE"), -2);
    assert_true(t12_graph_has(g, 3));
    /* BEFORE_OVERLAP (rewritten) builds as SIMULTANEOUS, is never entailed */
    assert_int_equal(t12_graph_add(g, 3, 2, "BEFORE_SIMULTANEOUS"), 1);
    assert_true(t12_graph_entails(g, 1, 3, "BEFORE"));
    assert_true(t12_graph_entails(g, 3, 2, "SIMULTANEOUS"));
    assert_false(t12_graph_entails(g, 3, 2, "BEFORE_SIMULTANEOUS"));
    t12_graph_free(g);

    g = t12_graph_new(3);
    assert_int_equal(t12_graph_add(g, 0, 1, "ENDED_BY"), 1);
    assert_int_equal(t12_graph_add(g, 1, 2, "SIMULTANEOUS"), 1);
    assert_true(t12_graph_entails(g, 2, 0, "ENDS"));
    assert_false(t12_graph_entails(g, 0, 2, "SIMULTANEOUS"));
    t12_graph_free(g);
}

static const char *head = "<?xml version=\"1.0\" encoding=\"UTF-8\" ?>\n<ClinicalNarrativeTemporalAnnotation>\n"
                          "<TEXT><![CDATA[\nadmitted then intubated then extubated then home\n]]></TEXT>\n<TAGS>\n";

static void parse_ok(const char *tags, t12_file *f)
{
    char *buf = malloc(strlen(head) + strlen(tags) + 64);
    sprintf(buf, "%s%s</TAGS>\n</ClinicalNarrativeTemporalAnnotation>\n", head, tags);
    ck_diag *d = ck_diag_new(1);
    assert_int_equal(t12_parse(buf, "x.xml", f, d), CK_OK);
    ck_diag_free(d);
}

#define EV(id, s, e) "<EVENT id=\"" id "\" start=\"" #s "\" end=\"" #e "\" text=\"w\" modality=\"FACTUAL\" polarity=\"POS\" type=\"OCCURRENCE\" />\n"
#define TL(a, b, t) "<TLINK id=\"L\" fromID=\"" a "\" fromText=\"w\" toID=\"" b "\" toText=\"w\" type=\"" t "\" />\n"

static void tlinks_score_on_the_closure(void **state)
{
    (void)state;
    t12_file g, s;
    parse_ok(EV("E0", 1, 9) EV("E1", 15, 24) EV("E2", 30, 39) EV("E3", 45, 49)
             TL("E0", "E1", "BEFORE") TL("E1", "E2", "BEFORE") TL("E2", "E3", "BEFORE"),
             &g);
    parse_ok(EV("A", 1, 9) EV("B", 15, 24) EV("C", 30, 39)
             TL("A", "C", "BEFORE") TL("C", "B", "AFTER") TL("C", "B", "AFTER"),
             &s);
    assert_int_equal(g.n_events, 4);
    assert_int_equal(g.n_links, 3);
    t12_link_score r;
    assert_int_equal(t12_score_links(&g, &s, T12_OVERLAP, &r), CK_OK);
    assert_int_equal(r.gold, 2); /* E2-E3: E3 has no system match */
    assert_int_equal(r.sys, 2);  /* the repeated TLINK is dropped */
    assert_int_equal(r.prec_ok, 2); /* A BEFORE C follows from the gold closure */
    assert_int_equal(r.rec_ok, 1);  /* E0 BEFORE E1 does not follow from the system */
    t12_file_free(&g);
    t12_file_free(&s);
}

static void overlap_types_match_by_name(void **state)
{
    (void)state;
    t12_file g, s;
    parse_ok(EV("E0", 1, 9) EV("E1", 15, 24) EV("E2", 30, 39)
             TL("E0", "E1", "BEFORE") TL("E1", "E2", "OVERLAP"), &g);
    parse_ok(EV("A", 1, 9) EV("B", 15, 24) EV("C", 30, 39)
             TL("A", "B", "BEFORE_OVERLAP") TL("B", "C", "SIMULTANEOUS"), &s);
    t12_link_score r;
    assert_int_equal(t12_score_links(&g, &s, T12_OVERLAP, &r), CK_OK);
    /* gold BEFORE is found inside the system's BEFORE_SIMULTANEOUS; OVERLAP
     * is SIMULTANEOUS */
    assert_int_equal(r.rec_ok, 2);
    /* BEFORE_SIMULTANEOUS is never verified by the gold closure */
    assert_int_equal(r.prec_ok, 1);
    t12_file_free(&g);
    t12_file_free(&s);
}

static void bad_tag_lines_are_errors_with_line_numbers(void **state)
{
    (void)state;
    ck_diag *d = ck_diag_new(1);
    t12_file f;
    char *buf = strdup("<TAGS>\n<EVENT id=\"E0\" start=\"1\" end=\"2\" text=\"secret\" />\n");
    assert_int_not_equal(t12_parse(buf, "a.xml", &f, d), CK_OK);
    const ck_diag_item *it = ck_diag_get(d, 0);
    assert_string_equal(it->file, "a.xml");
    assert_int_equal(it->line, 2);
    assert_non_null(strstr(it->message, "modality"));
    assert_null(strstr(it->message, "secret"));
    ck_diag_free(d);

    d = ck_diag_new(1);
    buf = strdup("\n\n<TIMEX3 id=\"T0\" start=\"x\" end=\"2\" text=\"t\" type=\"DATE\" val=\"v\" mod=\"NA\" />\n");
    assert_int_not_equal(t12_parse(buf, "b.xml", &f, d), CK_OK);
    assert_int_equal(ck_diag_get(d, 0)->line, 3);
    ck_diag_free(d);

    d = ck_diag_new(1);
    buf = strdup("<TLINK id=\"L\" fromID=\"E0\" toID=\"E1 type=\"BEFORE\" />\n");
    assert_int_not_equal(t12_parse(buf, "c.xml", &f, d), CK_OK);
    assert_int_equal(ck_diag_get(d, 0)->line, 1);
    ck_diag_free(d);

    /* lenient: the bad line is skipped, the rest is read */
    d = ck_diag_new(0);
    buf = strdup("<TLINK id=\"L\" type=\"BEFORE\" />\n"
                 "<TLINK id=\"M\" fromID=\"E0\" toID=\"E1\" type=\"AFTER\" />\n");
    assert_int_equal(t12_parse(buf, "d.xml", &f, d), CK_OK);
    assert_int_equal(f.n_links, 1);
    assert_string_equal(f.links[0].type, "AFTER");
    assert_int_equal(ck_diag_size(d), 1);
    t12_file_free(&f);
    ck_diag_free(d);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(overlap_rule_is_asymmetric),
        cmocka_unit_test(first_match_in_file_order_is_not_one_to_one),
        cmocka_unit_test(text_compares_tokens_without_punctuation),
        cmocka_unit_test(timex_val_normalises_durations),
        cmocka_unit_test(graph_closes_and_reduces),
        cmocka_unit_test(tlinks_score_on_the_closure),
        cmocka_unit_test(overlap_types_match_by_name),
        cmocka_unit_test(bad_tag_lines_are_errors_with_line_numbers),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
