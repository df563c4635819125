/*
 * test_mednlp.c — the MedNLP inline-tag family: one document per
 * <article>, tags as standoff spans in code points, attributes in source
 * order, and the writer giving back the identical bytes (escapes, quoting,
 * comments, empty elements, CRLF); errors with file:line.
 */
#include "testutil.h"

#define JA "samples/ntcir-16-real-mednlp/MedTxt-CR-JA-training-sample.xml"

static int diag_has(const ck_diag *d, ck_severity sev, const char *file_part, size_t line,
                    const char *msg_part)
{
    for (size_t i = 0; i < ck_diag_size(d); i++) {
        const ck_diag_item *it = ck_diag_get(d, i);
        if (it->severity == sev && (!file_part || (it->file && strstr(it->file, file_part))) &&
            (!line || it->line == line) && (!msg_part || strstr(it->message, msg_part)))
            return 1;
    }
    return 0;
}

static void assert_span_text(const ck_doc *doc, const ck_entity *e, const char *want)
{
    char *t = tu_span_text(doc, e, 0);
    assert_string_equal(t, want);
    free(t);
}

/* read path, write it back, compare the bytes */
static void assert_writes_back_identical(const char *path)
{
    ck_corpus c;
    tu_read("mednlp", path, &c);
    char *dir = tu_tmpdir();
    char out[1024], *got, *want;
    size_t gn, wn;
    const char *base = strrchr(path, '/');
    snprintf(out, sizeof out, "%s/%s", dir, base ? base + 1 : path); /* same name: same ids */
    ck_diag *d = ck_diag_new(1);
    assert_int_equal(ck_write_corpus("mednlp", out, NULL, &c, d), CK_OK);
    ck_diag_free(d);
    assert_int_equal(ck_read_file(out, &got, &gn, NULL), CK_OK);
    assert_int_equal(ck_read_file(path, &want, &wn, NULL), CK_OK);
    assert_int_equal(gn, wn);
    assert_memory_equal(got, want, wn);
    /* and read -> write -> read gives equal documents */
    ck_corpus b;
    tu_read("mednlp", out, &b);
    tu_assert_corpus_equal(&c, &b);
    free(got);
    free(want);
    ck_corpus_free(&b);
    ck_corpus_free(&c);
    tu_rmrf(dir);
    free(dir);
}

static char *fixture(const char *name, const char *data)
{
    char *dir = tu_tmpdir();
    tu_write(dir, name, data);
    char *p = malloc(strlen(dir) + strlen(name) + 2);
    sprintf(p, "%s/%s", dir, name);
    free(dir);
    return p;
}

static void drop_fixture(char *path)
{
    char *slash = strrchr(path, '/');
    *slash = '\0';
    tu_rmrf(path);
    free(path);
}

static void each_article_is_a_document_with_tags_as_code_point_spans(void **state)
{
    (void)state;
    ck_corpus c;
    tu_read("mednlp", JA, &c);
    assert_int_equal(c.n_docs, 2);
    const ck_doc *doc = c.docs[0];
    assert_string_equal(doc->id, "JP9001-1");
    assert_string_equal(ck_doc_meta(doc, "title"), "\xE5\x92\xB3\xE5\x97\xBD\xE3\x81\xA8\xE5\xBE\xAE"
                                                   "\xE7\x86\xB1\xE3\x81\x8C\xE6\x8C\x81\xE7\xB6\x9A"
                                                   "\xE3\x81\x97\xE3\x81\x9F\xE4\xB8\x80\xE4\xBE\x8B");
    assert_string_equal(ck_doc_meta(doc, "metadata.language"), "JA");
    assert_int_equal(doc->text_cps, 174);
    const ck_entity *e = &doc->entities[2]; /* <d certainty="positive">咳嗽</d> */
    assert_string_equal(e->id, "T3");
    assert_string_equal(e->type, "d");
    assert_int_equal(e->spans[0].start, 18);
    assert_int_equal(e->spans[0].end, 20);
    assert_span_text(doc, e, "\xE5\x92\xB3\xE5\x97\xBD");
    assert_string_equal(e->texts[0], "\xE5\x92\xB3\xE5\x97\xBD");
    /* every tag's span text equals the text stored for it */
    for (size_t k = 0; k < c.n_docs; k++)
        for (size_t i = 0; i < c.docs[k]->n_entities; i++)
            assert_span_text(c.docs[k], &c.docs[k]->entities[i], c.docs[k]->entities[i].texts[0]);
    ck_corpus_free(&c);
}

