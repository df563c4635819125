/*
 * mimic_phi.c — MIMIC de-identification placeholders as typed PHI
 * entities: "[**Last Name (NamePattern1) **]" -> NAME, "[**2101-10-20**]"
 * -> DATE, "[**Hospital1 18**]" -> HOSPITAL (MIMIC-III), and MIMIC-IV's
 * bare "___" -> PHI.
 *
 * Typing goes by the label's leading category keyword (the inventory of
 * docs/formats/mimic-iii-noteevents.md); a label that starts with a digit
 * or '-' is a date literal, one that starts with a month name a date
 * ("[**January 12**]"); "[** 1234**]", "[** **]" and unknown keywords are
 * untyped "PHI". The raw label is kept as attr "placeholder".
 */
#include <pthread.h>
#include <stdio.h>
#include <string.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include "clinkit/mimic.h"

/* One object per type name, so callers may compare types by pointer. */
static const char T_AGE[] = "AGE";
static const char T_LOCATION[] = "LOCATION";
static const char T_HOSPITAL[] = "HOSPITAL";
static const char T_ORGANIZATION[] = "ORGANIZATION";
static const char T_PHONE[] = "PHONE";
static const char T_CONTACT[] = "CONTACT";
static const char T_EMAIL[] = "EMAIL";
static const char T_URL[] = "URL";
static const char T_ID[] = "ID";
static const char T_DATE[] = "DATE";
static const char T_NAME[] = "NAME";
static const char T_PHI[] = "PHI";

typedef struct kw {
    const char *prefix;
    const char *type;
} kw;

/* First match wins; matching is case-insensitive. */
static const kw keywords[] = {
    {"Age over 90", T_AGE},
    {"Apartment Address", T_LOCATION},
    {"Street Address", T_LOCATION},
    {"State/Zipcode", T_LOCATION},
    {"State", T_LOCATION},
    {"Country", T_LOCATION},
    {"Location", T_LOCATION},
    {"PO Box", T_LOCATION},
    {"Hospital", T_HOSPITAL}, /* Hospital, HospitalN, Hospital Unit/Ward Name */
    {"Wardname", T_HOSPITAL},
    {"University/College", T_ORGANIZATION},
    {"Company", T_ORGANIZATION},
    {"Telephone/Fax", T_PHONE},
    {"Pager number", T_PHONE},
    {"CC Contact Info", T_CONTACT},
    {"E-mail address", T_EMAIL},
    {"URL", T_URL},
    {"Medical Record Number", T_ID},
    {"MD Number", T_ID},
    {"Unit Number", T_ID},
    {"Social Security Number", T_ID},
    {"Serial Number", T_ID},
    {"Provider Number", T_ID},
    {"Job Number", T_ID},
    {"Numeric Identifier", T_ID},
    {"Clip Number", T_ID},
    {"Date Range", T_DATE},
    {"Date", T_DATE},
    {"Day Month", T_DATE},
    {"Month", T_DATE},
    {"Year", T_DATE},
    {"Holiday", T_DATE},
    {"Attending Info", T_NAME},
    {"Dictator Info", T_NAME},
    {"Last Name", T_NAME},
    {"First Name", T_NAME},
    {"Female First Name", T_NAME},
    {"Male First Name", T_NAME},
    {"Doctor First Name", T_NAME},
    {"Doctor Last Name", T_NAME},
    {"Known firstname", T_NAME},
    {"Known lastname", T_NAME},
    {"Name", T_NAME}, /* Name, NameN, Name Initial, Name Prefix */
    {"Initials", T_NAME},
    {"Initial", T_NAME},
    /* "[**January 12**]" */
    {"January", T_DATE}, {"February", T_DATE}, {"March", T_DATE}, {"April", T_DATE},
    {"May", T_DATE}, {"June", T_DATE}, {"July", T_DATE}, {"August", T_DATE},
    {"September", T_DATE}, {"October", T_DATE}, {"November", T_DATE},
    {"December", T_DATE},
};

