/*
 * anafora_eval.c — the Anafora evaluation (anaforatools' anafora.evaluate).
 *
 * Each annotation is turned into keys, one per "view", and a view's score
 * adds, per document, |ref set|, |pred set| and |intersection| — sets, so
 * duplicates collapse. The views of an annotation of type T:
 *   "*" and "T"               spans + type + every property (annotation-valued
 *                             properties compared recursively, whole)
 *   "*:<span>", "T:<span>"    spans only
 *   "T:P"                     spans + the value of P (an annotation-valued
 *                             property contributes only its spans)
 *   "T:P:V"                   the same, for annotations whose P is V
 * A relation's spans are the spans of its annotation-valued properties, in
 * property order. P = 1 when nothing is predicted, R = 1 when nothing is
 * referenced. A reference document without predicted file scores against
 * nothing; predicted documents without reference are ignored; a predicted
 * file with a self-referential annotation is scored as empty.
 * --overlap marks each entity's fragments in the keys and compares keys with
 * ck_ana_key_eq (anafora_overlap.c); every document also gets its own rows
 * (--per-document). Files are read by anafora_xml.c, printed by
 * anafora_scorer.c.
 */
#include <dirent.h>
#include <regex.h>
#include <stdlib.h>
#include <string.h>

#include "anafora_closure.h"
#include "anafora_eval.h"
#include "anafora_xml.h"
#include "clinkit/io.h"
#include "core/buf.h"

/* ---- keys ---- */

enum { SEP = 0x1f };

static int spans_key(ana_file *f, ana_ann *a, ck_buf *b, int depth)
{
    if (depth > 64)
        return -1;
    if (!a->relation) {
        if (f->mark) /* --overlap: an entity's fragments compare as one */
            ck_buf_addc(b, CK_ANA_SPANS_OPEN);
        ck_buf_addc(b, '(');
        /* as Python: tuple(int(x) for x in span.split(",")) per ";" part */
        const char *s = a->span ? a->span : "";
        while (*s) {
            char *end;
            long x = strtol(s, &end, 10);
            ck_buf_addf(b, "%ld", x);
            s = end;
            while (*s == ' ')
                s++;
            if (*s == ',' || *s == ';') {
                ck_buf_addc(b, *s == ';' ? ')' : ',');
                if (*s == ';')
                    ck_buf_addc(b, '(');
                s++;
            } else if (*s)
                s++;
        }
        ck_buf_addc(b, ')');
        if (f->mark)
            ck_buf_addc(b, CK_ANA_SPANS_CLOSE);
        return 0;
    }
    ck_buf_addc(b, '[');
    for (size_t k = 0; k < a->n_props; k++) {
        ana_ann *v = ck_ana_by_id(f, a->props[k].value);
        if (v && spans_key(f, v, b, depth + 1))
            return -1;
    }
    ck_buf_addc(b, ']');
    return 0;
}

static int cmp_prop(const void *x, const void *y)
{
    return strcmp(((const ana_prop *)x)->name, ((const ana_prop *)y)->name);
}

static int full_key(ana_file *f, ana_ann *a, ck_buf *b, int depth)
{
    if (depth > 64)
        return -1;
    ck_buf_addf(b, "%s%c", a->type ? a->type : "", SEP);
    if (spans_key(f, a, b, depth))
        return -1;
    ana_prop *sorted = malloc((a->n_props + 1) * sizeof *sorted);
    memcpy(sorted, a->props, a->n_props * sizeof *sorted);
    qsort(sorted, a->n_props, sizeof *sorted, cmp_prop);
    ck_buf_addc(b, '{');
    int rc = 0;
    for (size_t k = 0; k < a->n_props && !rc; k++) {
        ck_buf_addf(b, "%s=", sorted[k].name);
        ana_ann *v = ck_ana_by_id(f, sorted[k].value);
        if (v) {
            ck_buf_addc(b, '<');
            rc = full_key(f, v, b, depth + 1);
            ck_buf_addc(b, '>');
        } else
            ck_buf_addf(b, "\"%s\"", sorted[k].value ? sorted[k].value : "");
        ck_buf_addc(b, SEP);
    }
    ck_buf_addc(b, '}');
    free(sorted);
    return rc;
}

