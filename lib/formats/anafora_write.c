/*
 * anafora_write.c — the Anafora writer: OUT/DOC/DOC (the text) and
 * OUT/DOC/DOC.<anafora_file>.xml in THYME's byte style (TAB indentation,
 * "  <savetime>", a blank line between annotations, no final newline), so
 * a THYME gold file read and written back is identical. Reader: anafora.c.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "clinkit/format.h"
#include "clinkit/io.h"
#include "core/buf.h"
#include "formats/anafora.h"


typedef struct aw {
    char *root;
    ck_buf b;
} aw;

static void esc(ck_buf *b, const char *s)
{
    for (; s && *s; s++) {
        switch (*s) {
        case '&': ck_buf_adds(b, "&amp;"); break;
        case '<': ck_buf_adds(b, "&lt;"); break;
        case '>': ck_buf_adds(b, "&gt;"); break;
        case '"': ck_buf_adds(b, "&quot;"); break;
        default: ck_buf_addc(b, *s);
        }
    }
}

static void prop_line(ck_buf *b, const char *k, const char *v)
{
    ck_buf_adds(b, "\t\t\t<");
    esc(b, k);
    ck_buf_addc(b, '>');
    esc(b, v);
    ck_buf_adds(b, "</");
    esc(b, k);
    ck_buf_adds(b, ">\n");
}

static const char *parents_of(const ck_doc *doc, const char *type, int relation)
{
    char key[256];
    snprintf(key, sizeof key, "parentsType:%s", type);
    const char *m = ck_doc_meta(doc, key);
    if (m)
        return m;
    if (relation)
        return strcmp(type, "TLINK") == 0 || strcmp(type, "ALINK") == 0 ? "TemporalRelations"
                                                                          : "Relations";
    if (!strcmp(type, "EVENT") || !strcmp(type, "TIMEX3") || !strcmp(type, "DOCTIME") ||
        !strcmp(type, "SECTIONTIME"))
        return "TemporalEntities";
    return "Entities";
}

static int safe_name(const char *id)
{
    return id && *id && !strchr(id, '/') && strcmp(id, ".") && strcmp(id, "..");
}

ck_status ck_anafora_writer_open(const char *path, ck_opts opts, void **state,
                                     ck_diag *d)
{
    return ck_folder_writer_open(path, opts, NULL, sizeof(aw), state, d);
}

static void write_relation(ck_buf *b, const ck_relation *r)
{
    /* TLINK/ALINK keep their usual order Source, Type, Target */
    int st = r->n_args == 2 && r->args[0].role && r->args[1].role &&
             !strcmp(r->args[0].role, "Source") && !strcmp(r->args[1].role, "Target") &&
             ck_attr_get(r->attrs, r->n_attrs, "Type");
    for (size_t k = 0; k < r->n_args; k++) {
        if (st && k == 1)
            prop_line(b, "Type", ck_attr_get(r->attrs, r->n_attrs, "Type"));
        prop_line(b, r->args[k].role ? r->args[k].role : "Arg", r->args[k].ref);
    }
    int skipped = 0;
    for (size_t k = 0; k < r->n_attrs; k++) {
        if (st && !skipped && r->attrs[k].key && !strcmp(r->attrs[k].key, "Type")) {
            skipped = 1;
            continue;
        }
        prop_line(b, r->attrs[k].key ? r->attrs[k].key : "value",
                  r->attrs[k].value ? r->attrs[k].value : "");
    }
}

