/*
 * test_i2b2_2008_obesity.c — the 2008 obesity records + stand-off
 * judgments: labels per disease with attr source in a fixed order, a split
 * meets only its own judgments, addenda add and replace judgments,
 * judgments without a record, CDATA text, identical bytes on round trip,
 * archives.
 */
#include "i2b2x_util.h"

#define SAMPLE "samples/i2b2-2008-obesity"
#define FMT "i2b2-2008-obesity"

static const ck_label *label(const ck_doc *doc, const char *name, const char *source)
{
    for (size_t i = 0; i < doc->n_labels; i++)
        if (!strcmp(doc->labels[i].name, name) &&
            !strcmp(ck_attr_get(doc->labels[i].attrs, doc->labels[i].n_attrs, "source"), source))
            return &doc->labels[i];
    return NULL;
}

static void judgments_become_labels_by_source(void **state)
{
    (void)state;
    ck_corpus c;
    tu_read(FMT, SAMPLE, &c);
    assert_int_equal(c.n_docs, 4);
    const ck_doc *doc = c.docs[0]; /* records_test sorts before records_training */
    assert_string_equal(doc->id, "901");
    assert_string_equal(ck_doc_meta(doc, "split"), "test");
    doc = c.docs[1];
    assert_string_equal(doc->id, "1");
    assert_string_equal(ck_doc_meta(doc, "split"), "training");
    assert_int_equal(doc->n_labels, 16 + 4);
    assert_string_equal(doc->labels[0].name, "Obesity");
    assert_string_equal(doc->labels[0].value, "Y");
    assert_string_equal(doc->labels[1].name, "Asthma");
    assert_string_equal(doc->labels[1].value, "U");
    assert_string_equal(doc->labels[16].attrs[0].value, "intuitive");
    assert_string_equal(label(doc, "Diabetes", "intuitive")->value, "N");
    doc = c.docs[2];
    assert_string_equal(label(doc, "Hypercholesterolemia", "textual")->value, "Q");
    assert_non_null(strstr(doc->text, "childhood & GERD"));
    assert_non_null(strstr(doc->text, "Lef\xC3\xA8vre"));
    ck_corpus_free(&c);
}

static void round_trip_gives_the_same_documents_and_the_same_bytes(void **state)
{
    (void)state;
    ck_corpus a, b;
    tu_read(FMT, SAMPLE, &a);
    char *out = ix_write(FMT, &a);
    tu_read(FMT, out, &b);
    tu_assert_corpus_equal(&a, &b);
    ix_same_tree(SAMPLE, out);
    ck_corpus_free(&a);
    ck_corpus_free(&b);
    tu_rmrf(out);
    free(out);
}

static void tar_gz_and_zip_read_the_same_as_the_folder(void **state)
{
    (void)state;
    ix_archives_read_the_same(FMT, SAMPLE);
}

#define DOCS(id, text) "<?xml version=\"1.0\"?>\n<root>\n<docs>\n<doc id=\"" id "\">\n<text>" text "</text>\n</doc>\n</docs>\n</root>\n"
#define SET(src, dis, id, j) "<diseaseset><diseases source=\"" src "\"><disease name=\"" dis "\"><doc id=\"" id "\" judgment=\"" j "\"/></disease></diseases></diseaseset>\n"

static void addenda_add_and_replace_and_splits_stay_apart(void **state)
{
    (void)state;
    char *dir = tu_tmpdir();
    tu_write(dir, "obesity_patient_records_training.xml", DOCS("5", "<![CDATA[\nA & B\n]]>"));
    tu_write(dir, "obesity_patient_records_test.xml", DOCS("5", "\nother note\n"));
    tu_write(dir, "obesity_standoff_annotations_training.xml", SET("textual", "Gout", "5", "N"));
    tu_write(dir, "obesity_standoff_annotations_training_addendum.xml",
             "<diseaseset><diseases source=\"textual\"><disease name=\"Gout\"><doc id=\"5\" judgment=\"Y\"/></disease>"
             "<disease name=\"Asthma\"><doc id=\"5\" judgment=\"N\"/></disease></diseases></diseaseset>\n");
    tu_write(dir, "obesity_standoff_annotations_test.xml", SET("intuitive", "OA", "5", "Q"));
    tu_write(dir, "obesity_standoff_annotations_training_addendum2.xml", SET("textual", "OA", "77", "Y"));
    ck_corpus c;
    ck_diag *d;
    assert_int_equal(ix_read(FMT, dir, NULL, 1, &c, &d), CK_OK);
    assert_true(ix_has(d, CK_SEV_NOTE, "later one kept", 0));
    assert_true(ix_has(d, CK_SEV_WARNING, "no record", 0));
    assert_int_equal(c.n_docs, 3);
    const ck_doc *test = c.docs[0], *train = c.docs[1], *orphan = c.docs[2];
    assert_string_equal(ck_doc_meta(test, "split"), "test");
    assert_int_equal(test->n_labels, 1);
    assert_string_equal(test->labels[0].name, "OA");
    assert_string_equal(train->text, "\nA & B\n"); /* CDATA text */
    assert_int_equal(train->n_labels, 2);
    assert_string_equal(train->labels[0].name, "Asthma"); /* task order, not file order */
    assert_string_equal(train->labels[1].name, "Gout");
    assert_string_equal(train->labels[1].value, "Y");
    assert_string_equal(orphan->id, "77");
    assert_null(orphan->text);
    ck_corpus_free(&c);
    ck_diag_free(d);
    tu_rmrf(dir);
    free(dir);
}

static void a_judgment_without_a_disease_is_an_error_at_its_line(void **state)
{
    (void)state;
    char *dir = tu_tmpdir();
    tu_write(dir, "obesity_standoff_annotations_test.xml",
             "<diseaseset>\n<diseases source=\"textual\">\n<doc id=\"1\" judgment=\"Y\"/>\n</diseases>\n</diseaseset>\n");
    ck_corpus c;
    ck_diag *d;
    assert_int_equal(ix_read(FMT, dir, NULL, 1, &c, &d), CK_ERR_PARSE);
    assert_true(ix_has(d, CK_SEV_ERROR, "inside <disease", 3));
    ck_corpus_free(&c);
    ck_diag_free(d);
    tu_rmrf(dir);
    free(dir);
}

/* Found by fuzz_i2b2_xml under UBSan: sorting an empty judgment list passed
 * NULL to qsort. */
static void a_writer_given_no_documents_closes_cleanly(void **state)
{
    (void)state;
    char *dir = tu_tmpdir();
    ck_writer *w;
    ck_diag *d = ck_diag_new(1);
    assert_int_equal(ck_writer_open("i2b2-2008-obesity", dir, NULL, &w, d), CK_OK);
    assert_int_equal(ck_writer_close(w, d), CK_OK);
    assert_int_equal(ck_diag_count(d, CK_SEV_ERROR), 0);
    ck_diag_free(d);
    tu_rmrf(dir);
    free(dir);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(judgments_become_labels_by_source),
        cmocka_unit_test(round_trip_gives_the_same_documents_and_the_same_bytes),
        cmocka_unit_test(tar_gz_and_zip_read_the_same_as_the_folder),
        cmocka_unit_test(addenda_add_and_replace_and_splits_stay_apart),
        cmocka_unit_test(a_judgment_without_a_disease_is_an_error_at_its_line),
        cmocka_unit_test(a_writer_given_no_documents_closes_cleanly),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