static int lower(int c) { return c >= 'A' && c <= 'Z' ? c + 32 : c; }
static int is_letter(int c) { return (c | 32) >= 'a' && (c | 32) <= 'z'; }

/* a[0..n) equals the lower-case b[0..n), ignoring ASCII case (inline:
 * hot path). */
static int same_ci(const char *a, const char *b, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (lower((unsigned char)a[i]) != b[i])
            return 0;
    return 1;
}

/* Keyword indices by lower-cased first letter, in table order, so a label
 * is compared with the few keywords sharing its first letter. Built once. */
enum { NKW = sizeof keywords / sizeof *keywords };
static unsigned char by_letter[26][NKW + 1];
static size_t kw_len[NKW];
static char kw_lower[NKW][32]; /* keywords in lower case (all < 32 bytes) */
static pthread_once_t index_once = PTHREAD_ONCE_INIT;

static void build_index(void)
{
    size_t n[26] = {0};
    for (size_t i = 0; i < NKW; i++) {
        int c = lower((unsigned char)keywords[i].prefix[0]) - 'a';
        kw_len[i] = strlen(keywords[i].prefix);
        for (size_t j = 0; j < kw_len[i] && j < 31; j++)
            kw_lower[i][j] = (char)lower((unsigned char)keywords[i].prefix[j]);
        if (c >= 0 && c < 26)
            by_letter[c][n[c]++] = (unsigned char)(i + 1); /* 0 ends a list */
    }
}

const char *ck_mimic_phi_type(const char *label, size_t n)
{
    if (n == 0 || label[0] == ' ')
        return T_PHI;
    if ((label[0] >= '0' && label[0] <= '9') || label[0] == '-')
        return T_DATE;
    int c = lower((unsigned char)label[0]) - 'a';
    if (c < 0 || c >= 26)
        return T_PHI;
    pthread_once(&index_once, build_index);
    for (const unsigned char *k = by_letter[c]; *k; k++) {
        size_t i = *k - 1u, len = kw_len[i];
        /* the keyword must be followed by a non-letter ("Initial" does not
         * swallow "Initials") */
        if (len <= n && lower((unsigned char)label[1]) == kw_lower[i][1] &&
            same_ci(label, kw_lower[i], len) &&
            (len == n || !is_letter((unsigned char)label[len])))
            return keywords[i].type;
    }
    return T_PHI;
}

static int brackets(const char *t, size_t nbytes, ck_mimic_ph_fn fn, void *user)
{
    const char *end = t + nbytes, *p = t;
    while (p + 5 <= end) {
        const char *q = memchr(p, '[', (size_t)(end - p) - 4);
        if (!q)
            break;
        if (q[1] != '*' || q[2] != '*') {
            p = q + 1;
            continue;
        }
        /* one pass over the (short) label finds the closing "**]" and
         * notices a "[**" before it (then this "[**" is plain text) */
        const char *lab = q + 3, *close = NULL;
        const char *lim = end - lab > CK_MIMIC_MAX_LABEL + 3 ? lab + CK_MIMIC_MAX_LABEL + 3
                                                              : end;
        const char *r = lab;
#ifdef __SSE2__
        /* 16 positions at a time: bit i of the masks = a "**]" / "[**"
         * starts at r + i (three shifted loads) */
        const __m128i star = _mm_set1_epi8('*'), open = _mm_set1_epi8('['),
                      shut = _mm_set1_epi8(']');
        for (; r + 18 <= lim; r += 16) {
            __m128i a = _mm_loadu_si128((const __m128i *)r),
                    b = _mm_loadu_si128((const __m128i *)(r + 1)),
                    c = _mm_loadu_si128((const __m128i *)(r + 2));
            __m128i bs = _mm_cmpeq_epi8(b, star);
            unsigned m_close = (unsigned)_mm_movemask_epi8(_mm_and_si128(
                _mm_and_si128(_mm_cmpeq_epi8(a, star), bs), _mm_cmpeq_epi8(c, shut)));
            unsigned m_open = (unsigned)_mm_movemask_epi8(_mm_and_si128(
                _mm_and_si128(_mm_cmpeq_epi8(a, open), bs), _mm_cmpeq_epi8(c, star)));
            if (m_close | m_open) {
                unsigned fc = m_close ? (unsigned)__builtin_ctz(m_close) : 32;
                unsigned fo = m_open ? (unsigned)__builtin_ctz(m_open) : 32;
                if (fc < fo)
                    close = r + fc;
                r = lim; /* decided */
                break;
            }
        }
#endif
        for (; r + 3 <= lim; r++) {
            if (*r == '*' && r[1] == '*' && r[2] == ']') {
                close = r;
                break;
            }
            if (*r == '[' && r[1] == '*' && r[2] == '*')
                break;
        }
        if (!close) {
            p = q + 1;
            continue;
        }
        size_t n = (size_t)(close - lab);
        ck_mimic_ph ph = {(size_t)(q - t), (size_t)(close + 3 - t), lab, n,
                          ck_mimic_phi_type(lab, n)};
        int rc = fn(user, &ph);
        if (rc)
            return rc;
        p = close + 3;
    }
    return 0;
}

