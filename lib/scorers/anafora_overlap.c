/*
 * anafora_overlap.c — key equality for anafora.evaluate --overlap: the
 * official tool wraps annotations so that two spans tuples are equal when
 * any fragment of one overlaps any fragment of the other (half-open
 * offsets: s1 < e2 and s2 < e1). That equality is not transitive, and its
 * hash is constant, so the tool's sets keep the first of each group of
 * "equal" keys; anafora_eval.c builds its sets the same way, in file order.
 * A relation's spans are the tuple of its arguments' spans: equal when
 * they have as many arguments and each argument's spans overlap the other's
 * (anafora_eval.c marks each entity's fragments, the brackets around a
 * relation's arguments stay literal and must be equal).
 */
#include <limits.h>
#include <string.h>

#include "anafora_eval.h"

typedef struct frag {
    long s, e;
} frag;

/* The next (s,e) fragment written at *p (before end) in "(1,5)(8,9)"; a
 * fragment without exactly two numbers (a malformed span) is skipped: it
 * never overlaps anything. Returns 0 when there is none left. */
static int next_frag(const char **pp, const char *end, frag *out)
{
    const char *p = *pp;
    for (;;) {
        while (p < end && *p != '(')
            p++;
        if (p >= end) {
            *pp = p;
            return 0;
        }
        long v[2] = {0, 0};
        int k = 0;
        p++;
        while (p < end && *p != ')') {
            /* spans_key writes "%ld" numbers separated by ',' */
            int neg = *p == '-';
            const char *q = p + neg;
            if (q >= end || *q < '0' || *q > '9') {
                p++;
                continue;
            }
            long x = 0; /* negative while reading: LONG_MIN fits */
            for (; q < end && *q >= '0' && *q <= '9'; q++) {
                int dg = *q - '0';
                x = x < (LONG_MIN + dg) / 10 ? LONG_MIN : x * 10 - dg;
            }
            if (k < 2)
                v[k] = neg ? x : (x < -LONG_MAX ? LONG_MAX : -x);
            k++;
            p = q;
        }
        if (k == 2) {
            *out = (frag){v[0], v[1]};
            *pp = p;
            return 1;
        }
    }
}

static int spans_overlap(const char *a, const char *ea, const char *b, const char *eb)
{
    frag fa, fb;
    for (const char *pa = a; next_frag(&pa, ea, &fa);)
        for (const char *pb = b; next_frag(&pb, eb, &fb);)
            if (fa.s < fb.e && fb.s < fa.e)
                return 1;
    return 0;
}

int ck_ana_key_eq(const char *a, const char *b, int overlap)
{
    if (!overlap)
        return strcmp(a, b) == 0;
    for (;;) {
        if (*a == CK_ANA_SPANS_OPEN && *b == CK_ANA_SPANS_OPEN) {
            const char *ea = strchr(a, CK_ANA_SPANS_CLOSE), *eb = strchr(b, CK_ANA_SPANS_CLOSE);
            if (!ea || !eb || !spans_overlap(a + 1, ea, b + 1, eb))
                return 0;
            a = ea + 1;
            b = eb + 1;
            continue;
        }
        if (*a != *b)
            return 0;
        if (!*a)
            return 1;
        a++;
        b++;
    }
}
