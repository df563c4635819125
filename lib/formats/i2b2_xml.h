/*
 * i2b2_xml.h — private: the XML (libxml2) driver and writer helpers shared by the
 * XML formats of the i2b2/n2c2 family (2006 de-id and smoking, 2008
 * obesity, 2012 temporal, 2014 de-id and risk factors, 2018 track 1).
 *
 * ck_xml_parse runs libxml2 (SAX2) over one file and calls back per element. The
 * content of the "text element" (TEXT, or text for 2008) is collected and
 * handed over when the element ends; elements inside it (2006 inline PHI)
 * are reported with code-point offsets into that content. Safety: a DOCTYPE
 * that declares entities is refused, no external entity is ever loaded.
 * Speed: the first CDATA section of the text element is taken straight from
 * the input (the parser never scans it), so a note costs one UTF-8 validation.
 * Tolerance (each repair is reported as a note): a raw '&' outside CDATA
 * becomes "&amp;" (2012), an XML declaration not at the start of the file is
 * blanked (2014 risk factors).
 */
#ifndef CK_I2B2_XML_H
#define CK_I2B2_XML_H

#include <stddef.h>
#include <stdio.h>

#include "clinkit/doc.h"
#include "core/buf.h"

typedef struct ck_xml ck_xml;

typedef struct ck_xml_handlers {
    /* An element starts. depth 0 = the root. attrs: a NULL-terminated
     * name, value, name, value... list. in_text: inside the text element;
     * cp: then the code points of text content before this element. */
    ck_status (*start)(void *user, ck_xml *x, const char *name,
                       const char **attrs, size_t depth, int in_text,
                       size_t cp);
    ck_status (*end)(void *user, ck_xml *x, const char *name, size_t depth,
                     int in_text, size_t cp);
    /* The text element ended: its content (CDATA sections only when it has
     * any, otherwise all character data), not NUL-terminated. */
    ck_status (*text)(void *user, ck_xml *x, const char *s, size_t n);
} ck_xml_handlers;

/* A parser kept for reuse across the files of one read (zero-initialise;
 * free with ck_xml_pool_free). */
typedef struct ck_xml_pool {
    void *parser;
} ck_xml_pool;
void ck_xml_pool_free(ck_xml_pool *pool);

/* Parse data[0..len) of file (for diagnostics) with a parser from pool (may
 * be NULL). text_elem: element name whose content is the document text
 * (NULL: none). Returns CK_OK, a handler's status, or CK_ERR_PARSE for
 * malformed XML (recorded in d, in strict and lenient mode alike: the
 * caller skips the file when lenient). */
ck_status ck_xml_parse(ck_xml_pool *pool, const char *data, size_t len,
                       const char *file, const char *text_elem,
                       const ck_xml_handlers *h, void *user, ck_diag *d);
/* The 1-based line of the current event (for handlers' diagnostics). */
size_t ck_xml_line(ck_xml *x);

/* Value of attribute key in such an attribute list, or NULL. */
const char *ck_xml_attr(const char **attrs, const char *key);
/* Parse a non-negative decimal; -1 if s is not one. */
int ck_xml_size(const char *s, size_t *out);

/* Writing: escape for an attribute value ("&<>\"" and control
 * characters as character references) or for element content ("&<>"). */
void ck_xml_esc_attr(ck_buf *b, const char *s);
void ck_xml_esc_text(ck_buf *b, const char *s, size_t n);
/* An element or attribute name: a character not allowed in XML names is
 * written as '_' (and an empty name as "_"). Returns 1 if it changed s. */
int ck_xml_name(ck_buf *b, const char *s);
/* ` key="value"` inside a start tag that begins at byte mark of b; a key
 * already written in that tag is skipped (XML forbids repeating one).
 * Returns 1 if the attribute was skipped or its key changed, else 0. */
int ck_xml_attr_out(ck_buf *b, size_t mark, const char *key, const char *value);
/* A CDATA section holding s[0..n) ("]]>" is split across two sections). */
void ck_xml_cdata(ck_buf *b, const char *s, size_t n);

/* Check that the text the file stored for an entity's span equals the
 * document text there. If not, and repair is on, look for it within 64
 * code points and move the span to the nearest match (a note says so, at
 * the current line of x when x is not NULL, else at line);
 * if the stored text differs only by a line break that the XML parser
 * turned into a space, keep the document's characters. */
void ck_xml_check_span(ck_doc *doc, ck_entity *e, int repair,
                       const char *file, ck_xml *x, size_t line, ck_diag *d);

/* Document id from a relative entry name: the name without ".xml". */
char *ck_xml_doc_id(const char *name);
/* Path root/id + suffix with parent folders created; NULL if the id is
 * unusable as a file name (absolute, "..", empty) — reported. */
char *ck_xml_out_path(const char *root, const char *id, const char *suffix,
                      ck_diag *d);

#endif
