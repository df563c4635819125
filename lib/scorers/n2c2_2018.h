/*
 * n2c2_2018.h — private: what the two n2c2 2018 scorers (track 1 cohort
 * selection, track 2 medication extraction) share: pairing the files of
 * the GOLD and SYSTEM folders the way the organisers' Corpora class does,
 * and the Measures class's arithmetic.
 */
#ifndef CK_N2C2_2018_H
#define CK_N2C2_2018_H

#include <stdio.h>

#include "scorers/scoreutil.h"

/* Files directly in gold and system (not in sub-folders) ending in ext;
 * the names in both go to common (sorted). When out is not NULL, prints
 * "Files skipped in DIR:" lists (or "ERROR: None of the files match.") as
 * the official script does. */
ck_status n2c2_pair_files(const char *gold, const char *system, const char *ext, FILE *out,
                          sc_strv *common, ck_diag *d);

/* Measures: precision, recall, F1 = 2PR/(P+R), specificity; 0.0 for 0/0. */
double n2c2_precision(long tp, long fp);
double n2c2_recall(long tp, long fn);
double n2c2_f1(double p, double r);
double n2c2_specificity(long tn, long fp);

#endif
