/*
 * mimic_select.c — row selection over a MIMIC note table for `clinkit
 * mimic`: filters on the raw CSV fields (CATEGORY / note_type,
 * DESCRIPTION, SUBJECT_ID and HADM_ID lists, ISERROR), then every-Nth or
 * reservoir sampling, then patient-level sharding; only selected rows
 * become documents.
 *
 * Sharding hashes the SUBJECT_ID text (FNV-1a, then a 64-bit mixer with
 * the seed), so one patient's notes always land in the same shard, on any
 * machine, whatever the row order. The reservoir (Algorithm R, seeded)
 * holds N documents and emits them in file order at the end.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include "clinkit/io.h"
#include "clinkit/mimic.h"
#include "clinkit/text.h"
#include "formats/mimic.h"

static unsigned long long mix(unsigned long long z)
{
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
}

size_t ck_mimic_shard(const char *subject_id, unsigned long long seed,
                      size_t shards)
{
    if (shards <= 1)
        return 0;
    unsigned long long h = 0xcbf29ce484222325ULL;
    for (const unsigned char *p = (const unsigned char *)subject_id; *p; p++)
        h = (h ^ *p) * 0x100000001b3ULL;
    return (size_t)(mix(h ^ mix(seed + 0x9E3779B97F4A7C15ULL)) % shards);
}

/* A sorted list of integer ids read from a file (one per line). */
typedef struct idset {
    unsigned long long *v;
    size_t n;
} idset;

static int cmp_u64(const void *a, const void *b)
{
    unsigned long long x = *(const unsigned long long *)a, y = *(const unsigned long long *)b;
    return x < y ? -1 : x > y;
}

static int parse_id(const char *s, size_t n, unsigned long long *out)
{
    while (n && isspace((unsigned char)*s))
        s++, n--;
    while (n && isspace((unsigned char)s[n - 1]))
        n--;
    if (n == 0 || n > 19)
        return -1;
    unsigned long long v = 0;
    for (size_t i = 0; i < n; i++) {
        if (!isdigit((unsigned char)s[i]))
            return -1;
        v = v * 10 + (unsigned)(s[i] - '0');
    }
    *out = v;
    return 0;
}

static ck_status load_ids(const char *path, idset *set, ck_diag *d)
{
    char *data;
    size_t len;
    ck_status rc = ck_read_file(path, &data, &len, d);
    if (rc)
        return rc;
    size_t cap = 0, lineno = 0;
    for (char *p = data, *end = data + len; p < end;) {
        char *nl = memchr(p, '\n', (size_t)(end - p));
        char *e = nl ? nl : end;
        lineno++;
        const char *s = p;
        while (s < e && isspace((unsigned char)*s))
            s++;
        if (s < e && *s != '#') {
            unsigned long long id;
            if (parse_id(s, (size_t)(e - s), &id)) {
                rc = ck_diag_error(d, path, lineno, "expected one integer id per line");
                if (rc)
                    break;
            } else {
                if (set->n == cap) {
                    cap = cap ? cap * 2 : 1024;
                    unsigned long long *nv = realloc(set->v, cap * sizeof *nv);
                    if (!nv) {
                        rc = CK_ERR_NOMEM;
                        break;
                    }
                    set->v = nv;
                }
                set->v[set->n++] = id;
            }
        }
        p = nl ? nl + 1 : end;
    }
    free(data);
    if (set->n)
        qsort(set->v, set->n, sizeof *set->v, cmp_u64);
    return rc;
}

static int in_set(const idset *set, const char *s, size_t n)
{
    unsigned long long id;
    return parse_id(s, n, &id) == 0 &&
           bsearch(&id, set->v, set->n, sizeof id, cmp_u64) != NULL;
}

/* Equal after dropping trailing blanks ("Physician " == "Physician"). */
static int same_trimmed(const char *a, size_t na, const char *b)
{
    size_t nb = strlen(b);
    while (na && a[na - 1] == ' ')
        na--;
    while (nb && b[nb - 1] == ' ')
        nb--;
    return na == nb && memcmp(a, b, na) == 0;
}

static int one_of(const char *s, size_t n, const char *const *list, size_t k)
{
    for (size_t i = 0; i < k; i++)
        if (same_trimmed(s, n, list[i]))
            return 1;
    return 0;
}

typedef struct held {
    ck_doc *doc;
    size_t order, shard;
} held;

