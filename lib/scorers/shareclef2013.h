/*
 * shareclef2013.h — private: the ShARe/CLEF eHealth 2013 Task 1 scorer
 * (eval.pl), task A (disorder spans, strict and relaxed) and task B (CUI
 * accuracy), reproduced with its quirks. It parses the pipe files itself,
 * as eval.pl does, because the quirks live in the raw lines (a trailing \r
 * kept in the last offset, the document taken from the first field).
 */
#ifndef CK_SHARECLEF2013_H
#define CK_SHARECLEF2013_H

#include <stdio.h>

#include "clinkit/diag.h"

typedef struct ck_sc13_result {
    size_t gold, pred;                 /* distinct span keys */
    size_t strict_tp;                  /* predictions whose key is a gold key */
    size_t relaxed_tp, relaxed_fn;     /* overlap-based, not one-to-one */
    size_t cui_correct;                /* exact span and same CUI (case-folded) */
    double strict_p, strict_r, strict_f;
    double relaxed_p, relaxed_r, relaxed_f;
    double acc_strict, acc_relaxed;
} ck_sc13_result;

ck_status ck_sc13_score(const char *gold_dir, const char *sys_dir,
                        ck_sc13_result *r, ck_diag *d);
/* The report eval.pl writes for task 'A' or 'B', byte for byte. */
void ck_sc13_print_official(FILE *f, const ck_sc13_result *r, char task);

#endif
