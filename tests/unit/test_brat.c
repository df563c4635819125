/*
 * test_brat.c — BRAT standoff: every annotation kind, exact code-point
 * offsets, discontiguous fragments, errors with file:line, lenient skipping,
 * archives, and lossless round trips (BRAT -> BRAT, BRAT -> JSONL -> BRAT).
 */
#include "testutil.h"

static const char *TXT = "Zo\xC3\xAB has chest pain and \xE9\xAB\x98\xE8\xA1\x80\xE5\x8E\x8B.\n"; /* Zoë ... 高血压 */
static const char *ANN =
    "T1\tProblem 8 18\tchest pain\n"
    "T2\tProblem 23 26\t\xE9\xAB\x98\xE8\xA1\x80\xE5\x8E\x8B\n"
    "T3\tPerson 0 3\tZo\xC3\xAB\n"
    "T4\tProblem 0 2;8 13\tZo chest\n"
    "A1\tNegated T1\n"
    "M2\tSeverity T2 High\n"
    "R1\tHas Arg1:T3 Arg2:T1\n"
    "E1\tSuffer:T3 Theme:T1 Theme2:T2\n"
    "A3\tSpeculated E1\n"
    "N1\tReference T2 UMLS:C0020538\tHypertensive disease\n"
    "*\tEquiv T1 T4\n"
    "#1\tAnnotatorNotes T1\tcheck this\n";

static void reads_every_annotation_kind_with_code_point_offsets(void **state)
{
    (void)state;
    char *dir = tu_tmpdir();
    tu_write(dir, "a.txt", TXT);
    tu_write(dir, "a.ann", ANN);
    ck_corpus c;
    tu_read("brat", dir, &c);
    assert_int_equal(c.n_docs, 1);
    ck_doc *d = c.docs[0];
    assert_string_equal(d->id, "a");
    assert_int_equal(d->n_entities, 4);
    char *s = tu_span_text(d, &d->entities[1], 0);
    assert_string_equal(s, "\xE9\xAB\x98\xE8\xA1\x80\xE5\x8E\x8B");
    free(s);
    s = tu_span_text(d, &d->entities[2], 0);
    assert_string_equal(s, "Zo\xC3\xAB");
    free(s);
    assert_int_equal(d->entities[3].n_spans, 2);
    assert_int_equal(d->entities[3].spans[1].start, 8);
    assert_int_equal(d->entities[0].n_attrs, 1);
    assert_null(d->entities[0].attrs[0].value);
    assert_string_equal(d->entities[1].attrs[0].value, "High");
    assert_string_equal(d->entities[1].norms[0].db, "UMLS");
    assert_string_equal(d->entities[1].norms[0].id, "C0020538");
    assert_string_equal(d->entities[1].norms[0].text, "Hypertensive disease");
    assert_int_equal(d->n_relations, 1);
    assert_string_equal(d->relations[0].args[1].ref, "T1");
    assert_int_equal(d->n_events, 1);
    assert_string_equal(d->events[0].trigger, "T3");
    assert_int_equal(d->events[0].n_args, 2);
    assert_string_equal(d->events[0].attrs[0].key, "Speculated");
    assert_int_equal(d->n_corefs, 1);
    assert_null(d->corefs[0].id);
    assert_int_equal(d->corefs[0].n_refs, 2);
    assert_int_equal(d->n_notes, 1);
    assert_string_equal(d->notes[0].text, "check this");
    assert_int_equal(ck_doc_check(d, "a", NULL), 0);
    ck_corpus_free(&c);
    tu_rmrf(dir);
    free(dir);
}

static void round_trip_through_brat_and_jsonl_is_lossless(void **state)
{
    (void)state;
    char *dir = tu_tmpdir(), out[1024], jl[1024], out2[1024];
    tu_write(dir, "in/sub/a.txt", TXT);
    tu_write(dir, "in/sub/a.ann", ANN);
    tu_write(dir, "in/b.txt", "no annotations here\n");
    snprintf(out, sizeof out, "%s/in", dir);
    ck_corpus c1, c2, c3;
    tu_read("brat", out, &c1);
    assert_int_equal(c1.n_docs, 2);
    snprintf(out, sizeof out, "%s/out", dir);
    snprintf(jl, sizeof jl, "%s/x.jsonl", dir);
    snprintf(out2, sizeof out2, "%s/out2", dir);
    assert_int_equal(ck_write_corpus("brat", out, NULL, &c1, NULL), CK_OK);
    tu_read("brat", out, &c2);
    tu_assert_corpus_equal(&c1, &c2);
    assert_int_equal(ck_write_corpus("jsonl", jl, NULL, &c2, NULL), CK_OK);
    ck_corpus_free(&c2);
    tu_read("jsonl", jl, &c2);
    tu_assert_corpus_equal(&c1, &c2);
    assert_int_equal(ck_write_corpus("brat", out2, NULL, &c2, NULL), CK_OK);
    tu_read("brat", out2, &c3);
    tu_assert_corpus_equal(&c1, &c3);
    ck_corpus_free(&c1);
    ck_corpus_free(&c2);
    ck_corpus_free(&c3);
    tu_rmrf(dir);
    free(dir);
}

