/*
 * deid_lex.c — the de-identifier's lexicon table (open addressing, FNV-1a
 * over lower-cased bytes) and surrogate lists. See deid_lex.h.
 */
#include <stdlib.h>
#include <string.h>

#include "processors/deid_lex.h"

static unsigned char lower(unsigned char c)
{
    return (c >= 'A' && c <= 'Z') ? (unsigned char)(c + 32) : c;
}

static uint32_t hash_lower(const char *s, size_t n)
{
    uint32_t h = 2166136261u;
    for (size_t i = 0; i < n; i++)
        h = (h ^ lower((unsigned char)s[i])) * 16777619u;
    return h ? h : 1;
}

static int key_eq(const char *key, const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if ((unsigned char)key[i] != lower((unsigned char)s[i]))
            return 0;
    return key[n] == '\0';
}

void dl_free(dl_table *t)
{
    for (size_t i = 0; i < t->cap; i++)
        free(t->slots[i].key);
    free(t->slots);
    t->slots = NULL;
    t->cap = t->n = 0;
}

static int grow(dl_table *t)
{
    size_t cap = t->cap ? t->cap * 2 : 1024;
    dl_slot *s = calloc(cap, sizeof *s);
    if (!s)
        return -1;
    for (size_t i = 0; i < t->cap; i++) {
        if (!t->slots[i].key)
            continue;
        size_t j = t->slots[i].hash & (cap - 1);
        while (s[j].key)
            j = (j + 1) & (cap - 1);
        s[j] = t->slots[i];
    }
    free(t->slots);
    t->slots = s;
    t->cap = cap;
    return 0;
}

int dl_add(dl_table *t, const char *s, size_t n, uint32_t flags)
{
    if ((t->n + 1) * 2 > t->cap && grow(t))
        return -1;
    uint32_t h = hash_lower(s, n);
    size_t j = h & (t->cap - 1);
    while (t->slots[j].key) {
        if (t->slots[j].hash == h && key_eq(t->slots[j].key, s, n)) {
            t->slots[j].flags |= flags;
            return 0;
        }
        j = (j + 1) & (t->cap - 1);
    }
    char *k = malloc(n + 1);
    if (!k)
        return -1;
    for (size_t i = 0; i < n; i++)
        k[i] = (char)lower((unsigned char)s[i]);
    k[n] = '\0';
    t->slots[j].key = k;
    t->slots[j].hash = h;
    t->slots[j].flags = flags;
    t->n++;
    return 0;
}

uint32_t dl_get(const dl_table *t, const char *s, size_t n)
{
    if (!t->cap)
        return 0;
    uint32_t h = hash_lower(s, n);
    size_t j = h & (t->cap - 1);
    while (t->slots[j].key) {
        if (t->slots[j].hash == h && key_eq(t->slots[j].key, s, n))
            return t->slots[j].flags;
        j = (j + 1) & (t->cap - 1);
    }
    return 0;
}

void dl_list_free(dl_list *l)
{
    for (size_t i = 0; i < l->n; i++)
        free(l->v[i]);
    free(l->v);
    l->v = NULL;
    l->n = l->cap = 0;
}

int dl_list_add(dl_list *l, const char *s, size_t n)
{
    if (l->n == l->cap) {
        size_t cap = l->cap ? l->cap * 2 : 256;
        char **v = realloc(l->v, cap * sizeof *v);
        if (!v)
            return -1;
        l->v = v;
        l->cap = cap;
    }
    char *c = malloc(n + 1);
    if (!c)
        return -1;
    memcpy(c, s, n);
    c[n] = '\0';
    l->v[l->n++] = c;
    return 0;
}
