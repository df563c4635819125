/*
 * test_deid.c — the de-identifier: every PHI category found in varied
 * written forms; clinical words that look like names left alone;
 * surrogates consistent per patient, reproducible with a key, dates
 * shifted with intervals kept and written forms kept; idempotence on its
 * own output; no PHI in any diagnostic; the physionet-deid format.
 */
#include <sys/stat.h>

#include "clinkit/deid.h"
#include "testutil.h"

static ck_deid *DE;

static int setup(void **state)
{
    (void)state;
    return ck_deid_new(&DE, NULL) == CK_OK ? 0 : -1;
}

static int teardown(void **state)
{
    (void)state;
    ck_deid_free(DE);
    return 0;
}

static ck_doc *detect(const char *text)
{
    ck_doc *d = ck_doc_new("note");
    assert_int_equal(ck_doc_set_text(d, text, strlen(text), NULL), 0);
    assert_int_equal(ck_deid_detect(DE, d, NULL), CK_OK);
    return d;
}

/* Assert that `want` is found in text as one PHI span of subtype type. */
static void found(const char *text, const char *want, const char *type)
{
    ck_doc *d = detect(text);
    int ok = 0;
    for (size_t i = 0; i < d->n_entities && !ok; i++) {
        char *s = tu_span_text(d, &d->entities[i], 0);
        const char *t = ck_attr_get(d->entities[i].attrs, d->entities[i].n_attrs, "TYPE");
        ok = !strcmp(s, want) && !strcmp(t, type);
        free(s);
    }
    if (!ok) {
        print_error("not found as %s: '%s' in '%s'; found:\n", type, want, text);
        for (size_t i = 0; i < d->n_entities; i++) {
            char *s = tu_span_text(d, &d->entities[i], 0);
            print_error("  %s '%s'\n", ck_attr_get(d->entities[i].attrs,
                                                   d->entities[i].n_attrs, "TYPE"), s);
            free(s);
        }
    }
    ck_doc_free(d);
    assert_true(ok);
}

static void each_category_is_found_in_varied_forms(void **state)
{
    (void)state;
    /* NAME */
    found("Seen by Dr. Okafor today.", "Okafor", "DOCTOR");
    found("Attending: Maria Lindqvist, MD", "Maria Lindqvist", "DOCTOR");
    found("Name: Hansen, Carmen\nMRN: 1234567", "Hansen, Carmen", "PATIENT");
    found("Mrs. Varnoski is doing well.", "Varnoski", "PATIENT");
    found("Daughter Carmen at bedside.", "Carmen", "PATIENT");
    found("Follow up with Jess van den Berg, MD.", "Jess van den Berg", "DOCTOR");
    /* DATE */
    found("Admitted 03/14/2019 for CHF.", "03/14/2019", "DATE");
    found("Admitted 3/4/19 for CHF.", "3/4/19", "DATE");
    found("Echo 2019-03-14 normal.", "2019-03-14", "DATE");
    found("Seen on March 3rd, 2019 in clinic.", "March 3rd, 2019", "DATE");
    found("IUD placed on the 6th of Feb.", "6th of Feb", "DATE");
    found("CT 14-Mar-19 unchanged.", "14-Mar-19", "DATE");
    found("Returns Tuesday for labs.", "Tuesday", "DATE");
    /* AGE */
    found("Pt is a 92 y/o man.", "92", "AGE");
    found("A 67-year-old woman.", "67", "AGE");
    found("Pt Hansen 71M adm with SOB.", "71", "AGE");
    /* CONTACT */
    found("Call (617) 555-0143.", "(617) 555-0143", "PHONE");
    found("Cell 617.555.0143 anytime.", "617.555.0143", "PHONE");
    found("Fax: (617) 555-0199", "(617) 555-0199", "FAX");
    found("Mail jdoe@example.org today.", "jdoe@example.org", "EMAIL");
    found("See https://portal.example.org/x1.", "https://portal.example.org/x1", "URL");
    found("Logged from 10.2.33.140 at night.", "10.2.33.140", "IPADDR");
    /* ID */
    found("SSN 123-45-6789 on file.", "123-45-6789", "SSN");
    found("MRN: 00123456", "00123456", "MEDICALRECORD");
    found("Medical Record Number: 4455667", "4455667", "MEDICALRECORD");
    found("Account #: 99887766", "99887766", "ACCOUNT");
    found("Accession #: A1234567", "A1234567", "BIOID");
    /* LOCATION */
    found("Lives in Springfield with wife.", "Springfield", "CITY");
    found("From Portland, OR 97201.", "OR", "STATE");
    found("From Portland, OR 97201.", "97201", "ZIP");
    found("Moved from Brazil in 2001.", "Brazil", "COUNTRY");
    found("Address: 42 Maple Street, Dover", "42 Maple Street", "STREET");
    found("Transferred from Lakeside General Hospital.", "Lakeside General Hospital", "HOSPITAL");
    found("Now in Room 412B.", "412B", "ROOM");
    /* PROFESSION */
    found("He is a retired carpenter.", "carpenter", "PROFESSION");
}