/* ---- views: name -> set of keys, per document ---- */

typedef struct view {
    char *name;
    int closure;
    char **ref, **pred;
    size_t n_ref, n_pred;
} view;

typedef struct views {
    view *v;
    size_t n;
    int overlap;
} views;

static view *get_view(views *vs, const char *name)
{
    for (size_t i = 0; i < vs->n; i++)
        if (!strcmp(vs->v[i].name, name))
            return &vs->v[i];
    vs->v = realloc(vs->v, (vs->n + 1) * sizeof *vs->v);
    view *v = &vs->v[vs->n++];
    memset(v, 0, sizeof *v);
    v->name = strdup(name);
    return v;
}

/* Sets as Python builds them: a key equal to one already in is dropped
 * (with --overlap "equal" is not transitive: the first one in file order
 * stays). */
static void add_key(char ***set, size_t *n, const char *key, int overlap)
{
    for (size_t i = 0; i < *n; i++)
        if (ck_ana_key_eq((*set)[i], key, overlap))
            return;
    *set = realloc(*set, (*n + 1) * sizeof **set);
    (*set)[(*n)++] = strdup(key);
}

static int selected(const ck_ana_opts *o, const char *name)
{
    /* a view is kept when it, or a prefix of it at a ':' boundary, is listed */
    if (o->include) {
        int hit = 0;
        for (size_t i = 0; o->include[i] && !hit; i++) {
            size_t k = strlen(o->include[i]);
            hit = !strncmp(name, o->include[i], k) && (name[k] == '\0' || name[k] == ':');
        }
        if (!hit)
            return 0;
    }
    for (size_t i = 0; o->exclude && o->exclude[i]; i++) {
        size_t k = strlen(o->exclude[i]);
        if (!strncmp(name, o->exclude[i], k) && (name[k] == '\0' || name[k] == ':'))
            return 0;
    }
    return 1;
}

static void put(views *vs, const ck_ana_opts *o, int pred, const char *name, const char *key,
                int closure)
{
    if (!selected(o, name))
        return;
    view *v = get_view(vs, name);
    v->closure |= closure;
    if (pred)
        add_key(&v->pred, &v->n_pred, key, vs->overlap);
    else
        add_key(&v->ref, &v->n_ref, key, vs->overlap);
}

/* For temporal closure: "source spans SEP2 target spans SEP2" of a relation
 * with Source and Target annotations (written to b if not NULL); 0 if the
 * relation has no such pair. */
enum { SEP2 = 0x1e };
static int closure_key(ana_file *f, ana_ann *a, ck_buf *b)
{
    ana_ann *src = NULL, *tgt = NULL;
    for (size_t k = 0; k < a->n_props; k++) {
        if (!strcmp(a->props[k].name, "Source"))
            src = ck_ana_by_id(f, a->props[k].value);
        else if (!strcmp(a->props[k].name, "Target"))
            tgt = ck_ana_by_id(f, a->props[k].value);
    }
    if (!src || !tgt)
        return 0;
    if (b) {
        spans_key(f, src, b, 0);
        ck_buf_addc(b, SEP2);
        spans_key(f, tgt, b, 0);
        ck_buf_addc(b, SEP2);
    }
    return 1;
}

