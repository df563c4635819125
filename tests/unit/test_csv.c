/*
 * test_csv.c — the streaming RFC 4180 reader (lib/formats/csv.c): quoting,
 * multi-line fields, doubled quotes, CRLF, NULL vs "", records larger than
 * the buffer, .gz input, and errors that name line, column and record.
 */
#include <zlib.h>

#include "testutil.h"
#include "formats/csv.h"

/* Parse data fully; returns the records joined as "f1|f2\n" (fields
 * unquoted, NULL as "~"). */
static char *parse_all(const char *data, size_t n, ck_diag *d, ck_status *rc_out)
{
    ck_csv *c;
    assert_int_equal(ck_csv_open_mem(data, n, "t.csv", &c), CK_OK);
    ck_buf out;
    ck_buf_init(&out);
    size_t nf;
    ck_status rc;
    while ((rc = ck_csv_next(c, &nf, d)) == CK_OK && nf) {
        for (size_t i = 0; i < nf; i++) {
            size_t len;
            const char *f = ck_csv_field(c, i, &len);
            assert_int_equal(strlen(f), len);
            if (i)
                ck_buf_addc(&out, '|');
            if (!len && !ck_csv_quoted(c, i))
                ck_buf_addc(&out, '~');
            ck_buf_add(&out, f, len);
        }
        ck_buf_addc(&out, '\n');
    }
    if (rc_out)
        *rc_out = rc;
    ck_csv_close(c);
    char *s = strdup(ck_buf_str(&out));
    ck_buf_free(&out);
    return s;
}

static void quoted_fields_hold_separators_newlines_and_doubled_quotes(void **state)
{
    (void)state;
    const char *in = "a,b,c\n1,\"x, y\",\"line1\nline2 \"\"q\"\"\"\n";
    char *s = parse_all(in, strlen(in), NULL, NULL);
    assert_string_equal(s, "a|b|c\n1|x, y|line1\nline2 \"q\"\n");
    free(s);
}

static void crlf_and_lf_record_ends_are_both_accepted_and_crlf_inside_quotes_kept(void **state)
{
    (void)state;
    const char *in = "a,b\r\n1,\"p\r\nq\"\r\n2,z\n3,w";
    char *s = parse_all(in, strlen(in), NULL, NULL);
    assert_string_equal(s, "a|b\n1|p\r\nq\n2|z\n3|w\n");
    free(s);
}

static void empty_unquoted_field_is_null_and_quoted_empty_is_empty_string(void **state)
{
    (void)state;
    const char *in = "a,b,c,d\n,\"\",x,\n";
    char *s = parse_all(in, strlen(in), NULL, NULL);
    assert_string_equal(s, "a|b|c|d\n~||x|~\n");
    free(s);
}

static void blank_lines_and_a_byte_order_mark_are_skipped(void **state)
{
    (void)state;
    const char *in = "\xEF\xBB\xBF\na,b\n\n\r\n1,2\n\n";
    char *s = parse_all(in, strlen(in), NULL, NULL);
    assert_string_equal(s, "a|b\n1|2\n");
    free(s);
}

static void text_after_a_closing_quote_is_an_error_at_its_line_and_column(void **state)
{
    (void)state;
    const char *in = "a,b\n1,\"two\nlines\"x\n";
    ck_diag *d = ck_diag_new(1);
    ck_status rc;
    char *s = parse_all(in, strlen(in), d, &rc);
    assert_int_equal(rc, CK_ERR_PARSE);
    assert_int_equal(ck_diag_count(d, CK_SEV_ERROR), 1);
    const ck_diag_item *it = ck_diag_get(d, 0);
    assert_string_equal(it->file, "t.csv");
    assert_int_equal(it->line, 3);   /* the x after lines" */
    assert_int_equal(it->column, 7);
    assert_non_null(strstr(it->message, "record 2, field 2"));
    assert_null(strstr(it->message, "lines")); /* never echoes the text */
    free(s);
    ck_diag_free(d);
}

static void lenient_mode_keeps_malformed_bytes_literally_and_reports_each(void **state)
{
    (void)state;
    const char *in = "a,b\n1,\"two\"x\n2,it\"s\n3,ok\n";
    ck_diag *d = ck_diag_new(0);
    ck_status rc;
    char *s = parse_all(in, strlen(in), d, &rc);
    assert_int_equal(rc, CK_OK);
    assert_string_equal(s, "a|b\n1|twox\n2|it\"s\n3|ok\n");
    assert_int_equal(ck_diag_count(d, CK_SEV_ERROR), 2);
    assert_int_equal(ck_diag_get(d, 1)->line, 3);
    assert_int_equal(ck_diag_get(d, 1)->column, 5);
    free(s);
    ck_diag_free(d);
}

static void quote_left_open_is_reported_where_the_field_starts(void **state)
{
    (void)state;
    const char *in = "a,b\n1,x\n2,\"never closed\n,,,\n";
    ck_diag *d = ck_diag_new(1);
    ck_status rc;
    char *s = parse_all(in, strlen(in), d, &rc);
    assert_int_equal(rc, CK_ERR_PARSE);
    assert_int_equal(ck_diag_get(d, 0)->line, 3);
    assert_int_equal(ck_diag_get(d, 0)->column, 3);
    assert_non_null(strstr(ck_diag_get(d, 0)->message, "never closed"));
    free(s);
    ck_diag_free(d);
}