static void clinical_terms_that_look_like_names_are_left_alone(void **state)
{
    (void)state;
    ck_doc *d = detect(
        "History of Parkinson disease and Hodgkin lymphoma. Babinski negative, Romberg "
        "negative. Foley catheter in place. Murphy sign negative. Bell palsy on the left. "
        "Known Crohn disease. Cushing syndrome ruled out. Graves disease on methimazole. "
        "Lasix 40 mg IV, Coumadin held, Tylenol PRN. Swan-Ganz removed. "
        "Glasgow Coma Scale 15. Pain 3/10. Labs 13.1/13.8/218. Heparin 2000 units.\n"
        "Neuro: AOx3. Resp: CTA bilaterally. Plan: home.\n");
    for (size_t i = 0; i < d->n_entities; i++) {
        char *s = tu_span_text(d, &d->entities[i], 0);
        print_error("false positive: %s '%s'\n", d->entities[i].type, s);
        free(s);
    }
    assert_int_equal(d->n_entities, 0);
    ck_doc_free(d);
}

static const uint8_t KEY[CK_DEID_KEY_BYTES] = "0123456789abcdef0123456789abcdef";

static ck_doc *surrogate(const char *text, const char *id, const char *patient,
                         const uint8_t *key)
{
    ck_doc *d = ck_doc_new(id);
    assert_int_equal(ck_doc_set_text(d, text, strlen(text), NULL), 0);
    assert_int_equal(ck_deid_detect(DE, d, NULL), CK_OK);
    ck_deid_opts o = {.mode = CK_DEID_SURROGATE, .key = key, .patient = patient};
    ck_doc *out;
    assert_int_equal(ck_deid_apply(DE, d, &o, &out, NULL), CK_OK);
    ck_doc_free(d);
    return out;
}

/* The output text of the i-th PHI entity. */
static char *phi_text(const ck_doc *d, size_t i)
{
    assert_true(i < d->n_entities);
    return tu_span_text(d, &d->entities[i], 0);
}

static void surrogates_are_consistent_within_a_note_and_across_a_patients_notes(void **state)
{
    (void)state;
    ck_doc *a = surrogate("Seen by Dr. Okafor. Dr. Okafor agrees.", "n1", "p1", KEY);
    ck_doc *b = surrogate("Dr. Okafor called back.", "n2", "p1", KEY);
    assert_int_equal(a->n_entities, 2);
    char *a0 = phi_text(a, 0), *a1 = phi_text(a, 1), *b0 = phi_text(b, 0);
    assert_string_equal(a0, a1);
    assert_string_equal(a0, b0);
    assert_string_not_equal(a0, "Okafor");
    /* the output carries no original */
    assert_null(strstr(a->text, "Okafor"));
    assert_null(strstr(b->text, "Okafor"));
    free(a0);
    free(a1);
    free(b0);
    ck_doc_free(a);
    ck_doc_free(b);
}

