/*
 * fuzz_deid.c — libFuzzer target for the de-identifier: any valid UTF-8
 * text goes through detection and every output mode; every detected span
 * must lie inside the text, and the transformed document must pass its
 * own offset check.
 */
#include "clinkit/deid.h"
#include "fuzzutil.h"

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size);
int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size)
{
    static ck_deid *de;
    static const uint8_t key[CK_DEID_KEY_BYTES] = "fuzz-key-fuzz-key-fuzz-key-fuzz";
    if (!de && ck_deid_new(&de, NULL))
        abort();
    ck_doc *doc = ck_doc_new("fuzz");
    if (ck_doc_set_text(doc, (const char *)data, size, NULL)) {
        ck_doc_free(doc);
        return 0;
    }
    if (ck_deid_detect(de, doc, NULL) != CK_OK)
        abort();
    if (ck_doc_check(doc, "fuzz", NULL))
        abort();
    for (int mode = 0; mode < 3; mode++) {
        ck_deid_opts o = {.mode = (ck_deid_mode)mode, .key = key, .patient = "p"};
        ck_doc *out;
        if (ck_deid_apply(de, doc, &o, &out, NULL) != CK_OK)
            abort();
        if (ck_doc_check(out, "fuzz", NULL))
            abort();
        ck_doc_free(out);
    }
    ck_doc_free(doc);
    return 0;
}