static void add_file(views *vs, const ck_ana_opts *o, ana_file *f, int pred)
{
    f->mark = o->overlap;
    ck_buf full, sp, name, key;
    ck_buf_init(&full);
    ck_buf_init(&sp);
    ck_buf_init(&name);
    ck_buf_init(&key);
    for (size_t i = 0; i < f->n; i++) {
        ana_ann *a = &f->a[i];
        const char *t = a->type ? a->type : "";
        ck_buf_reset(&full);
        ck_buf_reset(&sp);
        full_key(f, a, &full, 0);
        spans_key(f, a, &sp, 0);
        put(vs, o, pred, "*", ck_buf_str(&full), 0);
        put(vs, o, pred, "*:<span>", ck_buf_str(&sp), 0);
        put(vs, o, pred, t, ck_buf_str(&full), 0);
        ck_buf_reset(&name);
        ck_buf_addf(&name, "%s:<span>", t);
        put(vs, o, pred, ck_buf_str(&name), ck_buf_str(&sp), 0);
        int closure = o->temporal_closure && a->relation && closure_key(f, a, NULL);
        for (size_t k = 0; k < a->n_props; k++) {
            ana_prop *p = &a->props[k];
            ana_ann *v = ck_ana_by_id(f, p->value);
            ck_buf_reset(&key);
            int cl = closure && !v && !strcmp(p->name, "Type");
            if (cl) {
                closure_key(f, a, &key);
                ck_buf_adds(&key, p->value ? p->value : "");
            } else {
                ck_buf_addf(&key, "%s%c", ck_buf_str(&sp), SEP);
                if (v)
                    spans_key(f, v, &key, 0);
                else
                    ck_buf_adds(&key, p->value ? p->value : "");
            }
            ck_buf_reset(&name);
            ck_buf_addf(&name, "%s:%s", t, p->name);
            put(vs, o, pred, ck_buf_str(&name), ck_buf_str(&key), cl);
            if (!v && p->value && *p->value) { /* None: no value row */
                ck_buf_addf(&name, ":%s", p->value);
                put(vs, o, pred, ck_buf_str(&name), ck_buf_str(&key), cl);
            }
        }
    }
    ck_buf_free(&full);
    ck_buf_free(&sp);
    ck_buf_free(&name);
    ck_buf_free(&key);
}

static int self_referential(ana_file *f)
{
    for (size_t i = 0; i < f->n; i++) {
        ck_buf b;
        ck_buf_init(&b);
        int bad = full_key(f, &f->a[i], &b, 0) != 0;
        for (size_t k = 0; k < f->a[i].n_props && !bad; k++)
            bad = f->a[i].id && f->a[i].props[k].value &&
                  !strcmp(f->a[i].id, f->a[i].props[k].value);
        ck_buf_free(&b);
        if (bad)
            return 1;
    }
    return 0;
}

/* ---- folders ---- */

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Sorted names in dir (files or folders), not starting with '.'. */
static char **list(const char *dir, int want_dirs, const regex_t *re, size_t *n)
{
    *n = 0;
    DIR *dp = opendir(dir);
    if (!dp)
        return NULL;
    char **v = NULL;
    struct dirent *de;
    while ((de = readdir(dp))) {
        if (de->d_name[0] == '.')
            continue;
        char path[4096];
        snprintf(path, sizeof path, "%s/%s", dir, de->d_name);
        if (ck_is_dir(path) != want_dirs)
            continue;
        if (re && regexec(re, de->d_name, 0, NULL, 0) != 0)
            continue;
        v = realloc(v, (*n + 1) * sizeof *v);
        v[(*n)++] = strdup(de->d_name);
    }
    closedir(dp);
    if (v)
        qsort(v, *n, sizeof *v, cmp_str);
    return v;
}

static void free_list(char **v, size_t n)
{
    for (size_t i = 0; i < n; i++)
        free(v[i]);
    free(v);
}

/* Split closure keys into relations, keeping only known types. */
static size_t to_trels(char **keys, size_t n, ck_trel *out, ck_diag *d)
{
    size_t k = 0;
    for (size_t i = 0; i < n; i++) {
        char *a = keys[i], *b = strchr(a, SEP2), *c = b ? strchr(b + 1, SEP2) : NULL;
        if (!c)
            continue;
        *b = *c = '\0';
        if (!ck_closure_known(c + 1)) {
            ck_diag_warn(d, NULL, 0, "relation type \"%s\" has no temporal closure rule: ignored",
                         c + 1);
            continue;
        }
        out[k++] = (ck_trel){a, b + 1, c + 1};
    }
    return k;
}

static void score_closure(ck_ana_row *r, view *v, ck_diag *d)
{
    ck_trel *ref = malloc((v->n_ref + 1) * sizeof *ref);
    ck_trel *pred = malloc((v->n_pred + 1) * sizeof *pred);
    size_t nr = ck_closure_dedupe(ref, to_trels(v->ref, v->n_ref, ref, d));
    size_t np = ck_closure_dedupe(pred, to_trels(v->pred, v->n_pred, pred, d));
    r->closure = 1;
    r->ref += nr;
    r->pred += np;
    r->pc += ck_closure_count(ref, nr, pred, np);
    r->rc += ck_closure_count(pred, np, ref, nr);
    free(ref);
    free(pred);
}

