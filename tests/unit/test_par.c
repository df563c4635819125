/*
 * test_par.c — the ordered parallel map behind the one-file-per-document
 * readers: results and diagnostics arrive in item order whatever the
 * threads do; a failing delivery stops the run, drops what was prepared
 * ahead (nothing leaks) and leaves the diagnostics a sequential loop gives.
 */
#include "testutil.h"

#include "core/par.h"

enum { N = 500 };

typedef struct run {
    size_t next;      /* the index deliver expects */
    size_t fail_at;   /* deliver returns CK_ERR_PARSE here */
    int disordered;
    size_t dropped, delivered;
    unsigned workers;
} run;

static ck_status work(void *ctx, unsigned w, size_t i, void **out, ck_diag *d)
{
    (void)ctx; /* shared by the threads: not written here */
    /* uneven work, so that items finish out of order */
    volatile size_t spin = (i * 7919) % 20000;
    while (spin)
        spin--;
    size_t *v = malloc(2 * sizeof *v);
    v[0] = i;
    v[1] = w;
    *out = v;
    if (i % 3 == 0)
        ck_diag_add(d, CK_SEV_WARNING, "f", i + 1, 0, (size_t)-1, "item %zu", i);
    return i % 50 == 49 ? CK_ERR_IO : CK_OK;
}

static ck_status deliver(void *ctx, size_t i, void *out, ck_status rc)
{
    run *r = ctx;
    size_t *v = out;
    if (i != r->next || v[0] != i || v[1] >= r->workers || rc != (i % 50 == 49 ? CK_ERR_IO : CK_OK))
        r->disordered = 1;
    r->next++;
    r->delivered++;
    free(v);
    return i == r->fail_at ? CK_ERR_PARSE : CK_OK;
}

static void drop(void *ctx, void *out)
{
    ((run *)ctx)->dropped++;
    free(out);
}

/* Diagnostics in d are "item 0", "item 3", ... up to item last, in order. */
static void assert_diags_up_to(ck_diag *d, size_t last)
{
    size_t k = 0;
    for (size_t i = 0; i <= last; i++) {
        if (i % 3)
            continue;
        assert_true(k < ck_diag_size(d));
        const ck_diag_item *it = ck_diag_get(d, k++);
        char want[32];
        snprintf(want, sizeof want, "item %zu", i);
        assert_string_equal(it->message, want);
        assert_int_equal(it->line, i + 1);
    }
    assert_int_equal(ck_diag_size(d), k);
}

static void results_and_diagnostics_come_in_item_order(void **state)
{
    (void)state;
    for (unsigned workers = 1; workers <= 4; workers++) {
        run r = {.fail_at = (size_t)-1, .workers = workers};
        ck_diag *d = ck_diag_new(0);
        assert_int_equal(ck_par_run(N, workers, work, deliver, drop, &r, d), CK_OK);
        assert_false(r.disordered);
        assert_int_equal(r.delivered, N);
        assert_int_equal(r.dropped, 0);
        assert_diags_up_to(d, N - 1);
        ck_diag_free(d);
    }
}

static void a_failing_delivery_stops_and_drops_what_was_read_ahead(void **state)
{
    (void)state;
    for (unsigned workers = 1; workers <= 4; workers++) {
        run r = {.fail_at = 123, .workers = workers};
        ck_diag *d = ck_diag_new(0);
        assert_int_equal(ck_par_run(N, workers, work, deliver, drop, &r, d), CK_ERR_PARSE);
        assert_false(r.disordered);
        assert_int_equal(r.delivered, 124);
        assert_diags_up_to(d, 123); /* nothing from items read ahead */
        ck_diag_free(d);
    }
}

static void the_workers_diagnostics_keep_the_strict_policy(void **state)
{
    (void)state;
    run r = {.fail_at = (size_t)-1, .workers = 3};
    ck_diag *d = ck_diag_new(1);
    assert_int_equal(ck_par_run(N, 3, work, deliver, drop, &r, d), CK_OK);
    assert_true(ck_diag_strict(d));
    assert_int_equal(ck_diag_count(d, CK_SEV_WARNING), (N + 2) / 3);
    ck_diag_free(d);
}

static void the_thread_count_follows_clinkit_threads(void **state)
{
    (void)state;
    setenv("CLINKIT_THREADS", "3", 1);
    assert_int_equal(ck_par_workers(1000), 3);
    assert_int_equal(ck_par_workers(4), 1); /* too few items to share */
    setenv("CLINKIT_THREADS", "1", 1);
    assert_int_equal(ck_par_workers(1000), 1);
    setenv("CLINKIT_THREADS", "junk", 1);
    assert_int_equal(ck_par_workers(1000), 1);
    setenv("CLINKIT_THREADS", "99", 1);
    assert_int_equal(ck_par_workers(1000), 8);
    unsetenv("CLINKIT_THREADS");
    assert_true(ck_par_workers(1000) >= 1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(results_and_diagnostics_come_in_item_order),
        cmocka_unit_test(a_failing_delivery_stops_and_drops_what_was_read_ahead),
        cmocka_unit_test(the_workers_diagnostics_keep_the_strict_policy),
        cmocka_unit_test(the_thread_count_follows_clinkit_threads),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
