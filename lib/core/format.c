/*
 * format.c — reading and writing through the registry: lookup, options,
 * and the writer handle.
 */
#include <stdlib.h>
#include <string.h>

#include "clinkit/format.h"
#include "clinkit/io.h"

const char *ck_opt(ck_opts opts, const char *key)
{
    size_t k = strlen(key);
    for (size_t i = 0; opts && opts[i]; i++)
        if (strncmp(opts[i], key, k) == 0 && opts[i][k] == '=')
            return opts[i] + k + 1;
    return NULL;
}

ck_status ck_opts_check(ck_opts opts, const char *const *allowed, ck_diag *d)
{
    for (size_t i = 0; opts && opts[i]; i++) {
        const char *eq = strchr(opts[i], '=');
        size_t k = eq ? (size_t)(eq - opts[i]) : strlen(opts[i]);
        int ok = 0;
        for (size_t j = 0; allowed && allowed[j] && !ok; j++)
            ok = strlen(allowed[j]) == k && strncmp(allowed[j], opts[i], k) == 0;
        if (!ok || !eq) {
            ck_diag_add(d, CK_SEV_ERROR, NULL, 0, 0, (size_t)-1,
                        "unknown or malformed option '%.*s' (expected key=value)",
                        (int)k, opts[i]);
            return CK_ERR_USAGE;
        }
    }
    return CK_OK;
}

static const ck_format *need(const char *id, ck_diag *d)
{
    const ck_format *f = ck_format_find(id);
    if (!f)
        ck_diag_add(d, CK_SEV_ERROR, NULL, 0, 0, (size_t)-1,
                    "unknown format '%s' (see `clinkit formats`)", id);
    return f;
}

ck_status ck_read(const char *format, const char *path, ck_opts opts,
                  ck_doc_sink sink, void *user, ck_diag *d)
{
    const ck_format *f = need(format, d);
    if (!f)
        return CK_ERR_USAGE;
    if (!f->read) {
        ck_diag_add(d, CK_SEV_ERROR, NULL, 0, 0, (size_t)-1,
                    "format '%s' cannot be read", format);
        return CK_ERR_UNSUPPORTED;
    }
    ck_status rc = f->read(path, opts, sink, user, d);
    return rc == CK_STOP ? CK_OK : rc;
}

ck_status ck_read_corpus(const char *format, const char *path, ck_opts opts,
                         ck_corpus *corpus, ck_diag *d)
{
    return ck_read(format, path, opts, ck_corpus_sink, corpus, d);
}

struct ck_writer {
    const ck_format *f;
    void *state;
};

ck_status ck_writer_open(const char *format, const char *path, ck_opts opts,
                         ck_writer **out, ck_diag *d)
{
    *out = NULL;
    const ck_format *f = need(format, d);
    if (!f)
        return CK_ERR_USAGE;
    if (!f->writer_open) {
        ck_diag_add(d, CK_SEV_ERROR, NULL, 0, 0, (size_t)-1,
                    "format '%s' cannot be written", format);
        return CK_ERR_UNSUPPORTED;
    }
    ck_writer *w = calloc(1, sizeof *w);
    if (!w)
        return CK_ERR_NOMEM;
    w->f = f;
    ck_status rc = f->writer_open(path, opts, &w->state, d);
    if (rc) {
        free(w);
        return rc;
    }
    *out = w;
    return CK_OK;
}

ck_status ck_writer_write(ck_writer *w, const ck_doc *doc, ck_diag *d)
{
    return w->f->writer_write(w->state, doc, d);
}

ck_status ck_writer_close(ck_writer *w, ck_diag *d)
{
    if (!w)
        return CK_OK;
    ck_status rc = w->f->writer_close(w->state, d);
    free(w);
    return rc;
}

ck_status ck_write_corpus(const char *format, const char *path, ck_opts opts,
                          const ck_corpus *corpus, ck_diag *d)
{
    ck_writer *w;
    ck_status rc = ck_writer_open(format, path, opts, &w, d);
    for (size_t i = 0; rc == CK_OK && i < corpus->n_docs; i++)
        rc = ck_writer_write(w, corpus->docs[i], d);
    ck_status rc2 = ck_writer_close(w, d);
    return rc ? rc : rc2;
}

ck_status ck_folder_writer_open(const char *path, ck_opts opts,
                                const char *const *allowed, size_t size,
                                void **state, ck_diag *d)
{
    *state = NULL;
    if (ck_opts_check(opts, allowed, d))
        return CK_ERR_USAGE;
    ck_status rc = ck_mkdirs(path, d);
    if (rc)
        return rc;
    char **w = calloc(1, size < sizeof(char *) ? sizeof(char *) : size);
    if (!w || !(*w = strdup(path))) {
        free(w);
        return CK_ERR_NOMEM;
    }
    *state = w;
    return CK_OK;
}
