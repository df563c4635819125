/*
 * test_clef_pipe.c — the pipe formats: share-clef-2013 (also SemEval-2014
 * T7), share-clef-2014 and semeval-2015-t14. Layouts, exact offsets,
 * discontiguous spans, slot values and cues kept verbatim, the documented
 * quirks, errors with file:line, lossless round trips.
 */
#include "testutil.h"

/* Read leniently; returns the status and keeps the diagnostics. */
static ck_status read_lenient(const char *fmt, const char *path, ck_corpus *c, ck_diag **d)
{
    *d = ck_diag_new(0);
    ck_corpus_init(c);
    return ck_read_corpus(fmt, path, NULL, c, *d);
}

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

static void assert_span_text(const ck_doc *doc, const ck_entity *e, size_t k, const char *want)
{
    char *t = tu_span_text(doc, e, k);
    assert_string_equal(t, want);
    free(t);
}

static const ck_doc *find_doc(const ck_corpus *c, const char *id)
{
    for (size_t i = 0; i < c->n_docs; i++)
        if (strcmp(c->docs[i]->id, id) == 0)
            return c->docs[i];
    fail_msg("no document %s", id);
    return NULL;
}

static void roundtrip(const char *fmt, const char *path, ck_opts wopts)
{
    ck_corpus a, b;
    tu_read(fmt, path, &a);
    char *dir = tu_tmpdir();
    char out[1024];
    snprintf(out, sizeof out, "%s/out", dir);
    assert_int_equal(ck_write_corpus(fmt, out, wopts, &a, NULL), CK_OK);
    tu_read(fmt, out, &b);
    tu_assert_corpus_equal(&a, &b);
    ck_corpus_free(&a);
    ck_corpus_free(&b);
    tu_rmrf(dir);
    free(dir);
}

/* ---- share-clef-2013 ---- */

static void clef2013_training_layout_pairs_reports_and_gold_across_folders(void **state)
{
    (void)state;
    ck_corpus c;
    tu_read("share-clef-2013", "samples/share-clef-2013-t1", &c);
    assert_int_equal(c.n_docs, 3);
    const ck_doc *doc = find_doc(&c, "01234-005678-DISCHARGE_SUMMARY");
    assert_non_null(doc->text);
    assert_int_equal(doc->n_entities, 6);
    const ck_entity *e = &doc->entities[0];
    assert_string_equal(e->id, "T1");
    assert_string_equal(e->type, "Disease_Disorder");
    assert_int_equal(e->spans[0].start, 127);
    assert_int_equal(e->spans[0].end, 146);
    assert_span_text(doc, e, 0, "shortness of breath");
    assert_string_equal(e->norms[0].db, "UMLS");
    assert_string_equal(e->norms[0].id, "C0013404");
    assert_string_equal(ck_doc_meta(doc, "docname"), "01234-005678-DISCHARGE_SUMMARY.txt");
    ck_corpus_free(&c);
}

static void clef2013_discontiguous_disorder_keeps_every_pair_in_order(void **state)
{
    (void)state;
    ck_corpus c;
    tu_read("share-clef-2013", "samples/share-clef-2013-t1", &c);
    const ck_doc *doc = find_doc(&c, "01234-005678-DISCHARGE_SUMMARY");
    const ck_entity *e = &doc->entities[3];
    assert_int_equal(e->n_spans, 2);
    assert_int_equal(e->spans[0].start, 203);
    assert_int_equal(e->spans[0].end, 209);
    assert_int_equal(e->spans[1].start, 224);
    assert_int_equal(e->spans[1].end, 237);
    assert_span_text(doc, e, 0, "mitral");
    assert_span_text(doc, e, 1, "regurgitation");
    /* a disorder may cross a line break */
    assert_span_text(doc, &doc->entities[4], 0, "tricuspid\nregurgitation");
    ck_corpus_free(&c);
}

static void clef2013_cui_less_and_lower_case_cuis_are_stored_verbatim(void **state)
{
    (void)state;
    ck_corpus c;
    tu_read("share-clef-2013", "samples/share-clef-2013-t1", &c);
    const ck_doc *doc = find_doc(&c, "01234-005678-DISCHARGE_SUMMARY");
    assert_string_equal(doc->entities[1].norms[0].id, "CUI-less");
    assert_string_equal(doc->entities[1].norms[0].db, "UMLS");
    assert_string_equal(doc->entities[3].norms[0].id, "c0026266");
    ck_corpus_free(&c);
}

