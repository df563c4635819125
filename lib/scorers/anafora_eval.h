/*
 * anafora_eval.h — private: `python -m anafora.evaluate` (anaforatools
 * 1.2), the Clinical TempEval scorer, reproduced: views per type,
 * property and value; -i/-e selections; -x file regex.
 */
#ifndef CK_ANAFORA_EVAL_H
#define CK_ANAFORA_EVAL_H

#include <stdio.h>

#include "clinkit/diag.h"

typedef struct ck_ana_row {
    char *name; /* "EVENT:DocTimeRel:AFTER" */
    size_t ref, pred, corr;
    int closure;          /* temporal-closure row: corr is (pc, rc) */
    size_t pc, rc;        /* precision / recall correct under closure */
    double p, r, f1;
} ck_ana_row;

typedef struct ck_ana_opts {
    const char *const *include; /* "TYPE[:PROP[:VALUE]]", NULL-terminated, or NULL */
    const char *const *exclude;
    const char *xml_regex;      /* default "[.]xml$" */
    int temporal_closure;       /* score T:Type views of relations with closure */
} ck_ana_opts;

/* Score every reference document folder under gold_dir against sys_dir.
 * Rows come back sorted as the official script prints them. */
ck_status ck_ana_score(const char *gold_dir, const char *sys_dir, const ck_ana_opts *o,
                       ck_ana_row **rows, size_t *n_rows, ck_diag *d);
void ck_ana_rows_free(ck_ana_row *rows, size_t n);
void ck_ana_print_official(FILE *f, const ck_ana_row *rows, size_t n);

#endif
