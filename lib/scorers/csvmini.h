/*
 * csvmini.h — private: a minimal RFC 4180 CSV record splitter for the
 * scorers that read small CSV submissions (NBME). Quoted fields may hold
 * commas, doubled quotes and newlines. Not a corpus reader: the formats
 * registry owns those.
 */
#ifndef CK_CSVMINI_H
#define CK_CSVMINI_H

#include <stddef.h>

#define CSV_MAX_FIELDS 32

typedef struct csv_rec {
    char *f[CSV_MAX_FIELDS]; /* NUL-terminated, unquoted, in the buffer */
    size_t n;
    size_t line; /* 1-based line where the record starts */
} csv_rec;

/* Parse the next record from *p (a NUL-terminated, writable buffer that is
 * modified in place). Returns 1 with a record, 0 at the end, -1 when a
 * quoted field is not closed. */
int csv_next(char **p, size_t *line, csv_rec *rec);

#endif
