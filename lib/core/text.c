/*
 * text.c — UTF-8 validation, counting and offset conversion. Validation and
 * decoding are utf8proc's; counting and seeking only skip continuation
 * bytes of text already known to be valid.
 */
#include <string.h>

#include <utf8proc.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include "clinkit/text.h"

static int all_ascii(const unsigned char *p, size_t n)
{
    unsigned char acc = 0;
    for (size_t i = 0; i < n; i++)
        acc |= p[i];
    return acc < 0x80;
}

int ck_utf8_valid(const char *s, size_t n, size_t *bad)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t i = 0;
    while (i < n) {
        /* skip ASCII runs fast, 64 bytes at a time */
        while (i + 64 <= n && all_ascii(p + i, 64))
            i += 64;
        if (i >= n)
            break;
        if (p[i] < 0x80) {
            i++;
            continue;
        }
        utf8proc_int32_t cp;
        utf8proc_ssize_t k = utf8proc_iterate(p + i, (utf8proc_ssize_t)(n - i), &cp);
        if (k < 0) {
            if (bad)
                *bad = i;
            return 0;
        }
        i += (size_t)k;
    }
    return 1;
}

size_t ck_utf8_count(const char *s, size_t n)
{
    /* code points = bytes - continuation bytes (0x80..0xBF, i.e. signed
     * bytes below -64); counted 16 at a time where SSE2 is there */
    size_t cont = 0, i = 0;
#ifdef __SSE2__
    const __m128i lim = _mm_set1_epi8(-64), zero = _mm_setzero_si128();
    while (i + 16 <= n) {
        __m128i acc = zero;
        for (int k = 0; k < 255 && i + 16 <= n; k++, i += 16)
            acc = _mm_sub_epi8(acc, _mm_cmplt_epi8(
                                        _mm_loadu_si128((const __m128i *)(s + i)), lim));
        __m128i sum = _mm_sad_epu8(acc, zero);
        cont += (size_t)_mm_cvtsi128_si32(sum) + (size_t)_mm_extract_epi16(sum, 4);
    }
#endif
    for (; i < n; i++)
        cont += ((unsigned char)s[i] & 0xC0) == 0x80;
    return n - cont;
}

size_t ck_utf8_offset(const char *s, size_t n, size_t cp)
{
    size_t i = 0, c = 0;
    while (c < cp) {
        if (i >= n)
            return (size_t)-1;
        i++;
        while (i < n && ((unsigned char)s[i] & 0xC0) == 0x80)
            i++;
        c++;
    }
    return i;
}

size_t ck_utf8_decode(const char *s, size_t n, int32_t *cp)
{
    utf8proc_int32_t c;
    utf8proc_ssize_t k = utf8proc_iterate((const utf8proc_uint8_t *)s,
                                          (utf8proc_ssize_t)n, &c);
    if (k < 1) {
        *cp = 0xFFFD;
        return 1;
    }
    *cp = c;
    return (size_t)k;
}

size_t ck_utf8_encode(int32_t cp, char *out)
{
    if (!utf8proc_codepoint_valid(cp))
        return 0;
    return (size_t)utf8proc_encode_char(cp, (utf8proc_uint8_t *)out);
}
