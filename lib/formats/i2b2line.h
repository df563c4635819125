/*
 * i2b2line.h — private: what the i2b2 line:token formats (2009 medication,
 * 2010 concepts/assertions/relations, 2011 coreference) share: splitting
 * files into lines and lines into `key="value" L:T L:T` fields, turning
 * positions into spans (with the text check and the token-convention
 * fallback), the value text a writer puts back, and pairing annotation
 * files with their text across the distributed folder layouts.
 */
#ifndef CK_I2B2LINE_H
#define CK_I2B2LINE_H

#include <stddef.h>

#include "clinkit/diag.h"
#include "clinkit/doc.h"
#include "clinkit/format.h"
#include "clinkit/io.h"
#include "core/buf.h"
#include "formats/linetok.h"

typedef struct i2b2_line {
    char *s;   /* NUL-terminated, trailing \r removed */
    size_t no; /* 1-based */
} i2b2_line;

/* Split text in place into lines (malloc'd array; NULL and *n = 0 when
 * empty; NULL and *n != 0 when out of memory). */
i2b2_line *i2b2_lines(char *text, size_t len, size_t *n);

typedef struct i2b2_field {
    char *key;   /* "c", "t", "m", "do", ... */
    char *value; /* between the quotes, may itself hold '"' */
    char *offs;  /* what follows the closing quote, trimmed ("" if none) */
} i2b2_field;

/* Split a line in place on "||" (surrounding spaces and a stray third '|'
 * trimmed) and parse each part as key="value" [offsets]. Returns the count
 * (>= 0), or -1 when a part is not key="value" (*bad = its 1-based index),
 * -2 when out of memory. *out is malloc'd (free it). */
int i2b2_fields(char *line, i2b2_field **out, size_t *bad);

typedef struct i2b2_pos {
    size_t l1, t1, l2, t2;
} i2b2_pos;

/* Parse "L:T L:T[,L:T L:T...]" (pairs separated by ',' or, a known quirk,
 * by a space). Returns the number of segments stored (<= max), -1 if bad. */
int i2b2_offsets(const char *s, i2b2_pos *out, size_t max);

/* Resolving positions against one document. */
typedef struct i2b2_ctx {
    ck_doc *doc;
    const char *file;
    ck_diag *d;
    ck_linetok *lt;  /* SPLIT convention */
    ck_linetok *alt; /* EVERY convention, built on first need */
    int clamp;       /* 2009: a token past the line end means its last token */
    const char *joiner; /* between the texts of discontinuous parts */
    size_t n_notes;
    ck_buf tmp;
} i2b2_ctx;

void i2b2_ctx_init(i2b2_ctx *c, ck_doc *doc, const char *file, ck_diag *d,
                   int clamp, const char *joiner);
void i2b2_ctx_done(i2b2_ctx *c);
/* Positions p[0..np) of a value -> spans. Returns CK_OK and *ok = 1 on
 * success; *ok = 0 when the item was reported and must be skipped. */
ck_status i2b2_resolve(i2b2_ctx *c, size_t no, const char *key,
                       const char *value, const i2b2_pos *p, size_t np,
                       ck_span *spans, int *ok);
/* Add an entity with these spans; when value differs from what a writer
 * would produce from the text, keep it as a note (type "SourceText"). */
ck_entity *i2b2_add_entity(i2b2_ctx *c, const char *id, const char *type,
                           const ck_span *spans, size_t n, const char *value);
/* The entity whose spans equal spans[0..n) (and type, if not NULL). */
ck_entity *i2b2_find(const ck_doc *doc, const ck_span *spans, size_t n,
                     const char *type);

/* Writers: the value text of e (its SourceText note, else the lower-cased
 * text of its spans joined by joiner) into b. */
void i2b2_value(const ck_doc *doc, const ck_entity *e, const char *joiner,
                ck_buf *b);
/* Append the L:T positions of e ("L:T L:T[,L:T L:T]") to b. Returns 0, or
 * -1 when a span covers no token (reported). Inexact spans are warned. */
int i2b2_write_pos(const ck_linetok *lt, const ck_doc *doc, const ck_entity *e,
                   ck_buf *b, const char *file, ck_diag *d);
/* Append `c="value" L:T L:T` for e. */
int i2b2_write_concept(const ck_linetok *lt, const ck_doc *doc,
                       const ck_entity *e, ck_buf *b, const char *file,
                       ck_diag *d);

/* Pairing: the key a file is grouped under — its folder, without a last
 * component naming a kind of file (txt, docs, concept(s), ast, rel,
 * chains, pairs...), then "/" and stem. Malloc'd. */
char *i2b2_group_key(const char *name, const char *stem);
/* The stem of name with one of the suffixes removed (first that matches,
 * then a remaining ".txt"), or NULL if none matches. Malloc'd. */
char *i2b2_strip(const char *name, const char *const *suffixes);

/* Write data to root/dir/file, creating folders. */
ck_status i2b2_put(const char *root, const char *dir, const char *file,
                   const char *data, size_t len, ck_diag *d);
/* The n files of one document: root/GROUP/sub[k]/STEM ext[k] holds
 * data[k] (len[k] bytes), where the id is "GROUP/STEM" (GROUP may be
 * empty: "record-1" -> root/sub[k]/record-1 ext[k]). */
ck_status i2b2_put_doc(const char *root, const char *id, size_t n, const char *const *sub,
                       const char *const *ext, const char *const *data, const size_t *len,
                       ck_diag *d);
/* Document id -> (group, stem): "beth/record-1" -> "beth", "record-1". */
void i2b2_split_id(const char *id, char **group, char **stem);
int i2b2_safe_id(const char *id);


/* The files of one document: its text entry and, per kind of annotation
 * file, the entry index or (size_t)-1. */
typedef struct i2b2_docfiles {
    char *id;   /* group key (see i2b2_group_key) */
    char *stem;
    size_t text;
    size_t ann[4];
} i2b2_docfiles;

/* Find every text (is_text) and pair each annotation file (kind k when its
 * name ends with one of kinds[k]) with the text of the same group key, or
 * failing that with the only text of the same stem. Unpaired annotation
 * files are reported. *out sorted by id; free with i2b2_docfiles_free. */
ck_status i2b2_pair(ck_source *src, int (*is_text)(const char *name),
                    const char *const *const *kinds, size_t nk,
                    i2b2_docfiles **out, size_t *n, ck_diag *d);
void i2b2_docfiles_free(i2b2_docfiles *v, size_t n);
/* Load entry i into doc's text. */
ck_status i2b2_load_text(ck_source *src, size_t i, ck_doc *doc, ck_diag *d);
/* Load entry i as a malloc'd copy (the caller parses it in place). */
ck_status i2b2_load_copy(ck_source *src, size_t i, char **data, size_t *len,
                         ck_diag *d);

/* Called by i2b2_read_lines for each non-blank line of an annotation file
 * of kind `kind`; state is the caller's struct, whose first member is the
 * document's i2b2_ctx. */
typedef ck_status (*i2b2_line_fn)(void *state, int kind, char *line, size_t no);

/* Read a corpus of texts with line-based annotation files of nk kinds:
 * pair them (i2b2_pair); per document, load the text, then call parse on
 * every non-blank line of each annotation file, kind by kind, with a zeroed
 * state of state_size bytes (its i2b2_ctx initialised), and pass the
 * document to sink. */
ck_status i2b2_read_lines(const char *path, ck_opts opts, int (*is_text)(const char *name),
                          const char *const *const *kinds, size_t nk, size_t state_size,
                          i2b2_line_fn parse, ck_doc_sink sink, void *user, ck_diag *d);

#endif
