/*
 * pipe_template.c — the disorder template lines shared by share-clef-2014
 * and semeval-2015-t14.
 *
 *   DOC|s-e[,s-e]|CUI|NEG|cue|SUBJ|cue|UNC|cue|COURSE|cue|SEV|cue|COND|cue|
 *   GEN|cue|BODYLOC|cue[|DOCTIME|TEMPEXP|cue]      (2014: 22 fields)
 *                                   ... BODYLOC|cue|  (2015: 19 + trailing '|')
 *
 * Model: entity "T<n>" type Disease_Disorder, spans, norm UMLS:<CUI>, and
 * one attribute per slot in field order: key = slot name (negation,
 * subject, ...), value = the norm value as written, and for slots with a
 * cue "<slot>_cue" = the cue field as written ("null", "46-52",
 * "1-3,5-9"). Values and cues are stored verbatim (case and spelling
 * variants such as doner_other kept), validated against the known
 * inventories: an unknown value is a warning, a cue that is neither a span
 * list nor null/nul/unmarked (the documented gold typos) is an error.
 * Short lines (DOC|spans|CUI[|], the Task 1 submission form) get the
 * default of every slot; trove-style doubled separators are accepted when
 * dropping the empty fields gives the expected count.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "formats/pipe_template.h"

typedef struct slot {
    const char *key;
    int cue;
    const char *def;
    const char *const *values; /* NULL: a CUI or NULL */
} slot;

static const char *const v_yesno[] = {"no", "yes", NULL};
static const char *const v_subject[] = {"patient", "family_member", "donor_family_member",
                                        "donor_other", "doner_other", "other", "null", NULL};
static const char *const v_course[] = {"unmarked", "changed", "increased", "decreased",
                                       "improved", "worsened", "resolved", NULL};
static const char *const v_severity[] = {"unmarked", "slight", "moderate", "severe", NULL};
static const char *const v_bool[] = {"false", "true", NULL};
static const char *const v_doctime[] = {"unknown", "before", "after", "overlap",
                                        "before_overlap", "before-overlap", NULL};
static const char *const v_temporal[] = {"none", "date", "time", "duration", "set", NULL};

static const slot slots[] = {
    {"negation", 1, "no", v_yesno},
    {"subject", 1, "patient", v_subject},
    {"uncertainty", 1, "no", v_yesno},
    {"course", 1, "unmarked", v_course},
    {"severity", 1, "unmarked", v_severity},
    {"conditional", 1, "false", v_bool},
    {"generic", 1, "false", v_bool},
    {"body_location", 1, "NULL", NULL},
    {"doctime", 0, "unknown", v_doctime},
    {"temporal_expression", 1, "none", v_temporal},
};

static size_t n_slots(int semeval) { return semeval ? 8 : 10; }

static size_t n_fields(int semeval)
{
    size_t n = 3;
    for (size_t i = 0; i < n_slots(semeval); i++)
        n += 1 + (size_t)slots[i].cue;
    return n;
}

static int is_null_cue(const char *s)
{
    return strcasecmp(s, "null") == 0 || strcasecmp(s, "nul") == 0 ||
           strcasecmp(s, "unmarked") == 0;
}

static int known_value(const slot *sl, const char *v)
{
    if (!sl->values) {
        if (strcasecmp(v, "null") == 0 || strcasecmp(v, "CUI-less") == 0)
            return 1;
        if (toupper((unsigned char)v[0]) != 'C' || !v[1])
            return 0;
        for (const char *p = v + 1; *p; p++)
            if (!isdigit((unsigned char)*p))
                return 0;
        return 1;
    }
    for (const char *const *p = sl->values; *p; p++)
        if (strcasecmp(*p, v) == 0)
            return 1;
    return 0;
}

/* Drop empty fields (what re.split("[|]+") does). */
static size_t squeeze(char **f, size_t n)
{
    size_t k = 0;
    for (size_t i = 0; i < n; i++)
        if (*f[i])
            f[k++] = f[i];
    return k;
}