static void tag_attributes_are_kept_in_source_order(void **state)
{
    (void)state;
    ck_corpus c;
    tu_read("mednlp", JA, &c);
    const ck_doc *doc = c.docs[0];
    const ck_entity *e = &doc->entities[3]; /* <d certainty="positive" correction="微熱">徴熱</d> */
    assert_int_equal(e->spans[0].start, 21);
    assert_int_equal(e->n_attrs, 2);
    assert_string_equal(e->attrs[0].key, "certainty");
    assert_string_equal(e->attrs[0].value, "positive");
    assert_string_equal(e->attrs[1].key, "correction");
    assert_string_equal(e->attrs[1].value, "\xE5\xBE\xAE\xE7\x86\xB1");
    /* t-key at 68, t-val with no attribute */
    int seen = 0;
    for (size_t i = 0; i < doc->n_entities; i++) {
        if (!strcmp(doc->entities[i].type, "t-key")) {
            assert_int_equal(doc->entities[i].spans[0].start, 68);
            assert_string_equal(doc->entities[i].attrs[0].key, "state");
            seen |= 1;
        }
        if (!strcmp(doc->entities[i].type, "t-val")) {
            assert_int_equal(doc->entities[i].n_attrs, 0);
            seen |= 2;
        }
    }
    assert_int_equal(seen, 3);
    ck_corpus_free(&c);
}

static void escaped_characters_are_decoded_into_the_text(void **state)
{
    (void)state;
    ck_corpus c;
    tu_read("mednlp", JA, &c);
    assert_non_null(strstr(c.docs[0]->text, "A & B < C"));
    ck_corpus_free(&c);
}

static void bundled_samples_write_back_identical_bytes(void **state)
{
    (void)state;
    assert_writes_back_identical(JA);
    assert_writes_back_identical("samples/ntcir-16-real-mednlp/MedTxt-CR-EN-training-sample.xml");
    assert_writes_back_identical("samples/ntcir-11-mednlp-2/mednlp2-train-sample.xml");
    assert_writes_back_identical("samples/ntcir-10-mednlp/mednlp1-sample.xml");
}

static void unusual_markup_writes_back_identical_bytes(void **state)
{
    (void)state;
    /* single quotes, spaces in tags, a raw '>', a character reference,
     * &quot; in an attribute, a comment, an empty element, CRLF, nesting,
     * a zero-length tag, empty tags inside an empty tag, a CDATA section,
     * no trailing newline */
    char *p = fixture("odd.xml",
                      "<?xml version='1.0'?>\r\n<root><articles>\r\n"
                      "<article title='x &quot;y&quot;' id=\"A1\" >\r\n"
                      "a > b &#x41; <d  certainty='negative' >fever</d >\r\n"
                      "<!-- reviewer note --><r state=\"executed\"><m-key state=\"executed\">drug</m-key> therapy</r>"
                      "<p/><t></t><![CDATA[x<y]]> end<cc><t></t></cc>\r\n"
                      "</article>\r\n\r\n<article id=\"A2\" title=\"\">plain</article></articles></root>");
    assert_writes_back_identical(p);
    ck_corpus c;
    tu_read("mednlp", p, &c);
    const ck_doc *doc = c.docs[0];
    assert_string_equal(doc->id, "A1");
    assert_string_equal(ck_doc_meta(doc, "title"), "x \"y\"");
    assert_non_null(strstr(doc->text, "a > b A fever"));
    assert_non_null(strstr(doc->text, "x<y end"));
    assert_string_equal(doc->entities[0].type, "d");
    assert_span_text(doc, &doc->entities[0], "fever");
    assert_string_equal(doc->entities[1].type, "r");
    assert_span_text(doc, &doc->entities[1], "drug therapy");
    assert_string_equal(doc->entities[2].type, "m-key");
    assert_span_text(doc, &doc->entities[2], "drug");
    assert_int_equal(doc->entities[3].spans[0].start, doc->entities[3].spans[0].end);
    ck_corpus_free(&c);
    drop_fixture(p);
}

static void file_without_articles_is_one_document_named_after_the_file(void **state)
{
    (void)state;
    ck_corpus c;
    tu_read("mednlp", "samples/ntcir-10-mednlp/mednlp1-sample.xml", &c);
    assert_int_equal(c.n_docs, 1);
    assert_string_equal(c.docs[0]->id, "mednlp1-sample");
    assert_string_equal(c.docs[0]->entities[0].type, "a");
    assert_int_equal(c.docs[0]->entities[0].spans[0].start, 1);
    ck_corpus_free(&c);
}

