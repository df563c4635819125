/*
 * deid_gen.c — synthetic English clinical notes with PHI at known offsets,
 * the evidence for the de-identifier: our own templates (discharge
 * summary, nursing note, radiology report, telegraphic progress note)
 * filled with names, places and numbers drawn from the lexicons, and
 * with clinical words that look like names (Parkinson, Babinski, Foley)
 * that must stay. Every PHI span becomes an i2b2-2014-style entity.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "processors/deid_int.h"

typedef struct gen {
    uint64_t rng;
    const ck_deid *de;
    ck_buf text;
    struct {
        size_t s, e;
        const char *type;
    } phi[256];
    size_t n_phi;
    /* the people and places of this note, reused for consistency */
    const char *pf, *pl, *df, *dl, *d2, *nurse, *city, *hosp_city;
    char inv1[32], inv2[32];
    int age, year, month, day;
} gen;

static uint64_t rnd(gen *g)
{
    uint64_t z = (g->rng += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}
static int rn(gen *g, int n) { return (int)(rnd(g) % (uint64_t)n); }

static const char *from(gen *g, const dl_list *l, const char *fallback)
{
    /* names the detector could not tell from words are not drawn */
    for (int tries = 0; l->n && tries < 20; tries++) {
        const char *s = l->v[rnd(g) % l->n];
        uint32_t f = dl_get(&g->de->lex, s, strlen(s));
        if (!(f & (DL_AMBIG | DL_STOP)))
            return s;
    }
    return fallback;
}

/* A family name that is in no lexicon, so that context rules are tested
 * too: syllables such as "Varnoski", "Telbrook". */
static const char *invented(gen *g, char *buf, size_t size)
{
    static const char *const on[] = {"Var", "Tel", "Brin", "Kos", "Mal", "Dre", "Quin", "Hol",
                                     "Zar", "Pem", "Lun", "Gort"};
    static const char *const mid[] = {"no", "ba", "ri", "ko", "la", "me", "", ""};
    static const char *const end[] = {"ski", "brook", "vic", "stead", "ford", "mann", "ley",
                                      "sen", "ton", "wick"};
    snprintf(buf, size, "%s%s%s", on[rn(g, 12)], mid[rn(g, 8)], end[rn(g, 10)]);
    return buf;
}

static void lit(gen *g, const char *s) { ck_buf_adds(&g->text, s); }

static void phi(gen *g, const char *type, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
static void phi(gen *g, const char *type, const char *fmt, ...)
{
    char tmp[256];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(tmp, sizeof tmp, fmt, ap);
    va_end(ap);
    if (g->n_phi < 256) {
        g->phi[g->n_phi].s = g->text.n;
        g->phi[g->n_phi].e = g->text.n + strlen(tmp);
        g->phi[g->n_phi].type = type;
        g->n_phi++;
    }
    ck_buf_adds(&g->text, tmp);
}

static const char *const mon_full[] = {"January", "February", "March", "April", "May", "June",
                                       "July", "August", "September", "October", "November",
                                       "December"};
static const char *const mon_abbr[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                       "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

static void date(gen *g)
{
    int y = g->year, m = 1 + rn(g, 12), d = 1 + rn(g, 28);
    switch (rn(g, 9)) {
    case 0: phi(g, "DATE", "%02d/%02d/%04d", m, d, y); break;
    case 1: phi(g, "DATE", "%d/%d/%02d", m, d, y % 100); break;
    case 2: phi(g, "DATE", "%04d-%02d-%02d", y, m, d); break;
    case 3: phi(g, "DATE", "%s %d, %d", mon_full[m - 1], d, y); break;
    case 4: phi(g, "DATE", "%s. %d", mon_abbr[m - 1], d); break;
    case 5: phi(g, "DATE", "%d %s %d", d, mon_full[m - 1], y); break;
    case 6: phi(g, "DATE", "%d/%d", m, d); break;
    case 7: phi(g, "DATE", "%s %d", mon_full[m - 1], y); break;
    default: phi(g, "DATE", "%d/%d/%d", m, d, y); break;
    }
}

static void patient(gen *g)
{
    switch (rn(g, 4)) {
    case 0: phi(g, "PATIENT", "%s %s", g->pf, g->pl); break;
    case 1: lit(g, rn(g, 2) ? "Mr. " : "Ms. "); phi(g, "PATIENT", "%s", g->pl); break;
    case 2: phi(g, "PATIENT", "%s", g->pf); break;
    default: phi(g, "PATIENT", "%s %s", g->pf, g->pl); break;
    }
}

static void doctor(gen *g)
{
    const char *l = rn(g, 3) ? g->dl : g->d2;
    switch (rn(g, 3)) {
    case 0: lit(g, "Dr. "); phi(g, "DOCTOR", "%s", l); break;
    case 1: phi(g, "DOCTOR", "%s %s", g->df, l); lit(g, ", MD"); break;
    default: lit(g, "Dr. "); phi(g, "DOCTOR", "%c. %s", g->df[0], l); break;
    }
}

static void phone(gen *g, const char *type)
{
    int a = 200 + rn(g, 800), b = 200 + rn(g, 800), c = rn(g, 10000);
    switch (rn(g, 3)) {
    case 0: phi(g, type, "(%03d) %03d-%04d", a, b, c); break;
    case 1: phi(g, type, "%03d-%03d-%04d", a, b, c); break;
    default: phi(g, type, "%03d.%03d.%04d", a, b, c); break;
    }
}

static void hospital(gen *g)
{
    static const char *const kinds[] = {"General Hospital", "Medical Center", "Memorial Hospital",
                                        "Community Hospital", "Regional Medical Center", "Clinic"};
    phi(g, "HOSPITAL", "%s %s", rn(g, 2) ? g->hosp_city : g->dl, kinds[rn(g, 6)]);
}

static void address(gen *g)
{
    const ck_deid *de = g->de;
    const char *suf = de->suffix.n ? de->suffix.v[rnd(g) % de->suffix.n] : "Street";
    phi(g, "STREET", "%d %s %s", 1 + rn(g, 9999), from(g, &de->last, "Oak"), suf);
    lit(g, ", ");
    phi(g, "CITY", "%s", g->city);
    lit(g, ", ");
    const char *st = de->state_ab.n ? de->state_ab.v[rnd(g) % de->state_ab.n] : "MA";
    phi(g, "STATE", "%s", st);
    lit(g, " ");
    phi(g, "ZIP", "%05d", rn(g, 99999));
}

static void age(gen *g)
{
    switch (rn(g, 3)) {
    case 0: phi(g, "AGE", "%d", g->age); lit(g, " y/o"); break;
    case 1: phi(g, "AGE", "%d", g->age); lit(g, "-year-old"); break;
    default: lit(g, "age "); phi(g, "AGE", "%d", g->age); break;
    }
}

/* Clinical sentences with eponyms and drug names: nothing here is PHI. */
static const char *const clinical[] = {
    "History of Parkinson disease, on carbidopa-levodopa. ",
    "Babinski negative bilaterally, Romberg negative. ",
    "Foley catheter draining clear yellow urine. ",
    "Remote Hodgkin lymphoma s/p chemotherapy. ",
    "Lasix 40 mg IV given with good diuresis. ",
    "Coumadin held for INR 3.4. ",
    "Murphy sign negative, abdomen soft. ",
    "Glasgow Coma Scale 15. ",
    "Known Crohn disease, on Humira. ",
    "Swan-Ganz catheter removed without incident. ",
    "Bell palsy on the left, improving. ",
    "Cushing syndrome workup negative. ",
    "Alzheimer dementia, oriented x1. ",
    "Graves disease treated with methimazole. ",
    "Tylenol 650 mg PO q6h PRN pain. ",
    "Afebrile, BP 128/76, HR 82, RR 16, SpO2 97% on 2L NC. ",
    "Lungs with crackles at the bases, RLL worse than LLL. ",
    "Heparin drip titrated per protocol, PTT 68. ",
};

static void clin(gen *g, int n)
{
    for (int i = 0; i < n; i++)
        lit(g, clinical[rn(g, (int)(sizeof clinical / sizeof *clinical))]);
}

static void mrn(gen *g)
{
    static const char *const lead[] = {"MRN: ", "MR# ", "Medical Record Number: ", "Unit No: "};
    lit(g, lead[rn(g, 4)]);
    phi(g, "MEDICALRECORD", "%07d", rn(g, 9999999));
}

static void nursing(gen *g)
{
    lit(g, "NURSING PROGRESS NOTE  ");
    date(g);
    lit(g, "\nPatient: ");
    patient(g);
    lit(g, "   ");
    mrn(g);
    lit(g, "   Room ");
    phi(g, "ROOM", "%d%c", 100 + rn(g, 800), 'A' + rn(g, 4));
    lit(g, "\n\nNeuro: alert and oriented x3, follows commands. ");
    clin(g, 1);
    lit(g, "\nCV: ");
    clin(g, 1);
    lit(g, "Pt is a ");
    age(g);
    lit(g, " with CHF. Seen by ");
    doctor(g);
    lit(g, " this morning; plan to diurese.\nResp: ");
    clin(g, 2);
    lit(g, "\nGI/GU: ");
    clin(g, 1);
    lit(g, "Tolerating diet, abdomen soft and nontender, BS+ x4. Voiding qs via foley, "
           "urine clear yellow. I/O +450 for the shift.\nSkin: intact, turned q2h, heels "
           "offloaded. ");
    clin(g, 1);
    lit(g, "\nPain: denies at rest, 4/10 with movement, relieved with tylenol.\nActivity: "
           "OOB to chair with assist x1, tolerated well.\nSocial: wife ");
    phi(g, "PATIENT", "%s", from(g, &g->de->first, "Anna"));
    lit(g, " visited, can be reached at ");
    phone(g, "PHONE");
    lit(g, ". Lives in ");
    phi(g, "CITY", "%s", g->city);
    lit(g, " with family.\nPlan: continue current regimen, follow up with ");
    doctor(g);
    lit(g, " on ");
    date(g);
    lit(g, ".\n");
    static const char *const nf[] = {"RN", "LPN", "RN, BSN"};
    const char *suffix = nf[rn(g, 3)];
    phi(g, "DOCTOR", "%s %s", g->nurse, g->dl == g->d2 ? "Ames" : g->d2);
    lit(g, ", ");
    lit(g, suffix);
    lit(g, "\n");
}

static void discharge(gen *g)
{
    lit(g, "DISCHARGE SUMMARY\n\nAdmission Date: ");
    date(g);
    lit(g, "   Discharge Date: ");
    date(g);
    lit(g, "\nName: ");
    phi(g, "PATIENT", "%s, %s", g->pl, g->pf);
    lit(g, "\n");
    mrn(g);
    lit(g, "\nAttending: ");
    doctor(g);
    lit(g, "\nService: MEDICINE\n\nHISTORY OF PRESENT ILLNESS:\n");
    patient(g);
    lit(g, " is a ");
    age(g);
    lit(g, " retired ");
    static const char *const jobs[] = {"teacher", "engineer", "carpenter", "accountant", "firefighter"};
    phi(g, "PROFESSION", "%s", jobs[rn(g, 5)]);
    lit(g, " from ");
    phi(g, "CITY", "%s", g->city);
    lit(g, " who presented to ");
    hospital(g);
    lit(g, " on ");
    date(g);
    lit(g, " with dyspnea. ");
    clin(g, 3);
    lit(g, "\n\nHOSPITAL COURSE:\n");
    clin(g, 3);
    lit(g, "Discussed with ");
    doctor(g);
    lit(g, " of cardiology.\n\nDISPOSITION: home.\nAddress: ");
    address(g);
    lit(g, "\nPhone: ");
    phone(g, "PHONE");
    lit(g, "   Fax: ");
    phone(g, "FAX");
    lit(g, "\nFollow up with ");
    doctor(g);
    lit(g, " in 2 weeks. Questions: ");
    char user[64];
    size_t u = 0;
    user[u++] = (char)(g->df[0] | 32);
    for (const char *p = g->dl; *p && u < sizeof user - 1; p++)
        if ((*p | 32) >= 'a' && (*p | 32) <= 'z')
            user[u++] = (char)(*p | 32);
    user[u] = '\0';
    phi(g, "EMAIL", "%s@%s.org", user, "example-health");
    lit(g, "\n\nDictated by: ");
    phi(g, "DOCTOR", "%s %s", g->df, g->dl);
    lit(g, ", MD\n");
}

static void radiology(gen *g)
{
    lit(g, "RADIOLOGY REPORT\nEXAM: CT CHEST WITH CONTRAST   DATE: ");
    date(g);
    lit(g, "\n");
    mrn(g);
    lit(g, "   Accession #: ");
    phi(g, "BIOID", "A%07d", rn(g, 9999999));
    lit(g, "\nREFERRING PHYSICIAN: ");
    phi(g, "DOCTOR", "%s %s", g->df, g->dl);
    lit(g, "\nCLINICAL HISTORY: ");
    age(g);
    lit(g, rn(g, 2) ? " man" : " woman");
    lit(g, " with cough.\nCOMPARISON: ");
    date(g);
    lit(g, " at ");
    hospital(g);
    lit(g, ".\nFINDINGS: No pulmonary embolism. Small left pleural effusion. Mild "
           "emphysema. No mass.\nIMPRESSION: Small effusion. Findings discussed with ");
    doctor(g);
    lit(g, " by telephone at 14:20 on ");
    date(g);
    lit(g, ".\nRead by: ");
    doctor(g);
    lit(g, "\n");
}

static void telegraphic(gen *g)
{
    lit(g, "Pt ");
    phi(g, "PATIENT", "%s", g->pl);
    lit(g, " ");
    phi(g, "AGE", "%d", g->age);
    lit(g, rn(g, 2) ? "M" : "F");
    lit(g, " adm ");
    date(g);
    lit(g, " w/ SOB. PMH: HTN, DM2, ");
    clin(g, 1);
    lit(g, "\nS/p cath ");
    date(g);
    lit(g, " @ ");
    hospital(g);
    lit(g, ". Dtr ");
    phi(g, "PATIENT", "%s", from(g, &g->de->first, "Anna"));
    lit(g, " @ ");
    phone(g, "PHONE");
    lit(g, ".\nA/P: cont lasix, f/u ");
    doctor(g);
    lit(g, " ");
    date(g);
    lit(g, ". PCP ");
    phi(g, "DOCTOR", "%s %s", g->df, g->d2);
    lit(g, ". ");
    clin(g, 2);
    lit(g, "\nFrom ");
    phi(g, "COUNTRY", "%s", from(g, &g->de->country, "Peru"));
    lit(g, ", moved to ");
    phi(g, "CITY", "%s", g->city);
    lit(g, " in ");
    phi(g, "DATE", "%d", g->year - 5 - rn(g, 20));
    lit(g, ". SSN ");
    phi(g, "SSN", "%03d-%02d-%04d", 100 + rn(g, 800), 10 + rn(g, 89), rn(g, 10000));
    lit(g, "\n");
}

ck_status ck_deid_generate(const ck_deid *de, uint64_t seed, size_t i, ck_deid_style style,
                           ck_doc **out, ck_diag *d)
{
    (void)d;
    gen *g = calloc(1, sizeof *g);
    if (!g)
        return CK_ERR_NOMEM;
    g->de = de;
    g->rng = seed * 0x2545F4914F6CDD1DULL + i * 0x9E3779B97F4A7C15ULL + 1;
    for (int k = 0; k < 3; k++)
        rnd(g);
    ck_buf_init(&g->text);
    g->pf = from(g, &de->first, "Anna");
    g->pl = rn(g, 5) ? from(g, &de->last, "Lindqvist") : invented(g, g->inv1, sizeof g->inv1);
    g->df = from(g, &de->first, "Omar");
    g->dl = rn(g, 5) ? from(g, &de->last, "Okafor") : invented(g, g->inv2, sizeof g->inv2);
    g->d2 = from(g, &de->last, "Castellano");
    g->nurse = from(g, &de->first, "Rita");
    g->city = from(g, &de->city, "Springfield");
    g->hosp_city = from(g, &de->city, "Fairview");
    g->age = 19 + rn(g, 80);
    g->year = 1995 + rn(g, 30);
    if (style == CK_DEID_STYLE_MIXED)
        style = (ck_deid_style)(i % 4);
    switch (style) {
    case CK_DEID_STYLE_DISCHARGE: discharge(g); break;
    case CK_DEID_STYLE_RADIOLOGY: radiology(g); break;
    case CK_DEID_STYLE_TELEGRAPHIC: telegraphic(g); break;
    default: nursing(g); break;
    }
    static const char *const names[] = {"discharge", "nursing", "radiology", "telegraphic"};
    char id[64];
    snprintf(id, sizeof id, "synth-%llu-%06zu", (unsigned long long)seed, i);
    ck_doc *doc = ck_doc_new(id);
    ck_status rc = CK_OK;
    if (!doc || g->text.failed || ck_doc_set_text(doc, ck_buf_str(&g->text), g->text.n, NULL))
        rc = CK_ERR_NOMEM;
    if (!rc) {
        ck_doc_add_meta(doc, "style", names[style]);
        ck_doc_add_meta(doc, "generator", "clinkit deid synth");
    }
    for (size_t k = 0; !rc && k < g->n_phi; k++) {
        char eid[16];
        snprintf(eid, sizeof eid, "P%zu", k);
        ck_entity *e = ck_doc_add_entity(doc, eid, deid_category_of(g->phi[k].type));
        size_t s = ck_doc_byte2cp(doc, g->phi[k].s), en = ck_doc_byte2cp(doc, g->phi[k].e);
        char *txt = strndup(doc->text + g->phi[k].s, g->phi[k].e - g->phi[k].s);
        if (!e || !txt || ck_entity_add_span(doc, e, s, en, txt) ||
            ck_entity_add_attr(doc, e, NULL, "TYPE", g->phi[k].type))
            rc = CK_ERR_NOMEM;
        free(txt);
    }
    ck_buf_free(&g->text);
    free(g);
    if (rc) {
        ck_doc_free(doc);
        return rc;
    }
    *out = doc;
    return CK_OK;
}
