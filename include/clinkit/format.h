/*
 * clinkit/format.h — the format registry: one entry per on-disk format,
 * each able to read (into ck_doc values, streamed to a callback) and/or
 * write. Adding a format is one file in lib/formats/ plus one line in
 * lib/formats/registry.c; nothing else changes.
 *
 * Reading streams: the reader hands each finished document to a sink,
 * which takes ownership. So a 4 GB NOTEEVENTS.csv converts to JSONL with
 * one document in memory at a time.
 */
#ifndef CLINKIT_FORMAT_H
#define CLINKIT_FORMAT_H

#include "diag.h"
#include "doc.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Receives each document read; owns it from then on (free with
 * ck_doc_free). Return CK_OK to go on, anything else to stop the read
 * (the reader returns that status; CK_STOP means "enough", not an error). */
typedef ck_status (*ck_doc_sink)(void *user, ck_doc *doc);

enum {
    CK_FMT_STREAM = 1u << 0, /* PATH is one file; "-" means stdin/stdout */
    CK_FMT_DIR = 1u << 1     /* PATH is a folder (or an archive of one) */
};

/* Reader/writer options: NULL-terminated array of "key=value" strings
 * (may itself be NULL). Unknown keys are reported as usage errors. */
typedef const char *const *ck_opts;

typedef struct ck_format {
    const char *id;      /* e.g. "brat", "i2b2-2014-deid" */
    const char *summary; /* one line */
    const char *layout;  /* what PATH must be, for --help and docs */
    unsigned flags;
    ck_status (*read)(const char *path, ck_opts opts, ck_doc_sink sink,
                      void *user, ck_diag *d);
    ck_status (*writer_open)(const char *path, ck_opts opts, void **state,
                             ck_diag *d);
    ck_status (*writer_write)(void *state, const ck_doc *doc, ck_diag *d);
    /* Flushes and frees state, also after an error. */
    ck_status (*writer_close)(void *state, ck_diag *d);
} ck_format;

size_t ck_format_count(void);
const ck_format *ck_format_at(size_t i);
const ck_format *ck_format_find(const char *id);

/* Look up an option "key=value" in opts; returns value or NULL. */
const char *ck_opt(ck_opts opts, const char *key);
/* Check that every option's key is in the NULL-terminated list allowed;
 * records a usage error naming the first unknown one. */
ck_status ck_opts_check(ck_opts opts, const char *const *allowed,
                        ck_diag *d);

/* For writers of folder formats: check opts against allowed (NULL: none
 * accepted), create the folder path, and allocate a zeroed writer state of
 * size bytes whose FIRST member is a `char *` that receives a copy of path. */
ck_status ck_folder_writer_open(const char *path, ck_opts opts,
                                const char *const *allowed, size_t size,
                                void **state, ck_diag *d);

/* Read PATH in format id, sending documents to sink. */
ck_status ck_read(const char *format, const char *path, ck_opts opts,
                  ck_doc_sink sink, void *user, ck_diag *d);
/* Read everything into corpus (appends). */
ck_status ck_read_corpus(const char *format, const char *path, ck_opts opts,
                         ck_corpus *corpus, ck_diag *d);

typedef struct ck_writer ck_writer;
ck_status ck_writer_open(const char *format, const char *path, ck_opts opts,
                         ck_writer **out, ck_diag *d);
ck_status ck_writer_write(ck_writer *w, const ck_doc *doc, ck_diag *d);
/* Closes and frees w (NULL is fine). */
ck_status ck_writer_close(ck_writer *w, ck_diag *d);

/* Write a whole corpus. */
ck_status ck_write_corpus(const char *format, const char *path, ck_opts opts,
                          const ck_corpus *corpus, ck_diag *d);

#ifdef __cplusplus
}
#endif
#endif
