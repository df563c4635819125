/*
 * test_i2b2_2010.c — format i2b2-2010 (concepts, assertions, relations):
 * the bundled sample with exact code-point offsets, every documented quirk
 * (CRLF .ast, unsorted/duplicate .con lines, bare quotes in values, double
 * spaces, no final newline, the test layout), the archive form, the round
 * trip, writing from spans, and bad input.
 */
#include "fmtutil.h"

#define SAMPLE "samples/i2b2-2010-relations"
#define BETH "concept_assertion_relation_training_data/beth/record-901"
#define PARTNERS "concept_assertion_relation_training_data/partners/900123_RWH"

static void sample_reads_concepts_with_exact_code_point_offsets(void **state)
{
    (void)state;
    ck_corpus c;
    tu_read("i2b2-2010", SAMPLE, &c);
    assert_int_equal(c.n_docs, 3);
    const ck_doc *d = fu_doc(&c, BETH);
    assert_int_equal(d->n_entities, 9);
    /* "Renée" precedes it: 93 code points, 94 bytes */
    const ck_entity *e = fu_at(d, 93, 112);
    assert_string_equal(e->type, "problem");
    fu_text(d, e, 0, "shortness of breath");
    assert_string_equal(ck_attr_get(e->attrs, e->n_attrs, "assertion"), "present");
    e = fu_at(d, 157, 167);
    assert_string_equal(e->type, "treatment");
    assert_null(ck_attr_get(e->attrs, e->n_attrs, "assertion"));
    assert_string_equal(fu_at(d, 300, 313)->type, "treatment");
    assert_int_equal(d->n_notes, 0); /* every value = the lower-cased text */
    /* unannotated notes are documents too */
    const ck_doc *u = fu_doc(&c, "concept_assertion_relation_training_data/partners/unannotated/900124_DH");
    assert_int_equal(u->n_entities, 0);
    ck_corpus_free(&c);
}

static void relations_link_the_entities_with_arg1_and_arg2(void **state)
{
    (void)state;
    ck_corpus c;
    tu_read("i2b2-2010", SAMPLE, &c);
    const ck_doc *d = fu_doc(&c, BETH);
    assert_int_equal(d->n_relations, 4);
    const ck_relation *r = &d->relations[0];
    assert_string_equal(r->type, "TrAP");
    assert_string_equal(r->args[0].role, "Arg1");
    assert_string_equal(r->args[0].ref, fu_at(d, 157, 167)->id);
    assert_string_equal(r->args[1].role, "Arg2");
    assert_string_equal(r->args[1].ref, fu_at(d, 172, 185)->id);
    d = fu_doc(&c, PARTNERS);
    const char *types[] = {"TrCP", "TeCP", "TrWP", "TrIP", "TrNAP"};
    assert_int_equal(d->n_relations, 5);
    for (size_t i = 0; i < 5; i++)
        assert_string_equal(d->relations[i].type, types[i]);
    ck_corpus_free(&c);
}

static void quirks_crlf_ast_double_space_and_bare_quotes_read(void **state)
{
    (void)state;
    ck_corpus c;
    tu_read("i2b2-2010", SAMPLE, &c);
    const ck_doc *d = fu_doc(&c, PARTNERS);
    /* .ast is CRLF: assertions still attach (no stray \r in values) */
    const ck_entity *e = fu_at(d, 43, 66);
    fu_text(d, e, 0, "Guaiac  positive stools");
    assert_string_equal(ck_attr_get(e->attrs, e->n_attrs, "assertion"), "present");
    /* c="" rash "" parsed greedily; the value differs from the text, so it
     * is kept as a SourceText note for the writer */
    e = fu_at(d, 14, 23);
    assert_int_equal(d->n_notes, 1);
    assert_string_equal(d->notes[0].type, "SourceText");
    assert_string_equal(d->notes[0].ref, e->id);
    assert_string_equal(d->notes[0].text, "\" rash \"");
    assert_string_equal(fu_at(d, 112, 133)->attrs[0].value, "possible");
    ck_corpus_free(&c);
}

