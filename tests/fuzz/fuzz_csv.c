/*
 * fuzz_csv.c — libFuzzer target: the streaming CSV reader and the MIMIC
 * note tables on arbitrary bytes (header sniffing, rows to documents,
 * placeholder scanning, detail tables), in lenient mode so every path past
 * an error is exercised too. Must never crash, leak or read out of bounds.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "clinkit/clinkit.h"
#include "clinkit/mimic.h"
#include "formats/mimic.h"

static int count_ph(void *user, const ck_mimic_ph *ph)
{
    (*(size_t *)user) += ph->end - ph->start;
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    ck_diag *d = ck_diag_new(0);
    ck_csv *c;
    if (ck_csv_open_mem((const char *)data, size, "fuzz.csv", &c) == CK_OK) {
        mimic_table t;
        ck_status rc = mimic_table_open(&t, c, d);
        int more = 1;
        while (rc == CK_OK && t.kind != MIMIC_IV_DETAIL) {
            rc = mimic_next_row(&t, &more, d);
            if (rc || !more)
                break;
            ck_doc *doc;
            rc = mimic_row_doc(&t, &doc, d);
            if (doc) {
                ck_doc_check(doc, "fuzz", NULL);
                ck_doc_free(doc);
            }
            size_t col;
            ck_csv_field_line(c, 0, &col);
        }
        mimic_table_free(&t);
        ck_csv_close(c);
    }
    size_t n = 0;
    ck_mimic_scan((const char *)data, size, CK_MIMIC_BRACKETS | CK_MIMIC_UNDERSCORES,
                  count_ph, &n);
    ck_diag_free(d);
    return 0;
}
