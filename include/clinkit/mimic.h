/*
 * clinkit/mimic.h — MIMIC-III NOTEEVENTS and MIMIC-IV-Note beyond plain
 * reading (formats "mimic-iii-noteevents" and "mimic-iv-note" do that):
 * typing of the de-identification placeholders, row selection with
 * sampling and patient-level sharding, and a generator of synthetic
 * NOTEEVENTS-shaped files for tests and benchmarks.
 *
 * Everything streams: one note in memory at a time (a reservoir sample
 * holds its N notes).
 */
#ifndef CLINKIT_MIMIC_H
#define CLINKIT_MIMIC_H

#include <stddef.h>

#include "diag.h"
#include "doc.h"

#ifdef __cplusplus
extern "C" {
#endif

enum { CK_MIMIC_BRACKETS = 1, /* MIMIC-III "[** ... **]" */
       CK_MIMIC_UNDERSCORES = 2 /* MIMIC-IV "___" */ };

/* PHI entity type for the label inside a MIMIC-III placeholder "[**LABEL**]"
 * (n bytes): "NAME", "DATE", "AGE", "HOSPITAL", "LOCATION", "PHONE",
 * "EMAIL", "URL", "ID", "ORGANIZATION", "CONTACT", or "PHI" when the
 * label names no category. The table is in docs/formats/mimic-iii-noteevents.md. */
const char *ck_mimic_phi_type(const char *label, size_t n);

/* One placeholder found in a text: bytes [start, end) (the whole
 * "[**...**]" or "___"), the label inside the brackets, and its type. */
typedef struct ck_mimic_ph {
    size_t start, end;
    const char *label;
    size_t label_n;
    const char *type;
} ck_mimic_ph;
typedef int (*ck_mimic_ph_fn)(void *user, const ck_mimic_ph *ph);

/* A "[**" whose "**]" is further than this is plain text. */
#define CK_MIMIC_MAX_LABEL 256

/* Call fn for each placeholder of the given style(s) in text[0..nbytes),
 * in order. Stops at the first nonzero return of fn and returns it. */
int ck_mimic_scan(const char *text, size_t nbytes, int style, ck_mimic_ph_fn fn,
                  void *user);

/* Add one entity per placeholder in doc's text (ids P1, P2, ...; span =
 * the whole placeholder; attr "placeholder" = the raw label between the
 * brackets, or "___"). Returns the number added, (size_t)-1 on allocation
 * failure. */
size_t ck_mimic_add_phi(ck_doc *doc, int style);

/* Row selection for `clinkit mimic`. Zero-initialise, then set fields. */
typedef struct ck_mimic_select {
    const char *const *categories;   /* keep rows whose CATEGORY (MIMIC-IV: */
    size_t n_categories;             /* note_type) is one of these; trailing */
    const char *const *descriptions; /* blanks are ignored on both sides */
    size_t n_descriptions;
    const char *subjects_file;       /* file of SUBJECT_IDs, one per line */
    const char *hadms_file;          /* file of HADM_IDs, one per line */
    int drop_errors;                 /* drop rows with ISERROR = 1 */
    size_t every;                    /* keep every Nth selected row (0: all), */
                                     /* starting at row seed % N */
    size_t sample;                   /* reservoir sample of N rows (0: all), */
                                     /* emitted in file order */
    unsigned long long seed;
    size_t shards;                   /* shard = hash(SUBJECT_ID, seed) % N */
    int no_phi;                      /* do not add placeholder entities */
} ck_mimic_select;

/* Receives each selected note (owns it) and its shard (0 if no shards). */
typedef ck_status (*ck_mimic_sink)(void *user, ck_doc *doc, size_t shard);

/* Read a MIMIC-III NOTEEVENTS or MIMIC-IV note table (told apart by its
 * header; .gz fine) and send the selected notes to sink. Rows are filtered
 * on the raw fields before any document is built. */
ck_status ck_mimic_select_read(const char *path, const ck_mimic_select *sel,
                               ck_mimic_sink sink, void *user, ck_diag *d);

/* The shard a SUBJECT_ID falls into (stable across runs and machines). */
size_t ck_mimic_shard(const char *subject_id, unsigned long long seed,
                      size_t shards);

/* Counting without building documents: notes, text size and PHI
 * placeholders by type, over the rows the selection keeps (filters and
 * every-Nth apply; sample and shards are ignored). */
typedef struct ck_mimic_counts {
    size_t notes;
    unsigned long long bytes, chars, placeholders;
    const char *types[16]; /* type names (static strings), in order seen */
    unsigned long long per_type[16];
    size_t n_types;
} ck_mimic_counts;
ck_status ck_mimic_count(const char *path, const ck_mimic_select *sel,
                         ck_mimic_counts *out, ck_diag *d);

/* Write a synthetic NOTEEVENTS.csv (MIMIC-III dialect, invented notes with
 * placeholders of every category) to path ("-" = stdout): rows notes, or
 * until bytes bytes when rows is 0. Same seed, same file. */
ck_status ck_mimic_generate(const char *path, size_t rows,
                            unsigned long long bytes, unsigned long long seed,
                            ck_diag *d);

#ifdef __cplusplus
}
#endif
#endif
