/*
 * i2b2_2014_deid.c — i2b2/UTHealth 2014 de-identification XML (also the
 * MEDDOCAN release, root <MEDDOCAN>): TEXT (CDATA) + flat TAGS, one element
 * per PHI mention:
 *   <NAME id="P1" start="32" end="40" text="Bo Quinn" TYPE="PATIENT" comment="" />
 * -> entity id, type = element name (the category), one span, text, and
 * every other attribute in file order (TYPE, comment, ...). The 16 tags the
 * corpus writes as <PHI TYPE="DOCTOR"> keep type "PHI". Spans whose text
 * is not at the offsets are looked for nearby (180-03.xml counts bytes
 * around curly apostrophes); fix-offsets=no keeps them as written.
 */
#include "formats/i2b2_tags.h"

static ck_status tag(ck_tags_ctx *c, const char *name, const char **attrs,
                     size_t depth)
{
    if (depth != 1)
        return ck_diag_error(c->d, c->file, ck_xml_line(c->x),
                             "<%s> nested inside a PHI tag: expected flat tags in TAGS", name);
    size_t index;
    return ck_tags_entity(c, name, attrs, &index);
}

static void write_tags(ck_buf *b, const ck_doc *doc, size_t *dropped)
{
    char id[32];
    for (size_t i = 0; i < doc->n_entities; i++) {
        const ck_entity *e = &doc->entities[i];
        if (e->n_spans != 1)
            ++*dropped; /* written with its first span (or none) */
        snprintf(id, sizeof id, "P%zu", i);
        *dropped += ck_tags_write_entity(b, doc, e, id);
    }
    *dropped += doc->n_relations + doc->n_events + doc->n_labels;
}

static const ck_tags_kind kind = {"deIdi2b2", tag, NULL, write_tags};

static ck_status rd(const char *path, ck_opts opts, ck_doc_sink sink, void *user,
                    ck_diag *d)
{
    return ck_tags_read(path, opts, sink, user, d, &kind);
}

static ck_status wopen(const char *path, ck_opts opts, void **state, ck_diag *d)
{
    return ck_tags_writer_open(path, opts, state, d, &kind);
}

const ck_format ck_fmt_i2b2_2014_deid = {
    .id = "i2b2-2014-deid",
    .summary = "i2b2/UTHealth 2014 de-id XML: TEXT (CDATA) + TAGS <CATEGORY id start end text TYPE comment/> (also MEDDOCAN)",
    .layout = "a folder (any depth) or .zip/.tar.gz of PPP-RR.xml files",
    .flags = CK_FMT_DIR,
    .read = rd,
    .writer_open = wopen,
    .writer_write = ck_tags_writer_write,
    .writer_close = ck_tags_writer_close,
};
