/*
 * buf.c — growable byte buffer (see buf.h).
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"

void ck_buf_init(ck_buf *b) { memset(b, 0, sizeof *b); }

void ck_buf_free(ck_buf *b)
{
    free(b->p);
    ck_buf_init(b);
}

void ck_buf_reset(ck_buf *b)
{
    b->n = 0;
    if (b->p)
        b->p[0] = '\0';
}

int ck_buf_reserve(ck_buf *b, size_t extra)
{
    if (b->failed)
        return -1;
    if (b->n + extra + 1 <= b->cap)
        return 0;
    size_t cap = b->cap ? b->cap : 256;
    while (cap < b->n + extra + 1)
        cap *= 2;
    char *p = realloc(b->p, cap);
    if (!p) {
        b->failed = 1;
        return -1;
    }
    b->p = p;
    b->cap = cap;
    return 0;
}

void ck_buf_add(ck_buf *b, const void *data, size_t n)
{
    if (ck_buf_reserve(b, n))
        return;
    memcpy(b->p + b->n, data, n);
    b->n += n;
    b->p[b->n] = '\0';
}

void ck_buf_adds(ck_buf *b, const char *s) { ck_buf_add(b, s, strlen(s)); }

void ck_buf_addc(ck_buf *b, char c) { ck_buf_add(b, &c, 1); }

void ck_buf_addf(ck_buf *b, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int k = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (k < 0 || ck_buf_reserve(b, (size_t)k))
        return;
    va_start(ap, fmt);
    vsnprintf(b->p + b->n, (size_t)k + 1, fmt, ap);
    va_end(ap);
    b->n += (size_t)k;
}

const char *ck_buf_str(ck_buf *b)
{
    return b->p ? b->p : "";
}
