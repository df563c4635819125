/*
 * arena.c — the bump allocator behind ck_doc (see arena.h).
 */
#include <stdlib.h>
#include <string.h>

#include "arena.h"

typedef struct block {
    struct block *next;
    size_t size, used;
    max_align_t data[];
} block;

struct ck_arena {
    block *head;
};

enum { BLOCK_SIZE = 8192 };

ck_arena *ck_arena_new(void) { return calloc(1, sizeof(ck_arena)); }

void ck_arena_free(ck_arena *a)
{
    if (!a)
        return;
    for (block *b = a->head, *n; b; b = n) {
        n = b->next;
        free(b);
    }
    free(a);
}

/* Uninitialised memory: for copies, which overwrite it at once. */
static void *alloc_raw(ck_arena *a, size_t size)
{
    size = (size + 15) & ~(size_t)15;
    if (size == 0)
        size = 16;
    block *b = a->head;
    if (!b || b->size - b->used < size) {
        size_t bs = size > BLOCK_SIZE / 2 ? size : BLOCK_SIZE;
        block *nb = malloc(sizeof *nb + bs);
        if (!nb)
            return NULL;
        nb->size = bs;
        nb->used = 0;
        if (size > BLOCK_SIZE / 2 && b) {
            /* big allocation: keep the current block as the bump target */
            nb->next = b->next;
            b->next = nb;
        } else {
            nb->next = b;
            a->head = nb;
        }
        b = nb;
    }
    void *p = (char *)b->data + b->used;
    b->used += size;
    return p;
}

void *ck_arena_alloc(ck_arena *a, size_t size)
{
    void *p = alloc_raw(a, size);
    if (p)
        memset(p, 0, size);
    return p;
}

void *ck_arena_grow(ck_arena *a, void *arr, size_t n, size_t sz)
{
    if (n && (n & (n - 1)))
        return arr; /* capacity is the next power of two: room left */
    size_t cap = n ? n * 2 : 1;
    char *p = alloc_raw(a, cap * sz);
    if (p) {
        if (n)
            memcpy(p, arr, n * sz);
        memset(p + n * sz, 0, (cap - n) * sz);
    }
    return p;
}

char *ck_arena_strndup(ck_arena *a, const char *s, size_t n)
{
    char *p = alloc_raw(a, n + 1);
    if (p) {
        memcpy(p, s, n);
        p[n] = '\0';
    }
    return p;
}
