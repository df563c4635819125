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
 */
#include <dirent.h>
#include <regex.h>
#include <stdlib.h>
#include <string.h>

#include <expat.h>

#include "anafora_closure.h"
#include "anafora_eval.h"
#include "clinkit/io.h"
#include "core/buf.h"

/* ---- the annotations of one file ---- */

typedef struct prop {
    char *name, *value;
} prop;

typedef struct ann {
    char *id, *type;
    int relation;
    char *span; /* raw "s,e;s,e" (entities) */
    prop *props;
    size_t n_props;
} ann;

typedef struct file {
    ann *a;
    size_t n;
    /* parser state */
    int depth, in_ann, in_props;
    ck_buf text;
    int bad;
} file;

static void file_free(file *f)
{
    for (size_t i = 0; i < f->n; i++) {
        free(f->a[i].id);
        free(f->a[i].type);
        free(f->a[i].span);
        for (size_t k = 0; k < f->a[i].n_props; k++) {
            free(f->a[i].props[k].name);
            free(f->a[i].props[k].value);
        }
        free(f->a[i].props);
    }
    free(f->a);
    ck_buf_free(&f->text);
}

static char *trimdup(const char *s)
{
    while (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r')
        s++;
    size_t n = strlen(s);
    while (n && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\n' || s[n - 1] == '\r'))
        n--;
    return strndup(s, n);
}

static void XMLCALL on_start(void *u, const XML_Char *name, const XML_Char **atts)
{
    (void)atts;
    file *f = u;
    f->depth++;
    ck_buf_reset(&f->text);
    if (f->depth == 3 && (!strcmp(name, "entity") || !strcmp(name, "relation"))) {
        ann *na = realloc(f->a, (f->n + 1) * sizeof *na);
        if (!na) {
            f->bad = 1;
            return;
        }
        f->a = na;
        memset(&f->a[f->n], 0, sizeof *f->a);
        f->a[f->n].relation = name[0] == 'r';
        f->n++;
        f->in_ann = 1;
    } else if (f->in_ann && f->depth == 4 && !strcmp(name, "properties"))
        f->in_props = 1;
}

static void XMLCALL on_end(void *u, const XML_Char *name)
{
    file *f = u;
    if (f->in_ann && f->n) {
        ann *a = &f->a[f->n - 1];
        const char *t = ck_buf_str(&f->text);
        if (f->depth == 4 && !strcmp(name, "id"))
            free(a->id), a->id = trimdup(t);
        else if (f->depth == 4 && !strcmp(name, "type"))
            free(a->type), a->type = trimdup(t);
        else if (f->depth == 4 && !strcmp(name, "span"))
            free(a->span), a->span = trimdup(t);
        else if (f->depth == 5 && f->in_props) {
            /* a repeated property name: the last one wins, as in a dict */
            prop *p = NULL;
            for (size_t k = 0; k < a->n_props; k++)
                if (!strcmp(a->props[k].name, name))
                    p = &a->props[k];
            if (!p) {
                prop *np = realloc(a->props, (a->n_props + 1) * sizeof *np);
                if (!np) {
                    f->bad = 1;
                    return;
                }
                a->props = np;
                p = &a->props[a->n_props++];
                p->name = strdup(name);
                p->value = NULL;
            }
            free(p->value);
            p->value = trimdup(t);
        } else if (f->depth == 4 && !strcmp(name, "properties"))
            f->in_props = 0;
        else if (f->depth == 3)
            f->in_ann = 0;
    }
    ck_buf_reset(&f->text);
    f->depth--;
}

static void XMLCALL on_text(void *u, const XML_Char *s, int len)
{
    ck_buf_add(&((file *)u)->text, s, (size_t)len);
}

static void XMLCALL on_entity_decl(void *u, const XML_Char *name, int pe, const XML_Char *v,
                                   int vl, const XML_Char *b, const XML_Char *sys,
                                   const XML_Char *pub, const XML_Char *notation)
{
    (void)name, (void)pe, (void)v, (void)vl, (void)b, (void)sys, (void)pub, (void)notation;
    file *f = u;
    f->bad = 2; /* entity declarations are refused: no expansion, no external files */
}

static ck_status load(const char *path, file *f, ck_diag *d)
{
    memset(f, 0, sizeof *f);
    char *data;
    size_t len;
    ck_status rc = ck_read_file(path, &data, &len, d);
    if (rc)
        return rc;
    XML_Parser p = XML_ParserCreate("UTF-8");
    XML_SetUserData(p, f);
    XML_SetElementHandler(p, on_start, on_end);
    XML_SetCharacterDataHandler(p, on_text);
    XML_SetEntityDeclHandler(p, on_entity_decl);
    if (XML_Parse(p, data, (int)len, 1) == XML_STATUS_ERROR || f->bad) {
        ck_diag_add(d, CK_SEV_ERROR, path, XML_GetCurrentLineNumber(p),
                    XML_GetCurrentColumnNumber(p) + 1, (size_t)-1, "%s",
                    f->bad == 2 ? "entity declarations are not allowed"
                                : f->bad ? "out of memory"
                                         : XML_ErrorString(XML_GetErrorCode(p)));
        rc = CK_ERR_PARSE;
    }
    XML_ParserFree(p);
    free(data);
    return rc;
}

static ann *by_id(file *f, const char *id)
{
    for (size_t i = 0; id && i < f->n; i++)
        if (f->a[i].id && !strcmp(f->a[i].id, id))
            return &f->a[i];
    return NULL;
}

/* ---- keys ---- */

enum { SEP = 0x1f };

static int spans_key(file *f, ann *a, ck_buf *b, int depth)
{
    if (depth > 64)
        return -1;
    if (!a->relation) {
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
        return 0;
    }
    ck_buf_addc(b, '[');
    for (size_t k = 0; k < a->n_props; k++) {
        ann *v = by_id(f, a->props[k].value);
        if (v && spans_key(f, v, b, depth + 1))
            return -1;
    }
    ck_buf_addc(b, ']');
    return 0;
}

static int cmp_prop(const void *x, const void *y)
{
    return strcmp(((const prop *)x)->name, ((const prop *)y)->name);
}

static int full_key(file *f, ann *a, ck_buf *b, int depth)
{
    if (depth > 64)
        return -1;
    ck_buf_addf(b, "%s%c", a->type ? a->type : "", SEP);
    if (spans_key(f, a, b, depth))
        return -1;
    prop *sorted = malloc((a->n_props + 1) * sizeof *sorted);
    memcpy(sorted, a->props, a->n_props * sizeof *sorted);
    qsort(sorted, a->n_props, sizeof *sorted, cmp_prop);
    ck_buf_addc(b, '{');
    int rc = 0;
    for (size_t k = 0; k < a->n_props && !rc; k++) {
        ck_buf_addf(b, "%s=", sorted[k].name);
        ann *v = by_id(f, sorted[k].value);
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

static void add_key(char ***set, size_t *n, const char *key)
{
    for (size_t i = 0; i < *n; i++)
        if (!strcmp((*set)[i], key))
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
        add_key(&v->pred, &v->n_pred, key);
    else
        add_key(&v->ref, &v->n_ref, key);
}

/* For temporal closure: "source spans SEP2 target spans SEP2" of a relation
 * with Source and Target annotations (written to b if not NULL); 0 if the
 * relation has no such pair. */
enum { SEP2 = 0x1e };
static int closure_key(file *f, ann *a, ck_buf *b)
{
    ann *src = NULL, *tgt = NULL;
    for (size_t k = 0; k < a->n_props; k++) {
        if (!strcmp(a->props[k].name, "Source"))
            src = by_id(f, a->props[k].value);
        else if (!strcmp(a->props[k].name, "Target"))
            tgt = by_id(f, a->props[k].value);
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

static void add_file(views *vs, const ck_ana_opts *o, file *f, int pred)
{
    ck_buf full, sp, name, key;
    ck_buf_init(&full);
    ck_buf_init(&sp);
    ck_buf_init(&name);
    ck_buf_init(&key);
    for (size_t i = 0; i < f->n; i++) {
        ann *a = &f->a[i];
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
            prop *p = &a->props[k];
            ann *v = by_id(f, p->value);
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

static int self_referential(file *f)
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

ck_status ck_ana_score(const char *gold_dir, const char *sys_dir, const ck_ana_opts *o,
                       ck_ana_row **rows, size_t *n_rows, ck_diag *d)
{
    *rows = NULL;
    *n_rows = 0;
    regex_t re;
    if (regcomp(&re, o->xml_regex ? o->xml_regex : "[.]xml$", REG_EXTENDED | REG_NOSUB)) {
        ck_diag_add(d, CK_SEV_ERROR, NULL, 0, 0, (size_t)-1, "invalid -x regular expression");
        return CK_ERR_USAGE;
    }
    ck_ana_row *acc = NULL;
    size_t n_acc = 0;
    size_t n_docs;
    char **docs = list(gold_dir, 1, NULL, &n_docs);
    ck_status rc = CK_OK;
    for (size_t i = 0; i < n_docs && rc == CK_OK; i++) {
        char gd[4096], sd[4096], path[8192];
        snprintf(gd, sizeof gd, "%s/%s", gold_dir, docs[i]);
        snprintf(sd, sizeof sd, "%s/%s", sys_dir, docs[i]);
        size_t ng, ns;
        char **gx = list(gd, 0, &re, &ng), **sx = list(sd, 0, &re, &ns);
        file g = {0}, s = {0};
        if (ng) {
            snprintf(path, sizeof path, "%s/%s", gd, gx[0]);
            rc = load(path, &g, d);
            if (rc == CK_OK && ns) {
                snprintf(path, sizeof path, "%s/%s", sd, sx[0]);
                rc = load(path, &s, d);
                if (rc == CK_OK && self_referential(&s)) {
                    ck_diag_warn(d, path, 0, "self-referential annotation: prediction scored as empty");
                    file_free(&s);
                    memset(&s, 0, sizeof s);
                }
            } else if (rc == CK_OK)
                ck_diag_warn(d, sd, 0, "no predicted file: scored as empty");
            if (rc == CK_OK) {
                views vs = {0};
                add_file(&vs, o, &g, 0);
                add_file(&vs, o, &s, 1);
                for (size_t k = 0; k < vs.n; k++) {
                    view *v = &vs.v[k];
                    ck_ana_row *r = NULL;
                    for (size_t j = 0; j < n_acc && !r; j++)
                        if (!strcmp(acc[j].name, v->name))
                            r = &acc[j];
                    if (!r) {
                        acc = realloc(acc, (n_acc + 1) * sizeof *acc);
                        r = &acc[n_acc++];
                        memset(r, 0, sizeof *r);
                        r->name = strdup(v->name);
                    }
                    if (v->closure) {
                        score_closure(r, v, d);
                        goto next;
                    }
                    r->ref += v->n_ref;
                    r->pred += v->n_pred;
                    for (size_t a = 0; a < v->n_ref; a++)
                        for (size_t b = 0; b < v->n_pred; b++)
                            if (!strcmp(v->ref[a], v->pred[b])) {
                                r->corr++;
                                break;
                            }
                next:
                    free_list(v->ref, v->n_ref);
                    free_list(v->pred, v->n_pred);
                    free(v->name);
                }
                free(vs.v);
            }
        }
        file_free(&g);
        file_free(&s);
        free_list(gx, ng);
        free_list(sx, ns);
    }
    free_list(docs, n_docs);
    regfree(&re);
    for (size_t j = 0; j < n_acc; j++) {
        ck_ana_row *r = &acc[j];
        size_t pc = r->closure ? r->pc : r->corr, rcorr = r->closure ? r->rc : r->corr;
        r->p = r->pred ? (double)pc / (double)r->pred : 1.0;
        r->r = r->ref ? (double)rcorr / (double)r->ref : 1.0;
        r->f1 = r->p + r->r == 0 ? 0.0 : 2 * r->p * r->r / (r->p + r->r);
    }
    if (acc)
        qsort(acc, n_acc, sizeof *acc, cmp_row);
    *rows = acc;
    *n_rows = n_acc;
    return rc;
}

void ck_ana_rows_free(ck_ana_row *rows, size_t n)
{
    for (size_t i = 0; i < n; i++)
        free(rows[i].name);
    free(rows);
}

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

/* ---- the registered scorer ---- */

#include "report.h"
#include "scoreutil.h"

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

static ck_status ana_run(const char *gold, const char *system, ck_opts opts, FILE *out,
                         ck_eval_format fmt, ck_diag *d)
{
    ck_ana_opts o = {0};
    const char **inc = all_opts(opts, "include"), **exc = all_opts(opts, "exclude");
    o.include = inc;
    o.exclude = exc;
    o.xml_regex = ck_opt(opts, "xml-regex");
    o.temporal_closure = sc_flag(opts, "temporal-closure");
    ck_ana_row *rows;
    size_t n;
    ck_status rc = ck_ana_score(gold, system, &o, &rows, &n, d);
    free(inc);
    free(exc);
    if (rc)
        return rc;
    if (fmt == CK_EVAL_OFFICIAL)
        ck_ana_print_official(out, rows, n);
    else {
        rep rp;
        rep_init(&rp, "clinical-tempeval");
        static const char *const cols[] = {"ref", "pred", "corr_p", "corr_r", "precision",
                                           "recall", "f1"};
        rep_section_add(&rp, o.temporal_closure ? "views (temporal closure)" : "views", 7, cols);
        for (size_t i = 0; i < n; i++) {
            const ck_ana_row *r = &rows[i];
            double v[7] = {(double)r->ref, (double)r->pred,
                           (double)(r->closure ? r->pc : r->corr),
                           (double)(r->closure ? r->rc : r->corr), r->p, r->r, r->f1};
            rep_row_add(&rp, r->name, v);
        }
        rep_print(&rp, out, fmt);
        rep_free(&rp);
    }
    ck_ana_rows_free(rows, n);
    return CK_OK;
}

static const char *const ana_opts[] = {"include", "exclude", "xml-regex", "temporal-closure",
                                       NULL};

const ck_scorer ck_scorer_clinical_tempeval = {
    .id = "clinical-tempeval",
    .summary = "anafora.evaluate (Clinical TempEval / THYME): views, -i/-e, --temporal-closure",
    .inputs = "GOLD and SYSTEM: Anafora folders, one sub-folder per document holding DOC.*.xml",
    .options = ana_opts,
    .options_help =
        "  -i, --include V    score only view V (TYPE[:PROP[:VALUE]]), repeatable\n"
        "  -e, --exclude V    leave out view V, repeatable\n"
        "  -x, --xml-regex R  which XML files to read (default [.]xml$)\n"
        "  --temporal-closure score TYPE:Type relations with temporal closure\n",
    .run = ana_run,
};
