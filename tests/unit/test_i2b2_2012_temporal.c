/*
 * test_i2b2_2012_temporal.c — the i2b2 2012 temporal XML format: offsets
 * count the CDATA's leading newline and literal "&apos;" (6 characters),
 * TLINKs become Source/Target relations with attr Type, byte-identical
 * round trip, archives, and the corpus defects (raw '&' in attributes,
 * TLINK to "Admission", empty type, duplicate TLINK ids).
 */
#include "i2b2x_util.h"

#define SAMPLE "samples/i2b2-2012-temporal"
#define FMT "i2b2-2012-temporal"
#define DOC1 "2012-07-15.original-annotation.release/1"
#define DOC2 "2012-07-15.original-annotation.release/2"

static void offsets_count_the_leading_newline_of_the_cdata(void **state)
{
    (void)state;
    ck_corpus c;
    tu_read(FMT, SAMPLE, &c);
    assert_int_equal(c.n_docs, 2); /* N.xml.txt files are not documents */
    const ck_doc *doc = ix_doc(&c, DOC1);
    assert_string_equal(ck_doc_meta(doc, "root"), "ClinicalNarrativeTemporalAnnotation");
    assert_int_equal(doc->text[0], '\n');
    const ck_entity *e = ix_ent(doc, "E0");
    assert_int_equal(e->spans[0].start, 1);
    assert_int_equal(e->spans[0].end, 10);
    e = ix_ent(doc, "E4");
    assert_int_equal(e->spans[0].start, 157);
    assert_int_equal(e->spans[0].end, 180);
    assert_string_equal(e->attrs[0].key, "modality");
    assert_string_equal(e->attrs[2].key, "type");
    assert_string_equal(e->attrs[2].value, "TEST");
    e = ix_ent(doc, "S1");
    assert_string_equal(e->type, "SECTIME");
    assert_int_equal(e->spans[0].start, 46);
    ix_texts_match(&c);
    ck_corpus_free(&c);
}

static void literal_apos_in_cdata_counts_six_characters_after_accented_text(void **state)
{
    (void)state;
    ck_corpus c;
    tu_read(FMT, SAMPLE, &c);
    const ck_doc *doc = ix_doc(&c, DOC2);
    /* "Mrs. Nuñez&apos;s fever": ñ is one code point, &apos; six */
    const ck_entity *e = ix_ent(doc, "E2");
    char *t = tu_span_text(doc, e, 0);
    assert_string_equal(t, "fever");
    free(t);
    assert_int_equal(e->spans[0].start, 76); /* bytes would say 77 */
    const char *p = strstr(doc->text, "&apos;");
    assert_non_null(p);
    e = ix_ent(doc, "T2");
    assert_string_equal(ck_attr_get(e->attrs, e->n_attrs, "mod"), "APPROX");
    ck_corpus_free(&c);
}

