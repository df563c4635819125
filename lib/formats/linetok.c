/*
 * linetok.c — the line:token index behind the i2b2 2009/2010/2011 formats
 * (see linetok.h). Tokens are found on bytes (whitespace is ASCII) and
 * their edges converted to code points with ck_doc_byte2cp, so accented or
 * CJK text maps exactly.
 */
#include <stdlib.h>
#include <string.h>

#include <utf8proc.h>

#include "clinkit/text.h"
#include "formats/linetok.h"

struct ck_linetok {
    ck_span *toks;      /* all tokens, in text order */
    size_t n_toks, cap;
    size_t *first;      /* first[i] = index of line i+1's first token */
    size_t n_lines, cap_lines;
};

static int is_ws(char c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v';
}

static int push_tok(ck_linetok *lt, const ck_doc *doc, size_t b0, size_t b1)
{
    if (lt->n_toks == lt->cap) {
        size_t cap = lt->cap ? lt->cap * 2 : 256;
        ck_span *v = realloc(lt->toks, cap * sizeof *v);
        if (!v)
            return -1;
        lt->toks = v;
        lt->cap = cap;
    }
    lt->toks[lt->n_toks++] = (ck_span){ck_doc_byte2cp(doc, b0),
                                       ck_doc_byte2cp(doc, b1)};
    return 0;
}

static int push_line(ck_linetok *lt)
{
    if (lt->n_lines == lt->cap_lines) {
        size_t cap = lt->cap_lines ? lt->cap_lines * 2 : 64;
        size_t *v = realloc(lt->first, (cap + 1) * sizeof *v);
        if (!v)
            return -1;
        lt->first = v;
        lt->cap_lines = cap;
    }
    lt->first[lt->n_lines++] = lt->n_toks;
    return 0;
}

ck_linetok *ck_linetok_new(const ck_doc *doc, int mode)
{
    if (!doc || !doc->text)
        return NULL;
    ck_linetok *lt = calloc(1, sizeof *lt);
    if (!lt)
        return NULL;
    const char *t = doc->text;
    size_t n = doc->text_bytes, i = 0;
    for (;;) {
        if (push_line(lt))
            goto fail;
        size_t eol = i;
        while (eol < n && t[eol] != '\n')
            eol++;
        if (mode == CK_LINETOK_EVERY) {
            size_t s = i;
            for (size_t k = i; k <= eol; k++)
                if (k == eol || is_ws(t[k])) {
                    if (push_tok(lt, doc, s, k))
                        goto fail;
                    s = k + 1;
                }
            /* an empty line has no token, not one empty token */
            if (eol == i)
                lt->n_toks--;
        } else {
            size_t k = i;
            while (k < eol) {
                while (k < eol && is_ws(t[k]))
                    k++;
                size_t s = k;
                while (k < eol && !is_ws(t[k]))
                    k++;
                if (k > s && push_tok(lt, doc, s, k))
                    goto fail;
            }
        }
        if (eol >= n)
            break;
        i = eol + 1;
    }
    lt->first[lt->n_lines] = lt->n_toks;
    return lt;
fail:
    ck_linetok_free(lt);
    return NULL;
}

void ck_linetok_free(ck_linetok *lt)
{
    if (!lt)
        return;
    free(lt->toks);
    free(lt->first);
    free(lt);
}

size_t ck_linetok_lines(const ck_linetok *lt) { return lt->n_lines; }

size_t ck_linetok_tokens(const ck_linetok *lt, size_t line)
{
    if (line < 1 || line > lt->n_lines)
        return 0;
    return lt->first[line] - lt->first[line - 1];
}

int ck_linetok_token(const ck_linetok *lt, size_t line, size_t tok,
                     ck_span *out)
{
    if (tok >= ck_linetok_tokens(lt, line))
        return -1;
    *out = lt->toks[lt->first[line - 1] + tok];
    return 0;
}

int ck_linetok_span(const ck_linetok *lt, size_t l1, size_t t1, size_t l2,
                    size_t t2, ck_span *out)
{
    ck_span a, b;
    if (ck_linetok_token(lt, l1, t1, &a) || ck_linetok_token(lt, l2, t2, &b))
        return -1;
    if (l2 < l1 || (l2 == l1 && t2 < t1))
        return -1;
    *out = (ck_span){a.start, b.end};
    return 0;
}

/* 1-based line holding token index k. */
static size_t line_of(const ck_linetok *lt, size_t k)
{
    size_t lo = 0, hi = lt->n_lines; /* answer in [lo, hi) */
    while (hi - lo > 1) {
        size_t mid = lo + (hi - lo) / 2;
        if (lt->first[mid] <= k)
            lo = mid;
        else
            hi = mid;
    }
    return lo + 1;
}

int ck_linetok_locate(const ck_linetok *lt, size_t start, size_t end,
                      size_t *l1, size_t *t1, size_t *l2, size_t *t2)
{
    /* first token with end > start (an empty token counts when at start) */
    size_t lo = 0, hi = lt->n_toks;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        ck_span s = lt->toks[mid];
        if (s.end > start || (s.start == s.end && s.start >= start))
            hi = mid;
        else
            lo = mid + 1;
    }
    size_t a = lo;
    /* last token with start < end (or an empty token at end == start) */
    lo = 0;
    hi = lt->n_toks;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (lt->toks[mid].start < end || lt->toks[mid].start <= start)
            lo = mid + 1;
        else
            hi = mid;
    }
    if (lo == 0 || a >= lt->n_toks || lo - 1 < a)
        return -1;
    size_t b = lo - 1;
    *l1 = line_of(lt, a);
    *t1 = a - lt->first[*l1 - 1];
    *l2 = line_of(lt, b);
    *t2 = b - lt->first[*l2 - 1];
    return lt->toks[a].start == start && lt->toks[b].end == end ? 0 : 1;
}

int ck_linetok_lower(const ck_doc *doc, size_t start, size_t end, ck_buf *b)
{
    const char *p;
    size_t n;
    if (ck_doc_slice(doc, start, end, &p, &n))
        return -1;
    for (size_t i = 0; i < n;) {
        int32_t cp;
        size_t k = ck_utf8_decode(p + i, n - i, &cp);
        if (!k)
            return -1;
        if (cp == '\n' || cp == '\r' || cp == '\t') {
            ck_buf_addc(b, ' ');
        } else {
            char out[4];
            size_t m = ck_utf8_encode(utf8proc_tolower(cp), out);
            ck_buf_add(b, out, m);
        }
        i += k;
    }
    return 0;
}