static void clef2013_test_gold_has_the_report_name_in_a_gold_folder(void **state)
{
    (void)state;
    ck_corpus c;
    tu_read("share-clef-2013", "samples/share-clef-2013-t1", &c);
    const ck_doc *doc = find_doc(&c, "03456-007890-ECG_REPORT");
    assert_non_null(doc->text);
    assert_int_equal(doc->n_entities, 2);
    assert_span_text(doc, &doc->entities[0], 0, "Left atrial enlargement");
    /* an empty gold file: a report without disorders */
    doc = find_doc(&c, "04567-008901-ECHO_REPORT");
    assert_non_null(doc->text);
    assert_int_equal(doc->n_entities, 0);
    ck_corpus_free(&c);
}

static void clef2013_semeval_text_and_pipe_files_count_crlf_as_two_characters(void **state)
{
    (void)state;
    ck_corpus c;
    tu_read("share-clef-2013", "samples/semeval-2014-t7", &c);
    assert_int_equal(c.n_docs, 1);
    const ck_doc *doc = c.docs[0];
    assert_int_equal(doc->n_entities, 4);
    assert_int_equal(doc->entities[1].spans[0].start, 85); /* 64 characters before, CR LF included */
    assert_span_text(doc, &doc->entities[1], 0, "right sided weakness");
    ck_corpus_free(&c);
}

static void clef2013_offsets_count_code_points_not_bytes(void **state)
{
    (void)state;
    char *dir = tu_tmpdir();
    /* "Fièvre 高熱 fever": è is 2 bytes, 高熱 3 bytes each */
    tu_write(dir, "r/X.txt", "Fi\xC3\xA8vre \xE9\xAB\x98\xE7\x86\xB1 fever\n");
    tu_write(dir, "g/X.pipe.txt", "X.txt||Disease_Disorder||C0015967||7||9\n"
                                  "X.txt||Disease_Disorder||C0015967||0||6||10||15\n");
    ck_corpus c;
    tu_read("share-clef-2013", dir, &c);
    const ck_doc *doc = c.docs[0];
    assert_span_text(doc, &doc->entities[0], 0, "\xE9\xAB\x98\xE7\x86\xB1");
    assert_span_text(doc, &doc->entities[1], 0, "Fi\xC3\xA8vre");
    assert_span_text(doc, &doc->entities[1], 1, "fever");
    ck_corpus_free(&c);
    tu_rmrf(dir);
    free(dir);
}

static void clef2013_bad_lines_are_errors_with_file_and_line_and_lenient_keeps_the_rest(void **state)
{
    (void)state;
    char *dir = tu_tmpdir();
    tu_write(dir, "X.txt", "chest pain and fever\n");
    tu_write(dir, "X.pipe.txt", "X.txt||Disease_Disorder||C1||0||10\r\n"
                                "\r\n"
                                "X.txt||Disease_Disorder||C2||15\n"      /* even field count */
                                "X.txt||Disease_Disorder||C3||9||x\n"    /* not a number */
                                "X.txt||Disease_Disorder||C4||20||15\n"  /* start > end */
                                "X.txt||Disease_Disorder||C5||15||20\n");
    ck_corpus c;
    ck_diag *d;
    assert_int_equal(read_lenient("share-clef-2013", dir, &c, &d), CK_OK);
    assert_int_equal(c.n_docs, 1);
    assert_int_equal(c.docs[0]->n_entities, 2);
    assert_string_equal(c.docs[0]->entities[1].norms[0].id, "C5");
    assert_int_equal(ck_diag_count(d, CK_SEV_ERROR), 3);
    assert_true(diag_has(d, CK_SEV_ERROR, "X.pipe.txt", 3, "odd number of fields"));
    assert_true(diag_has(d, CK_SEV_ERROR, "X.pipe.txt", 4, "start||end"));
    assert_true(diag_has(d, CK_SEV_ERROR, "X.pipe.txt", 5, "start <= end"));
    ck_diag_free(d);
    ck_corpus_free(&c);
    /* strict: the first bad line stops the read */
    d = ck_diag_new(1);
    ck_corpus_init(&c);
    assert_int_equal(ck_read_corpus("share-clef-2013", dir, NULL, &c, d), CK_ERR_PARSE);
    assert_int_equal(ck_diag_count(d, CK_SEV_ERROR), 1);
    ck_diag_free(d);
    ck_corpus_free(&c);
    tu_rmrf(dir);
    free(dir);
}

