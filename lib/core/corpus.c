/*
 * corpus.c — validate and convert whole corpora through the registry,
 * streaming: each document is checked, counted, written and freed before
 * the next is read.
 */
#include <stdio.h>
#include <string.h>

#include "clinkit/corpus.h"

void ck_stats_add(ck_stats *s, const ck_doc *doc, int check, const char *file,
                  ck_diag *d)
{
    s->documents++;
    s->with_text += doc->text != NULL;
    s->entities += doc->n_entities;
    s->relations += doc->n_relations;
    s->events += doc->n_events;
    s->corefs += doc->n_corefs;
    s->labels += doc->n_labels;
    s->passages += doc->n_passages;
    s->notes += doc->n_notes;
    for (size_t i = 0; i < doc->n_entities; i++) {
        s->fragments += doc->entities[i].n_spans;
        s->attributes += doc->entities[i].n_attrs;
        s->normalizations += doc->entities[i].n_norms;
    }
    for (size_t i = 0; i < doc->n_relations; i++)
        s->attributes += doc->relations[i].n_attrs;
    for (size_t i = 0; i < doc->n_events; i++)
        s->attributes += doc->events[i].n_attrs;
    if (check)
        s->problems += ck_doc_check(doc, file, d);
}

typedef struct vctx {
    ck_stats *stats;
    ck_diag *d;
    const char *path;
    ck_writer *w;
} vctx;

static ck_status check_sink(void *user, ck_doc *doc)
{
    vctx *v = user;
    char where[1024];
    snprintf(where, sizeof where, "%s [document %s]", v->path,
             doc->id ? doc->id : "?");
    ck_stats_add(v->stats, doc, 1, where, v->d);
    ck_status rc = CK_OK;
    if (v->w)
        rc = ck_writer_write(v->w, doc, v->d);
    ck_doc_free(doc);
    return rc;
}

ck_status ck_validate(const char *format, const char *path, ck_opts opts,
                      ck_stats *stats, ck_diag *d)
{
    vctx v = {stats, d, path, NULL};
    return ck_read(format, path, opts, check_sink, &v, d);
}

ck_status ck_convert(const char *from, const char *in, ck_opts in_opts,
                     const char *to, const char *out, ck_opts out_opts,
                     ck_stats *stats, ck_diag *d)
{
    const ck_format *f = ck_format_find(from);
    if (!f || !f->read) {
        ck_diag_add(d, CK_SEV_ERROR, NULL, 0, 0, (size_t)-1,
                    "format '%s' is unknown or cannot be read", from);
        return CK_ERR_USAGE;
    }
    vctx v = {stats, d, in, NULL};
    ck_status rc = ck_writer_open(to, out, out_opts, &v.w, d);
    if (rc)
        return rc;
    rc = ck_read(from, in, in_opts, check_sink, &v, d);
    ck_status rc2 = ck_writer_close(v.w, d);
    return rc ? rc : rc2;
}
