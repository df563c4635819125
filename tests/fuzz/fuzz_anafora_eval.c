/*
 * fuzz_anafora_eval.c — libFuzzer target for the clinical-tempeval scorer
 * (anafora.evaluate): the first byte picks the options (bit 0 --overlap,
 * bit 1 --temporal-closure, bit 2 --per-document, the rest the output
 * format), the rest is split at the first NUL into the GOLD and SYSTEM
 * Anafora XML of one document. Nothing may crash or leak.
 */
#include "fuzzutil.h"

#include "clinkit/eval.h"

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size);
int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size)
{
    if (size < 1)
        return 0;
    unsigned pick = data[0];
    data++, size--;
    fz_pair in = fz_split(data, size);
    fz_mkdir("g");
    fz_mkdir("s");
    fz_mkdir("g/D");
    fz_mkdir("s/D");
    fz_file("g/D/D.gold.xml", in.gold, in.gold_n);
    fz_file("s/D/D.sys.xml", in.system, in.system_n);
    const char *opts[5];
    size_t n = 0;
    if (pick & 1)
        opts[n++] = "overlap=1";
    if (pick & 2)
        opts[n++] = "temporal-closure=1";
    if (pick & 4)
        opts[n++] = "per-document=1";
    opts[n] = NULL;
    char g[512], sy[512];
    snprintf(g, sizeof g, "%s/g", fz_dir());
    snprintf(sy, sizeof sy, "%s/s", fz_dir());
    FILE *out = fopen("/dev/null", "w");
    if (out) {
        ck_diag *d = ck_diag_new(0);
        ck_eval("clinical-tempeval", g, sy, n ? opts : NULL, out, (ck_eval_format)((pick >> 3) % 3),
                d);
        ck_diag_free(d);
        fclose(out);
    }
    return 0;
}
