/*
 * deid.c — the PHI detector: loading lexicons and patterns (built-in data
 * embedded from data/deid/ at build time, plus the caller's files),
 * compiling the patterns into one vectorscan database, and finding PHI:
 * pattern matches and token-scanner hits become candidates, and the best
 * non-overlapping candidates (priority, then length) win.
 */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "clinkit/io.h"
#include "core/buf.h"
#include "processors/deid_int.h"

/* Embedded copies of the files in data/deid/ (see the Makefile). */
extern const char ck_deid_first_names[], ck_deid_last_names[], ck_deid_cities[],
    ck_deid_countries[], ck_deid_states[], ck_deid_street_suffixes[],
    ck_deid_ambiguous_names[], ck_deid_stoplist[], ck_deid_patterns[],
    ck_deid_hospital_words[];

static const struct {
    const char *type, *category;
} types[] = {
    {"PATIENT", "NAME"},      {"DOCTOR", "NAME"},         {"USERNAME", "NAME"},
    {"PROFESSION", "PROFESSION"}, {"ROOM", "LOCATION"},   {"DEPARTMENT", "LOCATION"},
    {"HOSPITAL", "LOCATION"}, {"ORGANIZATION", "LOCATION"}, {"STREET", "LOCATION"},
    {"CITY", "LOCATION"},     {"STATE", "LOCATION"},      {"COUNTRY", "LOCATION"},
    {"ZIP", "LOCATION"},      {"LOCATION-OTHER", "LOCATION"}, {"AGE", "AGE"},
    {"DATE", "DATE"},         {"PHONE", "CONTACT"},       {"FAX", "CONTACT"},
    {"EMAIL", "CONTACT"},     {"URL", "CONTACT"},         {"IPADDR", "CONTACT"},
    {"SSN", "ID"},            {"MEDICALRECORD", "ID"},    {"HEALTHPLAN", "ID"},
    {"ACCOUNT", "ID"},        {"LICENSE", "ID"},          {"VEHICLE", "ID"},
    {"DEVICE", "ID"},         {"BIOID", "ID"},            {"IDNUM", "ID"},
};
static const char *const categories[] = {"NAME", "PROFESSION", "LOCATION", "AGE",
                                         "DATE", "CONTACT", "ID", "PHI"};

const char *deid_static_type(const char *type)
{
    for (size_t i = 0; type && i < sizeof types / sizeof *types; i++)
        if (!strcmp(types[i].type, type))
            return types[i].type;
    return NULL;
}

const char *deid_category_of(const char *type)
{
    for (size_t i = 0; type && i < sizeof types / sizeof *types; i++)
        if (!strcmp(types[i].type, type))
            return types[i].category;
    return NULL;
}

const char *deid_static_category(const char *category)
{
    for (size_t i = 0; category && i < sizeof categories / sizeof *categories; i++)
        if (!strcmp(categories[i], category))
            return categories[i];
    return NULL;
}

int ck_deid_is_phi(const char *type)
{
    return deid_static_category(type) != NULL;
}

/* ---- loading ---- */

static const struct {
    const char *kind;
    uint32_t flag;
    size_t list; /* offsetof the surrogate list, or 0 */
} kinds[] = {
    {"first", DL_FIRST, offsetof(ck_deid, first)},
    {"last", DL_LAST, offsetof(ck_deid, last)},
    {"city", DL_CITY, offsetof(ck_deid, city)},
    {"state", DL_STATE, offsetof(ck_deid, state)},
    {"country", DL_COUNTRY, offsetof(ck_deid, country)},
    {"street-suffix", DL_SUFFIX, offsetof(ck_deid, suffix)},
    {"ambiguous", DL_AMBIG, 0},
    {"stop", DL_STOP, 0},
    {"hospital-word", DL_HOSPW, offsetof(ck_deid, hospw)},
    {"patterns", 0, 0},
};

