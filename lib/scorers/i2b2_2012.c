/*
 * i2b2_2012.c — `clinkit eval i2b2-2012`: the i2b2 2012 temporal
 * relation evaluation (i2b2Evaluation.py by Weiyi Sun, TLINK part after
 * UzZaman's TempEval-3 script), default --tempeval mode, as its Python 3
 * port prints it: per-file EVENT / TIMEX3 / TLINK blocks, then the
 * aggregated scores.
 *
 * Reproduced quirks (see docs/eval.md): per-file attribute scores divide
 * by the matched gold tags, aggregated ones by all gold tags; TIMEX3
 * prints Precision before Recall, EVENT and TLINK Recall first; Average
 * P&R = (P*|sys| + R*|gold|) / (|sys| + |gold|); any ratio over zero is 0.
 * Files are visited in name order (the official script uses os.listdir
 * order, which is not reproducible).
 */
#include <stdlib.h>
#include <string.h>

#include "i2b2_2012.h"
#include "report.h"
#include "scoreutil.h"

typedef struct totals {
    t12_span_score ev, tx;
    t12_link_score tl;
} totals;

static double ratio(double a, double b)
{
    return b != 0 ? a / b : 0;
}

typedef struct prf {
    double p, r, avg, f;
} prf;

static prf make_prf(double prec_ok, double n_sys, double rec_ok, double n_gold)
{
    prf x;
    x.p = ratio(prec_ok, n_sys);
    x.r = ratio(rec_ok, n_gold);
    x.avg = ratio(x.p * n_sys + x.r * n_gold, n_sys + n_gold);
    x.f = ratio(2 * x.p * x.r, x.p + x.r);
    return x;
}

static prf span_prf(const t12_span_score *s)
{
    return make_prf(s->prec_credit, (double)s->sys, s->rec_credit, (double)s->gold);
}

static prf link_prf(const t12_link_score *s)
{
    return make_prf((double)s->prec_ok, (double)s->sys, (double)s->rec_ok, (double)s->gold);
}

static void add_span(t12_span_score *t, const t12_span_score *s)
{
    t->gold += s->gold;
    t->sys += s->sys;
    t->rec_credit += s->rec_credit;
    t->prec_credit += s->prec_credit;
    t->matched += s->matched;
    for (int i = 0; i < 3; i++)
        t->attr_ok[i] += s->attr_ok[i];
}

/* Python's str.center(46, '*') of " s ". */
static void banner(FILE *out, const char *s)
{
    size_t n = strlen(s) + 2, width = 46;
    size_t pad = n < width ? width - n : 0;
    size_t left = pad / 2 + (pad & width & 1);
    for (size_t i = 0; i < left; i++)
        fputc('*', out);
    fprintf(out, " %s ", s);
    for (size_t i = left; i < pad; i++)
        fputc('*', out);
    fputc('\n', out);
}

static void print_file_official(FILE *out, const char *name, const t12_span_score *ev,
                                const t12_span_score *tx, const t12_link_score *tl)
{
    banner(out, name);
    prf e = span_prf(ev), t = span_prf(tx), l = link_prf(tl);
    double m = (double)ev->matched;
    fprintf(out,
            "\n        Total number of events: \n"
            "            Gold Standard: \t\t%zu\n"
            "            System Output: \t\t%zu\n"
            "        --------------\n"
            "        Recall : \t\t\t%.4f\n"
            "        Precision : \t\t%.4f\n"
            "        Average P&R : \t\t%.4f\n"
            "        F measure : \t\t%.4f\n"
            "        --------------\n"
            "        modality match score :\t%.4f\n"
            "        Polarity match score :\t%.4f\n"
            "        type match score :\t\t%.4f\n\n\n",
            ev->gold, ev->sys, e.r, e.p, e.avg, e.f, ratio((double)ev->attr_ok[0], m),
            ratio((double)ev->attr_ok[1], m), ratio((double)ev->attr_ok[2], m));
    m = (double)tx->matched;
    fprintf(out,
            "        Total number of TIMEX3s: \n"
            "            Gold Standard :\t\t%zu\n"
            "            System Output :\t\t%zu\n"
            "        --------------\n"
            "        Precision :\t\t\t%.4f\n"
            "        Recall :\t\t\t%.4f\n"
            "        Average P&R : \t\t%.4f\n"
            "        F measure : \t\t%.4f\n"
            "        --------------\n"
            "        type match score :\t\t%.4f\n"
            "        Val match score :\t\t%.4f\n"
            "        Mod match score :\t\t%.4f\n\n",
            tx->gold, tx->sys, t.p, t.r, t.avg, t.f, ratio((double)tx->attr_ok[0], m),
            ratio((double)tx->attr_ok[1], m), ratio((double)tx->attr_ok[2], m));
    fprintf(out,
            "        Total number of comparable TLINKs: \n"
            "            Gold Standard : \t\t%zu\n"
            "            System Output : \t\t%zu\n"
            "        --------------\n"
            "        Recall : \t\t\t%.4f\n"
            "        Precision: \t\t\t%.4f\n"
            "        Average P&R : \t\t%.4f\n"
            "        F measure : \t\t%.4f\n\n",
            tl->gold, tl->sys, l.r, l.p, l.avg, l.f);
}

