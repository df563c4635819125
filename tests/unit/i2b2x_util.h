/*
 * i2b2x_util.h — helpers for the i2b2/n2c2 XML format tests: read with a
 * chosen strictness and keep the diagnostics, find a message, build an
 * archive of a folder, compare two folders byte for byte.
 */
#ifndef CK_I2B2X_UTIL_H
#define CK_I2B2X_UTIL_H

#include <archive.h>
#include <archive_entry.h>

#include "testutil.h"

/* A .zip of a folder written with libarchive (no zip tool needed). */
static inline void ix_zip(const char *dir, const char *zip)
{
    struct archive *a = archive_write_new();
    archive_write_set_format_zip(a);
    assert_int_equal(archive_write_open_filename(a, zip), ARCHIVE_OK);
    char cmd[1200], name[1024], path[2200];
    snprintf(cmd, sizeof cmd, "cd '%s' && find . -type f | sort", dir);
    FILE *f = popen(cmd, "r");
    assert_non_null(f);
    while (fgets(name, sizeof name, f)) {
        name[strcspn(name, "\n")] = '\0';
        snprintf(path, sizeof path, "%s/%s", dir, name + 2);
        char *data;
        size_t len;
        assert_int_equal(ck_read_file(path, &data, &len, NULL), CK_OK);
        struct archive_entry *e = archive_entry_new();
        archive_entry_set_pathname(e, name + 2);
        archive_entry_set_size(e, (la_int64_t)len);
        archive_entry_set_filetype(e, AE_IFREG);
        archive_entry_set_perm(e, 0644);
        assert_int_equal(archive_write_header(a, e), ARCHIVE_OK);
        assert_int_equal(archive_write_data(a, data, len), (la_ssize_t)len);
        archive_entry_free(e);
        free(data);
    }
    pclose(f);
    archive_write_close(a);
    archive_write_free(a);
}

/* Read path in format; returns the status; *dp receives the diagnostics. */
static inline ck_status ix_read(const char *format, const char *path,
                                const char *const *opts, int strict,
                                ck_corpus *c, ck_diag **dp)
{
    ck_diag *d = ck_diag_new(strict);
    ck_corpus_init(c);
    ck_status rc = ck_read_corpus(format, path, opts, c, d);
    *dp = d;
    return rc;
}

/* 1 if some diagnostic of severity sev contains needle (and, if line is
 * not 0, is at that line). */
static inline int ix_has(const ck_diag *d, ck_severity sev, const char *needle,
                         size_t line)
{
    for (size_t i = 0; i < ck_diag_size(d); i++) {
        const ck_diag_item *it = ck_diag_get(d, i);
        if (it->severity == sev && strstr(it->message, needle) &&
            (!line || it->line == line))
            return 1;
    }
    return 0;
}

static inline void ix_sh(const char *fmt, const char *a, const char *b)
{
    char cmd[4096];
    snprintf(cmd, sizeof cmd, fmt, a, b);
    assert_int_equal(system(cmd), 0);
}

/* Same files with the same bytes. */
static inline void ix_same_tree(const char *a, const char *b)
{
    ix_sh("diff -r '%s' '%s' >/dev/null", a, b);
}

/* Write corpus c in format to a fresh folder (malloc'd path). */
static inline char *ix_write(const char *format, const ck_corpus *c)
{
    char *dir = tu_tmpdir();
    char out[1024];
    snprintf(out, sizeof out, "%s/out", dir);
    ck_diag *d = ck_diag_new(1);
    assert_int_equal(ck_write_corpus(format, out, NULL, c, d), CK_OK);
    ck_diag_free(d);
    free(dir);
    return strdup(out);
}

/* The entity with this id in doc (fails the test if absent). */
static inline const ck_entity *ix_ent(const ck_doc *doc, const char *id)
{
    const ck_entity *e = ck_doc_find_entity(doc, id);
    assert_non_null(e);
    return e;
}

/* The document with this id in c. */
static inline const ck_doc *ix_doc(const ck_corpus *c, const char *id)
{
    for (size_t i = 0; i < c->n_docs; i++)
        if (strcmp(c->docs[i]->id, id) == 0)
            return c->docs[i];
    fail_msg("no document %s", id);
    return NULL;
}

/* Every entity's stored text equals the document text at its span. */
static inline void ix_texts_match(const ck_corpus *c)
{
    for (size_t i = 0; i < c->n_docs; i++) {
        ck_diag *d = ck_diag_new(0);
        size_t n = ck_doc_check(c->docs[i], c->docs[i]->id, d);
        if (n) {
            char buf[512];
            ck_diag_format(ck_diag_get(d, 0), buf, sizeof buf);
            print_error("%s\n", buf);
        }
        assert_int_equal(n, 0);
        ck_diag_free(d);
    }
}

/* Read the same corpus from path and from a .tar.gz and a .zip of it. */
static inline void ix_archives_read_the_same(const char *format, const char *path)
{
    ck_corpus a, b, z;
    tu_read(format, path, &a);
    char *dir = tu_tmpdir();
    char arch[1200];
    snprintf(arch, sizeof arch, "%s/s.tar.gz", dir);
    ix_sh("tar -czf '%s' -C '%s' .", arch, path);
    tu_read(format, arch, &b);
    tu_assert_corpus_equal(&a, &b);
    snprintf(arch, sizeof arch, "%s/s.zip", dir);
    ix_zip(path, arch);
    tu_read(format, arch, &z);
    tu_assert_corpus_equal(&a, &z);
    ck_corpus_free(&a);
    ck_corpus_free(&b);
    ck_corpus_free(&z);
    tu_rmrf(dir);
    free(dir);
}

#endif