static void field_line_counts_newlines_inside_earlier_quoted_fields(void **state)
{
    (void)state;
    const char *in = "h1,h2\n\"a\nb\nc\",1\n\"d\"\"\ne\",2\nlast,3\n";
    ck_csv *c;
    assert_int_equal(ck_csv_open_mem(in, strlen(in), "t.csv", &c), CK_OK);
    size_t nf, col, lines[4], k = 0;
    while (ck_csv_next(c, &nf, NULL) == CK_OK && nf && k < 4)
        lines[k++] = ck_csv_field_line(c, 1, &col);
    assert_int_equal(k, 4);
    assert_int_equal(lines[0], 1);
    assert_int_equal(lines[1], 4); /* "c",1 */
    assert_int_equal(lines[2], 6);
    assert_int_equal(lines[3], 7);
    assert_int_equal(ck_csv_record(c), 4);
    ck_csv_close(c);
}

static void writer_quotes_only_when_needed_and_doubles_quotes(void **state)
{
    (void)state;
    ck_buf b;
    ck_buf_init(&b);
    ck_csv_put(&b, "plain", 5, 0);
    ck_buf_addc(&b, ',');
    ck_csv_put(&b, "a,b", 3, 0);
    ck_buf_addc(&b, ',');
    ck_csv_put(&b, "say \"hi\"\n", 9, 0);
    ck_buf_addc(&b, ',');
    ck_csv_put(&b, "", 0, 0);
    ck_buf_addc(&b, ',');
    ck_csv_put(&b, NULL, 0, 0);
    ck_buf_addc(&b, ',');
    ck_csv_put(&b, "q", 1, 1);
    assert_string_equal(ck_buf_str(&b), "plain,\"a,b\",\"say \"\"hi\"\"\n\",\"\",,\"q\"");
    char *s = parse_all(b.p, b.n, NULL, NULL);
    assert_string_equal(s, "plain|a,b|say \"hi\"\n||~|q\n");
    free(s);
    ck_buf_free(&b);
}

/* A file with a field far larger than the 512 KiB block and many records
 * around block edges reads back exactly, also gzip-compressed. */
static void records_larger_than_the_buffer_and_gzip_input_read_exactly(void **state)
{
    (void)state;
    char *dir = tu_tmpdir();
    ck_buf b;
    ck_buf_init(&b);
    ck_buf_adds(&b, "id,text\n");
    size_t big = 9u << 20;
    for (int r = 0; r < 3000; r++)
        ck_buf_addf(&b, "%d,\"row %d says \"\"hi\"\"\nsecond line\"\n", r, r);
    ck_buf_adds(&b, "3000,\"");
    for (size_t i = 0; i < big; i++)
        ck_buf_addc(&b, i % 61 == 60 ? '\n' : (char)('a' + i % 26));
    ck_buf_adds(&b, "\"\n3001,tail\n");
    char path[1024], gz[1024];
    snprintf(path, sizeof path, "%s/t.csv", dir);
    snprintf(gz, sizeof gz, "%s/t.csv.gz", dir);
    assert_int_equal(ck_write_file(path, b.p, b.n, NULL), CK_OK);
    gzFile g = gzopen(gz, "wb1");
    assert_non_null(g);
    assert_int_equal(gzwrite(g, b.p, (unsigned)b.n), (int)b.n);
    gzclose(g);
    const char *files[] = {path, gz};
    for (int f = 0; f < 2; f++) {
        ck_csv *c;
        assert_int_equal(ck_csv_open(files[f], &c, NULL), CK_OK);
        size_t nf, rows = 0;
        while (ck_csv_next(c, &nf, NULL) == CK_OK && nf) {
            assert_int_equal(nf, 2);
            size_t len;
            const char *t = ck_csv_field(c, 1, &len);
            if (rows == 1)
                assert_string_equal(t, "row 0 says \"hi\"\nsecond line");
            if (rows == 3001) {
                assert_int_equal(len, big);
                assert_int_equal(t[big - 1], (char)('a' + (big - 1) % 26));
            }
            if (rows == 3002) {
                assert_string_equal(t, "tail");
                size_t col;
                /* header, 3000 rows of 2 lines, the big field: its line and its LFs */
                assert_int_equal(ck_csv_field_line(c, 0, &col), 1 + 6000 + 1 + big / 61 + 1);
            }
            rows++;
        }
        assert_int_equal(rows, 3003);
        ck_csv_close(c);
    }
    ck_buf_free(&b);
    tu_rmrf(dir);
    free(dir);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(quoted_fields_hold_separators_newlines_and_doubled_quotes),
        cmocka_unit_test(crlf_and_lf_record_ends_are_both_accepted_and_crlf_inside_quotes_kept),
        cmocka_unit_test(empty_unquoted_field_is_null_and_quoted_empty_is_empty_string),
        cmocka_unit_test(blank_lines_and_a_byte_order_mark_are_skipped),
        cmocka_unit_test(text_after_a_closing_quote_is_an_error_at_its_line_and_column),
        cmocka_unit_test(lenient_mode_keeps_malformed_bytes_literally_and_reports_each),
        cmocka_unit_test(quote_left_open_is_reported_where_the_field_starts),
        cmocka_unit_test(field_line_counts_newlines_inside_earlier_quoted_fields),
        cmocka_unit_test(writer_quotes_only_when_needed_and_doubles_quotes),
        cmocka_unit_test(records_larger_than_the_buffer_and_gzip_input_read_exactly),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
