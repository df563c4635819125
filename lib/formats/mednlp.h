/*
 * mednlp.h — private: what the MedNLP reader (mednlp.c) and writer
 * (mednlp_write.c) share: the canonical escaping, and the writer entry
 * points the format record names.
 */
#ifndef CK_MEDNLP_H
#define CK_MEDNLP_H

#include "clinkit/format.h"
#include "core/buf.h"

/* & < > as &amp; &lt; &gt; (text). */
void ck_mednlp_esc_text(ck_buf *b, const char *s, size_t n);
/* & < > " as entities (attribute values in double quotes). */
void ck_mednlp_esc_attr(ck_buf *b, const char *s);

ck_status ck_mednlp_writer_open(const char *path, ck_opts opts, void **state, ck_diag *d);
ck_status ck_mednlp_writer_write(void *state, const ck_doc *doc, ck_diag *d);
ck_status ck_mednlp_writer_close(void *state, ck_diag *d);

#endif
