/*
 * test_n2c2_2018_t1.c — n2c2 2018 track 1 XML: 13 criteria as document
 * labels (met / not met), text with the 100-'*' note separator and
 * non-ASCII text, CDATA or escaped TEXT (both UNCONFIRMED variants),
 * byte-identical round trip, archives.
 */
#include "i2b2x_util.h"

#define SAMPLE "samples/n2c2-2018-t1"
#define FMT "n2c2-2018-t1"

static void criteria_are_labels_met_or_not_met(void **state)
{
    (void)state;
    ck_corpus c;
    tu_read(FMT, SAMPLE, &c);
    assert_int_equal(c.n_docs, 2);
    const ck_doc *doc = ix_doc(&c, "train/100");
    assert_string_equal(ck_doc_meta(doc, "root"), "PatientMatching");
    assert_int_equal(doc->n_labels, 13);
    assert_string_equal(doc->labels[0].name, "ABDOMINAL");
    assert_string_equal(doc->labels[0].value, "not met");
    assert_string_equal(doc->labels[1].name, "ADVANCED-CAD");
    assert_string_equal(doc->labels[1].value, "met");
    assert_string_equal(doc->labels[12].name, "MI-6MOS");
    assert_non_null(strstr(doc->text, "\n****************************************************************************************************\n"));
    doc = ix_doc(&c, "train/101");
    assert_int_equal(doc->text_cps + 1, doc->text_bytes); /* "español" */
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

static void text_without_cdata_is_unescaped(void **state)
{
    (void)state;
    char *dir = tu_tmpdir();
    tu_write(dir, "102.xml", "<?xml version=\"1.0\" encoding=\"UTF-8\" ?>\n<PatientMatching>\n"
                             "<TEXT>\nBP &gt; 140 &amp; HbA1c 7\n</TEXT>\n<TAGS>\n<HBA1C met=\"met\" />\n"
                             "</TAGS>\n</PatientMatching>\n");
    ck_corpus c;
    tu_read(FMT, dir, &c);
    assert_string_equal(c.docs[0]->text, "\nBP > 140 & HbA1c 7\n");
    assert_string_equal(c.docs[0]->labels[0].value, "met");
    ck_corpus_free(&c);
    tu_rmrf(dir);
    free(dir);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(criteria_are_labels_met_or_not_met),
        cmocka_unit_test(round_trip_gives_the_same_documents_and_the_same_bytes),
        cmocka_unit_test(tar_gz_and_zip_read_the_same_as_the_folder),
        cmocka_unit_test(text_without_cdata_is_unescaped),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