static void clef2013_gold_without_report_gives_a_document_without_text(void **state)
{
    (void)state;
    char *dir = tu_tmpdir();
    tu_write(dir, "Y.pipe", "Y.txt||Disease_Disorder||CUI-less||3||8\n");
    ck_corpus c;
    ck_diag *d;
    assert_int_equal(read_lenient("share-clef-2013", dir, &c, &d), CK_OK);
    assert_int_equal(c.n_docs, 1);
    assert_null(c.docs[0]->text);
    assert_int_equal(c.docs[0]->entities[0].spans[0].end, 8);
    assert_true(diag_has(d, CK_SEV_WARNING, "Y.pipe", 0, "without text"));
    ck_diag_free(d);
    ck_corpus_free(&c);
    tu_rmrf(dir);
    free(dir);
}

static void clef2013_older_gold_folder_is_ignored_with_a_warning_naming_it(void **state)
{
    (void)state;
    char *dir = tu_tmpdir();
    tu_write(dir, "ALLREPORTS test/Z-ECG_REPORT.txt", "sinus tachycardia\n");
    tu_write(dir, "Gold_SN2011/Z-ECG_REPORT.txt", "Z-ECG_REPORT.txt||Disease_Disorder||C1||0||5\n");
    tu_write(dir, "Gold_SN2012/Z-ECG_REPORT.txt", "Z-ECG_REPORT.txt||Disease_Disorder||C2||6||17\n");
    ck_corpus c;
    ck_diag *d;
    assert_int_equal(read_lenient("share-clef-2013", dir, &c, &d), CK_OK);
    assert_int_equal(c.n_docs, 1);
    assert_int_equal(c.docs[0]->n_entities, 1);
    assert_string_equal(c.docs[0]->entities[0].norms[0].id, "C2");
    assert_true(diag_has(d, CK_SEV_WARNING, "Gold_SN2011", 0, "Gold_SN2012"));
    ck_diag_free(d);
    ck_corpus_free(&c);
    tu_rmrf(dir);
    free(dir);
}

static void clef2013_round_trip_is_lossless_in_both_layouts(void **state)
{
    (void)state;
    roundtrip("share-clef-2013", "samples/share-clef-2013-t1", NULL);
    const char *semeval[] = {"layout=semeval", NULL};
    roundtrip("share-clef-2013", "samples/semeval-2014-t7", semeval);
}

static void clef2013_writer_reproduces_the_gold_lines(void **state)
{
    (void)state;
    ck_corpus a;
    tu_read("share-clef-2013", "samples/share-clef-2013-t1", &a);
    char *dir = tu_tmpdir();
    char out[1024], *got, *want;
    size_t gn, wn;
    snprintf(out, sizeof out, "%s/o", dir);
    assert_int_equal(ck_write_corpus("share-clef-2013", out, NULL, &a, NULL), CK_OK);
    snprintf(out, sizeof out, "%s/o/01234-005678-DISCHARGE_SUMMARY.pipe.txt", dir);
    assert_int_equal(ck_read_file(out, &got, &gn, NULL), CK_OK);
    assert_int_equal(ck_read_file("samples/share-clef-2013-t1/CLEFPIPEDELIMITED NoDuplicates 3:7:2013/"
                                  "01234-005678-DISCHARGE_SUMMARY.pipe.txt", &want, &wn, NULL), CK_OK);
    assert_int_equal(gn, wn);
    assert_memory_equal(got, want, wn);
    free(got);
    free(want);
    ck_corpus_free(&a);
    tu_rmrf(dir);
    free(dir);
}

/* ---- share-clef-2014 ---- */

static const char *attr(const ck_entity *e, const char *k)
{
    const char *v = ck_attr_get(e->attrs, e->n_attrs, k);
    if (!v)
        fail_msg("no attribute %s", k);
    return v;
}

