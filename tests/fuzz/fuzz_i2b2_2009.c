/*
 * fuzz_i2b2_2009.c — libFuzzer target for the i2b2-2009-medication reader (and its writer):
 * the input, cut at NUL bytes, is the text and annotation files of one
 * document; reading is lenient and must never crash or leak.
 */
#include "i2b2fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const char *const names[] = {"notes/1", "gold/1_gold.entries"};
    fz_run("i2b2-2009-medication", names, sizeof names / sizeof *names, data, size);
    return 0;
}
