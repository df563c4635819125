/*
 * conll.c — `conll`: conlleval.pl (version 2004-01-26) on BIO/IOB1/IOBES
 * tag files: chunk precision, recall and F1 per type and overall, token
 * accuracy.
 *
 * Input, as the official script is usually fed: GOLD holds "TOKEN ... TAG"
 * lines and SYSTEM one predicted tag per line (or "TOKEN TAG"), blank lines
 * between sentences; line i of each is joined with a space, like
 * `paste -d ' ' GOLD SYSTEM | conlleval.pl`. Folders: files with the same
 * name, in name order. There is no BIO-text reader among the formats, so
 * this minimal line parsing lives here.
 *
 * Quirks reproduced (see docs/eval.md): chunk start/end rules for
 * B/I/E/O/[/]/. tags; a type change always starts a chunk; "S-" is not a
 * known prefix; tags split at the first hyphen; a first field "-X-" is a
 * boundary whose tags are forced to O and which is not counted; a line
 * with a different number of fields stops the run (exit 1).
 */
#include <stdlib.h>
#include <string.h>

#include "clinkit/io.h"
#include "core/buf.h"
#include "scorers/report.h"
#include "scorers/scoreutil.h"

typedef struct ctype {
    char *name;
    long found_correct, found_guessed, correct_chunk;
    int in_fc, in_fg; /* key exists in %foundCorrect / %foundGuessed */
} ctype;

typedef struct conll {
    ctype *t;
    size_t n, cap;
    long correct_chunk, found_correct, found_guessed, correct_tags, tokens;
    int in_correct;
    char last_correct[256], last_guessed[256];
    char last_ctype[256], last_gtype[256]; /* types: parts of 256-byte tags */
    int nfeat; /* -1 until known */
} conll;

/* Tags and types are short: most differ in their first byte. */
static inline int eq(const char *a, const char *b)
{
    return a[0] == b[0] && (a[0] == '\0' || strcmp(a + 1, b + 1) == 0);
}

static ctype *type_get(conll *c, const char *name)
{
    for (size_t i = 0; i < c->n; i++)
        if (eq(c->t[i].name, name))
            return &c->t[i];
    if (c->n == c->cap) {
        size_t cap = c->cap ? 2 * c->cap : 16;
        ctype *t = realloc(c->t, cap * sizeof *t);
        if (!t)
            return NULL;
        c->t = t;
        c->cap = cap;
    }
    ctype *t = &c->t[c->n++];
    memset(t, 0, sizeof *t);
    t->name = strdup(name);
    return t;
}


static int end_of_chunk(const char *pt, const char *t, const char *ptype, const char *type)
{
    int e = 0;
    if (eq(pt, "B") && eq(t, "B")) e = 1;
    if (eq(pt, "B") && eq(t, "O")) e = 1;
    if (eq(pt, "I") && eq(t, "B")) e = 1;
    if (eq(pt, "I") && eq(t, "O")) e = 1;
    if (eq(pt, "E") && eq(t, "E")) e = 1;
    if (eq(pt, "E") && eq(t, "I")) e = 1;
    if (eq(pt, "E") && eq(t, "O")) e = 1;
    if (!eq(pt, "O") && !eq(pt, ".") && !eq(ptype, type)) e = 1;
    if (eq(pt, "]") || eq(pt, "[")) e = 1;
    return e;
}

static int start_of_chunk(const char *pt, const char *t, const char *ptype, const char *type)
{
    int s = 0;
    if (eq(pt, "B") && eq(t, "B")) s = 1;
    if (eq(pt, "I") && eq(t, "B")) s = 1;
    if (eq(pt, "O") && eq(t, "B")) s = 1;
    if (eq(pt, "O") && eq(t, "I")) s = 1;
    if (eq(pt, "E") && eq(t, "E")) s = 1;
    if (eq(pt, "E") && eq(t, "I")) s = 1;
    if (eq(pt, "O") && eq(t, "E")) s = 1;
    if (!eq(t, "O") && !eq(t, ".") && !eq(ptype, type)) s = 1;
    if (eq(t, "[") || eq(t, "]")) s = 1;
    return s;
}

/* Split a tag at its first hyphen: "B-DRUG-CLASS" -> "B", "DRUG-CLASS".
 * The prefix is kept in a small buffer (long prefixes are truncated, which
 * only matters for tags that are not chunk tags anyway). */