static void clef2014_every_slot_value_and_cue_is_kept_in_field_order(void **state)
{
    (void)state;
    ck_corpus c;
    tu_read("share-clef-2014", "samples/share-clef-2014-t2", &c);
    assert_int_equal(c.n_docs, 1);
    const ck_doc *doc = c.docs[0];
    assert_int_equal(doc->n_entities, 6);
    const ck_entity *e = &doc->entities[3]; /* pneumonia */
    assert_span_text(doc, e, 0, "pneumonia");
    assert_int_equal(e->n_attrs, 19);
    static const char *keys[] = {"negation", "negation_cue", "subject", "subject_cue",
                                 "uncertainty", "uncertainty_cue", "course", "course_cue",
                                 "severity", "severity_cue", "conditional", "conditional_cue",
                                 "generic", "generic_cue", "body_location", "body_location_cue",
                                 "doctime", "temporal_expression", "temporal_expression_cue"};
    for (size_t i = 0; i < 19; i++)
        assert_string_equal(e->attrs[i].key, keys[i]);
    assert_string_equal(attr(e, "uncertainty"), "yes");
    assert_string_equal(attr(e, "uncertainty_cue"), "71-79");
    assert_string_equal(attr(e, "course"), "improved");
    assert_string_equal(attr(e, "body_location"), "C0225758");
    assert_string_equal(attr(e, "body_location_cue"), "97-112");
    assert_string_equal(attr(e, "doctime"), "before_overlap");
    /* discontiguous disorder and a temporal expression cue */
    e = &doc->entities[5];
    assert_int_equal(e->n_spans, 2);
    assert_span_text(doc, e, 0, "back");
    assert_span_text(doc, e, 1, "pain");
    assert_string_equal(attr(e, "severity"), "severe");
    assert_string_equal(attr(e, "temporal_expression"), "date");
    assert_string_equal(attr(e, "temporal_expression_cue"), "195-205");
    ck_corpus_free(&c);
}

static void clef2014_cue_typos_nul_and_unmarked_are_accepted_as_no_cue(void **state)
{
    (void)state;
    ck_corpus c;
    tu_read("share-clef-2014", "samples/share-clef-2014-t2", &c);
    const ck_doc *doc = c.docs[0];
    assert_string_equal(attr(&doc->entities[2], "subject_cue"), "nul");
    assert_string_equal(attr(&doc->entities[4], "generic_cue"), "unmarked");
    ck_corpus_free(&c);
}

static void clef2014_short_lines_take_the_default_of_every_slot(void **state)
{
    (void)state;
    char *dir = tu_tmpdir();
    tu_write(dir, "X.txt", "no fever\n");
    tu_write(dir, "X.pipe.txt", "X.txt|3-8|C0015967|\n");
    ck_corpus c;
    tu_read("share-clef-2014", dir, &c);
    const ck_entity *e = &c.docs[0]->entities[0];
    assert_string_equal(attr(e, "negation"), "no");
    assert_string_equal(attr(e, "negation_cue"), "null");
    assert_string_equal(attr(e, "subject"), "patient");
    assert_string_equal(attr(e, "course"), "unmarked");
    assert_string_equal(attr(e, "conditional"), "false");
    assert_string_equal(attr(e, "body_location"), "NULL");
    assert_string_equal(attr(e, "doctime"), "unknown");
    assert_string_equal(attr(e, "temporal_expression"), "none");
    ck_corpus_free(&c);
    tu_rmrf(dir);
    free(dir);
}

static void clef2014_doubled_separators_are_dropped_like_trove_does(void **state)
{
    (void)state;
    char *dir = tu_tmpdir();
    tu_write(dir, "X.txt", "no fever\n");
    tu_write(dir, "X.pipe.txt",
             "X.txt|3-8||C0015967|yes|0-2|patient|null|no|null|unmarked|null|unmarked|null|"
             "false|null|false|null|NULL|null|overlap|none|null\n");
    ck_corpus c;
    ck_diag *d;
    assert_int_equal(read_lenient("share-clef-2014", dir, &c, &d), CK_OK);
    assert_int_equal(ck_diag_count(d, CK_SEV_ERROR), 0);
    assert_true(diag_has(d, CK_SEV_NOTE, "X.pipe.txt", 1, "empty fields"));
    assert_string_equal(c.docs[0]->entities[0].norms[0].id, "C0015967");
    assert_string_equal(attr(&c.docs[0]->entities[0], "negation_cue"), "0-2");
    ck_diag_free(d);
    ck_corpus_free(&c);
    tu_rmrf(dir);
    free(dir);
}