static void a_phone_stays_a_phone_and_a_name_keeps_its_case(void **state)
{
    (void)state;
    ck_doc *a = surrogate("Call (617) 555-0143. Name: HANSEN, CARMEN", "n1", "p1", KEY);
    char *p = phi_text(a, 0), *n = phi_text(a, 1);
    assert_int_equal(strlen(p), strlen("(617) 555-0143"));
    assert_true(p[0] == '(' && p[4] == ')' && p[5] == ' ' && p[9] == '-');
    for (const char *c = n; *c; c++)
        assert_false(*c >= 'a' && *c <= 'z');
    assert_non_null(strchr(n, ','));
    free(p);
    free(n);
    ck_doc_free(a);
}

static long days_of(int y, int m, int d)
{
    /* days since 1970 (civil), enough for the test */
    y -= m <= 2;
    long era = (y >= 0 ? y : y - 399) / 400, yoe = y - era * 400;
    long doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    return era * 146097 + yoe * 365 + yoe / 4 - yoe / 100 + doy - 719468;
}

static void date_shift_keeps_intervals_and_written_forms(void **state)
{
    (void)state;
    ck_doc *a = surrogate("Admitted 03/01/2019, discharged 03/15/2019. Echo 2019-02-27. "
                          "Seen March 3rd, 2019 and 14-Mar-19.",
                          "n1", "p7", KEY);
    assert_int_equal(a->n_entities, 5);
    int m1, d1, y1, m2, d2, y2, y3, m3, d3;
    char *s1 = phi_text(a, 0), *s2 = phi_text(a, 1), *s3 = phi_text(a, 2);
    char *s4 = phi_text(a, 3), *s5 = phi_text(a, 4);
    assert_int_equal(sscanf(s1, "%2d/%2d/%4d", &m1, &d1, &y1), 3);
    assert_int_equal(sscanf(s2, "%2d/%2d/%4d", &m2, &d2, &y2), 3);
    assert_int_equal(strlen(s1), 10);
    assert_int_equal(sscanf(s3, "%4d-%2d-%2d", &y3, &m3, &d3), 3);
    assert_int_equal(days_of(y2, m2, d2) - days_of(y1, m1, d1), 14);
    assert_int_equal(days_of(y1, m1, d1) - days_of(y3, m3, d3), 2);
    int shift = ck_deid_date_shift(KEY, "p7");
    assert_int_equal(days_of(y1, m1, d1) - days_of(2019, 3, 1), shift);
    /* "Month Dth, YYYY" and "DD-Mon-YY" keep their shapes */
    char mon[32], suf[3], mon3[8];
    int d4, y4, d5, y5;
    assert_int_equal(sscanf(s4, "%31[A-Za-z] %d%2[a-z], %d", mon, &d4, suf, &y4), 4);
    assert_int_equal(sscanf(s5, "%d-%3[A-Za-z]-%d", &d5, mon3, &y5), 3);
    assert_true(y5 >= 0 && y5 < 100);
    free(s1);
    free(s2);
    free(s3);
    free(s4);
    free(s5);
    ck_doc_free(a);
}

static void the_same_key_reproduces_the_output_and_another_key_does_not(void **state)
{
    (void)state;
    const char *t = "Mrs. Hansen, 03/14/2019, MRN: 1234567, (617) 555-0143.";
    uint8_t other[CK_DEID_KEY_BYTES];
    memcpy(other, KEY, sizeof other);
    other[0] ^= 1;
    ck_doc *a = surrogate(t, "n", "p", KEY), *b = surrogate(t, "n", "p", KEY);
    ck_doc *c = surrogate(t, "n", "p", other);
    assert_string_equal(a->text, b->text);
    assert_string_not_equal(a->text, c->text);
    ck_doc_free(a);
    ck_doc_free(b);
    ck_doc_free(c);
}

static void running_again_with_the_same_key_changes_nothing_already_changed(void **state)
{
    (void)state;
    ck_doc *a = surrogate("Seen by Dr. Okafor on 03/14/2019. Call (617) 555-0143.", "n", "p", KEY);
    /* second run: its own output (with the PHI entities it recorded),
     * detection again, same key */
    assert_int_equal(ck_deid_detect(DE, a, NULL), CK_OK);
    ck_deid_opts o = {.mode = CK_DEID_SURROGATE, .key = KEY, .patient = "p"};
    ck_doc *b;
    assert_int_equal(ck_deid_apply(DE, a, &o, &b, NULL), CK_OK);
    assert_string_equal(a->text, b->text);
    ck_doc_free(a);
    ck_doc_free(b);
}

