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
#include <stdlib.h>
#include <string.h>

#include "anafora_eval.h"

typedef struct frag {
    long s, e;
} frag;

/* The (s,e) fragments written between p and end: "(1,5)(8,9)"; a fragment without exactly two numbers (a
 * malformed span) never overlaps anything. Returns the count, at most max. */
static size_t frags(const char *p, const char *end, frag *out, size_t max)
{
    size_t n = 0;
    while (p < end && n < max) {
        if (*p != '(') {
            p++;
            continue;
        }
        long v[2] = {0, 0};
        int k = 0;
        p++;
        while (p < end && *p != ')') {
            char *q;
            long x = strtol(p, &q, 10);
            if (q == p) {
                p++;
                continue;
            }
            if (k < 2)
                v[k] = x;
            k++;
            p = q;
        }
        if (k == 2)
            out[n++] = (frag){v[0], v[1]};
    }
    return n;
}

static int spans_overlap(const char *a, const char *ea, const char *b, const char *eb)
{
    /* at most one fragment per 4 bytes ("(1,2)" is 5) */
    size_t ma = (size_t)(ea - a) / 4 + 1, mb = (size_t)(eb - b) / 4 + 1;
    frag *fa = malloc(ma * sizeof *fa), *fb = malloc(mb * sizeof *fb);
    int hit = 0;
    if (fa && fb) {
        size_t na = frags(a, ea, fa, ma), nb = frags(b, eb, fb, mb);
        for (size_t i = 0; i < na && !hit; i++)
            for (size_t k = 0; k < nb && !hit; k++)
                hit = fa[i].s < fb[k].e && fb[k].s < fa[i].e;
    }
    free(fa);
    free(fb);
    return hit;
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
