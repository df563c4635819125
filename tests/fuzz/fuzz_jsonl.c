/*
 * fuzz_jsonl.c — libFuzzer target for the JSONL reader, and for writing back
 * what it read (the writer must accept anything the reader produced).
 */
#include "fuzzutil.h"

static ck_status rewrite(void *user, ck_doc *doc)
{
    ck_writer_write(user, doc, NULL);
    ck_doc_check(doc, "fuzz", NULL);
    ck_doc_free(doc);
    return CK_OK;
}

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size);
int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size)
{
    const char *in = fz_file("in.jsonl", data, size);
    char inpath[512];
    snprintf(inpath, sizeof inpath, "%s", in);
    char out[512];
    snprintf(out, sizeof out, "%s/out.jsonl", fz_dir());
    ck_writer *w;
    ck_diag *d = ck_diag_new(0);
    if (ck_writer_open("jsonl", out, NULL, &w, d) == CK_OK) {
        ck_read("jsonl", inpath, NULL, rewrite, w, d);
        ck_writer_close(w, d);
    }
    ck_diag_free(d);
    return 0;
}
