/*
 * test_nbme.c — the NBME patient-note format: Python list cells, feature
 * spans with exact code-point offsets (also discontiguous and after
 * non-ASCII text), the rubric as metadata, the known quirks, errors, and
 * round trips back to train.csv / submission.csv.
 */
#include "testutil.h"
#include "formats/nbme.h"

static const char *NOTES = "pn_num,case_num,pn_history\n"
                           "7,3,\"Caf\xC3\xA9 owner, 30 yo F.\r\nNo fever, no chills.\r\n\"\n";
static const char *FEATS = "feature_num,case_num,feature_text\n"
                           "300,3,Female\n301,3,No-fever-OR-no-chills\n"
                           "302,3,Last-Pap-smear-I-year-ago\n";

static ck_status run(const char *notes, const char *feats, const char *train,
                     const char *corr, int fix, ck_corpus *c, ck_diag *d)
{
    nbme_input in;
    memset(&in, 0, sizeof in);
    in.notes = (nbme_file){"patient_notes.csv", notes, strlen(notes)};
    if (feats)
        in.features = (nbme_file){"features.csv", feats, strlen(feats)};
    if (train)
        in.train = (nbme_file){"train.csv", train, strlen(train)};
    if (corr)
        in.corrections = (nbme_file){"fix.csv", corr, strlen(corr)};
    in.fix_typos = fix;
    ck_corpus_init(c);
    return nbme_read_mem(&in, ck_corpus_sink, c, d);
}

static void python_list_cells_parse_quotes_escapes_and_empty_lists(void **state)
{
    (void)state;
    char **v;
    size_t n, err;
    const char *s = "['a, b', \"it's\", 'say \\'hi\\'', 'caf\\xe9 \\u00bd\\n']";
    assert_int_equal(nbme_parse_list(s, strlen(s), &v, &n, &err), 0);
    assert_int_equal(n, 4);
    assert_string_equal(v[0], "a, b");
    assert_string_equal(v[1], "it's");
    assert_string_equal(v[2], "say 'hi'");
    assert_string_equal(v[3], "caf\xC3\xA9 \xC2\xBD\n");
    nbme_free_list(v, n);
    assert_int_equal(nbme_parse_list(" [] ", 4, &v, &n, &err), 0);
    assert_int_equal(n, 0);
    assert_int_equal(nbme_parse_list("['x', y]", 8, &v, &n, &err), -1);
    assert_int_equal(err, 6);
    assert_int_equal(nbme_parse_list("['open]", 7, &v, &n, &err), -1);
}

static void feature_spans_have_exact_offsets_after_non_ascii_text(void **state)
{
    (void)state;
    const char *train = "id,case_num,pn_num,feature_num,annotation,location\n"
                        "00007_300,3,7,300,['F'],['18 19']\n"
                        "00007_301,3,7,301,\"['No fever', 'no chills']\",\"['22 30', '32 34;35 41']\"\n"
                        "00007_302,3,7,302,[],[]\n";
    ck_corpus c;
    ck_diag *d = ck_diag_new(1);
    assert_int_equal(run(NOTES, FEATS, train, NULL, 0, &c, d), CK_OK);
    assert_int_equal(c.n_docs, 1);
    ck_doc *doc = c.docs[0];
    assert_string_equal(doc->id, "7");
    assert_int_equal(doc->n_entities, 3);
    char *s = tu_span_text(doc, &doc->entities[0], 0);
    assert_string_equal(s, "F"); /* code point 18, byte 19: é is 2 bytes */
    free(s);
    ck_entity *e = &doc->entities[2];
    assert_string_equal(e->id, "00007_301-2");
    assert_string_equal(e->type, "301");
    assert_int_equal(e->n_spans, 2);
    assert_int_equal(e->spans[1].start, 35);
    assert_string_equal(e->texts[0], "no chills");
    assert_null(e->texts[1]);
    assert_string_equal(ck_attr_get(e->attrs, e->n_attrs, "feature_text"), "No-fever-OR-no-chills");
    assert_string_equal(ck_attr_get(e->attrs, e->n_attrs, "case_num"), "3");
    assert_int_equal(ck_doc_check(doc, "t", NULL), 0); /* "no" + " " + "chills" */
    /* the rubric and the rows, empty ones included */
    assert_string_equal(ck_doc_meta(doc, "feature:300"), "Female");
    assert_string_equal(ck_doc_meta(doc, "train_features"), "300,301,302");
    ck_corpus_free(&c);
    ck_diag_free(d);
}

static void the_known_feature_typo_is_reported_and_fixed_only_on_request(void **state)
{
    (void)state;
    ck_corpus c;
    ck_diag *d = ck_diag_new(1);
    assert_int_equal(run(NOTES, FEATS, NULL, NULL, 0, &c, d), CK_OK);
    assert_string_equal(ck_doc_meta(c.docs[0], "feature:302"), "Last-Pap-smear-I-year-ago");
    assert_int_equal(ck_diag_count(d, CK_SEV_WARNING), 1);
    assert_int_equal(ck_diag_get(d, 0)->line, 4);
    ck_corpus_free(&c);
    assert_int_equal(run(NOTES, FEATS, NULL, NULL, 1, &c, d), CK_OK);
    assert_string_equal(ck_doc_meta(c.docs[0], "feature:302"), "Last-Pap-smear-1-year-ago");
    ck_corpus_free(&c);
    ck_diag_free(d);
}

