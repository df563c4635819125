/*
 * i2b2fuzz.h — shared by the i2b2/n2c2 folder-format fuzz targets: the input bytes
 * are cut at NUL bytes into up to N parts, written as the files of one
 * document in a scratch folder, read leniently, checked, and written back
 * with the same format (so writers see whatever the readers let through).
 */
#ifndef CK_I2B2FUZZ_H
#define CK_I2B2FUZZ_H

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "clinkit/clinkit.h"

static char fz_root[256];

static const char *fz_dir(void)
{
    if (!fz_root[0]) {
        const char *base = getenv("TMPDIR");
        snprintf(fz_root, sizeof fz_root, "%s/clinkit-fuzz-XXXXXX", base ? base : "/tmp");
        if (!mkdtemp(fz_root))
            abort();
    }
    return fz_root;
}

/* names[i] receives part i (missing parts: empty files). */
static void fz_run(const char *format, const char *const *names, size_t n,
                   const uint8_t *data, size_t size)
{
    char in[512], out[512], path[1024];
    snprintf(in, sizeof in, "%s/in", fz_dir());
    snprintf(out, sizeof out, "%s/out", fz_dir());
    const uint8_t *p = data, *end = data + size;
    for (size_t i = 0; i < n; i++) {
        const uint8_t *z = p < end ? memchr(p, 0, (size_t)(end - p)) : NULL;
        const uint8_t *e = z ? z : end;
        snprintf(path, sizeof path, "%s/%s", in, names[i]);
        char *slash = strrchr(path, '/');
        *slash = '\0';
        ck_mkdirs(path, NULL);
        *slash = '/';
        ck_write_file(path, p < end ? (const char *)p : "", p < end ? (size_t)(e - p) : 0, NULL);
        p = z ? z + 1 : end;
    }
    ck_diag *d = ck_diag_new(0);
    ck_corpus c;
    ck_corpus_init(&c);
    ck_read_corpus(format, in, NULL, &c, d);
    for (size_t i = 0; i < c.n_docs; i++)
        ck_doc_check(c.docs[i], "fuzz", d);
    ck_write_corpus(format, out, NULL, &c, d);
    ck_corpus_free(&c);
    ck_diag_free(d);
}

#endif