static void mednlp2_complaints_keep_icd_then_modality(void **state)
{
    (void)state;
    ck_corpus c;
    tu_read("mednlp", "samples/ntcir-11-mednlp-2/mednlp2-train-sample.xml", &c);
    const ck_entity *e = &c.docs[0]->entities[2];
    assert_string_equal(e->type, "c");
    assert_string_equal(e->attrs[0].key, "icd");
    assert_string_equal(e->attrs[0].value, "R11_");
    assert_string_equal(e->attrs[1].key, "modality");
    assert_string_equal(e->attrs[1].value, "negation");
    ck_corpus_free(&c);
}

static void documents_from_elsewhere_are_written_in_canonical_form(void **state)
{
    (void)state;
    ck_doc *doc = ck_doc_new("X1");
    const char *t = "Fever & cough.";
    ck_doc_set_text(doc, t, strlen(t), NULL);
    ck_doc_add_meta(doc, "title", "T");
    ck_entity *e = ck_doc_add_entity(doc, "E1", "d");
    ck_entity_add_span(doc, e, 0, 5, NULL);
    ck_entity_add_attr(doc, e, NULL, "certainty", "positive");
    e = ck_doc_add_entity(doc, "E2", "d");
    ck_entity_add_span(doc, e, 8, 13, NULL);
    e = ck_doc_add_entity(doc, "E3", "a"); /* crosses E2: cannot be inline */
    ck_entity_add_span(doc, e, 10, 14, NULL);
    ck_corpus c;
    ck_corpus_init(&c);
    ck_corpus_add(&c, doc);
    char *dir = tu_tmpdir();
    char out[1024], *got;
    size_t n;
    snprintf(out, sizeof out, "%s/o.xml", dir);
    ck_diag *d = ck_diag_new(0);
    assert_int_equal(ck_write_corpus("mednlp", out, NULL, &c, d), CK_OK);
    assert_true(diag_has(d, CK_SEV_ERROR, "o.xml", 0, "entity E3: crosses another tag"));
    ck_diag_free(d);
    assert_int_equal(ck_read_file(out, &got, &n, NULL), CK_OK);
    assert_string_equal(got, "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<root>\n<articles>\n"
                             "<article id=\"X1\" title=\"T\"><d certainty=\"positive\">Fever</d> &amp; "
                             "<d>cough</d>.</article>\n</articles>\n</root>\n");
    free(got);
    d = ck_diag_new(1);
    assert_int_equal(ck_write_corpus("mednlp", out, NULL, &c, d), CK_ERR_PARSE);
    ck_diag_free(d);
    ck_corpus_free(&c);
    tu_rmrf(dir);
    free(dir);
}

static void malformed_xml_and_entity_declarations_are_errors_with_their_line(void **state)
{
    (void)state;
    char *p = fixture("bad.xml", "<root>\n<article id=\"1\">\n<d>fever</article>\n</root>\n");
    ck_corpus c;
    ck_diag *d = ck_diag_new(0);
    ck_corpus_init(&c);
    assert_int_equal(ck_read_corpus("mednlp", p, NULL, &c, d), CK_OK);
    assert_int_equal(c.n_docs, 0);
    assert_true(diag_has(d, CK_SEV_ERROR, "bad.xml", 3, "mismatched tag"));
    ck_diag_free(d);
    ck_corpus_free(&c);
    drop_fixture(p);
    p = fixture("ent.xml", "<?xml version=\"1.0\"?>\n<!DOCTYPE root [\n<!ENTITY x \"boom\">\n]>\n"
                           "<root><article id=\"1\">&x;</article></root>\n");
    d = ck_diag_new(1);
    ck_corpus_init(&c);
    assert_int_equal(ck_read_corpus("mednlp", p, NULL, &c, d), CK_ERR_PARSE);
    assert_true(diag_has(d, CK_SEV_ERROR, "ent.xml", 3, "refused"));
    ck_diag_free(d);
    ck_corpus_free(&c);
    drop_fixture(p);
}

