/*
 * semeval2015_pipe.c — the shared half of the SemEval-2015 Task 14
 * scorers (semeval2015.h): .pipe lines read as the official Perl scripts
 * read them (whole line lower-cased, split on '|', one entry per span
 * string per file), the walk over the gold documents, and the disorder
 * matching (exact span first, then inclusive-end overlap).
 */
#include <ctype.h>
#include <dirent.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "clinkit/io.h"
#include "semeval2015.h"

void t14_entries_free(t14_entries *e)
{
    for (size_t i = 0; i < e->n; i++) {
        t14_entry *x = &e->v[i];
        free(x->span);
        for (size_t k = 0; k < T14_BODYLOC; k++)
            free(x->val[k]);
        for (size_t k = 0; k < x->n_loc; k++)
            free(x->loc[k]);
        free(x->loc);
        free(x->frag);
    }
    free(e->v);
    e->v = NULL;
    e->n = 0;
}

/* Offsets are clamped so that overlap arithmetic cannot overflow. */
static long clamp(long v)
{
    const long lim = 1L << 40;
    return v > lim ? lim : v < -lim ? -lim : v;
}

static void parse_span(t14_entry *x)
{
    for (const char *p = x->span; *p;) {
        char *end;
        long s = strtol(p, &end, 10), en = s;
        if (*end == '-')
            en = strtol(end + 1, &end, 10);
        x->frag = realloc(x->frag, (x->n_frag + 1) * 2 * sizeof *x->frag);
        x->frag[2 * x->n_frag] = clamp(s);
        x->frag[2 * x->n_frag + 1] = clamp(en);
        x->n_frag++;
        if (*end != ',' || end == p)
            break;
        p = end + 1;
    }
}

/* Field of slot k: CUI is field 2, then every other field (the cue spans
 * between them are not scored). */
static const char *slot_field(char *const *f, size_t n, size_t k)
{
    size_t i = k == T14_CUI ? 2 : 1 + 2 * k;
    return i < n ? f[i] : "";
}

void t14_add(t14_entries *e, char *const *f, size_t n)
{
    t14_entry *x = NULL;
    for (size_t i = 0; i < e->n && !x; i++)
        if (!strcmp(e->v[i].span, f[1]))
            x = &e->v[i];
    if (!x) {
        e->v = realloc(e->v, (e->n + 1) * sizeof *e->v);
        x = &e->v[e->n++];
        memset(x, 0, sizeof *x);
        x->span = strdup(f[1]);
        parse_span(x);
    }
    for (size_t k = 0; k < T14_BODYLOC; k++) { /* the last line wins */
        free(x->val[k]);
        x->val[k] = strdup(slot_field(f, n, k));
    }
    const char *loc = slot_field(f, n, T14_BODYLOC);
    for (size_t k = 0; k < x->n_loc; k++)
        if (!strcmp(x->loc[k], loc))
            return;
    x->loc = realloc(x->loc, (x->n_loc + 1) * sizeof *x->loc);
    x->loc[x->n_loc++] = strdup(loc);
}

