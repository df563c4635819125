/*
 * i2b2xml.h — private: how the i2b2/n2c2 scorers load a side (gold or
 * system): with the registered format reader (i2b2-2014-deid,
 * i2b2-2014-rf, n2c2-2018-t1 by default; --gold-format/--system-format may
 * name any other, e.g. brat or jsonl), so that scoring sees exactly what
 * `clinkit convert` would read.
 */
#ifndef CK_I2B2XML_H
#define CK_I2B2XML_H

#include "clinkit/corpus.h"
#include "clinkit/diag.h"

/* Read every document of a folder/archive/file in the registered format
 * `format`; appends to corpus. An unknown format is a usage error. */
ck_status i2b2_load(const char *path, const char *format, ck_corpus *corpus, ck_diag *d);

#endif
