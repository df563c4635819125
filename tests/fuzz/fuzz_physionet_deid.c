/*
 * fuzz_physionet_deid.c — libFuzzer target for the physionet-deid reader
 * and writer: the input is split at the first NUL byte into the notes file
 * and the phrase file.
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
    const unsigned char *nul = memchr(data, 0, size);
    size_t n1 = nul ? (size_t)(nul - data) : size;
    char notes[512], out[512];
    snprintf(notes, sizeof notes, "%s", fz_file("in.text", data, n1));
    fz_file("in.phrase", nul ? nul + 1 : data, nul ? size - n1 - 1 : 0);
    snprintf(out, sizeof out, "%s/out.text", fz_dir());
    ck_writer *w;
    ck_diag *d = ck_diag_new(0);
    if (ck_writer_open("physionet-deid", out, NULL, &w, d) == CK_OK) {
        ck_read("physionet-deid", notes, NULL, rewrite, w, d);
        ck_writer_close(w, d);
    }
    ck_diag_free(d);
    return 0;
}