static void malformed_lines_name_file_and_line_and_lenient_mode_skips_them(void **state)
{
    (void)state;
    char *dir = tu_tmpdir();
    tu_write(dir, "x.txt", "secret patient text\n");
    tu_write(dir, "x.ann", "T1\tName 0 6\tsecret\nT2\tName zero 6\tsecret\nX9\twhat\nT3\tName 7 14\tpatient\n");
    ck_diag *d = ck_diag_new(0);
    ck_corpus c;
    ck_corpus_init(&c);
    assert_int_equal(ck_read_corpus("brat", dir, NULL, &c, d), CK_OK);
    assert_int_equal(c.n_docs, 1);
    assert_int_equal(c.docs[0]->n_entities, 2); /* T1 and T3 kept */
    assert_int_equal(ck_diag_count(d, CK_SEV_ERROR), 2);
    char buf[512];
    ck_diag_format(ck_diag_get(d, 0), buf, sizeof buf);
    assert_non_null(strstr(buf, "x.ann:2: error:"));
    assert_null(strstr(buf, "secret"));
    ck_diag_format(ck_diag_get(d, 1), buf, sizeof buf);
    assert_non_null(strstr(buf, "x.ann:3: error:"));
    ck_corpus_free(&c);
    ck_diag_free(d);
    /* strict: the first error stops the read */
    d = ck_diag_new(1);
    ck_corpus_init(&c);
    assert_int_equal(ck_read_corpus("brat", dir, NULL, &c, d), CK_ERR_PARSE);
    assert_int_equal(ck_diag_count(d, CK_SEV_ERROR), 1);
    ck_corpus_free(&c);
    ck_diag_free(d);
    tu_rmrf(dir);
    free(dir);
}

static void text_mismatch_is_reported_not_dropped(void **state)
{
    (void)state;
    char *dir = tu_tmpdir();
    tu_write(dir, "m.txt", "abc def\n");
    tu_write(dir, "m.ann", "T1\tX 0 3\tabd\nT2\tX 4 99\tdef\n");
    ck_stats st = {0};
    ck_diag *d = ck_diag_new(0);
    assert_int_equal(ck_validate("brat", dir, NULL, &st, d), CK_OK);
    assert_int_equal(st.entities, 2);
    assert_int_equal(st.problems, 2);
    ck_diag_free(d);
    tu_rmrf(dir);
    free(dir);
}

static void ann_without_txt_gives_a_document_without_text(void **state)
{
    (void)state;
    char *dir = tu_tmpdir();
    tu_write(dir, "only.ann", "T1\tEVENT 3 9\tbiopsy\n");
    ck_diag *d = ck_diag_new(0);
    ck_corpus c;
    ck_corpus_init(&c);
    assert_int_equal(ck_read_corpus("brat", dir, NULL, &c, d), CK_OK);
    assert_int_equal(c.n_docs, 1);
    assert_null(c.docs[0]->text);
    assert_int_equal(c.docs[0]->entities[0].spans[0].end, 9);
    assert_int_equal(ck_diag_count(d, CK_SEV_WARNING), 1);
    ck_corpus_free(&c);
    ck_diag_free(d);
    tu_rmrf(dir);
    free(dir);
}

static void tar_gz_reads_the_same_as_the_folder(void **state)
{
    (void)state;
    char *dir = tu_tmpdir(), cmd[2048], path[1024];
    tu_write(dir, "corpus/a.txt", TXT);
    tu_write(dir, "corpus/a.ann", ANN);
    snprintf(cmd, sizeof cmd, "cd '%s' && tar czf corpus.tar.gz corpus", dir);
    assert_int_equal(system(cmd), 0);
    ck_corpus a, b;
    snprintf(path, sizeof path, "%s/corpus", dir);
    tu_read("brat", path, &a);
    snprintf(path, sizeof path, "%s/corpus.tar.gz", dir);
    tu_read("brat", path, &b);
    assert_int_equal(b.n_docs, 1);
    assert_string_equal(b.docs[0]->id, "corpus/a");
    ck_doc_set_id(a.docs[0], "corpus/a");
    tu_assert_corpus_equal(&a, &b);
    ck_corpus_free(&a);
    ck_corpus_free(&b);
    tu_rmrf(dir);
    free(dir);
}

static void writer_refuses_document_ids_that_escape_the_folder(void **state)
{
    (void)state;
    char *dir = tu_tmpdir();
    ck_doc *doc = ck_doc_new("../evil");
    ck_doc_set_text(doc, "x", 1, NULL);
    ck_writer *w;
    ck_diag *d = ck_diag_new(1);
    assert_int_equal(ck_writer_open("brat", dir, NULL, &w, d), CK_OK);
    assert_int_not_equal(ck_writer_write(w, doc, d), CK_OK);
    ck_writer_close(w, d);
    char p[1024];
    snprintf(p, sizeof p, "%s/../evil.txt", dir);
    assert_int_not_equal(access(p, F_OK), 0);
    ck_doc_free(doc);
    ck_diag_free(d);
    tu_rmrf(dir);
    free(dir);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(reads_every_annotation_kind_with_code_point_offsets),
        cmocka_unit_test(round_trip_through_brat_and_jsonl_is_lossless),
        cmocka_unit_test(malformed_lines_name_file_and_line_and_lenient_mode_skips_them),
        cmocka_unit_test(text_mismatch_is_reported_not_dropped),
        cmocka_unit_test(ann_without_txt_gives_a_document_without_text),
        cmocka_unit_test(tar_gz_reads_the_same_as_the_folder),
        cmocka_unit_test(writer_refuses_document_ids_that_escape_the_folder),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