static void unsorted_duplicate_and_ast_only_concepts_are_kept(void **state)
{
    (void)state;
    char *dir = tu_tmpdir();
    tu_write(dir, "txt/r1.txt", "Pain and fever .\nNo cough .");
    tu_write(dir, "concept/r1.con",
             "c=\"fever\" 1:2 1:2||t=\"problem\"\nc=\"pain\" 1:0 1:0||t=\"problem\"\n"
             "c=\"pain\" 1:0 1:0||t=\"problem\"\n");
    tu_write(dir, "ast/r1.ast",
             "c=\"pain\" 1:0 1:0||t=\"problem\"||a=\"present\"\r\n"
             "c=\"cough\" 2:1 2:1||t=\"problem\"||a=\"absent\"\r\n");
    tu_write(dir, "rel/r1.rel", "");
    ck_corpus c;
    tu_read("i2b2-2010", dir, &c);
    const ck_doc *d = fu_doc(&c, "r1");
    assert_int_equal(d->n_entities, 4);
    assert_int_equal(d->entities[0].spans[0].start, 9); /* source order kept */
    assert_string_equal(ck_attr_get(d->entities[1].attrs, d->entities[1].n_attrs, "assertion"), "present");
    assert_null(ck_attr_get(d->entities[2].attrs, d->entities[2].n_attrs, "assertion"));
    const ck_entity *cough = fu_at(d, 20, 25);
    assert_string_equal(ck_attr_get(cough->attrs, cough->n_attrs, "i2b2_file"), "ast");
    ck_corpus_free(&c);
    fu_roundtrip("i2b2-2010", dir);
    tu_rmrf(dir);
    free(dir);
}

static void test_layout_pairs_concepts_with_texts_by_stem(void **state)
{
    (void)state;
    char *dir = tu_tmpdir();
    tu_write(dir, "test_data/0042.txt", "Chest pain .\n");
    tu_write(dir, "reference_standard_for_test_data/concepts/0042.con",
             "c=\"chest pain\" 1:0 1:1||t=\"problem\"\n");
    ck_corpus c;
    tu_read("i2b2-2010", dir, &c);
    assert_int_equal(c.n_docs, 1);
    assert_int_equal(c.docs[0]->n_entities, 1);
    assert_int_equal(c.docs[0]->entities[0].spans[0].end, 10);
    ck_corpus_free(&c);
    tu_rmrf(dir);
    free(dir);
}

static void round_trip_is_lossless(void **state)
{
    (void)state;
    fu_roundtrip("i2b2-2010", SAMPLE);
}

static void archive_reads_the_same_as_the_folder(void **state)
{
    (void)state;
    fu_archive_same("i2b2-2010", SAMPLE);
}

static void writer_recomputes_line_token_positions_from_offsets(void **state)
{
    (void)state;
    ck_doc *doc = ck_doc_new("x/n1");
    const char *t = "Dr. Zo\xC3\xAB saw him .\nHe had Chest Pain today .";
    ck_doc_set_text(doc, t, strlen(t), NULL);
    ck_entity *e = ck_doc_add_entity(doc, "T1", "problem");
    ck_entity_add_span(doc, e, 25, 35, "Chest Pain");
    ck_entity_add_attr(doc, e, "A1", "assertion", "present");
    e = ck_doc_add_entity(doc, "T2", "treatment");
    ck_entity_add_span(doc, e, 0, 7, NULL);
    ck_relation *r = ck_doc_add_relation(doc, "R1", "TrAP");
    ck_relation_add_arg(doc, r, "Arg1", "T2");
    ck_relation_add_arg(doc, r, "Arg2", "T1");
    char *dir = fu_write_doc("i2b2-2010", doc);
    char *con = fu_slurp(dir, "x/concept/n1.con");
    assert_string_equal(con, "c=\"chest pain\" 2:2 2:3||t=\"problem\"\n"
                             "c=\"dr. zo\xC3\xAB\" 1:0 1:1||t=\"treatment\"\n");
    char *ast = fu_slurp(dir, "x/ast/n1.ast");
    assert_string_equal(ast, "c=\"chest pain\" 2:2 2:3||t=\"problem\"||a=\"present\"\n");
    char *rel = fu_slurp(dir, "x/rel/n1.rel");
    assert_string_equal(rel, "c=\"dr. zo\xC3\xAB\" 1:0 1:1||r=\"TrAP\"||c=\"chest pain\" 2:2 2:3\n");
    free(con);
    free(ast);
    free(rel);
    ck_corpus c;
    tu_read("i2b2-2010", dir, &c);
    assert_string_equal(c.docs[0]->id, "x/n1");
    assert_int_equal(c.docs[0]->entities[0].spans[0].start, 25);
    assert_int_equal(c.docs[0]->entities[0].spans[0].end, 35);
    ck_corpus_free(&c);
    ck_doc_free(doc);
    tu_rmrf(dir);
    free(dir);
}