static int cmp_held(const void *a, const void *b)
{
    size_t x = ((const held *)a)->order, y = ((const held *)b)->order;
    return x < y ? -1 : x > y;
}

typedef struct sel_state {
    const ck_mimic_select *sel;
    mimic_table *t;
    idset subjects, hadms;
    size_t passed;   /* rows that passed the filters */
    size_t eligible; /* ... and the every-Nth step: the sampled population */
    held *res;
    size_t nres;
    unsigned long long rng;
    ck_mimic_counts *counts; /* counting mode: no documents */
} sel_state;

static unsigned long long rnd(sel_state *s)
{
    return mix(s->rng += 0x9E3779B97F4A7C15ULL);
}

static int row_passes(sel_state *s)
{
    const ck_mimic_select *sel = s->sel;
    mimic_table *t = s->t;
    size_t n;
    const char *v;
    if (sel->n_categories) {
        v = t->category != MIMIC_NONE ? ck_csv_field(t->csv, t->category, &n) : NULL;
        if (!v || !one_of(v, n, sel->categories, sel->n_categories))
            return 0;
    }
    if (sel->n_descriptions) {
        v = t->description != MIMIC_NONE ? ck_csv_field(t->csv, t->description, &n) : NULL;
        if (!v || !one_of(v, n, sel->descriptions, sel->n_descriptions))
            return 0;
    }
    if (sel->subjects_file) {
        v = t->subject != MIMIC_NONE ? ck_csv_field(t->csv, t->subject, &n) : NULL;
        if (!v || !in_set(&s->subjects, v, n))
            return 0;
    }
    if (sel->hadms_file) {
        v = t->hadm != MIMIC_NONE ? ck_csv_field(t->csv, t->hadm, &n) : NULL;
        if (!v || !in_set(&s->hadms, v, n))
            return 0;
    }
    if (sel->drop_errors && t->iserror != MIMIC_NONE) {
        v = ck_csv_field(t->csv, t->iserror, &n);
        if (same_trimmed(v, n, "1"))
            return 0;
    }
    return 1;
}

static ck_status check_columns(const ck_mimic_select *sel, mimic_table *t,
                               ck_diag *d)
{
    const char *missing = NULL;
    if (t->kind == MIMIC_IV_DETAIL)
        missing = "a note table (this is a *_detail table)";
    else if (sel->n_categories && t->category == MIMIC_NONE)
        missing = "a CATEGORY or note_type column";
    else if (sel->n_descriptions && t->description == MIMIC_NONE)
        missing = "a DESCRIPTION column";
    else if ((sel->subjects_file || sel->shards > 1) && t->subject == MIMIC_NONE)
        missing = "a SUBJECT_ID column";
    else if (sel->hadms_file && t->hadm == MIMIC_NONE)
        missing = "a HADM_ID column";
    if (!missing)
        return CK_OK;
    ck_diag_add(d, CK_SEV_ERROR, ck_csv_name(t->csv), 1, 0, (size_t)-1,
                "the selection needs %s", missing);
    return CK_ERR_USAGE;
}

static int ascii(const char *s, size_t n)
{
    size_t i = 0;
#ifdef __SSE2__
    __m128i acc = _mm_setzero_si128();
    for (; i + 16 <= n; i += 16)
        acc = _mm_or_si128(acc, _mm_loadu_si128((const __m128i *)(s + i)));
    if (_mm_movemask_epi8(acc))
        return 0;
#endif
    unsigned char a = 0;
    for (; i < n; i++)
        a |= (unsigned char)s[i];
    return a < 0x80;
}

static int count_ph(void *user, const ck_mimic_ph *ph)
{
    ck_mimic_counts *c = user;
    c->placeholders++;
    size_t k = 0; /* types are static strings: compare pointers first */
    while (k < c->n_types && c->types[k] != ph->type)
        k++;
    if (k == c->n_types)
        for (k = 0; k < c->n_types && strcmp(c->types[k], ph->type) != 0; k++)
            ;
    if (k == c->n_types && k < sizeof c->types / sizeof *c->types)
        c->types[c->n_types++] = ph->type;
    if (k < c->n_types)
        c->per_type[k]++;
    return 0;
}

