/*
 * report.c — clinkit's own table and JSON output for every scorer (see
 * report.h). Rates print with 4 decimals, counts as integers.
 */
#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "scorers/report.h"
#include "scorers/scoreutil.h"

void rep_init(rep *r, const char *task)
{
    memset(r, 0, sizeof *r);
    r->task = task;
}

void rep_free(rep *r)
{
    for (size_t i = 0; i < r->n_secs; i++) {
        for (size_t k = 0; k < r->secs[i].n_rows; k++)
            free(r->secs[i].rows[k].label);
        free(r->secs[i].rows);
        free(r->secs[i].name);
    }
    free(r->secs);
    free(r->note);
    memset(r, 0, sizeof *r);
}

void rep_section_add(rep *r, const char *name, size_t n, const char *const *cols)
{
    if (r->n_secs == r->cap) {
        size_t cap = r->cap ? 2 * r->cap : 8;
        rep_section *s = realloc(r->secs, cap * sizeof *s);
        if (!s)
            return;
        r->secs = s;
        r->cap = cap;
    }
    rep_section *s = &r->secs[r->n_secs++];
    memset(s, 0, sizeof *s);
    s->name = strdup(name ? name : "");
    s->n_cols = n > REP_MAX_COLS ? REP_MAX_COLS : n;
    for (size_t i = 0; i < s->n_cols; i++)
        s->cols[i] = cols[i];
}

void rep_row_add(rep *r, const char *label, const double *v)
{
    if (!r->n_secs)
        return;
    rep_section *s = &r->secs[r->n_secs - 1];
    if (s->n_rows == s->cap) {
        size_t cap = s->cap ? 2 * s->cap : 8;
        rep_row *rows = realloc(s->rows, cap * sizeof *rows);
        if (!rows)
            return;
        s->rows = rows;
        s->cap = cap;
    }
    rep_row *row = &s->rows[s->n_rows++];
    memset(row, 0, sizeof *row);
    row->label = strdup(label ? label : "");
    memcpy(row->v, v, s->n_cols * sizeof *v);
}

void rep_note(rep *r, const char *fmt, ...)
{
    char buf[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    free(r->note);
    r->note = strdup(buf);
}

static int is_count(const char *col)
{
    return strcmp(col, "tp") == 0 || strcmp(col, "fp") == 0 || strcmp(col, "fn") == 0 ||
           strcmp(col, "tn") == 0 || strcmp(col, "gold") == 0 || strcmp(col, "system") == 0 ||
           strcmp(col, "correct") == 0 || strcmp(col, "docs") == 0 || strcmp(col, "n") == 0 ||
           strcmp(col, "tokens") == 0 || strcmp(col, "rows") == 0 ||
           strcmp(col, "recall_correct") == 0 || strcmp(col, "ref") == 0 ||
           strcmp(col, "pred") == 0 || strcmp(col, "corr_p") == 0 || strcmp(col, "corr_r") == 0 ||
           strcmp(col, "spans") == 0;
}

static void print_table(const rep *r, FILE *out)
{
    for (size_t i = 0; i < r->n_secs; i++) {
        const rep_section *s = &r->secs[i];
        size_t w = 12;
        for (size_t k = 0; k < s->n_rows; k++)
            if (strlen(s->rows[k].label) > w)
                w = strlen(s->rows[k].label);
        if (i)
            fputc('\n', out);
        if (*s->name)
            fprintf(out, "%s\n", s->name);
        fprintf(out, "%-*s", (int)w, "");
        for (size_t c = 0; c < s->n_cols; c++)
            fprintf(out, "  %10s", s->cols[c]);
        fputc('\n', out);
        for (size_t k = 0; k < s->n_rows; k++) {
            fprintf(out, "%-*s", (int)w, s->rows[k].label);
            for (size_t c = 0; c < s->n_cols; c++) {
                double v = s->rows[k].v[c];
                if (isnan(v))
                    fprintf(out, "  %10s", "-");
                else if (is_count(s->cols[c]))
                    fprintf(out, "  %10.0f", v);
                else
                    fprintf(out, "  %10.4f", v);
            }
            fputc('\n', out);
        }
    }
    if (r->note)
        fprintf(out, "\n%s\n", r->note);
}

static void print_json(const rep *r, FILE *out)
{
    fputs("{\"task\": ", out);
    sc_json_str(out, r->task);
    if (r->note) {
        fputs(", \"note\": ", out);
        sc_json_str(out, r->note);
    }
    fputs(", \"sections\": [", out);
    for (size_t i = 0; i < r->n_secs; i++) {
        const rep_section *s = &r->secs[i];
        fputs(i ? ", {\"name\": " : "{\"name\": ", out);
        sc_json_str(out, s->name);
        fputs(", \"rows\": [", out);
        for (size_t k = 0; k < s->n_rows; k++) {
            fputs(k ? ", {\"label\": " : "{\"label\": ", out);
            sc_json_str(out, s->rows[k].label);
            for (size_t c = 0; c < s->n_cols; c++) {
                fputs(", ", out);
                sc_json_str(out, s->cols[c]);
                fputs(": ", out);
                if (is_count(s->cols[c]) && isfinite(s->rows[k].v[c]))
                    fprintf(out, "%.0f", s->rows[k].v[c]);
                else
                    sc_json_num(out, s->rows[k].v[c]);
            }
            fputc('}', out);
        }
        fputs("]}", out);
    }
    fputs("]}\n", out);
}

void rep_print(const rep *r, FILE *out, ck_eval_format fmt)
{
    if (fmt == CK_EVAL_JSON)
        print_json(r, out);
    else
        print_table(r, out);
}
