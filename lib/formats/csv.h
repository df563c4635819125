/*
 * csv.h — private: a streaming RFC 4180 CSV reader and a field writer,
 * shared by the table formats (MIMIC-III/IV notes, NBME).
 *
 * The reader holds one record at a time: it scans large blocks read from a
 * ck_stream (so .csv.gz works) with memchr, keeps the current record
 * contiguous in its buffer, and unescapes fields in place. Memory is the
 * block size plus the largest record, independent of the file size.
 *
 * Dialect: ',' separator, '"' quote, "" inside quotes for one quote,
 * quoted fields may hold separators and line breaks; records end with LF,
 * CRLF or a lone CR. Blank lines between records and a UTF-8 byte order
 * mark at the start are skipped. An empty
 * unquoted field is distinguishable from "" (ck_csv_quoted), so SQL NULL
 * survives a round trip.
 *
 * Malformed input (text after a closing quote, a quote inside an unquoted
 * field, a quote left open at end of file) is an error naming file, line,
 * column and record; in lenient mode the bytes are kept literally, as
 * Python's csv module does, so nothing is lost.
 */
#ifndef CK_FORMATS_CSV_H
#define CK_FORMATS_CSV_H

#include <stddef.h>

#include "clinkit/diag.h"
#include "core/buf.h"

typedef struct ck_csv ck_csv;

/* Open a file ("-" = stdin; .gz/.bz2/.xz by content). */
ck_status ck_csv_open(const char *path, ck_csv **out, ck_diag *d);
/* Read from memory (copied). name is used in diagnostics. */
ck_status ck_csv_open_mem(const char *data, size_t n, const char *name,
                          ck_csv **out);
void ck_csv_close(ck_csv *c);

/* Read the next record: *nf = its field count, 0 at end of input.
 * Errors are recorded in d; strict mode returns CK_ERR_PARSE. */
ck_status ck_csv_next(ck_csv *c, size_t *nf, ck_diag *d);

/* Field i of the current record: NUL-terminated, unescaped, valid until
 * the next ck_csv_next. len may be NULL. */
const char *ck_csv_field(const ck_csv *c, size_t i, size_t *len);
/* 1 if field i was quoted ("" is an empty string, an empty unquoted
 * field is NULL in MIMIC's convention). */
int ck_csv_quoted(const ck_csv *c, size_t i);
/* 1 if the current record had a syntax error (already reported; lenient
 * mode only — strict mode stops). Its fields hold the bytes literally;
 * readers skip such a record rather than guess. */
int ck_csv_damaged(const ck_csv *c);
/* 1-based number of the current record (the header is record 1). */
size_t ck_csv_record(const ck_csv *c);
/* 1-based line and column (bytes) where field i of the current record
 * starts. Counting is lazy: it costs nothing until asked. */
size_t ck_csv_field_line(ck_csv *c, size_t i, size_t *column);
const char *ck_csv_name(const ck_csv *c);

/* Record an error about field i of the current record at its line and
 * column ("record N, field M: ..."). Returns ck_diag_error's status. */
ck_status ck_csv_error(ck_csv *c, ck_diag *d, size_t i, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
ck_status ck_csv_warn(ck_csv *c, ck_diag *d, size_t i, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

/* Writing: append s[0..n) as one field. s == NULL writes nothing (an empty
 * unquoted field). Quoted when quote is set or when s needs it (separator,
 * quote, CR, LF, or empty: "" stays distinct from NULL). */
void ck_csv_put(ck_buf *b, const char *s, size_t n, int quote);

#endif
