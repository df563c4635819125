/*
 * clinkit/catalog.h — the catalog of public clinical NLP corpora.
 *
 * The single source of truth is catalog/catalog.json in the source tree;
 * the build embeds it in the library, so ck_catalog_builtin() needs no file
 * at run time. ck_catalog_load() reads another copy (e.g. a user's
 * extended catalog). Schema: docs/catalog.md.
 */
#ifndef CLINKIT_CATALOG_H
#define CLINKIT_CATALOG_H

#include <stddef.h>

#include "diag.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct ck_strlist {
    const char **items;
    size_t n;
} ck_strlist;

typedef struct ck_dataset_file {
    const char *name;
    const char *contents;
} ck_dataset_file;

typedef struct ck_dataset_split {
    const char *name;
    long documents; /* -1 when not published */
} ck_dataset_split;

typedef struct ck_dataset {
    const char *id;
    const char *family;
    const char *parent; /* NULL for top-level entries */
    const char *name;
    const char *organiser;
    const int *years;
    size_t n_years;
    ck_strlist tasks;
    ck_strlist languages;
    const char *access_kind; /* dua, credentialed, registration, open */
    ck_strlist access_steps;
    const char *access_url;
    const char *homepage;
    const ck_dataset_file *files;
    size_t n_files;
    const ck_dataset_split *splits;
    size_t n_splits;
    ck_strlist formats;    /* clinkit format ids that read it */
    const char *metric;
    const char *eval_task; /* clinkit eval task id, or NULL */
    const char *citation;  /* BibTeX */
    const char *notes;
} ck_dataset;

typedef struct ck_catalog ck_catalog;

/* The embedded catalog (parsed once; owned by the library). NULL only if
 * the embedded data is broken, with the reason in d. */
const ck_catalog *ck_catalog_builtin(ck_diag *d);
/* The embedded catalog's JSON text, verbatim. */
const char *ck_catalog_builtin_json(void);

ck_status ck_catalog_load(const char *path, ck_catalog **out, ck_diag *d);
ck_status ck_catalog_parse(const char *json, size_t len, const char *name,
                           ck_catalog **out, ck_diag *d);
void ck_catalog_free(ck_catalog *c);

size_t ck_catalog_count(const ck_catalog *c);
const ck_dataset *ck_catalog_at(const ck_catalog *c, size_t i);
const ck_dataset *ck_catalog_find(const ck_catalog *c, const char *id);

/* Filter used by `clinkit datasets search`: each non-NULL criterion must
 * hold. task and query match case-insensitive substrings (query searches
 * id, name, organiser, tasks and notes); lang and access match exactly. */
int ck_dataset_matches(const ck_dataset *ds, const char *query,
                       const char *task, const char *lang,
                       const char *access);

#ifdef __cplusplus
}
#endif
#endif
