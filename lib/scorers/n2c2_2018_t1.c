/*
 * n2c2_2018_t1.c — `n2c2-2018-t1`: the n2c2 2018 track 1 (cohort
 * selection) scorer track1_eval.py (filannim/2018_n2c2_evaluation_scripts):
 * per criterion met / not met precision, recall, specificity, F1, the
 * overall F1 (mean of both classes) and AUC ((recall + specificity)/2 of
 * the met class); micro over all criteria, macro = mean over the 13.
 *
 * Values are lower-cased and stripped; any other value counts as neither
 * class; the last of a repeated criterion wins; only file names present
 * in both folders are scored (the others are listed). A criterion missing
 * from a file (a KeyError in the official script) counts as neither class
 * here, with a warning.
 */
#include <stdlib.h>
#include <string.h>

#include "clinkit/io.h"
#include "scorers/i2b2xml.h"
#include "scorers/n2c2_2018.h"
#include "scorers/report.h"

static const char *const criteria[13] = {
    "ABDOMINAL", "ADVANCED-CAD", "ALCOHOL-ABUSE", "ASP-FOR-MI", "CREATININE",
    "DIETSUPP-2MOS", "DRUG-ABUSE", "ENGLISH", "HBA1C", "KETO-1YR",
    "MAJOR-DIABETES", "MAKES-DECISIONS", "MI-6MOS"};

double n2c2_precision(long tp, long fp) { return tp + fp ? (double)tp / (double)(tp + fp) : 0.0; }
double n2c2_recall(long tp, long fn) { return tp + fn ? (double)tp / (double)(tp + fn) : 0.0; }
double n2c2_f1(double p, double r) { return p + r != 0.0 ? (2 * (p * r)) / (1 * (p + r)) : 0.0; }
double n2c2_specificity(long tn, long fp) { return tn + fp ? (double)tn / (double)(tn + fp) : 0.0; }

static ck_status list_top(const char *dir, const char *ext, sc_strv *out, ck_diag *d)
{
    sc_strv all = {0};
    ck_status rc = sc_list_files(dir, ext, &all, d);
    for (size_t i = 0; i < all.n; i++)
        if (!strchr(all.v[i], '/'))
            sc_strv_push(out, all.v[i]);
    sc_strv_free(&all);
    return rc;
}

ck_status n2c2_pair_files(const char *gold, const char *system, const char *ext, FILE *out,
                          sc_strv *common, ck_diag *d)
{
    sc_strv g = {0}, s = {0};
    ck_status rc = list_top(gold, ext, &g, d);
    if (!rc)
        rc = list_top(system, ext, &s, d);
    if (rc)
        goto done;
    for (size_t i = 0; i < g.n; i++)
        if (sc_strv_bsearch(&s, g.v[i]) != (size_t)-1)
            sc_strv_push(common, g.v[i]);
    if (!out)
        goto done;
    if (!common->n) {
        fprintf(out, "ERROR: None of the files match.\n");
        goto done;
    }
    for (int side = 0; side < 2; side++) {
        const sc_strv *a = side ? &s : &g, *b = side ? &g : &s;
        int any = 0;
        for (size_t i = 0; i < a->n; i++) {
            if (sc_strv_bsearch(b, a->v[i]) != (size_t)-1)
                continue;
            if (!any)
                fprintf(out, "Files skipped in %s:\n", side ? system : gold);
            fprintf(out, "%s%s", any ? ", " : "", a->v[i]);
            any = 1;
        }
        if (any)
            fputc('\n', out);
    }
done:
    sc_strv_free(&g);
    sc_strv_free(&s);
    return rc;
}

/* Track 1 value of a criterion in a document: 1 met, 2 not met, 0 other. */
static int criterion_value(const ck_doc *doc, const char *name, int *found)
{
    const char *v = NULL;
    *found = 0;
    for (size_t i = 0; i < doc->n_labels; i++) {
        char *u = strdup(doc->labels[i].name ? doc->labels[i].name : "");
        if (!u)
            continue;
        sc_strip(u);
        for (char *p = u; *p; p++)
            if (*p >= 'a' && *p <= 'z')
                *p = (char)(*p - 32);
        if (strcmp(u, name) == 0) {
            v = doc->labels[i].value ? doc->labels[i].value : ""; /* last wins */
            *found = 1;
        }
        free(u);
    }
    if (!v)
        return 0;
    char *low = sc_py_lower(v);
    if (!low)
        return 0;
    sc_strip(low);
    int r = strcmp(low, "met") == 0 ? 1 : strcmp(low, "not met") == 0 ? 2 : 0;
    free(low);
    return r;
}

