/*
 * mimic.c — formats "mimic-iii-noteevents" (NOTEEVENTS.csv[.gz]) and
 * "mimic-iv-note" (discharge/radiology.csv[.gz] and their *_detail
 * tables). Both read any of these tables — the header tells which — and
 * write their own dialect back.
 *
 * Notes: one document per row (mimic_table.c). Detail tables: the rows of
 * one note (consecutive rows with the same note_id and subject_id) become
 * one document without text: id = note_id, meta subject_id, and one label
 * per row: name = field_name, value = field_value, attrs = the remaining
 * columns (field_ordinal). Join them to the notes by document id.
 *
 * Writing: columns = id column, the first document's metadata keys in
 * order, text column. MIMIC-III quotes every header name and the string
 * columns CATEGORY, DESCRIPTION, TEXT; MIMIC-IV quotes only text and what
 * needs quoting. Entities are not written: placeholders live in the text,
 * and reading regenerates them.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "clinkit/format.h"
#include "formats/mimic.h"

static const char *const read_opts[] = {"phi", NULL};
static const char *const write_opts[] = {"table", NULL};

static ck_status read_detail(mimic_table *t, ck_doc_sink sink, void *user,
                             ck_diag *d)
{
    ck_status rc = CK_OK;
    ck_doc *doc = NULL;
    char *cur_subject = NULL;
    int more = 1;
    while (rc == CK_OK) {
        rc = mimic_next_row(t, &more, d);
        if (rc || !more)
            break;
        size_t n;
        const char *id = ck_csv_field(t->csv, t->id, &n);
        if (!n) {
            rc = ck_csv_error(t->csv, d, t->id, "empty note_id");
            continue;
        }
        const char *subj = t->subject != MIMIC_NONE ? ck_csv_field(t->csv, t->subject, NULL)
                                                     : "";
        if (doc && (strcmp(doc->id, id) != 0 || strcmp(cur_subject, subj) != 0)) {
            rc = sink(user, doc);
            doc = NULL;
            if (rc)
                break;
        }
        if (!doc) {
            free(cur_subject);
            cur_subject = strdup(subj);
            if (!(doc = ck_doc_new(id)) || !cur_subject) {
                rc = CK_ERR_NOMEM;
                break;
            }
            if (t->subject != MIMIC_NONE)
                ck_doc_add_meta(doc, t->names[t->subject], subj);
        }
        const char *fv = ck_csv_field(t->csv, t->field_value, &n);
        ck_label *l = ck_doc_add_label(doc, ck_csv_field(t->csv, t->field_name, NULL),
                                       (n || ck_csv_quoted(t->csv, t->field_value)) ? fv
                                                                                   : NULL);
        if (!l) {
            rc = CK_ERR_NOMEM;
            break;
        }
        for (size_t i = 0; i < t->ncols; i++)
            if (i != t->id && i != t->subject && i != t->field_name && i != t->field_value)
                ck_label_add_attr(doc, l, t->names[i], ck_csv_field(t->csv, i, NULL));
    }
    if (rc == CK_OK && doc)
        rc = sink(user, doc);
    else
        ck_doc_free(doc);
    free(cur_subject);
    return rc;
}

static ck_status mimic_read(const char *path, ck_opts opts, ck_doc_sink sink,
                            void *user, ck_diag *d)
{
    if (ck_opts_check(opts, read_opts, d))
        return CK_ERR_USAGE;
    const char *phi = ck_opt(opts, "phi");
    ck_csv *csv;
    ck_status rc = ck_csv_open(path, &csv, d);
    if (rc)
        return rc;
    mimic_table t;
    rc = mimic_table_open(&t, csv, d);
    t.phi = !(phi && strcmp(phi, "0") == 0);
    if (rc == CK_OK && t.kind == MIMIC_IV_DETAIL)
        rc = read_detail(&t, sink, user, d);
    else if (rc == CK_OK) {
        int more = 1;
        while (rc == CK_OK) {
            rc = mimic_next_row(&t, &more, d);
            if (rc || !more)
                break;
            ck_doc *doc;
            rc = mimic_row_doc(&t, &doc, d);
            if (rc == CK_OK && doc)
                rc = sink(user, doc);
        }
    }
    mimic_table_free(&t);
    ck_csv_close(csv);
    return rc;
}

/* ---- writing ---- */

