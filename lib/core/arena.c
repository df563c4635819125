/*
 * arena.c — the bump allocator behind ck_doc (see arena.h).
 */
#include <pthread.h>
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

enum { BLOCK_SIZE = 8192, SPARE_CLASSES = 8, SPARE_MAX = 32 };

/* A few freed blocks of each size class (8 KiB .. 1 MiB, powers of two)
 * are kept for the next documents: a reader streaming millions of
 * documents would otherwise make malloc grow and trim the heap (brk) for
 * every one of them. */
static struct {
    pthread_mutex_t lock;
    block *list[SPARE_CLASSES];
    size_t n[SPARE_CLASSES];
} spare = {.lock = PTHREAD_MUTEX_INITIALIZER};

/* Size class of a block size, or -1 if it is not one. */
static int size_class(size_t size)
{
    for (int k = 0; k < SPARE_CLASSES; k++)
        if (size == (size_t)BLOCK_SIZE << k)
            return k;
    return -1;
}

static block *spare_get(size_t size)
{
    int k = size_class(size);
    if (k < 0)
        return NULL;
    pthread_mutex_lock(&spare.lock);
    block *b = spare.list[k];
    if (b) {
        spare.list[k] = b->next;
        spare.n[k]--;
    }
    pthread_mutex_unlock(&spare.lock);
    return b;
}

static void release(block *b)
{
    int k = size_class(b->size);
    if (k >= 0) {
        pthread_mutex_lock(&spare.lock);
        int keep = spare.n[k] < SPARE_MAX;
        if (keep) {
            b->next = spare.list[k];
            spare.list[k] = b;
            spare.n[k]++;
        }
        pthread_mutex_unlock(&spare.lock);
        if (keep)
            return;
    }
    free(b);
}

ck_arena *ck_arena_new(void) { return calloc(1, sizeof(ck_arena)); }

void ck_arena_free(ck_arena *a)
{
    if (!a)
        return;
    for (block *b = a->head, *n; b; b = n) {
        n = b->next;
        release(b);
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
        if (bs > BLOCK_SIZE / 2 && bs <= (size_t)BLOCK_SIZE << (SPARE_CLASSES - 1))
            for (bs = BLOCK_SIZE; bs < size; bs *= 2) /* round up: reusable */
                ;
        block *nb = spare_get(bs);
        if (!nb)
            nb = malloc(sizeof *nb + bs);
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
