/*
 * cblue.c — the CBLUE metrics whose reference scorer is public:
 *
 * `cblue-cmeie`: the CHIP-2020 CMeIE organiser script
 * (cmeie_official_evaluation.py, derived from Baidu's DuIE evaluation):
 * triples (subject, predicate, object @value) per sentence keyed by its
 * text; subject and object lower-cased and stripped of surrounding 《》;
 * types ignored. Precision counts the de-duplicated predictions found in
 * gold, recall the gold triples found in the raw prediction list. With an
 * alias file (word TAB alias...): a subject matches when the other side's
 * subject is an alias of the scored triple's subject, an object when the
 * scored triple's object is an alias of the other side's object — the
 * official asymmetry, kept. Any line that is not a JSON object with text
 * and spo_list (a trailing blank line included) gives errorCode 4.
 *
 * `cblue-cmeee`: CMeEE entity micro P/R/F1 over exact (start_idx, end_idx,
 * type) per sentence, sentences paired by line.
 *
 * Inputs are JSON lines read here with jansson (no CBLUE reader yet).
 */
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "clinkit/io.h"
#include "scorers/report.h"
#include "scorers/scoreutil.h"

typedef struct triple {
    char *s, *p, *o;
} triple;

typedef struct tlist {
    triple *v;
    size_t n, cap;
} tlist;

typedef struct sent {
    char *text;
    tlist t;
    size_t order;
} sent;

typedef struct sents {
    sent *v;
    size_t n, cap;
} sents;

static void tlist_free(tlist *l)
{
    for (size_t i = 0; i < l->n; i++) {
        free(l->v[i].s);
        free(l->v[i].p);
        free(l->v[i].o);
    }
    free(l->v);
    memset(l, 0, sizeof *l);
}

static void sents_free(sents *s)
{
    for (size_t i = 0; i < s->n; i++) {
        free(s->v[i].text);
        tlist_free(&s->v[i].t);
    }
    free(s->v);
}

static char *del_bookname(char *s)
{
    static const char open_[] = "\xE3\x80\x8A", close_[] = "\xE3\x80\x8B"; /* 《 》 */
    size_t n = strlen(s);
    if (n >= 3 && memcmp(s, open_, 3) == 0 && n >= 3 && memcmp(s + n - 3, close_, 3) == 0) {
        if (n < 6) { /* "《" alone cannot end with "》" */
            return s;
        }
        memmove(s, s + 3, n - 6);
        s[n - 6] = '\0';
    }
    return s;
}

static int tlist_add(tlist *l, const char *s, const char *p, const char *o)
{
    if (l->n == l->cap) {
        size_t cap = l->cap ? 2 * l->cap : 8;
        triple *v = realloc(l->v, cap * sizeof *v);
        if (!v)
            return -1;
        l->v = v;
        l->cap = cap;
    }
    triple *t = &l->v[l->n++];
    t->s = del_bookname(sc_py_lower(s));
    t->p = strdup(p);
    t->o = del_bookname(sc_py_lower(o));
    return t->s && t->p && t->o ? 0 : -1;
}

/* Parse one JSON line into a sentence; -1 on any format problem. */
static int parse_line(const char *line, size_t n, sent *out)
{
    json_error_t err;
    json_t *j = json_loadb(line, n, JSON_DECODE_ANY, &err);
    if (!j)
        return -1;
    int rc = -1;
    json_t *text = json_object_get(j, "text"), *spo = json_object_get(j, "spo_list");
    if (!json_is_object(j) || !json_is_string(text) || !json_is_array(spo))
        goto done;
    out->text = strdup(json_string_value(text));
    size_t i;
    json_t *it;
    json_array_foreach(spo, i, it) {
        json_t *s = json_object_get(it, "subject"), *p = json_object_get(it, "predicate"),
               *o = json_object_get(it, "object");
        json_t *ov = json_object_get(o, "@value");
        if (!json_is_object(it) || !json_is_string(s) || !p || !json_is_object(o) ||
            !json_is_string(ov) || !json_is_string(p))
            goto done;
        if (tlist_add(&out->t, json_string_value(s), json_string_value(p), json_string_value(ov)))
            goto done;
    }
    rc = 0;
done:
    json_decref(j);
    return rc;
}

