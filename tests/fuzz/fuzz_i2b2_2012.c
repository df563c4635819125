/*
 * fuzz_i2b2_2012.c — libFuzzer target for `clinkit eval i2b2-2012`: the
 * input is split at the first NUL into a GOLD and a SYSTEM file (g/1.xml,
 * s/1.xml); the first byte picks the span method (overlap, -exact,
 * -partialCredit). Every output format runs, lenient and strict: tag-line
 * parsing, span scoring and the time graph must never crash or leak.
 */
#include "fuzzutil.h"

#include "clinkit/eval.h"

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size);
int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size)
{
    if (size < 1)
        return 0;
    int method = data[0] % 3;
    data++, size--;
    fz_pair in = fz_split(data, size);
    if (!in.split) /* no NUL: the file is scored against itself */
        in.system = in.gold, in.system_n = in.gold_n;
    fz_mkdir("g");
    fz_mkdir("s");
    fz_file("g/1.xml", in.gold, in.gold_n);
    fz_file("s/1.xml", in.system, in.system_n);
    char g[512], sy[512];
    snprintf(g, sizeof g, "%s/g", fz_dir());
    snprintf(sy, sizeof sy, "%s/s", fz_dir());
    static const char *const exact[] = {"exact=1", NULL};
    static const char *const partial[] = {"partial-credit=1", NULL};
    ck_opts opts = method == 1 ? exact : method == 2 ? partial : NULL;
    FILE *out = fopen("/dev/null", "w");
    for (int fmt = 0; fmt < 3 && out; fmt++)
        for (int strict = 0; strict < 2; strict++) {
            ck_diag *d = ck_diag_new(strict);
            ck_eval("i2b2-2012", g, sy, opts, out, (ck_eval_format)fmt, d);
            ck_diag_free(d);
        }
    if (out)
        fclose(out);
    return 0;
}
