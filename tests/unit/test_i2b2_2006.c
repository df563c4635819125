/*
 * test_i2b2_2006.c — the i2b2 2006 XML (de-id and smoking): inline PHI to
 * code-point spans on the unescaped text (accented names, PHI inside a
 * token), SMOKING labels, records back in their file with identical bytes,
 * the zip as distributed and the bare .xml, and the unbalanced <PHI> of the
 * training file (line 25722).
 */
#include "i2b2x_util.h"

#define DEID "samples/i2b2-2006-deid"
#define SMOKING "samples/i2b2-2006-smoking"

static void inline_phi_becomes_code_point_spans_on_the_unescaped_text(void **state)
{
    (void)state;
    ck_corpus c;
    tu_read("i2b2-2006-deid", DEID, &c);
    assert_int_equal(c.n_docs, 2);
    const ck_doc *doc = ix_doc(&c, "101");
    assert_string_equal(ck_doc_meta(doc, "file"), "deid_surrogate_train_all_version2");
    assert_int_equal(doc->n_entities, 9);
    assert_int_equal(doc->text[0], '\n');
    assert_non_null(strstr(doc->text, "if BP > 160 .\n[ report_end ]\n"));
    const ck_entity *e = ix_ent(doc, "P1");
    assert_string_equal(e->type, "ID");
    assert_int_equal(e->spans[0].start, 1);
    assert_int_equal(e->spans[0].end, 10);
    doc = ix_doc(&c, "102");
    /* after "Zoë Ng &amp; Dr. " the spans count ë as one and &amp; as one */
    e = ix_ent(doc, "P5");
    assert_string_equal(e->type, "DOCTOR");
    assert_int_equal(e->spans[0].start, 95);
    assert_int_equal(e->spans[0].end, 104);
    char *t = tu_span_text(doc, e, 0);
    assert_string_equal(t, "Jos\xC3\xA9 Pe\xC3\xB1" "a");
    free(t);
    /* PHI inside a token: "1995<PHI>0101</PHI>" and "<PHI>01/01</PHI>/1995" */
    t = tu_span_text(doc, ix_ent(doc, "P6"), 0);
    assert_string_equal(t, "0101");
    free(t);
    t = tu_span_text(doc, ix_ent(doc, "P7"), 0);
    assert_string_equal(t, "01/01");
    free(t);
    ck_corpus_free(&c);
}

static void smoking_status_is_a_record_label(void **state)
{
    (void)state;
    ck_corpus c;
    tu_read("i2b2-2006-smoking", SMOKING, &c);
    assert_int_equal(c.n_docs, 5);
    const char *want[] = {"PAST SMOKER", "CURRENT SMOKER", "NON-SMOKER", "SMOKER", "UNKNOWN"};
    for (size_t i = 0; i < 5; i++) {
        assert_int_equal(c.docs[i]->n_labels, 1);
        assert_string_equal(c.docs[i]->labels[0].name, "SMOKING");
        assert_string_equal(c.docs[i]->labels[0].value, want[i]);
    }
    assert_non_null(strstr(c.docs[1]->text, "per day & drinks"));
    ck_corpus_free(&c);
}

static void round_trips_give_the_same_documents_and_bytes(void **state)
{
    (void)state;
    const char *fmts[] = {"i2b2-2006-deid", "i2b2-2006-smoking"};
    const char *dirs[] = {DEID, SMOKING};
    for (int k = 0; k < 2; k++) {
        ck_corpus a, b;
        tu_read(fmts[k], dirs[k], &a);
        char *out = ix_write(fmts[k], &a);
        tu_read(fmts[k], out, &b);
        tu_assert_corpus_equal(&a, &b);
        ix_same_tree(dirs[k], out);
        ck_corpus_free(&a);
        ck_corpus_free(&b);
        tu_rmrf(out);
        free(out);
    }
}

static void zip_tar_gz_and_the_bare_xml_read_the_same(void **state)
{
    (void)state;
    ix_archives_read_the_same("i2b2-2006-deid", DEID);
    ix_archives_read_the_same("i2b2-2006-smoking", SMOKING);
    ck_corpus a, b;
    tu_read("i2b2-2006-deid", DEID, &a);
    tu_read("i2b2-2006-deid", DEID "/deid_surrogate_train_all_version2.xml", &b);
    tu_assert_corpus_equal(&a, &b);
    ck_corpus_free(&a);
    ck_corpus_free(&b);
}