ck_status ck_template_line(int semeval, ck_doc *doc, char *line,
                           const char *file, size_t no, ck_diag *d)
{
    char *f[64];
    int over;
    size_t n = ck_pipe_split(line, "|", f, 64, &over);
    size_t want = n_fields(semeval), alt = n_fields(!semeval);
    int layout = semeval;
    if (!over && n == want + 1 && !*f[n - 1])
        n--; /* trailing '|' */
    if (!over && n == 4 && !*f[3])
        n = 3;
    if (!over && n != want && n != 3 && semeval && (n == alt || (n == alt + 1 && !*f[alt]))) {
        layout = 0; /* the 22-field 2014 layout inside a 2015 corpus */
        n = alt;
    }
    if (!over && n != n_fields(layout) && n != 3) {
        size_t k = squeeze(f, n);
        if (k == want) {
            ck_diag_add(d, CK_SEV_NOTE, file, no, 0, (size_t)-1,
                        "empty fields between separators dropped to get %zu fields", want);
            n = k;
        }
    }
    if (over || (n != n_fields(layout) && n != 3))
        return ck_diag_error(d, file, no,
                             "expected %zu '|'-separated fields (DOC|spans|CUI|value|cue...)%s; got %zu%s",
                             want, semeval ? " and a trailing '|'" : "", n, over ? "+" : "");
    if (!*f[0] || !*f[2])
        return ck_diag_error(d, file, no, "empty %s field", !*f[0] ? "document name" : "CUI");
    ck_span *sp;
    size_t nsp;
    if (ck_pipe_spans(f[1], &sp, &nsp))
        return ck_diag_error(d, file, no,
                             "field 2: expected spans start-end[,start-end...] with start <= end");
    /* check every cue before building anything */
    size_t k = 3;
    for (size_t i = 0; n > 3 && i < n_slots(layout); i++) {
        k++;
        if (!slots[i].cue)
            continue;
        ck_span *cs;
        size_t nc;
        if (!is_null_cue(f[k])) {
            if (ck_pipe_spans(f[k], &cs, &nc)) {
                free(sp);
                return ck_diag_error(d, file, no,
                                     "field %zu (%s cue): expected null or start-end[,start-end...]",
                                     k + 1, slots[i].key);
            }
            free(cs);
        }
        k++;
    }
    const char *dn = ck_doc_meta(doc, "docname");
    if (!dn)
        ck_doc_add_meta(doc, "docname", f[0]);
    else if (strcmp(dn, f[0]))
        ck_diag_warn(d, file, no, "document name differs from the first line's");
    char id[32];
    snprintf(id, sizeof id, "T%zu", doc->n_entities + 1);
    ck_entity *e = ck_doc_add_entity(doc, id, "Disease_Disorder");
    ck_status rc = e ? CK_OK : CK_ERR_NOMEM;
    for (size_t i = 0; rc == CK_OK && i < nsp; i++)
        if (ck_entity_add_span(doc, e, sp[i].start, sp[i].end, NULL))
            rc = CK_ERR_NOMEM;
    free(sp);
    if (rc == CK_OK && ck_entity_add_norm(doc, e, NULL, "UMLS", f[2], NULL))
        rc = CK_ERR_NOMEM;
    if (n == 3 && rc == CK_OK)
        ck_diag_add(d, CK_SEV_NOTE, file, no, 0, (size_t)-1,
                    "only DOC|spans|CUI given: every slot takes its default");
    k = 3;
    for (size_t i = 0; rc == CK_OK && i < n_slots(layout); i++) {
        const char *v = n > 3 ? f[k++] : slots[i].def;
        if (!known_value(&slots[i], v))
            ck_diag_warn(d, file, no, "%s: unknown value '%s' (kept)", slots[i].key, v);
        if (ck_entity_add_attr(doc, e, NULL, slots[i].key, v))
            rc = CK_ERR_NOMEM;
        if (slots[i].cue && rc == CK_OK) {
            char key[64];
            snprintf(key, sizeof key, "%s_cue", slots[i].key);
            if (ck_entity_add_attr(doc, e, NULL, key, n > 3 ? f[k++] : "null"))
                rc = CK_ERR_NOMEM;
        }
    }
    return rc;
}

ck_status ck_template_write(int semeval, const ck_doc *doc, ck_buf *b,
                            ck_diag *d)
{
    char tmp[512];
    const char *dn = ck_pipe_docname(doc, tmp, sizeof tmp);
    for (size_t i = 0; i < doc->n_entities; i++) {
        const ck_entity *e = &doc->entities[i];
        if (!e->n_spans)
            continue;
        ck_buf_addf(b, "%s|", dn);
        ck_pipe_add_spans(b, e);
        ck_buf_addf(b, "|%s", ck_pipe_cui(e));
        for (size_t s = 0; s < n_slots(semeval); s++) {
            const char *v = ck_attr_get(e->attrs, e->n_attrs, slots[s].key);
            ck_buf_addf(b, "|%s", v ? v : slots[s].def);
            if (slots[s].cue) {
                char key[64];
                snprintf(key, sizeof key, "%s_cue", slots[s].key);
                v = ck_attr_get(e->attrs, e->n_attrs, key);
                ck_buf_addf(b, "|%s", v ? v : "null");
            }
        }
        ck_buf_adds(b, semeval ? "|\n" : "\n");
    }
    return CK_OK;
}
