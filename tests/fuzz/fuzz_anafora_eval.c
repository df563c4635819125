/*
 * fuzz_anafora_eval.c — libFuzzer target for the clinical-tempeval scorer
 * (anafora.evaluate): the first byte picks the options (bit 0 --overlap,
 * bit 1 --temporal-closure, bit 2 --per-document, the rest the output
 * format), the rest is split at the first NUL into the GOLD and SYSTEM
 * Anafora XML of one document. Nothing may crash or leak.
 */
#include "fuzzutil.h"

#include <sys/stat.h>

#include "clinkit/eval.h"

static void sub(const char *name)
{
    char p[512];
    snprintf(p, sizeof p, "%s/%s", fz_dir(), name);
    mkdir(p, 0700);
}

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size);
int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size)
{
    if (size < 1)
        return 0;
    unsigned pick = data[0];
    data++, size--;
    const unsigned char *nul = memchr(data, 0, size);
    size_t gl = nul ? (size_t)(nul - data) : size;
    const unsigned char *s = nul ? nul + 1 : data + size;
    size_t sl = nul ? size - gl - 1 : 0;
    sub("g");
    sub("s");
    sub("g/D");
    sub("s/D");
    fz_file("g/D/D.gold.xml", data, gl);
    fz_file("s/D/D.sys.xml", s, sl);
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
