/*
 * n2c2_2018_t1.c — n2c2 2018 track 1 (cohort selection) XML:
 * <PatientMatching> with TEXT (2-5 notes joined by a line of 100 '*';
 * CDATA or escaped text, both read) + TAGS holding the 13 criteria as empty
 * elements <ABDOMINAL met="not met" />. Each criterion -> document label
 * name = element name, value = met ("met" / "not met"), other attributes
 * -> label attrs in file order.
 */
#include <string.h>

#include "formats/i2b2_tags.h"

static ck_status tag(ck_tags_ctx *c, const char *name, const char **attrs,
                     size_t depth)
{
    if (depth != 1)
        return ck_diag_error(c->d, c->file, ck_xml_line(c->x),
                             "<%s> nested inside a criterion: expected empty criterion elements", name);
    ck_label *l = ck_doc_add_label(c->doc, name, ck_xml_attr(attrs, "met"));
    if (!l)
        return CK_ERR_NOMEM;
    for (size_t i = 0; attrs[i]; i += 2)
        if (strcmp(attrs[i], "met") && ck_label_add_attr(c->doc, l, attrs[i], attrs[i + 1]))
            return CK_ERR_NOMEM;
    return CK_OK;
}

static void write_tags(ck_buf *b, const ck_doc *doc, size_t *dropped)
{
    for (size_t i = 0; i < doc->n_labels; i++) {
        const ck_label *l = &doc->labels[i];
        size_t mark = b->n;
        ck_buf_addc(b, '<');
        *dropped += (size_t)ck_xml_name(b, l->name);
        if (l->value)
            ck_xml_attr_out(b, mark, "met", l->value);
        for (size_t k = 0; k < l->n_attrs; k++)
            *dropped += (size_t)ck_xml_attr_out(b, mark, l->attrs[k].key, l->attrs[k].value);
        ck_buf_adds(b, " />\n");
    }
    *dropped += doc->n_entities + doc->n_relations + doc->n_events;
}

static const ck_tags_kind kind = {"PatientMatching", tag, NULL, write_tags};

static ck_status rd(const char *path, ck_opts opts, ck_doc_sink sink, void *user,
                    ck_diag *d)
{
    return ck_tags_read(path, opts, sink, user, d, &kind);
}

static ck_status wopen(const char *path, ck_opts opts, void **state, ck_diag *d)
{
    return ck_tags_writer_open(path, opts, state, d, &kind);
}

const ck_format ck_fmt_n2c2_2018_t1 = {
    .id = "n2c2-2018-t1",
    .summary = "n2c2 2018 track 1 XML: TEXT + 13 criteria <NAME met=\"met|not met\"/> as document labels",
    .layout = "a folder or .zip/.tar.gz of <patient>.xml files",
    .flags = CK_FMT_DIR,
    .read = rd,
    .writer_open = wopen,
    .writer_write = ck_tags_writer_write,
    .writer_close = ck_tags_writer_close,
};
