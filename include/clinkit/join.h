/*
 * clinkit/join.h — putting annotations and texts distributed apart back
 * together. The THYME annotations (Anafora XML, one folder per document)
 * are public while the clinical notes come under a data-use agreement:
 * ck_join reads the annotation folders, takes each document's text from
 * the text folder the user has, checks every annotation against it, and
 * optionally writes the joined corpus.
 */
#ifndef CLINKIT_JOIN_H
#define CLINKIT_JOIN_H

#include "diag.h"
#include "format.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct ck_join_stats {
    size_t documents;   /* annotation documents read */
    size_t joined;      /* documents whose text was found */
    size_t missing;     /* documents with no text in the text folder */
    size_t entities;    /* entities checked against their text */
    size_t relations;
    size_t outside;     /* entities with a span outside the text */
} ck_join_stats;

/* Read ann_path (format "anafora"; opts such as match=Temporal are passed
 * on) with the texts of text_path (a folder or archive holding DOC or
 * DOC/DOC files). Every entity with a span outside its text is recorded in
 * d as an error naming the document, the annotation id and the span, and
 * reading goes on (so all are reported); a document without text is a
 * warning. When out_path is not NULL the joined documents are written
 * there in out_format (NULL: "anafora"). Returns CK_OK unless reading or
 * writing failed; callers decide from st whether the data is clean. */
ck_status ck_join(const char *ann_path, const char *text_path, ck_opts opts,
                  const char *out_format, const char *out_path, ck_opts out_opts,
                  ck_join_stats *st, ck_diag *d);

#ifdef __cplusplus
}
#endif
#endif
