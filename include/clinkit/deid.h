/*
 * clinkit/deid.h — de-identification of clinical text: find PHI in the
 * i2b2 2014 taxonomy, then redact it, mask it or replace it with
 * consistent surrogates.
 *
 * Detection (ck_deid_detect) adds one entity per PHI span to a document:
 * type = category (NAME, PROFESSION, LOCATION, AGE, DATE, CONTACT, ID),
 * attr "TYPE" = subtype (PATIENT, DOCTOR, HOSPITAL, CITY, PHONE, ...) —
 * exactly the i2b2-2014-deid model convention, so the scorers and writers
 * of that format take the output as it is. The detector combines
 * multi-pattern regular expressions (vectorscan), lexicons (given and
 * family names, cities, states, countries, street suffixes; generated at
 * build time from data packages, see docs/deid.md), context rules (titles,
 * "seen by", "Attending:") and a stop-list of clinical vocabulary that
 * must never be taken for a name (Parkinson, Babinski, Foley...). Every
 * lexicon, the stop-list and the pattern table are plain-text data files;
 * callers add their own with ck_deid_load.
 *
 * Transformation (ck_deid_apply) rewrites a document whose PHI is marked
 * by such entities (detected, or gold annotations) into a new document:
 * redacted with typed placeholders, masked, or with surrogates that are
 * consistent within the document and, for the same key and patient key,
 * across all of a patient's notes. Dates are shifted by one per-patient
 * number of days (intervals hold) and keep their written form; a phone
 * stays a phone. The key is secret: the library never prints it.
 *
 * Nothing here writes document text into a diagnostic.
 */
#ifndef CLINKIT_DEID_H
#define CLINKIT_DEID_H

#include <stddef.h>
#include <stdint.h>

#include "diag.h"
#include "doc.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct ck_deid ck_deid;

/* A detector with the built-in lexicons, stop-list and patterns. */
ck_status ck_deid_new(ck_deid **out, ck_diag *d);
void ck_deid_free(ck_deid *de);

/* Add entries from a data file (one entry a line, '#' starts a comment)
 * before the first detection. kind is one of: "first" (given names),
 * "last" (family names), "city", "state" (NAME<TAB>ABBR), "country",
 * "street-suffix", "ambiguous" (names that need context), "stop" (never
 * PHI), "hospital-word" (words that end an institution name), or
 * "patterns" (CATEGORY<TAB>TYPE<TAB>PRIORITY<TAB>TAKE<TAB>REGEX lines; see
 * docs/deid.md). Errors name the file and line. */
ck_status ck_deid_load(ck_deid *de, const char *kind, const char *path,
                       ck_diag *d);
/* The same from a NUL-terminated buffer (name is used in diagnostics). */
ck_status ck_deid_load_data(ck_deid *de, const char *kind, const char *name,
                            const char *data, ck_diag *d);

/* One PHI span in byte offsets of the text given to ck_deid_find. */
typedef struct ck_phi {
    size_t start, end;    /* bytes, end-exclusive */
    const char *category; /* static strings: "NAME", "DATE", ... */
    const char *type;     /* "PATIENT", "DATE", "PHONE", ... */
} ck_phi;

/* Find PHI in text (UTF-8, n bytes). *out points to an array owned by de
 * (valid until the next call), sorted by start, non-overlapping. One
 * detector must not be used by two threads at once. */
ck_status ck_deid_find(ck_deid *de, const char *text, size_t n,
                       const ck_phi **out, size_t *n_out, ck_diag *d);

/* Detect PHI in doc->text and add an entity per span (ids "P1", "P2"...,
 * or continuing after existing ids with that prefix). */
ck_status ck_deid_detect(ck_deid *de, ck_doc *doc, ck_diag *d);

/* Mark MIMIC-III placeholders ("[**Known lastname 2891**]", "[**2151-10-20**]")
 * as PHI entities typed from their labels (ids "M1", "M2"...), so that
 * ck_deid_apply with surrogates fills them with realistic values. */
ck_status ck_deid_mark_placeholders(ck_doc *doc);

