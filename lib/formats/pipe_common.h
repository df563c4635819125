/*
 * pipe_common.h — private: what the ShARe/CLEF and SemEval pipe formats
 * share. A corpus is report texts (NAME.txt / NAME.text) plus gold files
 * (NAME.pipe.txt / NAME.pipe, or NAME.txt inside a Gold* folder for the
 * ShARe/CLEF 2013 test gold), possibly in different folders: they are
 * paired by base name. Each gold line is handed to a per-format parser.
 */
#ifndef CK_PIPE_COMMON_H
#define CK_PIPE_COMMON_H

#include "clinkit/format.h"
#include "core/buf.h"

/* Parses one annotation line (NUL-terminated, \r removed, not empty) into
 * doc. Errors go through ck_diag_error(d, file, line, ...). */
typedef ck_status (*ck_pipe_line_fn)(ck_doc *doc, char *line, const char *file,
                                     size_t lineno, ck_diag *d);

/* Read every document of the corpus at path. */
ck_status ck_pipe_read(const char *path, ck_pipe_line_fn fn, ck_doc_sink sink,
                       void *user, ck_diag *d);

/* Split s in place at every occurrence of sep; returns the field count
 * (at most max; *overflow set when there were more). */
size_t ck_pipe_split(char *s, const char *sep, char **fields, size_t max,
                     int *overflow);

/* Parse a decimal size_t covering the whole string. */
int ck_pipe_size(const char *s, size_t *out);
/* Parse "s-e[,s-e]..." into spans (malloc'd, *n entries). 0 on success. */
int ck_pipe_spans(const char *s, ck_span **spans, size_t *n);
/* Append "s-e,s-e" for an entity's spans. */
void ck_pipe_add_spans(ck_buf *b, const ck_entity *e);

/* The CUI written for an entity: its UMLS norm (else its first), or CUI-less. */
const char *ck_pipe_cui(const ck_entity *e);
/* The report name written in the first field: meta "docname" or ID.txt. */
const char *ck_pipe_docname(const ck_doc *doc, char *tmp, size_t size);

/* Writer: a folder receiving ID<text_ext> and ID<ann_ext> per document;
 * the per-format line writer fills buf with the gold file contents. */
typedef ck_status (*ck_pipe_doc_fn)(const ck_doc *doc, ck_buf *buf, ck_diag *d);
typedef struct ck_pipe_writer {
    char *root;
    const char *text_ext, *ann_ext;
    ck_pipe_doc_fn fn;
    ck_buf buf;
} ck_pipe_writer;
ck_status ck_pipe_writer_open(const char *path, const char *text_ext,
                              const char *ann_ext, ck_pipe_doc_fn fn,
                              void **state, ck_diag *d);
ck_status ck_pipe_writer_write(void *state, const ck_doc *doc, ck_diag *d);
ck_status ck_pipe_writer_close(void *state, ck_diag *d);

#endif
