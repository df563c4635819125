/*
 * mimic_gen.c — synthetic NOTEEVENTS.csv of any size, for tests and the
 * benchmark. Every sentence is invented here; the file follows the real
 * dialect: quoted header, unquoted numbers and dates, quoted CATEGORY,
 * DESCRIPTION and multi-line TEXT with doubled quotes, NULL as an empty
 * unquoted field, the 15 categories (with their trailing blanks) in
 * roughly the real proportions, ISERROR rarely 1, and [** **]
 * placeholders of every category. A few notes carry non-ASCII characters
 * so offset mapping is exercised. Deterministic for a given seed.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "clinkit/mimic.h"
#include "core/buf.h"
#include "formats/csv.h"

typedef struct rng {
    unsigned long long s;
} rng;

static unsigned long long next(rng *r)
{
    unsigned long long z = (r->s += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
}

static size_t pick(rng *r, size_t n) { return (size_t)(next(r) % n); }

typedef struct cat {
    const char *name;
    const char *desc;
    int weight;     /* per 1000 notes */
    int lines;      /* typical body length in template lines */
    unsigned nulls; /* 1 CHARTTIME, 2 STORETIME, 4 CGID, 8 HADM sometimes */
} cat;

static const cat cats[] = {
    {"Nursing/other", "Report", 395, 18, 0},
    {"Radiology", "CHEST (PORTABLE AP)", 251, 24, 2 | 4 | 8},
    {"Nursing", "Nursing Progress Note", 107, 32, 0},
    {"ECG", "Report", 100, 4, 1 | 2 | 4 | 8},
    {"Physician ", "Physician Resident Progress Note", 68, 60, 0},
    {"Discharge summary", "Report", 29, 140, 1 | 2 | 4},
    {"Echo", "Report", 22, 28, 1 | 2 | 4 | 8},
    {"Respiratory ", "Respiratory Care Shift Note", 15, 16, 0},
    {"Nutrition", "Nutrition Assessment", 5, 28, 0},
    {"General", "Generic Note", 4, 20, 0},
    {"Rehab Services", "Physical Therapy Evaluation", 2, 28, 0},
    {"Social Work", "Social Work Progress Note", 1, 24, 0},
    {"Case Management ", "Case Management Discharge Planning", 1, 16, 0},
    {"Pharmacy", "Pharmacy Consult", 1, 20, 0},
    {"Consult", "Consult Note", 1, 40, 0},
};

/* Placeholder shapes; %u is an identifier number. */
static const char *const shapes[] = {
    "[**Last Name (NamePattern1) %u**]", "[**First Name8 (NamePattern2) %u**]",
    "[**Known lastname %u**]", "[**Known firstname %u**]", "[**Hospital1 %u**]",
    "[**Hospital %u**]", "[**Hospital Ward Name %u**]", "[**Hospital Unit Name %u**]",
    "[**Telephone/Fax (1) %u**]", "[**Pager number %u**]", "[**Location (un) %u**]",
    "[**Street Address(2) %u**]", "[**State %u**]", "[**Country %u**]",
    "[**Age over 90 **]", "[**Name (NI) %u**]", "[**Doctor Last Name %u**]",
    "[**Doctor First Name %u**]", "[**Medical Record Number %u**]",
    "[**Numeric Identifier %u**]", "[**Social Security Number %u**]",
    "[**Month (only) %u**]", "[**Year (4 digits) %u**]", "[**E-mail address %u**]",
    "[**Initials (NamePattern4) %u**]", "[**Name Prefix (Prefixes) **]",
    "[**Company %u**]", "[**University/College %u**]", "[**Job Number %u**]",
    "[**Unit Number (1) %u**]", "[**Holiday %u**]", "[**Date Range (1) %u**]",
    "[**Female First Name (un) %u**]", "[**Male First Name (un) %u**]",
    "[**CC Contact Info %u**]", "[**URL %u**]", "[** %u**]", "[** **]",
};

static const char *const names[] = {
    "[**Last Name (NamePattern1) %u**]", "[**First Name8 (NamePattern2) %u**]",
    "[**Known lastname %u**]", "[**Doctor Last Name %u**]", "[**Name (NI) %u**]",
    "[**Last Name (STitle) %u**]", "[**First Name4 (NamePattern1) %u**]",
};

/* Template lines. Holes: {D} date, {N} name, {H} hospital, {P} any
 * placeholder, {T} time, {V} a number. */
