/*
 * test_catalog.c — the embedded catalog: it parses, covers every corpus
 * family the project promises, names only formats (and eval tasks) that
 * exist (so do its eval tasks), and the filters of `clinkit datasets search` work.
 */
#include "testutil.h"

#include "clinkit/eval.h"

static const ck_catalog *cat(void)
{
    ck_diag *d = ck_diag_new(1);
    const ck_catalog *c = ck_catalog_builtin(d);
    if (!c) {
        char buf[512];
        ck_diag_format(ck_diag_get(d, 0), buf, sizeof buf);
        print_error("%s\n", buf);
    }
    ck_diag_free(d);
    assert_non_null(c);
    return c;
}

static void every_promised_corpus_has_an_entry(void **state)
{
    (void)state;
    static const char *ids[] = {
        "mimic-iii-noteevents", "mimic-iv-note", "i2b2-2006-deid", "i2b2-2006-smoking",
        "i2b2-2008-obesity", "i2b2-2009-medication", "i2b2-2010-relations", "i2b2-2011-coref",
        "i2b2-2012-temporal", "i2b2-2014-deid", "i2b2-2014-rf", "n2c2-2018-t1",
        "n2c2-2018-t2", "n2c2-2019-t3-mcn", "share-clef-2013-t1", "share-clef-2014-t2",
        "clef-ehealth-2015", "clef-ehealth-2016", "semeval-2014-t7", "semeval-2015-t14",
        "clinical-tempeval-2015", "clinical-tempeval-2016", "clinical-tempeval-2017",
        "ntcir-10-mednlp", "ntcir-11-mednlp-2", "ntcir-12-mednlpdoc", "ntcir-16-real-mednlp",
        "nbme-patient-notes", "cblue", "cblue-cmeee", "cblue-cmeie", "cblue-chip-cdn",
        "cblue-chip-ctc", "cblue-chip-sts", "cblue-kuake-qic", "cblue-kuake-qtr",
        "cblue-kuake-qqr", NULL};
    const ck_catalog *c = cat();
    for (size_t i = 0; ids[i]; i++) {
        if (!ck_catalog_find(c, ids[i]))
            print_error("missing catalog entry %s\n", ids[i]);
        assert_non_null(ck_catalog_find(c, ids[i]));
    }
    size_t n2022 = 0;
    for (size_t i = 0; i < ck_catalog_count(c); i++)
        n2022 += strncmp(ck_catalog_at(c, i)->id, "n2c2-2022", 9) == 0;
    assert_true(n2022 >= 2);
}

static void every_entry_is_complete_and_names_only_real_formats(void **state)
{
    (void)state;
    const ck_catalog *c = cat();
    assert_true(ck_catalog_count(c) >= 40);
    for (size_t i = 0; i < ck_catalog_count(c); i++) {
        const ck_dataset *ds = ck_catalog_at(c, i);
        assert_true(strlen(ds->name) > 0 && strlen(ds->organiser) > 0);
        assert_true(ds->n_years > 0 && ds->tasks.n > 0 && ds->languages.n > 0);
        assert_true(ds->access_steps.n > 0);
        assert_non_null(strchr(ds->citation, '@'));
        if (ds->parent)
            assert_non_null(ck_catalog_find(c, ds->parent));
        if (ds->eval_task && !ck_scorer_find(ds->eval_task))
            print_error("%s names unknown eval task %s\n", ds->id, ds->eval_task);
        assert_true(!ds->eval_task || ck_scorer_find(ds->eval_task));
        char cmd[256];
        assert_int_equal(ck_eval_command(ds, cmd, sizeof cmd), ds->eval_task ? 0 : -1);
        for (size_t k = 0; k < ds->formats.n; k++) {
            if (!ck_format_find(ds->formats.items[k]))
                print_error("%s names unknown format %s\n", ds->id, ds->formats.items[k]);
            assert_non_null(ck_format_find(ds->formats.items[k]));
        }
    }
}

static void search_filters_by_task_language_and_access(void **state)
{
    (void)state;
    const ck_catalog *c = cat();
    const ck_dataset *mimic = ck_catalog_find(c, "mimic-iii-noteevents");
    const ck_dataset *cmeee = ck_catalog_find(c, "cblue-cmeee");
    assert_true(ck_dataset_matches(mimic, NULL, NULL, "en", "credentialed"));
    assert_false(ck_dataset_matches(mimic, NULL, NULL, "zh", NULL));
    assert_true(ck_dataset_matches(cmeee, NULL, "named entity", "zh", NULL));
    assert_true(ck_dataset_matches(cmeee, "CMEEE", NULL, NULL, NULL)); /* case-insensitive */
    assert_false(ck_dataset_matches(cmeee, NULL, NULL, NULL, "credentialed"));
}

static void a_broken_catalog_is_refused_with_the_reason(void **state)
{
    (void)state;
    ck_catalog *c = NULL;
    ck_diag *d = ck_diag_new(1);
    const char *bad = "{\"datasets\": [{\"id\": \"x\"}]}";
    assert_int_equal(ck_catalog_parse(bad, strlen(bad), "t.json", &c, d), CK_ERR_PARSE);
    assert_null(c);
    assert_non_null(strstr(ck_diag_get(d, 0)->message, "family"));
    ck_diag_free(d);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(every_promised_corpus_has_an_entry),
        cmocka_unit_test(every_entry_is_complete_and_names_only_real_formats),
        cmocka_unit_test(search_filters_by_task_language_and_access),
        cmocka_unit_test(a_broken_catalog_is_refused_with_the_reason),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
