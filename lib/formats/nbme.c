/*
 * nbme.c — format "nbme": the NBME Score Clinical Patient Notes files
 * (Kaggle 2022) in a folder or archive: patient_notes.csv (required),
 * features.csv and train.csv (optional).
 *
 * One document per patient note: id = pn_num, text = pn_history (never
 * altered: \r and typos stay), meta case_num, then the case's rubric as
 * meta "feature:<feature_num>" = feature_text in features.csv order, and,
 * for notes that appear in train.csv, meta "train_features" = the
 * feature_nums of its rows in row order (rows with [] included, so the
 * train.csv rows can be written back). Each annotation item becomes an
 * entity: id "<row id>-<k>", type = feature_num, spans from the location
 * item ("s e;s e" = one discontiguous entity), texts[0] = the annotation
 * string (pieces joined by blanks, as BRAT does), attrs case_num and
 * feature_text.
 *
 * Quirks: options fix-typos=1 patches the known feature_text typo
 * "Last-Pap-smear-I-year-ago" (reported as a note either way);
 * corrections=FILE applies a CSV of id,annotation,location overrides (the
 * community "incorrect annotation" fixes are data, not code).
 *
 * Writing: patient_notes.csv, train.csv (row ids rebuilt as
 * <pn_num:05>_<feature_num:03>), features.csv from the rubric metadata,
 * and with submission=1 also submission.csv (id,location).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "clinkit/io.h"
#include "clinkit/text.h"
#include "core/buf.h"
#include "formats/csv.h"
#include "formats/nbme.h"

/* ---- Python list literals ---- */

void nbme_free_list(char **items, size_t n)
{
    for (size_t i = 0; i < n; i++)
        free(items[i]);
    free(items);
}

static int hexval(int c)
{
    return c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10
                                      : c >= 'A' && c <= 'F'   ? c - 'A' + 10
                                                               : -1;
}

/* One quoted string at s[*i] (the quote); appends the value to b. */
static int parse_str(const char *s, size_t n, size_t *i, ck_buf *b)
{
    char q = s[(*i)++];
    while (*i < n && s[*i] != q) {
        char c = s[(*i)++];
        if (c != '\\') {
            ck_buf_addc(b, c);
            continue;
        }
        if (*i >= n)
            return -1;
        char e = s[(*i)++];
        int digits = e == 'x' ? 2 : e == 'u' ? 4 : e == 'U' ? 8 : 0;
        if (digits) {
            long cp = 0;
            for (int k = 0; k < digits; k++, (*i)++) {
                int h = *i < n ? hexval((unsigned char)s[*i]) : -1;
                if (h < 0)
                    return -1;
                cp = cp * 16 + h;
            }
            char u[4];
            size_t k = ck_utf8_encode((int32_t)cp, u);
            if (!k)
                return -1;
            ck_buf_add(b, u, k);
            continue;
        }
        switch (e) {
        case 'n': ck_buf_addc(b, '\n'); break;
        case 'r': ck_buf_addc(b, '\r'); break;
        case 't': ck_buf_addc(b, '\t'); break;
        case '\\': case '\'': case '"': ck_buf_addc(b, e); break;
        default: /* Python keeps unknown escapes as they are */
            ck_buf_addc(b, '\\');
            ck_buf_addc(b, e);
        }
    }
    if (*i >= n)
        return -1;
    (*i)++;
    return 0;
}

static void skip_ws(const char *s, size_t n, size_t *i)
{
    while (*i < n && (s[*i] == ' ' || s[*i] == '\t' || s[*i] == '\n' || s[*i] == '\r'))
        (*i)++;
}

int nbme_parse_list(const char *s, size_t n, char ***items, size_t *n_items,
                    size_t *err)
{
    size_t i = 0, cap = 0;
    *items = NULL;
    *n_items = 0;
    ck_buf b;
    ck_buf_init(&b);
    skip_ws(s, n, &i);
    if (i >= n || s[i] != '[')
        goto bad;
    i++;
    skip_ws(s, n, &i);
    while (i < n && s[i] != ']') {
        if (s[i] != '\'' && s[i] != '"')
            goto bad;
        ck_buf_reset(&b);
        if (parse_str(s, n, &i, &b) || b.failed)
            goto bad;
        if (*n_items == cap) {
            cap = cap ? cap * 2 : 4;
            char **nv = realloc(*items, cap * sizeof *nv);
            if (!nv)
                goto bad;
            *items = nv;
        }
        if (!((*items)[*n_items] = strdup(ck_buf_str(&b))))
            goto bad;
        ++*n_items;
        skip_ws(s, n, &i);
        if (i < n && s[i] == ',') {
            i++;
            skip_ws(s, n, &i);
        } else if (i < n && s[i] != ']')
            goto bad;
    }
    if (i >= n)
        goto bad;
    i++;
    skip_ws(s, n, &i);
    if (i != n)
        goto bad;
    ck_buf_free(&b);
    return 0;
bad:
    *err = i;
    ck_buf_free(&b);
    nbme_free_list(*items, *n_items);
    *items = NULL;
    *n_items = 0;
    return -1;
}

