/*
 * arena.h — private: a bump allocator. A document's strings and arrays
 * live in one arena, so freeing a document is one walk over a few blocks.
 */
#ifndef CK_ARENA_H
#define CK_ARENA_H

#include <stddef.h>

typedef struct ck_arena ck_arena;

ck_arena *ck_arena_new(void);
void ck_arena_free(ck_arena *a);
/* 16-byte aligned, zeroed memory; NULL on allocation failure. */
void *ck_arena_alloc(ck_arena *a, size_t size);
/* Grow an array of n elements of size sz to hold n+1, doubling at powers of
 * two (the old block stays in the arena). Returns the (possibly moved)
 * array, or NULL on failure. */
void *ck_arena_grow(ck_arena *a, void *arr, size_t n, size_t sz);
char *ck_arena_strndup(ck_arena *a, const char *s, size_t n);

#endif