static ck_status add_pattern(ck_deid *de, const char *name, size_t line,
                             char *cols[4], ck_diag *d)
{
    const char *type = deid_static_type(cols[0]);
    if (!type)
        return ck_diag_error(d, name, line, "unknown PHI type '%s' (expected an i2b2 2014 "
                             "subtype such as PATIENT, DATE, PHONE)", cols[0]);
    char *end;
    long prio = strtol(cols[1], &end, 10);
    if (*end || prio < 0 || prio > 1000)
        return ck_diag_error(d, name, line, "priority must be a number 0..1000");
    int take;
    if (!strcmp(cols[2], "all"))
        take = TAKE_ALL;
    else if (!strcmp(cols[2], "first"))
        take = TAKE_FIRST;
    else if (!strcmp(cols[2], "last"))
        take = TAKE_LAST;
    else if (!strcmp(cols[2], "num"))
        take = TAKE_NUM;
    else if (!strcmp(cols[2], "fromnum"))
        take = TAKE_FROMNUM;
    else if (!strncmp(cols[2], "skip", 4) && cols[2][4] >= '1' && cols[2][4] <= '9' && !cols[2][5])
        take = TAKE_SKIP + (cols[2][4] - '0');
    else
        return ck_diag_error(d, name, line, "take must be all, first, last, num, fromnum or skipN");
    if (de->n_pats == de->cap_pats) {
        size_t cap = de->cap_pats ? de->cap_pats * 2 : 64;
        dpat *p = realloc(de->pats, cap * sizeof *p);
        if (!p)
            return CK_ERR_NOMEM;
        de->pats = p;
        de->cap_pats = cap;
    }
    dpat *p = &de->pats[de->n_pats];
    p->type = type;
    p->category = deid_category_of(type);
    p->prio = (int)prio;
    p->take = take;
    p->regex = strdup(cols[3]);
    p->re = NULL;
    p->always = 0;
    if (!p->regex)
        return CK_ERR_NOMEM;
    de->n_pats++;
    de->compiled = 0;
    return CK_OK;
}

ck_status ck_deid_load_data(ck_deid *de, const char *kind, const char *name,
                            const char *data, ck_diag *d)
{
    size_t k = 0;
    while (k < sizeof kinds / sizeof *kinds && strcmp(kinds[k].kind, kind))
        k++;
    if (k == sizeof kinds / sizeof *kinds) {
        ck_diag_add(d, CK_SEV_ERROR, name, 0, 0, (size_t)-1,
                    "unknown lexicon kind '%s' (first, last, city, state, country, "
                    "street-suffix, ambiguous, stop, hospital-word, patterns)", kind);
        return CK_ERR_USAGE;
    }
    int is_pat = !strcmp(kind, "patterns"), is_state = !strcmp(kind, "state");
    dl_list *list = kinds[k].list ? (dl_list *)((char *)de + kinds[k].list) : NULL;
    size_t line = 0;
    for (const char *p = data; *p;) {
        const char *eol = strchr(p, '\n');
        size_t len = eol ? (size_t)(eol - p) : strlen(p);
        line++;
        const char *q = p;
        p += len + (eol ? 1 : 0);
        while (len && (q[len - 1] == '\r' || q[len - 1] == ' '))
            len--;
        while (len && (*q == ' ' || *q == '\t'))
            q++, len--;
        if (!len || *q == '#')
            continue;
        if (is_pat) {
            char *row = strndup(q, len), *cols[4] = {0};
            if (!row)
                return CK_ERR_NOMEM;
            char *s = row;
            int nc = 0;
            for (; nc < 3; nc++) {
                char *tab = strchr(s, '\t');
                if (!tab)
                    break;
                *tab = '\0';
                cols[nc] = s;
                s = tab + 1;
            }
            ck_status rc = CK_OK;
            if (nc < 3)
                rc = ck_diag_error(d, name, line, "expected TYPE<TAB>PRIORITY<TAB>TAKE<TAB>REGEX");
            else {
                cols[3] = s;
                rc = add_pattern(de, name, line, cols, d);
            }
            free(row);
            if (rc)
                return rc;
            continue;
        }
        size_t wl = len;
        const char *tab = is_state ? memchr(q, '\t', len) : NULL;
        if (tab)
            wl = (size_t)(tab - q);
        if (dl_add(&de->lex, q, wl, kinds[k].flag) || (list && dl_list_add(list, q, wl)))
            return CK_ERR_NOMEM;
        const char *sp = memchr(q, ' ', wl);
        size_t fl = sp ? (size_t)(sp - q) : 0;
        if (fl > 1 && q[fl - 1] == '.') /* "St. Paul": the token is "St" */
            fl--;
        if (sp && dl_add(&de->lex, q, fl, DL_MWSTART))
            return CK_ERR_NOMEM;
        if (tab) {
            const char *ab = tab + 1;
            size_t al = len - wl - 1;
            if (dl_add(&de->lex, ab, al, DL_STATE_AB) || dl_list_add(&de->state_ab, ab, al))
                return CK_ERR_NOMEM;
        }
    }
    return CK_OK;
}

