/*
 * fuzz_n2c2_2019_norm.c — libFuzzer target for the n2c2-2019-norm reader (and its writer):
 * the input, cut at NUL bytes, is the text and annotation files of one
 * document; reading is lenient and must never crash or leak.
 */
#include "i2b2fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const char *const names[] = {"train/train_note/0001.txt", "train/train_norm/0001.norm", "train/train_file_list.txt"};
    fz_run("n2c2-2019-norm", names, sizeof names / sizeof *names, data, size);
    return 0;
}
