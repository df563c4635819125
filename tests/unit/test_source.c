/*
 * test_source.c — corpus sources: folders listed sorted and recursively,
 * hidden files skipped, archives read in place, unsafe member paths refused.
 */
#include <archive.h>
#include <archive_entry.h>

#include "testutil.h"

static void add_member(struct archive *a, const char *name, const char *data)
{
    struct archive_entry *e = archive_entry_new();
    archive_entry_set_pathname(e, name);
    archive_entry_set_size(e, (la_int64_t)strlen(data));
    archive_entry_set_filetype(e, AE_IFREG);
    archive_entry_set_perm(e, 0644);
    assert_int_equal(archive_write_header(a, e), ARCHIVE_OK);
    archive_write_data(a, data, strlen(data));
    archive_entry_free(e);
}

static void folder_entries_are_sorted_and_hidden_files_skipped(void **state)
{
    (void)state;
    char *dir = tu_tmpdir();
    tu_write(dir, "b/2.txt", "two");
    tu_write(dir, "a.txt", "one");
    tu_write(dir, ".DS_Store", "x");
    ck_source *s;
    assert_int_equal(ck_source_open(dir, &s, NULL), CK_OK);
    assert_int_equal(ck_source_count(s), 2);
    assert_string_equal(ck_source_name(s, 0), "a.txt");
    assert_string_equal(ck_source_name(s, 1), "b/2.txt");
    assert_int_equal(ck_source_find(s, "b/2.txt"), 1);
    const char *p;
    size_t n;
    assert_int_equal(ck_source_load(s, 1, &p, &n, NULL), CK_OK);
    assert_string_equal(p, "two");
    ck_source_free(s);
    tu_rmrf(dir);
    free(dir);
}

static void zip_members_with_unsafe_paths_are_refused_and_reported(void **state)
{
    (void)state;
    char *dir = tu_tmpdir(), path[1024];
    snprintf(path, sizeof path, "%s/x.zip", dir);
    struct archive *a = archive_write_new();
    archive_write_set_format_zip(a);
    assert_int_equal(archive_write_open_filename(a, path), ARCHIVE_OK);
    add_member(a, "ok/a.txt", "fine");
    add_member(a, "../evil.txt", "bad");
    add_member(a, "/abs.txt", "bad");
    add_member(a, "__MACOSX/ok/._a.txt", "junk");
    archive_write_close(a);
    archive_write_free(a);
    ck_diag *d = ck_diag_new(0);
    ck_source *s;
    assert_int_equal(ck_source_open(path, &s, d), CK_OK);
    assert_int_equal(ck_source_count(s), 1);
    assert_string_equal(ck_source_name(s, 0), "ok/a.txt");
    assert_int_equal(ck_diag_count(d, CK_SEV_ERROR), 2);
    ck_source_free(s);
    ck_diag_free(d);
    d = ck_diag_new(1);
    assert_int_equal(ck_source_open(path, &s, d), CK_ERR_PARSE);
    ck_diag_free(d);
    tu_rmrf(dir);
    free(dir);
}

static void missing_path_is_an_io_error_naming_it(void **state)
{
    (void)state;
    ck_diag *d = ck_diag_new(1);
    ck_source *s;
    assert_int_equal(ck_source_open("/nonexistent/clinkit", &s, d), CK_ERR_IO);
    assert_string_equal(ck_diag_get(d, 0)->file, "/nonexistent/clinkit");
    ck_diag_free(d);
}

static void gzip_stream_decompresses_transparently(void **state)
{
    (void)state;
    char *dir = tu_tmpdir(), path[1024], cmd[2048];
    tu_write(dir, "n.csv", "a,b\n1,2\n");
    snprintf(cmd, sizeof cmd, "gzip '%s/n.csv'", dir);
    assert_int_equal(system(cmd), 0);
    snprintf(path, sizeof path, "%s/n.csv.gz", dir);
    ck_stream *st;
    assert_int_equal(ck_stream_open(path, &st, NULL), CK_OK);
    char buf[64];
    ssize_t k = ck_stream_read(st, buf, sizeof buf, NULL);
    assert_int_equal(k, 8);
    assert_memory_equal(buf, "a,b\n1,2\n", 8);
    ck_stream_close(st);
    tu_rmrf(dir);
    free(dir);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(folder_entries_are_sorted_and_hidden_files_skipped),
        cmocka_unit_test(zip_members_with_unsafe_paths_are_refused_and_reported),
        cmocka_unit_test(missing_path_is_an_io_error_naming_it),
        cmocka_unit_test(gzip_stream_decompresses_transparently),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