static void a_phi_opened_inside_a_phi_is_read_as_its_end(void **state)
{
    (void)state;
    char *dir = tu_tmpdir();
    tu_write(dir, "train.xml", "<ROOT>\n<RECORD ID=\"7\">\n<TEXT>\n"
                               "Seen on <PHI TYPE=\"DATE\">25th of July<PHI TYPE=\"DOCTOR\"> by "
                               "<PHI TYPE=\"DOCTOR\">Lee</PHI> .\n</TEXT>\n</RECORD>\n</ROOT>\n");
    ck_corpus c;
    ck_diag *d;
    assert_int_equal(ix_read("i2b2-2006-deid", dir, NULL, 1, &c, &d), CK_OK);
    assert_true(ix_has(d, CK_SEV_WARNING, "opened inside another", 4));
    const ck_doc *doc = c.docs[0];
    assert_int_equal(doc->n_entities, 2);
    char *t = tu_span_text(doc, &doc->entities[0], 0);
    assert_string_equal(t, "25th of July");
    free(t);
    assert_string_equal(doc->entities[1].type, "DOCTOR");
    ck_corpus_free(&c);
    ck_diag_free(d);
    tu_rmrf(dir);
    free(dir);
}

static void a_broken_record_is_reported_at_its_line(void **state)
{
    (void)state;
    char *dir = tu_tmpdir();
    tu_write(dir, "x.xml", "<ROOT>\n<RECORD ID=\"1\">\n<TEXT>\nok\n</TEXT>\n</RECORD>\n"
                           "<RECORD ID=\"2\">\n<TEXT>\nraw & is repaired\n<b>unclosed\n</TEXT>\n</RECORD>\n</ROOT>\n");
    ck_corpus c;
    ck_diag *d;
    assert_int_equal(ix_read("i2b2-2006-deid", dir, NULL, 1, &c, &d), CK_ERR_PARSE);
    assert_true(ix_has(d, CK_SEV_ERROR, "not well-formed", 11));
    assert_true(ix_has(d, CK_SEV_NOTE, "raw '&'", 0));
    ck_corpus_free(&c);
    ck_diag_free(d);
    /* lenient: the records before the error are kept */
    assert_int_equal(ix_read("i2b2-2006-deid", dir, NULL, 0, &c, &d), CK_OK);
    assert_int_equal(c.n_docs, 1);
    ck_corpus_free(&c);
    ck_diag_free(d);
    tu_rmrf(dir);
    free(dir);
}

/* UNCONFIRMED variants: an XML declaration, and the text-only test release */
static void a_declaration_and_records_without_labels_are_read(void **state)
{
    (void)state;
    char *dir = tu_tmpdir();
    tu_write(dir, "smokers_surrogate_test_all_version2.xml",
             "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<ROOT>\n<RECORD ID=\"9\">\n<TEXT>\nNo tags .\n</TEXT>\n</RECORD>\n</ROOT>\n");
    ck_corpus c;
    tu_read("i2b2-2006-smoking", dir, &c);
    assert_int_equal(c.n_docs, 1);
    assert_int_equal(c.docs[0]->n_labels, 0);
    assert_int_equal(c.docs[0]->n_entities, 0);
    assert_string_equal(c.docs[0]->text, "\nNo tags .\n");
    assert_string_equal(ck_doc_meta(c.docs[0], "file"), "smokers_surrogate_test_all_version2");
    ck_corpus_free(&c);
    tu_rmrf(dir);
    free(dir);
}

/* found by fuzz_i2b2_xml: inline PHI in a TEXT that no RECORD holds */
static void text_outside_a_record_is_reported_and_skipped(void **state)
{
    (void)state;
    char *dir = tu_tmpdir();
    tu_write(dir, "x.xml", "<ROOT>\n<RECORID ID=\"1\">\n<TEXT>\n<PHI TYPE=\"ID\">1</PHI>\n</TEXT>\n</RECORID>\n</ROOT>\n");
    ck_corpus c;
    ck_diag *d;
    assert_int_equal(ix_read("i2b2-2006-deid", dir, NULL, 0, &c, &d), CK_OK);
    assert_int_equal(c.n_docs, 0);
    assert_true(ix_has(d, CK_SEV_ERROR, "TEXT outside a <RECORD", 5));
    ck_corpus_free(&c);
    ck_diag_free(d);
    tu_rmrf(dir);
    free(dir);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(inline_phi_becomes_code_point_spans_on_the_unescaped_text),
        cmocka_unit_test(smoking_status_is_a_record_label),
        cmocka_unit_test(round_trips_give_the_same_documents_and_bytes),
        cmocka_unit_test(zip_tar_gz_and_the_bare_xml_read_the_same),
        cmocka_unit_test(a_phi_opened_inside_a_phi_is_read_as_its_end),
        cmocka_unit_test(a_broken_record_is_reported_at_its_line),
        cmocka_unit_test(text_outside_a_record_is_reported_and_skipped),
        cmocka_unit_test(a_declaration_and_records_without_labels_are_read),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
