/*
 * test_i2b2_2014_rf.c — the 2014 risk-factor XML: document-level tags as
 * labels (attributes in file order), nested evidence as entities linked by
 * the label's "evidence" attr, flat tags, byte-identical round trip,
 * archives, and the misplaced XML declaration quirk.
 */
#include "i2b2x_util.h"

#define SAMPLE "samples/i2b2-2014-rf"
#define FMT "i2b2-2014-rf"
#define DOC1 "training-RiskFactors-Gold-Set1/220-01"
#define DOC2 "training-RiskFactors-Gold-Set1/220-02"

static void document_level_tags_are_labels_and_evidence_entities(void **state)
{
    (void)state;
    ck_corpus c;
    tu_read(FMT, SAMPLE, &c);
    assert_int_equal(c.n_docs, 2);
    const ck_doc *doc = ix_doc(&c, DOC1);
    assert_string_equal(ck_doc_meta(doc, "root"), "root");
    assert_int_equal(doc->n_labels, 7);
    const ck_label *l = &doc->labels[3];
    assert_string_equal(l->name, "MEDICATION");
    assert_null(l->value);
    assert_int_equal(l->n_attrs, 5);
    assert_string_equal(l->attrs[0].key, "time");
    assert_string_equal(l->attrs[1].key, "type1");
    assert_string_equal(l->attrs[1].value, "metformin");
    assert_string_equal(l->attrs[2].key, "type2");
    assert_string_equal(l->attrs[2].value, "");
    assert_string_equal(l->attrs[3].key, "id");
    assert_string_equal(l->attrs[4].key, "evidence");
    assert_string_equal(l->attrs[4].value, "M3");
    const ck_entity *e = ix_ent(doc, "M3");
    assert_string_equal(e->type, "MEDICATION");
    assert_int_equal(e->spans[0].start, 50);
    assert_int_equal(e->spans[0].end, 59);
    assert_string_equal(e->attrs[1].key, "type1");
    /* a flat tag: label without evidence */
    l = &doc->labels[6];
    assert_string_equal(l->name, "FAMILY_HIST");
    assert_null(ck_attr_get(l->attrs, l->n_attrs, "evidence"));
    ix_texts_match(&c);
    /* accented text before no span still maps: "Señor Díaz" after the tags */
    doc = ix_doc(&c, DOC2);
    assert_int_equal(doc->text_cps + 2, doc->text_bytes);
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

static void two_evidence_mentions_and_a_misplaced_declaration(void **state)
{
    (void)state;
    char *dir = tu_tmpdir();
    /* the declaration after a blank line is what BigBIO strips */
    tu_write(dir, "300-01.xml",
             "\n<?xml version='1.0' encoding='UTF-8'?>\n<root>\n<TEXT><![CDATA[HTN, high BP 170/95]]></TEXT>\n<TAGS>\n"
             "<HYPERTENSION time=\"during DCT\" indicator=\"high bp\" id=\"DOC0\">\n"
             "<HYPERTENSION id=\"M0\" start=\"0\" end=\"3\" text=\"HTN\" time=\"during DCT\" indicator=\"high bp\" />\n"
             "<HYPERTENSION id=\"M1\" start=\"5\" end=\"19\" text=\"high BP 170/95\" time=\"during DCT\" indicator=\"high bp\" />\n"
             "</HYPERTENSION>\n<PHI id=\"P0\" start=\"0\" end=\"3\" text=\"HTN\" TYPE=\"DATE\" />\n</TAGS>\n</root>\n");
    ck_corpus c;
    ck_diag *d;
    assert_int_equal(ix_read(FMT, dir, NULL, 1, &c, &d), CK_OK);
    assert_true(ix_has(d, CK_SEV_NOTE, "XML declaration", 0));
    const ck_doc *doc = c.docs[0];
    assert_int_equal(doc->n_labels, 2);
    assert_string_equal(ck_attr_get(doc->labels[0].attrs, doc->labels[0].n_attrs, "evidence"), "M0,M1");
    assert_int_equal(doc->n_entities, 2);
    assert_string_equal(doc->labels[1].name, "PHI"); /* flat tag with offsets: a label */
    assert_string_equal(ck_attr_get(doc->labels[1].attrs, doc->labels[1].n_attrs, "start"), "0");
    char *out = ix_write(FMT, &c);
    ck_corpus b;
    tu_read(FMT, out, &b);
    tu_assert_corpus_equal(&c, &b);
    ck_corpus_free(&b);
    tu_rmrf(out);
    free(out);
    ck_corpus_free(&c);
    ck_diag_free(d);
    tu_rmrf(dir);
    free(dir);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(document_level_tags_are_labels_and_evidence_entities),
        cmocka_unit_test(round_trip_gives_the_same_documents_and_the_same_bytes),
        cmocka_unit_test(tar_gz_and_zip_read_the_same_as_the_folder),
        cmocka_unit_test(two_evidence_mentions_and_a_misplaced_declaration),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