typedef struct mw {
    FILE *f;
    int own;
    char *path;
    mimic_kind kind;  /* MIMIC_III or MIMIC_IV (dialect) */
    int table;        /* 0 undecided, 1 notes, 2 detail */
    char **cols;      /* metadata keys (notes) / label attr keys (detail) */
    size_t ncols;
    char **mcols;     /* detail: metadata keys */
    size_t nmcols;
    ck_buf b;
} mw;

static void free_names(char **v, size_t n)
{
    for (size_t i = 0; i < n; i++)
        free(v[i]);
    free(v);
}

static ck_status writer_open(const char *path, ck_opts opts, void **state,
                             ck_diag *d, mimic_kind kind)
{
    if (ck_opts_check(opts, write_opts, d))
        return CK_ERR_USAGE;
    const char *table = ck_opt(opts, "table");
    if (table && strcmp(table, "notes") && strcmp(table, "detail")) {
        ck_diag_add(d, CK_SEV_ERROR, NULL, 0, 0, (size_t)-1,
                    "option table=%s: expected notes or detail", table);
        return CK_ERR_USAGE;
    }
    mw *w = calloc(1, sizeof *w);
    if (!w)
        return CK_ERR_NOMEM;
    w->kind = kind;
    w->table = !table ? 0 : strcmp(table, "notes") == 0 ? 1 : 2;
    w->f = strcmp(path, "-") == 0 ? stdout : fopen(path, "w");
    w->own = w->f != stdout;
    if (!w->f) {
        ck_diag_add(d, CK_SEV_ERROR, path, 0, 0, (size_t)-1, "cannot write this file");
        free(w);
        return CK_ERR_IO;
    }
    w->path = strdup(path);
    ck_buf_init(&w->b);
    *state = w;
    return CK_OK;
}

static ck_status open_iii(const char *path, ck_opts opts, void **state, ck_diag *d)
{
    return writer_open(path, opts, state, d, MIMIC_III);
}

static ck_status open_iv(const char *path, ck_opts opts, void **state, ck_diag *d)
{
    return writer_open(path, opts, state, d, MIMIC_IV);
}

static int is_string_col(const char *name)
{
    return strcasecmp(name, "CATEGORY") == 0 || strcasecmp(name, "DESCRIPTION") == 0;
}

static void put_name(mw *w, const char *name, int first)
{
    if (!first)
        ck_buf_addc(&w->b, ',');
    ck_csv_put(&w->b, name, strlen(name), w->kind == MIMIC_III);
}

static void put_value(mw *w, const char *v, int quote)
{
    ck_buf_addc(&w->b, ',');
    if (v)
        ck_csv_put(&w->b, v, strlen(v), quote);
}

static char **copy_keys(const ck_attr *a, size_t n)
{
    char **v = calloc(n + 1, sizeof *v);
    for (size_t i = 0; v && i < n; i++)
        v[i] = strdup(a[i].key ? a[i].key : "");
    return v;
}

static int has_key(char **cols, size_t n, const char *key)
{
    for (size_t i = 0; i < n; i++)
        if (strcmp(cols[i], key) == 0)
            return 1;
    return 0;
}

static void warn_lost(mw *w, const ck_doc *doc, const ck_attr *a, size_t n,
                      char **cols, size_t ncols, ck_diag *d)
{
    for (size_t i = 0; i < n; i++)
        if (a[i].key && !has_key(cols, ncols, a[i].key))
            ck_diag_add(d, CK_SEV_WARNING, w->path, 0, 0, (size_t)-1,
                        "document %s: metadata '%s' has no column in this table "
                        "(the first document fixed the columns); not written",
                        doc->id ? doc->id : "?", a[i].key);
}

static void header(mw *w, const ck_doc *doc)
{
    int iii = w->kind == MIMIC_III;
    if (w->table == 1) {
        w->cols = copy_keys(doc->meta, doc->n_meta);
        w->ncols = doc->n_meta;
        put_name(w, iii ? "ROW_ID" : "note_id", 1);
        for (size_t i = 0; i < w->ncols; i++)
            put_name(w, w->cols[i], 0);
        put_name(w, iii ? "TEXT" : "text", 0);
    } else {
        w->mcols = copy_keys(doc->meta, doc->n_meta);
        w->nmcols = doc->n_meta;
        const ck_label *l = doc->n_labels ? &doc->labels[0] : NULL;
        w->cols = copy_keys(l ? l->attrs : NULL, l ? l->n_attrs : 0);
        w->ncols = l ? l->n_attrs : 0;
        put_name(w, "note_id", 1);
        for (size_t i = 0; i < w->nmcols; i++)
            put_name(w, w->mcols[i], 0);
        put_name(w, "field_name", 0);
        put_name(w, "field_value", 0);
        for (size_t i = 0; i < w->ncols; i++)
            put_name(w, w->cols[i], 0);
    }
    ck_buf_addc(&w->b, '\n');
}

