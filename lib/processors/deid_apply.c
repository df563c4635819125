/*
 * deid_apply.c — turn a document with PHI entities into its released
 * form: typed placeholders, masks, or surrogates. Surrogates are chosen
 * by a keyed hash of (patient key, the original word), so the same name
 * becomes the same surrogate everywhere in a patient's notes; dates move
 * by the patient's shift (deid_date.c); digits and letters of numbers and
 * addresses are replaced one for one, so a phone stays a phone. Every
 * other annotation is carried over with its offsets moved to the new text.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "clinkit/text.h"
#include "core/buf.h"
#include "processors/deid_int.h"

typedef struct region {
    size_t s, e;       /* code points in the input */
    size_t ns, ne;     /* code points in the output */
    const ck_entity *ent;
    int keep;          /* an earlier surrogate under the same key: unchanged */
} region;

static const char *subtype(const ck_entity *e)
{
    const char *t = ck_attr_get(e->attrs, e->n_attrs, "TYPE");
    return t ? t : e->type;
}

static uint64_t mix(uint64_t *h)
{
    /* splitmix64 step: a stream of values from one keyed seed */
    uint64_t z = (*h += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}

static int is_up(char c) { return c >= 'A' && c <= 'Z'; }
static int is_low(char c) { return c >= 'a' && c <= 'z'; }
static int is_dig(char c) { return c >= '0' && c <= '9'; }

/* Append s in the letter case of orig (ALL CAPS, Title, lower). */
static void add_cased(ck_buf *b, const char *s, const char *orig, size_t on)
{
    int up = on > 1, low = 1;
    for (size_t i = 0; i < on; i++) {
        if (is_low(orig[i]))
            up = 0;
        if (is_up(orig[i]))
            low = 0;
    }
    for (size_t i = 0; s[i]; i++) {
        char c = s[i];
        if (up && is_low(c))
            c = (char)(c - 32);
        else if (low && is_up(c))
            c = (char)(c + 32);
        ck_buf_addc(b, c);
    }
}

typedef struct actx {
    const ck_deid *de;
    const ck_deid_opts *o;
    const char *patient;
    size_t plen;
    int days;
} actx;

static uint64_t seed(const actx *a, const char *domain, const char *s, size_t n)
{
    char low[256];
    size_t l = n < sizeof low ? n : sizeof low;
    for (size_t i = 0; i < l; i++)
        low[i] = is_up(s[i]) ? (char)(s[i] + 32) : s[i];
    return deid_prf(a->o->key, domain, a->patient, a->plen, low, l);
}

/* Digits -> digits, letters -> letters (same case), the rest kept. */
static void scramble(const actx *a, ck_buf *b, const char *s, size_t n, int nonzero_first)
{
    uint64_t h = seed(a, "chars", s, n);
    int first = 1;
    for (size_t i = 0; i < n; i++) {
        char c = s[i];
        uint64_t r = mix(&h);
        if (is_dig(c)) {
            c = (char)('0' + (first && nonzero_first ? 2 + r % 8 : r % 10));
            first = 0;
        } else if (is_up(c))
            c = (char)('A' + r % 26);
        else if (is_low(c))
            c = (char)('a' + r % 26);
        ck_buf_addc(b, c);
    }
}

static const char *pick(const actx *a, const char *domain, const dl_list *l, const char *s,
                        size_t n)
{
    if (!l->n)
        return NULL;
    return l->v[seed(a, domain, s, n) % l->n];
}

/* Replace each word of a span from a pool chosen per word. */
static void words(const actx *a, ck_buf *b, const char *s, size_t n, const char *kind)
{
    const ck_deid *de = a->de;
    size_t i = 0;
    while (i < n) {
        if (!is_up(s[i]) && !is_low(s[i]) && (unsigned char)s[i] < 0x80) {
            ck_buf_addc(b, s[i++]);
            continue;
        }
        size_t st = i;
        while (i < n && (is_up(s[i]) || is_low(s[i]) || (unsigned char)s[i] >= 0x80 ||
                         ((s[i] == '\'' || s[i] == '-') && i + 1 < n && is_low(s[i + 1]))))
            i++;
        size_t wl = i - st;
        const char *w = s + st;
        uint32_t f = dl_get(&de->lex, w, wl);
        const char *rep = NULL;
        int last_word = 1;
        for (size_t k = i; k < n; k++)
            if (is_up(s[k]) || is_low(s[k]))
                last_word = 0;
        if (wl == 1) { /* an initial */
            char c = (char)('A' + seed(a, "initial", w, 1) % 26);
            char t[2] = {c, 0};
            add_cased(b, t, w, 1);
            continue;
        }
        if ((f & (DL_STOP | DL_HOSPW | DL_SUFFIX)) && strcmp(kind, "name")) {
            ck_buf_add(b, w, wl); /* "General", "Hospital", "Street" stay */
            continue;
        }
        if (!strcmp(kind, "name")) {
            int first = (f & DL_FIRST) && !((f & DL_LAST) && last_word);
            if (!(f & (DL_FIRST | DL_LAST)))
                first = !last_word;
            rep = first ? pick(a, "first", &de->first, w, wl) : pick(a, "last", &de->last, w, wl);
        } else if (!strcmp(kind, "place"))
            rep = pick(a, "city", &de->city, w, wl);
        else
            rep = pick(a, "last", &de->last, w, wl);
        if (rep)
            add_cased(b, rep, w, wl);
        else
            scramble(a, b, w, wl, 0);
    }
}

static void placeholder(ck_buf *b, const char *tmpl, const ck_entity *e)
{
    for (const char *p = tmpl; *p; p++) {
        if (*p == '%' && p[1] == 'c')
            ck_buf_adds(b, e->type), p++;
        else if (*p == '%' && p[1] == 't')
            ck_buf_adds(b, subtype(e)), p++;
        else if (*p == '%' && p[1] == '%')
            ck_buf_addc(b, '%'), p++;
        else
            ck_buf_addc(b, *p);
    }
}

/* A MIMIC placeholder "[**Known lastname 123**]" has no original to
 * transform: make a fresh value of its type (keyed on the placeholder, so
 * the same placeholder gets the same value). Returns 0 if not handled. */
static int fill_placeholder(const actx *a, ck_buf *b, const char *t, const char *s, size_t n)
{
    if (n < 6 || memcmp(s, "[**", 3) || memcmp(s + n - 3, "**]", 3))
        return 0;
    const char *in = s + 3;
    size_t il = n - 6;
    while (il && in[il - 1] == ' ')
        il--;
    const ck_deid *de = a->de;
    uint64_t h = seed(a, "placeholder", s, n);
    char out[160];
    out[0] = '\0';
    if (!strcmp(t, "DATE")) {
        if (il < 100 && !deid_date_shift_text(in, il, a->days, out, sizeof out))
            ;
        else if (strstr(s, "onth"))
            snprintf(out, sizeof out, "%s", (const char *[]){"January", "March", "May", "July",
                                                            "September", "November"}[h % 6]);
        else if (strstr(s, "ear"))
            snprintf(out, sizeof out, "%d", 1990 + (int)(h % 30));
        else if (strstr(s, "oliday"))
            snprintf(out, sizeof out, "Thanksgiving");
        else
            snprintf(out, sizeof out, "%02d/%02d/%04d", 1 + (int)(h % 12), 1 + (int)(h / 12 % 28),
                     1990 + (int)(h / 400 % 30));
    } else if (!strcmp(t, "PATIENT") || !strcmp(t, "DOCTOR")) {
        int first = (strstr(s, "irst") || strstr(s, "Name (STitle)")) && !strstr(s, "ast");
        const dl_list *l = first ? &de->first : &de->last;
        if (l->n)
            snprintf(out, sizeof out, "%s", l->v[h % l->n]);
    } else if (!strcmp(t, "PHONE") || !strcmp(t, "FAX"))
        snprintf(out, sizeof out, "(%03d) %03d-%04d", 200 + (int)(h % 800),
                 200 + (int)(h / 800 % 800), (int)(h / 640000 % 10000));
    else if (!strcmp(t, "SSN"))
        snprintf(out, sizeof out, "%03d-%02d-%04d", 100 + (int)(h % 800), 10 + (int)(h / 800 % 89),
                 (int)(h / 71200 % 10000));
    else if (!strcmp(t, "MEDICALRECORD") || !strcmp(t, "IDNUM"))
        snprintf(out, sizeof out, "%07d", (int)(h % 10000000));
    else if (!strcmp(t, "AGE"))
        snprintf(out, sizeof out, "90");
    else if (!strcmp(t, "EMAIL") && de->last.n)
        snprintf(out, sizeof out, "%s@example.org", de->last.v[h % de->last.n]);
    else if (!strcmp(t, "HOSPITAL") && de->city.n)
        snprintf(out, sizeof out, "%s %s", de->city.v[h % de->city.n],
                 (const char *[]){"General Hospital", "Medical Center", "Memorial Hospital"}[h / 7 % 3]);
    else if (!strcmp(t, "STREET") && de->last.n)
        snprintf(out, sizeof out, "%d %s Street", 1 + (int)(h % 9999), de->last.v[h / 9999 % de->last.n]);
    else if (!strcmp(t, "CITY") && de->city.n)
        snprintf(out, sizeof out, "%s", de->city.v[h % de->city.n]);
    else if (!strcmp(t, "STATE") && de->state.n)
        snprintf(out, sizeof out, "%s", de->state.v[h % de->state.n]);
    else if (!strcmp(t, "COUNTRY") && de->country.n)
        snprintf(out, sizeof out, "%s", de->country.v[h % de->country.n]);
    if (!out[0])
        return 0;
    ck_buf_adds(b, out);
    return 1;
}

static void surrogate(const actx *a, ck_buf *b, const ck_entity *e, const char *s, size_t n)
{
    const char *t = subtype(e);
    const ck_deid *de = a->de;
    if (fill_placeholder(a, b, t, s, n))
        return;
    if (!strcmp(t, "DATE") || !strcmp(e->type, "DATE")) {
        char out[128];
        if (n < 100 && !deid_date_shift_text(s, n, a->days, out, sizeof out))
            ck_buf_adds(b, out);
        else
            placeholder(b, "[**%t**]", e);
    } else if (!strcmp(e->type, "AGE")) {
        /* Ages over 89 become 90 (HIPAA Safe Harbor); younger ones stay. */
        size_t i = 0;
        while (i < n && !is_dig(s[i]))
            i++;
        size_t j = i;
        long v = 0;
        while (j < n && is_dig(s[j]) && j - i < 6)
            v = v * 10 + (s[j++] - '0');
        ck_buf_add(b, s, i);
        if (j > i && v > 89)
            ck_buf_adds(b, "90");
        else
            ck_buf_add(b, s + i, j - i);
        ck_buf_add(b, s + j, n - j);
    } else if (!strcmp(t, "PATIENT") || !strcmp(t, "DOCTOR") || !strcmp(e->type, "NAME")) {
        if (!strcmp(t, "USERNAME"))
            scramble(a, b, s, n, 0);
        else
            words(a, b, s, n, "name");
    } else if (!strcmp(t, "CITY")) {
        const char *r = pick(a, "city", &de->city, s, n);
        r ? add_cased(b, r, s, n) : scramble(a, b, s, n, 0);
    } else if (!strcmp(t, "STATE")) {
        int ab = n == 2 && is_up(s[0]) && is_up(s[1]);
        const char *r = pick(a, "state", ab ? &de->state_ab : &de->state, s, n);
        r ? add_cased(b, r, s, n) : scramble(a, b, s, n, 0);
    } else if (!strcmp(t, "COUNTRY")) {
        const char *r = pick(a, "country", &de->country, s, n);
        r ? add_cased(b, r, s, n) : scramble(a, b, s, n, 0);
    } else if (!strcmp(t, "HOSPITAL") || !strcmp(t, "STREET")) {
        /* digits scrambled, name words from the pools, suffixes kept */
        size_t i = 0;
        while (i < n) {
            size_t st = i;
            if (is_dig(s[i])) {
                while (i < n && is_dig(s[i]))
                    i++;
                scramble(a, b, s + st, i - st, 1);
            } else {
                while (i < n && !is_dig(s[i]))
                    i++;
                words(a, b, s + st, i - st, !strcmp(t, "HOSPITAL") ? "place" : "street");
            }
        }
    } else if (!strcmp(t, "PHONE") || !strcmp(t, "FAX") || !strcmp(t, "ZIP") ||
               !strcmp(t, "ROOM") || !strcmp(e->type, "ID") || !strcmp(t, "IPADDR")) {
        scramble(a, b, s, n, !strcmp(t, "PHONE") || !strcmp(t, "FAX"));
    } else if (!strcmp(t, "EMAIL") || !strcmp(t, "URL")) {
        /* keep the scheme, "www." and the top-level domain */
        size_t keep_head = 0, tld = n;
        if (n > 8 && !strncmp(s, "https://", 8))
            keep_head = 8;
        else if (n > 7 && !strncmp(s, "http://", 7))
            keep_head = 7;
        if (n - keep_head > 4 && !strncmp(s + keep_head, "www.", 4))
            keep_head += 4;
        for (size_t i = keep_head; i < n; i++)
            if (s[i] == '/')
                break;
            else if (s[i] == '.')
                tld = i;
        ck_buf_add(b, s, keep_head);
        scramble(a, b, s + keep_head, tld - keep_head, 0);
        ck_buf_add(b, s + tld, n - tld);
    } else
        placeholder(b, a->o->placeholder ? a->o->placeholder : "[**%t**]", e);
}

static int cmp_region(const void *x, const void *y)
{
    const region *a = x, *b = y;
    if (a->s != b->s)
        return a->s < b->s ? -1 : 1;
    return a->e > b->e ? -1 : a->e < b->e;
}

/* Where input position p (code points) lands in the output: shifted by
 * the growth of the replacements before it; inside a replaced span, at
 * the replacement's start (or its end, for an end offset). */
static size_t map_pos(const region *r, size_t nr, size_t p, int is_end)
{
    long delta = 0;
    for (size_t i = 0; i < nr; i++) {
        if (p <= r[i].s)
            break;
        if (p < r[i].e)
            return is_end ? r[i].ne : r[i].ns;
        delta = (long)r[i].ne - (long)r[i].e;
    }
    return (size_t)((long)p + delta);
}

static int copy_entity(ck_doc *out, const ck_entity *e, int passage, const region *r,
                       size_t nr, const char *mode)
{
    ck_entity *ne = passage ? ck_doc_add_passage(out, e->id, e->type)
                            : ck_doc_add_entity(out, e->id, e->type);
    if (!ne)
        return -1;
    for (size_t i = 0; i < e->n_spans; i++) {
        size_t s = map_pos(r, nr, e->spans[i].start, 0), en = map_pos(r, nr, e->spans[i].end, 1);
        if (en < s)
            en = s;
        const char *p;
        size_t nb;
        char *txt = NULL;
        if (e->texts[i] && !ck_doc_slice(out, s, en, &p, &nb))
            txt = strndup(p, nb);
        int rc = ck_entity_add_span(out, ne, s, en, txt);
        free(txt);
        if (rc)
            return -1;
    }
    for (size_t i = 0; i < e->n_attrs; i++)
        if (strcmp(e->attrs[i].key, "deid") &&
            ck_entity_add_attr(out, ne, e->attrs[i].id, e->attrs[i].key, e->attrs[i].value))
            return -1;
    for (size_t i = 0; i < e->n_norms; i++)
        if (ck_entity_add_norm(out, ne, e->norms[i].nid, e->norms[i].db, e->norms[i].id,
                               e->norms[i].text))
            return -1;
    if (mode && ck_entity_add_attr(out, ne, NULL, "deid", mode))
        return -1;
    return 0;
}

static void key_check(const uint8_t *key, char out[17])
{
    uint64_t h = deid_prf(key, "key-check", NULL, 0, NULL, 0);
    snprintf(out, 17, "%016llx", (unsigned long long)h);
}

ck_status ck_deid_apply(const ck_deid *de, const ck_doc *in, const ck_deid_opts *o,
                        ck_doc **out, ck_diag *d)
{
    static const char *const modes[] = {"redact", "mask", "surrogate"};
    if (o->mode == CK_DEID_SURROGATE && (!o->key || !de)) {
        ck_diag_add(d, CK_SEV_ERROR, in->id, 0, 0, (size_t)-1,
                    "surrogates need a key and the detector's lexicons");
        return CK_ERR_USAGE;
    }
    const char *mode = modes[o->mode];
    char kc[17] = "";
    if (o->key)
        key_check(o->key, kc);
    const char *prev = ck_doc_meta(in, "deid_key_check");
    int same_key = o->mode == CK_DEID_SURROGATE && prev && !strcmp(prev, kc);
    actx a = {de, o, o->patient ? o->patient : (in->id ? in->id : ""), 0, 0};
    a.plen = strlen(a.patient);
    if (o->mode == CK_DEID_SURROGATE)
        a.days = ck_deid_date_shift(o->key, a.patient);

    /* PHI regions: earlier surrogates (same key) first, then the rest
     * where they do not overlap. */
    region *r = calloc(in->n_entities + 1, sizeof *r);
    if (!r)
        return CK_ERR_NOMEM;
    size_t nr = 0;
    for (int pass = 0; pass < 2; pass++)
        for (size_t i = 0; i < in->n_entities; i++) {
            const ck_entity *e = &in->entities[i];
            if (!ck_deid_is_phi(e->type) || !e->n_spans || !in->text)
                continue;
            const char *prior = ck_attr_get(e->attrs, e->n_attrs, "deid");
            int keep = same_key && prior && !strcmp(prior, "surrogate");
            if (keep != (pass == 0))
                continue;
            size_t s = e->spans[0].start, en = e->spans[e->n_spans - 1].end;
            if (en <= s || en > in->text_cps)
                continue;
            int clash = 0;
            for (size_t k = 0; k < nr && !clash; k++)
                clash = s < r[k].e && r[k].s < en;
            if (clash)
                continue;
            r[nr++] = (region){s, en, 0, 0, e, keep};
        }
    qsort(r, nr, sizeof *r, cmp_region);

    ck_buf b;
    ck_buf_init(&b);
    size_t pos = 0, cps = 0; /* bytes, code points of output */
    for (size_t i = 0; i < nr; i++) {
        size_t bs = ck_doc_cp2byte(in, r[i].s), be = ck_doc_cp2byte(in, r[i].e);
        size_t before = b.n;
        ck_buf_add(&b, in->text + pos, bs - pos);
        cps += ck_utf8_count(b.p + before, b.n - before);
        r[i].ns = cps;
        before = b.n;
        const char *s = in->text + bs;
        size_t n = be - bs;
        if (r[i].keep)
            ck_buf_add(&b, s, n);
        else if (o->mode == CK_DEID_REDACT)
            placeholder(&b, o->placeholder ? o->placeholder : "[**%t**]", r[i].ent);
        else if (o->mode == CK_DEID_MASK) {
            for (size_t k = 0; k < n;) {
                int32_t cp;
                size_t l = ck_utf8_decode(s + k, n - k, &cp);
                if (!l)
                    l = 1;
                if (cp == ' ' || cp == '\n' || cp == '\t' || cp == '\r')
                    ck_buf_addc(&b, (char)cp);
                else
                    ck_buf_addc(&b, o->mask ? o->mask : 'X');
                k += l;
            }
        } else
            surrogate(&a, &b, r[i].ent, s, n);
        cps += ck_utf8_count(b.p + before, b.n - before);
        r[i].ne = cps;
        pos = be;
    }
    if (in->text)
        ck_buf_add(&b, in->text + pos, in->text_bytes - pos);
    if (b.failed) {
        ck_buf_free(&b);
        free(r);
        return CK_ERR_NOMEM;
    }

    ck_doc *nd = ck_doc_new(in->id);
    int bad = !nd;
    if (!bad && in->text && ck_doc_set_text(nd, b.p ? b.p : "", b.n, NULL))
        bad = 1;
    for (size_t i = 0; !bad && i < in->n_meta; i++)
        if (strcmp(in->meta[i].key, "deid") && strcmp(in->meta[i].key, "deid_key_check"))
            ck_doc_add_meta(nd, in->meta[i].key, in->meta[i].value);
    if (!bad) {
        ck_doc_add_meta(nd, "deid", mode);
        if (o->mode == CK_DEID_SURROGATE)
            ck_doc_add_meta(nd, "deid_key_check", kc);
    }
    for (size_t i = 0; !bad && i < in->n_labels; i++) {
        ck_label *l = ck_doc_add_label(nd, in->labels[i].name, in->labels[i].value);
        bad = !l;
        for (size_t k = 0; !bad && k < in->labels[i].n_attrs; k++)
            bad = ck_label_add_attr(nd, l, in->labels[i].attrs[k].key, in->labels[i].attrs[k].value);
    }
    for (size_t i = 0; !bad && i < in->n_passages; i++)
        bad = copy_entity(nd, &in->passages[i], 1, r, nr, NULL);
    for (size_t i = 0; !bad && i < in->n_entities; i++) {
        const ck_entity *e = &in->entities[i];
        bad = copy_entity(nd, e, 0, r, nr, ck_deid_is_phi(e->type) ? mode : NULL);
    }
    for (size_t i = 0; !bad && i < in->n_relations; i++) {
        const ck_relation *x = &in->relations[i];
        ck_relation *y = ck_doc_add_relation(nd, x->id, x->type);
        bad = !y;
        for (size_t k = 0; !bad && k < x->n_args; k++)
            bad = ck_relation_add_arg(nd, y, x->args[k].role, x->args[k].ref);
        for (size_t k = 0; !bad && k < x->n_attrs; k++)
            bad = ck_relation_add_attr(nd, y, x->attrs[k].id, x->attrs[k].key, x->attrs[k].value);
    }
    for (size_t i = 0; !bad && i < in->n_events; i++) {
        const ck_event *x = &in->events[i];
        ck_event *y = ck_doc_add_event(nd, x->id, x->type, x->trigger);
        bad = !y;
        for (size_t k = 0; !bad && k < x->n_args; k++)
            bad = ck_event_add_arg(nd, y, x->args[k].role, x->args[k].ref);
        for (size_t k = 0; !bad && k < x->n_attrs; k++)
            bad = ck_event_add_attr(nd, y, x->attrs[k].id, x->attrs[k].key, x->attrs[k].value);
    }
    for (size_t i = 0; !bad && i < in->n_corefs; i++) {
        ck_coref *y = ck_doc_add_coref(nd, in->corefs[i].id, in->corefs[i].type);
        bad = !y;
        for (size_t k = 0; !bad && k < in->corefs[i].n_refs; k++)
            bad = ck_coref_add_ref(nd, y, in->corefs[i].refs[k]);
    }
    for (size_t i = 0; !bad && i < in->n_notes; i++)
        bad = !ck_doc_add_note(nd, in->notes[i].id, in->notes[i].type, in->notes[i].ref,
                               in->notes[i].text);
    ck_buf_free(&b);
    free(r);
    if (bad) {
        ck_doc_free(nd);
        return CK_ERR_NOMEM;
    }
    *out = nd;
    return CK_OK;
}
