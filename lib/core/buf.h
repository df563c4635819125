/*
 * buf.h — private: a growable byte buffer for writers and parsers.
 */
#ifndef CK_BUF_H
#define CK_BUF_H

#include <stddef.h>

typedef struct ck_buf {
    char *p;
    size_t n, cap;
    int failed; /* set once an allocation failed; later adds are no-ops */
} ck_buf;

void ck_buf_init(ck_buf *b);
void ck_buf_free(ck_buf *b);
void ck_buf_reset(ck_buf *b);
int ck_buf_reserve(ck_buf *b, size_t extra);
void ck_buf_add(ck_buf *b, const void *data, size_t n);
void ck_buf_adds(ck_buf *b, const char *s);
void ck_buf_addc(ck_buf *b, char c);
void ck_buf_addf(ck_buf *b, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
/* NUL-terminated contents ("" when empty). */
const char *ck_buf_str(ck_buf *b);

#endif
