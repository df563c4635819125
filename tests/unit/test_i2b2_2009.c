/*
 * test_i2b2_2009.c — format i2b2-2009-medication: the bundled sample with
 * exact offsets (accented text), fields as linked entities, "nm" fields,
 * attributes, every documented quirk (CRLF, no final newline, both
 * separator styles, "|||", space-separated parts, a span crossing lines,
 * a token past the end of a line, notes in two folders, files lacking
 * e/t/c), the archive form, the round trip and bad input.
 */
#include "fmtutil.h"

#define SAMPLE "samples/i2b2-2009-medication"

static const ck_relation *rel_of(const ck_doc *d, const char *mid, const char *type)
{
    for (size_t i = 0; i < d->n_relations; i++)
        if (strcmp(d->relations[i].type, type) == 0 &&
            strcmp(d->relations[i].args[0].ref, mid) == 0)
            return &d->relations[i];
    return NULL;
}

static void sample_reads_medications_and_linked_fields(void **state)
{
    (void)state;
    ck_corpus c;
    tu_read("i2b2-2009-medication", SAMPLE, &c);
    assert_int_equal(c.n_docs, 3); /* 900101 is in two folders: read once */
    const ck_doc *d = fu_doc(&c, "900101");
    const ck_entity *m = fu_at(d, 26, 36);
    assert_string_equal(m->type, "Medication");
    fu_text(d, m, 0, "Metoprolol");
    const ck_relation *r = rel_of(d, m->id, "Dosage");
    assert_non_null(r);
    assert_string_equal(r->args[1].role, "Arg2");
    const ck_entity *dose = ck_doc_find_entity(d, r->args[1].ref);
    assert_string_equal(dose->type, "Dosage");
    assert_int_equal(dose->spans[0].start, 37);
    assert_int_equal(dose->spans[0].end, 42);
    /* du, r, e, t, c are "nm": no entity, no attribute */
    assert_null(rel_of(d, m->id, "Duration"));
    assert_null(rel_of(d, m->id, "Reason"));
    assert_int_equal(m->n_attrs, 1);
    assert_string_equal(ck_attr_get(m->attrs, m->n_attrs, "ln"), "list");
    ck_corpus_free(&c);
}

static void event_temporal_certainty_and_list_become_attributes(void **state)
{
    (void)state;
    ck_corpus c;
    tu_read("i2b2-2009-medication", SAMPLE, &c);
    const ck_doc *d = fu_doc(&c, "900101");
    const ck_entity *m = fu_at(d, 168, 178);
    assert_string_equal(ck_attr_get(m->attrs, m->n_attrs, "e"), "start");
    assert_string_equal(ck_attr_get(m->attrs, m->n_attrs, "t"), "past");
    assert_string_equal(ck_attr_get(m->attrs, m->n_attrs, "c"), "factual");
    assert_string_equal(ck_attr_get(m->attrs, m->n_attrs, "ln"), "narrative");
    /* this line used the other separator style ("||mo=", "du=\"nm\" ||") */
    const ck_entity *mo = ck_doc_find_entity(d, rel_of(d, m->id, "Mode")->args[1].ref);
    assert_int_equal(mo->spans[0].start, 183);
    assert_int_equal(mo->spans[0].end, 196);
    /* the value drops the token's final period: kept as a SourceText note */
    const ck_entity *why = ck_doc_find_entity(d, rel_of(d, m->id, "Reason")->args[1].ref);
    fu_text(d, why, 0, "the cellulitis.");
    int noted = 0;
    for (size_t i = 0; i < d->n_notes; i++)
        noted |= strcmp(d->notes[i].ref, why->id) == 0 &&
                 strcmp(d->notes[i].text, "the cellulitis") == 0;
    assert_true(noted);
    ck_corpus_free(&c);
}

static void a_reason_may_cross_a_line_break(void **state)
{
    (void)state;
    ck_corpus c;
    tu_read("i2b2-2009-medication", SAMPLE, &c);
    const ck_doc *d = fu_doc(&c, "900101");
    const ck_entity *m = fu_at(d, 58, 66); /* Warfarin */
    const ck_entity *r = ck_doc_find_entity(d, rel_of(d, m->id, "Reason")->args[1].ref);
    assert_int_equal(r->spans[0].start, 85);
    assert_int_equal(r->spans[0].end, 103);
    ck_corpus_free(&c);
}