static int cmp_row(const void *x, const void *y)
{
    /* Python sorts the key tuples: compare ':'-separated parts in turn */
    const char *a = ((const ck_ana_row *)x)->name, *b = ((const ck_ana_row *)y)->name;
    for (;;) {
        size_t la = strcspn(a, ":"), lb = strcspn(b, ":");
        size_t m = la < lb ? la : lb;
        int c = memcmp(a, b, m);
        if (c)
            return c;
        if (la != lb)
            return la < lb ? -1 : 1;
        if (!a[la] || !b[lb])
            return (a[la] != 0) - (b[lb] != 0);
        a += la + 1;
        b += lb + 1;
    }
}

/* A view's row for one document: |ref|, |pred| and |ref & pred|. Python's
 * set intersection walks the smaller set (pred when both are the same
 * size) and keeps its members equal to some member of the other: with
 * --overlap's non-transitive equality that count depends on the side
 * walked, so it is done the same way here. */
static void score_view(ck_ana_row *r, const view *v, int overlap)
{
    int walk_pred = v->n_pred <= v->n_ref;
    char **walk = walk_pred ? v->pred : v->ref, **other = walk_pred ? v->ref : v->pred;
    size_t nw = walk_pred ? v->n_pred : v->n_ref, no = walk_pred ? v->n_ref : v->n_pred;
    r->ref = v->n_ref;
    r->pred = v->n_pred;
    r->corr = 0;
    for (size_t a = 0; a < nw; a++)
        for (size_t b = 0; b < no; b++)
            if (ck_ana_key_eq(walk[a], other[b], overlap)) {
                r->corr++;
                break;
            }
}

static ck_ana_row *find_row(ck_ana_row **rows, size_t *n, const char *name)
{
    for (size_t j = 0; j < *n; j++)
        if (!strcmp((*rows)[j].name, name))
            return &(*rows)[j];
    ck_ana_row *nr = realloc(*rows, (*n + 1) * sizeof *nr);
    if (!nr)
        return NULL;
    *rows = nr;
    ck_ana_row *r = &nr[(*n)++];
    memset(r, 0, sizeof *r);
    r->name = strdup(name);
    return r;
}

static void finish_rows(ck_ana_row *rows, size_t n)
{
    for (size_t j = 0; j < n; j++) {
        ck_ana_row *r = &rows[j];
        size_t pc = r->closure ? r->pc : r->corr, rcorr = r->closure ? r->rc : r->corr;
        r->p = r->pred ? (double)pc / (double)r->pred : 1.0;
        r->r = r->ref ? (double)rcorr / (double)r->ref : 1.0;
        r->f1 = r->p + r->r == 0 ? 0.0 : 2 * r->p * r->r / (r->p + r->r);
    }
    if (rows)
        qsort(rows, n, sizeof *rows, cmp_row);
}

/* Score one document's views into its own rows (*dr) and add them to the
 * overall rows (*acc). */
static void score_doc(views *vs, ck_ana_row **dr, size_t *n_dr, ck_ana_row **acc,
                      size_t *n_acc, ck_diag *d)
{
    for (size_t k = 0; k < vs->n; k++) {
        view *v = &vs->v[k];
        ck_ana_row *r = find_row(dr, n_dr, v->name);
        if (r && v->closure)
            score_closure(r, v, d);
        else if (r)
            score_view(r, v, vs->overlap);
        ck_ana_row *t = r ? find_row(acc, n_acc, v->name) : NULL;
        if (t) {
            t->closure |= r->closure;
            t->ref += r->ref;
            t->pred += r->pred;
            t->corr += r->corr;
            t->pc += r->pc;
            t->rc += r->rc;
        }
        free_list(v->ref, v->n_ref);
        free_list(v->pred, v->n_pred);
        free(v->name);
    }
    free(vs->v);
    vs->v = NULL;
    vs->n = 0;
}