/* ---- tables ---- */

typedef struct feat {
    char *num, *cas, *text;
} feat;

typedef struct trow {
    char *id, *pn, *cas, *fnum;
    char **ann, **loc;
    size_t n_ann, n_loc;
    size_t line, col, order; /* of the location cell, for diagnostics */
    int used;
} trow;

typedef struct tables {
    feat *f;
    size_t nf;
    trow *t;
    size_t nt;
    trow **by_pn; /* sorted by (pn_num, order) */
} tables;

static void free_tables(tables *tb)
{
    for (size_t i = 0; i < tb->nf; i++) {
        free(tb->f[i].num);
        free(tb->f[i].cas);
        free(tb->f[i].text);
    }
    for (size_t i = 0; i < tb->nt; i++) {
        trow *r = &tb->t[i];
        free(r->id);
        free(r->pn);
        free(r->cas);
        free(r->fnum);
        nbme_free_list(r->ann, r->n_ann);
        nbme_free_list(r->loc, r->n_loc);
    }
    free(tb->f);
    free(tb->t);
    free(tb->by_pn);
}

/* Column indices for names; all must exist. */
static ck_status header(ck_csv *c, size_t nf, const char *const *names, size_t *idx,
                        ck_diag *d)
{
    for (size_t k = 0; names[k]; k++) {
        idx[k] = (size_t)-1;
        for (size_t i = 0; i < nf; i++)
            if (strcmp(ck_csv_field(c, i, NULL), names[k]) == 0)
                idx[k] = i;
        if (idx[k] == (size_t)-1) {
            ck_diag_add(d, CK_SEV_ERROR, ck_csv_name(c), 1, 0, (size_t)-1,
                        "header has no column '%s'", names[k]);
            return CK_ERR_PARSE;
        }
    }
    return CK_OK;
}

static char *dup_field(ck_csv *c, size_t i)
{
    return strdup(ck_csv_field(c, i, NULL));
}

static ck_status read_features(const nbme_file *in, int fix, tables *tb, ck_diag *d)
{
    static const char *const names[] = {"feature_num", "case_num", "feature_text", NULL};
    size_t ix[3], nf, cap = 0;
    ck_csv *c;
    ck_status rc = ck_csv_open_mem(in->data, in->len, in->name, &c);
    if (rc == CK_OK && (rc = ck_csv_next(c, &nf, d)) == CK_OK)
        rc = nf ? header(c, nf, names, ix, d) : CK_OK;
    while (rc == CK_OK && nf && (rc = ck_csv_next(c, &nf, d)) == CK_OK && nf) {
        if (ck_csv_damaged(c))
            continue;
        if (nf <= ix[0] || nf <= ix[1] || nf <= ix[2]) {
            rc = ck_csv_error(c, d, nf - 1, "expected feature_num, case_num, feature_text");
            continue;
        }
        if (tb->nf == cap) {
            feat *nv = realloc(tb->f, (cap = cap ? cap * 2 : 64) * sizeof *nv);
            if (!nv) {
                rc = CK_ERR_NOMEM;
                break;
            }
            tb->f = nv;
        }
        feat *f = &tb->f[tb->nf++];
        f->num = dup_field(c, ix[0]);
        f->cas = dup_field(c, ix[1]);
        f->text = dup_field(c, ix[2]);
        if (!f->num || !f->cas || !f->text) {
            rc = CK_ERR_NOMEM;
            break;
        }
        if (strcmp(f->text, "Last-Pap-smear-I-year-ago") == 0) {
            ck_csv_warn(c, d, ix[2], "known typo in feature_text ('I' for '1')%s",
                        fix ? ": corrected to Last-Pap-smear-1-year-ago"
                            : " (kept; option fix-typos=1 corrects it)");
            if (fix)
                f->text[15] = '1';
        }
    }
    ck_csv_close(c);
    return rc;
}

