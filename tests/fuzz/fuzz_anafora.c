/*
 * fuzz_anafora.c — the Anafora XML reader: the input is DOC/DOC.x.xml
 * beside a fixed text. No crash, no leak, entity declarations refused, and
 * a clean strict read round-trips to equal documents.
 */
#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size)
{
    char in[512], out[512];
    snprintf(in, sizeof in, "%s/in", fz_dir());
    snprintf(out, sizeof out, "%s/out", fz_dir());
    const char *text = "[meta rev_date=\"03/14/2011\"]\nPatient denies nausea. \xE8\x82\xBA\xE7\x82\x8E 3 months.\n";
    fz_write("in/D/D", text, strlen(text));
    fz_write("in/D/D.Temporal-Relation.gold.completed.xml", data, size);
    fz_roundtrip("anafora", in, out);
    return 0;
}
