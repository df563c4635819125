/*
 * fmtutil.h — helpers shared by the format tests: lenient/strict reads
 * that keep the diagnostics, the write -> read round trip, the archive
 * form of a sample, and lookups.
 */
#ifndef CK_FMTUTIL_H
#define CK_FMTUTIL_H

#include "testutil.h"

/* Read with a fresh diag (strict or lenient); returns the status. */
static inline ck_status fu_read(const char *format, const char *path, int strict,
                                ck_corpus *c, ck_diag **d)
{
    *d = ck_diag_new(strict);
    ck_corpus_init(c);
    return ck_read_corpus(format, path, NULL, c, *d);
}

/* 1 if some diagnostic of severity sev mentions both needles (NULL: any)
 * and, when line != 0, is at that line. */
static inline int fu_has(const ck_diag *d, ck_severity sev, size_t line,
                         const char *n1, const char *n2)
{
    for (size_t i = 0; i < ck_diag_size(d); i++) {
        const ck_diag_item *it = ck_diag_get(d, i);
        char buf[1024];
        ck_diag_format(it, buf, sizeof buf);
        if (it->severity == sev && (!line || it->line == line) &&
            (!n1 || strstr(buf, n1)) && (!n2 || strstr(buf, n2)))
            return 1;
    }
    return 0;
}

static inline const ck_doc *fu_doc(const ck_corpus *c, const char *id)
{
    for (size_t i = 0; i < c->n_docs; i++)
        if (strcmp(c->docs[i]->id, id) == 0)
            return c->docs[i];
    fail_msg("no document %s", id);
    return NULL;
}

/* The entity whose first span is [start, end). */
static inline const ck_entity *fu_at(const ck_doc *d, size_t start, size_t end)
{
    for (size_t i = 0; i < d->n_entities; i++)
        if (d->entities[i].n_spans && d->entities[i].spans[0].start == start &&
            d->entities[i].spans[0].end == end)
            return &d->entities[i];
    fail_msg("no entity at %zu-%zu in %s", start, end, d->id);
    return NULL;
}

/* Document text of entity e's span k equals want. */
static inline void fu_text(const ck_doc *d, const ck_entity *e, size_t k,
                           const char *want)
{
    char *s = tu_span_text(d, e, k);
    assert_string_equal(s, want);
    free(s);
}

/* read -> write (same format) -> read gives equal documents. */
static inline void fu_roundtrip(const char *format, const char *path)
{
    ck_corpus a, b;
    tu_read(format, path, &a);
    char *dir = tu_tmpdir();
    ck_diag *d = ck_diag_new(1);
    assert_int_equal(ck_write_corpus(format, dir, NULL, &a, d), CK_OK);
    assert_int_equal(ck_diag_count(d, CK_SEV_ERROR), 0);
    ck_diag_free(d);
    tu_read(format, dir, &b);
    tu_assert_corpus_equal(&a, &b);
    ck_corpus_free(&a);
    ck_corpus_free(&b);
    tu_rmrf(dir);
    free(dir);
}

/* A .tar.gz (and a .zip when zip is installed) of the folder reads the same. */
static inline void fu_archive_same(const char *format, const char *folder)
{
    char *dir = tu_tmpdir();
    char cmd[2048], path[1100];
    snprintf(path, sizeof path, "%s/sample.tar.gz", dir);
    snprintf(cmd, sizeof cmd, "cd '%s' && tar -czf '%s' *", folder, path);
    assert_int_equal(system(cmd), 0);
    ck_corpus a, b;
    tu_read(format, folder, &a);
    tu_read(format, path, &b);
    assert_true(a.n_docs > 0);
    tu_assert_corpus_equal(&a, &b);
    ck_corpus_free(&a);
    ck_corpus_free(&b);
    tu_rmrf(dir);
    free(dir);
}

/* Write one document in format into a fresh folder (returned). */
static inline char *fu_write_doc(const char *format, const ck_doc *doc)
{
    char *dir = tu_tmpdir();
    ck_corpus c;
    ck_corpus_init(&c);
    ck_diag *d = ck_diag_new(1);
    ck_writer *w;
    assert_int_equal(ck_writer_open(format, dir, NULL, &w, d), CK_OK);
    assert_int_equal(ck_writer_write(w, doc, d), CK_OK);
    assert_int_equal(ck_writer_close(w, d), CK_OK);
    ck_diag_free(d);
    return dir;
}

static inline char *fu_slurp(const char *dir, const char *name)
{
    char path[1200];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    char *data;
    size_t len;
    assert_int_equal(ck_read_file(path, &data, &len, NULL), CK_OK);
    return data;
}

#endif