static int cmp_doc(const void *a, const void *b)
{
    const ck_doc *x = *(ck_doc *const *)a, *y = *(ck_doc *const *)b;
    return strcmp(x->id ? x->id : "", y->id ? y->id : "");
}

/* The document of a file name ("102.xml" -> id "102"); docs sorted by id. */
static const ck_doc *find_doc(const ck_corpus *c, const char *file)
{
    char id[1024];
    size_t n = strlen(file) - 4; /* without ".xml" */
    if (n >= sizeof id)
        return NULL;
    memcpy(id, file, n);
    id[n] = '\0';
    ck_doc key = {0}, *kp = &key;
    key.id = id;
    ck_doc **hit = c->n_docs ? bsearch(&kp, c->docs, c->n_docs, sizeof *c->docs, cmp_doc) : NULL;
    return hit ? *hit : NULL;
}

typedef struct cm {
    long tp, fp, tn, fn;
} cm;

static void print_row(FILE *out, const char *label, const double *v)
{
    fprintf(out, "%20s  %-5.4f  %-5.4f  %-5.4f  %-5.4f    %-5.4f  %-5.4f  %-5.4f    %-5.4f  %-5.4f\n",
            label, v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7], v[8]);
}

static ck_status t1_run(const char *gold, const char *system, ck_opts opts, FILE *out,
                        ck_eval_format fmt, ck_diag *d)
{
    (void)opts;
    sc_strv common = {0};
    ck_corpus gc, sc;
    ck_corpus_init(&gc);
    ck_corpus_init(&sc);
    ck_status rc = n2c2_pair_files(gold, system, ".xml", fmt == CK_EVAL_OFFICIAL ? out : NULL,
                                   &common, d);
    if (!rc)
        rc = i2b2_load(gold, "n2c2-2018-t1", &gc, d);
    if (!rc)
        rc = i2b2_load(system, "n2c2-2018-t1", &sc, d);
    if (rc || !common.n)
        goto done;
    if (gc.n_docs)
        qsort(gc.docs, gc.n_docs, sizeof *gc.docs, cmp_doc);
    if (sc.n_docs)
        qsort(sc.docs, sc.n_docs, sizeof *sc.docs, cmp_doc);
    /* per criterion, per class (0 met, 1 not met) */
    cm m[13][2];
    memset(m, 0, sizeof m);
    size_t ndocs = 0;
    for (size_t f = 0; f < common.n; f++) {
        const ck_doc *g = find_doc(&gc, common.v[f]), *s = find_doc(&sc, common.v[f]);
        if (!g || !s)
            continue; /* unreadable: reported by the reader */
        ndocs++;
        for (int k = 0; k < 13; k++) {
            int gf, sf;
            int gv = criterion_value(g, criteria[k], &gf), sv = criterion_value(s, criteria[k], &sf);
            if (!gf || !sf)
                ck_diag_warn(d, common.v[f], 0, "criterion %s missing in %s", criteria[k],
                             !gf ? "gold" : "system");
            for (int c = 0; c < 2; c++) {
                int gi = gv == c + 1, si = sv == c + 1;
                m[k][c].tp += gi && si;
                m[k][c].fp += !gi && si;
                m[k][c].tn += !gi && !si;
                m[k][c].fn += gi && !si;
            }
        }
    }
    /* scores[k][c]: p, r, f1, specificity, auc */
    double sc_[13][2][5];
    cm tot[2] = {{0, 0, 0, 0}, {0, 0, 0, 0}};
    for (int k = 0; k < 13; k++)
        for (int c = 0; c < 2; c++) {
            cm x = m[k][c];
            tot[c].tp += x.tp;
            tot[c].fp += x.fp;
            tot[c].tn += x.tn;
            tot[c].fn += x.fn;
            double p = n2c2_precision(x.tp, x.fp), r = n2c2_recall(x.tp, x.fn);
            double spec = n2c2_specificity(x.tn, x.fp);
            sc_[k][c][0] = p;
            sc_[k][c][1] = r;
            sc_[k][c][2] = n2c2_f1(p, r);
            sc_[k][c][3] = spec;
            sc_[k][c][4] = (r + spec) / 2;
        }
    double macro[2][5];
    for (int c = 0; c < 2; c++)
        for (int q = 0; q < 5; q++) {
            double sum = 0; /* Python sum(list) */
            for (int k = 0; k < 13; k++)
                sum += sc_[k][c][q];
            macro[c][q] = sum / 13;
        }
    double macro_f1 = 0, macro_auc = 0;
    rep r;
    rep_init(&r, "n2c2-2018-t1");
    static const char *const cols[] = {"met_p", "met_r", "met_spec", "met_f1", "notmet_p",
                                       "notmet_r", "notmet_f1", "f1", "auc"};
    rep_section_add(&r, "criteria", 9, cols);
    if (fmt == CK_EVAL_OFFICIAL) {
        char b[128];
        memset(b, '*', 96);
        memcpy(b + 43, " TRACK 1 ", 9);
        b[96] = '\0';
        fprintf(out, "%s\n", b);
        fprintf(out, "%20s  ------------ met -------------    ------ not met -------    -- overall ---\n", "");
        fprintf(out, "%20s  %-6s  %-6s  %-6s  %-6s    %-6s  %-6s  %-6s    %-6s  %-6s\n", "", "Prec.",
                "Rec.", "Speci.", "F(b=1)", "Prec.", "Rec.", "F(b=1)", "F(b=1)", "AUC");
    }
    for (int k = 0; k < 13; k++) {
        char label[32];
        snprintf(label, sizeof label, "%s", criteria[k]);
        for (char *p = label + 1; *p; p++) /* str.capitalize() */
            if (*p >= 'A' && *p <= 'Z')
                *p = (char)(*p + 32);
        double v[9] = {sc_[k][0][0], sc_[k][0][1], sc_[k][0][3], sc_[k][0][2], sc_[k][1][0],
                       sc_[k][1][1], sc_[k][1][2], (sc_[k][0][2] + sc_[k][1][2]) / 2, sc_[k][0][4]};
        macro_f1 += (sc_[k][0][2] + sc_[k][1][2]) / 2;
        macro_auc += sc_[k][0][4];
        if (fmt == CK_EVAL_OFFICIAL)
            print_row(out, label, v);
        else
            rep_row_add(&r, label, v);
    }
    double mp = n2c2_precision(tot[0].tp, tot[0].fp), mr = n2c2_recall(tot[0].tp, tot[0].fn);
    double ms = n2c2_specificity(tot[0].tn, tot[0].fp), mf = n2c2_f1(mp, mr);
    double np_ = n2c2_precision(tot[1].tp, tot[1].fp), nr = n2c2_recall(tot[1].tp, tot[1].fn);
    double nf = n2c2_f1(np_, nr);
    double micro[9] = {mp, mr, ms, mf, np_, nr, nf, (mf + nf) / 2, (mr + ms) / 2};
    double mac[9] = {macro[0][0], macro[0][1], macro[0][3], macro[0][2], macro[1][0],
                     macro[1][1], macro[1][2], macro_f1 / 13, macro[0][4]};
    if (fmt == CK_EVAL_OFFICIAL) {
        fprintf(out, "%20s  ------------------------------    ----------------------    --------------\n", "");
        print_row(out, "Overall (micro)", micro);
        print_row(out, "Overall (macro)", mac);
        fputc('\n', out);
        char found[64], cen[128];
        snprintf(found, sizeof found, "  %zu files found  ", ndocs);
        sc_center(cen, sizeof cen, found, 74);
        fprintf(out, "%20s  %s\n", "", cen);
    } else {
        rep_row_add(&r, "Overall (micro)", micro);
        rep_row_add(&r, "Overall (macro)", mac);
        rep_note(&r, "%zu files", ndocs);
        rep_print(&r, out, fmt);
    }
    (void)macro_auc;
    rep_free(&r);
done:
    sc_strv_free(&common);
    ck_corpus_free(&gc);
    ck_corpus_free(&sc);
    return rc;
}

static const char *const t1_opts[] = {NULL};

const ck_scorer ck_scorer_n2c2_2018_t1 = {
    .id = "n2c2-2018-t1",
    .summary = "n2c2 2018 track 1 cohort selection: track1_eval.py (13 criteria, AUC)",
    .inputs = "GOLD, SYSTEM: folders of NNN.xml with <TAGS><CRITERION met=\"met|not met\"/>",
    .options = t1_opts,
    .options_help = "  (none)\n",
    .run = t1_run,
};