ck_status ck_deid_load(ck_deid *de, const char *kind, const char *path, ck_diag *d)
{
    char *data;
    size_t len;
    ck_status rc = ck_read_file(path, &data, &len, d);
    if (rc)
        return rc;
    if (memchr(data, '\0', len))
        rc = ck_diag_error(d, path, 0, "a lexicon is a text file; this one holds NUL bytes");
    else
        rc = ck_deid_load_data(de, kind, path, data, d);
    free(data);
    return rc;
}

ck_status ck_deid_new(ck_deid **out, ck_diag *d)
{
    ck_deid *de = calloc(1, sizeof *de);
    if (!de)
        return CK_ERR_NOMEM;
    if (deid_scan_words(&de->lex)) {
        ck_deid_free(de);
        return CK_ERR_NOMEM;
    }
    static const struct {
        const char *kind, *name;
        const char *data;
    } builtin[] = {
        {"first", "data/deid/first_names.txt", ck_deid_first_names},
        {"last", "data/deid/last_names.txt", ck_deid_last_names},
        {"city", "data/deid/cities.txt", ck_deid_cities},
        {"state", "data/deid/states.txt", ck_deid_states},
        {"country", "data/deid/countries.txt", ck_deid_countries},
        {"street-suffix", "data/deid/street_suffixes.txt", ck_deid_street_suffixes},
        {"ambiguous", "data/deid/ambiguous_names.txt", ck_deid_ambiguous_names},
        {"stop", "data/deid/stoplist.txt", ck_deid_stoplist},
        {"hospital-word", "data/deid/hospital_words.txt", ck_deid_hospital_words},
        {"patterns", "data/deid/patterns.tsv", ck_deid_patterns},
    };
    for (size_t i = 0; i < sizeof builtin / sizeof *builtin; i++) {
        ck_status rc = ck_deid_load_data(de, builtin[i].kind, builtin[i].name,
                                         builtin[i].data, d);
        if (rc) {
            ck_deid_free(de);
            return rc;
        }
    }
    *out = de;
    return CK_OK;
}

void ck_deid_free(ck_deid *de)
{
    if (!de)
        return;
    dl_free(&de->lex);
    dl_list *lists[] = {&de->first, &de->last, &de->city, &de->state, &de->state_ab,
                        &de->country, &de->suffix, &de->hospw};
    for (size_t i = 0; i < sizeof lists / sizeof *lists; i++)
        dl_list_free(lists[i]);
    for (size_t i = 0; i < de->n_pats; i++) {
        free(de->pats[i].regex);
        pcre2_code_free(de->pats[i].re);
    }
    free(de->pats);
    pcre2_match_data_free(de->md);
    free(de->hit);
    free(de->hits);
    if (de->scratch)
        hs_free_scratch(de->scratch);
    if (de->db)
        hs_free_database(de->db);
    free(de->cands);
    free(de->out);
    free(de->toks);
    free(de);
}

/* ---- compiling ---- */

static void add_alternation(ck_buf *b, const dl_list *l)
{
    ck_buf_adds(b, "(?:");
    for (size_t i = 0; i < l->n; i++) {
        if (i)
            ck_buf_addc(b, '|');
        for (const char *s = l->v[i]; *s; s++) {
            if (strchr("\\.^$|?*+()[]{}", *s))
                ck_buf_addc(b, '\\');
            ck_buf_addc(b, *s);
        }
    }
    ck_buf_adds(b, ")");
}

