/*
 * clinkit/io.h — where corpus files come from: a folder, an archive
 * (.zip, .tar, .tar.gz, .tgz, .tar.bz2, .tar.xz) read in place, a single
 * file, or standard input; and byte streams for big single files (.csv,
 * .csv.gz) that must never be loaded whole.
 *
 * A ck_source lists the regular files under its root by relative path
 * ('/'-separated, sorted), so a reader handles a folder and the same folder
 * zipped identically. Archive members whose path is absolute or climbs out
 * with ".." are refused (reported, never read). Hidden files (a path part
 * starting with '.') and macOS "__MACOSX/" entries are skipped.
 */
#ifndef CLINKIT_IO_H
#define CLINKIT_IO_H

#include <stddef.h>
#include <sys/types.h>

#include "diag.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct ck_source ck_source;

/* Open path ("-" = standard input, read as one file named "-"). */
ck_status ck_source_open(const char *path, ck_source **out, ck_diag *d);
void ck_source_free(ck_source *s);

/* The path given to ck_source_open. */
const char *ck_source_path(const ck_source *s);
/* 1 when the source is a single file (not a folder or archive). */
int ck_source_is_file(const ck_source *s);
size_t ck_source_count(const ck_source *s);
/* Relative name of entry i, e.g. "train/100-01.xml"; for a single file its
 * base name. */
const char *ck_source_name(const ck_source *s, size_t i);
/* Index of an entry by relative name, or (size_t)-1. */
size_t ck_source_find(const ck_source *s, const char *name);
/* Contents of entry i, NUL-terminated; *len receives the byte count. The
 * buffer belongs to the source (valid until ck_source_release or _free). */
ck_status ck_source_load(ck_source *s, size_t i, const char **data,
                         size_t *len, ck_diag *d);
/* Drop a loaded entry's buffer (folder sources re-read it on demand). */
void ck_source_release(ck_source *s, size_t i);
/* A display name for diagnostics: "path/entry" or "archive.zip:entry". */
const char *ck_source_display(ck_source *s, size_t i);

/* Helpers on names. */
int ck_has_suffix(const char *s, const char *suffix);
/* Base name without folder and without the last extension, malloc'd. */
char *ck_stem(const char *name);

/* A byte stream over a file, decompressing .gz/.bz2/.xz transparently
 * (detected by content, not name); "-" reads standard input. */
typedef struct ck_stream ck_stream;
ck_status ck_stream_open(const char *path, ck_stream **out, ck_diag *d);
/* Read up to n bytes; returns bytes read, 0 at end, -1 on error (recorded). */
ssize_t ck_stream_read(ck_stream *st, void *buf, size_t n, ck_diag *d);
void ck_stream_close(ck_stream *st);
/* A whole stream in a malloc'd NUL-terminated buffer (decompressed); a plain
 * file is read in one call. */
ck_status ck_stream_slurp(const char *path, char **data, size_t *len, ck_diag *d);

/* Writing: a file (or "-" for stdout) and folder creation. */
/* Create a folder and its parents (like mkdir -p). */
ck_status ck_mkdirs(const char *path, ck_diag *d);
/* Write a whole buffer to path (replacing it). */
ck_status ck_write_file(const char *path, const void *data, size_t len,
                        ck_diag *d);
/* Read a whole plain file into a malloc'd NUL-terminated buffer. */
ck_status ck_read_file(const char *path, char **data, size_t *len,
                       ck_diag *d);
/* 1 if path is an existing folder. */
int ck_is_dir(const char *path);

#ifdef __cplusplus
}
#endif
#endif
