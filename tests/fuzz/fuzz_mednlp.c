/*
 * fuzz_mednlp.c — the MedNLP inline-tag reader (expat and markup=loose)
 * and writer. No crash, no leak; and the promise of the format: when a
 * strict read succeeds, the writer gives back the input byte for byte.
 */
#include "fuzz_common.h"

static void check(const char *in, const char *out, ck_opts opts, const unsigned char *data,
                  size_t size)
{
    ck_corpus a;
    ck_diag *d = ck_diag_new(0);
    ck_corpus_init(&a);
    ck_read_corpus("mednlp", in, opts, &a, d);
    ck_corpus_free(&a);
    ck_diag_free(d);
    d = ck_diag_new(1);
    ck_corpus_init(&a);
    ck_status rc = ck_read_corpus("mednlp", in, opts, &a, d);
    int clean = rc == CK_OK && ck_diag_count(d, CK_SEV_ERROR) == 0 && a.n_docs;
    ck_diag_free(d);
    if (clean) {
        d = ck_diag_new(1);
        if (ck_write_corpus("mednlp", out, NULL, &a, d) != CK_OK)
            abort();
        ck_diag_free(d);
        char *back;
        size_t n;
        if (ck_read_file(out, &back, &n, NULL) != CK_OK)
            abort();
        if (n != size || memcmp(back, data, size) != 0) {
            fprintf(stderr, "written back differs from the input\n");
            abort();
        }
        free(back);
    }
    ck_corpus_free(&a);
}

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size)
{
    char in[512], out[512];
    snprintf(in, sizeof in, "%s/in.xml", fz_dir());
    snprintf(out, sizeof out, "%s/out.xml", fz_dir());
    fz_write("in.xml", data, size);
    static const char *const loose[] = {"markup=loose", NULL};
    check(in, out, NULL, data, size);
    check(in, out, loose, data, size);
    return 0;
}
