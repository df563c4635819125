/*
 * anafora.h — private: the Anafora writer entry points (anafora_write.c)
 * that the format record in anafora.c names.
 */
#ifndef CK_ANAFORA_H
#define CK_ANAFORA_H

#include "clinkit/format.h"

ck_status ck_anafora_writer_open(const char *path, ck_opts opts, void **state, ck_diag *d);
ck_status ck_anafora_writer_write(void *state, const ck_doc *doc, ck_diag *d);
ck_status ck_anafora_writer_close(void *state, ck_diag *d);

#endif