static void print_total_official(FILE *out, const totals *t)
{
    banner(out, "Aggregated Scores:");
    prf e = span_prf(&t->ev), x = span_prf(&t->tx), l = link_prf(&t->tl);
    double g = (double)t->ev.gold;
    fprintf(out,
            "        EVENT: \n"
            "            Precision : \t%.4f\n"
            "            Recall : \t%.4f\n"
            "            Average P&R : \t%.4f\n"
            "            F measure : \t%.4f\n"
            "            --------------\n"
            "            type :\t\t%.4f\n"
            "            Polarity :\t%.4f\n"
            "            Modality :\t%.4f\n\n\n",
            e.p, e.r, e.avg, e.f, ratio((double)t->ev.attr_ok[2], g),
            ratio((double)t->ev.attr_ok[1], g), ratio((double)t->ev.attr_ok[0], g));
    g = (double)t->tx.gold;
    fprintf(out,
            "        TIMEX3:\n"
            "            Precision : \t%.4f\n"
            "            Recall : \t%.4f\n"
            "            Average P&R : \t%.4f\n"
            "            F measure : \t%.4f\n"
            "            --------------\n"
            "            type :\t\t%.4f\n"
            "            Val :\t\t%.4f\n"
            "            Modifier :\t%.4f\n\n",
            x.p, x.r, x.avg, x.f, ratio((double)t->tx.attr_ok[0], g),
            ratio((double)t->tx.attr_ok[1], g), ratio((double)t->tx.attr_ok[2], g));
    fprintf(out,
            "                        \n"
            "        TLINK:\n"
            "            Precision : \t%.4f\n"
            "            Recall : \t%.4f\n"
            "            Average P&R : \t%.4f\n"
            "            F measure : \t%.4f\n"
            "            \n"
            "***********************************************\n",
            l.p, l.r, l.avg, l.f);
}

static const char *method_name(t12_method m)
{
    return m == T12_EXACT ? "exact" : m == T12_PARTIAL ? "partialCredit" : "overlap";
}

static ck_status load(sc_tree *t, const char *root, const char *name, t12_file *f,
                      ck_diag *d)
{
    char *data;
    size_t len;
    ck_status rc = sc_tree_load(t, name, &data, &len, d);
    if (rc)
        return rc;
    char *file = malloc(strlen(root) + strlen(name) + 2);
    if (!file) {
        free(data);
        return CK_ERR_NOMEM;
    }
    if (ck_source_is_file(t->src))
        strcpy(file, root);
    else
        sprintf(file, "%s/%s", root, name);
    rc = t12_parse(data, file, f, d);
    free(file);
    return rc;
}