static const char *const lines[] = {
    "Pt seen and examined with Dr. {N}, plan discussed with family at bedside.",
    "Admitted to {H} on {D} after a fall at home; denies loss of consciousness.",
    "Neuro: alert and oriented x3, follows commands, moves all extremities.",
    "CV: HR {V}-{V} NSR, no ectopy noted. BP stable {V}/{V}, MAP > 65.",
    "Resp: lungs clear bilaterally, sats {V}% on 2L NC, no distress.",
    "GI: abd soft, nontender, +BS. Tolerating clears, advance diet as tolerated.",
    "GU: foley draining clear yellow urine, {V} cc/hr over the shift.",
    "ID: afebrile, Tmax 37.{V}, WBC trending down, cont vanc/zosyn per ID.",
    "Social: wife {N} at bedside, updated on plan of care, phone {P}.",
    "Plan: cont current management, repeat labs in AM, f/u with {N} on {D}.",
    "Pt states \"I feel much better today\" and asked about going home.",
    "Called to bedside at {T} for desaturation to {V}%, improved with suctioning.",
    "Meds: metoprolol {V} mg PO BID, aspirin 81 mg daily, heparin SC, insulin SS.",
    "Labs: Na {V}, K 4.{V}, Cr 1.{V}, Hct {V}.{V}, plt {V}, INR 1.{V}.",
    "FINDINGS: Heart size is normal. No focal consolidation, effusion or pneumothorax.",
    "IMPRESSION: No acute cardiopulmonary process. Compared to study of {D}.",
    "Lines and tubes: ET tube tip {V} cm above the carina; NG tube in the stomach.",
    "Sinus rhythm. Left axis deviation. Nonspecific ST-T wave changes, unchanged.",
    "The left atrium is mildly dilated. LVEF > 55%. No pericardial effusion.",
    "Follow-up with PCP {N} at {H}, phone {P}, within 1-2 weeks.",
    "Discharge Condition: stable, ambulating with walker, tolerating regular diet.",
    "History of Present Illness: {V} y/o woman with CHF, COPD, DM2 who presents with SOB.",
    "Past Medical History: HTN, hyperlipidemia, CAD s/p CABG {D}, CKD stage 3.",
    "Family History: mother with breast cancer, father with MI at {V}.",
    "Allergies: Penicillins / Sulfa (Sulfonamide Antibiotics)",
    "Dictated By: {N}  MEDQUIST36  D: {D} {T}  T: {D} {T}  JOB#: {P}",
    "Skin: intact, no breakdown noted, turned q2h, heels offloaded.",
    "Pain: reports {V}/10 incisional pain, relieved with dilaudid PCA.",
    "Resp care: vent settings AC {V}/{V}, PEEP 5, FiO2 40%, ABG {V}/{V}/{V}.",
    "Nutrition: TF at goal {V} ml/hr, residuals < 50, BMI {V}.{V}, wt {V} kg.",
    "PT: ambulated {V} ft with rolling walker and CGA, tolerated well.",
    "SW: met with patient and daughter {N}; {P} to arrange rehab placement.",
    "Contact: {P}, cell {P}, email {P}.",
    "Brief Hospital Course: treated for CAP with ceftriaxone, azithro x5 days.",
    "Temp 37.{V}\xC2\xB0" "C, pt r\xC3\xA9" "sum\xC3\xA9 reviewed with {N}.",
};

static void hole(ck_buf *b, rng *r, char h)
{
    char tmp[96];
    switch (h) {
    case 'D':
        switch (pick(r, 3)) {
        case 0:
            snprintf(tmp, sizeof tmp, "[**%u-%u-%u**]", 2100 + (unsigned)pick(r, 100),
                     1 + (unsigned)pick(r, 12), 1 + (unsigned)pick(r, 28));
            break;
        case 1:
            snprintf(tmp, sizeof tmp, "[**%u-%u**]", 1 + (unsigned)pick(r, 12),
                     1 + (unsigned)pick(r, 28));
            break;
        default:
            snprintf(tmp, sizeof tmp, "[**%u-%02u-%02u**]", 2100 + (unsigned)pick(r, 100),
                     1 + (unsigned)pick(r, 12), 1 + (unsigned)pick(r, 28));
        }
        break;
    case 'N':
        snprintf(tmp, sizeof tmp, names[pick(r, sizeof names / sizeof *names)],
                 (unsigned)pick(r, 99999));
        break;
    case 'H':
        snprintf(tmp, sizeof tmp, "[**Hospital%u %u**]", 1 + (unsigned)pick(r, 6),
                 (unsigned)pick(r, 999));
        break;
    case 'P':
        snprintf(tmp, sizeof tmp, shapes[pick(r, sizeof shapes / sizeof *shapes)],
                 (unsigned)pick(r, 99999));
        break;
    case 'T':
        snprintf(tmp, sizeof tmp, "%02u:%02u", (unsigned)pick(r, 24), (unsigned)pick(r, 60));
        break;
    default:
        snprintf(tmp, sizeof tmp, "%u", 1 + (unsigned)pick(r, 150));
    }
    ck_buf_adds(b, tmp);
}

