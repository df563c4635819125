/*
 * fuzzutil.h — shared by the libFuzzer targets: readers take paths, so a
 * target writes the fuzz input into files under one scratch folder and
 * reads them leniently (every error path runs, nothing may crash or leak).
 */
#ifndef CK_FUZZUTIL_H
#define CK_FUZZUTIL_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "clinkit/clinkit.h"

static inline const char *fz_dir(void)
{
    static char dir[256];
    if (!dir[0]) {
        snprintf(dir, sizeof dir, "/tmp/clinkit-fuzz-%d-XXXXXX", (int)getpid());
        if (!mkdtemp(dir))
            abort();
    }
    return dir;
}

/* Write data to fz_dir()/name; returns the full path (static buffer). */
static inline const char *fz_file(const char *name, const void *data, size_t n)
{
    static char path[512];
    snprintf(path, sizeof path, "%s/%s", fz_dir(), name);
    FILE *f = fopen(path, "wb");
    if (!f)
        abort();
    if (n)
        fwrite(data, 1, n, f);
    fclose(f);
    return path;
}

/* Make the folder fz_dir()/name (its parent must exist). */
static inline void fz_mkdir(const char *name)
{
    char p[512];
    snprintf(p, sizeof p, "%s/%s", fz_dir(), name);
    mkdir(p, 0700);
}

/* A scorer's two inputs from one fuzz input: gold = data up to the first
 * NUL, system = what follows it (empty when there is no NUL). */
typedef struct fz_pair {
    const unsigned char *gold, *system;
    size_t gold_n, system_n;
    int split; /* 1 if there was a NUL */
} fz_pair;

static inline fz_pair fz_split(const unsigned char *data, size_t size)
{
    const unsigned char *nul = memchr(data, 0, size);
    fz_pair p = {data, data + size, nul ? (size_t)(nul - data) : size, 0, nul != NULL};
    if (nul) {
        p.system = nul + 1;
        p.system_n = size - p.gold_n - 1;
    }
    return p;
}

static inline ck_status fz_discard(void *user, ck_doc *doc)
{
    (void)user;
    ck_doc_check(doc, "fuzz", NULL);
    ck_doc_free(doc);
    return CK_OK;
}

/* Read path leniently, then strictly, discarding documents. */
static inline void fz_read(const char *format, const char *path)
{
    for (int strict = 0; strict < 2; strict++) {
        ck_diag *d = ck_diag_new(strict);
        ck_read(format, path, NULL, fz_discard, NULL, d);
        ck_diag_free(d);
    }
}

#endif