static void redaction_and_masks_replace_only_phi(void **state)
{
    (void)state;
    ck_doc *d = detect("Seen by Dr. Okafor on 03/14/2019 for CHF.");
    ck_deid_opts o = {.mode = CK_DEID_REDACT};
    ck_doc *r, *m;
    assert_int_equal(ck_deid_apply(DE, d, &o, &r, NULL), CK_OK);
    assert_string_equal(r->text, "Seen by Dr. [**DOCTOR**] on [**DATE**] for CHF.");
    o.placeholder = "<%c:%t>";
    ck_doc_free(r);
    assert_int_equal(ck_deid_apply(DE, d, &o, &r, NULL), CK_OK);
    assert_string_equal(r->text, "Seen by Dr. <NAME:DOCTOR> on <DATE:DATE> for CHF.");
    /* the PHI entities now cover their placeholders */
    char *s = tu_span_text(r, &r->entities[0], 0);
    assert_string_equal(s, "<NAME:DOCTOR>");
    free(s);
    o.mode = CK_DEID_MASK;
    o.mask = '*';
    assert_int_equal(ck_deid_apply(DE, d, &o, &m, NULL), CK_OK);
    assert_string_equal(m->text, "Seen by Dr. ****** on ********** for CHF.");
    ck_doc_free(d);
    ck_doc_free(r);
    ck_doc_free(m);
}

static void other_annotations_move_with_the_text(void **state)
{
    (void)state;
    ck_doc *d = detect("Dr. Okafor: CHF exacerbation.");
    ck_entity *e = ck_doc_add_entity(d, "T1", "Problem");
    assert_int_equal(ck_entity_add_span(d, e, 12, 28, "CHF exacerbation"), 0);
    ck_deid_opts o = {.mode = CK_DEID_REDACT};
    ck_doc *r;
    assert_int_equal(ck_deid_apply(DE, d, &o, &r, NULL), CK_OK);
    ck_entity *p = ck_doc_find_entity(r, "T1");
    assert_non_null(p);
    char *s = tu_span_text(r, p, 0);
    assert_string_equal(s, "CHF exacerbation");
    assert_string_equal(p->texts[0], "CHF exacerbation");
    free(s);
    assert_int_equal(ck_doc_check(r, "x", NULL), 0);
    ck_doc_free(d);
    ck_doc_free(r);
}

static int diag_contains(ck_diag *d, const char *needle)
{
    char buf[1024];
    for (size_t i = 0; i < ck_diag_size(d); i++) {
        ck_diag_format(ck_diag_get(d, i), buf, sizeof buf);
        if (strstr(buf, needle))
            return 1;
    }
    return 0;
}

static void no_phi_appears_in_any_diagnostic(void **state)
{
    (void)state;
    char *dir = tu_tmpdir();
    /* a phrase file pointing outside its note, a broken record, bad UTF-8 */
    tu_write(dir, "c.text", "START_OF_RECORD=1||||1||||\nMr. Okafor seen 03/14/2019.\n"
                            "||||END_OF_RECORD\nSTART_OF_RECORD=2||||1||||\nNo end Okafor\n");
    tu_write(dir, "c.phrase", "1 1 4 10 PATIENT Okafor\n1 1 4 900 PATIENT Okafor Okafor\n"
                              "1 1 x y DATE 03/14/2019\n");
    ck_diag *d = ck_diag_new(0);
    ck_corpus c;
    ck_corpus_init(&c);
    char path[1024];
    snprintf(path, sizeof path, "%s/c.text", dir);
    ck_read_corpus("physionet-deid", path, NULL, &c, d);
    assert_true(ck_diag_count(d, CK_SEV_ERROR) >= 2);
    assert_false(diag_contains(d, "Okafor"));
    assert_false(diag_contains(d, "03/14"));
    ck_corpus_free(&c);
    /* a user pattern with an unknown type */
    tu_write(dir, "p.tsv", "SECRETNAME\t10\tall\tOkafor\n");
    snprintf(path, sizeof path, "%s/p.tsv", dir);
    ck_deid *de;
    assert_int_equal(ck_deid_new(&de, NULL), CK_OK);
    ck_diag_clear(d);
    assert_int_equal(ck_deid_load(de, "patterns", path, d), CK_OK); /* lenient: skipped */
    assert_int_equal(ck_diag_count(d, CK_SEV_ERROR), 1);
    assert_false(diag_contains(d, "Okafor"));
    ck_deid_free(de);
    ck_diag_free(d);
    tu_rmrf(dir);
    free(dir);
}

