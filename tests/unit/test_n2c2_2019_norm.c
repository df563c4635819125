/*
 * test_n2c2_2019_norm.c — format n2c2-2019-norm: the bundled sample with
 * exact code-point offsets (accented text), discontinuous mentions,
 * CUI-less, the split/file-list layout and the flat one, the archive form,
 * the round trip (byte-identical files), and bad input.
 */
#include "fmtutil.h"

#define SAMPLE "samples/n2c2-2019-t3-mcn"

static void sample_reads_mentions_with_cuis_and_exact_offsets(void **state)
{
    (void)state;
    ck_corpus c;
    tu_read("n2c2-2019-norm", SAMPLE, &c);
    assert_int_equal(c.n_docs, 3);
    const ck_doc *d = fu_doc(&c, "train/0902");
    /* "Légaré" precedes: 12 code points, 13 bytes */
    const ck_entity *e = fu_at(d, 12, 30);
    fu_text(d, e, 0, "caf\xC3\xA9-au-lait spots");
    assert_string_equal(e->type, "Mention");
    assert_int_equal(e->n_norms, 1);
    assert_string_equal(e->norms[0].nid, "N000");
    assert_string_equal(e->norms[0].db, "UMLS");
    assert_string_equal(e->norms[0].id, "C0007447");
    d = fu_doc(&c, "train/0901");
    e = &d->entities[2];
    assert_int_equal(e->n_spans, 2);
    fu_text(d, e, 0, "Skin");
    fu_text(d, e, 1, "itchy");
    assert_string_equal(d->entities[4].norms[0].id, "CUI-less");
    assert_int_equal(fu_doc(&c, "test/0951")->n_entities, 1);
    ck_corpus_free(&c);
}

static void round_trip_reproduces_the_distributed_files(void **state)
{
    (void)state;
    fu_roundtrip("n2c2-2019-norm", SAMPLE);
    ck_corpus c;
    tu_read("n2c2-2019-norm", SAMPLE, &c);
    char *dir = tu_tmpdir();
    assert_int_equal(ck_write_corpus("n2c2-2019-norm", dir, NULL, &c, NULL), CK_OK);
    char cmd[1200];
    snprintf(cmd, sizeof cmd, "diff -r '%s' '%s' >/dev/null", SAMPLE, dir);
    assert_int_equal(system(cmd), 0);
    ck_corpus_free(&c);
    tu_rmrf(dir);
    free(dir);
}

static void archive_reads_the_same_as_the_folder(void **state)
{
    (void)state;
    fu_archive_same("n2c2-2019-norm", SAMPLE);
}

static void flat_folder_pairs_norm_with_text(void **state)
{
    (void)state;
    char *dir = tu_tmpdir();
    tu_write(dir, "0001.txt", "Pt with hypertension.\n");
    tu_write(dir, "0001.norm", "N000||C0020538||8||20\r\n");
    ck_corpus c;
    tu_read("n2c2-2019-norm", dir, &c);
    assert_string_equal(c.docs[0]->id, "0001");
    fu_text(c.docs[0], &c.docs[0]->entities[0], 0, "hypertension");
    ck_corpus_free(&c);
    fu_roundtrip("n2c2-2019-norm", dir);
    tu_rmrf(dir);
    free(dir);
}

static void bad_lines_and_unlisted_notes_are_reported(void **state)
{
    (void)state;
    char *dir = tu_tmpdir();
    tu_write(dir, "train/train_note/a.txt", "Some cough.\n");
    tu_write(dir, "train/train_norm/a.norm",
             "N000||C0010200||5||10\n"
             "N001||C0010200||5\n"          /* odd offsets */
             "N002||C0010200||5||99\n"      /* past the end */
             "N003||C0010200||x||9\n"       /* not a number */
             "N004||C0010200||8||5\n");     /* backwards */
    tu_write(dir, "train/train_file_list.txt", "a\nb\n");
    ck_corpus c;
    ck_diag *d;
    assert_int_equal(fu_read("n2c2-2019-norm", dir, 1, &c, &d), CK_ERR_PARSE);
    ck_corpus_free(&c);
    ck_diag_free(d);
    assert_int_equal(fu_read("n2c2-2019-norm", dir, 0, &c, &d), CK_OK);
    assert_int_equal(ck_diag_count(d, CK_SEV_ERROR), 5);
    assert_true(fu_has(d, CK_SEV_ERROR, 2, "a.norm", "ID||CUI"));
    assert_true(fu_has(d, CK_SEV_ERROR, 3, "outside the note", NULL));
    assert_true(fu_has(d, CK_SEV_ERROR, 2, "train_file_list.txt", "b has no note"));
    assert_int_equal(c.docs[0]->n_entities, 1);
    ck_corpus_free(&c);
    ck_diag_free(d);
    tu_rmrf(dir);
    free(dir);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(sample_reads_mentions_with_cuis_and_exact_offsets),
        cmocka_unit_test(round_trip_reproduces_the_distributed_files),
        cmocka_unit_test(archive_reads_the_same_as_the_folder),
        cmocka_unit_test(flat_folder_pairs_norm_with_text),
        cmocka_unit_test(bad_lines_and_unlisted_notes_are_reported),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