static void bad_lines_fail_strict_and_are_skipped_and_counted_lenient(void **state)
{
    (void)state;
    char *dir = tu_tmpdir();
    tu_write(dir, "r2.txt", "Mild rash .\n");
    tu_write(dir, "r2.con",
             "c=\"rash\" 1:1 1:1||t=\"problem\"\n"
             "c=\"rash\" 1:1||t=\"problem\"\n"   /* one position */
             "c=\"x\" 9:0 9:0||t=\"problem\"\n"  /* no line 9 */
             "garbage\n"
             "c=\"mild\" 1:0 1:0||t=\"problem\"\n");
    ck_corpus c;
    ck_diag *d;
    assert_int_equal(fu_read("i2b2-2010", dir, 1, &c, &d), CK_ERR_PARSE);
    assert_true(fu_has(d, CK_SEV_ERROR, 2, "r2.con", "L:T"));
    ck_corpus_free(&c);
    ck_diag_free(d);
    assert_int_equal(fu_read("i2b2-2010", dir, 0, &c, &d), CK_OK);
    assert_int_equal(ck_diag_count(d, CK_SEV_ERROR), 3);
    assert_true(fu_has(d, CK_SEV_ERROR, 3, "outside the text", NULL));
    assert_true(fu_has(d, CK_SEV_ERROR, 4, "key=\"value\"", NULL));
    assert_int_equal(c.docs[0]->n_entities, 2);
    ck_corpus_free(&c);
    ck_diag_free(d);
    tu_rmrf(dir);
    free(dir);
}

static void value_not_matching_the_text_is_warned_and_kept(void **state)
{
    (void)state;
    char *dir = tu_tmpdir();
    tu_write(dir, "r3.txt", "Mild rash .\n");
    tu_write(dir, "r3.con", "c=\"fever\" 1:1 1:1||t=\"problem\"\n");
    ck_corpus c;
    ck_diag *d;
    assert_int_equal(fu_read("i2b2-2010", dir, 1, &c, &d), CK_OK);
    assert_true(fu_has(d, CK_SEV_WARNING, 1, "differs from the text", NULL));
    assert_int_equal(c.docs[0]->n_entities, 1);
    ck_corpus_free(&c);
    ck_diag_free(d);
    tu_rmrf(dir);
    free(dir);
}

static void annotation_file_without_text_is_reported(void **state)
{
    (void)state;
    char *dir = tu_tmpdir();
    tu_write(dir, "concept/lonely.con", "c=\"a\" 1:0 1:0||t=\"test\"\n");
    ck_corpus c;
    ck_diag *d;
    assert_int_equal(fu_read("i2b2-2010", dir, 1, &c, &d), CK_ERR_PARSE);
    assert_true(fu_has(d, CK_SEV_ERROR, 0, "lonely.con", "no text file"));
    ck_corpus_free(&c);
    ck_diag_free(d);
    tu_rmrf(dir);
    free(dir);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(sample_reads_concepts_with_exact_code_point_offsets),
        cmocka_unit_test(relations_link_the_entities_with_arg1_and_arg2),
        cmocka_unit_test(quirks_crlf_ast_double_space_and_bare_quotes_read),
        cmocka_unit_test(unsorted_duplicate_and_ast_only_concepts_are_kept),
        cmocka_unit_test(test_layout_pairs_concepts_with_texts_by_stem),
        cmocka_unit_test(round_trip_is_lossless),
        cmocka_unit_test(archive_reads_the_same_as_the_folder),
        cmocka_unit_test(writer_recomputes_line_token_positions_from_offsets),
        cmocka_unit_test(bad_lines_fail_strict_and_are_skipped_and_counted_lenient),
        cmocka_unit_test(value_not_matching_the_text_is_warned_and_kept),
        cmocka_unit_test(annotation_file_without_text_is_reported),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
