/*
 * anafora_scorer.c — the registered `clinical-tempeval` scorer: maps the
 * options to anafora_eval.c and prints its rows as anafora.evaluate does
 * (--format official), or as clinkit's table / JSON. With --per-document
 * the official text is, as anafora.evaluate --per-document prints it, one
 * block per document ("NAME:", the table, an empty line) instead of the
 * overall table; the table and JSON give the per-document sections and then
 * the overall one.
 */
#include <stdlib.h>
#include <string.h>

#include "anafora_eval.h"
#include "report.h"
#include "scoreutil.h"

void ck_ana_print_official(FILE *f, const ck_ana_row *rows, size_t n)
{
    fprintf(f, "%-40s\t%s\t%s\t%s\t%s\t%s\t%s\n", "", " ref ", "pred ", "corr ", "  P  ",
            "  R  ", " F1  ");
    for (size_t i = 0; i < n; i++) {
        const ck_ana_row *r = &rows[i];
        char corr[64];
        if (r->closure)
            snprintf(corr, sizeof corr, "(%zu, %zu)", r->pc, r->rc);
        else
            snprintf(corr, sizeof corr, "%zu", r->corr);
        fprintf(f, "%-40s\t%-5zu\t%-5zu\t%-5s\t%5.3f\t%5.3f\t%5.3f\n", r->name, r->ref, r->pred,
                corr, r->p, r->r, r->f1);
    }
}

/* Every value of a repeatable option, NULL-terminated (malloc'd array). */
static const char **all_opts(ck_opts opts, const char *key)
{
    size_t n = 0, k = strlen(key);
    for (size_t i = 0; opts && opts[i]; i++)
        n++;
    const char **v = calloc(n + 1, sizeof *v);
    size_t m = 0;
    for (size_t i = 0; opts && opts[i]; i++)
        if (!strncmp(opts[i], key, k) && opts[i][k] == '=')
            v[m++] = opts[i] + k + 1;
    if (!m) {
        free(v);
        return NULL;
    }
    return v;
}

static void add_section(rep *rp, const char *name, const ck_ana_row *rows, size_t n)
{
    static const char *const cols[] = {"ref", "pred", "corr_p", "corr_r", "precision",
                                       "recall", "f1"};
    rep_section_add(rp, name, 7, cols);
    for (size_t i = 0; i < n; i++) {
        const ck_ana_row *r = &rows[i];
        double v[7] = {(double)r->ref, (double)r->pred, (double)(r->closure ? r->pc : r->corr),
                       (double)(r->closure ? r->rc : r->corr), r->p, r->r, r->f1};
        rep_row_add(rp, r->name, v);
    }
}

static ck_status ana_run(const char *gold, const char *system, ck_opts opts, FILE *out,
                         ck_eval_format fmt, ck_diag *d)
{
    ck_ana_opts o = {0};
    const char **inc = all_opts(opts, "include"), **exc = all_opts(opts, "exclude");
    o.include = inc;
    o.exclude = exc;
    o.xml_regex = ck_opt(opts, "xml-regex");
    o.temporal_closure = sc_flag(opts, "temporal-closure");
    o.overlap = sc_flag(opts, "overlap");
    int per_doc = sc_flag(opts, "per-document");
    ck_ana_row *rows;
    ck_ana_doc *docs = NULL;
    size_t n, n_docs = 0;
    ck_status rc = ck_ana_score_docs(gold, system, &o, &rows, &n, per_doc ? &docs : NULL,
                                     per_doc ? &n_docs : NULL, d);
    free(inc);
    free(exc);
    if (rc) {
        ck_ana_rows_free(rows, n);
        ck_ana_docs_free(docs, n_docs);
        return rc;
    }
    if (fmt == CK_EVAL_OFFICIAL && per_doc) {
        for (size_t i = 0; i < n_docs; i++) {
            fprintf(out, "%s:\n", docs[i].name);
            ck_ana_print_official(out, docs[i].rows, docs[i].n_rows);
            fputc('\n', out);
        }
    } else if (fmt == CK_EVAL_OFFICIAL)
        ck_ana_print_official(out, rows, n);
    else {
        rep rp;
        rep_init(&rp, "clinical-tempeval");
        for (size_t i = 0; i < n_docs; i++) {
            char name[4200];
            snprintf(name, sizeof name, "document %s", docs[i].name);
            add_section(&rp, name, docs[i].rows, docs[i].n_rows);
        }
        char name[64];
        snprintf(name, sizeof name, "views%s%s", o.temporal_closure ? " (temporal closure)" : "",
                 o.overlap ? " (overlapping spans match)" : "");
        add_section(&rp, name, rows, n);
        rep_print(&rp, out, fmt);
        rep_free(&rp);
    }
    ck_ana_rows_free(rows, n);
    ck_ana_docs_free(docs, n_docs);
    return CK_OK;
}

static const char *const ana_opts[] = {"include",  "exclude",      "xml-regex",
                                       "temporal-closure", "overlap", "per-document",
                                       NULL};

const ck_scorer ck_scorer_clinical_tempeval = {
    .id = "clinical-tempeval",
    .summary = "anafora.evaluate (Clinical TempEval / THYME): views, -i/-e, --temporal-closure, "
               "--overlap, --per-document",
    .inputs = "GOLD and SYSTEM: Anafora folders, one sub-folder per document holding DOC.*.xml",
    .options = ana_opts,
    .options_help =
        "  -i, --include V    score only view V (TYPE[:PROP[:VALUE]]), repeatable\n"
        "  -e, --exclude V    leave out view V, repeatable\n"
        "  -x, --xml-regex R  which XML files to read (default [.]xml$)\n"
        "  --temporal-closure score TYPE:Type relations with temporal closure\n"
        "  --overlap          spans match when any of their fragments overlap (not\n"
        "                     transitive: the first of overlapping duplicates in a\n"
        "                     file stays; not with --temporal-closure)\n"
        "  --per-document     scores of each document; --format official prints only\n"
        "                     these (\"NAME:\", table, empty line), table and JSON add\n"
        "                     the overall section after them\n",
    .run = ana_run,
};
