/*
 * i2b2_2014_rf.c — i2b2/UTHealth 2014 heart-disease risk factors XML:
 * TEXT (CDATA) + TAGS whose children are document-level tags (DIABETES,
 * CAD, HYPERLIPIDEMIA, HYPERTENSION, OBESE, MEDICATION, SMOKER,
 * FAMILY_HIST, ...) with time/indicator/status/type1/type2 attributes and,
 * nested inside, the evidence mentions with id/start/end/text:
 *   <DIABETES time="before DCT" indicator="mention" id="DOC0">
 *   <DIABETES id="M0" start="34" end="37" text="DM2" time="before DCT" indicator="mention" />
 *   </DIABETES>
 * Each document-level tag -> label (name = tag, value NULL, attrs = its
 * attributes in file order); each nested tag -> entity (type = tag name)
 * and the label gets attr "evidence" = the entity ids joined by ",". A flat
 * tag (also one with start/end, e.g. PHI) is a label too. A misplaced
 * "<?xml ...?>" declaration is ignored (noted).
 */
#include <stdio.h>
#include <string.h>

#include "formats/i2b2_tags.h"

static ck_status close_label(ck_tags_ctx *c)
{
    ck_buf *ev = &c->scratch;
    ck_status rc = CK_OK;
    if (c->cur >= 0 && ev->n)
        rc = ck_label_add_attr(c->doc, &c->doc->labels[c->cur], "evidence", ck_buf_str(ev))
                 ? CK_ERR_NOMEM : CK_OK;
    ck_buf_reset(ev);
    c->cur = -1;
    return rc;
}

static ck_status tag(ck_tags_ctx *c, const char *name, const char **attrs,
                     size_t depth)
{
    ck_buf *ev = &c->scratch;
    if (depth == 1) {
        ck_label *l = ck_doc_add_label(c->doc, name, NULL);
        if (!l)
            return CK_ERR_NOMEM;
        for (size_t i = 0; attrs[i]; i += 2)
            if (ck_label_add_attr(c->doc, l, attrs[i], attrs[i + 1]))
                return CK_ERR_NOMEM;
        c->cur = (long)(c->doc->n_labels - 1);
        ck_buf_reset(ev);
        return CK_OK;
    }
    size_t index;
    ck_status rc = ck_tags_entity(c, name, attrs, &index);
    if (rc || index == (size_t)-1)
        return rc;
    ck_entity *e = &c->doc->entities[index];
    if (!e->id) {
        char id[32];
        snprintf(id, sizeof id, "_ev%zu", index);
        e->id = ck_doc_strdup(c->doc, id);
        ck_diag_warn(c->d, c->file, ck_xml_line(c->x),
                     "<%s> evidence without an id: named %s", name, id);
    }
    if (ev->n)
        ck_buf_addc(ev, ',');
    ck_buf_adds(ev, e->id);
    return ev->failed ? CK_ERR_NOMEM : CK_OK;
}

static ck_status tag_end(ck_tags_ctx *c, const char *name, size_t depth)
{
    return depth == 1 ? close_label(c) : CK_OK;
}

static void write_tags(ck_buf *b, const ck_doc *doc, size_t *dropped)
{
    size_t used = 0;
    for (size_t i = 0; i < doc->n_labels; i++) {
        const ck_label *l = &doc->labels[i];
        const char *evidence = NULL;
        size_t mark = b->n;
        ck_buf_addc(b, '<');
        *dropped += (size_t)ck_xml_name(b, l->name);
        for (size_t k = 0; k < l->n_attrs; k++) {
            if (!strcmp(l->attrs[k].key, "evidence")) {
                evidence = l->attrs[k].value;
                continue;
            }
            *dropped += (size_t)ck_xml_attr_out(b, mark, l->attrs[k].key, l->attrs[k].value);
        }
        if (!evidence || !*evidence) {
            ck_buf_adds(b, " />\n");
            continue;
        }
        ck_buf_adds(b, ">\n");
        for (const char *p = evidence; *p;) {
            size_t n = strcspn(p, ",");
            for (size_t k = 0; k < doc->n_entities; k++) {
                const ck_entity *e = &doc->entities[k];
                if (e->id && strlen(e->id) == n && !memcmp(e->id, p, n)) {
                    *dropped += ck_tags_write_entity(b, doc, e, e->id);
                    used++;
                    break;
                }
            }
            p += n + (p[n] == ',');
        }
        ck_buf_adds(b, "</");
        ck_xml_name(b, l->name);
        ck_buf_adds(b, ">\n");
    }
    if (doc->n_entities > used)
        *dropped += doc->n_entities - used; /* mentions no label points to */
    *dropped += doc->n_relations + doc->n_events;
}

static const ck_tags_kind kind = {"root", tag, tag_end, write_tags};

static ck_status rd(const char *path, ck_opts opts, ck_doc_sink sink, void *user,
                    ck_diag *d)
{
    return ck_tags_read(path, opts, sink, user, d, &kind);
}

static ck_status wopen(const char *path, ck_opts opts, void **state, ck_diag *d)
{
    return ck_tags_writer_open(path, opts, state, d, &kind);
}

const ck_format ck_fmt_i2b2_2014_rf = {
    .id = "i2b2-2014-rf",
    .summary = "i2b2/UTHealth 2014 risk factors XML: document-level tags as labels, nested evidence as entities",
    .layout = "a folder (any depth) or .zip/.tar.gz of PPP-RR.xml files",
    .flags = CK_FMT_DIR,
    .read = rd,
    .writer_open = wopen,
    .writer_write = ck_tags_writer_write,
    .writer_close = ck_tags_writer_close,
};
