/*
 * fuzz_eval.c — libFuzzer target for the scorers that parse their input
 * themselves (conll lines, NBME CSV, CMeIE JSON lines, n2c2 2018 track 2
 * .ann lines, i2b2 XML): the first byte picks the scorer, the rest is split
 * at the first NUL into GOLD and SYSTEM; every output format runs, in
 * lenient and strict mode. Nothing may crash or leak.
 */
#include "fuzzutil.h"

#include "clinkit/eval.h"

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size);
int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size)
{
    if (size < 1)
        return 0;
    int which = data[0] % 6;
    data++, size--;
    fz_pair in = fz_split(data, size);
    static const char *const tasks[] = {"conll", "nbme", "cblue-cmeie", "n2c2-2018-t2",
                                        "i2b2-2014-deid", "n2c2-2018-t1"};
    static const char *const gname[] = {"g.txt", "g/train.csv", "g.jsonl", "g/1.ann",
                                        "g/100-01.xml", "g/1.xml"};
    static const char *const sname[] = {"s.txt", "s/submission.csv", "s.jsonl", "s/1.ann",
                                        "s/100-01.xml", "s/1.xml"};
    fz_mkdir("g");
    fz_mkdir("s");
    fz_file(gname[which], in.gold, in.gold_n);
    fz_file(sname[which], in.system, in.system_n);
    char g[512], sy[512];
    int dir = strchr(gname[which], '/') != NULL;
    snprintf(g, sizeof g, "%s/%s", fz_dir(), dir ? "g" : gname[which]);
    snprintf(sy, sizeof sy, "%s/%s", fz_dir(), dir ? "s" : sname[which]);
    FILE *out = fopen("/dev/null", "w");
    for (int fmt = 0; fmt < 3 && out; fmt++)
        for (int strict = 0; strict < 2; strict++) {
            ck_diag *d = ck_diag_new(strict);
            ck_eval(tasks[which], g, sy, NULL, out, (ck_eval_format)fmt, d);
            ck_diag_free(d);
        }
    if (out)
        fclose(out);
    /* leave the folders empty for the next input's scorer */
    char p[600];
    snprintf(p, sizeof p, "%s/%s", fz_dir(), gname[which]);
    unlink(p);
    snprintf(p, sizeof p, "%s/%s", fz_dir(), sname[which]);
    unlink(p);
    return 0;
}