static void loose_markup_reads_the_nii_typo_and_stray_ampersands_and_writes_them_back(void **state)
{
    (void)state;
    const char *path = "samples/ntcir-11-mednlp-2/mednlp2sub-sample.xml";
    const char *opts[] = {"markup=loose", NULL};
    /* as XML it is refused, with its line and a hint */
    ck_corpus c;
    ck_diag *d = ck_diag_new(0);
    ck_corpus_init(&c);
    assert_int_equal(ck_read_corpus("mednlp", path, NULL, &c, d), CK_OK);
    assert_true(diag_has(d, CK_SEV_ERROR, "mednlp2sub-sample.xml", 1, "markup=loose"));
    ck_diag_free(d);
    ck_corpus_free(&c);
    d = ck_diag_new(1);
    ck_corpus_init(&c);
    assert_int_equal(ck_read_corpus("mednlp", path, opts, &c, d), CK_OK);
    ck_diag_free(d);
    assert_int_equal(c.n_docs, 1);
    const ck_doc *doc = c.docs[0];
    assert_string_equal(doc->id, "mednlp2sub-sample");
    const ck_entity *e = &doc->entities[1]; /* <cicd="R51_">頭痛</c> */
    assert_string_equal(e->type, "c");
    assert_string_equal(e->attrs[0].key, "icd");
    assert_string_equal(e->attrs[0].value, "R51_");
    assert_int_equal(e->spans[0].start, 10); /* ２０１４年１月８日 (9) + ， */
    assert_span_text(doc, e, "\xE9\xA0\xAD\xE7\x97\x9B");
    assert_non_null(strstr(doc->text, " & "));
    /* written back byte for byte */
    char *dir = tu_tmpdir();
    char out[1024], *got, *want;
    size_t gn, wn;
    snprintf(out, sizeof out, "%s/mednlp2sub-sample.xml", dir);
    assert_int_equal(ck_write_corpus("mednlp", out, NULL, &c, NULL), CK_OK);
    assert_int_equal(ck_read_file(out, &got, &gn, NULL), CK_OK);
    assert_int_equal(ck_read_file(path, &want, &wn, NULL), CK_OK);
    assert_int_equal(gn, wn);
    assert_memory_equal(got, want, wn);
    free(got);
    free(want);
    ck_corpus_free(&c);
    tu_rmrf(dir);
    free(dir);
}

static void loose_markup_gives_the_same_documents_as_xml_on_well_formed_files(void **state)
{
    (void)state;
    const char *opts[] = {"markup=loose", NULL};
    ck_corpus a, b;
    tu_read("mednlp", JA, &a);
    ck_diag *d = ck_diag_new(1);
    ck_corpus_init(&b);
    assert_int_equal(ck_read_corpus("mednlp", JA, opts, &b, d), CK_OK);
    tu_assert_corpus_equal(&a, &b);
    ck_diag_free(d);
    ck_corpus_free(&a);
    ck_corpus_free(&b);
}

static void loose_markup_reports_unclosed_and_mismatched_tags_at_their_line(void **state)
{
    (void)state;
    const char *opts[] = {"markup=loose", NULL};
    char *p = fixture("l.xml", "ok <d>fever</d>\n<c>cough\n</d>\n");
    ck_corpus c;
    ck_diag *d = ck_diag_new(0);
    ck_corpus_init(&c);
    assert_int_equal(ck_read_corpus("mednlp", p, opts, &c, d), CK_OK);
    assert_int_equal(c.n_docs, 0);
    assert_true(diag_has(d, CK_SEV_ERROR, "l.xml", 3, "does not match"));
    ck_diag_free(d);
    ck_corpus_free(&c);
    drop_fixture(p);
    p = fixture("u.xml", "a\n<t>b\n");
    d = ck_diag_new(1);
    ck_corpus_init(&c);
    assert_int_equal(ck_read_corpus("mednlp", p, opts, &c, d), CK_ERR_PARSE);
    assert_true(diag_has(d, CK_SEV_ERROR, "u.xml", 2, "never closed"));
    ck_diag_free(d);
    ck_corpus_free(&c);
    drop_fixture(p);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(each_article_is_a_document_with_tags_as_code_point_spans),
        cmocka_unit_test(tag_attributes_are_kept_in_source_order),
        cmocka_unit_test(escaped_characters_are_decoded_into_the_text),
        cmocka_unit_test(bundled_samples_write_back_identical_bytes),
        cmocka_unit_test(unusual_markup_writes_back_identical_bytes),
        cmocka_unit_test(file_without_articles_is_one_document_named_after_the_file),
        cmocka_unit_test(mednlp2_complaints_keep_icd_then_modality),
        cmocka_unit_test(documents_from_elsewhere_are_written_in_canonical_form),
        cmocka_unit_test(malformed_xml_and_entity_declarations_are_errors_with_their_line),
        cmocka_unit_test(loose_markup_reads_the_nii_typo_and_stray_ampersands_and_writes_them_back),
        cmocka_unit_test(loose_markup_gives_the_same_documents_as_xml_on_well_formed_files),
        cmocka_unit_test(loose_markup_reports_unclosed_and_mismatched_tags_at_their_line),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