/* Expand {MONTH}, {STREET_SUFFIX} and {STATE_AB} in a pattern. */
static char *expand(const ck_deid *de, const char *re)
{
    static const char month[] =
        "(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
        "|Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?|JAN(?:UARY)?|FEB(?:RUARY)?"
        "|MAR(?:CH)?|APR(?:IL)?|MAY|JUNE?|JULY?|AUG(?:UST)?|SEPT?(?:EMBER)?|OCT(?:OBER)?"
        "|NOV(?:EMBER)?|DEC(?:EMBER)?)";
    ck_buf b;
    ck_buf_init(&b);
    for (const char *p = re; *p;) {
        if (!strncmp(p, "{MONTH}", 7)) {
            ck_buf_adds(&b, month);
            p += 7;
        } else if (!strncmp(p, "{STREET_SUFFIX}", 15)) {
            add_alternation(&b, &de->suffix);
            p += 15;
        } else if (!strncmp(p, "{STATE_AB}", 10)) {
            add_alternation(&b, &de->state_ab);
            p += 10;
        } else
            ck_buf_addc(&b, *p++);
    }
    if (b.failed) {
        ck_buf_free(&b);
        return NULL;
    }
    char *s = strdup(ck_buf_str(&b));
    ck_buf_free(&b);
    return s;
}

/* Two stages: one vectorscan database of every pattern, in single-match
 * mode (the cheapest: no start offsets), tells which patterns occur in a
 * text; PCRE2 (JIT) then finds the exact spans of just those. A pattern
 * vectorscan cannot take is run by PCRE2 on every text. */
static ck_status compile(ck_deid *de, ck_diag *d)
{
    if (de->compiled)
        return CK_OK;
    if (de->scratch)
        hs_free_scratch(de->scratch);
    if (de->db)
        hs_free_database(de->db);
    de->scratch = NULL;
    de->db = NULL;
    size_t n = de->n_pats;
    char **ex = calloc(n ? n : 1, sizeof *ex);
    unsigned *flags = calloc(n ? n : 1, sizeof *flags), *ids = calloc(n ? n : 1, sizeof *ids);
    unsigned char *hit = realloc(de->hit, n ? n : 1);
    ck_status rc = CK_OK;
    if (hit)
        de->hit = hit;
    if (!ex || !flags || !ids || !hit)
        rc = CK_ERR_NOMEM;
    if (!rc && !de->md && !(de->md = pcre2_match_data_create(4, NULL)))
        rc = CK_ERR_NOMEM;
    for (size_t i = 0; !rc && i < n; i++) {
        dpat *p = &de->pats[i];
        ex[i] = expand(de, p->regex);
        if (!ex[i]) {
            rc = CK_ERR_NOMEM;
            break;
        }
        if (!p->re) {
            int err;
            PCRE2_SIZE off;
            p->re = pcre2_compile((PCRE2_SPTR)ex[i], PCRE2_ZERO_TERMINATED, 0, &err, &off, NULL);
            if (!p->re) {
                PCRE2_UCHAR msg[256];
                pcre2_get_error_message(err, msg, sizeof msg);
                ck_diag_add(d, CK_SEV_ERROR, "deid patterns", 0, 0, (size_t)-1,
                            "pattern %zu (%s) cannot be compiled at offset %zu: %s", i + 1,
                            p->type, (size_t)off, (const char *)msg);
                rc = CK_ERR_USAGE;
                break;
            }
            pcre2_jit_compile(p->re, PCRE2_JIT_COMPLETE); /* falls back to the interpreter */
        }
    }
    /* vectorscan: drop what it refuses, one at a time */
    while (!rc) {
        size_t m = 0;
        for (size_t i = 0; i < n; i++)
            if (!de->pats[i].always) {
                if (m != i) {
                    ex[m] = ex[i];
                    ex[i] = NULL;
                }
                flags[m] = 0; /* every match end: PCRE2 then looks just before it */
                ids[m] = (unsigned)i;
                m++;
            }
        if (!m)
            break;
        hs_compile_error_t *err = NULL;
        if (hs_compile_multi((const char *const *)ex, flags, ids, (unsigned)m, HS_MODE_BLOCK,
                             NULL, &de->db, &err) == HS_SUCCESS) {
            if (hs_alloc_scratch(de->db, &de->scratch) != HS_SUCCESS)
                rc = CK_ERR_NOMEM;
            break;
        }
        int bad = err ? err->expression : -1;
        hs_free_compile_error(err);
        if (bad < 0 || (size_t)bad >= m) {
            ck_diag_add(d, CK_SEV_ERROR, "deid patterns", 0, 0, (size_t)-1,
                        "the pattern set cannot be compiled by vectorscan");
            rc = CK_ERR_USAGE;
            break;
        }
        de->pats[ids[bad]].always = 1;
        /* put the expressions back in pattern order for the next round */
        for (size_t k = m; k-- > 0;) {
            char *e = ex[k];
            ex[k] = NULL;
            ex[ids[k]] = e;
        }
    }
    for (size_t i = 0; ex && i < n; i++)
        free(ex[i]);
    free(ex);
    free(flags);
    free(ids);
    if (!rc)
        de->compiled = 1;
    return rc;
}

