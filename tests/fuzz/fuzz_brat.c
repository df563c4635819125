/*
 * fuzz_brat.c — libFuzzer target for the BRAT reader: the input is split at
 * the first NUL byte into a .txt and an .ann file.
 */
#include "fuzzutil.h"

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size);
int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size)
{
    const unsigned char *nul = memchr(data, 0, size);
    size_t tl = nul ? (size_t)(nul - data) : 0;
    fz_file("d.txt", data, tl);
    fz_file("d.ann", data + tl + (nul != NULL), size - tl - (nul != NULL));
    fz_read("brat", fz_dir());
    return 0;
}