/* Table / JSON rows of one EVENT, TIMEX3, TLINK triple. */
static void rows_prf(rep *r, const char *prefix, const t12_span_score *ev,
                     const t12_span_score *tx, const t12_link_score *tl)
{
    char label[512];
    prf p[3] = {span_prf(ev), span_prf(tx), link_prf(tl)};
    size_t ng[3] = {ev->gold, tx->gold, tl->gold}, ns[3] = {ev->sys, tx->sys, tl->sys};
    static const char *const kinds[] = {"EVENT", "TIMEX3", "TLINK"};
    for (int i = 0; i < 3; i++) {
        snprintf(label, sizeof label, "%s%s", prefix, kinds[i]);
        double v[6] = {(double)ng[i], (double)ns[i], p[i].p, p[i].r, p[i].avg, p[i].f};
        rep_row_add(r, label, v);
    }
}

static void print_report(FILE *out, ck_eval_format fmt, t12_method m, const totals *t,
                         const rep *per_doc)
{
    rep r;
    rep_init(&r, "i2b2-2012");
    static const char *const cols[] = {"gold", "system", "precision", "recall", "avg P&R", "f1"};
    char name[64];
    snprintf(name, sizeof name, "Spans (%s match), TLINKs (tempeval)", method_name(m));
    rep_section_add(&r, name, 6, cols);
    rows_prf(&r, "", &t->ev, &t->tx, &t->tl);
    static const char *const acols[] = {"correct", "gold", "accuracy"};
    rep_section_add(&r, "Attributes (agreeing matched tags / gold tags)", 3, acols);
    static const char *const ev_names[] = {"EVENT modality", "EVENT polarity", "EVENT type"};
    static const char *const tx_names[] = {"TIMEX3 type", "TIMEX3 val", "TIMEX3 mod"};
    for (int i = 0; i < 3; i++) {
        double v[3] = {(double)t->ev.attr_ok[i], (double)t->ev.gold,
                       ratio((double)t->ev.attr_ok[i], (double)t->ev.gold)};
        rep_row_add(&r, ev_names[i], v);
    }
    for (int i = 0; i < 3; i++) {
        double v[3] = {(double)t->tx.attr_ok[i], (double)t->tx.gold,
                       ratio((double)t->tx.attr_ok[i], (double)t->tx.gold)};
        rep_row_add(&r, tx_names[i], v);
    }
    for (size_t i = 0; per_doc && i < per_doc->n_secs; i++) {
        rep_section_add(&r, per_doc->secs[i].name, per_doc->secs[i].n_cols,
                        per_doc->secs[i].cols);
        for (size_t k = 0; k < per_doc->secs[i].n_rows; k++)
            rep_row_add(&r, per_doc->secs[i].rows[k].label, per_doc->secs[i].rows[k].v);
    }
    rep_print(&r, out, fmt);
    rep_free(&r);
}