static int cmp_sent(const void *a, const void *b)
{
    const sent *x = a, *y = b;
    int c = strcmp(x->text, y->text);
    if (c)
        return c;
    return x->order < y->order ? -1 : x->order > y->order;
}

/* Every line of a JSON lines file; records keyed by text, last one wins
 * (kept sorted by text). Returns 0, or -1 when a line does not parse. */
static int load_jsonl(const char *data, size_t len, sents *out)
{
    size_t pos = 0;
    while (pos < len) {
        const char *nl = memchr(data + pos, '\n', len - pos);
        size_t n = nl ? (size_t)(nl - (data + pos)) : len - pos;
        sent s;
        memset(&s, 0, sizeof s);
        if (parse_line(data + pos, n, &s)) {
            free(s.text); /* partially filled */
            tlist_free(&s.t);
            return -1;
        }
        if (out->n == out->cap) {
            size_t cap = out->cap ? 2 * out->cap : 64;
            sent *v = realloc(out->v, cap * sizeof *v);
            if (!v)
                return -1;
            out->v = v;
            out->cap = cap;
        }
        s.order = out->n;
        out->v[out->n++] = s;
        pos += n + (nl ? 1 : 0);
    }
    if (out->n)
        qsort(out->v, out->n, sizeof *out->v, cmp_sent);
    /* keep the last record of each text */
    size_t w = 0;
    for (size_t i = 0; i < out->n; i++) {
        if (i + 1 < out->n && strcmp(out->v[i].text, out->v[i + 1].text) == 0) {
            free(out->v[i].text);
            tlist_free(&out->v[i].t);
            continue;
        }
        out->v[w++] = out->v[i];
    }
    out->n = w;
    return 0;
}

