/*
 * deid_bench.c — speed and recall of the PHI detector on synthetic
 * nursing notes: generates N notes (seed S) in memory, then times
 * ck_deid_find over all of them on one core, and scores the detection
 * against the generator's gold. Usage: deid_bench [N] [SEED]
 */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "clinkit/clinkit.h"
#include "clinkit/deid.h"

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts); /* CPU time: fair on a shared machine */
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

int main(int argc, char **argv)
{
    size_t n = argc > 1 ? (size_t)atol(argv[1]) : 10000;
    unsigned long long seed = argc > 2 ? strtoull(argv[2], NULL, 10) : 20261127ULL;
    ck_deid *de;
    if (ck_deid_new(&de, NULL))
        return 1;
    ck_doc **gold = calloc(n, sizeof *gold), **sys = calloc(n, sizeof *sys);
    size_t bytes = 0;
    for (size_t i = 0; i < n; i++) {
        if (ck_deid_generate(de, seed, i, CK_DEID_STYLE_NURSING, &gold[i], NULL))
            return 1;
        bytes += gold[i]->text_bytes;
    }
    const ck_phi *phi;
    size_t k, spans = 0;
    ck_deid_find(de, "warm up", 7, &phi, &k, NULL);
    double best = 1e9;
    for (int rep = 0; rep < 3; rep++) {
        double t0 = now();
        for (size_t i = 0; i < n; i++) {
            ck_deid_find(de, gold[i]->text, gold[i]->text_bytes, &phi, &k, NULL);
            spans += k;
        }
        double t = now() - t0;
        if (t < best)
            best = t;
    }
    /* full pipeline per note: detect into a document (recall measured) */
    double t0 = now();
    for (size_t i = 0; i < n; i++) {
        sys[i] = ck_doc_new(gold[i]->id);
        ck_doc_set_text(sys[i], gold[i]->text, gold[i]->text_bytes, NULL);
        ck_deid_detect(de, sys[i], NULL);
    }
    double tdoc = now() - t0;
    ck_deid_counts c[8];
    size_t rows = ck_deid_score((const ck_doc *const *)gold, (const ck_doc *const *)sys, n, c);
    const ck_deid_counts *all = &c[rows - 1];
    printf("%-34s %12s %10s\n", "deid (1 core, seed)", "notes/s", "MB/s");
    printf("%-34s %12.0f %10.1f\n", "ck_deid_find (best of 3)", (double)n / best,
           (double)bytes / best / 1e6);
    printf("%-34s %12.0f %10.1f\n", "ck_deid_detect into ck_doc", (double)n / tdoc,
           (double)bytes / tdoc / 1e6);
    printf("notes %zu, mean %.0f bytes, seed %llu\n", n, (double)bytes / (double)n, seed);
    printf("strict recall %.4f precision %.4f; token recall %.4f precision %.4f\n",
           (double)all->strict_tp / (double)(all->strict_tp + all->strict_fn),
           (double)all->strict_tp / (double)(all->strict_tp + all->strict_fp),
           (double)all->token_tp / (double)(all->token_tp + all->token_fn),
           (double)all->token_tp / (double)(all->token_tp + all->token_fp));
    for (size_t i = 0; i < n; i++) {
        ck_doc_free(gold[i]);
        ck_doc_free(sys[i]);
    }
    free(gold);
    free(sys);
    ck_deid_free(de);
    return 0;
}
