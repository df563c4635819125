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
#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include "clinkit/mimic.h"

typedef struct kw {
    const char *prefix;
    const char *type;
} kw;

/* First match wins; matching is case-insensitive and the keyword must be
 * followed by a non-letter (so "Initial" does not swallow "Initials"). */
static const kw keywords[] = {
    {"Age over 90", "AGE"},
    {"Apartment Address", "LOCATION"},
    {"Street Address", "LOCATION"},
    {"State/Zipcode", "LOCATION"},
    {"State", "LOCATION"},
    {"Country", "LOCATION"},
    {"Location", "LOCATION"},
    {"PO Box", "LOCATION"},
    {"Hospital", "HOSPITAL"}, /* Hospital, HospitalN, Hospital Unit/Ward Name */
    {"Wardname", "HOSPITAL"},
    {"University/College", "ORGANIZATION"},
    {"Company", "ORGANIZATION"},
    {"Telephone/Fax", "PHONE"},
    {"Pager number", "PHONE"},
    {"CC Contact Info", "CONTACT"},
    {"E-mail address", "EMAIL"},
    {"URL", "URL"},
    {"Medical Record Number", "ID"},
    {"MD Number", "ID"},
    {"Unit Number", "ID"},
    {"Social Security Number", "ID"},
    {"Serial Number", "ID"},
    {"Provider Number", "ID"},
    {"Job Number", "ID"},
    {"Numeric Identifier", "ID"},
    {"Clip Number", "ID"},
    {"Date Range", "DATE"},
    {"Date", "DATE"},
    {"Day Month", "DATE"},
    {"Month", "DATE"},
    {"Year", "DATE"},
    {"Holiday", "DATE"},
    {"Attending Info", "NAME"},
    {"Dictator Info", "NAME"},
    {"Last Name", "NAME"},
    {"First Name", "NAME"},
    {"Female First Name", "NAME"},
    {"Male First Name", "NAME"},
    {"Doctor First Name", "NAME"},
    {"Doctor Last Name", "NAME"},
    {"Known firstname", "NAME"},
    {"Known lastname", "NAME"},
    {"Name", "NAME"}, /* Name, NameN, Name Initial, Name Prefix */
    {"Initials", "NAME"},
    {"Initial", "NAME"},
};

static const char *const months[] = {"January", "February", "March", "April",
                                     "May", "June", "July", "August",
                                     "September", "October", "November",
                                     "December"};

static int starts_word(const char *s, size_t n, const char *w)
{
    size_t k = strlen(w);
    if (k > n || strncasecmp(s, w, k) != 0)
        return 0;
    return k == n || !isalpha((unsigned char)s[k]);
}

const char *ck_mimic_phi_type(const char *label, size_t n)
{
    if (n == 0 || label[0] == ' ')
        return "PHI";
    if (isdigit((unsigned char)label[0]) || label[0] == '-')
        return "DATE";
    for (size_t i = 0; i < sizeof months / sizeof *months; i++)
        if (starts_word(label, n, months[i]))
            return "DATE";
    for (size_t i = 0; i < sizeof keywords / sizeof *keywords; i++)
        if (starts_word(label, n, keywords[i].prefix))
            return keywords[i].type;
    return "PHI";
}

enum { MAX_LABEL = 256 }; /* a "[**" with no "**]" this close is just text */

static int add_one(ck_doc *doc, size_t *count, size_t b0, size_t b1,
                   const char *type, const char *label, size_t label_n)
{
    char id[32], ph[MAX_LABEL + 8], lab[MAX_LABEL + 8];
    snprintf(id, sizeof id, "P%zu", ++*count);
    ck_entity *e = ck_doc_add_entity(doc, id, type);
    if (!e)
        return -1;
    memcpy(ph, doc->text + b0, b1 - b0); /* both bounded by MAX_LABEL + 6 */
    ph[b1 - b0] = '\0';
    memcpy(lab, label, label_n);
    lab[label_n] = '\0';
    if (ck_entity_add_span(doc, e, ck_doc_byte2cp(doc, b0), ck_doc_byte2cp(doc, b1), ph))
        return -1;
    return ck_entity_add_attr(doc, e, NULL, "placeholder", lab);
}

/* First occurrence of the 3-byte pattern pat in s[0..n) (memmem is a GNU
 * extension). */
static const char *find3(const char *s, size_t n, const char *pat)
{
    const char *end = s + n;
    while (s + 3 <= end) {
        const char *q = memchr(s, pat[0], (size_t)(end - s) - 2);
        if (!q)
            return NULL;
        if (q[1] == pat[1] && q[2] == pat[2])
            return q;
        s = q + 1;
    }
    return NULL;
}

static size_t brackets(ck_doc *doc)
{
    const char *t = doc->text, *end = t + doc->text_bytes, *p = t;
    size_t count = 0;
    while (p + 5 <= end) {
        const char *q = memchr(p, '[', (size_t)(end - p) - 4);
        if (!q)
            break;
        if (q[1] != '*' || q[2] != '*') {
            p = q + 1;
            continue;
        }
        const char *lab = q + 3;
        size_t room = (size_t)(end - lab);
        if (room > MAX_LABEL + 2)
            room = MAX_LABEL + 2; /* label <= MAX_LABEL bytes */
        const char *close = find3(lab, room, "**]");
        const char *again = find3(lab, close ? (size_t)(close - lab) : room, "[**");
        if (!close || again) {
            p = q + 1;
            continue;
        }
        size_t n = (size_t)(close - lab);
        if (add_one(doc, &count, (size_t)(q - t), (size_t)(close + 3 - t),
                    ck_mimic_phi_type(lab, n), lab, n))
            return (size_t)-1;
        p = close + 3;
    }
    return count;
}

/* Exactly three underscores, not part of a longer run of them. */
static size_t underscores(ck_doc *doc)
{
    const char *t = doc->text, *end = t + doc->text_bytes, *p = t;
    size_t count = 0;
    while (p < end) {
        const char *q = memchr(p, '_', (size_t)(end - p));
        if (!q)
            break;
        const char *r = q;
        while (r < end && *r == '_')
            r++;
        if (r - q == 3 && add_one(doc, &count, (size_t)(q - t), (size_t)(r - t), "PHI",
                                  "___", 3))
            return (size_t)-1;
        p = r;
    }
    return count;
}

size_t ck_mimic_add_phi(ck_doc *doc, int style)
{
    if (!doc->text)
        return 0;
    size_t n = 0, k;
    if (style & CK_MIMIC_BRACKETS) {
        if ((k = brackets(doc)) == (size_t)-1)
            return k;
        n += k;
    }
    if (style & CK_MIMIC_UNDERSCORES) {
        if ((k = underscores(doc)) == (size_t)-1)
            return k;
        n += k;
    }
    return n;
}
