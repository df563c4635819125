/*
 * mimic_table.c — a MIMIC note table: header classification and one row
 * -> one ck_doc (see mimic.h). Shared by the two format readers and by the
 * row selection of `clinkit mimic`.
 *
 * A note row becomes: id = ROW_ID / note_id, text = TEXT / text (an empty
 * unquoted TEXT is SQL NULL: no text), every other column -> metadata in
 * file order under its header name (value NULL for an empty unquoted
 * field, "" for a quoted empty one), plus PHI entities for the
 * de-identification placeholders.
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "clinkit/mimic.h"
#include "formats/mimic.h"

static size_t col(const mimic_table *t, const char *name)
{
    for (size_t i = 0; i < t->ncols; i++)
        if (strcasecmp(t->names[i], name) == 0)
            return i;
    return MIMIC_NONE;
}

void mimic_table_free(mimic_table *t)
{
    for (size_t i = 0; i < t->ncols; i++)
        free(t->names[i]);
    free(t->names);
    t->names = NULL;
    t->ncols = 0;
}

ck_status mimic_table_open(mimic_table *t, ck_csv *csv, ck_diag *d)
{
    memset(t, 0, sizeof *t);
    t->csv = csv;
    t->phi = 1;
    size_t nf;
    ck_status rc = ck_csv_next(csv, &nf, d);
    if (rc)
        return rc;
    if (nf == 0) {
        ck_diag_add(d, CK_SEV_ERROR, ck_csv_name(csv), 1, 0, (size_t)-1,
                    "empty file: expected a header line such as "
                    "\"ROW_ID\",...,\"TEXT\" or note_id,...,text");
        return CK_ERR_PARSE;
    }
    t->names = calloc(nf, sizeof *t->names);
    if (!t->names)
        return CK_ERR_NOMEM;
    t->ncols = nf;
    for (size_t i = 0; i < nf; i++)
        if (!(t->names[i] = strdup(ck_csv_field(csv, i, NULL))))
            return CK_ERR_NOMEM;
    t->text = col(t, "text");
    t->subject = col(t, "subject_id");
    t->hadm = col(t, "hadm_id");
    t->category = col(t, "category");
    t->description = col(t, "description");
    t->iserror = col(t, "iserror");
    t->field_name = col(t, "field_name");
    t->field_value = col(t, "field_value");
    if ((t->id = col(t, "row_id")) != MIMIC_NONE && t->text != MIMIC_NONE)
        t->kind = MIMIC_III;
    else if ((t->id = col(t, "note_id")) != MIMIC_NONE && t->text != MIMIC_NONE) {
        t->kind = MIMIC_IV;
        t->category = col(t, "note_type");
    } else if (t->id != MIMIC_NONE && t->field_name != MIMIC_NONE &&
               t->field_value != MIMIC_NONE)
        t->kind = MIMIC_IV_DETAIL;
    else {
        ck_diag_add(d, CK_SEV_ERROR, ck_csv_name(csv), 1, 0, (size_t)-1,
                    "header names no MIMIC note table: expected ROW_ID and TEXT "
                    "(MIMIC-III NOTEEVENTS), note_id and text (MIMIC-IV discharge/"
                    "radiology) or note_id, field_name and field_value (*_detail)");
        return CK_ERR_PARSE;
    }
    return CK_OK;
}

ck_status mimic_next_row(mimic_table *t, int *more, ck_diag *d)
{
    for (;;) {
        size_t nf;
        ck_status rc = ck_csv_next(t->csv, &nf, d);
        *more = nf > 0;
        if (rc || nf == 0)
            return rc;
        if (ck_csv_damaged(t->csv))
            continue; /* reported by the CSV reader; skipped (lenient) */
        if (nf == t->ncols)
            return CK_OK;
        rc = ck_csv_error(t->csv, d, nf - 1,
                          "this row has %zu fields, the header has %zu "
                          "(a quote not doubled inside a field?)", nf, t->ncols);
        if (rc)
            return rc;
    }
}

/* Field value in MIMIC's NULL convention. */
static const char *value(const mimic_table *t, size_t i, size_t *n)
{
    const char *s = ck_csv_field(t->csv, i, n);
    return (*n || ck_csv_quoted(t->csv, i)) ? s : NULL;
}

ck_status mimic_row_doc(mimic_table *t, ck_doc **out, ck_diag *d)
{
    *out = NULL;
    size_t n;
    const char *id = value(t, t->id, &n);
    if (!id)
        return ck_csv_error(t->csv, d, t->id, "empty %s: every note needs an id",
                            t->names[t->id]);
    ck_doc *doc = ck_doc_new(id);
    if (!doc)
        return CK_ERR_NOMEM;
    for (size_t i = 0; i < t->ncols; i++) {
        if (i == t->id || i == t->text)
            continue;
        ck_doc_add_meta(doc, t->names[i], value(t, i, &n));
    }
    const char *text = value(t, t->text, &n);
    size_t bad;
    if (text && ck_doc_set_text(doc, text, n, &bad)) {
        ck_doc_free(doc);
        return ck_csv_error(t->csv, d, t->text,
                            "note %s: %s is not valid UTF-8 (byte %zu of the field)",
                            id, t->names[t->text], bad);
    }
    if (t->phi) {
        int style = t->kind == MIMIC_III ? CK_MIMIC_BRACKETS : CK_MIMIC_UNDERSCORES;
        if (ck_mimic_add_phi(doc, style) == (size_t)-1) {
            ck_doc_free(doc);
            return CK_ERR_NOMEM;
        }
    }
    *out = doc;
    return CK_OK;
}
