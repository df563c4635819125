/*
 * report.h — private: a scorer's result as sections of labelled rows of
 * numbers, printed as clinkit's clean table or as JSON. The official
 * text is printed by each scorer itself; this is the other two forms.
 */
#ifndef CK_REPORT_H
#define CK_REPORT_H

#include <stdio.h>

#include "clinkit/eval.h"

#define REP_MAX_COLS 12

typedef struct rep_row {
    char *label;
    double v[REP_MAX_COLS];
} rep_row;

typedef struct rep_section {
    char *name;
    const char *cols[REP_MAX_COLS]; /* static strings */
    size_t n_cols;
    rep_row *rows;
    size_t n_rows, cap;
} rep_section;

typedef struct rep {
    const char *task;
    rep_section *secs;
    size_t n_secs, cap;
    char *note; /* optional line printed under the table ("3 documents") */
} rep;

void rep_init(rep *r, const char *task);
void rep_free(rep *r);
/* Start a section; cols are column names (static), n <= REP_MAX_COLS. */
void rep_section_add(rep *r, const char *name, size_t n, const char *const *cols);
/* Add a row to the last section; v has that section's n_cols values.
 * Integer-valued columns (counts) print without decimals. */
void rep_row_add(rep *r, const char *label, const double *v);
void rep_note(rep *r, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Print as the clean table or JSON. */
void rep_print(const rep *r, FILE *out, ck_eval_format fmt);

#endif