/* Exactly three underscores, not part of a longer run of them. */
static int underscores(const char *t, size_t nbytes, ck_mimic_ph_fn fn, void *user)
{
    const char *end = t + nbytes, *p = t;
    while (p < end) {
        const char *q = memchr(p, '_', (size_t)(end - p));
        if (!q)
            break;
        const char *r = q;
        while (r < end && *r == '_')
            r++;
        if (r - q == 3) {
            ck_mimic_ph ph = {(size_t)(q - t), (size_t)(r - t), q, 3, T_PHI};
            int rc = fn(user, &ph);
            if (rc)
                return rc;
        }
        p = r;
    }
    return 0;
}

int ck_mimic_scan(const char *text, size_t nbytes, int style, ck_mimic_ph_fn fn,
                  void *user)
{
    int rc = 0;
    if (style & CK_MIMIC_BRACKETS)
        rc = brackets(text, nbytes, fn, user);
    if (!rc && (style & CK_MIMIC_UNDERSCORES))
        rc = underscores(text, nbytes, fn, user);
    return rc;
}

typedef struct adder {
    ck_doc *doc;
    size_t count;
} adder;

static int add_one(void *user, const ck_mimic_ph *p)
{
    adder *a = user;
    ck_doc *doc = a->doc;
    char id[32], ph[CK_MIMIC_MAX_LABEL + 8], lab[CK_MIMIC_MAX_LABEL + 8];
    /* "P<count>" without printf: this runs for every placeholder */
    char digits[24];
    size_t nd = 0;
    for (size_t v = ++a->count; v; v /= 10)
        digits[nd++] = (char)('0' + v % 10);
    id[0] = 'P';
    for (size_t i = 0; i < nd; i++)
        id[1 + i] = digits[nd - 1 - i];
    id[1 + nd] = '\0';
    ck_entity *e = ck_doc_add_entity(doc, id, p->type);
    if (!e)
        return -1;
    memcpy(ph, doc->text + p->start, p->end - p->start); /* <= MAX_LABEL + 6 */
    ph[p->end - p->start] = '\0';
    memcpy(lab, p->label, p->label_n);
    lab[p->label_n] = '\0';
    if (ck_entity_add_span(doc, e, ck_doc_byte2cp(doc, p->start),
                           ck_doc_byte2cp(doc, p->end), ph))
        return -1;
    return ck_entity_add_attr(doc, e, NULL, "placeholder", lab);
}

size_t ck_mimic_add_phi(ck_doc *doc, int style)
{
    if (!doc->text)
        return 0;
    adder a = {doc, 0};
    if (ck_mimic_scan(doc->text, doc->text_bytes, style, add_one, &a))
        return (size_t)-1;
    return a.count;
}
