/*
 * fuzz_common.h — shared by the fuzz targets of the ShARe/CLEF, Anafora
 * and MedNLP formats: a scratch folder per process, file writing, and the
 * round-trip property (a strict read that succeeds must write and read
 * back to equal documents).
 */
#ifndef CK_FUZZ_COMMON_H
#define CK_FUZZ_COMMON_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "clinkit/clinkit.h"

static const char *fz_dir(void)
{
    static char dir[256];
    if (!dir[0]) {
        snprintf(dir, sizeof dir, "%s/clinkit-fuzz-XXXXXX", getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp");
        if (!mkdtemp(dir))
            abort();
    }
    return dir;
}

static void fz_write(const char *rel, const void *data, size_t n)
{
    char path[512];
    snprintf(path, sizeof path, "%s/%s", fz_dir(), rel);
    char *slash = strrchr(path, '/');
    *slash = '\0';
    ck_mkdirs(path, NULL);
    *slash = '/';
    if (ck_write_file(path, data, n, NULL) != CK_OK)
        abort();
}

/* Read in both modes (no crash either way); when the strict read is
 * clean, write with the same format and read back: documents must be
 * equal. */
static void fz_roundtrip(const char *fmt, const char *in, const char *out)
{
    ck_corpus a, b;
    ck_diag *d = ck_diag_new(0);
    ck_corpus_init(&a);
    ck_read_corpus(fmt, in, NULL, &a, d);
    ck_corpus_free(&a);
    ck_diag_free(d);
    d = ck_diag_new(1);
    ck_corpus_init(&a);
    ck_status rc = ck_read_corpus(fmt, in, NULL, &a, d);
    int clean = rc == CK_OK && ck_diag_count(d, CK_SEV_ERROR) == 0 && a.n_docs;
    ck_diag_free(d);
    if (clean) {
        d = ck_diag_new(1);
        char cmd[600];
        snprintf(cmd, sizeof cmd, "rm -rf '%s'", out);
        if (system(cmd) != 0)
            abort();
        rc = ck_write_corpus(fmt, out, NULL, &a, d);
        ck_diag_free(d);
        if (rc == CK_OK) {
            d = ck_diag_new(1);
            ck_corpus_init(&b);
            rc = ck_read_corpus(fmt, out, NULL, &b, d);
            if (rc != CK_OK || b.n_docs != a.n_docs)
                abort();
            for (size_t i = 0; i < a.n_docs; i++) {
                char why[256];
                if (!ck_doc_equal(a.docs[i], b.docs[i], why, sizeof why)) {
                    fprintf(stderr, "round trip differs: %s\n", why);
                    abort();
                }
            }
            ck_corpus_free(&b);
            ck_diag_free(d);
        }
    }
    ck_corpus_free(&a);
}

#endif
