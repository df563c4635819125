/*
 * mimic.h — private: the MIMIC note tables as seen by their readers and by
 * `clinkit mimic` (mimic_select.c). A table is a CSV whose header names
 * the columns; which columns are present tells MIMIC-III NOTEEVENTS
 * (ROW_ID ... TEXT), a MIMIC-IV note table (note_id ... text) and a
 * MIMIC-IV *_detail table (note_id, field_name, field_value) apart.
 */
#ifndef CK_FORMATS_MIMIC_H
#define CK_FORMATS_MIMIC_H

#include "clinkit/doc.h"
#include "formats/csv.h"

typedef enum mimic_kind { MIMIC_III = 1, MIMIC_IV = 2, MIMIC_IV_DETAIL = 3 } mimic_kind;

#define MIMIC_NONE ((size_t)-1)

typedef struct mimic_table {
    ck_csv *csv;
    mimic_kind kind;
    size_t ncols;
    char **names;                 /* header, as in the file */
    size_t id, text, subject, hadm, category, description, iserror;
    size_t field_name, field_value; /* detail tables */
    int phi;                      /* add placeholder entities */
} mimic_table;

/* Read the header of csv (already open) and classify the table. */
ck_status mimic_table_open(mimic_table *t, ck_csv *csv, ck_diag *d);
void mimic_table_free(mimic_table *t); /* does not close csv */

/* Advance to the next well-formed data row with the right field count.
 * *more = 0 at the end. Rows with a wrong field count or a CSV syntax
 * error are reported and, in lenient mode, skipped. */
ck_status mimic_next_row(mimic_table *t, int *more, ck_diag *d);
/* The current row as a note document (not for detail tables). *out is
 * NULL when the row was skipped (lenient mode, reported). */
ck_status mimic_row_doc(mimic_table *t, ck_doc **out, ck_diag *d);

#endif