/* ---- finding ---- */

int deid_add_cand(ck_deid *de, size_t s, size_t e, const char *type, int prio)
{
    if (e <= s)
        return 0;
    if (de->n_cands == de->cap_cands) {
        size_t cap = de->cap_cands ? de->cap_cands * 2 : 128;
        dcand *c = realloc(de->cands, cap * sizeof *c);
        if (!c)
            return -1;
        de->cands = c;
        de->cap_cands = cap;
    }
    dcand *c = &de->cands[de->n_cands++];
    c->start = s;
    c->end = e;
    c->type = type;
    c->category = deid_category_of(type);
    c->prio = prio;
    return 0;
}

typedef struct mctx {
    ck_deid *de;
    const char *text;
    size_t n;
    int nomem;
} mctx;

static int is_sep(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == ':' || c == '#' ||
           c == ',' || c == '=';
}

static int unit_follows(const char *t, size_t n, size_t e)
{
    while (e < n && t[e] == ' ')
        e++;
    static const char *const units[] = {"mg", "mcg", "ml", "mL", "cc", "units", "g ", "kg",
                                        "meq", "mEq", "mmol", "%"};
    for (size_t i = 0; i < sizeof units / sizeof *units; i++) {
        size_t l = strlen(units[i]);
        if (e + l <= n && !memcmp(t + e, units[i], l))
            return 1;
    }
    return 0;
}

/* Numeric dates inside other numbers are lab values or scores: "13.1/13.8",
 * "120/80/12", a pain score "3/10" or "6-10/10". */
static int plausible_date(const char *t, size_t n, size_t s, size_t e)
{
    if (!(t[s] >= '0' && t[s] <= '9'))
        return 1;
    if (s > 0 && (t[s - 1] == '.' || t[s - 1] == '/' || t[s - 1] == '-'))
        return 0;
    if (e < n && (t[e] == '/' || (t[e] == '.' && e + 1 < n && t[e + 1] >= '0' && t[e + 1] <= '9')))
        return 0;
    if (e >= s + 3 && !memcmp(t + e - 3, "/10", 3) && !memchr(t + s, '/', e - s - 3)) {
        /* "x/10" is a date unless a pain or score context is near */
        size_t from = s > 40 ? s - 40 : 0;
        static const char *const ctx[] = {"pain", "Pain", "PAIN", "score", "scale", "rate", "/10"};
        for (size_t k = 0; k < sizeof ctx / sizeof *ctx; k++) {
            size_t l = strlen(ctx[k]);
            for (size_t q = from; q + l <= s; q++)
                if (!memcmp(t + q, ctx[k], l))
                    return 0;
        }
        if (e + 5 <= n && !memcmp(t + e, " pain", 5))
            return 0;
    }
    return 1;
}

static int on_match(mctx *m, unsigned id, size_t s, size_t e);

static int on_hit(unsigned id, unsigned long long from, unsigned long long to,
                  unsigned flags, void *user)
{
    (void)from;
    (void)flags;
    mctx *m = user;
    ck_deid *de = m->de;
    if (de->n_hits == de->cap_hits) {
        size_t cap = de->cap_hits ? de->cap_hits * 2 : 256;
        struct dhit *h = realloc(de->hits, cap * sizeof *h);
        if (!h) {
            m->nomem = 1;
            return 1; /* stop scanning */
        }
        de->hits = h;
        de->cap_hits = cap;
    }
    de->hits[de->n_hits].id = id;
    de->hits[de->n_hits].to = (size_t)to;
    de->n_hits++;
    return 0;
}

static int cmp_hit(const void *a, const void *b)
{
    const struct dhit *x = a, *y = b;
    if (x->id != y->id)
        return x->id < y->id ? -1 : 1;
    return x->to < y->to ? -1 : x->to > y->to;
}

