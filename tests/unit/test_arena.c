/*
 * test_arena.c — the document arena bump-allocates: after a block fills up,
 * the next small allocations come from one new block, not one malloc each
 * (a bug that cost a malloc of 8 KB per annotation once a text was set).
 */
#include "testutil.h"

#include "core/arena.h"

static void small_allocations_after_a_full_block_share_one_new_block(void **state)
{
    (void)state;
    ck_arena *a = ck_arena_new();
    assert_non_null(ck_arena_alloc(a, 8192)); /* fills the first block exactly */
    assert_non_null(ck_arena_alloc(a, 6000)); /* big: a block of its own */
    char *prev = ck_arena_alloc(a, 32);
    for (int i = 0; i < 100; i++) {
        char *p = ck_arena_alloc(a, 32);
        assert_ptr_equal(p, prev + 32); /* bumped, same block */
        prev = p;
    }
    ck_arena_free(a);
}

static void a_big_allocation_keeps_the_current_block_for_small_ones(void **state)
{
    (void)state;
    ck_arena *a = ck_arena_new();
    char *p = ck_arena_alloc(a, 4000);
    assert_non_null(ck_arena_alloc(a, 5000)); /* does not fit: own block */
    assert_ptr_equal(ck_arena_alloc(a, 16), p + 4000);
    ck_arena_free(a);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(small_allocations_after_a_full_block_share_one_new_block),
        cmocka_unit_test(a_big_allocation_keeps_the_current_block_for_small_ones),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
