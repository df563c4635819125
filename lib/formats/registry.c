/*
 * registry.c — the list of formats. Adding a format: write
 * lib/formats/NAME.c defining `const ck_format ck_fmt_NAME`, and add one
 * line to each list below.
 */
#include <string.h>

#include "clinkit/format.h"

extern const ck_format ck_fmt_brat;
extern const ck_format ck_fmt_jsonl;
extern const ck_format ck_fmt_physionet_deid;
extern const ck_format ck_fmt_n2c2_2019_norm;
extern const ck_format ck_fmt_i2b2_2011_coref;
extern const ck_format ck_fmt_i2b2_2009_medication;
extern const ck_format ck_fmt_i2b2_2010;

static const ck_format *const formats[] = {
    &ck_fmt_brat,
    &ck_fmt_jsonl,
    &ck_fmt_physionet_deid,
    &ck_fmt_n2c2_2019_norm,
    &ck_fmt_i2b2_2011_coref,
    &ck_fmt_i2b2_2009_medication,
    &ck_fmt_i2b2_2010,
};

size_t ck_format_count(void) { return sizeof formats / sizeof *formats; }

const ck_format *ck_format_at(size_t i)
{
    return i < ck_format_count() ? formats[i] : NULL;
}

const ck_format *ck_format_find(const char *id)
{
    for (size_t i = 0; id && i < ck_format_count(); i++)
        if (strcmp(formats[i]->id, id) == 0)
            return formats[i];
    return NULL;
}
