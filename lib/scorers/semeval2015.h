/*
 * semeval2015.h — private: what the two SemEval-2015 Task 14 scorers
 * share (task 1 in semeval2015.c, task 2 in semeval2015_t2.c): reading
 * the .pipe lines the way the official Perl scripts do, walking the gold
 * documents, and matching gold disorders to predictions (exact span
 * first, then overlap). The code is in semeval2015_pipe.c.
 */
#ifndef CK_SEMEVAL2015_H
#define CK_SEMEVAL2015_H

#include <stddef.h>

#include "clinkit/eval.h"

/* The nine slots of task 2, in the order of the .pipe fields. */
enum {
    T14_CUI, T14_NEGATION, T14_SUBJECT, T14_UNCERTAINTY, T14_COURSE,
    T14_SEVERITY, T14_CONDITIONAL, T14_GENERIC, T14_BODYLOC, T14_NSLOTS
};

typedef struct t14_entry {
    char *span;               /* the span string as written ("s-e,s-e") */
    char *val[T14_BODYLOC];   /* CUI ... Generic, lower-cased ("" if absent) */
    char **loc;               /* BodyLoc values, distinct, over repeated lines */
    size_t n_loc;
    long *frag;               /* start, end pairs */
    size_t n_frag;
    int used;                 /* prediction consumed by a match */
} t14_entry;

typedef struct t14_entries {
    t14_entry *v;
    size_t n;
} t14_entries;

void t14_entries_free(t14_entries *e);

/* Add one line's fields (lower-cased, split on '|'; f[0] = document,
 * f[1] = span, ...; n fields). A span seen before in the same file is the
 * same entry: its slot values are replaced (the last line wins) and its
 * BodyLoc value is added to the others. */
void t14_add(t14_entries *e, char *const *f, size_t n);

/* Read one .pipe file into e. A non-empty line with fewer than 3 fields
 * is an error (strict: stop; lenient: skipped). */
ck_status t14_load(const char *path, t14_entries *e, ck_diag *d);

/* Call fn for every gold file whose name contains ".pipe" (sorted by
 * name) with its entries and those of the system file of the same name
 * (empty when there is none). */
typedef void (*t14_doc_fn)(t14_entries *g, t14_entries *s, void *ctx);
ck_status t14_each_doc(const char *gold, const char *system, t14_doc_fn fn, void *ctx,
                       ck_diag *d);

/* Inclusive-end overlap of the fragments: 0 when none, else 1 + the
 * largest single-fragment overlap (10-20 and 20-30 give 1). */
long t14_overlap(const t14_entry *a, const t14_entry *b);

/* Match one document. pair[k] gets the index of the prediction paired
 * with gold k or (size_t)-1; *extra the predictions consumed by a gold
 * without being its pair (false positives besides the unused ones).
 * Task 1: exact span and CUI first; then each remaining gold consumes
 * every unused prediction with its CUI that overlaps it.
 * Task 2: exact span first; then every gold (matched or not) consumes the
 * unused predictions that overlap it, and the one with the largest
 * overlap (first in file order on a tie) becomes its pair.
 * In both, the gold with the fewest candidates goes first (then file
 * order): the official scripts use Perl's hash order here. */
void t14_match(t14_entries *g, t14_entries *s, int task2, size_t *pair, size_t *extra);

/* Task 2 scorer (semeval2015_t2.c), called by semeval-2015-t14 -t 2. */
ck_status t14_task2_run(const char *gold, const char *system, ck_opts opts, FILE *out,
                        ck_eval_format fmt, ck_diag *d);

/* Task 2 weights: the official weight of gold value v in slot (0 for a
 * value the table lacks, as Perl's undef). fixed: the table's misspelt
 * "doner_other" also answers "donor_other". BodyLoc: v is "null" or any
 * location. */
double t14_weight(int slot, const char *v, int fixed);
/* Task 2 slot equality: the same value; BodyLoc: any gold location among
 * the predicted ones. */
int t14_slot_equal(int slot, const t14_entry *g, const t14_entry *s);
/* The weight of gold entry g's value in slot (BodyLoc: "null" when every
 * location is null, else any location). */
double t14_gold_weight(int slot, const t14_entry *g, int fixed);

#endif