static void body(ck_buf *b, rng *r, const cat *c)
{
    size_t n = (size_t)c->lines / 2 + pick(r, (size_t)c->lines + 1);
    for (size_t i = 0; i < n; i++) {
        const char *t = lines[pick(r, sizeof lines / sizeof *lines)];
        if (t[0] == 'T' && t[1] == 'e' && pick(r, 20)) /* the non-ASCII line is rare */
            t = lines[0];
        for (const char *p = t; *p; p++) {
            if (p[0] == '{' && p[1] && p[2] == '}') {
                hole(b, r, p[1]);
                p += 2;
            } else
                ck_buf_addc(b, *p);
        }
        ck_buf_adds(b, pick(r, 5) ? "\n" : "\n\n");
    }
}

static void datetime(char *out, size_t n, rng *r, int with_time)
{
    unsigned y = 2100 + (unsigned)pick(r, 100), m = 1 + (unsigned)pick(r, 12),
             d = 1 + (unsigned)pick(r, 28);
    if (with_time)
        snprintf(out, n, "%u-%02u-%02u %02u:%02u:00", y, m, d, (unsigned)pick(r, 24),
                 (unsigned)pick(r, 60));
    else
        snprintf(out, n, "%u-%02u-%02u", y, m, d);
}

ck_status ck_mimic_generate(const char *path, size_t rows,
                            unsigned long long bytes, unsigned long long seed,
                            ck_diag *d)
{
    FILE *f = strcmp(path, "-") == 0 ? stdout : fopen(path, "wb");
    if (!f) {
        ck_diag_add(d, CK_SEV_ERROR, path, 0, 0, (size_t)-1, "cannot write this file");
        return CK_ERR_IO;
    }
    rng r = {seed * 0x2545F4914F6CDD1DULL + 1};
    ck_buf out, text;
    ck_buf_init(&out);
    ck_buf_init(&text);
    ck_buf_adds(&out, "\"ROW_ID\",\"SUBJECT_ID\",\"HADM_ID\",\"CHARTDATE\",\"CHARTTIME\","
                      "\"STORETIME\",\"CATEGORY\",\"DESCRIPTION\",\"CGID\",\"ISERROR\","
                      "\"TEXT\"\n");
    unsigned long long written = 0;
    ck_status rc = CK_OK;
    for (size_t i = 0; rows ? i < rows : written + out.n < bytes; i++) {
        size_t w = pick(&r, 1000);
        const cat *c = &cats[0];
        for (size_t k = 0; k < sizeof cats / sizeof *cats; k++) {
            if (w < (size_t)cats[k].weight) {
                c = &cats[k];
                break;
            }
            w -= (size_t)cats[k].weight;
        }
        char date[32], ctime[32], stime[32];
        datetime(date, sizeof date, &r, 0);
        datetime(ctime, sizeof ctime, &r, 1);
        datetime(stime, sizeof stime, &r, 1);
        memcpy(ctime, date, 10); /* same day */
        memcpy(stime, date, 10);
        unsigned subject = 1 + (unsigned)pick(&r, 46000);
        int no_hadm = (c->nulls & 8) && pick(&r, 2);
        ck_buf_addf(&out, "%zu,%u,", 174 + i, subject);
        if (!no_hadm)
            ck_buf_addf(&out, "%u", 100000 + (unsigned)pick(&r, 100000));
        ck_buf_addf(&out, ",%s,%s,%s,", date, (c->nulls & 1) ? "" : ctime,
                    (c->nulls & 2) ? "" : stime);
        ck_csv_put(&out, c->name, strlen(c->name), 1);
        ck_buf_addc(&out, ',');
        ck_csv_put(&out, c->desc, strlen(c->desc), 1);
        ck_buf_addc(&out, ',');
        if (!(c->nulls & 4))
            ck_buf_addf(&out, "%u", 14000 + (unsigned)pick(&r, 7000));
        ck_buf_adds(&out, pick(&r, 500) ? ",," : ",1,");
        ck_buf_reset(&text);
        body(&text, &r, c);
        ck_csv_put(&out, text.p, text.n, 1);
        ck_buf_addc(&out, '\n');
        if (out.failed || text.failed) {
            rc = CK_ERR_NOMEM;
            break;
        }
        if (out.n >= (1u << 20)) {
            if (fwrite(out.p, 1, out.n, f) != out.n) {
                rc = CK_ERR_IO;
                break;
            }
            written += out.n;
            ck_buf_reset(&out);
        }
    }
    if (rc == CK_OK && out.n && fwrite(out.p, 1, out.n, f) != out.n)
        rc = CK_ERR_IO;
    if (fflush(f) != 0 || (f != stdout && fclose(f) != 0))
        rc = rc ? rc : CK_ERR_IO;
    if (rc == CK_ERR_IO)
        ck_diag_add(d, CK_SEV_ERROR, path, 0, 0, (size_t)-1, "write failed");
    ck_buf_free(&out);
    ck_buf_free(&text);
    return rc;
}
