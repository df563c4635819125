/*
 * deid_scan.c — the token half of the detector: names, places and
 * institutions found from lexicons and context (titles such as "Dr.",
 * cues such as "seen by" or "Attending:", "City, ST 02115" shapes), with
 * the clinical stop-list vetoing eponyms and drug names. Adds candidates
 * to the detector; the regular-expression half lives in deid.c.
 */
#include <stdlib.h>
#include <string.h>

#include "processors/deid_int.h"

static int is_letter(unsigned char c)
{
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c >= 0x80;
}
static int is_digit(unsigned char c) { return c >= '0' && c <= '9'; }

static int tokenize(ck_deid *de, const char *t, size_t n)
{
    de->n_toks = 0;
    size_t i = 0;
    int saw_nl = 0;
    while (i < n) {
        unsigned char c = (unsigned char)t[i];
        if (!is_letter(c) && !is_digit(c)) {
            saw_nl |= c == '\n';
            i++;
            continue;
        }
        size_t s = i;
        int digit = is_digit(c);
        if (digit)
            while (i < n && is_digit((unsigned char)t[i]))
                i++;
        else
            while (i < n && (is_letter((unsigned char)t[i]) ||
                             ((t[i] == '\'' || t[i] == '-') && i + 1 < n &&
                              is_letter((unsigned char)t[i + 1]) && i > s)))
                i++;
        if (de->n_toks == de->cap_toks) {
            size_t cap = de->cap_toks ? de->cap_toks * 2 : 256;
            dtok *nt = realloc(de->toks, cap * sizeof *nt);
            if (!nt)
                return -1;
            de->toks = nt;
            de->cap_toks = cap;
        }
        dtok *k = &de->toks[de->n_toks++];
        memset(k, 0, sizeof *k);
        k->s = s;
        k->e = i;
        k->digit = (unsigned)digit;
        k->nl = (unsigned)saw_nl;
        saw_nl = 0;
        if (!digit) {
            k->cap = c >= 'A' && c <= 'Z';
            int up = k->cap && i - s >= 2;
            for (size_t j = s; j < i && up; j++)
                up = !(t[j] >= 'a' && t[j] <= 'z');
            k->upper = (unsigned)up;
            size_t l = i - s;
            if (l > 2 && t[i - 2] == '\'' && (t[i - 1] == 's' || t[i - 1] == 'S'))
                l -= 2; /* possessive */
            k->flags = dl_get(&de->lex, t + s, l);
        }
        k->dot = i < n && t[i] == '.';
        size_t j = i;
        while (j < n && t[j] == ' ')
            j++;
        k->comma = j < n && t[j] == ',';
    }
    return 0;
}

static int word_is(const char *t, const dtok *k, const char *w)
{
    size_t l = strlen(w);
    if (k->e - k->s != l)
        return 0;
    for (size_t i = 0; i < l; i++) {
        char c = t[k->s + i];
        if (c >= 'A' && c <= 'Z')
            c = (char)(c + 32);
        if (c != w[i])
            return 0;
    }
    return 1;
}


/* Could token k be part of a name (after a title or cue)? */
static int namelike(const char *t, const dtok *k)
{
    if (k->digit || !k->cap || (k->flags & DL_STOP))
        return 0;
    (void)t;
    return 1;
}

/* Token only between j-1 and j on the same line, with at most a space,
 * '.', or ", " between (for "J. Smith", "Smith, John"). */
static int adjacent(const char *t, const dtok *a, const dtok *b)
{
    if (b->nl)
        return 0;
    size_t gap = b->s - a->e;
    if (gap == 1)
        return t[a->e] == ' ';
    if (gap == 2 && t[a->e + 1] == ' ')
        return (t[a->e] == '.' && a->e - a->s == 1) || t[a->e] == ',';
    return 0;
}

static const char *const calendar[] = {"january", "february", "march", "april", "may", "june",
                                       "july", "august", "september", "october", "november",
                                       "december", "monday", "tuesday", "wednesday", "thursday",
                                       "friday", "saturday", "sunday", "jan", "feb", "mar", "apr", "jun",
                                       "jul", "aug", "sep", "sept", "oct", "nov", "dec", NULL};