static void split_tag(const char *tag, char *prefix, size_t psize, const char **type)
{
    const char *h = strchr(tag, '-');
    size_t n = h ? (size_t)(h - tag) : strlen(tag);
    if (n >= psize) {
        /* keep it distinct from every known prefix */
        n = psize - 1;
    }
    memcpy(prefix, tag, n);
    prefix[n] = '\0';
    *type = h ? h + 1 : "";
}

/* One input line (without newline). Returns 0, or -1 on a fatal line. */
typedef struct conll_opts {
    const char *delim, *otag; /* -d, -o */
    int raw;                  /* -r */
} conll_opts;

static int conll_line(conll *c, char *line, const conll_opts *co, ck_diag *d,
                      const char *file, size_t lineno)
{
    const char *delim = co->delim;
    /* Perl split(/ /): every delimiter splits, trailing empty fields go. */
    char *fields[256];
    int nf = 0;
    size_t dl = strlen(delim);
    char *p = line;
    for (;;) {
        char *q = dl ? strstr(p, delim) : NULL;
        if (nf == 256) {
            ck_diag_add(d, CK_SEV_ERROR, file, lineno, 0, (size_t)-1, "more than 256 fields");
            return -1;
        }
        fields[nf++] = p;
        if (!q)
            break;
        *q = '\0';
        p = q + dl;
    }
    while (nf > 0 && !*fields[nf - 1])
        nf--;
    if (c->nfeat < 0)
        c->nfeat = nf - 1;
    else if (c->nfeat != nf - 1 && nf != 0) {
        ck_diag_add(d, CK_SEV_ERROR, file, lineno, 0, (size_t)-1,
                    "unexpected number of features: %d (%d)", nf, c->nfeat + 1);
        return -1;
    }
    static char boundary[] = "-X-", o[] = "O";
    char *bfields[3] = {boundary, o, o};
    char **f = fields;
    if (nf == 0 || eq(fields[0], boundary)) {
        f = bfields;
        nf = 3;
    }
    if (nf < 2) {
        ck_diag_add(d, CK_SEV_ERROR, file, lineno, 0, (size_t)-1,
                    "conlleval: unexpected number of features in line");
        return -1;
    }
    /* -r: raw tags are one-word chunks: X -> B-X, the outside tag -> O */
    char rawbuf[2][256];
    if (co->raw) {
        for (int k = 0; k < 2; k++) {
            char **fp = &f[nf - 1 - k];
            if (eq(*fp, co->otag))
                *fp = o;
            else if (!eq(*fp, "O")) {
                snprintf(rawbuf[k], sizeof rawbuf[k], "B-%s", *fp);
                *fp = rawbuf[k];
            }
        }
    }
    char guessed[256], correct[256];
    const char *gtype, *ctype_;
    split_tag(f[nf - 1], guessed, sizeof guessed, &gtype);
    split_tag(f[nf - 2], correct, sizeof correct, &ctype_);
    const char *first = f[0];
    int is_boundary = eq(first, boundary);
    if (is_boundary)
        strcpy(guessed, "O");

    const char *lc = c->last_correct, *lg = c->last_guessed;
    const char *lct = c->last_ctype, *lgt = c->last_gtype;
    int end_c = end_of_chunk(lc, correct, lct, ctype_);
    int end_g = end_of_chunk(lg, guessed, lgt, gtype);
    int start_c = start_of_chunk(lc, correct, lct, ctype_);
    int start_g = start_of_chunk(lg, guessed, lgt, gtype);

    if (c->in_correct) {
        if (end_c && end_g && eq(lgt, lct)) {
            c->in_correct = 0;
            c->correct_chunk++;
            ctype *t = type_get(c, lct);
            if (t)
                t->correct_chunk++;
        } else if (end_c != end_g || !eq(gtype, ctype_))
            c->in_correct = 0;
    }
    if (start_c && start_g && eq(gtype, ctype_))
        c->in_correct = 1;
    if (start_c) {
        c->found_correct++;
        ctype *t = type_get(c, ctype_);
        if (t) {
            t->found_correct++;
            t->in_fc = 1;
        }
    }
    if (start_g) {
        c->found_guessed++;
        ctype *t = type_get(c, gtype);
        if (t) {
            t->found_guessed++;
            t->in_fg = 1;
        }
    }
    if (!is_boundary) {
        if (eq(correct, guessed) && eq(gtype, ctype_))
            c->correct_tags++;
        c->tokens++;
    }
    strcpy(c->last_correct, correct);
    strcpy(c->last_guessed, guessed);
    size_t lct_n = strnlen(ctype_, sizeof c->last_ctype - 1), lgt_n = strnlen(gtype, sizeof c->last_gtype - 1);
    memcpy(c->last_ctype, ctype_, lct_n);
    c->last_ctype[lct_n] = '\0';
    memcpy(c->last_gtype, gtype, lgt_n);
    c->last_gtype[lgt_n] = '\0';
    return 0;
}

