/*
 * deid_int.h — private to lib/processors/deid*.c: the detector object,
 * candidate spans, and the PHI type table shared by detection,
 * transformation and the generator.
 */
#ifndef CK_DEID_INT_H
#define CK_DEID_INT_H

#include <stddef.h>
#include <stdint.h>

#define PCRE2_CODE_UNIT_WIDTH 8
#include <hs/hs.h>
#include <pcre2.h>

#include "clinkit/deid.h"
#include "processors/deid_lex.h"

/* A pattern row of data/deid/patterns.tsv. take: which part of a match is
 * the PHI: whole match, first word, last word, or all but the first k
 * words (TAKE_SKIP + k), the first run of digits (num), or everything from
 * the first digit, '(' or '+' on (fromnum). */
enum { TAKE_ALL = 0, TAKE_FIRST = 1, TAKE_LAST = 2, TAKE_NUM = 3, TAKE_FROMNUM = 4, TAKE_SKIP = 16 };

typedef struct dpat {
    const char *category, *type; /* static */
    int prio;
    int take;
    char *regex;
    pcre2_code *re;  /* the exact spans (vectorscan only says "matches here") */
    int always;      /* vectorscan cannot compile it: PCRE2 runs on every text */
} dpat;

typedef struct dcand {
    size_t start, end;
    const char *category, *type;
    int prio;
} dcand;

typedef struct dtok {
    size_t s, e;       /* bytes */
    uint32_t flags;    /* lexicon bits (single word) */
    unsigned cap : 1;  /* starts with an upper-case letter */
    unsigned upper : 1;/* all upper-case */
    unsigned dot : 1;  /* directly followed by '.' */
    unsigned comma : 1;/* followed by ',' (after optional spaces) */
    unsigned digit : 1;/* a run of digits */
    unsigned nl : 1;   /* a line break lies between previous token and this */
} dtok;

struct ck_deid {
    dl_table lex;
    dl_list first, last, city, state, state_ab, country, suffix, hospw;
    dpat *pats;
    size_t n_pats, cap_pats;
    hs_database_t *db;
    hs_scratch_t *scratch;
    pcre2_match_data *md;
    unsigned char *hit; /* per pattern: runs on the whole text (PCRE2 only) */
    struct dhit {
        unsigned id;
        size_t to;
    } *hits;            /* vectorscan match ends */
    size_t n_hits, cap_hits;
    int compiled;
    dcand *cands;
    size_t n_cands, cap_cands;
    ck_phi *out;
    size_t n_out, cap_out;
    dtok *toks;
    size_t n_toks, cap_toks;
};

/* Static names: category of a subtype ("CITY" -> "LOCATION"), and the
 * static copies of a category / subtype name (NULL if unknown). */
const char *deid_category_of(const char *type);
const char *deid_static_type(const char *type);
const char *deid_static_category(const char *category);

int deid_add_cand(ck_deid *de, size_t s, size_t e, const char *type, int prio);
/* The token scanner: names, places, institutions (deid_scan.c). */
int deid_scan(ck_deid *de, const char *text, size_t n);
/* Add the scanner's context words (titles, cues...) to the lexicon. */
int deid_scan_words(dl_table *lex);

/* Keyed hashing (deid_key.c): SipHash-2-4 of data under a 16-byte key. */
uint64_t deid_siphash(const uint8_t k[16], const void *data, size_t n);
/* PRF over key, a domain string and data: a 64-bit value. */
uint64_t deid_prf(const uint8_t key[CK_DEID_KEY_BYTES], const char *domain,
                  const char *a, size_t an, const char *b, size_t bn);

/* The subtype a MIMIC placeholder label stands for (deid_mimic.c). */
const char *deid_placeholder_type(const char *label, size_t n);

/* Dates (deid_date.c): shift a written date by days keeping its form.
 * Returns 0 and writes a NUL-terminated string to out, or -1 if the text
 * is not a date form it knows. */
int deid_date_shift_text(const char *s, size_t n, int days, char *out,
                         size_t out_size);

#endif
