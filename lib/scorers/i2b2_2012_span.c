/*
 * i2b2_2012_span.c — EVENT and TIMEX3 scoring of the i2b2 2012
 * evaluation: the asymmetric overlap test, the -exact / -partialCredit
 * text comparison, first match in file order (not one-to-one), and the
 * attribute agreement counts, with the TIMEX3 val normalisation.
 */
#include <ctype.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "i2b2_2012.h"

int t12_overlap(const t12_tag *a, const t12_tag *b)
{
    if (a->start <= b->start)
        return a->end >= b->start + 1;
    return b->end > a->start + 1;
}

/* Next token of s that is not made only of ASCII punctuation; *n gets
 * its length; NULL at the end. */
static const char *next_token(const char *s, size_t *n)
{
    for (;;) {
        while (*s && isspace((unsigned char)*s))
            s++;
        if (!*s)
            return NULL;
        const char *t = s;
        int punct = 1;
        while (*s && !isspace((unsigned char)*s)) {
            if (!ispunct((unsigned char)*s))
                punct = 0;
            s++;
        }
        if (!punct) {
            *n = (size_t)(s - t);
            return t;
        }
    }
}

int t12_same_text(const char *a, const char *b)
{
    size_t na = 0, nb = 0;
    const char *ta = next_token(a, &na), *tb = next_token(b, &nb);
    while (ta && tb) {
        if (na != nb || memcmp(ta, tb, na) != 0)
            return 0;
        ta = next_token(ta + na, &na);
        tb = next_token(tb + nb, &nb);
    }
    return !ta && !tb;
}

double t12_credit(const t12_tag *a, const t12_tag *b, t12_method m)
{
    if (!t12_overlap(a, b))
        return 0;
    if (m == T12_OVERLAP)
        return 1;
    int same = t12_same_text(a->text, b->text);
    if (m == T12_EXACT)
        return same ? 1 : 0;
    return same ? 1 : 0.5;
}

size_t t12_first_match(const t12_tag *a, const t12_tag *list, size_t n, t12_method m,
                       double *credit)
{
    for (size_t i = 0; i < n; i++) {
        double c = t12_credit(a, &list[i], m);
        if (c > 0) {
            *credit = c;
            return i;
        }
    }
    *credit = 0;
    return (size_t)-1;
}

/* A duration or frequency value P[T]<number><unit> (with an optional
 * leading R) in seconds; *unit gets the unit letter, 'm' for minutes. */
static int duration(const char *v, double *num, double *secs, char *unit)
{
    if (*v == 'R')
        v++;
    if (*v++ != 'P')
        return -1;
    int t = *v == 'T';
    if (t)
        v++;
    char *end;
    if (!isdigit((unsigned char)*v))
        return -1;
    double x = strtod(v, &end);
    if (end == v || !end[0] || end[1])
        return -1;
    double mult;
    switch (*end) {
    case 'S': mult = 1; break;
    case 'H': mult = 3600; break;
    case 'D': mult = 86400; break;
    case 'W': mult = 7 * 86400.0; break;
    case 'Y': mult = 365 * 86400.0; break;
    case 'M': mult = t ? 60 : 30 * 86400.0; break;
    default: return -1;
    }
    if (t && *end != 'H' && *end != 'M' && *end != 'S')
        return -1;
    *num = x;
    *secs = x * mult;
    *unit = *end == 'M' && t ? 'm' : *end;
    return 0;
}

int t12_val_equal(const char *gold_type, const char *gold_val, const char *gold_mod,
                  const char *sys_val)
{
    if (strcmp(gold_val, sys_val) == 0)
        return 1;
    if (strcmp(gold_type, "DURATION") != 0 && strcmp(gold_type, "FREQUENCY") != 0)
        return 0;
    if ((*gold_val == 'R') != (*sys_val == 'R'))
        return 0;
    double gn, gs, sn, ss;
    char gu, su;
    if (duration(gold_val, &gn, &gs, &gu) || duration(sys_val, &sn, &ss, &su))
        return 0;
    if (gs == ss)
        return 1;
    int has_mod = gold_mod[0] && strcmp(gold_mod, "NA") != 0;
    return has_mod && gu == su && fabs(gn - sn) <= 2;
}

static int attr_equal(const t12_tag *g, const t12_tag *s, int i, int kind_timex)
{
    if (kind_timex && i == 1)
        return t12_val_equal(g->a[0], g->a[1], g->a[2], s->a[1]);
    return strcmp(g->a[i], s->a[i]) == 0;
}

void t12_score_spans(const t12_tag *gold, size_t ng, const t12_tag *sys, size_t ns,
                     t12_method m, int kind_timex, t12_span_score *out)
{
    memset(out, 0, sizeof *out);
    out->gold = ng;
    out->sys = ns;
    for (size_t i = 0; i < ng; i++) {
        double c;
        size_t k = t12_first_match(&gold[i], sys, ns, m, &c);
        if (k == (size_t)-1)
            continue;
        out->rec_credit += c;
        out->matched++;
        for (int a = 0; a < 3; a++)
            out->attr_ok[a] += (size_t)attr_equal(&gold[i], &sys[k], a, kind_timex);
    }
    for (size_t k = 0; k < ns; k++) {
        double c;
        if (t12_first_match(&sys[k], gold, ng, m, &c) != (size_t)-1)
            out->prec_credit += c;
    }
}