static void physionet_deid_round_trips_with_accented_text(void **state)
{
    (void)state;
    char *dir = tu_tmpdir();
    /* "Müller" and "José": code-point offsets */
    tu_write(dir, "a.text", "START_OF_RECORD=7||||2||||\nSr. Jos\xC3\xA9 M\xC3\xBCller visto 3/4.\n"
                            "||||END_OF_RECORD\nSTART_OF_RECORD=7||||3||||\nok\n||||END_OF_RECORD\n");
    tu_write(dir, "a.phrase", "7 2 4 15 PATIENT Jos\xC3\xA9 M\xC3\xBCller\n7 2 22 25 DATE 3/4\n");
    char in[1024], out[1024];
    snprintf(in, sizeof in, "%s/a.text", dir);
    snprintf(out, sizeof out, "%s/b.text", dir);
    ck_corpus a, b;
    tu_read("physionet-deid", in, &a);
    assert_int_equal(a.n_docs, 2);
    assert_string_equal(a.docs[0]->id, "7-2");
    assert_string_equal(ck_doc_meta(a.docs[0], "patient"), "7");
    assert_int_equal(a.docs[0]->n_entities, 2);
    assert_string_equal(a.docs[0]->entities[0].type, "NAME");
    assert_int_equal(ck_doc_check(a.docs[0], "a", NULL), 0);
    assert_int_equal(ck_write_corpus("physionet-deid", out, NULL, &a, NULL), CK_OK);
    tu_read("physionet-deid", out, &b);
    tu_assert_corpus_equal(&a, &b);
    ck_corpus_free(&a);
    ck_corpus_free(&b);
    tu_rmrf(dir);
    free(dir);
}

static void key_files_are_private_and_never_overwritten(void **state)
{
    (void)state;
    char *dir = tu_tmpdir();
    char path[1024];
    snprintf(path, sizeof path, "%s/k", dir);
    assert_int_equal(ck_deid_key_write(path, NULL), CK_OK);
    struct stat st;
    assert_int_equal(stat(path, &st), 0);
    assert_int_equal(st.st_mode & 0777, 0600);
    assert_int_not_equal(ck_deid_key_write(path, NULL), CK_OK);
    uint8_t k1[CK_DEID_KEY_BYTES], k2[CK_DEID_KEY_BYTES];
    assert_int_equal(ck_deid_key_read(path, k1, NULL), CK_OK);
    assert_int_equal(ck_deid_key_read(path, k2, NULL), CK_OK);
    assert_memory_equal(k1, k2, sizeof k1);
    tu_write(dir, "short", "abc\n");
    snprintf(path, sizeof path, "%s/short", dir);
    assert_int_not_equal(ck_deid_key_read(path, k1, NULL), CK_OK);
    tu_rmrf(dir);
    free(dir);
}

static void synthetic_notes_are_reproducible_and_their_gold_matches_the_text(void **state)
{
    (void)state;
    for (int style = 0; style < 4; style++) {
        ck_doc *a, *b;
        assert_int_equal(ck_deid_generate(DE, 7, 3, (ck_deid_style)style, &a, NULL), CK_OK);
        assert_int_equal(ck_deid_generate(DE, 7, 3, (ck_deid_style)style, &b, NULL), CK_OK);
        assert_true(ck_doc_equal(a, b, NULL, 0));
        assert_true(a->n_entities > 5);
        assert_int_equal(ck_doc_check(a, "synth", NULL), 0);
        ck_doc_free(a);
        ck_doc_free(b);
    }
}