static const char *const particles[] = {"van", "von", "den", "der", "de", "da", "di", "del",
                                        "della", "du", "la", "le", "ter", "ten", "bin", "ibn",
                                        NULL};

static const char *const doctor_titles[] = {"dr", "doctor", "prof", "professor", NULL};
static const char *const patient_titles[] = {"mr", "mrs", "ms", "miss", "mister", NULL};
static const char *const degrees[] = {"md", "rn", "np", "pa", "do", "phd", "mbbs", "crnp",
                                      "lpn", "pharmd", "dpm", "facc", "facs", NULL};
static const char *const doctor_cues[] = {"attending", "pcp", "surgeon", "resident", "fellow",
                                          "intern", "physician", "provider", "consultant",
                                          "cc", "by", "dictated", "nurse", "md", "cosigner",
                                          "radiologist", "referring", NULL};
static const char *const patient_cues[] = {"patient", "pt", "name", "wife", "husband", "son",
                                           "daughter", "mother", "father", "sister", "brother",
                                           "friend", "niece", "nephew", "spouse", "partner",
                                           "guardian", "contact", "proxy", "hcp", NULL};
static const char *const place_cues[] = {"in", "from", "to", "near", "at", "of", NULL};

int deid_scan_words(dl_table *lex)
{
    static const struct {
        const char *const *words;
        uint32_t flag;
    } lists[] = {{doctor_titles, DL_DTITLE}, {patient_titles, DL_PTITLE}, {degrees, DL_DEGREE},
                 {doctor_cues, DL_DCUE},     {patient_cues, DL_PCUE},     {place_cues, DL_PLACECUE},
                 {calendar, DL_CAL},         {particles, DL_PARTICLE}};
    for (size_t i = 0; i < sizeof lists / sizeof *lists; i++)
        for (const char *const *w = lists[i].words; *w; w++)
            if (dl_add(lex, *w, strlen(*w), lists[i].flag))
                return -1;
    return 0;
}

/* Is a degree ("MD", "M.D.", "RN") right after byte e? */
static int degree_after(const char *t, size_t n, ck_deid *de, size_t ti)
{
    size_t e = de->toks[ti].e;
    while (e < n && (t[e] == ',' || t[e] == ' '))
        e++;
    if (ti + 1 >= de->n_toks || de->toks[ti + 1].s != e)
        return 0;
    const dtok *k = &de->toks[ti + 1];
    if ((k->flags & DL_DEGREE))
        return 1;
    /* M.D. */
    return k->e - k->s == 1 && (t[k->s] == 'M' || t[k->s] == 'm') && k->dot &&
           ti + 2 < de->n_toks && word_is(t, &de->toks[ti + 2], "d");
}

/* Extend a name starting at token i over following name tokens; returns
 * the last token index. need_lex: the continuation must be a family name
 * (or an initial followed by one). */
static size_t extend_name(ck_deid *de, const char *t, size_t i, size_t max)
{
    size_t last = i;
    for (size_t j = i + 1; j < de->n_toks && j <= i + max; j++) {
        const dtok *k = &de->toks[j];
        /* "van den Berg": particles count when a capitalised word follows */
        if (!k->cap && (k->flags & DL_PARTICLE) && adjacent(t, &de->toks[j - 1], k)) {
            size_t q = j;
            while (q + 1 < de->n_toks && !de->toks[q + 1].cap &&
                   (de->toks[q + 1].flags & DL_PARTICLE) && adjacent(t, &de->toks[q], &de->toks[q + 1]))
                q++;
            if (q + 1 < de->n_toks && adjacent(t, &de->toks[q], &de->toks[q + 1]) &&
                namelike(t, &de->toks[q + 1])) {
                max += q + 1 - j; /* particles do not count */
                last = j = q + 1;
                continue;
            }
            break;
        }
        if (!adjacent(t, &de->toks[j - 1], k) || !namelike(t, k) || t[k->s - 2] == ',')
            break;
        if ((k->flags & DL_CAL))
            break;
        if ((k->flags & DL_DEGREE))
            break;
        int initial = k->e - k->s == 1;
        if (!initial && (k->flags & DL_AMBIG) && !(k->flags & (DL_LAST | DL_FIRST)))
            break;
        if (!initial && (k->flags & (DL_CITY | DL_STATE | DL_COUNTRY | DL_HOSPW)) &&
            !(k->flags & (DL_LAST | DL_FIRST)))
            break;
        last = j;
        if (!initial && !(k->flags & (DL_FIRST | DL_LAST)) && j > i + 1)
            break;
    }
    /* An initial alone at the end is a sentence end, not a name part. */
    while (last > i && de->toks[last].e - de->toks[last].s == 1)
        last--;
    return last;
}