/* PCRE2 over text[from, to) (to is a match end vectorscan reported);
 * every match becomes a candidate. Returns the start of the last match
 * ending at `to` (or to if none), and sets *reached. */
static size_t spans_before(mctx *m, unsigned id, size_t from, size_t to, int *reached)
{
    ck_deid *de = m->de;
    size_t at = from, last = to;
    *reached = 0;
    while (at <= to) {
        int r = pcre2_match(de->pats[id].re, (PCRE2_SPTR)m->text, to, at, 0, de->md, NULL);
        if (r < 0)
            break;
        PCRE2_SIZE *ov = pcre2_get_ovector_pointer(de->md);
        size_t s = ov[0], e = ov[1];
        on_match(m, id, s, e);
        if (e == to) {
            *reached = 1;
            last = s;
        }
        at = e > s ? e : s + 1;
    }
    return last;
}

static int on_match(mctx *m, unsigned id, size_t s, size_t e)
{
    const dpat *p = &m->de->pats[id];
    const char *t = m->text;
    if (p->take == TAKE_FIRST) {
        size_t k = s;
        while (k < e && !is_sep(t[k]))
            k++;
        e = k;
    } else if (p->take == TAKE_LAST) {
        size_t k = e;
        while (k > s && !is_sep(t[k - 1]))
            k--;
        s = k;
    } else if (p->take == TAKE_NUM || p->take == TAKE_FROMNUM) {
        while (s < e && !(t[s] >= '0' && t[s] <= '9') &&
               !(p->take == TAKE_FROMNUM && (t[s] == '(' || t[s] == '+') && s + 1 < e &&
                 t[s + 1] >= '0' && t[s + 1] <= '9'))
            s++;
        if (p->take == TAKE_NUM) {
            size_t k = s;
            while (k < e && t[k] >= '0' && t[k] <= '9')
                k++;
            e = k;
        }
    } else if (p->take >= TAKE_SKIP) {
        for (int w = 0; w < p->take - TAKE_SKIP && s < e; w++) {
            while (s < e && !is_sep(t[s]))
                s++;
            while (s < e && is_sep(t[s]))
                s++;
        }
    }
    if (p->type[0] == 'U' || p->type[0] == 'E') /* URL, EMAIL: no trailing punctuation */
        while (e > s && strchr(".,;:)", t[e - 1]))
            e--;
    if (e <= s || memchr(t + s, '\0', e - s)) /* no NUL inside a span */
        return 0;
    /* A bare number followed by a unit is a dose, not a date or an id. */
    int digits = 1;
    for (size_t k = s; k < e && digits; k++)
        digits = t[k] >= '0' && t[k] <= '9';
    if (digits && (p->category[0] == 'D' || p->category[0] == 'I') && unit_follows(t, m->n, e))
        return 0;
    if (p->category[0] == 'D' && p->category[1] == 'A' && !plausible_date(t, m->n, s, e))
        return 0;
    if (deid_add_cand(m->de, s, e, p->type, p->prio))
        m->nomem = 1;
    return 0;
}

static int cmp_cand(const void *a, const void *b)
{
    const dcand *x = a, *y = b;
    if (x->prio != y->prio)
        return x->prio > y->prio ? -1 : 1;
    size_t lx = x->end - x->start, ly = y->end - y->start;
    if (lx != ly)
        return lx > ly ? -1 : 1;
    return x->start < y->start ? -1 : x->start > y->start;
}

static int cmp_phi(const void *a, const void *b)
{
    const ck_phi *x = a, *y = b;
    return x->start < y->start ? -1 : x->start > y->start;
}