static void clef2014_bad_cue_and_field_count_are_errors_at_their_line(void **state)
{
    (void)state;
    char *dir = tu_tmpdir();
    tu_write(dir, "X.txt", "no fever\n");
    tu_write(dir, "X.pipe.txt",
             "X.txt|3-8|C1|yes|0-2|patient|null|no|null|unmarked|null|unmarked|null|false|null|"
             "false|null|NULL|null|overlap|none|null\n"
             "X.txt|3-8|C2|yes|zero|patient|null|no|null|unmarked|null|unmarked|null|false|null|"
             "false|null|NULL|null|overlap|none|null\n"
             "X.txt|3-8|C3|yes|0-2|patient\n"
             "X.txt|8-3|C4\n");
    ck_corpus c;
    ck_diag *d;
    assert_int_equal(read_lenient("share-clef-2014", dir, &c, &d), CK_OK);
    assert_int_equal(c.docs[0]->n_entities, 1);
    assert_int_equal(ck_diag_count(d, CK_SEV_ERROR), 3);
    assert_true(diag_has(d, CK_SEV_ERROR, "X.pipe.txt", 2, "negation cue"));
    assert_true(diag_has(d, CK_SEV_ERROR, "X.pipe.txt", 3, "expected 22"));
    assert_true(diag_has(d, CK_SEV_ERROR, "X.pipe.txt", 4, "spans"));
    ck_diag_free(d);
    ck_corpus_free(&c);
    tu_rmrf(dir);
    free(dir);
}

static void clef2014_unknown_value_is_a_warning_and_kept(void **state)
{
    (void)state;
    char *dir = tu_tmpdir();
    tu_write(dir, "X.txt", "no fever\n");
    tu_write(dir, "X.pipe.txt",
             "X.txt|3-8|C1|maybe|null|patient|null|no|null|unmarked|null|unmarked|null|false|null|"
             "false|null|NULL|null|overlap|none|null\n");
    ck_corpus c;
    ck_diag *d;
    assert_int_equal(read_lenient("share-clef-2014", dir, &c, &d), CK_OK);
    assert_string_equal(attr(&c.docs[0]->entities[0], "negation"), "maybe");
    assert_true(diag_has(d, CK_SEV_WARNING, "X.pipe.txt", 1, "unknown value"));
    ck_diag_free(d);
    ck_corpus_free(&c);
    tu_rmrf(dir);
    free(dir);
}

static void clef2014_round_trip_is_lossless(void **state)
{
    (void)state;
    roundtrip("share-clef-2014", "samples/share-clef-2014-t2", NULL);
}

/* ---- semeval-2015-t14 ---- */

static void semeval2015_reads_19_fields_with_the_trailing_pipe(void **state)
{
    (void)state;
    ck_corpus c;
    tu_read("semeval-2015-t14", "samples/semeval-2015-t14", &c);
    assert_int_equal(c.n_docs, 1);
    const ck_doc *doc = c.docs[0];
    assert_string_equal(doc->id, "07890-011234-DISCHARGE_SUMMARY");
    assert_int_equal(doc->n_entities, 5);
    const ck_entity *e = &doc->entities[0];
    assert_int_equal(e->spans[0].start, 40);
    assert_int_equal(e->spans[0].end, 51);
    assert_span_text(doc, e, 0, "hepatitis B");
    assert_int_equal(e->n_attrs, 16);
    assert_string_equal(attr(e, "subject"), "donor_other");
    assert_string_equal(attr(e, "subject_cue"), "0-5");
    assert_null(ck_attr_get(e->attrs, e->n_attrs, "doctime"));
    ck_corpus_free(&c);
}

static void semeval2015_spelling_variants_and_missing_trailing_pipe_are_accepted(void **state)
{
    (void)state;
    char *dir = tu_tmpdir();
    tu_write(dir, "d/X.text", "brother: flu\n");
    tu_write(dir, "d/X.pipe",
             "X.txt|9-12|C0021400|no|null|doner_other|0-7|no|null|unmarked|null|unmarked|null|"
             "false|null|false|null|null|null|\n"
             "X.txt|9-12|C0021400|NO|NULL|Patient|null|no|null|unmarked|null|unmarked|null|"
             "false|null|false|null|NULL|null\n");
    ck_corpus c;
    ck_diag *d;
    assert_int_equal(read_lenient("semeval-2015-t14", dir, &c, &d), CK_OK);
    assert_int_equal(ck_diag_count(d, CK_SEV_ERROR), 0);
    assert_int_equal(ck_diag_count(d, CK_SEV_WARNING), 0);
    assert_int_equal(c.docs[0]->n_entities, 2);
    assert_string_equal(attr(&c.docs[0]->entities[0], "subject"), "doner_other");
    assert_string_equal(attr(&c.docs[0]->entities[1], "negation"), "NO");
    ck_diag_free(d);
    ck_corpus_free(&c);
    tu_rmrf(dir);
    free(dir);
}