static int add_name(ck_deid *de, const char *t, size_t n, size_t a, size_t b,
                    const char *type, int prio)
{
    if (!strcmp(type, "PATIENT") && degree_after(t, n, de, b))
        type = "DOCTOR";
    return deid_add_cand(de, de->toks[a].s, de->toks[b].e, type, prio);
}

/* Locations from the lexicons: multi-word phrases up to 3 tokens. */
static size_t phrase(ck_deid *de, const char *t, size_t i, uint32_t *flags)
{
    *flags = de->toks[i].flags;
    size_t best = i;
    if (!(*flags & DL_MWSTART))
        return best;
    for (size_t l = 5; l >= 2; l--) {
        size_t j = i + l - 1;
        if (j >= de->n_toks)
            continue;
        int ok = 1;
        for (size_t k = i + 1; k <= j && ok; k++) {
            size_t gap = de->toks[k].s - de->toks[k - 1].e;
            ok = ((gap == 1 && t[de->toks[k - 1].e] == ' ') ||
                  (gap == 2 && t[de->toks[k - 1].e] == '.' && t[de->toks[k - 1].e + 1] == ' ')) &&
                 !de->toks[k].nl && !de->toks[k].digit;
        }
        if (!ok)
            continue;
        uint32_t f = dl_get(&de->lex, t + de->toks[i].s, de->toks[j].e - de->toks[i].s);
        if (f & (DL_CITY | DL_STATE | DL_COUNTRY)) {
            *flags = f;
            return j;
        }
    }
    return best;
}