ck_status ck_deid_find(ck_deid *de, const char *text, size_t n, const ck_phi **out,
                       size_t *n_out, ck_diag *d)
{
    ck_status rc = compile(de, d);
    if (rc)
        return rc;
    de->n_cands = 0;
    de->n_out = 0;
    mctx m = {de, text, n, 0};
    de->n_hits = 0;
    for (size_t i = 0; i < de->n_pats; i++)
        de->hit[i] = (unsigned char)de->pats[i].always;
    if (n > UINT_MAX) /* beyond vectorscan's block size: PCRE2 alone */
        memset(de->hit, 1, de->n_pats);
    else if (de->db && n &&
             hs_scan(de->db, text, (unsigned)n, 0, de->scratch, on_hit, &m) != HS_SUCCESS &&
             !m.nomem)
        return CK_ERR_NOMEM;
    if (m.nomem)
        return CK_ERR_NOMEM;
    /* PCRE2 on the whole text for the patterns vectorscan cannot take */
    for (size_t i = 0; i < de->n_pats && n; i++) {
        if (!de->hit[i])
            continue;
        int reached;
        spans_before(&m, (unsigned)i, 0, n, &reached);
    }
    /* and just before each match end vectorscan reported for the others */
    enum { WINDOW = 160 };
    if (de->n_hits > 1)
        qsort(de->hits, de->n_hits, sizeof *de->hits, cmp_hit);
    for (size_t k = 0; k < de->n_hits;) {
        unsigned id = de->hits[k].id;
        size_t done = 0, last = 0;
        for (; k < de->n_hits && de->hits[k].id == id; k++) {
            size_t to = de->hits[k].to;
            if (to <= done)
                continue;
            size_t from = to > WINDOW ? to - WINDOW : 0;
            size_t floor = done < last ? done : last;
            if (from < floor)
                from = floor;
            int reached;
            size_t ls = spans_before(&m, id, from, to, &reached);
            if (!reached && from > 0) /* longer than the window */
                ls = spans_before(&m, id, 0, to, &reached);
            last = reached ? ls : to;
            done = to;
        }
    }
    if (m.nomem || deid_scan(de, text, n))
        return CK_ERR_NOMEM;
    if (de->n_cands > 1)
        qsort(de->cands, de->n_cands, sizeof *de->cands, cmp_cand);
    for (size_t i = 0; i < de->n_cands; i++) {
        const dcand *c = &de->cands[i];
        int clash = 0;
        for (size_t j = 0; j < de->n_out && !clash; j++)
            clash = c->start < de->out[j].end && de->out[j].start < c->end;
        if (clash)
            continue;
        if (de->n_out == de->cap_out) {
            size_t cap = de->cap_out ? de->cap_out * 2 : 64;
            ck_phi *o = realloc(de->out, cap * sizeof *o);
            if (!o)
                return CK_ERR_NOMEM;
            de->out = o;
            de->cap_out = cap;
        }
        de->out[de->n_out++] = (ck_phi){c->start, c->end, c->category, c->type};
    }
    if (de->n_out > 1)
        qsort(de->out, de->n_out, sizeof *de->out, cmp_phi);
    *out = de->out;
    *n_out = de->n_out;
    return CK_OK;
}

ck_status ck_deid_detect(ck_deid *de, ck_doc *doc, ck_diag *d)
{
    if (!doc->text)
        return CK_OK;
    const ck_phi *phi;
    size_t n;
    ck_status rc = ck_deid_find(de, doc->text, doc->text_bytes, &phi, &n, d);
    if (rc)
        return rc;
    size_t next = 1;
    for (size_t i = 0; i < doc->n_entities; i++) {
        const char *id = doc->entities[i].id;
        if (id && id[0] == 'P') {
            size_t v = (size_t)strtoull(id + 1, NULL, 10);
            if (v >= next)
                next = v + 1;
        }
    }
    for (size_t i = 0; i < n; i++) {
        char id[32];
        snprintf(id, sizeof id, "P%zu", next++);
        size_t s = ck_doc_byte2cp(doc, phi[i].start), e = ck_doc_byte2cp(doc, phi[i].end);
        if (s == (size_t)-1 || e == (size_t)-1 ||
            memchr(doc->text + phi[i].start, '\0', phi[i].end - phi[i].start))
            continue; /* not on a character boundary, or across a NUL: not text */
        ck_entity *ent = ck_doc_add_entity(doc, id, phi[i].category);
        size_t len = phi[i].end - phi[i].start;
        char small[256], *txt = len < sizeof small ? small : malloc(len + 1);
        if (txt) {
            memcpy(txt, doc->text + phi[i].start, len);
            txt[len] = '\0';
        }
        int bad = !ent || !txt || ck_entity_add_span(doc, ent, s, e, txt) ||
                  ck_entity_add_attr(doc, ent, NULL, "TYPE", phi[i].type);
        if (txt != small)
            free(txt);
        if (bad)
            return CK_ERR_NOMEM;
    }
    return CK_OK;
}