static const sent *find_sent(const sents *s, const char *text)
{
    size_t lo = 0, hi = s->n;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        int c = strcmp(s->v[mid].text, text);
        if (c == 0)
            return &s->v[mid];
        if (c < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return NULL;
}

/* alias dictionary: word -> aliases (one line: word TAB alias TAB ...) */
typedef struct alias {
    char *word;
    sc_strv aliases;
    size_t order;
} alias;

typedef struct aliases {
    alias *v;
    size_t n;
} aliases;

static int cmp_alias(const void *a, const void *b)
{
    const alias *x = a, *y = b;
    int c = strcmp(x->word, y->word);
    if (c)
        return c;
    return x->order < y->order ? -1 : x->order > y->order;
}

static void load_aliases(char *data, aliases *out)
{
    size_t cap = 0;
    for (char *line = data; line && *line;) {
        char *nl = strchr(line, '\n');
        if (nl)
            *nl = '\0';
        char *low = sc_py_lower(line);
        if (low) {
            sc_strip(low);
            if (out->n == cap) {
                cap = cap ? 2 * cap : 64;
                alias *v = realloc(out->v, cap * sizeof *v);
                if (!v) {
                    free(low);
                    return;
                }
                out->v = v;
            }
            alias *a = &out->v[out->n];
            memset(a, 0, sizeof *a);
            a->order = out->n++;
            char *tab = strchr(low, '\t');
            if (tab)
                *tab = '\0';
            a->word = strdup(low);
            while (tab) {
                char *w = tab + 1;
                tab = strchr(w, '\t');
                if (tab)
                    *tab = '\0';
                sc_strv_push(&a->aliases, w);
            }
            free(low);
        }
        line = nl ? nl + 1 : NULL;
    }
    if (out->n)
        qsort(out->v, out->n, sizeof *out->v, cmp_alias);
    /* a repeated word: the later line replaces the earlier */
    size_t w = 0;
    for (size_t i = 0; i < out->n; i++) {
        if (i + 1 < out->n && strcmp(out->v[i].word, out->v[i + 1].word) == 0) {
            free(out->v[i].word);
            sc_strv_free(&out->v[i].aliases);
            continue;
        }
        out->v[w++] = out->v[i];
    }
    out->n = w;
}

/* x in alias_dict.get(word, set()) | {word} */
static int is_alias(const aliases *al, const char *word, const char *x)
{
    if (strcmp(word, x) == 0)
        return 1;
    size_t lo = 0, hi = al->n;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        int c = strcmp(al->v[mid].word, word);
        if (c == 0) {
            for (size_t i = 0; i < al->v[mid].aliases.n; i++)
                if (strcmp(al->v[mid].aliases.v[i], x) == 0)
                    return 1;
            return 0;
        }
        if (c < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return 0;
}

static int triple_eq(const triple *a, const triple *b)
{
    return strcmp(a->s, b->s) == 0 && strcmp(a->p, b->p) == 0 && strcmp(a->o, b->o) == 0;
}

/* is_spo_in_list(target, list, alias_dict) of the official script */
static int spo_in(const triple *t, const triple *const *list, size_t n, const aliases *al)
{
    for (size_t i = 0; i < n; i++)
        if (triple_eq(t, list[i]))
            return 1;
    for (size_t i = 0; i < n; i++) {
        const triple *g = list[i];
        if (strcmp(g->p, t->p) != 0)
            continue;
        if (is_alias(al, t->s, g->s) && is_alias(al, g->o, t->o))
            return 1;
    }
    return 0;
}

static void print_error(FILE *out, int code, const char *msg)
{
    fprintf(out, "{'errorCode': %d, 'errorMsg': '%s'}\nfinish!!!\n", code, msg);
}

static ck_status cmeie_run(const char *gold, const char *system, ck_opts opts,
                           FILE *out, ck_eval_format fmt, ck_diag *d)
{
    char *gdata = NULL, *sdata = NULL, *adata = NULL;
    size_t gn = 0, sn = 0, an = 0;
    sents gs = {0}, ss = {0};
    aliases al = {0};
    ck_status rc = ck_read_file(gold, &gdata, &gn, d);
    if (!rc)
        rc = ck_read_file(system, &sdata, &sn, d);
    const char *apath = ck_opt(opts, "alias-file");
    if (!rc && apath && (rc = ck_read_file(apath, &adata, &an, d)) == CK_OK)
        load_aliases(adata, &al);
    if (rc)
        goto done;
    const char *bad = NULL;
    if (load_jsonl(gdata, gn, &gs))
        bad = gold;
    else if (load_jsonl(sdata, sn, &ss))
        bad = system;
    if (bad) {
        ck_diag_add(d, CK_SEV_ERROR, bad, 0, 0, (size_t)-1,
                    "every line must be a JSON object with \"text\" and \"spo_list\" "
                    "(a blank line is an error too)");
        if (fmt == CK_EVAL_OFFICIAL) {
            /* the official script reports this on stdout and exits 0 */
            print_error(out, 4, "json parse is error");
            ck_diag_clear(d);
            ck_diag_add(d, CK_SEV_WARNING, bad, 0, 0, (size_t)-1,
                        "not valid JSON lines: errorCode 4");
        } else
            rc = CK_ERR_PARSE;
        goto done;
    }
    double correct = 0, predicted = 0, golden = 0, recall_correct = 0;
    const triple **norm = NULL, **plist = NULL, **glist = NULL;
    size_t ncap = 0;
    for (size_t i = 0; i < gs.n; i++) {
        const tlist *g = &gs.v[i].t;
        const sent *ps = find_sent(&ss, gs.v[i].text);
        size_t np = ps ? ps->t.n : 0;
        size_t need = (np > g->n ? np : g->n) + 1;
        if (need > ncap) {
            ncap = need * 2;
            free(norm);
            free(plist);
            free(glist);
            norm = malloc(ncap * sizeof *norm);
            plist = malloc(ncap * sizeof *plist);
            glist = malloc(ncap * sizeof *glist);
            if (!norm || !plist || !glist) {
                rc = CK_ERR_NOMEM;
                break;
            }
        }
        size_t nn = 0;
        for (size_t k = 0; k < np; k++) {
            plist[k] = &ps->t.v[k];
            if (!spo_in(plist[k], norm, nn, &al))
                norm[nn++] = plist[k];
        }
        for (size_t k = 0; k < g->n; k++)
            glist[k] = &g->v[k];
        golden += (double)g->n;
        predicted += (double)nn;
        for (size_t k = 0; k < nn; k++)
            if (spo_in(norm[k], glist, g->n, &al))
                correct += 1;
        for (size_t k = 0; k < g->n; k++)
            if (spo_in(glist[k], plist, np, &al))
                recall_correct += 1;
    }
    free(norm);
    free(plist);
    free(glist);
    if (rc)
        goto done;
    double P = predicted > 0 ? correct / predicted : 0.0;
    double R = golden > 0 ? recall_correct / golden : 0.0;
    double F = P + R > 0 ? 2 * P * R / (P + R) : 0.0;
    if (fmt == CK_EVAL_OFFICIAL) {
        double v[7] = {correct, predicted, golden, recall_correct, sc_py_round(P, 4),
                       sc_py_round(R, 4), sc_py_round(F, 4)};
        fputs("['all'", out);
        for (int k = 0; k < 7; k++) {
            char b[40];
            sc_py_repr(b, sizeof b, v[k]);
            fprintf(out, ", %s", b);
        }
        fputs("]\nfinish!!!\n", out);
    } else {
        rep r;
        rep_init(&r, "cblue-cmeie");
        static const char *const cols[] = {"correct", "system", "gold", "recall_correct",
                                           "precision", "recall", "f1"};
        rep_section_add(&r, "triples", 7, cols);
        double v[7] = {correct, predicted, golden, recall_correct, P, R, F};
        rep_row_add(&r, "all", v);
        rep_print(&r, out, fmt);
        rep_free(&r);
    }
done:
    sents_free(&gs);
    sents_free(&ss);
    for (size_t i = 0; i < al.n; i++) {
        free(al.v[i].word);
        sc_strv_free(&al.v[i].aliases);
    }
    free(al.v);
    free(gdata);
    free(sdata);
    free(adata);
    return rc;
}

static const char *const cmeie_opts[] = {"alias-file", NULL};

const ck_scorer ck_scorer_cblue_cmeie = {
    .id = "cblue-cmeie",
    .summary = "CBLUE CMeIE (CHIP 2020): triple P/R/F1 of the organiser script",
    .inputs = "GOLD, SYSTEM: JSON lines {\"text\", \"spo_list\": [{subject, predicate, "
              "object: {\"@value\"}}]}",
    .options = cmeie_opts,
    .options_help = "  --alias-file F      alias dictionary: word TAB alias TAB ... per line\n",
    .run = cmeie_run,
};

/* ---- CMeEE ---- */

typedef struct ent {
    long s, e;
    const char *type;
} ent;

/* The sentences of a CMeEE file: a JSON array (CMeEE_dev.json) or JSON
 * lines, each {"text", "entities": [{start_idx, end_idx, type}]}. */
static json_t *load_cmeee(const char *data, size_t len, ck_diag *d, const char *file)
{
    json_error_t err;
    json_t *j = json_loadb(data, len, 0, &err);
    if (j && json_is_array(j))
        return j;
    json_decref(j);
    json_t *arr = json_array();
    size_t pos = 0, line = 0;
    while (arr && pos < len) {
        const char *nl = memchr(data + pos, '\n', len - pos);
        size_t n = nl ? (size_t)(nl - (data + pos)) : len - pos;
        line++;
        size_t k = 0;
        while (k < n && (data[pos + k] == ' ' || data[pos + k] == '\r' || data[pos + k] == '\t'))
            k++;
        if (k < n) {
            json_t *o = json_loadb(data + pos, n, 0, &err);
            if (!json_is_object(o)) {
                json_decref(o);
                json_decref(arr);
                ck_diag_add(d, CK_SEV_ERROR, file, line, 0, (size_t)-1,
                            "expected a JSON array or one JSON object per line");
                return NULL;
            }
            json_array_append_new(arr, o);
        }
        pos += n + (nl ? 1 : 0);
    }
    return arr;
}

static size_t ents_of(json_t *sentence, ent *out, size_t max, size_t *bad)
{
    size_t n = 0, i;
    json_t *e;
    json_array_foreach(json_object_get(sentence, "entities"), i, e) {
        json_t *s = json_object_get(e, "start_idx"), *en = json_object_get(e, "end_idx"),
               *t = json_object_get(e, "type");
        if (!json_is_integer(s) || !json_is_integer(en) || !json_is_string(t) || n >= max) {
            (*bad)++;
            continue;
        }
        ent x = {(long)json_integer_value(s), (long)json_integer_value(en), json_string_value(t)};
        int dup = 0;
        for (size_t k = 0; k < n && !dup; k++)
            dup = out[k].s == x.s && out[k].e == x.e && strcmp(out[k].type, x.type) == 0;
        if (!dup)
            out[n++] = x;
    }
    return n;
}

static ck_status cmeee_run(const char *gold, const char *system, ck_opts opts, FILE *out,
                           ck_eval_format fmt, ck_diag *d)
{
    (void)opts;
    char *gd = NULL, *sd = NULL;
    size_t gn = 0, sn = 0;
    json_t *g = NULL, *s = NULL;
    ck_status rc = ck_read_file(gold, &gd, &gn, d);
    if (!rc)
        rc = ck_read_file(system, &sd, &sn, d);
    if (!rc && (!(g = load_cmeee(gd, gn, d, gold)) || !(s = load_cmeee(sd, sn, d, system))))
        rc = CK_ERR_PARSE;
    if (!rc && json_array_size(g) != json_array_size(s)) {
        ck_diag_add(d, CK_SEV_ERROR, system, 0, 0, (size_t)-1,
                    "%zu sentences, gold has %zu: sentences are paired by position",
                    json_array_size(s), json_array_size(g));
        rc = CK_ERR_PARSE;
    }
    if (!rc) {
        long tp = 0, np = 0, ng = 0;
        size_t bad = 0;
        ent *ge = NULL, *se = NULL;
        for (size_t i = 0; i < json_array_size(g); i++) {
            size_t ma = json_array_size(json_object_get(json_array_get(g, i), "entities"));
            size_t mb = json_array_size(json_object_get(json_array_get(s, i), "entities"));
            free(ge);
            free(se);
            ge = malloc((ma + 1) * sizeof *ge);
            se = malloc((mb + 1) * sizeof *se);
            if (!ge || !se) {
                rc = CK_ERR_NOMEM;
                break;
            }
            size_t a = ents_of(json_array_get(g, i), ge, ma, &bad);
            size_t b = ents_of(json_array_get(s, i), se, mb, &bad);
            ng += (long)a;
            np += (long)b;
            for (size_t x = 0; x < b; x++)
                for (size_t y = 0; y < a; y++)
                    if (se[x].s == ge[y].s && se[x].e == ge[y].e &&
                        strcmp(se[x].type, ge[y].type) == 0) {
                        tp++;
                        break;
                    }
        }
        free(ge);
        free(se);
        if (rc)
            goto cmeee_done;
        if (bad)
            ck_diag_warn(d, system, 0, "%zu entities without integer start_idx/end_idx and "
                         "a string type were not scored", bad);
        double P = np ? (double)tp / np : 0, R = ng ? (double)tp / ng : 0;
        double F = P + R > 0 ? 2 * P * R / (P + R) : 0;
        rep r;
        rep_init(&r, "cblue-cmeee");
        static const char *const cols[] = {"correct", "system", "gold", "precision", "recall", "f1"};
        rep_section_add(&r, "entities", 6, cols);
        double v[6] = {(double)tp, (double)np, (double)ng, P, R, F};
        rep_row_add(&r, "micro", v);
        rep_print(&r, out, fmt == CK_EVAL_JSON ? CK_EVAL_JSON : CK_EVAL_TABLE);
        rep_free(&r);
    }
cmeee_done:
    json_decref(g);
    json_decref(s);
    free(gd);
    free(sd);
    return rc;
}

static const char *const cmeee_opts[] = {NULL};

const ck_scorer ck_scorer_cblue_cmeee = {
    .id = "cblue-cmeee",
    .summary = "CBLUE CMeEE: entity micro P/R/F1 on exact (start, end, type)",
    .inputs = "GOLD, SYSTEM: CMeEE JSON (array or lines) {\"text\", \"entities\": [{start_idx, "
              "end_idx, type}]}, sentences paired by position (official = table: no official text)",
    .options = cmeee_opts,
    .options_help = "  (none)\n",
    .run = cmeee_run,
};