int deid_scan(ck_deid *de, const char *t, size_t n)
{
    if (tokenize(de, t, n))
        return -1;
    dtok *K = de->toks;
    size_t N = de->n_toks;
    for (size_t i = 0; i < N; i++) {
        dtok *k = &K[i];
        if (k->digit)
            continue;
        uint32_t f0 = k->flags;
        /* 1. Titles: Dr. Smith, Mrs. Jones. */
        int dtitle = (k->flags & DL_DTITLE), ptitle = (k->flags & DL_PTITLE);
        if ((dtitle || ptitle) && k->cap && i + 1 < N && namelike(t, &K[i + 1]) &&
            !K[i + 1].nl && K[i + 1].s - k->e <= 2) {
            size_t b = extend_name(de, t, i + 1, 3);
            if (add_name(de, t, n, i + 1, b, dtitle ? "DOCTOR" : "PATIENT", 60))
                return -1;
            continue;
        }
        /* 2. Cues: "seen by Anna Lee", "Attending: Lee", "wife Mary". */
        int dcue = (k->flags & DL_DCUE), pcue = !dcue && (k->flags & DL_PCUE);
        if ((dcue || pcue) && i + 1 < N && !K[i + 1].nl) {
            size_t j = i + 1;
            if (j < N && ((K[j].flags & DL_DTITLE) || (K[j].flags & DL_PTITLE) ||
                          (K[j].flags & DL_DCUE) || (K[j].flags & DL_PCUE)))
                continue; /* the title rule or the next cue takes it */
            size_t gap = K[j].s - k->e;
            int colon = memchr(t + k->e, ':', gap) != NULL;
            if (gap <= 3 && namelike(t, &K[j]) &&
                (K[j].e - K[j].s >= 3 || (K[j].flags & (DL_FIRST | DL_LAST)))) {
                uint32_t f = K[j].flags;
                int lex = (f & (DL_FIRST | DL_LAST)) && !(f & DL_AMBIG);
                /* an upper-case word no lexicon knows is a header, not a name */
                int header = K[j].upper && !(f & (DL_FIRST | DL_LAST));
                int self = word_is(t, k, "pt") || word_is(t, k, "patient") || word_is(t, k, "name");
                /* "Patient The patient ...": a capitalised word before a
                 * lower-case one starts a sentence */
                int sentence = j + 1 < N && !K[j + 1].nl && !K[j + 1].cap && !K[j + 1].digit &&
                               K[j + 1].s == K[j].e + 1;
                /* after "by", "cc" or a relative, insist on a lexicon name
                 * ("Mother: Gastric cancer" is family history) */
                int strong = (colon && (dcue || self)) ||
                             (dcue && !word_is(t, k, "by") && !word_is(t, k, "cc")) ||
                             (self && !sentence);
                if (!header && (lex || (strong && colon && !(f & (DL_HOSPW | DL_COUNTRY))) ||
                                (strong && !(f & (DL_AMBIG | DL_HOSPW | DL_CITY | DL_STATE))))) {
                    size_t b = extend_name(de, t, j, 3);
                    /* "Name: Smith, John" */
                    if (b == j && K[b].comma && b + 1 < N && adjacent(t, &K[b], &K[b + 1]) &&
                        namelike(t, &K[b + 1]) && !(K[b + 1].flags & DL_AMBIG) &&
                        (colon || (K[b + 1].flags & DL_FIRST)))
                        b = extend_name(de, t, b + 1, 1);
                    if (add_name(de, t, n, j, b, dcue ? "DOCTOR" : "PATIENT", colon ? 64 : 58))
                        return -1;
                    continue;
                }
            }
        }
        if (!k->cap)
            continue;
        /* ", ST 12345" after any place name */
        if ((f0 & DL_STATE_AB) && k->upper && k->e - k->s == 2 && i > 0 && K[i - 1].comma &&
            i + 1 < N && K[i + 1].digit && K[i + 1].e - K[i + 1].s == 5 &&
            deid_add_cand(de, k->s, k->e, "STATE", 61))
            return -1;
        /* 4. "City, ST" and "City, State". */
        if (k->comma && i + 1 < N && !K[i + 1].nl) {
            dtok *st = &K[i + 1];
            uint32_t sf;
            size_t se = phrase(de, t, i + 1, &sf);
            int zip_next = i + 2 < N && K[i + 2].digit && K[i + 2].e - K[i + 2].s == 5;
            int ab = st->upper && (st->flags & DL_STATE_AB) && st->e - st->s == 2 &&
                     (zip_next || !(st->flags & DL_DEGREE));
            if (ab || (sf & DL_STATE)) {
                size_t a = i;
                while (a > 0 && i - a < 2 && adjacent(t, &K[a - 1], &K[a]) && K[a - 1].cap &&
                       !K[a - 1].comma && !(K[a - 1].flags & DL_DTITLE) &&
                       (!(K[a - 1].flags & DL_STOP) ||
                        (dl_get(&de->lex, t + K[a - 1].s, k->e - K[a - 1].s) & DL_CITY)))
                    a--;
                if (deid_add_cand(de, K[a].s, k->e, "CITY", 62) ||
                    deid_add_cand(de, st->s, K[ab ? i + 1 : se].e, "STATE", 62))
                    return -1;
                continue;
            }
        }
        /* Multi-word places may start with a stop word ("West Hartford"). */
        uint32_t pf;
        size_t pe = phrase(de, t, i, &pf);
        if ((k->flags & DL_STOP) && pe == i)
            continue;
        /* 3. Institutions: capitalised words ending in Hospital, Clinic... */
        if ((k->flags & DL_HOSPW) && i > 0) {
            size_t a = i;
            while (a > 0 && i - a < 5 &&
                   (adjacent(t, &K[a - 1], &K[a]) ||
                    (word_is(t, &K[a - 1], "st") && K[a - 1].dot && K[a].s == K[a - 1].e + 2)) &&
                   t[K[a].s - 2] != ',' &&
                   (K[a - 1].cap || word_is(t, &K[a - 1], "of")) &&
                   !(K[a - 1].upper && (K[a - 1].flags & DL_STOP)) &&
                   !(K[a - 1].flags & DL_DTITLE) && !(K[a - 1].flags & DL_PLACECUE))
                a--;
            while (a < i && word_is(t, &K[a], "of"))
                a++;
            if (a < i) {
                size_t b = i;
                /* "... Hospital of Springfield" / "Medical Center" */
                while (b + 1 < N && adjacent(t, &K[b], &K[b + 1]) && (K[b + 1].flags & DL_HOSPW))
                    b++;
                if (deid_add_cand(de, K[a].s, K[b].e, "HOSPITAL", 65))
                    return -1;
                continue;
            }
        }
        /* 5. Places from the lexicons. */
        int place_ctx = i > 0 && (K[i - 1].flags & DL_PLACECUE) && !K[i].nl;
        if ((pf & (DL_CITY | DL_STATE | DL_COUNTRY)) && !(pf & DL_STOP) &&
            (!(pf & DL_AMBIG) || place_ctx)) {
            const char *ty = (pf & DL_COUNTRY) ? "COUNTRY" : (pf & DL_STATE) ? "STATE" : "CITY";
            int named = (pf & (DL_FIRST | DL_LAST)) != 0;
            if (deid_add_cand(de, k->s, K[pe].e, ty, place_ctx ? 55 : named ? 35 : 45))
                return -1;
        }
        /* 6. Names from the lexicons. */
        uint32_t f = k->flags;
        if ((f & DL_CAL) && (f & DL_FIRST) && i + 1 < N && adjacent(t, k, &K[i + 1]) &&
            K[i + 1].cap && (K[i + 1].flags & DL_LAST) && !(K[i + 1].flags & (DL_STOP | DL_CAL))) {
            if (add_name(de, t, n, i, i + 1, "PATIENT", 50)) /* "June Shum" */
                return -1;
            continue;
        }
        if (!(f & (DL_FIRST | DL_LAST)) || (k->flags & DL_CAL))
            continue;
        /* "Jo-1", "ANA" alone: antibodies and abbreviations, not names; an
         * upper-case name needs an upper-case neighbour ("SMITH, JOHN") */
        if (k->e < n && (t[k->e] == '-' || is_digit((unsigned char)t[k->e])))
            continue;
        if (k->upper && !((i + 1 < N && K[i + 1].upper && adjacent(t, k, &K[i + 1]) &&
                           (K[i + 1].flags & (DL_FIRST | DL_LAST))) ||
                          (i > 0 && K[i - 1].upper && adjacent(t, &K[i - 1], k) &&
                           (K[i - 1].flags & (DL_FIRST | DL_LAST)))))
            continue;
        if (f & DL_AMBIG) {
            /* "Will Garcia" yes, "Will" no. */
            if (i + 1 < N && adjacent(t, k, &K[i + 1]) && K[i + 1].cap &&
                (K[i + 1].flags & DL_LAST) && !(K[i + 1].flags & (DL_AMBIG | DL_STOP))) {
                if (add_name(de, t, n, i, i + 1, "PATIENT", 50))
                    return -1;
            }
            continue;
        }
        /* "Smith, John" */
        if ((f & DL_LAST) && k->comma && i + 1 < N && adjacent(t, k, &K[i + 1]) &&
            (K[i + 1].flags & DL_FIRST) && K[i + 1].cap && !(K[i + 1].flags & DL_STOP)) {
            size_t b = extend_name(de, t, i + 1, 1);
            if (add_name(de, t, n, i, b, "PATIENT", 50))
                return -1;
            continue;
        }
        size_t b = extend_name(de, t, i, 2);
        if (add_name(de, t, n, i, b, "PATIENT", b > i ? 50 : 40))
            return -1;
    }
    return 0;
}
