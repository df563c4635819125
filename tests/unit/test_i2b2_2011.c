/*
 * test_i2b2_2011.c — format i2b2-2011-coref: the bundled sample (chains,
 * pairs, accented text, a mention crossing a line break, extension-less
 * documents, X.con / X.txt.con naming, the test layout whose ground truth
 * sits in another tree), the unconfirmed leading-whitespace token
 * convention, the archive form, the round trip and bad input.
 */
#include "fmtutil.h"

#define SAMPLE "samples/i2b2-2011-coref"

static void sample_reads_chains_over_concept_entities(void **state)
{
    (void)state;
    ck_corpus c;
    tu_read("i2b2-2011-coref", SAMPLE, &c);
    assert_int_equal(c.n_docs, 3);
    const ck_doc *d = fu_doc(&c, "Beth_Train/clinical-901");
    assert_int_equal(d->n_entities, 10);
    assert_int_equal(d->n_corefs, 5);
    const ck_coref *co = &d->corefs[1];
    assert_string_equal(co->type, "person");
    assert_int_equal(co->n_refs, 2);
    /* "Inès": offsets in code points */
    const ck_entity *e = ck_doc_find_entity(d, co->refs[0]);
    assert_int_equal(e->spans[0].start, 81);
    assert_int_equal(e->spans[0].end, 102);
    fu_text(d, e, 0, "Dr. In\xC3\xA8s Caron , M.D.");
    assert_string_equal(e->type, "person");
    assert_string_equal(ck_doc_find_entity(d, co->refs[1])->type, "person");
    /* chain mentions are the .con entities, not copies */
    for (size_t i = 0; i < d->n_entities; i++)
        assert_int_equal(d->entities[i].n_attrs, 0);
    const ck_entity *she = fu_at(d, 65, 68);
    assert_string_equal(she->type, "pronoun");
    assert_string_equal(d->corefs[0].refs[1], she->id);
    ck_corpus_free(&c);
}

static void pairs_become_antecedent_anaphor_relations(void **state)
{
    (void)state;
    ck_corpus c;
    tu_read("i2b2-2011-coref", SAMPLE, &c);
    const ck_doc *d = fu_doc(&c, "Beth_Train/clinical-901");
    assert_int_equal(d->n_relations, 5);
    assert_string_equal(d->relations[0].type, "person");
    assert_string_equal(d->relations[0].args[0].role, "Antecedent");
    assert_string_equal(d->relations[0].args[0].ref, fu_at(d, 28, 39)->id);
    assert_string_equal(d->relations[0].args[1].role, "Anaphor");
    ck_corpus_free(&c);
}

static void extension_less_docs_and_mentions_across_lines_read(void **state)
{
    (void)state;
    ck_corpus c;
    tu_read("i2b2-2011-coref", SAMPLE, &c);
    const ck_doc *d = fu_doc(&c, "Partners_Train/report-902");
    assert_int_equal(d->n_corefs, 2);
    assert_int_equal(d->corefs[0].n_refs, 3);
    const ck_entity *e = fu_at(d, 57, 75);
    fu_text(d, e, 0, "the abdominal\npain");
    /* the test layout: chains found through the note's stem */
    d = fu_doc(&c, "i2b2_Test/i2b2_Beth_Test/clinical-903");
    assert_int_equal(d->n_corefs, 2);
    ck_corpus_free(&c);
}

static void leading_whitespace_counted_as_an_empty_token_is_accepted(void **state)
{
    (void)state;
    char *dir = tu_tmpdir();
    /* the 2011 converter's re.split gives an empty token 0 on " He ..." */
    tu_write(dir, "docs/a.txt", "Ann Lee came .\n He left .\n");
    tu_write(dir, "concepts/a.txt.con",
             "c=\"ann lee\" 1:0 1:1||t=\"person\"\nc=\"he\" 2:1 2:1||t=\"pronoun\"\n"
             "c=\"left .\" 2:2 2:3||t=\"problem\"\n"); /* 2:3 exists only then */
    tu_write(dir, "chains/a.txt.chains",
             "c=\"ann lee\" 1:0 1:1||c=\"he\" 2:1 2:1||t=\"coref person\"\n");
    ck_corpus c;
    ck_diag *d;
    assert_int_equal(fu_read("i2b2-2011-coref", dir, 1, &c, &d), CK_OK);
    assert_int_equal(ck_diag_count(d, CK_SEV_WARNING), 0);
    assert_true(fu_has(d, CK_SEV_NOTE, 2, "every whitespace", NULL));
    const ck_entity *he = fu_at(c.docs[0], 16, 18);
    assert_string_equal(he->type, "pronoun");
    assert_string_equal(c.docs[0]->corefs[0].refs[1], he->id);
    assert_true(fu_has(d, CK_SEV_NOTE, 3, "every whitespace", NULL));
    fu_text(c.docs[0], fu_at(c.docs[0], 19, 25), 0, "left .");
    ck_corpus_free(&c);
    ck_diag_free(d);
    /* written back with the BigBIO convention, it reads the same */
    fu_roundtrip("i2b2-2011-coref", dir);
    tu_rmrf(dir);
    free(dir);
}