static void a_corrections_file_overrides_rows_by_id(void **state)
{
    (void)state;
    const char *train = "id,case_num,pn_num,feature_num,annotation,location\n"
                        "00007_301,3,7,301,[],[]\n";
    const char *corr = "id,annotation,location\n00007_301,['No fever'],['22 30']\n";
    ck_corpus c;
    ck_diag *d = ck_diag_new(1);
    assert_int_equal(run(NOTES, FEATS, train, corr, 0, &c, d), CK_OK);
    assert_int_equal(c.docs[0]->n_entities, 1);
    assert_string_equal(c.docs[0]->entities[0].texts[0], "No fever");
    ck_corpus_free(&c);
    ck_diag_free(d);
}

static void bad_cells_are_reported_with_row_line_and_column_and_skipped(void **state)
{
    (void)state;
    const char *train = "id,case_num,pn_num,feature_num,annotation,location\n"
                        "00007_300,3,7,300,['F'],\"['18 19', '1 2']\"\n"  /* 1 vs 2 items */
                        "00007_301,3,7,301,['x'],['24 9']\n"          /* start > end */
                        "00007_302,3,7,302,['y'],['40 400']\n";       /* past the end */
    ck_corpus c;
    ck_diag *d = ck_diag_new(0);
    assert_int_equal(run(NOTES, FEATS, train, NULL, 0, &c, d), CK_OK);
    assert_int_equal(c.n_docs, 0); /* the note with a bad row is skipped whole */
    assert_int_equal(ck_diag_count(d, CK_SEV_ERROR), 3);
    const ck_diag_item *it = NULL;
    for (size_t i = 0; i < ck_diag_size(d); i++)
        if (ck_diag_get(d, i)->severity == CK_SEV_ERROR && !it)
            it = ck_diag_get(d, i);
    assert_string_equal(it->file, "train.csv");
    assert_int_equal(it->line, 2);
    assert_int_equal(it->column, 25);
    assert_non_null(strstr(it->message, "1 annotation(s) but 2 location(s)"));
    int past = 0;
    for (size_t i = 0; i < ck_diag_size(d); i++)
        past += strstr(ck_diag_get(d, i)->message, "past the end of note 7") != NULL;
    assert_int_equal(past, 1);
    ck_corpus_free(&c);
    ck_diag_free(d);
}

static void a_train_row_without_its_note_is_reported(void **state)
{
    (void)state;
    const char *train = "id,case_num,pn_num,feature_num,annotation,location\n"
                        "00009_300,3,9,300,[],[]\n";
    ck_corpus c;
    ck_diag *d = ck_diag_new(1);
    assert_int_equal(run(NOTES, FEATS, train, NULL, 0, &c, d), CK_ERR_PARSE);
    assert_non_null(strstr(ck_diag_get(d, ck_diag_size(d) - 1)->message, "pn_num 9 has no note"));
    ck_corpus_free(&c);
    ck_diag_free(d);
}

static void the_sample_folder_round_trips_to_identical_files(void **state)
{
    (void)state;
    ck_corpus a, b;
    tu_read("nbme", "samples/nbme", &a);
    assert_int_equal(a.n_docs, 4);
    char *dir = tu_tmpdir();
    const char *opts[] = {"submission=1", NULL};
    assert_int_equal(ck_write_corpus("nbme", dir, opts, &a, NULL), CK_OK);
    tu_read("nbme", dir, &b);
    tu_assert_corpus_equal(&a, &b);
    const char *files[] = {"patient_notes.csv", "features.csv", "train.csv"};
    for (int i = 0; i < 3; i++) {
        char p1[1024], p2[1024];
        snprintf(p1, sizeof p1, "samples/nbme/%s", files[i]);
        snprintf(p2, sizeof p2, "%s/%s", dir, files[i]);
        char *x, *y;
        size_t nx, ny;
        assert_int_equal(ck_read_file(p1, &x, &nx, NULL), CK_OK);
        assert_int_equal(ck_read_file(p2, &y, &ny, NULL), CK_OK);
        assert_int_equal(nx, ny);
        assert_memory_equal(x, y, nx);
        free(x);
        free(y);
    }
    char p[1024], *sub;
    size_t n;
    snprintf(p, sizeof p, "%s/submission.csv", dir);
    assert_int_equal(ck_read_file(p, &sub, &n, NULL), CK_OK);
    assert_non_null(strstr(sub, "\n00016_004,34 51;34 40;56 59\n"));
    assert_non_null(strstr(sub, "\n00016_005,\n"));
    assert_non_null(strstr(sub, "\n00019_101,\n")); /* unannotated note: its case's features */
    free(sub);
    /* the stray double quote of a real annotation survives */
    int found = 0;
    for (size_t i = 0; i < a.docs[2]->n_entities; i++)
        found += strcmp(a.docs[2]->entities[i].texts[0], "Mom with \"thyroid disease") == 0;
    assert_int_equal(found, 1);
    ck_corpus_free(&a);
    ck_corpus_free(&b);
    tu_rmrf(dir);
    free(dir);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(python_list_cells_parse_quotes_escapes_and_empty_lists),
        cmocka_unit_test(feature_spans_have_exact_offsets_after_non_ascii_text),
        cmocka_unit_test(the_known_feature_typo_is_reported_and_fixed_only_on_request),
        cmocka_unit_test(a_corrections_file_overrides_rows_by_id),
        cmocka_unit_test(bad_cells_are_reported_with_row_line_and_column_and_skipped),
        cmocka_unit_test(a_train_row_without_its_note_is_reported),
        cmocka_unit_test(the_sample_folder_round_trips_to_identical_files),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