static void tlinks_are_relations_with_source_target_and_type(void **state)
{
    (void)state;
    ck_corpus c;
    tu_read(FMT, SAMPLE, &c);
    const ck_doc *doc = ix_doc(&c, DOC1);
    assert_int_equal(doc->n_relations, 4);
    const ck_relation *r = &doc->relations[2];
    assert_string_equal(r->id, "SECTIME0");
    assert_string_equal(r->type, "TLINK");
    assert_int_equal(r->n_args, 2);
    assert_string_equal(r->args[0].role, "Source");
    assert_string_equal(r->args[0].ref, "E3");
    assert_string_equal(r->args[1].role, "Target");
    assert_string_equal(r->args[1].ref, "T0");
    assert_string_equal(ck_attr_get(r->attrs, r->n_attrs, "Type"), "OVERLAP");
    assert_string_equal(ck_attr_get(r->attrs, r->n_attrs, "fromText"), "chest pain");
    /* a TLINK to "Discharge", an id no tag has, is kept as written */
    doc = ix_doc(&c, DOC2);
    assert_string_equal(doc->relations[3].args[1].ref, "Discharge");
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
    char cmd[2048];
    snprintf(cmd, sizeof cmd, "diff -r -x '*.txt' '%s' '%s' >/dev/null", SAMPLE, out);
    assert_int_equal(system(cmd), 0);
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

static void raw_ampersand_empty_type_and_duplicate_ids_are_read(void **state)
{
    (void)state;
    char *dir = tu_tmpdir();
    tu_write(dir, "23.xml",
             "<?xml version=\"1.0\" encoding=\"UTF-8\" ?>\n<ClinicalNarrativeTemporalAnnotation>\n"
             "<TEXT><![CDATA[\nD&C done &amp; PT&OT today\n]]></TEXT>\n<TAGS>\n"
             "<EVENT id=\"E0\" start=\"1\" end=\"4\" text=\"D&C\" modality=\"FACTUAL\" polarity=\"POS\" type=\"\" />\n"
             "<EVENT id=\"E1\" start=\"21\" end=\"26\" text=\"PT&OT\" modality=\"FACTUAL\" polarity=\"POS\" type=\"TREATMENT\" />\n"
             "<TLINK id=\"TL0\" fromID=\"E0\" fromText=\"D&C\" toID=\"Admission\" toText=\"Admission\" type=\"\" />\n"
             "<TLINK id=\"TL0\" fromID=\"E1\" fromText=\"PT&OT\" toID=\"E0\" toText=\"D&C\" type=\"after\" />\n"
             "</TAGS>\n</ClinicalNarrativeTemporalAnnotation>\n");
    ck_corpus c;
    ck_diag *d;
    assert_int_equal(ix_read(FMT, dir, NULL, 1, &c, &d), CK_OK);
    assert_true(ix_has(d, CK_SEV_NOTE, "raw '&'", 0));
    const ck_doc *doc = c.docs[0];
    assert_string_equal(doc->entities[0].texts[0], "D&C");
    assert_string_equal(doc->entities[0].attrs[2].value, "");
    /* CDATA is not unescaped: "&amp;" is 5 characters of text */
    char *t = tu_span_text(doc, &doc->entities[1], 0);
    assert_string_equal(t, "PT&OT");
    free(t);
    assert_int_equal(doc->n_relations, 2);
    assert_string_equal(doc->relations[0].id, doc->relations[1].id);
    assert_string_equal(ck_attr_get(doc->relations[1].attrs, doc->relations[1].n_attrs, "Type"), "after");
    /* written back with escaped '&', it reads to the same document */
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

static void a_tag_without_offsets_or_link_ids_is_an_error_at_its_line(void **state)
{
    (void)state;
    char *dir = tu_tmpdir();
    tu_write(dir, "5.xml",
             "<?xml version=\"1.0\" encoding=\"UTF-8\" ?>\n<ClinicalNarrativeTemporalAnnotation>\n"
             "<TEXT><![CDATA[\nx\n]]></TEXT>\n<TAGS>\n<EVENT id=\"E0\" text=\"x\" />\n</TAGS>\n"
             "</ClinicalNarrativeTemporalAnnotation>\n");
    ck_corpus c;
    ck_diag *d;
    assert_int_equal(ix_read(FMT, dir, NULL, 1, &c, &d), CK_ERR_PARSE);
    assert_true(ix_has(d, CK_SEV_ERROR, "expected start/end", 7));
    ck_corpus_free(&c);
    ck_diag_free(d);
    tu_rmrf(dir);
    free(dir);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(offsets_count_the_leading_newline_of_the_cdata),
        cmocka_unit_test(literal_apos_in_cdata_counts_six_characters_after_accented_text),
        cmocka_unit_test(tlinks_are_relations_with_source_target_and_type),
        cmocka_unit_test(round_trip_gives_the_same_documents_and_the_same_bytes),
        cmocka_unit_test(tar_gz_and_zip_read_the_same_as_the_folder),
        cmocka_unit_test(raw_ampersand_empty_type_and_duplicate_ids_are_read),
        cmocka_unit_test(a_tag_without_offsets_or_link_ids_is_an_error_at_its_line),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