ck_status t14_load(const char *path, t14_entries *e, ck_diag *d)
{
    char *data;
    size_t len;
    ck_status rc = ck_read_file(path, &data, &len, d);
    if (rc)
        return rc;
    size_t no = 0;
    char *f[32];
    for (char *p = data; p && *p && rc == CK_OK;) {
        char *nl = strchr(p, '\n');
        if (nl)
            *nl = '\0';
        no++;
        size_t n = strlen(p);
        if (n && p[n - 1] == '\r')
            p[--n] = '\0';
        for (char *q = p; *q; q++)
            *q = (char)tolower((unsigned char)*q);
        size_t nf = 0;
        for (char *q = p; q && nf < 32;) {
            f[nf++] = q;
            q = strchr(q, '|');
            if (q)
                *q++ = '\0';
        }
        if (*p && nf >= 3)
            t14_add(e, f, nf);
        else if (*p)
            rc = ck_diag_error(d, path, no, "expected DOC|SPAN|CUI|...");
        p = nl ? nl + 1 : NULL;
    }
    free(data);
    return rc;
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

ck_status t14_each_doc(const char *gold, const char *system, t14_doc_fn fn, void *ctx,
                       ck_diag *d)
{
    DIR *dp = opendir(gold);
    if (!dp) {
        ck_diag_add(d, CK_SEV_ERROR, gold, 0, 0, (size_t)-1, "cannot open gold folder");
        return CK_ERR_IO;
    }
    char **names = NULL;
    size_t nn = 0;
    for (struct dirent *de; (de = readdir(dp));)
        if (de->d_name[0] != '.' && strstr(de->d_name, ".pipe")) {
            names = realloc(names, (nn + 1) * sizeof *names);
            names[nn++] = strdup(de->d_name);
        }
    closedir(dp);
    if (names)
        qsort(names, nn, sizeof *names, cmp_str);
    ck_status rc = CK_OK;
    for (size_t i = 0; i < nn && rc == CK_OK; i++) {
        char gp[4096], sp[4096];
        snprintf(gp, sizeof gp, "%s/%s", gold, names[i]);
        snprintf(sp, sizeof sp, "%s/%s", system, names[i]);
        t14_entries g = {0}, s = {0};
        rc = t14_load(gp, &g, d);
        if (rc == CK_OK && access(sp, R_OK) == 0)
            rc = t14_load(sp, &s, d);
        if (rc == CK_OK)
            fn(&g, &s, ctx);
        t14_entries_free(&g);
        t14_entries_free(&s);
    }
    for (size_t i = 0; i < nn; i++)
        free(names[i]);
    free(names);
    return rc;
}

long t14_overlap(const t14_entry *a, const t14_entry *b)
{
    long best = 0;
    for (size_t i = 0; i < a->n_frag; i++)
        for (size_t k = 0; k < b->n_frag; k++) {
            long s = a->frag[2 * i] > b->frag[2 * k] ? a->frag[2 * i] : b->frag[2 * k];
            long e = a->frag[2 * i + 1] < b->frag[2 * k + 1] ? a->frag[2 * i + 1]
                                                              : b->frag[2 * k + 1];
            if (s <= e && e - s + 1 > best)
                best = e - s + 1;
        }
    return best;
}

static int candidate(const t14_entry *g, const t14_entry *s, int task2)
{
    return !s->used && (task2 || !strcmp(g->val[T14_CUI], s->val[T14_CUI])) &&
           t14_overlap(g, s) > 0;
}

void t14_match(t14_entries *g, t14_entries *s, int task2, size_t *pair, size_t *extra)
{
    *extra = 0;
    int *visited = calloc(g->n + 1, sizeof *visited);
    for (size_t k = 0; k < g->n; k++) {
        pair[k] = (size_t)-1;
        for (size_t j = 0; j < s->n; j++)
            if (!s->v[j].used && !strcmp(g->v[k].span, s->v[j].span) &&
                (task2 || !strcmp(g->v[k].val[T14_CUI], s->v[j].val[T14_CUI]))) {
                s->v[j].used = 1;
                pair[k] = j;
                visited[k] = !task2; /* task 2 visits exact matches again */
                break;
            }
    }
    for (;;) { /* the unvisited gold with the fewest candidates first */
        size_t best = (size_t)-1, best_n = 0;
        for (size_t k = 0; k < g->n; k++) {
            if (visited[k])
                continue;
            size_t n = 0;
            for (size_t j = 0; j < s->n; j++)
                n += (size_t)candidate(&g->v[k], &s->v[j], task2);
            if (n && (best == (size_t)-1 || n < best_n)) {
                best = k;
                best_n = n;
            }
        }
        if (best == (size_t)-1)
            break;
        size_t top = (size_t)-1;
        long top_ov = 0;
        for (size_t j = 0; j < s->n; j++)
            if (candidate(&g->v[best], &s->v[j], task2)) {
                long ov = t14_overlap(&g->v[best], &s->v[j]);
                if (ov > top_ov) {
                    top = j;
                    top_ov = ov;
                }
                s->v[j].used = 1;
            }
        pair[best] = top;
        *extra += best_n - 1;
        visited[best] = 1;
    }
    free(visited);
}