static void mimic_placeholders_filled_with_surrogates_are_found_again(void **state)
{
    (void)state;
    /* invented, in the shape of MIMIC-III NOTEEVENTS text */
    const char *text =
        "Admission Date:  [**2151-7-16**]       Discharge Date:  [**2151-8-4**]\n"
        "Service: MEDICINE\nAttending: Dr. [**Last Name (STitle) 2184**]\n"
        "Mr. [**Known lastname 2891**] is a 67 y/o man admitted to [**Hospital1 18**] on "
        "[**2151-7-16**] with dyspnea. He lives in [**Location (un) 86**]. Call "
        "[**Telephone/Fax (1) 2234**]. MRN: [**Medical Record Number 3321**]. "
        "Follow up with Dr. [**Last Name (STitle) 2184**] on [**2151-8-20**].\n";
    ck_doc *d = ck_doc_new("mimic");
    assert_int_equal(ck_doc_set_text(d, text, strlen(text), NULL), 0);
    assert_int_equal(ck_deid_mark_placeholders(d), CK_OK);
    assert_int_equal(d->n_entities, 11);
    ck_deid_opts o = {.mode = CK_DEID_SURROGATE, .key = KEY, .patient = "p"};
    ck_doc *filled;
    assert_int_equal(ck_deid_apply(DE, d, &o, &filled, NULL), CK_OK);
    assert_null(strstr(filled->text, "[**"));
    /* the same placeholder, the same value */
    char *a = phi_text(filled, 2), *b = phi_text(filled, 9);
    assert_string_equal(a, b);
    free(a);
    free(b);
    /* detect on the filled text; every filled span must be found with its
     * category */
    ck_doc *again = ck_doc_new("again");
    assert_int_equal(ck_doc_set_text(again, filled->text, filled->text_bytes, NULL), 0);
    assert_int_equal(ck_deid_detect(DE, again, NULL), CK_OK);
    size_t hit = 0;
    for (size_t i = 0; i < filled->n_entities; i++) {
        const ck_entity *g = &filled->entities[i];
        int ok = 0;
        for (size_t k = 0; k < again->n_entities && !ok; k++)
            ok = !strcmp(again->entities[k].type, g->type) &&
                 again->entities[k].spans[0].start == g->spans[0].start &&
                 again->entities[k].spans[0].end == g->spans[0].end;
        if (!ok) {
            char *s = phi_text(filled, i);
            print_error("not found again: %s '%s'\n", g->type, s);
            free(s);
        }
        hit += (size_t)ok;
    }
    assert_int_equal(hit, filled->n_entities);
    ck_doc_free(d);
    ck_doc_free(filled);
    ck_doc_free(again);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(each_category_is_found_in_varied_forms),
        cmocka_unit_test(clinical_terms_that_look_like_names_are_left_alone),
        cmocka_unit_test(surrogates_are_consistent_within_a_note_and_across_a_patients_notes),
        cmocka_unit_test(a_phone_stays_a_phone_and_a_name_keeps_its_case),
        cmocka_unit_test(date_shift_keeps_intervals_and_written_forms),
        cmocka_unit_test(the_same_key_reproduces_the_output_and_another_key_does_not),
        cmocka_unit_test(running_again_with_the_same_key_changes_nothing_already_changed),
        cmocka_unit_test(redaction_and_masks_replace_only_phi),
        cmocka_unit_test(other_annotations_move_with_the_text),
        cmocka_unit_test(no_phi_appears_in_any_diagnostic),
        cmocka_unit_test(physionet_deid_round_trips_with_accented_text),
        cmocka_unit_test(key_files_are_private_and_never_overwritten),
        cmocka_unit_test(synthetic_notes_are_reproducible_and_their_gold_matches_the_text),
        cmocka_unit_test(mimic_placeholders_filled_with_surrogates_are_found_again),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
