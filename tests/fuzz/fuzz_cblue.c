/*
 * fuzz_cblue.c — libFuzzer target for every CBLUE reader and writer. The
 * first byte picks the task (and the file name, which for KUAKE-IR picks
 * the file kind); the rest is the file. Whatever a strict read accepts
 * must write back and read again to equal documents (abort otherwise);
 * a lenient read runs every error path. The last choice is a KUAKE-IR
 * folder: the input split at its first NUL into a query file and its
 * judgement file.
 */
#include <sys/stat.h>

#include "fuzzutil.h"

static const struct {
    const char *format, *name;
} tasks[] = {
    {"cblue-cmeee", "CMeEE_train.json"},
    {"cblue-cmeee", "CMeEE-V2_dev.jsonl"},
    {"cblue-cmeie", "CMeIE_train.json"},
    {"cblue-chip-cdn", "CHIP-CDN_train.json"},
    {"cblue-chip-ctc", "CHIP-CTC_train.json"},
    {"cblue-chip-sts", "CHIP-STS_train.json"},
    {"cblue-chip-cdee", "CHIP-CDEE_train.json"},
    {"cblue-kuake-qic", "KUAKE-QIC_train.json"},
    {"cblue-kuake-qtr", "KUAKE-QTR_train.json"},
    {"cblue-kuake-qqr", "KUAKE-QQR_train.json"},
    {"cblue-kuake-ir", "corpus.tsv"},
    {"cblue-kuake-ir", "KUAKE-IR_train_query.txt"},
    {"cblue-kuake-ir", "KUAKE-IR_train.tsv"},
    {"cblue-imcs-v2", "IMCS-V2_train.json"},
    {"cblue-kuake-ir", "ir"}, /* folder: KUAKE-IR_dev_query.txt + KUAKE-IR_dev.tsv */
};

#define N_TASKS (sizeof tasks / sizeof *tasks)

static void clean(const char *dir)
{
    char p[600];
    for (size_t i = 0; i < N_TASKS; i++) {
        snprintf(p, sizeof p, "%s/%s", dir, tasks[i].name);
        unlink(p);
    }
    snprintf(p, sizeof p, "%s/KUAKE-IR_dev_query.txt", dir);
    unlink(p);
    snprintf(p, sizeof p, "%s/KUAKE-IR_dev.tsv", dir);
    unlink(p);
}

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size);
int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size)
{
    if (size == 0)
        return 0;
    size_t k = data[0] % N_TASKS;
    const char *fmt = tasks[k].format;
    char in[512], out[512];
    snprintf(out, sizeof out, "%s/out", fz_dir());
    if (!strcmp(tasks[k].name, "ir")) {
        snprintf(in, sizeof in, "%s/ir", fz_dir());
        mkdir(in, 0700);
        const unsigned char *nul = memchr(data + 1, 0, size - 1);
        size_t n1 = nul ? (size_t)(nul - data - 1) : size - 1;
        fz_file("ir/KUAKE-IR_dev_query.txt", data + 1, n1);
        fz_file("ir/KUAKE-IR_dev.tsv", nul ? nul + 1 : data + size,
                nul ? size - 1 - n1 - 1 : 0);
    } else
        snprintf(in, sizeof in, "%s", fz_file(tasks[k].name, data + 1, size - 1));
    mkdir(out, 0700);
    clean(out);

    ck_diag *d = ck_diag_new(0);
    ck_corpus a, b;
    ck_corpus_init(&a);
    ck_corpus_init(&b);
    ck_read_corpus(fmt, in, NULL, &a, d); /* lenient */
    ck_diag_free(d);
    ck_corpus_free(&a);
    ck_corpus_init(&a);

    d = ck_diag_new(1);
    if (ck_read_corpus(fmt, in, NULL, &a, d) == CK_OK && !ck_diag_count(d, CK_SEV_ERROR)) {
        if (ck_write_corpus(fmt, out, NULL, &a, d) != CK_OK)
            abort(); /* the writer must take what the reader made */
        if (ck_read_corpus(fmt, out, NULL, &b, d) != CK_OK || a.n_docs != b.n_docs)
            abort();
        for (size_t i = 0; i < a.n_docs; i++) {
            char why[256];
            if (!ck_doc_equal(a.docs[i], b.docs[i], why, sizeof why)) {
                fprintf(stderr, "round trip differs: %s\n", why);
                abort();
            }
        }
    }
    ck_diag_free(d);
    ck_corpus_free(&a);
    ck_corpus_free(&b);
    return 0;
}