static void discontinuous_parts_split_by_comma_or_space_and_offsets_count_code_points(void **state)
{
    (void)state;
    ck_corpus c;
    ck_diag *dg;
    assert_int_equal(fu_read("i2b2-2009-medication", SAMPLE, 1, &c, &dg), CK_OK);
    const ck_doc *d = fu_doc(&c, "900102");
    /* "Müller" on line 1: code points, not bytes */
    fu_text(d, fu_at(d, 38, 45), 0, "aspirin");
    const ck_entity *m = fu_at(d, 60, 70);
    /* "|||" before du */
    const ck_entity *du = ck_doc_find_entity(d, rel_of(d, m->id, "Duration")->args[1].ref);
    assert_int_equal(du->spans[0].start, 83);
    assert_int_equal(du->spans[0].end, 96);
    /* "3:2 3:4 3:7 3:7": two parts separated by a space */
    const ck_entity *hep = fu_at(d, 102, 109);
    const ck_entity *f = ck_doc_find_entity(d, rel_of(d, hep->id, "Frequency")->args[1].ref);
    assert_int_equal(f->n_spans, 2);
    assert_int_equal(f->spans[0].start, 110);
    assert_int_equal(f->spans[0].end, 130);
    assert_int_equal(f->spans[1].start, 140);
    assert_int_equal(f->spans[1].end, 145);
    /* "...", the value's joiner, is what a writer produces: no note */
    for (size_t i = 0; i < d->n_notes; i++)
        assert_string_not_equal(d->notes[i].ref, f->id);
    /* this file lacks e, t and c: nothing invented */
    assert_null(ck_attr_get(hep->attrs, hep->n_attrs, "c"));
    /* 3:7 3:12 points past the line end: the last token, with a warning */
    assert_true(fu_has(dg, CK_SEV_WARNING, 4, "900102.m", "past the end"));
    const ck_entity *m2 = &d->entities[d->n_entities - 2];
    const ck_entity *f2 = ck_doc_find_entity(d, rel_of(d, m2->id, "Frequency")->args[1].ref);
    assert_int_equal(f2->spans[0].start, 140);
    assert_int_equal(f2->spans[0].end, 145);
    assert_true(fu_has(dg, CK_SEV_NOTE, 0, "900101", "also found"));
    ck_corpus_free(&c);
    ck_diag_free(dg);
}

static void separator_styles_read_alike(void **state)
{
    (void)state;
    const char *lines[] = {
        "m=\"lasix\" 1:0 1:0|| do=\"40 mg\" 1:1 1:2|| mo=\"nm\"|| f=\"nm\"|| du=\"nm\"|| r=\"nm\"|| e=\"nm\"|| t=\"nm\"|| c=\"nm\"|| ln=\"list\"\r\n",
        "m=\"lasix\" 1:0 1:0||do=\"40 mg\" 1:1 1:2||mo=\"nm\" ||f=\"nm\" ||du=\"nm\" ||r=\"nm\" ||e=\"nm\"||t=\"nm\"||c=\"nm\"||ln=\"list\"",
        "m=\"lasix\" 1:0 1:0 ||| do=\"40 mg\" 1:1 1:2|| mo=\"nm\"|| f=\"nm\"||| du=\"nm\"|| r=\"nm\"|| ln=\"list\"\n",
    };
    ck_corpus first;
    for (size_t i = 0; i < 3; i++) {
        char *dir = tu_tmpdir();
        tu_write(dir, "notes/5", "Lasix 40 mg\n");
        tu_write(dir, "gold/5_gold.entries", lines[i]);
        ck_corpus c;
        tu_read("i2b2-2009-medication", dir, &c);
        assert_int_equal(c.docs[0]->n_entities, 2);
        assert_int_equal(c.docs[0]->n_relations, 1);
        if (i == 0)
            first = c;
        else {
            tu_assert_corpus_equal(&first, &c);
            ck_corpus_free(&c);
        }
        tu_rmrf(dir);
        free(dir);
    }
    ck_corpus_free(&first);
}

