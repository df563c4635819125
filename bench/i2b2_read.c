/*
 * i2b2_read.c — benchmark helper for bench/i2b2_xml.sh: read PATH in FORMAT
 * with the library (documents built, then freed) ten times; print
 * "documents entities best-seconds". Time is the process's CPU time (user +
 * system), so other work on a shared machine does not count.
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
    double best = 1e9;
    count c = {0, 0};
    for (int run = 0; run < 10; run++) {
        ck_diag *d = ck_diag_new(1);
        c = (count){0, 0};
        struct timespec a, b;
        clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &a);
        ck_status rc = ck_read(argv[1], argv[2], NULL, sink, &c, d);
        clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &b);
        ck_diag_free(d);
        if (rc) {
            fprintf(stderr, "i2b2_read: %s\n", ck_status_str(rc));
            return 1;
        }
        double s = (double)(b.tv_sec - a.tv_sec) + (double)(b.tv_nsec - a.tv_nsec) / 1e9;
        if (s < best)
            best = s;
    }
    printf("%zu %zu %.6f\n", c.docs, c.ents, best);
    return 0;
}