static ck_status count_row(sel_state *s, ck_diag *d)
{
    mimic_table *t = s->t;
    ck_mimic_counts *c = s->counts;
    size_t n, bad;
    const char *text = ck_csv_field(t->csv, t->text, &n);
    size_t chars = n; /* most notes are ASCII: one pass decides */
    if (!ascii(text, n)) {
        if (!ck_utf8_valid(text, n, &bad))
            return ck_csv_error(t->csv, d, t->text,
                                "%s is not valid UTF-8 (byte %zu of the field)",
                                t->names[t->text], bad);
        chars = ck_utf8_count(text, n);
    }
    c->notes++;
    c->bytes += n;
    c->chars += chars;
    if (t->phi)
        ck_mimic_scan(text, n, t->kind == MIMIC_III ? CK_MIMIC_BRACKETS : CK_MIMIC_UNDERSCORES,
                      count_ph, c);
    return CK_OK;
}

static ck_status take(sel_state *s, ck_mimic_sink sink, void *user, ck_diag *d)
{
    const ck_mimic_select *sel = s->sel;
    size_t idx = s->passed++;
    if (sel->every > 1 && idx % sel->every != sel->seed % sel->every)
        return CK_OK;
    if (s->counts)
        return count_row(s, d);
    size_t slot = 0, k = s->eligible++;
    if (sel->sample) { /* Algorithm R */
        if (s->nres < sel->sample)
            slot = s->nres;
        else if ((slot = (size_t)(rnd(s) % (k + 1))) >= sel->sample)
            return CK_OK;
    }
    ck_doc *doc;
    ck_status rc = mimic_row_doc(s->t, &doc, d);
    if (rc || !doc)
        return rc;
    size_t shard = 0;
    if (sel->shards > 1)
        shard = ck_mimic_shard(ck_csv_field(s->t->csv, s->t->subject, NULL), sel->seed,
                               sel->shards);
    if (!sel->sample)
        return sink(user, doc, shard);
    if (slot == s->nres)
        s->nres++;
    else
        ck_doc_free(s->res[slot].doc);
    s->res[slot] = (held){doc, idx, shard};
    return CK_OK;
}

static ck_status run(const char *path, const ck_mimic_select *sel,
                     ck_mimic_sink sink, void *user, ck_mimic_counts *counts,
                     ck_diag *d)
{
    sel_state s = {.sel = sel, .rng = mix(sel->seed ^ 0x5DEECE66DULL), .counts = counts};
    ck_status rc = CK_OK;
    if (sel->subjects_file)
        rc = load_ids(sel->subjects_file, &s.subjects, d);
    if (rc == CK_OK && sel->hadms_file)
        rc = load_ids(sel->hadms_file, &s.hadms, d);
    if (rc == CK_OK && sel->sample && !counts && !(s.res = calloc(sel->sample, sizeof *s.res)))
        rc = CK_ERR_NOMEM;
    ck_csv *csv = NULL;
    mimic_table t = {0};
    if (rc == CK_OK)
        rc = ck_csv_open(path, &csv, d);
    if (rc == CK_OK)
        rc = mimic_table_open(&t, csv, d);
    s.t = &t;
    if (rc == CK_OK)
        rc = check_columns(sel, &t, d);
    t.phi = !sel->no_phi;
    int more = 1;
    while (rc == CK_OK) {
        rc = mimic_next_row(&t, &more, d);
        if (rc || !more)
            break;
        if (row_passes(&s))
            rc = take(&s, sink, user, d);
    }
    if (s.res) {
        qsort(s.res, s.nres, sizeof *s.res, cmp_held);
        for (size_t i = 0; i < s.nres; i++) {
            if (rc == CK_OK)
                rc = sink(user, s.res[i].doc, s.res[i].shard);
            else
                ck_doc_free(s.res[i].doc);
        }
        free(s.res);
    }
    mimic_table_free(&t);
    ck_csv_close(csv);
    free(s.subjects.v);
    free(s.hadms.v);
    return rc == CK_STOP ? CK_OK : rc;
}

ck_status ck_mimic_select_read(const char *path, const ck_mimic_select *sel,
                               ck_mimic_sink sink, void *user, ck_diag *d)
{
    return run(path, sel, sink, user, NULL, d);
}

ck_status ck_mimic_count(const char *path, const ck_mimic_select *sel,
                         ck_mimic_counts *out, ck_diag *d)
{
    memset(out, 0, sizeof *out);
    return run(path, sel, NULL, NULL, out, d);
}