/* Parse "s e;s e" into spans (code points). */
static int parse_location(const char *s, ck_span **out, size_t *n)
{
    size_t cap = 0;
    *out = NULL;
    *n = 0;
    const char *p = s;
    for (;;) {
        char *e1, *e2;
        while (*p == ' ')
            p++;
        if (*p < '0' || *p > '9')
            goto bad;
        unsigned long long a = strtoull(p, &e1, 10);
        if (*e1 != ' ')
            goto bad;
        while (*e1 == ' ')
            e1++;
        if (*e1 < '0' || *e1 > '9')
            goto bad;
        unsigned long long b = strtoull(e1, &e2, 10);
        if (a > b || b > (1ull << 40))
            goto bad;
        if (*n == cap) {
            ck_span *nv = realloc(*out, (cap = cap ? cap * 2 : 4) * sizeof *nv);
            if (!nv)
                goto bad;
            *out = nv;
        }
        (*out)[(*n)++] = (ck_span){(size_t)a, (size_t)b};
        p = e2;
        while (*p == ' ')
            p++;
        if (*p == '\0')
            return 0;
        if (*p++ != ';')
            goto bad;
    }
bad:
    free(*out);
    *out = NULL;
    *n = 0;
    return -1;
}

/* Parse one annotation/location pair into r (replacing what it had). */
static ck_status parse_pair(ck_csv *c, size_t ia, size_t il, trow *r, ck_diag *d)
{
    char **ann, **loc;
    size_t na, nl, err;
    size_t la, ll;
    const char *a = ck_csv_field(c, ia, &la), *l = ck_csv_field(c, il, &ll);
    if (nbme_parse_list(a, la, &ann, &na, &err))
        return ck_csv_error(c, d, ia, "annotation is not a Python list of strings "
                                      "(problem at byte %zu of the cell)", err);
    if (nbme_parse_list(l, ll, &loc, &nl, &err)) {
        nbme_free_list(ann, na);
        return ck_csv_error(c, d, il, "location is not a Python list of strings "
                                      "(problem at byte %zu of the cell)", err);
    }
    for (size_t k = 0; k < nl; k++) {
        ck_span *sp;
        size_t ns;
        if (parse_location(loc[k], &sp, &ns)) {
            nbme_free_list(ann, na);
            nbme_free_list(loc, nl);
            return ck_csv_error(c, d, il, "location item %zu: expected \"start end\" pairs "
                                          "joined by ';' with start <= end", k + 1);
        }
        free(sp);
    }
    if (na != nl) {
        nbme_free_list(ann, na);
        nbme_free_list(loc, nl);
        return ck_csv_error(c, d, il, "%zu annotation(s) but %zu location(s)", na, nl);
    }
    nbme_free_list(r->ann, r->n_ann);
    nbme_free_list(r->loc, r->n_loc);
    r->ann = ann;
    r->n_ann = na;
    r->loc = loc;
    r->n_loc = nl;
    r->line = ck_csv_field_line(c, il, &r->col);
    return CK_OK;
}

static int cmp_id(const void *a, const void *b)
{
    return strcmp((*(trow *const *)a)->id, (*(trow *const *)b)->id);
}

static int cmp_pn(const void *a, const void *b)
{
    const trow *x = *(trow *const *)a, *y = *(trow *const *)b;
    int c = strcmp(x->pn, y->pn);
    return c ? c : (x->order > y->order) - (x->order < y->order);
}

static ck_status read_corrections(const nbme_file *in, tables *tb, ck_diag *d)
{
    static const char *const names[] = {"id", "annotation", "location", NULL};
    trow **by_id = malloc((tb->nt + 1) * sizeof *by_id);
    if (!by_id)
        return CK_ERR_NOMEM;
    for (size_t i = 0; i < tb->nt; i++)
        by_id[i] = &tb->t[i];
    qsort(by_id, tb->nt, sizeof *by_id, cmp_id);
    size_t ix[3], nf;
    ck_csv *c;
    ck_status rc = ck_csv_open_mem(in->data, in->len, in->name, &c);
    if (rc == CK_OK && (rc = ck_csv_next(c, &nf, d)) == CK_OK)
        rc = nf ? header(c, nf, names, ix, d) : CK_OK;
    while (rc == CK_OK && nf && (rc = ck_csv_next(c, &nf, d)) == CK_OK && nf) {
        if (ck_csv_damaged(c))
            continue;
        if (nf <= ix[0] || nf <= ix[1] || nf <= ix[2]) {
            rc = ck_csv_error(c, d, nf - 1, "expected id, annotation, location");
            continue;
        }
        trow key = {.id = (char *)ck_csv_field(c, ix[0], NULL)}, *kp = &key;
        trow **hit = bsearch(&kp, by_id, tb->nt, sizeof *by_id, cmp_id);
        if (!hit) {
            rc = ck_csv_error(c, d, ix[0], "no train.csv row has this id");
            continue;
        }
        rc = parse_pair(c, ix[1], ix[2], *hit, d);
    }
    ck_csv_close(c);
    free(by_id);
    return rc;
}

