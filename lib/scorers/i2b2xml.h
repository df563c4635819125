/*
 * i2b2xml.h — private: a minimal reader of i2b2/n2c2 XML documents
 * (<ROOT><TEXT>...</TEXT><TAGS>...</TAGS></ROOT>) into the shared model,
 * for the i2b2 scorers while the format readers are not on main. The
 * scorers prefer the registry's reader when one is registered under the
 * format id (see i2b2_load); this one follows the same conventions:
 *
 *  - I2B2X_ENTITIES (i2b2-2014-deid): every tag in TAGS -> entity (id,
 *    type = tag name, span [@start, @end], text @text, other attributes
 *    in source order).
 *  - I2B2X_LABELS (i2b2-2014-rf): every tag in TAGS -> label (name = tag,
 *    attrs = its attributes); each nested tag -> entity, and the label gets
 *    attr "evidence" = the nested ids joined by ",".
 *  - I2B2X_CRITERIA (n2c2-2018-t1): every tag -> label, value = @met.
 *
 * Document id = relative path without ".xml". Root name -> meta "root".
 * DOCTYPEs declaring entities are refused.
 */
#ifndef CK_I2B2XML_H
#define CK_I2B2XML_H

#include "clinkit/diag.h"
#include "clinkit/doc.h"

typedef enum { I2B2X_ENTITIES, I2B2X_LABELS, I2B2X_CRITERIA } i2b2x_mode;

/* Parse one XML file's bytes into a new document (id given). */
ck_status i2b2x_parse(const char *data, size_t len, const char *id, const char *file,
                      i2b2x_mode mode, ck_doc **out, ck_diag *d);

/* Read every document of a folder/archive/file: with the registered
 * reader `format` when there is one (and `format` is not NULL), else
 * *.xml files with i2b2x_parse in `mode`. Appends to corpus. */
ck_status i2b2_load(const char *path, const char *format, i2b2x_mode mode,
                    ck_corpus *corpus, ck_diag *d);

#endif
