/*
 * test_n2c2_brat_samples.c — the BRAT-based n2c2 samples (2018 track 2
 * ADE/medication, 2022 track 1 CMED, 2022 track 2 SDOH) read with the brat
 * format: every entity, relation, event and attribute type the format
 * reference lists is present, the CMED trailing space after the event
 * trigger and SHAC's numbered repeated roles read, and each round-trips.
 */
#include "fmtutil.h"

static int has_type(const ck_corpus *c, int kind, const char *type)
{
    for (size_t i = 0; i < c->n_docs; i++) {
        const ck_doc *d = c->docs[i];
        if (kind == 0)
            for (size_t k = 0; k < d->n_entities; k++)
                if (strcmp(d->entities[k].type, type) == 0)
                    return 1;
        if (kind == 1)
            for (size_t k = 0; k < d->n_relations; k++)
                if (strcmp(d->relations[k].type, type) == 0)
                    return 1;
        if (kind == 2)
            for (size_t k = 0; k < d->n_events; k++)
                if (strcmp(d->events[k].type, type) == 0)
                    return 1;
    }
    return 0;
}

/* Some attribute key=value on an entity (kind 0) or event (kind 2). */
static int has_attr(const ck_corpus *c, int kind, const char *key, const char *value)
{
    for (size_t i = 0; i < c->n_docs; i++) {
        const ck_doc *d = c->docs[i];
        size_t n = kind ? d->n_events : d->n_entities;
        for (size_t k = 0; k < n; k++) {
            const ck_attr *a = kind ? d->events[k].attrs : d->entities[k].attrs;
            size_t na = kind ? d->events[k].n_attrs : d->entities[k].n_attrs;
            for (size_t j = 0; j < na; j++)
                if (strcmp(a[j].key, key) == 0 && a[j].value &&
                    strcmp(a[j].value, value) == 0)
                    return 1;
        }
    }
    return 0;
}

static void ade_sample_has_all_nine_entity_and_eight_relation_types(void **state)
{
    (void)state;
    ck_corpus c;
    tu_read("brat", "samples/n2c2-2018-t2", &c);
    const char *ents[] = {"Drug", "Strength", "Form", "Dosage", "Frequency",
                          "Route", "Duration", "Reason", "ADE"};
    for (size_t i = 0; i < 9; i++) {
        assert_true(has_type(&c, 0, ents[i]));
        if (i) {
            char rel[32];
            snprintf(rel, sizeof rel, "%s-Drug", ents[i]);
            assert_true(has_type(&c, 1, rel));
        }
    }
    /* "DAILY\n(daily)": two fragments, text joined by one space */
    const ck_doc *d = c.docs[0];
    const ck_entity *f = NULL;
    for (size_t i = 0; i < d->n_entities; i++)
        if (strcmp(d->entities[i].type, "Frequency") == 0)
            f = &d->entities[i];
    assert_int_equal(f->n_spans, 2);
    fu_text(d, f, 0, "DAILY");
    fu_text(d, f, 1, "(daily)");
    ck_corpus_free(&c);
}

static void cmed_sample_has_every_event_type_and_attribute_value(void **state)
{
    (void)state;
    ck_corpus c;
    tu_read("brat", "samples/n2c2-2022-t1-cmed", &c);
    assert_int_equal(c.n_docs, 3);
    const char *ev[] = {"Disposition", "NoDisposition", "Undetermined"};
    for (size_t i = 0; i < 3; i++)
        assert_true(has_type(&c, 2, ev[i]));
    const char *vals[][2] = {
        {"Action", "Start"}, {"Action", "Stop"}, {"Action", "Increase"},
        {"Action", "Decrease"}, {"Action", "OtherChange"}, {"Action", "UniqueDose"},
        {"Action", "Unknown"}, {"Actor", "Physician"}, {"Actor", "Patient"},
        {"Actor", "Unknown"}, {"Certainty", "Certain"}, {"Certainty", "Hypothetical"},
        {"Certainty", "Conditional"}, {"Certainty", "Unknown"}, {"Temporality", "Past"},
        {"Temporality", "Present"}, {"Temporality", "Future"}, {"Temporality", "Unknown"},
        {"Negation", "Negated"}, {"Negation", "NotNegated"}};
    for (size_t i = 0; i < sizeof vals / sizeof *vals; i++)
        assert_true(has_attr(&c, 2, vals[i][0], vals[i][1]));
    /* "E1<TAB>NoDisposition:T1 " — the trailing space does not leak */
    const ck_doc *d = fu_doc(&c, "n2c2Track1TrainingData/data/train/901-01");
    assert_string_equal(d->events[0].trigger, "T1");
    assert_int_equal(d->events[0].n_args, 0);
    ck_corpus_free(&c);
}

static void sdoh_sample_has_every_event_argument_and_value(void **state)
{
    (void)state;
    ck_corpus c;
    tu_read("brat", "samples/n2c2-2022-t2-sdoh", &c);
    const char *ev[] = {"Alcohol", "Drug", "Tobacco", "Employment", "LivingStatus"};
    for (size_t i = 0; i < 5; i++)
        assert_true(has_type(&c, 2, ev[i]) && has_type(&c, 0, ev[i]));
    const char *args[] = {"StatusTime", "StatusEmploy", "TypeLiving", "Amount",
                          "Duration", "Frequency", "History", "Method", "Type"};
    for (size_t i = 0; i < 9; i++)
        assert_true(has_type(&c, 0, args[i]));
    const char *vals[][2] = {
        {"StatusTimeVal", "none"}, {"StatusTimeVal", "current"},
        {"StatusTimeVal", "past"}, {"StatusTimeVal", "future"},
        {"StatusEmployVal", "employed"}, {"StatusEmployVal", "unemployed"},
        {"StatusEmployVal", "retired"}, {"StatusEmployVal", "on_disability"},
        {"StatusEmployVal", "student"}, {"StatusEmployVal", "homemaker"},
        {"TypeLivingVal", "alone"}, {"TypeLivingVal", "with_family"},
        {"TypeLivingVal", "with_others"}, {"TypeLivingVal", "homeless"}};
    for (size_t i = 0; i < sizeof vals / sizeof *vals; i++)
        assert_true(has_attr(&c, 0, vals[i][0], vals[i][1]));
    /* a repeated role keeps brat's digit suffix */
    const ck_doc *d = fu_doc(&c, "dev/uw/0902");
    assert_string_equal(d->events[0].args[2].role, "Type2");
    ck_corpus_free(&c);
}

static void brat_samples_round_trip(void **state)
{
    (void)state;
    fu_roundtrip("brat", "samples/n2c2-2018-t2");
    fu_roundtrip("brat", "samples/n2c2-2022-t1-cmed");
    fu_roundtrip("brat", "samples/n2c2-2022-t2-sdoh");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(ade_sample_has_all_nine_entity_and_eight_relation_types),
        cmocka_unit_test(cmed_sample_has_every_event_type_and_attribute_value),
        cmocka_unit_test(sdoh_sample_has_every_event_argument_and_value),
        cmocka_unit_test(brat_samples_round_trip),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
