/*
 * anafora_xml.h — private: the annotations of one Anafora XML file as
 * anafora.evaluate sees them (id, type, raw span, properties in file order,
 * a repeated property name keeping its last value), for anafora_eval.c.
 */
#ifndef CK_ANAFORA_XML_H
#define CK_ANAFORA_XML_H

#include "clinkit/diag.h"
#include "core/buf.h"

typedef struct ana_prop {
    char *name, *value;
} ana_prop;

typedef struct ana_ann {
    char *id, *type;
    int relation;
    char *span; /* raw "s,e;s,e" (entities) */
    ana_prop *props;
    size_t n_props;
} ana_ann;

typedef struct ana_file {
    ana_ann *a;
    size_t n;
    /* parser state */
    int depth, in_ann, in_props;
    ck_buf text;
    int bad;
    int mark; /* --overlap: mark spans tuples in keys (see anafora_overlap.c) */
} ana_file;

/* Parse path into f (zeroed first); errors carry the file's line. */
ck_status ck_ana_load(const char *path, ana_file *f, ck_diag *d);
void ck_ana_file_free(ana_file *f);
/* The annotation with this id, or NULL. */
ana_ann *ck_ana_by_id(ana_file *f, const char *id);

#endif