static void semeval2015_older_22_field_lines_are_read_with_doctime(void **state)
{
    (void)state;
    char *dir = tu_tmpdir();
    tu_write(dir, "X.text", "no fever\n");
    tu_write(dir, "X.pipe.txt",
             "X.txt|3-8|C1|yes|0-2|patient|null|no|null|unmarked|null|unmarked|null|false|null|"
             "false|null|NULL|null|before|none|null\n");
    ck_corpus c;
    tu_read("semeval-2015-t14", dir, &c);
    assert_string_equal(attr(&c.docs[0]->entities[0], "doctime"), "before");
    ck_corpus_free(&c);
    tu_rmrf(dir);
    free(dir);
}

static void semeval2015_writer_reproduces_the_gold_file_bytes(void **state)
{
    (void)state;
    ck_corpus a;
    const char *src = "samples/semeval-2015-t14/semeval-2015-task-14/data/train/"
                      "07890-011234-DISCHARGE_SUMMARY";
    tu_read("semeval-2015-t14", "samples/semeval-2015-t14", &a);
    char *dir = tu_tmpdir();
    char out[1024], in[1024], *got, *want;
    size_t gn, wn;
    snprintf(out, sizeof out, "%s/o", dir);
    assert_int_equal(ck_write_corpus("semeval-2015-t14", out, NULL, &a, NULL), CK_OK);
    for (int k = 0; k < 2; k++) {
        const char *ext = k ? ".text" : ".pipe";
        snprintf(out, sizeof out, "%s/o/07890-011234-DISCHARGE_SUMMARY%s", dir, ext);
        snprintf(in, sizeof in, "%s%s", src, ext);
        assert_int_equal(ck_read_file(out, &got, &gn, NULL), CK_OK);
        assert_int_equal(ck_read_file(in, &want, &wn, NULL), CK_OK);
        assert_int_equal(gn, wn);
        assert_memory_equal(got, want, wn);
        free(got);
        free(want);
    }
    ck_corpus_free(&a);
    tu_rmrf(dir);
    free(dir);
    roundtrip("semeval-2015-t14", "samples/semeval-2015-t14", NULL);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(clef2013_training_layout_pairs_reports_and_gold_across_folders),
        cmocka_unit_test(clef2013_discontiguous_disorder_keeps_every_pair_in_order),
        cmocka_unit_test(clef2013_cui_less_and_lower_case_cuis_are_stored_verbatim),
        cmocka_unit_test(clef2013_test_gold_has_the_report_name_in_a_gold_folder),
        cmocka_unit_test(clef2013_semeval_text_and_pipe_files_count_crlf_as_two_characters),
        cmocka_unit_test(clef2013_offsets_count_code_points_not_bytes),
        cmocka_unit_test(clef2013_bad_lines_are_errors_with_file_and_line_and_lenient_keeps_the_rest),
        cmocka_unit_test(clef2013_gold_without_report_gives_a_document_without_text),
        cmocka_unit_test(clef2013_older_gold_folder_is_ignored_with_a_warning_naming_it),
        cmocka_unit_test(clef2013_round_trip_is_lossless_in_both_layouts),
        cmocka_unit_test(clef2013_writer_reproduces_the_gold_lines),
        cmocka_unit_test(clef2014_every_slot_value_and_cue_is_kept_in_field_order),
        cmocka_unit_test(clef2014_cue_typos_nul_and_unmarked_are_accepted_as_no_cue),
        cmocka_unit_test(clef2014_short_lines_take_the_default_of_every_slot),
        cmocka_unit_test(clef2014_doubled_separators_are_dropped_like_trove_does),
        cmocka_unit_test(clef2014_bad_cue_and_field_count_are_errors_at_their_line),
        cmocka_unit_test(clef2014_unknown_value_is_a_warning_and_kept),
        cmocka_unit_test(clef2014_round_trip_is_lossless),
        cmocka_unit_test(semeval2015_reads_19_fields_with_the_trailing_pipe),
        cmocka_unit_test(semeval2015_spelling_variants_and_missing_trailing_pipe_are_accepted),
        cmocka_unit_test(semeval2015_older_22_field_lines_are_read_with_doctime),
        cmocka_unit_test(semeval2015_writer_reproduces_the_gold_file_bytes),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