static ck_status read_train(const nbme_input *in, tables *tb, ck_diag *d)
{
    static const char *const names[] = {"id",          "case_num",   "pn_num",
                                        "feature_num", "annotation", "location", NULL};
    size_t ix[6], nf, cap = 0;
    ck_csv *c;
    const nbme_file *f = &in->train;
    ck_status rc = ck_csv_open_mem(f->data, f->len, f->name, &c);
    if (rc == CK_OK && (rc = ck_csv_next(c, &nf, d)) == CK_OK)
        rc = nf ? header(c, nf, names, ix, d) : CK_OK;
    while (rc == CK_OK && nf && (rc = ck_csv_next(c, &nf, d)) == CK_OK && nf) {
        if (ck_csv_damaged(c))
            continue;
        size_t need = 0;
        for (int k = 0; k < 6; k++)
            need = ix[k] + 1 > need ? ix[k] + 1 : need;
        if (nf < need) {
            rc = ck_csv_error(c, d, nf - 1, "%zu fields, expected %zu", nf, need);
            continue;
        }
        if (tb->nt == cap) {
            trow *nv = realloc(tb->t, (cap = cap ? cap * 2 : 256) * sizeof *nv);
            if (!nv) {
                rc = CK_ERR_NOMEM;
                break;
            }
            tb->t = nv;
        }
        trow *r = &tb->t[tb->nt];
        memset(r, 0, sizeof *r);
        r->order = tb->nt;
        size_t errors = ck_diag_count(d, CK_SEV_ERROR);
        if ((rc = parse_pair(c, ix[4], ix[5], r, d)) != CK_OK)
            break;
        if (ck_diag_count(d, CK_SEV_ERROR) > errors)
            continue; /* lenient: this row was reported and is skipped */
        r->id = dup_field(c, ix[0]);
        r->cas = dup_field(c, ix[1]);
        r->pn = dup_field(c, ix[2]);
        r->fnum = dup_field(c, ix[3]);
        tb->nt++;
        if (!r->id || !r->cas || !r->pn || !r->fnum) {
            rc = CK_ERR_NOMEM;
            break;
        }
        char expect[64];
        snprintf(expect, sizeof expect, "%05ld_%03ld", atol(r->pn), atol(r->fnum));
        if (strcmp(expect, r->id) != 0)
            ck_csv_warn(c, d, ix[0], "id does not follow <pn_num:05>_<feature_num:03> "
                                     "(%s); a writer rebuilds it in that form", expect);
    }
    ck_csv_close(c);
    if (rc == CK_OK && in->corrections.data)
        rc = read_corrections(&in->corrections, tb, d);
    if (rc == CK_OK && tb->nt) {
        if (!(tb->by_pn = malloc(tb->nt * sizeof *tb->by_pn)))
            return CK_ERR_NOMEM;
        for (size_t i = 0; i < tb->nt; i++)
            tb->by_pn[i] = &tb->t[i];
        qsort(tb->by_pn, tb->nt, sizeof *tb->by_pn, cmp_pn);
    }
    return rc;
}

/* ---- documents ---- */

static const char *feature_text(const tables *tb, const char *num)
{
    for (size_t i = 0; i < tb->nf; i++)
        if (strcmp(tb->f[i].num, num) == 0)
            return tb->f[i].text;
    return NULL;
}

static ck_status add_row(const nbme_input *in, const tables *tb, trow *r, ck_doc *doc,
                         ck_diag *d)
{
    for (size_t k = 0; k < r->n_ann; k++) {
        ck_span *sp;
        size_t ns;
        if (parse_location(r->loc[k], &sp, &ns))
            return CK_ERR_NOMEM; /* checked when read */
        for (size_t j = 0; j < ns; j++)
            if (sp[j].end > doc->text_cps) {
                size_t end = sp[j].end;
                free(sp);
                return ck_diag_add(d, CK_SEV_ERROR, in->train.name, r->line, r->col,
                                   (size_t)-1, "row %s: location item %zu ends at %zu, past "
                                   "the end of note %s (%zu characters)", r->id, k + 1,
                                   end, doc->id, doc->text_cps);
            }
        char id[128];
        snprintf(id, sizeof id, "%s-%zu", r->id, k + 1);
        ck_entity *e = ck_doc_add_entity(doc, id, r->fnum);
        int bad = !e;
        for (size_t j = 0; !bad && j < ns; j++)
            bad = ck_entity_add_span(doc, e, sp[j].start, sp[j].end, j ? NULL : r->ann[k]);
        free(sp);
        const char *ft = feature_text(tb, r->fnum);
        if (bad || ck_entity_add_attr(doc, e, NULL, "case_num", r->cas) ||
            (ft && ck_entity_add_attr(doc, e, NULL, "feature_text", ft)))
            return CK_ERR_NOMEM;
    }
    return CK_OK;
}

