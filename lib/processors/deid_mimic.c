/*
 * deid_mimic.c — MIMIC-III de-identification placeholders such as
 * "[**Known lastname 2891**]", "[**2151-10-20**]", "[**Hospital1 18**]",
 * "[**Telephone/Fax (1) 2234**]": mark them as PHI entities (typed from
 * their label) so ck_deid_apply can fill them with realistic surrogates —
 * which gives readable notes and a test of the detector (fill, then find
 * again). The fillers themselves live in deid_apply.c.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "processors/deid_int.h"

static int has(const char *s, size_t n, const char *w)
{
    size_t l = strlen(w);
    for (size_t i = 0; i + l <= n; i++)
        if (!strncasecmp(s + i, w, l))
            return 1;
    return 0;
}

const char *deid_placeholder_type(const char *s, size_t n)
{
    /* a bare date: 2151-10-20, 10-20, 2151 */
    int digits = 0, other = 0;
    for (size_t i = 0; i < n; i++) {
        if (s[i] >= '0' && s[i] <= '9')
            digits++;
        else if (s[i] != '-' && s[i] != '/' && s[i] != ' ')
            other++;
    }
    if (digits && !other)
        return "DATE";
    if (has(s, n, "date") || has(s, n, "month") || has(s, n, "year") || has(s, n, "holiday") ||
        has(s, n, "day"))
        return "DATE";
    if (has(s, n, "age over"))
        return "AGE";
    if (has(s, n, "fax"))
        return has(s, n, "telephone") ? "PHONE" : "FAX";
    if (has(s, n, "telephone") || has(s, n, "phone") || has(s, n, "pager"))
        return "PHONE";
    if (has(s, n, "e-mail") || has(s, n, "email"))
        return "EMAIL";
    if (has(s, n, "url"))
        return "URL";
    if (has(s, n, "social security"))
        return "SSN";
    if (has(s, n, "medical record"))
        return "MEDICALRECORD";
    if (has(s, n, "number") || has(s, n, "identifier") || has(s, n, "serial"))
        return "IDNUM";
    if (has(s, n, "hospital"))
        return "HOSPITAL";
    if (has(s, n, "street") || has(s, n, "address"))
        return "STREET";
    if (has(s, n, "state"))
        return "STATE";
    if (has(s, n, "country"))
        return "COUNTRY";
    if (has(s, n, "city") || has(s, n, "location"))
        return "CITY";
    if (has(s, n, "college") || has(s, n, "company") || has(s, n, "university"))
        return "ORGANIZATION";
    if (has(s, n, "ward") || has(s, n, "unit"))
        return "DEPARTMENT";
    if (has(s, n, "doctor") || has(s, n, "md") || has(s, n, "titles") || has(s, n, "nf ") ||
        has(s, n, "name10") || has(s, n, "name11") || has(s, n, "name12"))
        return "DOCTOR";
    if (has(s, n, "name"))
        return "PATIENT";
    return "LOCATION-OTHER";
}

ck_status ck_deid_mark_placeholders(ck_doc *doc)
{
    if (!doc->text)
        return CK_OK;
    const char *t = doc->text;
    size_t n = doc->text_bytes, next = 1;
    for (size_t i = 0; i + 5 <= n; i++) {
        if (memcmp(t + i, "[**", 3))
            continue;
        const char *end = NULL;
        for (size_t j = i + 3; j + 3 <= n && j < i + 200; j++)
            if (!memcmp(t + j, "**]", 3)) {
                end = t + j;
                break;
            }
        if (!end)
            continue;
        size_t e = (size_t)(end - t) + 3;
        const char *type = deid_placeholder_type(t + i + 3, (size_t)(end - t) - i - 3);
        char id[32];
        snprintf(id, sizeof id, "M%zu", next++);
        ck_entity *ent = ck_doc_add_entity(doc, id, deid_category_of(type));
        size_t s = ck_doc_byte2cp(doc, i), ec = ck_doc_byte2cp(doc, e);
        char *txt = strndup(t + i, e - i);
        int bad = !ent || !txt || ck_entity_add_span(doc, ent, s, ec, txt) ||
                  ck_entity_add_attr(doc, ent, NULL, "TYPE", type);
        free(txt);
        if (bad)
            return CK_ERR_NOMEM;
        t = doc->text; /* unchanged, but keep the pointer honest */
        i = e - 1;
    }
    return CK_OK;
}
