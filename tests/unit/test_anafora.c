/*
 * test_anafora.c — Anafora XML (THYME / Clinical TempEval, any schema) and
 * ck_join: folder layout, exact offsets, split spans, all EVENT/TIMEX3
 * properties, TLINK/ALINK, entities without <properties>, non-gold ids,
 * repeated property names, annotations without text, errors with
 * file:line, DOCTYPE entities refused, lossless round trip, writer bytes.
 */
#include "testutil.h"

#include "clinkit/join.h"

#define CLINIC "samples/clinical-tempeval-2015/coloncancer/Train/ID017_clinic_051"

static const ck_doc *find_doc(const ck_corpus *c, const char *id, const char *file)
{
    for (size_t i = 0; i < c->n_docs; i++)
        if (strcmp(c->docs[i]->id, id) == 0 &&
            (!file || strcmp(ck_doc_meta(c->docs[i], "anafora_file"), file) == 0))
            return c->docs[i];
    fail_msg("no document %s", id);
    return NULL;
}

static const ck_relation *find_rel(const ck_doc *doc, const char *id)
{
    for (size_t i = 0; i < doc->n_relations; i++)
        if (strcmp(doc->relations[i].id, id) == 0)
            return &doc->relations[i];
    fail_msg("no relation %s", id);
    return NULL;
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

static void thyme_folder_gives_one_document_per_annotation_file_with_its_text(void **state)
{
    (void)state;
    ck_corpus c;
    tu_read("anafora", "samples/clinical-tempeval-2015", &c);
    assert_int_equal(c.n_docs, 2);
    const ck_doc *doc = find_doc(&c, "ID017_clinic_051", NULL);
    assert_non_null(doc->text);
    assert_string_equal(ck_doc_meta(doc, "anafora_file"), "Temporal-Relation.gold.completed");
    assert_string_equal(ck_doc_meta(doc, "parentsType:EVENT"), "TemporalEntities");
    assert_string_equal(ck_doc_meta(doc, "parentsType:TLINK"), "TemporalRelations");
    assert_int_equal(doc->n_entities, 17);
    assert_int_equal(doc->n_relations, 9);
    const ck_entity *e = ck_doc_find_entity(doc, "2@e@ID017_clinic_051@gold");
    assert_string_equal(e->type, "EVENT");
    assert_int_equal(e->spans[0].start, 105);
    assert_int_equal(e->spans[0].end, 112);
    assert_span_text(doc, e, 0, "smoking");
    ck_corpus_free(&c);
}

static void event_keeps_all_seven_properties_in_order_with_slashed_doctimerel(void **state)
{
    (void)state;
    ck_corpus c;
    tu_read("anafora", "samples/clinical-tempeval-2015", &c);
    const ck_doc *doc = find_doc(&c, "ID017_clinic_051", NULL);
    const ck_entity *e = ck_doc_find_entity(doc, "5@e@ID017_clinic_051@gold");
    static const char *keys[] = {"DocTimeRel", "Type", "Degree", "Polarity",
                                 "ContextualModality", "ContextualAspect", "Permanence"};
    assert_int_equal(e->n_attrs, 7);
    for (size_t i = 0; i < 7; i++)
        assert_string_equal(e->attrs[i].key, keys[i]);
    assert_string_equal(e->attrs[0].value, "BEFORE/OVERLAP");
    e = ck_doc_find_entity(doc, "11@e@ID017_clinic_051@gold");
    assert_string_equal(ck_attr_get(e->attrs, e->n_attrs, "ContextualAspect"), "INTERMITTENT");
    assert_string_equal(ck_attr_get(e->attrs, e->n_attrs, "Permanence"), "FINITE");
    e = ck_doc_find_entity(doc, "3@e@ID017_clinic_051@gold");
    assert_string_equal(e->type, "TIMEX3");
    assert_string_equal(e->attrs[0].key, "Class");
    assert_string_equal(e->attrs[0].value, "DATE");
    /* DOCTIME and SECTIONTIME: empty <properties> */
    e = ck_doc_find_entity(doc, "16@e@ID017_clinic_051@gold");
    assert_string_equal(e->type, "DOCTIME");
    assert_int_equal(e->n_attrs, 0);
    assert_span_text(doc, e, 0, "09/21/2010");
    assert_string_equal(ck_doc_find_entity(doc, "17@e@ID017_clinic_051@gold")->type, "SECTIONTIME");
    ck_corpus_free(&c);
}

static void split_span_gives_two_fragments(void **state)
{
    (void)state;
    ck_corpus c;
    tu_read("anafora", "samples/clinical-tempeval-2015", &c);
    const ck_doc *doc = find_doc(&c, "ID017_clinic_051", NULL);
    const ck_entity *e = ck_doc_find_entity(doc, "13@e@ID017_clinic_051@gold");
    assert_int_equal(e->n_spans, 2);
    assert_int_equal(e->spans[0].start, 246);
    assert_int_equal(e->spans[1].end, 255);
    assert_span_text(doc, e, 0, "CEA");
    assert_span_text(doc, e, 1, "level");
    ck_corpus_free(&c);
}

static void tlink_and_alink_have_source_target_args_and_a_type_attr(void **state)
{
    (void)state;
    ck_corpus c;
    tu_read("anafora", "samples/clinical-tempeval-2015", &c);
    const ck_doc *doc = find_doc(&c, "ID017_clinic_051", NULL);
    const ck_relation *r = find_rel(doc, "2@r@ID017_clinic_051@gold");
    assert_string_equal(r->type, "TLINK");
    assert_int_equal(r->n_args, 2);
    assert_string_equal(r->args[0].role, "Source");
    assert_string_equal(r->args[0].ref, "6@e@ID017_clinic_051@gold");
    assert_string_equal(r->args[1].role, "Target");
    assert_string_equal(r->args[1].ref, "5@e@ID017_clinic_051@gold");
    assert_int_equal(r->n_attrs, 1);
    assert_string_equal(r->attrs[0].key, "Type");
    assert_string_equal(r->attrs[0].value, "BEGINS-ON");
    r = find_rel(doc, "7@r@ID017_clinic_051@gold");
    assert_string_equal(r->type, "ALINK");
    assert_string_equal(r->attrs[0].value, "TERMINATES");
    ck_corpus_free(&c);
}

static void ids_of_other_annotators_are_kept_opaque(void **state)
{
    (void)state;
    ck_corpus c;
    tu_read("anafora", "samples/clinical-tempeval-2015", &c);
    const ck_doc *doc = find_doc(&c, "ID017_clinic_051", NULL);
    assert_non_null(ck_doc_find_entity(doc, "15@e@ID017_clinic_051@limi6694"));
    const ck_relation *r = find_rel(doc, "9@r@ID017_clinic_051@chbu6418");
    assert_string_equal(r->args[0].ref, "17@e@ID017_clinic_051@gold");
    r = find_rel(doc, "4@r@ID017_clinic_051@gold");
    assert_string_equal(r->args[1].ref, "15@e@ID017_clinic_051@limi6694");
    ck_corpus_free(&c);
}

static void entity_without_properties_has_no_attributes_and_addition_is_ignored(void **state)
{
    (void)state;
    ck_corpus c;
    tu_read("anafora", "samples/clinical-tempeval-2015", &c);
    const ck_doc *doc = find_doc(&c, "ID017_path_052a", NULL);
    assert_string_equal(ck_doc_meta(doc, "anafora_file"), "Temporal-Entity.gold.completed");
    assert_string_equal(ck_doc_meta(doc, "savetime"), "2014-0630-12:45");
    assert_string_equal(ck_doc_meta(doc, "schema"), "temporal-schema.xml");
    assert_int_equal(doc->n_relations, 0);
    const ck_entity *e = ck_doc_find_entity(doc, "2@e@ID017_path_052a@gold");
    assert_int_equal(e->n_attrs, 0);
    assert_span_text(doc, e, 0, "adenocarcinoma");
    ck_corpus_free(&c);
}

static void annotations_without_text_read_as_documents_with_null_text(void **state)
{
    (void)state;
    ck_corpus c;
    tu_read("anafora", "samples/clinical-tempeval-2016", &c);
    assert_int_equal(c.n_docs, 2);
    for (size_t i = 0; i < c.n_docs; i++)
        assert_null(c.docs[i]->text);
    const ck_doc *doc = find_doc(&c, "ID031_clinic_090", "Temporal-Relation.gold.completed");
    assert_int_equal(doc->entities[0].spans[0].start, 112);
    ck_corpus_free(&c);
}

static void repeated_property_names_become_repeated_arguments(void **state)
{
    (void)state;
    ck_corpus c;
    tu_read("anafora", "samples/clinical-tempeval-2016", &c);
    const ck_doc *doc = find_doc(&c, "ID031_clinic_090", "Coreference.gold.completed");
    const ck_relation *r = &doc->relations[0];
    assert_string_equal(r->type, "Identical");
    assert_int_equal(r->n_args, 3);
    assert_string_equal(r->args[0].role, "FirstInstance");
    assert_string_equal(r->args[1].role, "Coreferring_String");
    assert_string_equal(r->args[2].role, "Coreferring_String");
    assert_string_equal(r->args[2].ref, "3@e@ID031_clinic_090@gold");
    assert_string_equal(ck_doc_meta(doc, "parentsType:Identical"), "CorefChains");
    ck_corpus_free(&c);
    /* match= keeps only the Temporal files */
    const char *opts[] = {"match=Temporal", NULL};
    ck_diag *d = ck_diag_new(1);
    ck_corpus_init(&c);
    assert_int_equal(ck_read_corpus("anafora", "samples/clinical-tempeval-2016", opts, &c, d), CK_OK);
    assert_int_equal(c.n_docs, 1);
    ck_diag_free(d);
    ck_corpus_free(&c);
}

static const char *mini(const char *entities)
{
    static char buf[4096];
    snprintf(buf, sizeof buf,
             "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<data>\n<annotations>\n%s</annotations>\n</data>\n",
             entities);
    return buf;
}

static void empty_property_text_is_kept_and_offsets_count_code_points(void **state)
{
    (void)state;
    char *dir = tu_tmpdir();
    /* "Dr. Müller saw 肺炎." : ü 2 bytes, 肺炎 3 bytes each */
    tu_write(dir, "N1/N1", "Dr. M\xC3\xBCller saw \xE8\x82\xBA\xE7\x82\x8E.");
    tu_write(dir, "N1/N1.UMLS.dave.completed.xml",
             mini("<entity><id>1@e@N1@dave</id><span>15,17</span><type>Disease_Disorder</type>"
                  "<parentsType>UMLSEntities</parentsType><properties><negation_indicator></negation_indicator>"
                  "<associatedCode>C0032285</associatedCode></properties></entity>\n"
                  "<entity><id>2@e@N1@dave</id><span>4,10</span><type>Person</type>"
                  "<properties/></entity>\n"));
    ck_corpus c;
    tu_read("anafora", dir, &c);
    const ck_doc *doc = c.docs[0];
    assert_string_equal(doc->id, "N1");
    assert_span_text(doc, &doc->entities[0], 0, "\xE8\x82\xBA\xE7\x82\x8E");
    assert_span_text(doc, &doc->entities[1], 0, "M\xC3\xBCller");
    assert_string_equal(doc->entities[0].attrs[0].key, "negation_indicator");
    assert_string_equal(doc->entities[0].attrs[0].value, "");
    assert_string_equal(doc->entities[0].attrs[1].value, "C0032285");
    ck_corpus_free(&c);
    tu_rmrf(dir);
    free(dir);
}

static void bookkeeping_elements_are_ignored_and_annotation_order_is_kept(void **state)
{
    (void)state;
    char *dir = tu_tmpdir();
    tu_write(dir, "N3/N3", "[meta start_date=\"1/2/2010\"] seen");
    tu_write(dir, "N3/N3.Temporal-Entity.gold.completed.xml",
             "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n\n<data>\n<info>\n  <savetime>10:00:00 01-02-2010</savetime>\n"
             "  <progress>in-progress</progress>\n</info>\n\n<schema path=\"./\" protocol=\"file\">temporal.schema.xml</schema>\n\n"
             "<annotations>\n\t<entity>\n\t\t<id>2@e@N3@gold</id>\n\t\t<span>28,32</span>\n\t\t<type>EVENT</type>\n"
             "\t\t<parentsType>TemporalEntities</parentsType>\n\t\t<properties>\n\t\t\t<DocTimeRel>BEFORE</DocTimeRel>\n"
             "\t\t</properties>\n\t\t<addition>\n\t\t\t<adjudication>gold</adjudication>\n\t\t</addition>\n\t</entity>\n\n"
             "\t<entity>\n\t\t<id>1@e@N3@gold</id>\n\t\t<span>18,26</span>\n\t\t<type>DOCTIME</type>\n"
             "\t\t<parentsType>TemporalEntities</parentsType>\n\t\t<properties>\n\t\t</properties>\n\t</entity>\n\n"
             "</annotations>\n<adjudication>\n</adjudication>\n</data>");
    ck_corpus c;
    tu_read("anafora", dir, &c);
    const ck_doc *doc = c.docs[0];
    assert_string_equal(ck_doc_meta(doc, "progress"), "in-progress");
    assert_int_equal(doc->n_entities, 2);
    assert_string_equal(doc->entities[0].id, "2@e@N3@gold"); /* file order, not offset order */
    assert_int_equal(doc->entities[0].n_attrs, 1);
    assert_string_equal(doc->entities[1].type, "DOCTIME");
    assert_span_text(doc, &doc->entities[1], 0, "1/2/2010");
    ck_corpus_free(&c);
    tu_rmrf(dir);
    free(dir);
}

static void bad_annotations_are_errors_at_their_line_and_lenient_keeps_the_others(void **state)
{
    (void)state;
    char *dir = tu_tmpdir();
    tu_write(dir, "N2/N2", "abcdefghij");
    tu_write(dir, "N2/N2.x.xml",
             mini("<entity><id>1@e@N2@gold</id><span>0,3</span><type>EVENT</type></entity>\n"
                  "<entity><id>2@e@N2@gold</id><span>5;7</span><type>EVENT</type></entity>\n"
                  "<entity><id>3@e@N2@gold</id><type>EVENT</type></entity>\n"
                  "<entity><span>1,2</span><type>EVENT</type></entity>\n"
                  "<entity><id>5@e@N2@gold</id><span>6,4</span><type>EVENT</type></entity>\n"));
    ck_corpus c;
    ck_diag *d = ck_diag_new(0);
    ck_corpus_init(&c);
    assert_int_equal(ck_read_corpus("anafora", dir, NULL, &c, d), CK_OK);
    assert_int_equal(c.docs[0]->n_entities, 1);
    assert_int_equal(ck_diag_count(d, CK_SEV_ERROR), 4);
    assert_true(diag_has(d, CK_SEV_ERROR, "N2.x.xml", 5, "2@e@N2@gold: expected <span>"));
    assert_true(diag_has(d, CK_SEV_ERROR, "N2.x.xml", 6, "no <span>"));
    assert_true(diag_has(d, CK_SEV_ERROR, "N2.x.xml", 7, "without <id>"));
    assert_true(diag_has(d, CK_SEV_ERROR, "N2.x.xml", 8, "5@e@N2@gold"));
    ck_diag_free(d);
    ck_corpus_free(&c);
    tu_rmrf(dir);
    free(dir);
}

static void malformed_xml_and_entity_declarations_are_refused_with_their_line(void **state)
{
    (void)state;
    char *dir = tu_tmpdir();
    tu_write(dir, "A/A", "text");
    tu_write(dir, "A/A.x.xml", "<?xml version=\"1.0\"?>\n<data>\n<annotations>\n</data>\n");
    tu_write(dir, "B/B", "text");
    tu_write(dir, "B/B.x.xml",
             "<?xml version=\"1.0\"?>\n<!DOCTYPE data [\n<!ENTITY a \"aaaaaaaa\">\n]>\n<data>&a;</data>\n");
    tu_write(dir, "C/C", "text");
    tu_write(dir, "C/C.x.xml", mini("<entity><id>1</id><span>0,4</span><type>X</type></entity>\n"));
    ck_corpus c;
    ck_diag *d = ck_diag_new(0);
    ck_corpus_init(&c);
    assert_int_equal(ck_read_corpus("anafora", dir, NULL, &c, d), CK_OK);
    assert_int_equal(c.n_docs, 1); /* only C */
    assert_string_equal(c.docs[0]->id, "C");
    assert_true(diag_has(d, CK_SEV_ERROR, "A.x.xml", 4, "mismatched tag"));
    assert_true(diag_has(d, CK_SEV_ERROR, "B.x.xml", 3, "refused"));
    ck_diag_free(d);
    ck_corpus_free(&c);
    d = ck_diag_new(1);
    ck_corpus_init(&c);
    assert_int_equal(ck_read_corpus("anafora", dir, NULL, &c, d), CK_ERR_PARSE);
    ck_diag_free(d);
    ck_corpus_free(&c);
    tu_rmrf(dir);
    free(dir);
}

static void round_trip_is_lossless_and_the_writer_reproduces_thyme_bytes(void **state)
{
    (void)state;
    ck_corpus a, b;
    tu_read("anafora", "samples/clinical-tempeval-2015", &a);
    char *dir = tu_tmpdir();
    char out[1024];
    snprintf(out, sizeof out, "%s/o", dir);
    assert_int_equal(ck_write_corpus("anafora", out, NULL, &a, NULL), CK_OK);
    tu_read("anafora", out, &b);
    tu_assert_corpus_equal(&a, &b);
    char *got, *want;
    size_t gn, wn;
    snprintf(out, sizeof out, "%s/o/ID017_clinic_051/ID017_clinic_051.Temporal-Relation.gold.completed.xml", dir);
    assert_int_equal(ck_read_file(out, &got, &gn, NULL), CK_OK);
    assert_int_equal(ck_read_file(CLINIC "/ID017_clinic_051.Temporal-Relation.gold.completed.xml",
                                  &want, &wn, NULL), CK_OK);
    assert_int_equal(gn, wn);
    assert_memory_equal(got, want, wn);
    free(got);
    free(want);
    ck_corpus_free(&a);
    ck_corpus_free(&b);
    tu_rmrf(dir);
    free(dir);
}

static void join_gives_each_document_its_text_and_reports_spans_outside(void **state)
{
    (void)state;
    char *dir = tu_tmpdir();
    char ann[1024], txt[1024], out[1024];
    snprintf(ann, sizeof ann, "%s/ann", dir);
    snprintf(txt, sizeof txt, "%s/txt", dir);
    snprintf(out, sizeof out, "%s/out", dir);
    tu_write(dir, "ann/D1/D1.Temporal-Relation.gold.completed.xml",
             mini("<entity><id>1@e@D1@gold</id><span>0,5</span><type>EVENT</type></entity>\n"
                  "<entity><id>2@e@D1@gold</id><span>6,30</span><type>EVENT</type></entity>\n"));
    tu_write(dir, "ann/D2/D2.Temporal-Entity.gold.completed.xml",
             mini("<entity><id>1@e@D2@gold</id><span>0,2</span><type>EVENT</type></entity>\n"));
    tu_write(dir, "txt/D1", "fever today");
    ck_join_stats st;
    ck_diag *d = ck_diag_new(0);
    assert_int_equal(ck_join(ann, txt, NULL, NULL, out, NULL, &st, d), CK_OK);
    assert_int_equal(st.documents, 2);
    assert_int_equal(st.joined, 1);
    assert_int_equal(st.missing, 1);
    assert_int_equal(st.entities, 3);
    assert_int_equal(st.outside, 1);
    assert_true(diag_has(d, CK_SEV_WARNING, NULL, 0, "2@e@D1@gold: span 6,30 falls outside"));
    ck_diag_free(d);
    ck_corpus c;
    tu_read("anafora", out, &c);
    assert_int_equal(c.n_docs, 2);
    assert_string_equal(c.docs[0]->id, "D1");
    assert_string_equal(c.docs[0]->text, "fever today");
    ck_corpus_free(&c);
    tu_rmrf(dir);
    free(dir);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(thyme_folder_gives_one_document_per_annotation_file_with_its_text),
        cmocka_unit_test(event_keeps_all_seven_properties_in_order_with_slashed_doctimerel),
        cmocka_unit_test(split_span_gives_two_fragments),
        cmocka_unit_test(tlink_and_alink_have_source_target_args_and_a_type_attr),
        cmocka_unit_test(ids_of_other_annotators_are_kept_opaque),
        cmocka_unit_test(entity_without_properties_has_no_attributes_and_addition_is_ignored),
        cmocka_unit_test(annotations_without_text_read_as_documents_with_null_text),
        cmocka_unit_test(repeated_property_names_become_repeated_arguments),
        cmocka_unit_test(empty_property_text_is_kept_and_offsets_count_code_points),
        cmocka_unit_test(bookkeeping_elements_are_ignored_and_annotation_order_is_kept),
        cmocka_unit_test(bad_annotations_are_errors_at_their_line_and_lenient_keeps_the_others),
        cmocka_unit_test(malformed_xml_and_entity_declarations_are_refused_with_their_line),
        cmocka_unit_test(round_trip_is_lossless_and_the_writer_reproduces_thyme_bytes),
        cmocka_unit_test(join_gives_each_document_its_text_and_reports_spans_outside),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
