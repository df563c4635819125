/*
 * i2b2_tags.h — private: the "TEXT + TAGS" XML layout shared by i2b2 2012
 * temporal, 2014 de-id, 2014 risk factors and n2c2 2018 track 1:
 *
 *   <?xml version="1.0" encoding="UTF-8" ?>
 *   <ROOT>
 *   <TEXT><![CDATA[...]]></TEXT>
 *   <TAGS>
 *   <NAME id=".." start=".." end=".." text=".." .../>
 *   </TAGS>
 *   </ROOT>
 *
 * One file per document (PPP-RR.xml), in a folder or archive; the document
 * id is the relative path without ".xml"; the root element's name goes to
 * meta "root". Offsets are code points into the CDATA content as it is.
 * Each format supplies what a tag inside TAGS means and how to write TAGS.
 */
#ifndef CK_I2B2_TAGS_H
#define CK_I2B2_TAGS_H

#include "clinkit/format.h"
#include "formats/i2b2_xml.h"

typedef struct ck_tags_ctx {
    ck_doc *doc;
    ck_xml *x;
    const char *file;
    ck_diag *d;
    int repair;        /* fix-offsets=yes */
    size_t tags_depth; /* depth of <TAGS>, or 0 when outside it */
    /* entities whose stored text is checked once the text is known */
    size_t *check, n_check, cap_check;
    size_t *check_line;
    const void *kind; /* the ck_tags_kind */
    ck_buf scratch;   /* for the format, emptied per document */
    long cur;    /* the format's own cursor, -1 when none */
} ck_tags_ctx;

typedef struct ck_tags_kind {
    const char *root;    /* root element written when meta "root" is absent */
    /* An element inside TAGS; depth 1 = child of TAGS, 2 = nested below. */
    ck_status (*tag)(ck_tags_ctx *c, const char *name, const char **attrs,
                     size_t depth);
    ck_status (*tag_end)(ck_tags_ctx *c, const char *name, size_t depth);
    /* Append the TAGS children of doc to b; count what cannot be written. */
    void (*write)(ck_buf *b, const ck_doc *doc, size_t *dropped);
} ck_tags_kind;

ck_status ck_tags_read(const char *path, ck_opts opts, ck_doc_sink sink,
                       void *user, ck_diag *d, const ck_tags_kind *k);
/* Parse one file's bytes into a new document (id given). */
ck_status ck_tags_parse(ck_xml_pool *pool, const char *data, size_t len,
                        const char *file, const char *id, int repair,
                        const ck_tags_kind *k, ck_doc **out, ck_diag *d);

/* An entity from id/start/end/text + the other attributes in order (the
 * attributes named in skip, NULL-terminated, are left out). Its text is
 * checked against the document text at the end. *index receives its
 * index in doc->entities, or (size_t)-1 when it was skipped (lenient). */
ck_status ck_tags_entity(ck_tags_ctx *c, const char *type, const char **attrs,
                         size_t *index);

/* Writer: one NAME.xml per document under a folder. */
ck_status ck_tags_writer_open(const char *path, ck_opts opts, void **state,
                              ck_diag *d, const ck_tags_kind *k);
ck_status ck_tags_writer_write(void *state, const ck_doc *doc, ck_diag *d);
ck_status ck_tags_writer_close(void *state, ck_diag *d);
/* <NAME id=".." start=".." end=".." text=".." attrs... /> and a newline.
 * Returns how many names had to change or attributes be left out. */
size_t ck_tags_write_entity(ck_buf *b, const ck_doc *doc, const ck_entity *e,
                            const char *fallback_id);

#endif