ck_status ck_ana_score_docs(const char *gold_dir, const char *sys_dir, const ck_ana_opts *o,
                            ck_ana_row **rows, size_t *n_rows, ck_ana_doc **docs_out,
                            size_t *n_docs_out, ck_diag *d)
{
    *rows = NULL;
    *n_rows = 0;
    if (docs_out) {
        *docs_out = NULL;
        *n_docs_out = 0;
    }
    if (o->overlap && o->temporal_closure) {
        ck_diag_add(d, CK_SEV_ERROR, NULL, 0, 0, (size_t)-1,
                    "--overlap and --temporal-closure cannot be combined");
        return CK_ERR_USAGE;
    }
    regex_t re;
    if (regcomp(&re, o->xml_regex ? o->xml_regex : "[.]xml$", REG_EXTENDED | REG_NOSUB)) {
        ck_diag_add(d, CK_SEV_ERROR, NULL, 0, 0, (size_t)-1, "invalid -x regular expression");
        return CK_ERR_USAGE;
    }
    ck_ana_row *acc = NULL;
    size_t n_acc = 0;
    ck_ana_doc *out = NULL;
    size_t n_out = 0;
    size_t n_docs;
    char **docs = list(gold_dir, 1, NULL, &n_docs);
    ck_status rc = CK_OK;
    for (size_t i = 0; i < n_docs && rc == CK_OK; i++) {
        char gd[4096], sd[4096], path[8192];
        snprintf(gd, sizeof gd, "%s/%s", gold_dir, docs[i]);
        snprintf(sd, sizeof sd, "%s/%s", sys_dir, docs[i]);
        size_t ng, ns;
        char **gx = list(gd, 0, &re, &ng), **sx = list(sd, 0, &re, &ns);
        ana_file g = {0}, s = {0};
        if (ng) {
            snprintf(path, sizeof path, "%s/%s", gd, gx[0]);
            rc = ck_ana_load(path, &g, d);
            if (rc == CK_OK && ns) {
                snprintf(path, sizeof path, "%s/%s", sd, sx[0]);
                rc = ck_ana_load(path, &s, d);
                if (rc == CK_OK && self_referential(&s)) {
                    ck_diag_warn(d, path, 0, "self-referential annotation: prediction scored as empty");
                    ck_ana_file_free(&s);
                    memset(&s, 0, sizeof s);
                }
            } else if (rc == CK_OK)
                ck_diag_warn(d, sd, 0, "no predicted file: scored as empty");
            if (rc == CK_OK) {
                views vs = {.overlap = o->overlap};
                add_file(&vs, o, &g, 0);
                add_file(&vs, o, &s, 1);
                ck_ana_row *dr = NULL;
                size_t n_dr = 0;
                score_doc(&vs, &dr, &n_dr, &acc, &n_acc, d);
                ck_ana_doc *no = docs_out ? realloc(out, (n_out + 1) * sizeof *no) : NULL;
                if (no) {
                    out = no;
                    finish_rows(dr, n_dr);
                    out[n_out++] = (ck_ana_doc){strdup(docs[i]), dr, n_dr};
                } else
                    ck_ana_rows_free(dr, n_dr);
            }
        }
        ck_ana_file_free(&g);
        ck_ana_file_free(&s);
        free_list(gx, ng);
        free_list(sx, ns);
    }
    free_list(docs, n_docs);
    regfree(&re);
    finish_rows(acc, n_acc);
    *rows = acc;
    *n_rows = n_acc;
    if (docs_out) {
        *docs_out = out;
        *n_docs_out = n_out;
    }
    return rc;
}

ck_status ck_ana_score(const char *gold_dir, const char *sys_dir, const ck_ana_opts *o,
                       ck_ana_row **rows, size_t *n_rows, ck_diag *d)
{
    return ck_ana_score_docs(gold_dir, sys_dir, o, rows, n_rows, NULL, NULL, d);
}

void ck_ana_rows_free(ck_ana_row *rows, size_t n)
{
    for (size_t i = 0; i < n; i++)
        free(rows[i].name);
    free(rows);
}

void ck_ana_docs_free(ck_ana_doc *docs, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        free(docs[i].name);
        ck_ana_rows_free(docs[i].rows, docs[i].n_rows);
    }
    free(docs);
}
