/*
 * i2b2_read.c — benchmark helper for bench/i2b2_xml.sh: read PATH in FORMAT
 * with the library (documents built, then freed) ten times; print
 * "documents entities best-cpu-seconds best-wall-seconds": the process's CPU
 * time (user + system: other work on a shared machine does not count) and
 * the elapsed time (what a user waits for; readers may use several threads).
 */
#include <stdio.h>
#include <time.h>

#include "clinkit/clinkit.h"

typedef struct count {
    size_t docs, ents;
} count;

static ck_status sink(void *user, ck_doc *doc)
{
    count *c = user;
    c->docs++;
    c->ents += doc->n_entities;
    ck_doc_free(doc);
    return CK_OK;
}

int main(int argc, char **argv)
{
    if (argc != 3) {
        fprintf(stderr, "usage: i2b2_read FORMAT PATH\n");
        return 2;
    }
    double best = 1e9, best_wall = 1e9;
    count c = {0, 0};
    for (int run = 0; run < 10; run++) {
        ck_diag *d = ck_diag_new(1);
        c = (count){0, 0};
        struct timespec a, b, wa, wb;
        clock_gettime(CLOCK_MONOTONIC, &wa);
        clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &a);
        ck_status rc = ck_read(argv[1], argv[2], NULL, sink, &c, d);
        clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &b);
        clock_gettime(CLOCK_MONOTONIC, &wb);
        ck_diag_free(d);
        if (rc) {
            fprintf(stderr, "i2b2_read: %s\n", ck_status_str(rc));
            return 1;
        }
        double s = (double)(b.tv_sec - a.tv_sec) + (double)(b.tv_nsec - a.tv_nsec) / 1e9;
        double w = (double)(wb.tv_sec - wa.tv_sec) + (double)(wb.tv_nsec - wa.tv_nsec) / 1e9;
        if (s < best)
            best = s;
        if (w < best_wall)
            best_wall = w;
    }
    printf("%zu %zu %.6f %.6f\n", c.docs, c.ents, best, best_wall);
    return 0;
}