ck_status ck_anafora_writer_write(void *state, const ck_doc *doc, ck_diag *d)
{
    aw *w = state;
    if (!safe_name(doc->id))
        return ck_diag_error(d, w->root, 0,
                             "document id unusable as a folder name (empty or containing '/')");
    ck_buf *b = &w->b;
    ck_buf_reset(b);
    const char *sv = ck_doc_meta(doc, "savetime"), *pg = ck_doc_meta(doc, "progress"),
               *sc = ck_doc_meta(doc, "schema");
    ck_buf_adds(b, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n\n<data>\n<info>\n  <savetime>");
    esc(b, sv ? sv : "00:00:00 01-01-2000");
    ck_buf_adds(b, "</savetime>\n  <progress>");
    esc(b, pg ? pg : "completed");
    ck_buf_adds(b, "</progress>\n</info>\n\n<schema");
    int attrs = 0;
    for (size_t i = 0; i < doc->n_meta; i++)
        if (!strncmp(doc->meta[i].key, "schema@", 7)) {
            ck_buf_addf(b, " %s=\"", doc->meta[i].key + 7);
            esc(b, doc->meta[i].value);
            ck_buf_addc(b, '"');
            attrs++;
        }
    ck_buf_adds(b, attrs ? ">" : " path=\"./\" protocol=\"file\">");
    esc(b, sc ? sc : "temporal.schema.xml");
    ck_buf_adds(b, "</schema>\n\n<annotations>\n\n");
    for (size_t i = 0; i < doc->n_entities; i++) {
        const ck_entity *e = &doc->entities[i];
        const char *type = e->type ? e->type : "Entity";
        ck_buf_adds(b, "\t<entity>\n\t\t<id>");
        esc(b, e->id);
        ck_buf_adds(b, "</id>\n\t\t<span>");
        for (size_t k = 0; k < e->n_spans; k++)
            ck_buf_addf(b, "%s%zu,%zu", k ? ";" : "", e->spans[k].start, e->spans[k].end);
        ck_buf_adds(b, "</span>\n\t\t<type>");
        esc(b, type);
        ck_buf_adds(b, "</type>\n\t\t<parentsType>");
        esc(b, parents_of(doc, type, 0));
        ck_buf_adds(b, "</parentsType>\n\t\t<properties>\n");
        for (size_t k = 0; k < e->n_attrs; k++)
            prop_line(b, e->attrs[k].key ? e->attrs[k].key : "value",
                      e->attrs[k].value ? e->attrs[k].value : "");
        ck_buf_adds(b, "\t\t</properties>\n\t</entity>\n\n");
    }
    for (size_t i = 0; i < doc->n_relations; i++) {
        const ck_relation *r = &doc->relations[i];
        const char *type = r->type ? r->type : "Relation";
        ck_buf_adds(b, "\t<relation>\n\t\t<id>");
        esc(b, r->id);
        ck_buf_adds(b, "</id>\n\t\t<type>");
        esc(b, type);
        ck_buf_adds(b, "</type>\n\t\t<parentsType>");
        esc(b, parents_of(doc, type, 1));
        ck_buf_adds(b, "</parentsType>\n\t\t<properties>\n");
        write_relation(b, r);
        ck_buf_adds(b, "\t\t</properties>\n\t</relation>\n\n");
    }
    ck_buf_adds(b, "\n</annotations>\n</data>");
    if (b->failed)
        return CK_ERR_NOMEM;
    const char *suffix = ck_doc_meta(doc, "anafora_file");
    if (!suffix || strchr(suffix, '/'))
        suffix = "gold.completed";
    size_t need = strlen(w->root) + 2 * strlen(doc->id) + strlen(suffix) + 16;
    char *file = malloc(need);
    if (!file)
        return CK_ERR_NOMEM;
    snprintf(file, need, "%s/%s", w->root, doc->id);
    ck_status rc = ck_mkdirs(file, d);
    if (rc == CK_OK && doc->text) {
        snprintf(file, need, "%s/%s/%s", w->root, doc->id, doc->id);
        rc = ck_write_file(file, doc->text, doc->text_bytes, d);
    }
    if (rc == CK_OK) {
        snprintf(file, need, "%s/%s/%s.%s.xml", w->root, doc->id, doc->id, suffix);
        rc = ck_write_file(file, b->p, b->n, d);
    }
    free(file);
    return rc;
}

ck_status ck_anafora_writer_close(void *state, ck_diag *d)
{
    aw *w = state;
    if (!w)
        return CK_OK;
    ck_buf_free(&w->b);
    free(w->root);
    free(w);
    return CK_OK;
}

