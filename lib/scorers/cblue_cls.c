/*
 * cblue_cls.c — `cblue-cls`: the CBLUE sentence/pair classification tasks
 * scored on the labels the CBLUE readers produce (CHIP-CTC, CHIP-STS,
 * KUAKE-QIC, KUAKE-QTR, KUAKE-QQR; any reader giving one label per
 * document): accuracy (the CBLUE metric of the KUAKE tasks) and macro
 * P/R/F1 over the classes seen in gold or system (scikit-learn
 * average='macro', the CBLUE metric of CHIP-CTC and CHIP-STS), plus one row
 * per class. No official text exists: --format official prints the table.
 *
 * Records pair by their source id (meta "id", e.g. "s1") when both sides
 * have one, else by document id; a gold record without prediction counts
 * as wrong (predicted class "" ), predictions for unknown ids are ignored.
 */
#include <stdlib.h>
#include <string.h>

#include "clinkit/format.h"
#include "scorers/report.h"
#include "scorers/scoreutil.h"

typedef struct rec {
    const char *key, *label;
} rec;

static int cmp_rec(const void *a, const void *b)
{
    return strcmp(((const rec *)a)->key, ((const rec *)b)->key);
}

static rec *records(const ck_corpus *c)
{
    rec *r = calloc(c->n_docs + 1, sizeof *r);
    for (size_t i = 0; r && i < c->n_docs; i++) {
        const ck_doc *d = c->docs[i];
        const char *id = ck_doc_meta(d, "id");
        r[i].key = id ? id : d->id ? d->id : "";
        r[i].label = d->n_labels && d->labels[0].value ? d->labels[0].value : "";
    }
    if (r && c->n_docs)
        qsort(r, c->n_docs, sizeof *r, cmp_rec);
    return r;
}

typedef struct cls {
    const char *name;
    long tp, fp, fn;
} cls;

static cls *cls_get(cls *v, size_t *n, const char *name)
{
    for (size_t i = 0; i < *n; i++)
        if (strcmp(v[i].name, name) == 0)
            return &v[i];
    v[*n].name = name;
    v[*n].tp = v[*n].fp = v[*n].fn = 0;
    return &v[(*n)++];
}

static int cmp_cls(const void *a, const void *b)
{
    return strcmp(((const cls *)a)->name, ((const cls *)b)->name);
}

static ck_status cls_run(const char *gold, const char *system, ck_opts opts, FILE *out,
                         ck_eval_format fmt, ck_diag *d)
{
    const char *gf = ck_opt(opts, "gold-format"), *sf = ck_opt(opts, "system-format");
    if (!gf) {
        ck_diag_add(d, CK_SEV_ERROR, NULL, 0, 0, (size_t)-1,
                    "cblue-cls needs --gold-format (e.g. cblue-chip-ctc, cblue-kuake-qqr)");
        return CK_ERR_USAGE;
    }
    ck_corpus gc, sc;
    ck_corpus_init(&gc);
    ck_corpus_init(&sc);
    ck_status rc = ck_read_corpus(gf, gold, NULL, &gc, d);
    if (!rc)
        rc = ck_read_corpus(sf ? sf : gf, system, NULL, &sc, d);
    rec *g = NULL, *s = NULL;
    cls *classes = NULL;
    if (rc)
        goto done;
    g = records(&gc);
    s = records(&sc);
    classes = calloc(2 * (gc.n_docs + sc.n_docs) + 1, sizeof *classes);
    if (!g || !s || !classes) {
        rc = CK_ERR_NOMEM;
        goto done;
    }
    size_t nc = 0;
    long correct = 0;
    for (size_t i = 0; i < gc.n_docs; i++) {
        const rec *hit = sc.n_docs ? bsearch(&g[i], s, sc.n_docs, sizeof *s, cmp_rec) : NULL;
        const char *p = hit ? hit->label : "";
        if (strcmp(p, g[i].label) == 0) {
            correct++;
            cls_get(classes, &nc, g[i].label)->tp++;
        } else {
            cls_get(classes, &nc, g[i].label)->fn++;
            if (hit)
                cls_get(classes, &nc, p)->fp++;
        }
    }
    if (nc)
        qsort(classes, nc, sizeof *classes, cmp_cls);
    rep r;
    rep_init(&r, "cblue-cls");
    static const char *const cols[] = {"gold", "system", "correct", "precision", "recall", "f1"};
    rep_section_add(&r, "classes", 6, cols);
    double mp = 0, mr = 0, mf = 0;
    for (size_t k = 0; k < nc; k++) {
        cls *c = &classes[k];
        double p = c->tp + c->fp ? (double)c->tp / (double)(c->tp + c->fp) : 0.0;
        double rr = c->tp + c->fn ? (double)c->tp / (double)(c->tp + c->fn) : 0.0;
        double f = p + rr > 0 ? 2 * p * rr / (p + rr) : 0.0;
        mp += p;
        mr += rr;
        mf += f;
        double v[6] = {(double)(c->tp + c->fn), (double)(c->tp + c->fp), (double)c->tp, p, rr, f};
        rep_row_add(&r, *c->name ? c->name : "(none)", v);
    }
    static const char *const tcols[] = {"gold", "correct", "accuracy", "macro_p", "macro_r",
                                        "macro_f1"};
    rep_section_add(&r, "overall", 6, tcols);
    double v[6] = {(double)gc.n_docs, (double)correct,
                   gc.n_docs ? (double)correct / (double)gc.n_docs : 0.0, nc ? mp / (double)nc : 0,
                   nc ? mr / (double)nc : 0, nc ? mf / (double)nc : 0};
    rep_row_add(&r, "all", v);
    rep_print(&r, out, fmt == CK_EVAL_JSON ? CK_EVAL_JSON : CK_EVAL_TABLE);
    rep_free(&r);
done:
    free(g);
    free(s);
    free(classes);
    ck_corpus_free(&gc);
    ck_corpus_free(&sc);
    return rc;
}

static const char *const cls_opts[] = {"gold-format", "system-format", NULL};

const ck_scorer ck_scorer_cblue_cls = {
    .id = "cblue-cls",
    .summary = "CBLUE classification (CHIP-CTC/STS, KUAKE-QIC/QTR/QQR): accuracy, macro F1",
    .inputs = "GOLD, SYSTEM: files/folders of a CBLUE task, read with --gold-format "
              "(e.g. cblue-chip-ctc) and --system-format (default: the same); records pair "
              "by their id (official = table: no official text)",
    .options = cls_opts,
    .needs_gold_format = 1,
    .options_help = "  --gold-format F     reader of GOLD (required), e.g. cblue-kuake-qic\n"
                    "  --system-format F   reader of SYSTEM (default: the gold format)\n",
    .run = cls_run,
};
