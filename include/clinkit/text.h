/*
 * clinkit/text.h — UTF-8 and offset helpers for raw strings. Documents map
 * offsets with ck_doc_cp2byte/ck_doc_byte2cp; readers that must convert
 * offsets in strings outside a document (a token, a line) use these, so no
 * module counts code points by hand.
 */
#ifndef CLINKIT_TEXT_H
#define CLINKIT_TEXT_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* 1 if s[0..n) is valid UTF-8 (no overlongs, surrogates or > U+10FFFF);
 * else 0 and *bad (if not NULL) = offset of the first invalid byte. */
int ck_utf8_valid(const char *s, size_t n, size_t *bad);
/* Number of code points in valid UTF-8 s[0..n). */
size_t ck_utf8_count(const char *s, size_t n);
/* Byte offset of code point cp in valid UTF-8 s[0..n), or (size_t)-1. */
size_t ck_utf8_offset(const char *s, size_t n, size_t cp);
/* Decode one code point at s (n bytes available); returns bytes consumed
 * (>= 1) and stores the code point (U+FFFD for an invalid sequence). */
size_t ck_utf8_decode(const char *s, size_t n, int32_t *cp);
/* Encode cp into out (>= 4 bytes); returns the byte count (0 if invalid). */
size_t ck_utf8_encode(int32_t cp, char *out);

#ifdef __cplusplus
}
#endif
#endif