static void chain_mentions_missing_from_concepts_become_entities(void **state)
{
    (void)state;
    char *dir = tu_tmpdir();
    tu_write(dir, "b", "Bo ran . He fell .\n");
    tu_write(dir, "b.chains", "c=\"bo\" 1:0 1:0||c=\"he\" 1:3 1:3||t=\"person\"\n");
    ck_corpus c;
    ck_diag *d;
    /* extension-less text outside docs/ is not a document: unpaired */
    assert_int_equal(fu_read("i2b2-2011-coref", dir, 1, &c, &d), CK_ERR_PARSE);
    ck_corpus_free(&c);
    ck_diag_free(d);
    tu_write(dir, "b.txt", "Bo ran . He fell .\n");
    tu_write(dir, "b.concept", "");
    assert_int_equal(fu_read("i2b2-2011-coref", dir, 1, &c, &d), CK_OK);
    assert_true(fu_has(d, CK_SEV_WARNING, 1, "coref", "prefix"));
    const ck_doc *doc = c.docs[0];
    assert_int_equal(doc->n_entities, 2);
    assert_string_equal(ck_attr_get(doc->entities[0].attrs, doc->entities[0].n_attrs, "i2b2_file"),
                        "chains");
    assert_string_equal(doc->corefs[0].type, "person");
    ck_corpus_free(&c);
    ck_diag_free(d);
    fu_roundtrip("i2b2-2011-coref", dir);
    tu_rmrf(dir);
    free(dir);
}

static void round_trip_is_lossless(void **state)
{
    (void)state;
    fu_roundtrip("i2b2-2011-coref", SAMPLE);
}

static void archive_reads_the_same_as_the_folder(void **state)
{
    (void)state;
    fu_archive_same("i2b2-2011-coref", SAMPLE);
}

static void a_bad_chain_is_dropped_whole_in_lenient_mode(void **state)
{
    (void)state;
    char *dir = tu_tmpdir();
    tu_write(dir, "docs/z.txt", "Al saw Bo .\n");
    tu_write(dir, "concepts/z.txt.con", "c=\"al\" 1:0 1:0||t=\"person\"\n");
    tu_write(dir, "chains/z.txt.chains",
             "c=\"al\" 1:0 1:0||c=\"zz\" 4:0 4:0||t=\"coref person\"\n"
             "c=\"al\" 1:0 1:0||c=\"bo\" 1:2 1:2\n"
             "c=\"al\" 1:0 1:0||c=\"bo\" 1:2 1:2||t=\"coref person\"\n");
    ck_corpus c;
    ck_diag *d;
    assert_int_equal(fu_read("i2b2-2011-coref", dir, 1, &c, &d), CK_ERR_PARSE);
    assert_true(fu_has(d, CK_SEV_ERROR, 1, "z.txt.chains", "outside the text"));
    ck_corpus_free(&c);
    ck_diag_free(d);
    assert_int_equal(fu_read("i2b2-2011-coref", dir, 0, &c, &d), CK_OK);
    assert_int_equal(ck_diag_count(d, CK_SEV_ERROR), 2);
    assert_true(fu_has(d, CK_SEV_ERROR, 2, "coref type", NULL));
    assert_int_equal(c.docs[0]->n_corefs, 1);
    assert_int_equal(c.docs[0]->n_entities, 2);
    ck_corpus_free(&c);
    ck_diag_free(d);
    tu_rmrf(dir);
    free(dir);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(sample_reads_chains_over_concept_entities),
        cmocka_unit_test(pairs_become_antecedent_anaphor_relations),
        cmocka_unit_test(extension_less_docs_and_mentions_across_lines_read),
        cmocka_unit_test(leading_whitespace_counted_as_an_empty_token_is_accepted),
        cmocka_unit_test(chain_mentions_missing_from_concepts_become_entities),
        cmocka_unit_test(round_trip_is_lossless),
        cmocka_unit_test(archive_reads_the_same_as_the_folder),
        cmocka_unit_test(a_bad_chain_is_dropped_whole_in_lenient_mode),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
