/*
 * testutil.h — shared by the unit tests (cmocka). Each tests/unit/test_*.c
 * is one executable; tests/run-unit.sh runs them all from the project root
 * and prints the "N passed, N failed" total.
 */
#ifndef CK_TESTUTIL_H
#define CK_TESTUTIL_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "clinkit/clinkit.h"

/* A fresh empty folder under $TMPDIR (or /tmp), malloc'd path. */
static inline char *tu_tmpdir(void)
{
    const char *base = getenv("TMPDIR");
    char tmpl[512];
    snprintf(tmpl, sizeof tmpl, "%s/clinkit-test-XXXXXX", base ? base : "/tmp");
    char *p = mkdtemp(tmpl);
    assert_non_null(p);
    return strdup(p);
}

/* Write a file (relative to dir) with the given contents. */
static inline void tu_write(const char *dir, const char *name, const char *data)
{
    char path[1024];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    char *slash = strrchr(path, '/');
    *slash = '\0';
    assert_int_equal(ck_mkdirs(path, NULL), CK_OK);
    *slash = '/';
    assert_int_equal(ck_write_file(path, data, strlen(data), NULL), CK_OK);
}

static inline void tu_rmrf(const char *dir)
{
    char cmd[1200];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    assert_int_equal(system(cmd), 0);
}

/* Read a corpus, asserting success and no errors. */
static inline void tu_read(const char *format, const char *path, ck_corpus *c)
{
    ck_diag *d = ck_diag_new(1);
    ck_corpus_init(c);
    ck_status rc = ck_read_corpus(format, path, NULL, c, d);
    if (rc != CK_OK || ck_diag_count(d, CK_SEV_ERROR)) {
        char buf[1024];
        for (size_t i = 0; i < ck_diag_size(d); i++) {
            ck_diag_format(ck_diag_get(d, i), buf, sizeof buf);
            print_error("%s\n", buf);
        }
    }
    assert_int_equal(rc, CK_OK);
    assert_int_equal(ck_diag_count(d, CK_SEV_ERROR), 0);
    ck_diag_free(d);
}

/* The document text at an entity's first span, as a malloc'd string. */
static inline char *tu_span_text(const ck_doc *doc, const ck_entity *e, size_t k)
{
    const char *p;
    size_t n;
    assert_int_equal(ck_doc_slice(doc, e->spans[k].start, e->spans[k].end, &p, &n), 0);
    return strndup(p, n);
}

/* Both corpora hold equal documents in the same order. */
static inline void tu_assert_corpus_equal(const ck_corpus *a, const ck_corpus *b)
{
    assert_int_equal(a->n_docs, b->n_docs);
    for (size_t i = 0; i < a->n_docs; i++) {
        char why[256] = "";
        int eq = ck_doc_equal(a->docs[i], b->docs[i], why, sizeof why);
        if (!eq)
            print_error("%s\n", why);
        assert_true(eq);
    }
}

#endif
