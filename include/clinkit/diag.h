/*
 * clinkit/diag.h — status codes and the diagnostics collector.
 *
 * Every fallible clinkit call returns a ck_status. Details (what went wrong,
 * in which file, at which line/byte) are recorded in a ck_diag the caller
 * owns; the library never prints. A ck_diag also carries the policy for bad
 * input: strict (the first error stops the read) or lenient (every skipped
 * item is recorded and counted, reading goes on), and whether messages may
 * quote document text (off by default: clinical text may hold PHI).
 */
#ifndef CLINKIT_DIAG_H
#define CLINKIT_DIAG_H

#include <stdarg.h>
#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef enum ck_status {
    CK_OK = 0,
    CK_ERR_IO = 1,      /* file cannot be opened/read/written */
    CK_ERR_PARSE = 2,   /* input does not follow its format (strict mode) */
    CK_ERR_NOMEM = 3,   /* allocation failed */
    CK_ERR_USAGE = 4,   /* caller error: bad argument, unknown format */
    CK_ERR_UNSUPPORTED = 5, /* the format cannot do this (e.g. write) */
    CK_STOP = 6         /* a callback asked to stop early; not an error */
} ck_status;

typedef enum ck_severity {
    CK_SEV_NOTE = 0,    /* informational, e.g. a quirk that was repaired */
    CK_SEV_WARNING = 1, /* data kept but suspicious (e.g. text mismatch) */
    CK_SEV_ERROR = 2    /* an item was skipped (lenient) or reading stopped */
} ck_severity;

/* One recorded problem. line and column are 1-based; 0 means unknown.
 * byte is the 0-based byte offset in the file, or (size_t)-1 if unknown. */
typedef struct ck_diag_item {
    ck_severity severity;
    const char *file;
    size_t line;
    size_t column;
    size_t byte;
    const char *message;
} ck_diag_item;

typedef struct ck_diag ck_diag;

/* A new collector. strict != 0: ck_diag_error() returns CK_ERR_PARSE so
 * the reader stops at the first error; otherwise it returns CK_OK and the
 * reader skips the item. */
ck_diag *ck_diag_new(int strict);
void ck_diag_free(ck_diag *d);

int ck_diag_strict(const ck_diag *d);
/* Allow messages to quote document text (the --show-text flag). */
void ck_diag_set_show_text(ck_diag *d, int on);
int ck_diag_show_text(const ck_diag *d);
/* Keep at most max items in memory (counts stay exact). Default 10000. */
void ck_diag_set_limit(ck_diag *d, size_t max);

/* Record a problem. Returns CK_ERR_PARSE for an error in strict mode,
 * CK_OK otherwise, so readers can write `if ((rc = ck_diag_error(...))) return rc;`.
 * d may be NULL (the problem is then only reflected in the return code). */
ck_status ck_diag_add(ck_diag *d, ck_severity sev, const char *file,
                      size_t line, size_t column, size_t byte,
                      const char *fmt, ...)
    __attribute__((format(printf, 7, 8)));
ck_status ck_diag_addv(ck_diag *d, ck_severity sev, const char *file,
                       size_t line, size_t column, size_t byte,
                       const char *fmt, va_list ap);

/* Shorthands: an error / warning at file:line (byte unknown). */
ck_status ck_diag_error(ck_diag *d, const char *file, size_t line,
                        const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
ck_status ck_diag_warn(ck_diag *d, const char *file, size_t line,
                       const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

/* Quote document text into a message safely: returns s (truncated to 40
 * code points, control characters escaped) when show_text is on, or a
 * placeholder like "<12 chars hidden>" otherwise. The result lives in d
 * until the next call; use it at once. */
const char *ck_diag_quote(ck_diag *d, const char *s, size_t nbytes);

size_t ck_diag_count(const ck_diag *d, ck_severity sev);
size_t ck_diag_size(const ck_diag *d);          /* items kept */
const ck_diag_item *ck_diag_get(const ck_diag *d, size_t i);
void ck_diag_clear(ck_diag *d);

/* "file:line:col: error: message" into buf (always NUL-terminated). */
void ck_diag_format(const ck_diag_item *it, char *buf, size_t size);

const char *ck_status_str(ck_status st);

#ifdef __cplusplus
}
#endif
#endif
