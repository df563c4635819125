/*
 * registry.c — the list of formats. Adding a format: write
 * lib/formats/NAME.c defining `const ck_format ck_fmt_NAME`, and add one
 * line to each list below.
 */
#include <string.h>

#include "clinkit/format.h"

extern const ck_format ck_fmt_brat;
extern const ck_format ck_fmt_jsonl;
extern const ck_format ck_fmt_n2c2_2019_norm;
extern const ck_format ck_fmt_i2b2_2011_coref;
extern const ck_format ck_fmt_i2b2_2009_medication;
extern const ck_format ck_fmt_i2b2_2010;
extern const ck_format ck_fmt_share_clef_2013;
extern const ck_format ck_fmt_share_clef_2014;
extern const ck_format ck_fmt_semeval_2015_t14;
extern const ck_format ck_fmt_anafora;
extern const ck_format ck_fmt_mednlp;
extern const ck_format ck_fmt_cblue_cmeee;
extern const ck_format ck_fmt_cblue_cmeie;
extern const ck_format ck_fmt_cblue_chip_cdn;
extern const ck_format ck_fmt_cblue_chip_ctc;
extern const ck_format ck_fmt_cblue_chip_sts;
extern const ck_format ck_fmt_cblue_chip_cdee;
extern const ck_format ck_fmt_cblue_kuake_qic;
extern const ck_format ck_fmt_cblue_kuake_qtr;
extern const ck_format ck_fmt_cblue_kuake_qqr;
extern const ck_format ck_fmt_cblue_kuake_ir;
extern const ck_format ck_fmt_cblue_imcs_v2;

static const ck_format *const formats[] = {
    &ck_fmt_brat,
    &ck_fmt_jsonl,
    &ck_fmt_n2c2_2019_norm,
    &ck_fmt_i2b2_2011_coref,
    &ck_fmt_i2b2_2009_medication,
    &ck_fmt_i2b2_2010,
    &ck_fmt_share_clef_2013,
    &ck_fmt_share_clef_2014,
    &ck_fmt_semeval_2015_t14,
    &ck_fmt_anafora,
    &ck_fmt_mednlp,
    &ck_fmt_cblue_cmeee,
    &ck_fmt_cblue_cmeie,
    &ck_fmt_cblue_chip_cdn,
    &ck_fmt_cblue_chip_ctc,
    &ck_fmt_cblue_chip_sts,
    &ck_fmt_cblue_chip_cdee,
    &ck_fmt_cblue_kuake_qic,
    &ck_fmt_cblue_kuake_qtr,
    &ck_fmt_cblue_kuake_qqr,
    &ck_fmt_cblue_kuake_ir,
    &ck_fmt_cblue_imcs_v2,
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
