/*
 * i2b2_2012_temporal.c — i2b2 2012 temporal relations XML: TEXT (CDATA,
 * which starts with a newline that the offsets count) + TAGS with
 *   <EVENT id start end text modality polarity type />
 *   <TIMEX3 id start end text type val mod />
 *   <SECTIME id start end text type dvalue />
 *   <TLINK id fromID fromText toID toText type />
 * EVENT/TIMEX3/SECTIME (any tag with start/end) -> entity, type = element
 * name, attrs = the other attributes in file order. TLINK (any tag with
 * fromID/toID) -> relation type = element name, args Source = fromID,
 * Target = toID, attrs fromText, toText and Type (the "type" attribute), in
 * file order. TLINKs to ids that do not exist ("Admission") and duplicate
 * ids are kept as written; raw '&' in attributes is repaired (noted).
 */
#include <string.h>

#include "formats/i2b2_tags.h"

static ck_status tlink(ck_tags_ctx *c, const char *name, const char **attrs)
{
    ck_relation *r = ck_doc_add_relation(c->doc, ck_xml_attr(attrs, "id"), name);
    if (!r)
        return CK_ERR_NOMEM;
    const char *from = ck_xml_attr(attrs, "fromID"), *to = ck_xml_attr(attrs, "toID");
    if ((from && ck_relation_add_arg(c->doc, r, "Source", from)) ||
        (to && ck_relation_add_arg(c->doc, r, "Target", to)))
        return CK_ERR_NOMEM;
    for (size_t i = 0; attrs[i]; i += 2) {
        const char *k = attrs[i];
        if (!strcmp(k, "id") || !strcmp(k, "fromID") || !strcmp(k, "toID"))
            continue;
        if (ck_relation_add_attr(c->doc, r, NULL, strcmp(k, "type") ? k : "Type",
                                 attrs[i + 1]))
            return CK_ERR_NOMEM;
    }
    return CK_OK;
}

static ck_status tag(ck_tags_ctx *c, const char *name, const char **attrs,
                     size_t depth)
{
    if (depth != 1)
        return ck_diag_error(c->d, c->file, ck_xml_line(c->x),
                             "<%s> nested inside another tag: expected flat tags in TAGS", name);
    if (ck_xml_attr(attrs, "start") || ck_xml_attr(attrs, "end")) {
        size_t index;
        return ck_tags_entity(c, name, attrs, &index);
    }
    if (ck_xml_attr(attrs, "fromID") || ck_xml_attr(attrs, "toID"))
        return tlink(c, name, attrs);
    return ck_diag_error(c->d, c->file, ck_xml_line(c->x),
                         "<%s>: expected start/end (EVENT, TIMEX3, SECTIME) or fromID/toID (TLINK)",
                         name);
}

static const char *arg(const ck_relation *r, const char *role)
{
    for (size_t i = 0; i < r->n_args; i++)
        if (!strcmp(r->args[i].role, role))
            return r->args[i].ref;
    return NULL;
}

static size_t write_tlink(ck_buf *b, const ck_relation *r, size_t i)
{
    char id[32];
    snprintf(id, sizeof id, "TL%zu", i);
    size_t mark = b->n, bad = 0;
    ck_buf_addc(b, '<');
    bad += (size_t)ck_xml_name(b, r->type && *r->type ? r->type : "TLINK");
#define attr_out(b, k, v) (bad += (size_t)ck_xml_attr_out(b, mark, k, v))
    attr_out(b, "id", r->id ? r->id : id);
    const char *from = arg(r, "Source"), *to = arg(r, "Target");
    const char *ft = ck_attr_get(r->attrs, r->n_attrs, "fromText");
    const char *tt = ck_attr_get(r->attrs, r->n_attrs, "toText");
    const char *ty = ck_attr_get(r->attrs, r->n_attrs, "Type");
    if (from)
        attr_out(b, "fromID", from);
    if (ft)
        attr_out(b, "fromText", ft);
    if (to)
        attr_out(b, "toID", to);
    if (tt)
        attr_out(b, "toText", tt);
    if (ty)
        attr_out(b, "type", ty);
    for (size_t k = 0; k < r->n_attrs; k++) {
        const char *key = r->attrs[k].key;
        if (strcmp(key, "fromText") && strcmp(key, "toText") && strcmp(key, "Type"))
            attr_out(b, key, r->attrs[k].value);
    }
#undef attr_out
    ck_buf_adds(b, " />\n");
    return bad;
}

/* EVENTs and TIMEX3s, then TLINKs, then SECTIMEs: the order of the corpus */
static void write_tags(ck_buf *b, const ck_doc *doc, size_t *dropped)
{
    char id[32];
    for (int pass = 0; pass < 2; pass++) {
        for (size_t i = 0; i < doc->n_entities; i++) {
            const ck_entity *e = &doc->entities[i];
            int sectime = e->type && !strcmp(e->type, "SECTIME");
            if (sectime != pass)
                continue;
            if (e->n_spans != 1)
                ++*dropped;
            snprintf(id, sizeof id, "E%zu", i);
            *dropped += ck_tags_write_entity(b, doc, e, id);
        }
        for (size_t i = 0; pass == 0 && i < doc->n_relations; i++)
            *dropped += write_tlink(b, &doc->relations[i], i);
    }
    *dropped += doc->n_events + doc->n_labels;
}

static const ck_tags_kind kind = {"ClinicalNarrativeTemporalAnnotation", tag, NULL, write_tags};

static ck_status rd(const char *path, ck_opts opts, ck_doc_sink sink, void *user,
                    ck_diag *d)
{
    return ck_tags_read(path, opts, sink, user, d, &kind);
}

static ck_status wopen(const char *path, ck_opts opts, void **state, ck_diag *d)
{
    return ck_tags_writer_open(path, opts, state, d, &kind);
}

const ck_format ck_fmt_i2b2_2012_temporal = {
    .id = "i2b2-2012-temporal",
    .summary = "i2b2 2012 temporal XML: TEXT (CDATA) + EVENT, TIMEX3, SECTIME, TLINK",
    .layout = "a folder (any depth) or .zip/.tar.gz of N.xml files (N.xml.txt ignored)",
    .flags = CK_FMT_DIR,
    .read = rd,
    .writer_open = wopen,
    .writer_write = ck_tags_writer_write,
    .writer_close = ck_tags_writer_close,
};
