/*
 * fuzz_nbme.c — libFuzzer target: the NBME reader over three in-memory
 * files cut from the input at the first two "\n--\n" separators
 * (patient_notes.csv, features.csv, train.csv), plus the Python list
 * parser on the whole input.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "clinkit/clinkit.h"
#include "formats/nbme.h"

static const char *cut(const char *p, const char *end, size_t *len)
{
    for (const char *q = p; q + 4 <= end; q++)
        if (memcmp(q, "\n--\n", 4) == 0) {
            *len = (size_t)(q - p) + 1;
            return q + 4;
        }
    *len = (size_t)(end - p);
    return end;
}

static ck_status drop(void *user, ck_doc *doc)
{
    (void)user;
    ck_doc_check(doc, "fuzz", NULL);
    ck_doc_free(doc);
    return CK_OK;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *p = (const char *)data, *end = p + size;
    nbme_input in;
    memset(&in, 0, sizeof in);
    in.notes.name = "patient_notes.csv";
    in.features.name = "features.csv";
    in.train.name = "train.csv";
    in.notes.data = p;
    p = cut(p, end, &in.notes.len);
    in.features.data = p;
    p = cut(p, end, &in.features.len);
    in.train.data = p;
    in.train.len = (size_t)(end - p);
    in.fix_typos = size & 1;
    ck_diag *d = ck_diag_new(0);
    nbme_read_mem(&in, drop, NULL, d);
    ck_diag_free(d);
    char **items;
    size_t n, err;
    if (nbme_parse_list((const char *)data, size, &items, &n, &err) == 0)
        nbme_free_list(items, n);
    return 0;
}
