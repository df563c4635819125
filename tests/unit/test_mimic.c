/*
 * test_mimic.c — MIMIC-III NOTEEVENTS and MIMIC-IV-Note: rows to
 * documents, placeholders to typed PHI entities with exact code-point
 * offsets, round trips, errors, detail tables, selection, sampling,
 * sharding and the generator.
 */
#include "testutil.h"
#include "clinkit/mimic.h"

static const char *HEADER =
    "\"ROW_ID\",\"SUBJECT_ID\",\"HADM_ID\",\"CHARTDATE\",\"CHARTTIME\",\"STORETIME\","
    "\"CATEGORY\",\"DESCRIPTION\",\"CGID\",\"ISERROR\",\"TEXT\"\n";

static char *write_tmp(char **dir, const char *name, const char *data)
{
    *dir = tu_tmpdir();
    tu_write(*dir, name, data);
    char *p = malloc(strlen(*dir) + strlen(name) + 2);
    sprintf(p, "%s/%s", *dir, name);
    return p;
}

static char *with_header(const char *rows)
{
    char *s = malloc(strlen(HEADER) + strlen(rows) + 1);
    strcpy(s, HEADER);
    strcat(s, rows);
    return s;
}

static void placeholder_labels_map_to_documented_types(void **state)
{
    (void)state;
    static const char *const cases[][2] = {
        {"Last Name (NamePattern1) ", "NAME"}, {"First Name8 (NamePattern2) 910", "NAME"},
        {"Known lastname 5678", "NAME"}, {"Initials (NamePattern4) 1", "NAME"},
        {"Name (NI) 733", "NAME"}, {"Doctor Last Name 3", "NAME"},
        {"2101-10-20", "DATE"}, {"2-26", "DATE"}, {"-3/2101", "DATE"},
        {"January 12", "DATE"}, {"Month (only) 116", "DATE"}, {"Year (4 digits) 1", "DATE"},
        {"Hospital1 18", "HOSPITAL"}, {"Hospital Ward Name 221", "HOSPITAL"},
        {"Telephone/Fax (1) 5678", "PHONE"}, {"Pager number 3", "PHONE"},
        {"Age over 90 ", "AGE"}, {"Street Address(2) 1290", "LOCATION"},
        {"State/Zipcode 3", "LOCATION"}, {"Location (un) 5", "LOCATION"},
        {"E-mail address 4", "EMAIL"}, {"URL 4", "URL"}, {"Company 9", "ORGANIZATION"},
        {"Medical Record Number 4", "ID"}, {"MD Number(1) 339", "ID"},
        {"Clip Number (Radiology) 40112", "ID"}, {"CC Contact Info 7", "CONTACT"},
        {" 1234", "PHI"}, {" ", "PHI"}, {"", "PHI"}, {"Something New 3", "PHI"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        const char *t = ck_mimic_phi_type(cases[i][0], strlen(cases[i][0]));
        if (strcmp(t, cases[i][1]) != 0)
            print_error("label '%s': %s, expected %s\n", cases[i][0], t, cases[i][1]);
        assert_string_equal(t, cases[i][1]);
    }
}

static void placeholders_become_entities_with_exact_offsets_in_accented_text(void **state)
{
    (void)state;
    /* é and ½ are 2 bytes each: code-point offsets differ from byte ones */
    const char *t = "Caf\xC3\xA9 \xC2\xBD: Dr. [**Last Name (STitle) 12**] on [**2150-2-25**].";
    ck_doc *d = ck_doc_new("x");
    assert_int_equal(ck_doc_set_text(d, t, strlen(t), NULL), 0);
    assert_int_equal(ck_mimic_add_phi(d, CK_MIMIC_BRACKETS), 2);
    assert_string_equal(d->entities[0].id, "P1");
    assert_string_equal(d->entities[0].type, "NAME");
    assert_int_equal(d->entities[0].spans[0].start, 12);
    assert_int_equal(d->entities[0].spans[0].end, 39);
    assert_string_equal(d->entities[0].texts[0], "[**Last Name (STitle) 12**]");
    char *s = tu_span_text(d, &d->entities[0], 0);
    assert_string_equal(s, d->entities[0].texts[0]);
    free(s);
    assert_string_equal(ck_attr_get(d->entities[0].attrs, d->entities[0].n_attrs, "placeholder"),
                        "Last Name (STitle) 12");
    assert_string_equal(d->entities[1].type, "DATE");
    assert_int_equal(d->entities[1].spans[0].start, 43);
    assert_int_equal(ck_doc_check(d, "x", NULL), 0);
    ck_doc_free(d);
}

static void unclosed_or_nested_brackets_are_plain_text(void **state)
{
    (void)state;
    const char *t = "a [** never closed\nb [**x [**2150-1-2**] c [**";
    ck_doc *d = ck_doc_new("x");
    assert_int_equal(ck_doc_set_text(d, t, strlen(t), NULL), 0);
    assert_int_equal(ck_mimic_add_phi(d, CK_MIMIC_BRACKETS), 1);
    assert_string_equal(d->entities[0].texts[0], "[**2150-1-2**]");
    ck_doc_free(d);
}

static void long_labels_are_scanned_exactly_up_to_the_limit(void **state)
{
    (void)state;
    /* labels longer than one 16-byte step, a "[**" deep inside a label, a
     * label of exactly the maximum length and one byte over it */
    char t[2048], lab[CK_MIMIC_MAX_LABEL + 2];
    memset(lab, 'x', sizeof lab);
    lab[0] = 'N';
    snprintf(t, sizeof t,
             "a [**Location (un) with a rather long qualifier 1234567890**] "
             "b [**Name abcdefghijklmnopqrstuvwxyz [**Hospital1 2**] "
             "c [**%.*s**] d [**%.*s**]",
             CK_MIMIC_MAX_LABEL, lab, CK_MIMIC_MAX_LABEL + 1, lab);
    ck_doc *d = ck_doc_new("x");
    assert_int_equal(ck_doc_set_text(d, t, strlen(t), NULL), 0);
    assert_int_equal(ck_mimic_add_phi(d, CK_MIMIC_BRACKETS), 3);
    assert_string_equal(d->entities[0].type, "LOCATION");
    assert_int_equal(d->entities[0].spans[0].start, 2);
    assert_int_equal(d->entities[0].spans[0].end, 61);
    assert_string_equal(d->entities[1].texts[0], "[**Hospital1 2**]");
    assert_int_equal(d->entities[2].spans[0].end - d->entities[2].spans[0].start,
                     CK_MIMIC_MAX_LABEL + 6);
    ck_doc_free(d);
}

static void three_underscores_are_phi_but_longer_runs_are_not(void **state)
{
    (void)state;
    const char *t = "Name:  ___   Unit No: ___\n________\n__ ___.";
    ck_doc *d = ck_doc_new("x");
    assert_int_equal(ck_doc_set_text(d, t, strlen(t), NULL), 0);
    assert_int_equal(ck_mimic_add_phi(d, CK_MIMIC_UNDERSCORES), 3);
    assert_int_equal(d->entities[2].spans[0].start, 38);
    assert_string_equal(d->entities[2].type, "PHI");
    ck_doc_free(d);
}

static void noteevents_row_becomes_a_document_with_metadata_in_the_null_convention(void **state)
{
    (void)state;
    char *dir, *data = with_header(
                   "1002,42,,2150-02-26,2150-02-26 04:15:00,,\"Physician \",\"\",14500,1,"
                   "\"Plan d/w [**First Name8 (NamePattern2) 910**].\n\"\n");
    char *path = write_tmp(&dir, "NOTEEVENTS.csv", data);
    ck_corpus c;
    tu_read("mimic-iii-noteevents", path, &c);
    assert_int_equal(c.n_docs, 1);
    ck_doc *d = c.docs[0];
    assert_string_equal(d->id, "1002");
    assert_string_equal(d->text, "Plan d/w [**First Name8 (NamePattern2) 910**].\n");
    assert_int_equal(d->n_meta, 9);
    assert_string_equal(d->meta[0].key, "SUBJECT_ID");
    assert_null(ck_doc_meta(d, "HADM_ID"));        /* empty unquoted: NULL */
    assert_string_equal(ck_doc_meta(d, "DESCRIPTION"), ""); /* "" */
    assert_string_equal(ck_doc_meta(d, "CATEGORY"), "Physician "); /* blank kept */
    assert_string_equal(ck_doc_meta(d, "ISERROR"), "1");
    assert_int_equal(d->n_entities, 1);
    assert_string_equal(d->entities[0].type, "NAME");
    ck_corpus_free(&c);
    tu_rmrf(dir);
    free(dir);
    free(path);
    free(data);
}

static void writing_and_reading_back_gives_equal_documents_and_the_same_bytes(void **state)
{
    (void)state;
    const char *samples[][2] = {
        {"mimic-iii-noteevents", "samples/mimic-iii-noteevents/NOTEEVENTS.csv"},
        {"mimic-iv-note", "samples/mimic-iv-note/note/discharge.csv"},
        {"mimic-iv-note", "samples/mimic-iv-note/note/radiology_detail.csv"},
    };
    char *dir = tu_tmpdir();
    for (size_t i = 0; i < 3; i++) {
        ck_corpus a, b;
        tu_read(samples[i][0], samples[i][1], &a);
        assert_true(a.n_docs > 0);
        char out[1024];
        snprintf(out, sizeof out, "%s/out%zu.csv", dir, i);
        assert_int_equal(ck_write_corpus(samples[i][0], out, NULL, &a, NULL), CK_OK);
        tu_read(samples[i][0], out, &b);
        tu_assert_corpus_equal(&a, &b);
        char *x, *y;
        size_t nx, ny;
        assert_int_equal(ck_read_file(samples[i][1], &x, &nx, NULL), CK_OK);
        assert_int_equal(ck_read_file(out, &y, &ny, NULL), CK_OK);
        assert_int_equal(nx, ny);
        assert_memory_equal(x, y, nx);
        free(x);
        free(y);
        ck_corpus_free(&a);
        ck_corpus_free(&b);
    }
    tu_rmrf(dir);
    free(dir);
}

static void a_row_with_the_wrong_field_count_is_reported_and_only_it_is_skipped(void **state)
{
    (void)state;
    char *dir, *data = with_header("1,2,3,2150-01-01,,,\"Echo\",\"Report\",,,\"ok\"\n"
                                   "2,2,3,2150-01-01,,,\"Echo\",\"Report\",,\"secret text\"\n"
                                   "3,2,3,2150-01-01,,,\"Echo\",\"Report\",,,\"ok too\"\n");
    char *path = write_tmp(&dir, "NOTEEVENTS.csv", data);
    ck_diag *d = ck_diag_new(0);
    ck_corpus c;
    ck_corpus_init(&c);
    assert_int_equal(ck_read_corpus("mimic-iii-noteevents", path, NULL, &c, d), CK_OK);
    assert_int_equal(c.n_docs, 2);
    assert_int_equal(ck_diag_count(d, CK_SEV_ERROR), 1);
    const ck_diag_item *it = ck_diag_get(d, 0);
    assert_int_equal(it->line, 3);
    assert_non_null(strstr(it->message, "record 3"));
    assert_non_null(strstr(it->message, "10 fields"));
    assert_null(strstr(it->message, "secret"));
    ck_corpus_free(&c);
    /* strict mode stops there */
    ck_diag *s = ck_diag_new(1);
    ck_corpus_init(&c);
    assert_int_equal(ck_read_corpus("mimic-iii-noteevents", path, NULL, &c, s), CK_ERR_PARSE);
    assert_int_equal(c.n_docs, 1);
    ck_corpus_free(&c);
    ck_diag_free(s);
    ck_diag_free(d);
    tu_rmrf(dir);
    free(dir);
    free(path);
    free(data);
}

static void invalid_utf8_in_text_names_the_byte_but_not_the_text(void **state)
{
    (void)state;
    char *dir, *data = with_header("7,2,3,2150-01-01,,,\"Echo\",\"Report\",,,\"line\nsecret \xFF\"\n");
    char *path = write_tmp(&dir, "NOTEEVENTS.csv", data);
    ck_diag *d = ck_diag_new(0);
    ck_corpus c;
    ck_corpus_init(&c);
    assert_int_equal(ck_read_corpus("mimic-iii-noteevents", path, NULL, &c, d), CK_OK);
    assert_int_equal(c.n_docs, 0);
    const ck_diag_item *it = ck_diag_get(d, 0);
    assert_non_null(strstr(it->message, "byte 12"));
    assert_non_null(strstr(it->message, "note 7"));
    assert_null(strstr(it->message, "secret"));
    assert_int_equal(it->line, 2);
    ck_corpus_free(&c);
    ck_diag_free(d);
    tu_rmrf(dir);
    free(dir);
    free(path);
    free(data);
}

static void a_file_without_a_known_header_is_refused(void **state)
{
    (void)state;
    char *dir;
    char *path = write_tmp(&dir, "x.csv", "a,b\n1,2\n");
    ck_diag *d = ck_diag_new(0);
    ck_corpus c;
    ck_corpus_init(&c);
    assert_int_equal(ck_read_corpus("mimic-iv-note", path, NULL, &c, d), CK_ERR_PARSE);
    assert_non_null(strstr(ck_diag_get(d, 0)->message, "note_id"));
    ck_corpus_free(&c);
    ck_diag_free(d);
    tu_rmrf(dir);
    free(dir);
    free(path);
}

static void detail_rows_of_one_note_become_one_document_with_a_label_per_field(void **state)
{
    (void)state;
    ck_corpus c;
    tu_read("mimic-iv-note", "samples/mimic-iv-note/note/radiology_detail.csv", &c);
    assert_int_equal(c.n_docs, 2);
    ck_doc *d = c.docs[1];
    assert_string_equal(d->id, "10000901-RR-13");
    assert_null(d->text);
    assert_string_equal(ck_doc_meta(d, "subject_id"), "10000901");
    assert_int_equal(d->n_labels, 4);
    assert_string_equal(d->labels[1].name, "exam_name");
    assert_string_equal(d->labels[1].value, "CT CHEST W/O CONTRAST, LOW DOSE");
    assert_string_equal(d->labels[1].attrs[0].key, "field_ordinal");
    assert_string_equal(d->labels[1].attrs[0].value, "1");
    ck_corpus_free(&c);
}

typedef struct collected {
    ck_corpus c;
    size_t shard_of[4096];
} collected;

static ck_status collect(void *user, ck_doc *doc, size_t shard)
{
    collected *k = user;
    k->shard_of[k->c.n_docs % 4096] = shard;
    return ck_corpus_add(&k->c, doc);
}

static void selection_filters_on_category_description_errors_and_id_lists(void **state)
{
    (void)state;
    char *dir, *data = with_header(
                   "1,10,100,2150-01-01,,,\"Physician \",\"Progress\",,,\"a\"\n"
                   "2,11,101,2150-01-01,,,\"Nursing\",\"Report\",,,\"b\"\n"
                   "3,10,,2150-01-01,,,\"Physician \",\"Progress\",,1,\"c\"\n"
                   "4,12,102,2150-01-01,,,\"Physician \",\"Other\",,,\"d\"\n");
    char *path = write_tmp(&dir, "NOTEEVENTS.csv", data);
    char ids[1024];
    snprintf(ids, sizeof ids, "%s/subjects.txt", dir);
    assert_int_equal(ck_write_file(ids, "# patients\n10\n12\n", 17, NULL), CK_OK);
    const char *cats[] = {"Physician"};
    ck_mimic_select sel = {.categories = cats, .n_categories = 1};
    collected *k = calloc(1, sizeof *k);
    assert_int_equal(ck_mimic_select_read(path, &sel, collect, k, NULL), CK_OK);
    assert_int_equal(k->c.n_docs, 3); /* trailing blank ignored */
    ck_corpus_free(&k->c);
    sel.drop_errors = 1;
    sel.subjects_file = ids;
    assert_int_equal(ck_mimic_select_read(path, &sel, collect, k, NULL), CK_OK);
    assert_int_equal(k->c.n_docs, 2);
    assert_string_equal(k->c.docs[1]->id, "4");
    ck_corpus_free(&k->c);
    const char *descs[] = {"Progress"};
    ck_mimic_select sel2 = {.descriptions = descs, .n_descriptions = 1, .hadms_file = ids};
    snprintf(ids, sizeof ids, "%s/hadms.txt", dir);
    assert_int_equal(ck_write_file(ids, "100\n101\n", 8, NULL), CK_OK);
    assert_int_equal(ck_mimic_select_read(path, &sel2, collect, k, NULL), CK_OK);
    assert_int_equal(k->c.n_docs, 1); /* row 3 has a NULL HADM_ID */
    ck_corpus_free(&k->c);
    free(k);
    tu_rmrf(dir);
    free(dir);
    free(path);
    free(data);
}

static void shards_keep_every_patient_whole_and_samples_are_seeded(void **state)
{
    (void)state;
    char *dir = tu_tmpdir();
    char path[1024];
    snprintf(path, sizeof path, "%s/NOTEEVENTS.csv", dir);
    assert_int_equal(ck_mimic_generate(path, 600, 0, 5, NULL), CK_OK);
    ck_mimic_select sel = {.shards = 4, .seed = 9};
    collected *k = calloc(1, sizeof *k);
    assert_int_equal(ck_mimic_select_read(path, &sel, collect, k, NULL), CK_OK);
    assert_int_equal(k->c.n_docs, 600);
    size_t per[4] = {0};
    for (size_t i = 0; i < k->c.n_docs; i++) {
        const char *subj = ck_doc_meta(k->c.docs[i], "SUBJECT_ID");
        assert_int_equal(k->shard_of[i], ck_mimic_shard(subj, 9, 4));
        per[k->shard_of[i]]++;
    }
    for (int s = 0; s < 4; s++)
        assert_true(per[s] > 100); /* roughly even */
    ck_corpus_free(&k->c);

    ck_mimic_select smp = {.sample = 50, .seed = 3};
    assert_int_equal(ck_mimic_select_read(path, &smp, collect, k, NULL), CK_OK);
    assert_int_equal(k->c.n_docs, 50);
    char first[64];
    snprintf(first, sizeof first, "%s", k->c.docs[0]->id);
    for (size_t i = 1; i < 50; i++) /* file order */
        assert_true(atol(k->c.docs[i - 1]->id) < atol(k->c.docs[i]->id));
    ck_corpus_free(&k->c);
    assert_int_equal(ck_mimic_select_read(path, &smp, collect, k, NULL), CK_OK);
    assert_string_equal(k->c.docs[0]->id, first); /* same seed, same sample */
    ck_corpus_free(&k->c);

    ck_mimic_select every = {.every = 7, .seed = 2};
    assert_int_equal(ck_mimic_select_read(path, &every, collect, k, NULL), CK_OK);
    assert_int_equal(k->c.n_docs, 86); /* rows 2, 9, ..., 597 */
    assert_string_equal(k->c.docs[0]->id, "176");
    ck_corpus_free(&k->c);
    free(k);
    tu_rmrf(dir);
    free(dir);
}

static void generator_is_deterministic_and_its_output_reads_cleanly(void **state)
{
    (void)state;
    char *dir = tu_tmpdir();
    char a[1024], b[1024];
    snprintf(a, sizeof a, "%s/a.csv", dir);
    snprintf(b, sizeof b, "%s/b.csv", dir);
    assert_int_equal(ck_mimic_generate(a, 300, 0, 42, NULL), CK_OK);
    assert_int_equal(ck_mimic_generate(b, 300, 0, 42, NULL), CK_OK);
    char *x, *y;
    size_t nx, ny;
    assert_int_equal(ck_read_file(a, &x, &nx, NULL), CK_OK);
    assert_int_equal(ck_read_file(b, &y, &ny, NULL), CK_OK);
    assert_int_equal(nx, ny);
    assert_memory_equal(x, y, nx);
    free(x);
    free(y);
    ck_stats st = {0};
    ck_diag *d = ck_diag_new(1);
    assert_int_equal(ck_validate("mimic-iii-noteevents", a, NULL, &st, d), CK_OK);
    assert_int_equal(st.documents, 300);
    assert_true(st.entities > 300);
    assert_int_equal(st.problems, 0);
    ck_mimic_counts k;
    ck_mimic_select none = {0};
    assert_int_equal(ck_mimic_count(a, &none, &k, d), CK_OK);
    assert_int_equal(k.notes, 300);
    assert_int_equal(k.placeholders, st.entities); /* scan == documents */
    ck_diag_free(d);
    tu_rmrf(dir);
    free(dir);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(placeholder_labels_map_to_documented_types),
        cmocka_unit_test(placeholders_become_entities_with_exact_offsets_in_accented_text),
        cmocka_unit_test(unclosed_or_nested_brackets_are_plain_text),
        cmocka_unit_test(long_labels_are_scanned_exactly_up_to_the_limit),
        cmocka_unit_test(three_underscores_are_phi_but_longer_runs_are_not),
        cmocka_unit_test(noteevents_row_becomes_a_document_with_metadata_in_the_null_convention),
        cmocka_unit_test(writing_and_reading_back_gives_equal_documents_and_the_same_bytes),
        cmocka_unit_test(a_row_with_the_wrong_field_count_is_reported_and_only_it_is_skipped),
        cmocka_unit_test(invalid_utf8_in_text_names_the_byte_but_not_the_text),
        cmocka_unit_test(a_file_without_a_known_header_is_refused),
        cmocka_unit_test(detail_rows_of_one_note_become_one_document_with_a_label_per_field),
        cmocka_unit_test(selection_filters_on_category_description_errors_and_id_lists),
        cmocka_unit_test(shards_keep_every_patient_whole_and_samples_are_seeded),
        cmocka_unit_test(generator_is_deterministic_and_its_output_reads_cleanly),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
