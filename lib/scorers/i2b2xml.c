/*
 * i2b2xml.c — the i2b2/n2c2 scorers load their inputs through the format
 * registry (see i2b2xml.h).
 */
#include "clinkit/format.h"
#include "scorers/i2b2xml.h"

ck_status i2b2_load(const char *path, const char *format, ck_corpus *corpus, ck_diag *d)
{
    if (!ck_format_find(format)) {
        ck_diag_add(d, CK_SEV_ERROR, NULL, 0, 0, (size_t)-1, "unknown format '%s'", format);
        return CK_ERR_USAGE;
    }
    return ck_read_corpus(format, path, NULL, corpus, d);
}
