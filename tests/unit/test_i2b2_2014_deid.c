/*
 * test_i2b2_2014_deid.c — the i2b2/UTHealth 2014 de-id XML format: the
 * bundled sample, exact code-point offsets past accented/CJK text, byte-
 * identical round trip, archives, the corpus quirks (byte-like offsets,
 * text attribute that differs, <PHI> element, MEDDOCAN root), and what
 * bad input gives.
 */
#include "i2b2x_util.h"

#define SAMPLE "samples/i2b2-2014-deid"
#define FMT "i2b2-2014-deid"

static void sample_reads_with_exact_code_point_offsets(void **state)
{
    (void)state;
    ck_corpus c;
    tu_read(FMT, SAMPLE, &c);
    assert_int_equal(c.n_docs, 3);
    const ck_doc *doc = ix_doc(&c, "training-PHI-Gold-Set1/900-02");
    assert_string_equal(ck_doc_meta(doc, "root"), "deIdi2b2");
    const ck_entity *e = ix_ent(doc, "P2"); /* "Renée Ōkubo": 2 non-ASCII letters */
    assert_string_equal(e->type, "NAME");
    assert_int_equal(e->spans[0].start, 50);
    assert_int_equal(e->spans[0].end, 61);
    char *t = tu_span_text(doc, e, 0);
    assert_string_equal(t, "Ren\xC3\xA9" "e \xC5\x8Ckubo");
    free(t);
    assert_int_equal(e->n_attrs, 2);
    assert_string_equal(e->attrs[0].key, "TYPE");
    assert_string_equal(e->attrs[0].value, "PATIENT");
    assert_string_equal(e->attrs[1].key, "comment");
    assert_string_equal(e->attrs[1].value, "");
    /* after two accented letters, two curly apostrophes and 心电图 */
    e = ix_ent(doc, "P15");
    assert_int_equal(e->spans[0].start, 280);
    assert_int_equal(e->spans[0].end, 286);
    assert_string_equal(e->texts[0], "Li Wen");
    e = ix_ent(doc, "P8"); /* text="Hale &amp; Ortiz" */
    assert_string_equal(e->texts[0], "Hale & Ortiz");
    ix_texts_match(&c);
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

#define HEAD "<?xml version=\"1.0\" encoding=\"UTF-8\" ?>\n<deIdi2b2>\n<TEXT><![CDATA["
#define MID "]]></TEXT>\n<TAGS>\n"
#define TAIL "</TAGS>\n</deIdi2b2>\n"

static ck_status read_one(const char *xml, const char *const *opts, int strict,
                          ck_corpus *c, ck_diag **d, char **dir)
{
    *dir = tu_tmpdir();
    tu_write(*dir, "180-03.xml", xml);
    return ix_read(FMT, *dir, opts, strict, c, d);
}

static void byte_like_offsets_after_curly_apostrophes_are_moved_to_the_text(void **state)
{
    (void)state;
    /* 180-03.xml: offsets counted 2 extra per U+2019 (its UTF-8 length - 1) */
    const char *xml = HEAD "12 O\xE2\x80\x99neil\xE2\x80\x99s Court, Dr. Kay, seen today." MID
                      "<NAME id=\"P0\" start=\"27\" end=\"30\" text=\"Kay\" TYPE=\"DOCTOR\" comment=\"\" />\n" TAIL;
    ck_corpus c;
    ck_diag *d;
    char *dir;
    assert_int_equal(read_one(xml, NULL, 1, &c, &d, &dir), CK_OK);
    const ck_entity *e = ix_ent(c.docs[0], "P0");
    assert_int_equal(e->spans[0].start, 23);
    assert_int_equal(e->spans[0].end, 26);
    assert_true(ix_has(d, CK_SEV_NOTE, "moved to 23-26", 5));
    ck_corpus_free(&c);
    ck_diag_free(d);
    /* fix-offsets=no keeps what the file says */
    const char *keep[] = {"fix-offsets=no", NULL};
    assert_int_equal(ix_read(FMT, dir, keep, 1, &c, &d), CK_OK);
    assert_int_equal(c.docs[0]->entities[0].spans[0].start, 27);
    ck_corpus_free(&c);
    ck_diag_free(d);
    tu_rmrf(dir);
    free(dir);
}

static void a_text_attribute_that_differs_from_the_text_is_kept_as_written(void **state)
{
    (void)state;
    /* 188-05.xml: TEXT says "Johnson & Johnson", the attribute "Johnson and Johnson" */
    const char *xml = HEAD "Made by Johnson & Johnson." MID
                      "<LOCATION id=\"P0\" start=\"8\" end=\"25\" text=\"Johnson and Johnson\" TYPE=\"ORGANIZATION\" comment=\"\" />\n" TAIL;
    ck_corpus c;
    ck_diag *d;
    char *dir;
    assert_int_equal(read_one(xml, NULL, 1, &c, &d, &dir), CK_OK);
    const ck_entity *e = &c.docs[0]->entities[0];
    assert_int_equal(e->spans[0].start, 8);
    assert_int_equal(e->spans[0].end, 25);
    assert_string_equal(e->texts[0], "Johnson and Johnson");
    ck_diag *chk = ck_diag_new(0);
    assert_int_equal(ck_doc_check(c.docs[0], "x", chk), 1); /* validate reports it */
    ck_diag_free(chk);
    ck_corpus_free(&c);
    ck_diag_free(d);
    tu_rmrf(dir);
    free(dir);
}

static void a_line_break_the_parser_turned_into_a_space_is_taken_from_the_text(void **state)
{
    (void)state;
    /* a raw newline in an attribute value reaches us as a space */
    const char *xml = HEAD "12 Elm\nStreet" MID
                      "<LOCATION id=\"P0\" start=\"3\" end=\"13\" text=\"Elm\nStreet\" TYPE=\"STREET\" comment=\"\" />\n" TAIL;
    ck_corpus c;
    ck_diag *d;
    char *dir;
    assert_int_equal(read_one(xml, NULL, 1, &c, &d, &dir), CK_OK);
    assert_string_equal(c.docs[0]->entities[0].texts[0], "Elm\nStreet");
    ix_texts_match(&c);
    ck_corpus_free(&c);
    ck_diag_free(d);
    tu_rmrf(dir);
    free(dir);
}

static void tags_before_text_are_checked_once_the_text_is_read(void **state)
{
    (void)state;
    const char *xml = "<deIdi2b2>\n<TAGS>\n"
                      "<DATE id=\"P0\" start=\"1\" end=\"5\" text=\"2090\" TYPE=\"DATE\" />\n"
                      "<DATE id=\"P1\" start=\"9\" end=\"30\" text=\"x\" TYPE=\"DATE\" />\n"
                      "</TAGS>\n<TEXT><![CDATA[On 2090 today]]></TEXT>\n</deIdi2b2>\n";
    ck_corpus c;
    ck_diag *d;
    char *dir;
    assert_int_equal(read_one(xml, NULL, 0, &c, &d, &dir), CK_OK);
    assert_int_equal(c.docs[0]->entities[0].spans[0].start, 3); /* moved */
    assert_true(ix_has(d, CK_SEV_NOTE, "moved to 3-7", 3));
    assert_true(ix_has(d, CK_SEV_ERROR, "beyond the text", 4));
    ck_corpus_free(&c);
    ck_diag_free(d);
    tu_rmrf(dir);
    free(dir);
}

static void latin1_and_utf16_files_are_converted_to_utf8(void **state)
{
    (void)state;
    char *dir = tu_tmpdir();
    /* ISO-8859-1: "José" is 4 characters, stored as UTF-8 */
    tu_write(dir, "a.xml", "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>\n<deIdi2b2><TEXT><![CDATA[Dr Jos\xE9 Li]]></TEXT>"
                           "<TAGS><NAME id=\"P0\" start=\"3\" end=\"10\" text=\"Jos\xE9 Li\" TYPE=\"DOCTOR\"/></TAGS></deIdi2b2>\n");
    /* UTF-16LE with a BOM */
    const char *ascii = "<deIdi2b2><TEXT><![CDATA[a & b]]></TEXT><TAGS><DATE id=\"P0\" start=\"4\" end=\"5\" text=\"b\" TYPE=\"DATE\"/></TAGS></deIdi2b2>";
    size_t n = strlen(ascii);
    char *u16 = malloc(2 * n + 2);
    u16[0] = (char)0xFF;
    u16[1] = (char)0xFE;
    for (size_t i = 0; i < n; i++) {
        u16[2 + 2 * i] = ascii[i];
        u16[3 + 2 * i] = 0;
    }
    char path[1200];
    snprintf(path, sizeof path, "%s/b.xml", dir);
    assert_int_equal(ck_write_file(path, u16, 2 * n + 2, NULL), CK_OK);
    free(u16);
    ck_corpus c;
    tu_read(FMT, dir, &c);
    assert_int_equal(c.n_docs, 2);
    assert_string_equal(c.docs[0]->text, "Dr Jos\xC3\xA9 Li");
    assert_string_equal(c.docs[1]->text, "a & b");
    ix_texts_match(&c);
    ck_corpus_free(&c);
    tu_rmrf(dir);
    free(dir);
}

static void phi_element_keeps_its_name_as_the_type(void **state)
{
    (void)state;
    const char *xml = HEAD "Dr. Kay" MID
                      "<PHI id=\"P0\" start=\"4\" end=\"7\" text=\"Kay\" TYPE=\"DOCTOR\" />\n" TAIL;
    ck_corpus c;
    ck_diag *d;
    char *dir;
    assert_int_equal(read_one(xml, NULL, 1, &c, &d, &dir), CK_OK);
    assert_string_equal(c.docs[0]->entities[0].type, "PHI");
    assert_string_equal(c.docs[0]->entities[0].attrs[0].value, "DOCTOR");
    ck_corpus_free(&c);
    ck_diag_free(d);
    tu_rmrf(dir);
    free(dir);
}

static void meddocan_layout_reads_with_its_root_name(void **state)
{
    (void)state;
    /* single-quoted declaration, indented elements, Spanish text, "/>" without space */
    const char *xml = "<?xml version='1.0' encoding='UTF-8'?>\n<MEDDOCAN>\n  <TEXT><![CDATA[Nombre:  Jos\xC3\xA9 Pe\xC3\xB1" "a.]]></TEXT>\n"
                      "  <TAGS>\n    <NAME id=\"T1\" start=\"9\" end=\"18\" text=\"Jos\xC3\xA9 Pe\xC3\xB1" "a\" TYPE=\"NOMBRE_SUJETO_ASISTENCIA\" comment=\"\"/>\n  </TAGS>\n</MEDDOCAN>\n";
    ck_corpus c;
    ck_diag *d;
    char *dir;
    assert_int_equal(read_one(xml, NULL, 1, &c, &d, &dir), CK_OK);
    assert_string_equal(ck_doc_meta(c.docs[0], "root"), "MEDDOCAN");
    assert_int_equal(c.docs[0]->text_cps, 19);
    ix_texts_match(&c);
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

static void cdata_bytes_are_kept_as_they_are_and_cdata_end_is_split(void **state)
{
    (void)state;
    ck_doc *doc = ck_doc_new("x");
    ck_doc_add_meta(doc, "root", "deIdi2b2");
    const char *t = "line one\r\nsee ]]> here\n";
    assert_int_equal(ck_doc_set_text(doc, t, strlen(t), NULL), 0);
    ck_entity *e = ck_doc_add_entity(doc, "P0", "DATE");
    ck_entity_add_span(doc, e, 14, 17, "]]>");
    ck_corpus c;
    ck_corpus_init(&c);
    ck_corpus_add(&c, doc);
    char *out = ix_write(FMT, &c);
    ck_corpus b;
    tu_read(FMT, out, &b);
    tu_assert_corpus_equal(&c, &b);
    assert_int_equal(b.docs[0]->text_bytes, strlen(t)); /* \r kept */
    ck_corpus_free(&b);
    ck_corpus_free(&c);
    tu_rmrf(out);
    free(out);
}

static void names_that_are_not_xml_names_still_give_well_formed_xml(void **state)
{
    (void)state;
    /* a document from another format: type with a space, an attribute
     * named like a span attribute, a key with a space */
    ck_doc *doc = ck_doc_new("x");
    ck_doc_add_meta(doc, "root", "deIdi2b2");
    ck_doc_set_text(doc, "Dr. Kay", 7, NULL);
    ck_entity *e = ck_doc_add_entity(doc, "T1", "Doctor Name");
    ck_entity_add_span(doc, e, 4, 7, "Kay");
    ck_entity_add_attr(doc, e, NULL, "text", "shadow");
    ck_entity_add_attr(doc, e, NULL, "a b", "1");
    ck_corpus c;
    ck_corpus_init(&c);
    ck_corpus_add(&c, doc);
    char *dir = tu_tmpdir();
    char out[1200];
    snprintf(out, sizeof out, "%s/out", dir);
    ck_diag *d = ck_diag_new(1);
    assert_int_equal(ck_write_corpus(FMT, out, NULL, &c, d), CK_OK);
    assert_true(ix_has(d, CK_SEV_WARNING, "written with '_'", 0));
    ck_diag_free(d);
    ck_corpus b;
    tu_read(FMT, out, &b); /* well-formed */
    const ck_entity *r = &b.docs[0]->entities[0];
    assert_string_equal(r->type, "Doctor_Name");
    assert_string_equal(r->texts[0], "Kay");
    assert_int_equal(r->n_attrs, 1);
    assert_string_equal(r->attrs[0].key, "a_b");
    ck_corpus_free(&b);
    ck_corpus_free(&c);
    tu_rmrf(dir);
    free(dir);
}

/* found by fuzz_i2b2_xml: CDATA may hold characters XML attributes cannot */
static void control_characters_and_nonchars_round_trip_through_cdata(void **state)
{
    (void)state;
    ck_doc *doc = ck_doc_new("x");
    ck_doc_add_meta(doc, "root", "deIdi2b2");
    const char *t = "a\x02" "b \xEF\xBF\xBF" "c";
    ck_doc_set_text(doc, t, strlen(t), NULL);
    ck_entity *e = ck_doc_add_entity(doc, "P0", "NAME");
    ck_entity_add_span(doc, e, 0, 6, NULL); /* text taken from the document */
    e = ck_doc_add_entity(doc, "P1", "NAME");
    ck_entity_add_span(doc, e, 0, 6, t);
    ck_corpus c;
    ck_corpus_init(&c);
    ck_corpus_add(&c, doc);
    char *out = ix_write(FMT, &c);
    ck_corpus b;
    tu_read(FMT, out, &b); /* well-formed, and no offset moved */
    assert_string_equal(b.docs[0]->text, t);
    assert_string_equal(b.docs[0]->entities[0].texts[0], t);
    assert_string_equal(b.docs[0]->entities[1].texts[0], t);
    ck_corpus_free(&b);
    ck_corpus_free(&c);
    tu_rmrf(out);
    free(out);
}

static void doctype_declaring_an_entity_is_refused(void **state)
{
    (void)state;
    const char *xml = "<?xml version=\"1.0\"?>\n<!DOCTYPE deIdi2b2 [\n<!ENTITY a \"aaaa\">\n]>\n"
                      "<deIdi2b2><TEXT>&a;</TEXT><TAGS/></deIdi2b2>\n";
    ck_corpus c;
    ck_diag *d;
    char *dir;
    assert_int_equal(read_one(xml, NULL, 1, &c, &d, &dir), CK_ERR_PARSE);
    assert_true(ix_has(d, CK_SEV_ERROR, "declares an entity", 3));
    ck_corpus_free(&c);
    ck_diag_free(d);
    tu_rmrf(dir);
    free(dir);
}

static void malformed_file_is_reported_at_its_line_and_lenient_reads_the_others(void **state)
{
    (void)state;
    char *dir = tu_tmpdir();
    tu_write(dir, "a.xml", HEAD "x\ny\nz" MID "<DATE id=\"P0\" start=\"0\" end=\"1\" text=\"x\">\n" TAIL);
    tu_write(dir, "b.xml", HEAD "ok" MID TAIL);
    ck_corpus c;
    ck_diag *d;
    assert_int_equal(ix_read(FMT, dir, NULL, 1, &c, &d), CK_ERR_PARSE);
    assert_true(ix_has(d, CK_SEV_ERROR, "not well-formed XML", 8));
    ck_corpus_free(&c);
    ck_diag_free(d);
    assert_int_equal(ix_read(FMT, dir, NULL, 0, &c, &d), CK_OK);
    assert_int_equal(c.n_docs, 1);
    assert_string_equal(c.docs[0]->id, "b");
    assert_int_equal(ck_diag_count(d, CK_SEV_ERROR), 1);
    ck_corpus_free(&c);
    ck_diag_free(d);
    tu_rmrf(dir);
    free(dir);
}

static void bad_offsets_are_reported_and_lenient_skips_only_that_tag(void **state)
{
    (void)state;
    const char *xml = HEAD "abc\ndef" MID
                      "<DATE id=\"P0\" start=\"x\" end=\"1\" text=\"a\" />\n"
                      "<DATE id=\"P1\" start=\"4\" end=\"99\" text=\"def\" />\n"
                      "<DATE id=\"P2\" start=\"4\" end=\"7\" text=\"def\" />\n" TAIL;
    ck_corpus c;
    ck_diag *d;
    char *dir;
    assert_int_equal(read_one(xml, NULL, 1, &c, &d, &dir), CK_ERR_PARSE);
    assert_true(ix_has(d, CK_SEV_ERROR, "expected start and end", 6));
    ck_corpus_free(&c);
    ck_diag_free(d);
    assert_int_equal(ix_read(FMT, dir, NULL, 0, &c, &d), CK_OK);
    assert_int_equal(c.docs[0]->n_entities, 2); /* P1 kept for the check below */
    assert_true(ix_has(d, CK_SEV_ERROR, "beyond the text", 7));
    ck_corpus_free(&c);
    ck_diag_free(d);
    tu_rmrf(dir);
    free(dir);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(sample_reads_with_exact_code_point_offsets),
        cmocka_unit_test(round_trip_gives_the_same_documents_and_the_same_bytes),
        cmocka_unit_test(tar_gz_and_zip_read_the_same_as_the_folder),
        cmocka_unit_test(byte_like_offsets_after_curly_apostrophes_are_moved_to_the_text),
        cmocka_unit_test(a_text_attribute_that_differs_from_the_text_is_kept_as_written),
        cmocka_unit_test(a_line_break_the_parser_turned_into_a_space_is_taken_from_the_text),
        cmocka_unit_test(tags_before_text_are_checked_once_the_text_is_read),
        cmocka_unit_test(latin1_and_utf16_files_are_converted_to_utf8),
        cmocka_unit_test(phi_element_keeps_its_name_as_the_type),
        cmocka_unit_test(meddocan_layout_reads_with_its_root_name),
        cmocka_unit_test(cdata_bytes_are_kept_as_they_are_and_cdata_end_is_split),
        cmocka_unit_test(names_that_are_not_xml_names_still_give_well_formed_xml),
        cmocka_unit_test(control_characters_and_nonchars_round_trip_through_cdata),
        cmocka_unit_test(doctype_declaring_an_entity_is_refused),
        cmocka_unit_test(malformed_file_is_reported_at_its_line_and_lenient_reads_the_others),
        cmocka_unit_test(bad_offsets_are_reported_and_lenient_skips_only_that_tag),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