static void round_trip_is_lossless(void **state)
{
    (void)state;
    fu_roundtrip("i2b2-2009-medication", SAMPLE);
}

static void archive_reads_the_same_as_the_folder(void **state)
{
    (void)state;
    fu_archive_same("i2b2-2009-medication", SAMPLE);
}

static void writer_builds_entries_from_spans_with_nm_for_missing_fields(void **state)
{
    (void)state;
    ck_doc *doc = ck_doc_new("77");
    const char *t = "Start Cefalexin 500 mg\nq.i.d.\n";
    ck_doc_set_text(doc, t, strlen(t), NULL);
    ck_entity *e = ck_doc_add_entity(doc, "T1", "Medication");
    ck_entity_add_span(doc, e, 6, 15, NULL);
    ck_entity_add_attr(doc, e, NULL, "ln", "list");
    e = ck_doc_add_entity(doc, "T2", "Frequency");
    ck_entity_add_span(doc, e, 23, 29, NULL);
    ck_relation *r = ck_doc_add_relation(doc, "R1", "Frequency");
    ck_relation_add_arg(doc, r, "Arg1", "T1");
    ck_relation_add_arg(doc, r, "Arg2", "T2");
    char *dir = fu_write_doc("i2b2-2009-medication", doc);
    char *s = fu_slurp(dir, "entries/77_gold.entries");
    assert_string_equal(s, "m=\"cefalexin\" 1:1 1:1|| do=\"nm\"|| mo=\"nm\"|| f=\"q.i.d.\" 2:0 2:0|| "
                           "du=\"nm\"|| r=\"nm\"|| e=\"nm\"|| t=\"nm\"|| c=\"nm\"|| ln=\"list\"\r\n");
    free(s);
    ck_doc_free(doc);
    tu_rmrf(dir);
    free(dir);
}

static void a_bad_entry_is_dropped_whole_in_lenient_mode(void **state)
{
    (void)state;
    char *dir = tu_tmpdir();
    tu_write(dir, "9", "Lasix 40 mg\n");
    tu_write(dir, "9.m",
             "m=\"lasix\" 1:0 1:0|| do=\"40 mg\" 7:1 7:2|| ln=\"list\"\n"
             "do=\"40 mg\" 1:1 1:2\n"
             "m=\"lasix\" 1:0 1:0|| do=\"40 mg\" 1:1|| ln=\"list\"\n"
             "m=\"lasix\" 1:0 1:0|| ln=\"list\"\n");
    ck_corpus c;
    ck_diag *d;
    assert_int_equal(fu_read("i2b2-2009-medication", dir, 1, &c, &d), CK_ERR_PARSE);
    assert_true(fu_has(d, CK_SEV_ERROR, 1, "9.m", "outside the text"));
    ck_corpus_free(&c);
    ck_diag_free(d);
    assert_int_equal(fu_read("i2b2-2009-medication", dir, 0, &c, &d), CK_OK);
    assert_int_equal(ck_diag_count(d, CK_SEV_ERROR), 3);
    assert_true(fu_has(d, CK_SEV_ERROR, 2, "start with m=", NULL));
    assert_true(fu_has(d, CK_SEV_ERROR, 3, "positions", NULL));
    assert_int_equal(c.docs[0]->n_entities, 1);
    assert_int_equal(c.docs[0]->n_relations, 0);
    ck_corpus_free(&c);
    ck_diag_free(d);
    tu_rmrf(dir);
    free(dir);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(sample_reads_medications_and_linked_fields),
        cmocka_unit_test(event_temporal_certainty_and_list_become_attributes),
        cmocka_unit_test(a_reason_may_cross_a_line_break),
        cmocka_unit_test(discontinuous_parts_split_by_comma_or_space_and_offsets_count_code_points),
        cmocka_unit_test(separator_styles_read_alike),
        cmocka_unit_test(round_trip_is_lossless),
        cmocka_unit_test(archive_reads_the_same_as_the_folder),
        cmocka_unit_test(writer_builds_entries_from_spans_with_nm_for_missing_fields),
        cmocka_unit_test(a_bad_entry_is_dropped_whole_in_lenient_mode),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