static int cmp_type(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* Perl truthiness of a string: "" and "0" are false. */
static int perl_true(const char *s) { return *s && strcmp(s, "0") != 0; }

static void print_official(conll *c, FILE *out)
{
    double precision = 0, recall = 0, fb1 = 0;
    if (c->found_guessed > 0)
        precision = 100.0 * c->correct_chunk / c->found_guessed;
    if (c->found_correct > 0)
        recall = 100.0 * c->correct_chunk / c->found_correct;
    if (precision + recall > 0)
        fb1 = 2 * precision * recall / (precision + recall);
    fprintf(out, "processed %ld tokens with %ld phrases; ", c->tokens, c->found_correct);
    fprintf(out, "found: %ld phrases; correct: %ld.\n", c->found_guessed, c->correct_chunk);
    if (c->tokens > 0) {
        fprintf(out, "accuracy: %6.2f%%; ", 100.0 * c->correct_tags / c->tokens);
        fprintf(out, "precision: %6.2f%%; ", precision);
        fprintf(out, "recall: %6.2f%%; ", recall);
        fprintf(out, "FB1: %6.2f\n", fb1);
    }
    /* sort(keys %foundCorrect, keys %foundGuessed), then drop a name equal
     * to the previous one unless the previous is Perl-false */
    const char **keys = malloc((2 * c->n + 1) * sizeof *keys);
    size_t nk = 0;
    if (!keys)
        return;
    for (size_t i = 0; i < c->n; i++) {
        if (c->t[i].in_fc)
            keys[nk++] = c->t[i].name;
        if (c->t[i].in_fg)
            keys[nk++] = c->t[i].name;
    }
    qsort(keys, nk, sizeof *keys, cmp_type);
    const char *last = NULL;
    for (size_t i = 0; i < nk; i++) {
        const char *name = keys[i];
        int push = !last || !perl_true(last) || strcmp(last, name) != 0;
        last = name;
        if (!push)
            continue;
        ctype *t = type_get(c, name);
        double p = 0, r = 0, f = 0;
        if (t->found_guessed)
            p = 100.0 * t->correct_chunk / t->found_guessed;
        if (t->found_correct)
            r = 100.0 * t->correct_chunk / t->found_correct;
        if (p + r != 0.0)
            f = 2 * p * r / (p + r);
        fprintf(out, "%17s: ", name);
        fprintf(out, "precision: %6.2f%%; ", p);
        fprintf(out, "recall: %6.2f%%; ", r);
        fprintf(out, "FB1: %6.2f  %ld\n", f, t->found_guessed);
    }
    free(keys);
}

static void add_row(rep *r, const char *label, long gold, long sys, long corr)
{
    double p = sys ? (double)corr / sys : 0, rc = gold ? (double)corr / gold : 0;
    double v[6] = {(double)gold, (double)sys, (double)corr, p, rc,
                   p + rc > 0 ? 2 * p * rc / (p + rc) : 0};
    rep_row_add(r, label, v);
}

static void print_report(conll *c, FILE *out, ck_eval_format fmt)
{
    rep r;
    rep_init(&r, "conll");
    static const char *const cols[] = {"gold", "system", "correct", "precision", "recall", "f1"};
    rep_section_add(&r, "chunks", 6, cols);
    for (size_t i = 0; i < c->n; i++)
        if (c->t[i].in_fc || c->t[i].in_fg)
            add_row(&r, c->t[i].name, c->t[i].found_correct, c->t[i].found_guessed,
                    c->t[i].correct_chunk);
    add_row(&r, "overall", c->found_correct, c->found_guessed, c->correct_chunk);
    rep_note(&r, "%ld tokens, accuracy %.4f", c->tokens,
             c->tokens ? (double)c->correct_tags / c->tokens : 0.0);
    rep_print(&r, out, fmt);
    rep_free(&r);
}

static int cmp_ctype(const void *a, const void *b)
{
    return strcmp(((const ctype *)a)->name, ((const ctype *)b)->name);
}

/* Feed the pasted lines of one gold file and one system file. */
static int feed(conll *c, const char *g, size_t gn, const char *s, size_t sn,
                const conll_opts *co, const char *file, ck_diag *d)
{
    ck_buf line;
    ck_buf_init(&line);
    size_t gi = 0, si = 0, lineno = 0;
    int rc = 0;
    while (gi < gn || si < sn) {
        const char *ge = memchr(g + gi, '\n', gn - gi);
        const char *se = memchr(s + si, '\n', sn - si);
        size_t gl = ge ? (size_t)(ge - (g + gi)) : gn - gi;
        size_t sl = se ? (size_t)(se - (s + si)) : sn - si;
        ck_buf_reset(&line);
        ck_buf_add(&line, g + gi, gl);
        ck_buf_addc(&line, ' '); /* paste -d ' ' */
        ck_buf_add(&line, s + si, sl);
        gi += gl + (ge ? 1 : 0);
        si += sl + (se ? 1 : 0);
        lineno++;
        if (line.failed || conll_line(c, (char *)ck_buf_str(&line), co, d, file, lineno)) {
            rc = -1;
            break;
        }
    }
    ck_buf_free(&line);
    return rc;
}

static ck_status conll_run(const char *gold, const char *system, ck_opts opts,
                           FILE *out, ck_eval_format fmt, ck_diag *d)
{
    conll_opts co = {ck_opt(opts, "delimiter"), ck_opt(opts, "outside"), sc_flag(opts, "raw")};
    if (!co.delim)
        co.delim = " ";
    if (!co.otag)
        co.otag = "O";
    sc_strv names = {0};
    ck_status rc = CK_OK;
    if ((rc = sc_list_files(gold, NULL, &names, d)))
        return rc;
    int single = names.n == 1 && !ck_is_dir(gold); /* a file: name it by its path */
    conll c = {0};
    c.nfeat = -1;
    strcpy(c.last_correct, "O");
    strcpy(c.last_guessed, "O");
    sc_tree gtree = {NULL}, stree = {NULL};
    if (!(rc = sc_tree_open(&gtree, gold, d)))
        rc = sc_tree_open(&stree, system, d);
    for (size_t i = 0; i < names.n && !rc; i++) {
        char *g = NULL, *s = NULL;
        size_t gn = 0, sn = 0;
        rc = sc_tree_load(&gtree, names.v[i], &g, &gn, d);
        if (!rc)
            rc = sc_tree_load(&stree, names.v[i], &s, &sn, d);
        if (!rc && feed(&c, g, gn, s, sn, &co, single ? gold : names.v[i], d))
            rc = CK_ERR_PARSE;
        free(g);
        free(s);
    }
    sc_tree_close(&gtree);
    sc_tree_close(&stree);
    if (!rc && c.in_correct) {
        c.correct_chunk++;
        ctype *t = type_get(&c, c.last_ctype);
        if (t)
            t->correct_chunk++;
    }
    if (!rc) {
        if (fmt == CK_EVAL_OFFICIAL)
            print_official(&c, out);
        else {
            if (c.n)
                qsort(c.t, c.n, sizeof *c.t, cmp_ctype);
            print_report(&c, out, fmt);
        }
    }
    for (size_t i = 0; i < c.n; i++)
        free(c.t[i].name);
    free(c.t);
    sc_strv_free(&names);
    return rc;
}

static const char *const conll_keys[] = {"delimiter", "raw", "outside", NULL};

const ck_scorer ck_scorer_conll = {
    .id = "conll",
    .summary = "conlleval.pl 2004-01-26: chunk P/R/F1 per type, token accuracy",
    .inputs = "GOLD: 'TOKEN ... TAG' lines, blank line between sentences; SYSTEM: one "
              "tag per line, aligned (line i of both is joined like paste -d ' '); "
              "files, or folders of same-named files",
    .options = conll_keys,
    .options_help = "  --opt delimiter=S   field separator (conlleval -d; default one space)\n"
                    "  --opt raw=1         tags without B-/I- prefixes, one word per chunk (-r)\n"
                    "  --opt outside=T     the outside tag for raw=1 (-o; default O)\n",
    .run = conll_run,
};
