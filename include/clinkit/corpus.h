/*
 * clinkit/corpus.h — whole-corpus operations built on the registry:
 * counting, validating and converting, one document in memory at a time.
 */
#ifndef CLINKIT_CORPUS_H
#define CLINKIT_CORPUS_H

#include "diag.h"
#include "doc.h"
#include "format.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct ck_stats {
    size_t documents;
    size_t with_text;
    size_t entities;
    size_t fragments;
    size_t relations;
    size_t events;
    size_t attributes;
    size_t normalizations;
    size_t corefs;
    size_t labels;
    size_t passages;
    size_t notes;
    size_t problems; /* annotations that failed ck_doc_check */
} ck_stats;

/* Add one document's counts (and, if check, its validation problems,
 * recorded in d under file). */
void ck_stats_add(ck_stats *s, const ck_doc *doc, int check, const char *file,
                  ck_diag *d);

/* Read and check every document. */
ck_status ck_validate(const char *format, const char *path, ck_opts opts,
                      ck_stats *stats, ck_diag *d);

/* Read from one format and write to another; every document is also
 * checked (problems are warnings: the data is converted as it is). */
ck_status ck_convert(const char *from, const char *in, ck_opts in_opts,
                     const char *to, const char *out, ck_opts out_opts,
                     ck_stats *stats, ck_diag *d);

#ifdef __cplusplus
}
#endif
#endif
