/*
 * fuzz_clef_pipe.c — the gold-file parsers of share-clef-2013,
 * share-clef-2014 and semeval-2015-t14. The first byte picks the format;
 * the rest is the gold file beside a fixed report. No crash, no leak, and
 * a clean strict read round-trips to equal documents.
 */
#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size)
{
    if (size < 1)
        return 0;
    static const char *fmts[] = {"share-clef-2013", "share-clef-2014", "semeval-2015-t14"};
    const char *fmt = fmts[data[0] % 3];
    char in[512], out[512];
    snprintf(in, sizeof in, "%s/in", fz_dir());
    snprintf(out, sizeof out, "%s/out", fz_dir());
    const char *text = "No fever. Chest pain \xC3\xA9 \xE8\x82\xBA\xE7\x82\x8E since 2013-02-11.\n";
    fz_write("in/r/X.txt", text, strlen(text));
    /* one gold file only: drop the other name a previous input used */
    char stale[600];
    snprintf(stale, sizeof stale, "%s/in/g/X.pipe%s", fz_dir(), data[0] % 3 == 2 ? ".txt" : "");
    unlink(stale);
    fz_write(data[0] % 3 == 2 ? "in/g/X.pipe" : "in/g/X.pipe.txt", data + 1, size - 1);
    fz_roundtrip(fmt, in, out);
    return 0;
}
