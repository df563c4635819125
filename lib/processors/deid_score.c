/*
 * deid_score.c — a small PHI scorer for the de-identifier's evidence:
 * strict (same span, same category) and token (each word of PHI, with its
 * category) precision/recall per i2b2 2014 category, as in the 2014 track's
 * "strict" and "token" measures. The project's `clinkit eval` scorer is
 * the reference; this one needs nothing but two lists of documents.
 */
#include <stdlib.h>
#include <string.h>

#include "processors/deid_int.h"

static const char *const order[] = {"NAME", "PROFESSION", "LOCATION", "AGE",
                                    "DATE", "CONTACT", "ID"};
enum { NCAT = 7 };

static int cat_index(const char *t)
{
    for (int i = 0; i < NCAT; i++)
        if (!strcmp(order[i], t))
            return i;
    return -1;
}

/* Per code point: category index + 1 of the PHI covering it, 0 if none. */
static unsigned char *paint(const ck_doc *doc, size_t n)
{
    unsigned char *m = calloc(n + 1, 1);
    if (!m)
        return NULL;
    for (size_t i = 0; i < doc->n_entities; i++) {
        int c = cat_index(doc->entities[i].type);
        if (c < 0)
            continue;
        for (size_t k = 0; k < doc->entities[i].n_spans; k++)
            for (size_t p = doc->entities[i].spans[k].start;
                 p < doc->entities[i].spans[k].end && p < n; p++)
                m[p] = (unsigned char)(c + 1);
    }
    return m;
}

static int is_word_cp(const char *text, size_t b)
{
    unsigned char ch = (unsigned char)text[b];
    return ch >= 0x80 || (ch >= '0' && ch <= '9') || ((ch | 32) >= 'a' && (ch | 32) <= 'z');
}

size_t ck_deid_score(const ck_doc *const *gold, const ck_doc *const *sys, size_t n,
                     ck_deid_counts counts[8])
{
    memset(counts, 0, 8 * sizeof *counts);
    for (int i = 0; i < NCAT; i++)
        counts[i].category = order[i];
    counts[NCAT].category = "ALL";
    for (size_t di = 0; di < n; di++) {
        const ck_doc *g = gold[di], *s = sys[di];
        /* strict */
        for (int pass = 0; pass < 2; pass++) {
            const ck_doc *a = pass ? s : g, *b = pass ? g : s;
            for (size_t i = 0; i < a->n_entities; i++) {
                const ck_entity *e = &a->entities[i];
                int c = cat_index(e->type);
                if (c < 0 || !e->n_spans)
                    continue;
                int found = 0;
                for (size_t j = 0; j < b->n_entities && !found; j++) {
                    const ck_entity *f = &b->entities[j];
                    found = f->n_spans && !strcmp(f->type, e->type) &&
                            f->spans[0].start == e->spans[0].start &&
                            f->spans[f->n_spans - 1].end == e->spans[e->n_spans - 1].end;
                }
                if (pass == 0)
                    found ? counts[c].strict_tp++ : counts[c].strict_fn++;
                else if (!found)
                    counts[c].strict_fp++;
            }
        }
        /* token: words of the text (runs of letters/digits) */
        if (!g->text)
            continue;
        size_t ncp = g->text_cps;
        unsigned char *gm = paint(g, ncp), *sm = paint(s, ncp);
        if (!gm || !sm) {
            free(gm);
            free(sm);
            continue;
        }
        size_t b = 0, cp = 0;
        while (cp < ncp) {
            if (!is_word_cp(g->text, b)) {
                b += ck_doc_cp2byte(g, cp + 1) - ck_doc_cp2byte(g, cp);
                cp++;
                continue;
            }
            size_t ws = cp;
            int gc = 0, sc = 0;
            while (cp < ncp && is_word_cp(g->text, b)) {
                if (gm[cp] && !gc)
                    gc = gm[cp];
                if (sm[cp] && !sc)
                    sc = sm[cp];
                size_t nb = ck_doc_cp2byte(g, cp + 1);
                b = nb;
                cp++;
            }
            (void)ws;
            if (gc && sc == gc)
                counts[gc - 1].token_tp++;
            else {
                if (gc)
                    counts[gc - 1].token_fn++;
                if (sc)
                    counts[sc - 1].token_fp++;
            }
        }
        free(gm);
        free(sm);
    }
    for (int i = 0; i < NCAT; i++) {
        counts[NCAT].strict_tp += counts[i].strict_tp;
        counts[NCAT].strict_fp += counts[i].strict_fp;
        counts[NCAT].strict_fn += counts[i].strict_fn;
        counts[NCAT].token_tp += counts[i].token_tp;
        counts[NCAT].token_fp += counts[i].token_fp;
        counts[NCAT].token_fn += counts[i].token_fn;
    }
    return NCAT + 1;
}
