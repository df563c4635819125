/*
 * deid_lex.h — private to the de-identifier: a case-insensitive hash table
 * from words and short phrases ("new york") to class bits (given name,
 * city, stop word...), and the lists of surrogates drawn from the same
 * lexicons. One lookup answers every lexicon question about a token.
 */
#ifndef CK_DEID_LEX_H
#define CK_DEID_LEX_H

#include <stddef.h>
#include <stdint.h>

enum {
    DL_FIRST = 1u << 0,
    DL_LAST = 1u << 1,
    DL_CITY = 1u << 2,
    DL_STATE = 1u << 3,     /* full state name */
    DL_STATE_AB = 1u << 4,  /* postal abbreviation */
    DL_COUNTRY = 1u << 5,
    DL_SUFFIX = 1u << 6,    /* street suffix */
    DL_AMBIG = 1u << 7,     /* also an ordinary word: needs context */
    DL_STOP = 1u << 8,      /* clinical vocabulary: never PHI */
    DL_HOSPW = 1u << 9,     /* ends an institution name (Hospital, Clinic) */
    /* context words of the token scanner (built in, deid_scan.c) */
    DL_DTITLE = 1u << 10,   /* Dr, Prof */
    DL_PTITLE = 1u << 11,   /* Mr, Mrs, Ms */
    DL_DEGREE = 1u << 12,   /* MD, RN */
    DL_DCUE = 1u << 13,     /* attending, pcp, by */
    DL_PCUE = 1u << 14,     /* patient, wife, son */
    DL_PLACECUE = 1u << 15, /* in, from, near */
    DL_CAL = 1u << 16,      /* month and weekday names */
    DL_PARTICLE = 1u << 17, /* van, de, von */
    DL_MWSTART = 1u << 18   /* first word of a multi-word entry ("New" York) */
};

typedef struct dl_slot {
    char *key; /* lower-case, NUL-terminated; NULL = empty */
    uint32_t hash;
    uint32_t flags;
} dl_slot;

typedef struct dl_table {
    dl_slot *slots;
    size_t cap, n;
} dl_table;

void dl_free(dl_table *t);
/* Add bits to the entry for s[0..n) (lower-cased). -1 on no memory. */
int dl_add(dl_table *t, const char *s, size_t n, uint32_t flags);
/* Bits for s[0..n), compared case-insensitively (ASCII); 0 if absent. */
uint32_t dl_get(const dl_table *t, const char *s, size_t n);

/* A list of surrogate strings in their written case. */
typedef struct dl_list {
    char **v;
    size_t n, cap;
} dl_list;

void dl_list_free(dl_list *l);
int dl_list_add(dl_list *l, const char *s, size_t n);

#endif
