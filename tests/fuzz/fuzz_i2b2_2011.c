/*
 * fuzz_i2b2_2011.c — libFuzzer target for the i2b2-2011-coref reader (and its writer):
 * the input, cut at NUL bytes, is the text and annotation files of one
 * document; reading is lenient and must never crash or leak.
 */
#include "i2b2fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const char *const names[] = {"docs/c.txt", "concepts/c.txt.con", "chains/c.txt.chains", "pairs/c.txt.pairs"};
    fz_run("i2b2-2011-coref", names, sizeof names / sizeof *names, data, size);
    return 0;
}