/* 1 if an entity type is a PHI category of the i2b2 2014 taxonomy (also
 * accepts "PHI", used by some corpora for untyped PHI). */
int ck_deid_is_phi(const char *type);

/* ---- keys ---- */

enum { CK_DEID_KEY_BYTES = 32 };

/* A fresh random key (from the system's random source). */
ck_status ck_deid_key_random(uint8_t key[CK_DEID_KEY_BYTES], ck_diag *d);
/* Read a key file (any content of at least 16 bytes is hashed into the
 * key; a 64-hex-digit line is what ck_deid_key_write makes). */
ck_status ck_deid_key_read(const char *path, uint8_t key[CK_DEID_KEY_BYTES],
                           ck_diag *d);
/* Write a new random key to path, readable by the owner only. */
ck_status ck_deid_key_write(const char *path, ck_diag *d);

/* ---- transformation ---- */

typedef enum ck_deid_mode {
    CK_DEID_REDACT = 0, /* placeholder text, e.g. [**PATIENT**] */
    CK_DEID_MASK,       /* every non-space character -> mask char */
    CK_DEID_SURROGATE   /* realistic, consistent replacements */
} ck_deid_mode;

typedef struct ck_deid_opts {
    ck_deid_mode mode;
    /* Redaction template: %c = category, %t = subtype, %% = '%'.
     * NULL means "[**%t**]". */
    const char *placeholder;
    char mask;                            /* 0 means 'X' */
    const uint8_t *key;                   /* CK_DEID_KEY_BYTES; surrogates */
    const char *patient;                  /* patient key; NULL = doc id */
    int keep_ages;                        /* keep ages <= 89 (HIPAA) */
} ck_deid_opts;

/* Write into *out a new document: the text of in with every PHI entity
 * (ck_deid_is_phi) replaced. Metadata and labels are copied; entities
 * are copied with their spans moved to the new text (PHI entities then
 * cover their replacements and get attr "deid" = mode name). Entities of
 * in must not overlap each other (overlapping PHI spans are merged into
 * the first). de supplies the surrogate pools (may be NULL for redaction
 * and masking). */
ck_status ck_deid_apply(const ck_deid *de, const ck_doc *in,
                        const ck_deid_opts *o, ck_doc **out, ck_diag *d);

/* The number of days dates of this patient move under this key (negative:
 * into the past). Exposed for tests and for shifting structured data the
 * same way; never print it where the released data can be seen. */
int ck_deid_date_shift(const uint8_t key[CK_DEID_KEY_BYTES],
                       const char *patient);

/* ---- evidence ---- */

/* Note styles for the synthetic generator. */
typedef enum ck_deid_style {
    CK_DEID_STYLE_DISCHARGE = 0,
    CK_DEID_STYLE_NURSING,
    CK_DEID_STYLE_RADIOLOGY,
    CK_DEID_STYLE_TELEGRAPHIC,
    CK_DEID_STYLE_MIXED /* cycle through the others */
} ck_deid_style;

/* Generate synthetic English clinical note number i (0-based) for seed:
 * invented text from templates and the detector's lexicons, with every
 * PHI span recorded as an entity (i2b2-2014 convention). Same seed, index
 * and lexicons give the same document. */
ck_status ck_deid_generate(const ck_deid *de, uint64_t seed, size_t i,
                           ck_deid_style style, ck_doc **out, ck_diag *d);

/* Per-category counts of a comparison of system PHI to gold PHI. */
typedef struct ck_deid_counts {
    const char *category; /* "ALL" for the total */
    size_t strict_tp, strict_fp, strict_fn;
    size_t token_tp, token_fp, token_fn;
} ck_deid_counts;

/* Compare sys to gold documents (matched by index; text must be equal):
 * strict = same span and category; token = per whitespace/punctuation
 * token inside PHI, with category. Fills counts (one row per category in
 * a fixed order, then "ALL"); returns the number of rows (<= 8). */
size_t ck_deid_score(const ck_doc *const *gold, const ck_doc *const *sys,
                     size_t n, ck_deid_counts counts[8]);

#ifdef __cplusplus
}
#endif
#endif
