/*
 * anafora_eval.h — private: `python -m anafora.evaluate` (anaforatools
 * 1.2), the Clinical TempEval scorer, reproduced: views per type,
 * property and value; -i/-e selections; -x file regex; --overlap span
 * matching; per-document scores.
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

/* One scored reference document (its folder name) and its own rows. */
typedef struct ck_ana_doc {
    char *name;
    ck_ana_row *rows;
    size_t n_rows;
} ck_ana_doc;

typedef struct ck_ana_opts {
    const char *const *include; /* "TYPE[:PROP[:VALUE]]", NULL-terminated, or NULL */
    const char *const *exclude;
    const char *xml_regex;      /* default "[.]xml$" */
    int temporal_closure;       /* score T:Type views of relations with closure */
    int overlap;                /* spans equal when any fragments overlap (not
                                   with temporal_closure: CK_ERR_USAGE) */
} ck_ana_opts;

/* Score every reference document folder under gold_dir against sys_dir.
 * Rows come back sorted as the official script prints them. */
ck_status ck_ana_score(const char *gold_dir, const char *sys_dir, const ck_ana_opts *o,
                       ck_ana_row **rows, size_t *n_rows, ck_diag *d);
/* The same, and (docs not NULL) each scored document's rows too, documents
 * in name order, each document's rows sorted as the overall ones. */
ck_status ck_ana_score_docs(const char *gold_dir, const char *sys_dir, const ck_ana_opts *o,
                            ck_ana_row **rows, size_t *n_rows, ck_ana_doc **docs,
                            size_t *n_docs, ck_diag *d);
void ck_ana_rows_free(ck_ana_row *rows, size_t n);
void ck_ana_docs_free(ck_ana_doc *docs, size_t n);
void ck_ana_print_official(FILE *f, const ck_ana_row *rows, size_t n);

/* --overlap keys: every entity's fragments are written between these two
 * bytes (they cannot occur in XML text); a relation's spans stay "[...]"
 * around its arguments' spans. */
enum { CK_ANA_SPANS_OPEN = 0x02, CK_ANA_SPANS_CLOSE = 0x03 };
/* Key equality: byte equality (overlap 0), or (overlap 1) byte equality
 * outside the marked spans and, for each pair of marked spans, at least
 * one pair of (start, end) fragments with s1 < e2 and s2 < e1. */
int ck_ana_key_eq(const char *a, const char *b, int overlap);

#endif
