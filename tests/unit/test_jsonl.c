/*
 * test_jsonl.c — the JSONL (bigbio_kb-compatible) format: schema fields,
 * extensions, round trip, streaming of .gz, error positions, and lenient
 * mode skipping a bad document whole.
 */
#include <jansson.h>

#include "testutil.h"

json_t *ck_jsonl_doc_to_json(const ck_doc *doc);

static ck_doc *sample_doc(void)
{
    ck_doc *d = ck_doc_new("d1");
    const char *t = "\xE6\x82\xA3\xE8\x80\x85 has fever"; /* 患者 has fever */
    ck_doc_set_text(d, t, strlen(t), NULL);
    ck_entity *e = ck_doc_add_entity(d, "T1", "Symptom");
    ck_entity_add_span(d, e, 7, 12, "fever");
    ck_entity_add_norm(d, e, "N1", "UMLS", "C0015967", NULL);
    ck_entity_add_attr(d, e, "A1", "Negated", NULL);
    ck_doc_add_label(d, "triage", "urgent");
    ck_doc_add_meta(d, "CATEGORY", "Nursing");
    ck_relation *r = ck_doc_add_relation(d, "R1", "Rel");
    ck_relation_add_arg(d, r, "Arg1", "T1");
    ck_relation_add_arg(d, r, "Arg2", "T1");
    return d;
}

static void writes_bigbio_kb_fields_and_a_generated_document_passage(void **state)
{
    (void)state;
    ck_doc *d = sample_doc();
    json_t *o = ck_jsonl_doc_to_json(d);
    const char *keys[] = {"id", "document_id", "passages", "entities", "events",
                          "coreferences", "relations"};
    for (size_t i = 0; i < sizeof keys / sizeof *keys; i++)
        assert_non_null(json_object_get(o, keys[i]));
    json_t *ent = json_array_get(json_object_get(o, "entities"), 0);
    json_t *off = json_array_get(json_object_get(ent, "offsets"), 0);
    assert_int_equal(json_integer_value(json_array_get(off, 0)), 7);
    assert_int_equal(json_integer_value(json_array_get(off, 1)), 12);
    json_t *norm = json_array_get(json_object_get(ent, "normalized"), 0);
    assert_string_equal(json_string_value(json_object_get(norm, "db_name")), "UMLS");
    json_t *rel = json_array_get(json_object_get(o, "relations"), 0);
    assert_string_equal(json_string_value(json_object_get(rel, "arg1_id")), "T1");
    json_t *p = json_array_get(json_object_get(o, "passages"), 0);
    assert_string_equal(json_string_value(json_object_get(p, "type")), "document");
    json_t *poff = json_array_get(json_object_get(p, "offsets"), 0);
    assert_int_equal(json_integer_value(json_array_get(poff, 1)), 12); /* code points */
    json_decref(o);
    ck_doc_free(d);
}

static void round_trip_gives_the_identical_model_also_from_gzip(void **state)
{
    (void)state;
    char *dir = tu_tmpdir(), path[1024], cmd[2048];
    snprintf(path, sizeof path, "%s/a.jsonl", dir);
    ck_corpus c, c2, c3;
    ck_corpus_init(&c);
    ck_corpus_add(&c, sample_doc());
    ck_doc *nt = ck_doc_new("no-text");
    ck_entity *e = ck_doc_add_entity(nt, "E1", "EVENT");
    ck_entity_add_span(nt, e, 100, 104, NULL);
    ck_corpus_add(&c, nt);
    assert_int_equal(ck_write_corpus("jsonl", path, NULL, &c, NULL), CK_OK);
    tu_read("jsonl", path, &c2);
    tu_assert_corpus_equal(&c, &c2);
    snprintf(cmd, sizeof cmd, "gzip -k '%s'", path);
    assert_int_equal(system(cmd), 0);
    snprintf(path, sizeof path, "%s/a.jsonl.gz", dir);
    tu_read("jsonl", path, &c3);
    tu_assert_corpus_equal(&c, &c3);
    ck_corpus_free(&c);
    ck_corpus_free(&c2);
    ck_corpus_free(&c3);
    tu_rmrf(dir);
    free(dir);
}

static void bad_json_names_the_line_and_lenient_mode_skips_the_document_whole(void **state)
{
    (void)state;
    char *dir = tu_tmpdir(), path[1024];
    tu_write(dir, "b.jsonl",
             "{\"id\": \"ok1\", \"text\": \"fine\"}\n"
             "\n"
             "{\"id\": \"broken\", \"text\": \"x\"\n"
             "{\"id\": \"badent\", \"text\": \"abc\", \"entities\": [{\"id\": \"T1\", \"type\": \"X\", \"offsets\": [[0]]}]}\n"
             "{\"id\": \"ok2\"}\n");
    snprintf(path, sizeof path, "%s/b.jsonl", dir);
    ck_diag *d = ck_diag_new(0);
    ck_corpus c;
    ck_corpus_init(&c);
    assert_int_equal(ck_read_corpus("jsonl", path, NULL, &c, d), CK_OK);
    assert_int_equal(c.n_docs, 2);
    assert_string_equal(c.docs[1]->id, "ok2");
    assert_int_equal(ck_diag_count(d, CK_SEV_ERROR), 2);
    assert_int_equal(ck_diag_get(d, 0)->line, 3);
    assert_int_equal(ck_diag_get(d, 1)->line, 4);
    ck_corpus_free(&c);
    ck_diag_free(d);
    tu_rmrf(dir);
    free(dir);
}

static void plain_bigbio_relations_without_extensions_read(void **state)
{
    (void)state;
    char *dir = tu_tmpdir(), path[1024];
    tu_write(dir, "p.jsonl",
             "{\"id\": \"1\", \"document_id\": \"doc9\", \"passages\": [], \"entities\": [], "
             "\"events\": [], \"coreferences\": [], \"relations\": [{\"id\": \"R\", \"type\": \"t\", "
             "\"arg1_id\": \"a\", \"arg2_id\": \"b\", \"normalized\": []}]}\n");
    snprintf(path, sizeof path, "%s/p.jsonl", dir);
    ck_corpus c;
    tu_read("jsonl", path, &c);
    assert_string_equal(c.docs[0]->id, "doc9");
    assert_int_equal(c.docs[0]->relations[0].n_args, 2);
    assert_string_equal(c.docs[0]->relations[0].args[1].role, "Arg2");
    ck_corpus_free(&c);
    tu_rmrf(dir);
    free(dir);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(writes_bigbio_kb_fields_and_a_generated_document_passage),
        cmocka_unit_test(round_trip_gives_the_identical_model_also_from_gzip),
        cmocka_unit_test(bad_json_names_the_line_and_lenient_mode_skips_the_document_whole),
        cmocka_unit_test(plain_bigbio_relations_without_extensions_read),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
