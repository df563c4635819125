/*
 * anafora_closure.h — private: temporal closure scoring of interval
 * relations, as anafora.evaluate --temporal-closure does it.
 */
#ifndef CK_ANAFORA_CLOSURE_H
#define CK_ANAFORA_CLOSURE_H

#include <stddef.h>

/* One relation: source and target interval keys, and the relation type. */
typedef struct ck_trel {
    const char *src, *tgt, *type;
} ck_trel;

/* 1 if the type is in the interval-to-point table. */
int ck_closure_known(const char *type);
/* Remove (in place, keeping the first) relations whose point expansion
 * equals an earlier one's; returns the new count. */
size_t ck_closure_dedupe(ck_trel *r, size_t n);
/* How many of `check` hold in the temporal closure of `base`. */
size_t ck_closure_count(const ck_trel *base, size_t n_base, const ck_trel *check,
                        size_t n_check);

#endif