static ck_status t12_run(const char *gold, const char *system, ck_opts opts, FILE *out,
                         ck_eval_format fmt, ck_diag *d)
{
    int exact = sc_flag(opts, "exact"), partial = sc_flag(opts, "partial-credit");
    if (exact && partial) {
        ck_diag_add(d, CK_SEV_ERROR, NULL, 0, 0, (size_t)-1,
                    "-exact and -partialCredit exclude each other");
        return CK_ERR_USAGE;
    }
    t12_method m = exact ? T12_EXACT : partial ? T12_PARTIAL : T12_OVERLAP;
    int verbose = sc_flag(opts, "verbose");
    sc_strv gf = {0}, sf = {0};
    sc_tree gt = {0}, st = {0};
    ck_status rc = sc_tree_open(&gt, gold, d);
    if (!rc)
        rc = sc_tree_open(&st, system, d);
    /* two single files are scored against each other whatever their names */
    int pair = !rc && ck_source_is_file(gt.src) && ck_source_is_file(st.src);
    if (!rc)
        rc = sc_list_files(gold, pair ? NULL : ".xml", &gf, d);
    if (!rc)
        rc = sc_list_files(system, pair ? NULL : ".xml", &sf, d);
    if (!rc && gf.n != sf.n) {
        /* The official script prints an error line and no scores. */
        ck_diag_add(d, CK_SEV_ERROR, NULL, 0, 0, (size_t)-1,
                    "GOLD has %zu .xml files and SYSTEM %zu: the evaluation needs the same files",
                    gf.n, sf.n);
        rc = CK_ERR_PARSE;
    }
    for (size_t i = 0; !rc && !pair && i < gf.n; i++)
        if (sc_strv_bsearch(&sf, gf.v[i]) == (size_t)-1) {
            ck_diag_add(d, CK_SEV_ERROR, system, 0, 0, (size_t)-1,
                        "no system file '%s' for the gold file", gf.v[i]);
            rc = CK_ERR_PARSE;
        }
    if (!rc && !gf.n) {
        ck_diag_add(d, CK_SEV_ERROR, gold, 0, 0, (size_t)-1, "no .xml files to score");
        rc = CK_ERR_PARSE;
    }
    totals t;
    memset(&t, 0, sizeof t);
    rep per_doc;
    rep_init(&per_doc, "i2b2-2012");
    if (!rc && fmt != CK_EVAL_OFFICIAL && verbose) {
        static const char *const cols[] = {"gold", "system", "precision", "recall", "avg P&R", "f1"};
        rep_section_add(&per_doc, "Per document", 6, cols);
    }
    if (!rc && fmt == CK_EVAL_OFFICIAL)
        fprintf(out, "\nEvaluation method:\nEvaluating tags: ALL\nSpan match method: %s\n"
                     "TLINK evaluation method: tempeval\n",
                method_name(m));
    for (size_t i = 0; !rc && i < gf.n; i++) {
        t12_file g, s;
        if ((rc = load(&gt, gold, gf.v[i], &g, d)))
            break;
        if ((rc = load(&st, system, gf.v[i], &s, d))) {
            t12_file_free(&g);
            break;
        }
        t12_span_score ev, tx;
        t12_link_score tl;
        t12_score_spans(g.events, g.n_events, s.events, s.n_events, m, 0, &ev);
        t12_score_spans(g.timexes, g.n_timexes, s.timexes, s.n_timexes, m, 1, &tx);
        rc = t12_score_links(&g, &s, m, &tl);
        t12_file_free(&g);
        t12_file_free(&s);
        if (rc)
            break;
        add_span(&t.ev, &ev);
        add_span(&t.tx, &tx);
        t.tl.gold += tl.gold;
        t.tl.sys += tl.sys;
        t.tl.rec_ok += tl.rec_ok;
        t.tl.prec_ok += tl.prec_ok;
        if (fmt == CK_EVAL_OFFICIAL) {
            print_file_official(out, gf.v[i], &ev, &tx, &tl);
        } else if (verbose) {
            char prefix[480];
            snprintf(prefix, sizeof prefix, "%s ", gf.v[i]);
            rows_prf(&per_doc, prefix, &ev, &tx, &tl);
        }
    }
    if (!rc) {
        if (fmt == CK_EVAL_OFFICIAL)
            print_total_official(out, &t);
        else
            print_report(out, fmt, m, &t, verbose ? &per_doc : NULL);
    }
    rep_free(&per_doc);
    sc_tree_close(&gt);
    sc_tree_close(&st);
    sc_strv_free(&gf);
    sc_strv_free(&sf);
    return rc;
}

static const char *const t12_opts[] = {"exact", "partial-credit", "tempeval", "verbose", NULL};

const ck_scorer ck_scorer_i2b2_2012 = {
    .id = "i2b2-2012",
    .summary = "i2b2 2012 temporal relations (i2b2Evaluation.py --tempeval): EVENT, TIMEX3, TLINK",
    .inputs = "GOLD and SYSTEM: folders of i2b2 2012 N.xml files with the same names "
              "(one tag per line: EVENT, TIMEX3, TLINK)",
    .options = t12_opts,
    .options_help = "  --exact, -exact    span match = overlap and the same text tokens\n"
                    "  --partial-credit, -partialCredit\n"
                    "                     1 for the same text tokens, 0.5 for overlap only\n"
                    "  --tempeval         TLINK closure scoring (the default and only mode)\n"
                    "  -v, --verbose      per-document rows (table and JSON)\n",
    .run = t12_run,
};