static ck_status mimic_write(void *state, const ck_doc *doc, ck_diag *d)
{
    mw *w = state;
    if (!w->table)
        w->table = (!doc->text && doc->n_labels) ? 2 : 1;
    if (!w->cols)
        header(w, doc);
    const char *id = doc->id ? doc->id : "";
    if (w->table == 1) {
        warn_lost(w, doc, doc->meta, doc->n_meta, w->cols, w->ncols, d);
        ck_csv_put(&w->b, id, strlen(id), 0);
        for (size_t i = 0; i < w->ncols; i++)
            put_value(w, ck_doc_meta(doc, w->cols[i]),
                      w->kind == MIMIC_III && is_string_col(w->cols[i]));
        put_value(w, doc->text, 1);
        ck_buf_addc(&w->b, '\n');
    } else {
        warn_lost(w, doc, doc->meta, doc->n_meta, w->mcols, w->nmcols, d);
        for (size_t k = 0; k < doc->n_labels; k++) {
            const ck_label *l = &doc->labels[k];
            ck_csv_put(&w->b, id, strlen(id), 0);
            for (size_t i = 0; i < w->nmcols; i++)
                put_value(w, ck_doc_meta(doc, w->mcols[i]), 0);
            put_value(w, l->name ? l->name : "", 0);
            put_value(w, l->value, 0);
            for (size_t i = 0; i < w->ncols; i++)
                put_value(w, ck_attr_get(l->attrs, l->n_attrs, w->cols[i]), 0);
            ck_buf_addc(&w->b, '\n');
        }
    }
    if (w->b.failed)
        return CK_ERR_NOMEM;
    if (w->b.n >= (1u << 20)) {
        if (fwrite(w->b.p, 1, w->b.n, w->f) != w->b.n) {
            ck_diag_add(d, CK_SEV_ERROR, w->path, 0, 0, (size_t)-1, "write failed");
            return CK_ERR_IO;
        }
        ck_buf_reset(&w->b);
    }
    return CK_OK;
}

static ck_status mimic_close(void *state, ck_diag *d)
{
    mw *w = state;
    ck_status rc = CK_OK;
    if ((w->b.n && fwrite(w->b.p, 1, w->b.n, w->f) != w->b.n) || fflush(w->f) != 0)
        rc = CK_ERR_IO;
    if (w->own && fclose(w->f) != 0)
        rc = CK_ERR_IO;
    if (rc)
        ck_diag_add(d, CK_SEV_ERROR, w->path, 0, 0, (size_t)-1, "write failed");
    ck_buf_free(&w->b);
    free_names(w->cols, w->ncols);
    free_names(w->mcols, w->nmcols);
    free(w->path);
    free(w);
    return rc;
}

const ck_format ck_fmt_mimic_iii_noteevents = {
    .id = "mimic-iii-noteevents",
    .summary = "MIMIC-III NOTEEVENTS.csv: one document per note, [** **] placeholders "
               "as PHI entities (options: phi=0)",
    .layout = "NOTEEVENTS.csv or NOTEEVENTS.csv.gz (- for stdin/stdout)",
    .flags = CK_FMT_STREAM,
    .read = mimic_read,
    .writer_open = open_iii,
    .writer_write = mimic_write,
    .writer_close = mimic_close,
};

const ck_format ck_fmt_mimic_iv_note = {
    .id = "mimic-iv-note",
    .summary = "MIMIC-IV-Note discharge/radiology(.csv.gz) and *_detail tables; ___ as "
               "PHI entities (options: phi=0; writer table=notes|detail)",
    .layout = "one table: discharge.csv.gz, radiology.csv.gz, *_detail.csv.gz "
              "(- for stdin/stdout)",
    .flags = CK_FMT_STREAM,
    .read = mimic_read,
    .writer_open = open_iv,
    .writer_write = mimic_write,
    .writer_close = mimic_close,
};