static ck_status note_doc(const nbme_input *in, tables *tb, ck_csv *c, const size_t *ix,
                          ck_doc **out, ck_diag *d)
{
    *out = NULL;
    size_t n;
    const char *pn = ck_csv_field(c, ix[0], &n);
    if (!n)
        return ck_csv_error(c, d, ix[0], "empty pn_num");
    const char *cas = ck_csv_field(c, ix[1], NULL);
    const char *text = ck_csv_field(c, ix[2], &n);
    ck_doc *doc = ck_doc_new(pn);
    if (!doc)
        return CK_ERR_NOMEM;
    size_t bad;
    if (ck_doc_set_text(doc, text, n, &bad)) {
        ck_doc_free(doc);
        return ck_csv_error(c, d, ix[2], "note %s is not valid UTF-8 (byte %zu of the field)",
                            pn, bad);
    }
    ck_doc_add_meta(doc, "case_num", cas);
    char key[128];
    for (size_t i = 0; i < tb->nf; i++)
        if (strcmp(tb->f[i].cas, cas) == 0) {
            snprintf(key, sizeof key, "feature:%s", tb->f[i].num);
            ck_doc_add_meta(doc, key, tb->f[i].text);
        }
    /* this note's train rows */
    trow key_row = {.pn = (char *)pn, .order = 0}, *kp = &key_row;
    size_t lo = 0, hi = tb->nt;
    while (lo < hi) { /* first row with pn_num >= pn */
        size_t mid = (lo + hi) / 2;
        if (cmp_pn(&tb->by_pn[mid], &kp) < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    ck_buf list;
    ck_buf_init(&list);
    ck_status rc = CK_OK;
    for (size_t i = lo; rc == CK_OK && i < tb->nt && strcmp(tb->by_pn[i]->pn, pn) == 0; i++) {
        trow *r = tb->by_pn[i];
        if (r->used++)
            continue; /* a second note with the same pn_num gets no rows */
        if (list.n)
            ck_buf_addc(&list, ',');
        ck_buf_adds(&list, r->fnum);
        rc = add_row(in, tb, r, doc, d);
    }
    if (list.n)
        ck_doc_add_meta(doc, "train_features", ck_buf_str(&list));
    ck_buf_free(&list);
    if (rc != CK_OK) {
        ck_doc_free(doc);
        return rc;
    }
    *out = doc;
    return CK_OK;
}

ck_status nbme_read_mem(const nbme_input *in, ck_doc_sink sink, void *user, ck_diag *d)
{
    tables tb = {0};
    ck_status rc = CK_OK;
    if (in->features.data)
        rc = read_features(&in->features, in->fix_typos, &tb, d);
    if (rc == CK_OK && in->train.data)
        rc = read_train(in, &tb, d);
    ck_csv *c = NULL;
    static const char *const names[] = {"pn_num", "case_num", "pn_history", NULL};
    size_t ix[3], nf = 0;
    if (rc == CK_OK)
        rc = ck_csv_open_mem(in->notes.data, in->notes.len, in->notes.name, &c);
    if (rc == CK_OK && (rc = ck_csv_next(c, &nf, d)) == CK_OK && nf)
        rc = header(c, nf, names, ix, d);
    while (rc == CK_OK && nf && (rc = ck_csv_next(c, &nf, d)) == CK_OK && nf) {
        if (ck_csv_damaged(c))
            continue;
        if (nf <= ix[0] || nf <= ix[1] || nf <= ix[2]) {
            rc = ck_csv_error(c, d, nf - 1, "expected pn_num, case_num, pn_history");
            continue;
        }
        size_t errors = ck_diag_count(d, CK_SEV_ERROR);
        ck_doc *doc;
        rc = note_doc(in, &tb, c, ix, &doc, d);
        if (rc == CK_OK && doc && ck_diag_count(d, CK_SEV_ERROR) > errors) {
            ck_doc_free(doc); /* lenient: a note with a bad row is skipped whole */
            doc = NULL;
        }
        if (rc == CK_OK && doc)
            rc = sink(user, doc);
    }
    ck_csv_close(c);
    for (size_t i = 0; rc == CK_OK && i < tb.nt; i++)
        if (!tb.t[i].used)
            rc = ck_diag_add(d, CK_SEV_ERROR, in->train.name, tb.t[i].line, 0, (size_t)-1,
                             "row %s: pn_num %s has no note in %s", tb.t[i].id, tb.t[i].pn,
                             in->notes.name);
    free_tables(&tb);
    return rc;
}

/* ---- the folder ---- */

static const char *const read_opts[] = {"fix-typos", "corrections", NULL};

static size_t find_file(ck_source *s, const char *base)
{
    for (size_t i = 0; i < ck_source_count(s); i++) {
        const char *n = ck_source_name(s, i);
        const char *slash = strrchr(n, '/');
        if (strcmp(slash ? slash + 1 : n, base) == 0)
            return i;
    }
    return (size_t)-1;
}

static ck_status nbme_read(const char *path, ck_opts opts, ck_doc_sink sink, void *user,
                           ck_diag *d)
{
    if (ck_opts_check(opts, read_opts, d))
        return CK_ERR_USAGE;
    ck_source *s;
    ck_status rc = ck_source_open(path, &s, d);
    if (rc)
        return rc;
    nbme_input in;
    memset(&in, 0, sizeof in);
    const char *fix = ck_opt(opts, "fix-typos");
    in.fix_typos = fix && strcmp(fix, "0") != 0;
    const char *files[] = {"patient_notes.csv", "features.csv", "train.csv"};
    nbme_file *slots[] = {&in.notes, &in.features, &in.train};
    char *names[3] = {0};
    for (int k = 0; k < 3 && rc == CK_OK; k++) {
        size_t i = find_file(s, files[k]);
        if (i == (size_t)-1)
            continue;
        names[k] = strdup(ck_source_display(s, i));
        slots[k]->name = names[k];
        rc = ck_source_load(s, i, &slots[k]->data, &slots[k]->len, d);
    }
    char *corr = NULL;
    const char *cpath = ck_opt(opts, "corrections");
    if (rc == CK_OK && cpath) {
        rc = ck_read_file(cpath, &corr, &in.corrections.len, d);
        in.corrections.data = corr;
        in.corrections.name = cpath;
    }
    if (rc == CK_OK && !in.notes.data) {
        ck_diag_add(d, CK_SEV_ERROR, path, 0, 0, (size_t)-1,
                    "no patient_notes.csv here (expected the Kaggle files: patient_notes.csv, "
                    "features.csv, train.csv)");
        rc = CK_ERR_PARSE;
    }
    if (rc == CK_OK)
        rc = nbme_read_mem(&in, sink, user, d);
    free(corr);
    for (int k = 0; k < 3; k++)
        free(names[k]);
    ck_source_free(s);
    return rc;
}

/* ---- writing ---- */

typedef struct nw {
    char *dir;
    FILE *notes, *train, *sub;
    int submission;
    ck_buf b;
    /* rubric: per case, the features in order (first document of a case) */
    char **fcase, **fnum, **ftext;
    size_t nfeat;
} nw;

static const char *const write_opts[] = {"submission", NULL};

static FILE *open_in(nw *w, const char *name, const char *head, ck_diag *d)
{
    char p[4200];
    snprintf(p, sizeof p, "%s/%s", w->dir, name);
    FILE *f = fopen(p, "w");
    if (!f)
        ck_diag_add(d, CK_SEV_ERROR, p, 0, 0, (size_t)-1, "cannot write this file");
    else
        fputs(head, f);
    return f;
}

static ck_status nbme_writer_open(const char *path, ck_opts opts, void **state, ck_diag *d)
{
    if (ck_opts_check(opts, write_opts, d))
        return CK_ERR_USAGE;
    ck_status rc = ck_mkdirs(path, d);
    if (rc)
        return rc;
    nw *w = calloc(1, sizeof *w);
    if (!w || !(w->dir = strdup(path))) {
        free(w);
        return CK_ERR_NOMEM;
    }
    const char *sub = ck_opt(opts, "submission");
    w->submission = sub && strcmp(sub, "0") != 0;
    ck_buf_init(&w->b);
    w->notes = open_in(w, "patient_notes.csv", "pn_num,case_num,pn_history\n", d);
    *state = w;
    return w->notes ? CK_OK : CK_ERR_IO;
}

/* Python repr() of a str. */
static void py_repr(ck_buf *b, const char *s)
{
    char q = strchr(s, '\'') && !strchr(s, '"') ? '"' : '\'';
    ck_buf_addc(b, q);
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        if (*p == '\\' || *p == (unsigned char)q) {
            ck_buf_addc(b, '\\');
            ck_buf_addc(b, (char)*p);
        } else if (*p == '\n')
            ck_buf_adds(b, "\\n");
        else if (*p == '\r')
            ck_buf_adds(b, "\\r");
        else if (*p == '\t')
            ck_buf_adds(b, "\\t");
        else if (*p < 0x20 || *p == 0x7f)
            ck_buf_addf(b, "\\x%02x", *p);
        else
            ck_buf_addc(b, (char)*p);
    }
    ck_buf_addc(b, q);
}

static void spans_str(ck_buf *b, const ck_entity *e)
{
    for (size_t j = 0; j < e->n_spans; j++)
        ck_buf_addf(b, "%s%zu %zu", j ? ";" : "", e->spans[j].start, e->spans[j].end);
}

/* The annotation string of an entity: the stored text, or the pieces of
 * the document text joined by blanks. */
static void ann_str(ck_buf *b, const ck_doc *doc, const ck_entity *e)
{
    if (e->n_spans && e->texts[0]) {
        ck_buf_adds(b, e->texts[0]);
        return;
    }
    for (size_t j = 0; j < e->n_spans; j++) {
        const char *p;
        size_t n;
        if (j)
            ck_buf_addc(b, ' ');
        if (ck_doc_slice(doc, e->spans[j].start, e->spans[j].end, &p, &n) == 0)
            ck_buf_add(b, p, n);
    }
}

static ck_status put_line(FILE *f, ck_buf *b)
{
    return (b->failed || fwrite(b->p, 1, b->n, f) != b->n) ? CK_ERR_IO : CK_OK;
}

static void remember_rubric(nw *w, const ck_doc *doc, const char *cas)
{
    for (size_t i = 0; i < w->nfeat; i++)
        if (strcmp(w->fcase[i], cas) == 0)
            return; /* case already known */
    for (size_t i = 0; i < doc->n_meta; i++) {
        const char *k = doc->meta[i].key;
        if (!k || strncmp(k, "feature:", 8) != 0)
            continue;
        char **a = realloc(w->fcase, (w->nfeat + 1) * sizeof *a);
        if (a)
            w->fcase = a;
        char **b = realloc(w->fnum, (w->nfeat + 1) * sizeof *b);
        if (b)
            w->fnum = b;
        char **c = realloc(w->ftext, (w->nfeat + 1) * sizeof *c);
        if (c)
            w->ftext = c;
        if (!a || !b || !c)
            return;
        w->fcase[w->nfeat] = strdup(cas);
        w->fnum[w->nfeat] = strdup(k + 8);
        w->ftext[w->nfeat] = strdup(doc->meta[i].value ? doc->meta[i].value : "");
        w->nfeat++;
    }
}

static ck_status feature_rows(nw *w, const ck_doc *doc, const char *cas, const char *num,
                              ck_diag *d)
{
    char id[96];
    snprintf(id, sizeof id, "%05ld_%03ld", atol(doc->id), atol(num));
    ck_buf *b = &w->b;
    ck_buf ann, loc;
    ck_buf_init(&ann);
    ck_buf_init(&loc);
    ck_buf_addc(&ann, '[');
    ck_buf_addc(&loc, '[');
    ck_buf sub;
    ck_buf_init(&sub);
    size_t k = 0;
    for (size_t i = 0; i < doc->n_entities; i++) {
        const ck_entity *e = &doc->entities[i];
        if (!e->type || strcmp(e->type, num) != 0)
            continue;
        ck_buf tmp;
        ck_buf_init(&tmp);
        if (k++) {
            ck_buf_adds(&ann, ", ");
            ck_buf_adds(&loc, ", ");
        }
        ann_str(&tmp, doc, e);
        py_repr(&ann, ck_buf_str(&tmp));
        ck_buf_reset(&tmp);
        spans_str(&tmp, e);
        py_repr(&loc, ck_buf_str(&tmp));
        if (sub.n && tmp.n)
            ck_buf_addc(&sub, ';');
        ck_buf_add(&sub, tmp.p, tmp.n);
        ck_buf_free(&tmp);
    }
    ck_buf_addc(&ann, ']');
    ck_buf_addc(&loc, ']');
    ck_status rc = CK_OK;
    if (ck_doc_meta(doc, "train_features")) {
        if (!w->train)
            w->train = open_in(w, "train.csv", "id,case_num,pn_num,feature_num,annotation,location\n",
                               d);
        ck_buf_reset(b);
        ck_buf_addf(b, "%s,", id);
        ck_csv_put(b, cas, strlen(cas), 0);
        ck_buf_addf(b, ",%s,", doc->id);
        ck_csv_put(b, num, strlen(num), 0);
        ck_buf_addc(b, ',');
        ck_csv_put(b, ann.p, ann.n, 0);
        ck_buf_addc(b, ',');
        ck_csv_put(b, loc.p, loc.n, 0);
        ck_buf_addc(b, '\n');
        rc = w->train ? put_line(w->train, b) : CK_ERR_IO;
    }
    if (rc == CK_OK && w->submission) {
        if (!w->sub)
            w->sub = open_in(w, "submission.csv", "id,location\n", d);
        ck_buf_reset(b);
        ck_buf_addf(b, "%s,", id);
        ck_csv_put(b, sub.n ? sub.p : NULL, sub.n, 0);
        ck_buf_addc(b, '\n');
        rc = w->sub ? put_line(w->sub, b) : CK_ERR_IO;
    }
    ck_buf_free(&ann);
    ck_buf_free(&loc);
    ck_buf_free(&sub);
    return rc;
}

static ck_status nbme_write(void *state, const ck_doc *doc, ck_diag *d)
{
    nw *w = state;
    const char *cas = ck_doc_meta(doc, "case_num");
    if (!cas)
        cas = "";
    const char *id = doc->id ? doc->id : "";
    ck_buf *b = &w->b;
    ck_buf_reset(b);
    ck_csv_put(b, id, strlen(id), 0);
    ck_buf_addc(b, ',');
    ck_csv_put(b, cas, strlen(cas), 0);
    ck_buf_addc(b, ',');
    ck_csv_put(b, doc->text ? doc->text : "", doc->text_bytes, 0);
    ck_buf_addc(b, '\n');
    ck_status rc = put_line(w->notes, b);
    remember_rubric(w, doc, cas);
    /* one train/submission row per feature: the note's train rows, or (for
     * a submission of new notes) every feature of its case */
    const char *list = ck_doc_meta(doc, "train_features");
    char *copy = list ? strdup(list) : NULL;
    if (copy) {
        char *save = NULL;
        for (char *t = strtok_r(copy, ",", &save); rc == CK_OK && t; t = strtok_r(NULL, ",", &save))
            rc = feature_rows(w, doc, cas, t, d);
    } else if (w->submission)
        for (size_t i = 0; rc == CK_OK && i < doc->n_meta; i++)
            if (doc->meta[i].key && strncmp(doc->meta[i].key, "feature:", 8) == 0)
                rc = feature_rows(w, doc, cas, doc->meta[i].key + 8, d);
    free(copy);
    if (rc)
        ck_diag_add(d, CK_SEV_ERROR, w->dir, 0, 0, (size_t)-1, "write failed");
    return rc;
}

static int cmp_case(const char *a, const char *b)
{
    long x = atol(a), y = atol(b);
    return x < y ? -1 : x > y ? 1 : strcmp(a, b);
}

static ck_status nbme_writer_close(void *state, ck_diag *d)
{
    nw *w = state;
    ck_status rc = CK_OK;
    if (w->nfeat) {
        /* cases in numeric order, each case's features in rubric order */
        size_t *ord = malloc(w->nfeat * sizeof *ord);
        FILE *f = ord ? open_in(w, "features.csv", "feature_num,case_num,feature_text\n", d)
                      : NULL;
        if (!f)
            rc = CK_ERR_IO;
        for (size_t i = 0; f && i < w->nfeat; i++) {
            size_t j = i;
            while (j > 0 && cmp_case(w->fcase[ord[j - 1]], w->fcase[i]) > 0) {
                ord[j] = ord[j - 1];
                j--;
            }
            ord[j] = i;
        }
        for (size_t i = 0; f && i < w->nfeat; i++) {
            size_t k = ord[i];
            ck_buf_reset(&w->b);
            ck_csv_put(&w->b, w->fnum[k], strlen(w->fnum[k]), 0);
            ck_buf_addc(&w->b, ',');
            ck_csv_put(&w->b, w->fcase[k], strlen(w->fcase[k]), 0);
            ck_buf_addc(&w->b, ',');
            ck_csv_put(&w->b, w->ftext[k], strlen(w->ftext[k]), 0);
            ck_buf_addc(&w->b, '\n');
            if (put_line(f, &w->b))
                rc = CK_ERR_IO;
        }
        if (f && fclose(f) != 0)
            rc = CK_ERR_IO;
        free(ord);
    }
    FILE *fs[] = {w->notes, w->train, w->sub};
    for (int i = 0; i < 3; i++)
        if (fs[i] && fclose(fs[i]) != 0)
            rc = CK_ERR_IO;
    if (rc)
        ck_diag_add(d, CK_SEV_ERROR, w->dir, 0, 0, (size_t)-1, "write failed");
    for (size_t i = 0; i < w->nfeat; i++) {
        free(w->fcase[i]);
        free(w->fnum[i]);
        free(w->ftext[i]);
    }
    free(w->fcase);
    free(w->fnum);
    free(w->ftext);
    ck_buf_free(&w->b);
    free(w->dir);
    free(w);
    return rc;
}

const ck_format ck_fmt_nbme = {
    .id = "nbme",
    .summary = "NBME patient notes (Kaggle 2022): notes with feature spans, case rubric "
               "as metadata (options: fix-typos=1, corrections=FILE; writer submission=1)",
    .layout = "folder (or .zip) with patient_notes.csv, features.csv, train.csv",
    .flags = CK_FMT_DIR,
    .read = nbme_read,
    .writer_open = nbme_writer_open,
    .writer_write = nbme_write,
    .writer_close = nbme_writer_close,
};
