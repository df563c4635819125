/*
 * csv.c — the streaming RFC 4180 reader and field writer (see csv.h).
 *
 * How it stays fast and bounded: bytes arrive in multi-MB blocks; a record
 * is scanned in place (memchr for the closing quote of a long TEXT field),
 * and only when a record runs past the end of the buffer is the unread
 * tail moved to the front and the buffer refilled — the record is then
 * rescanned from its start, so a record is always contiguous. Unescaping
 * ("" -> ") happens once the record is complete, in place.
 *
 * Line numbers are counted lazily: newlines are counted (SSE2) only for
 * data about to be discarded and when a caller asks for a position. The
 * NUL written over a record's final LF is remembered in `hidden`.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include "clinkit/io.h"
#include "formats/csv.h"

enum {
    BLOCK = 512 << 10,         /* initial buffer: stays in L2 cache */
    MAX_RECORD = 1 << 30           /* refuse records above 1 GiB */
};

typedef struct fld {
    size_t off;      /* raw start in buf (the opening quote if quoted) */
    size_t len;      /* raw length (with quotes) until finalize */
    const char *p;   /* unescaped, NUL-terminated (after finalize) */
    unsigned char quoted, messy;
} fld;

typedef enum prob_kind { P_UNTERMINATED, P_AFTER_QUOTE, P_BARE_QUOTE } prob_kind;
typedef struct prob {
    prob_kind kind;
    size_t off, field;
} prob;

struct ck_csv {
    ck_stream *st;
    char *name;
    char *buf;
    size_t cap, pos, end, next; /* record at pos; next record at next */
    int eof;
    fld *f;
    size_t nf, fcap;
    size_t record;
    size_t rec_start;
    size_t lpos, lline;         /* buf[lpos] is on line lline */
    size_t hidden, pending_hidden;
    prob probs[8];
    size_t nprobs;
    int damaged;
    int bom_checked;
};

#if defined(__x86_64__) && defined(__GNUC__)
#include <immintrin.h>
#define HAVE_AVX2_PATH 1
/* The same count 32 bytes at a time, on CPUs that have AVX2 (checked at
 * run time): line counting is a full pass over the file. */
__attribute__((target("avx2"))) static size_t count_nl_avx2(const char *p, size_t n)
{
    size_t c = 0, i = 0;
    const __m256i nl = _mm256_set1_epi8('\n'), zero = _mm256_setzero_si256();
    while (i + 32 <= n) {
        __m256i acc = zero;
        for (int k = 0; k < 255 && i + 32 <= n; k++, i += 32)
            acc = _mm256_sub_epi8(acc, _mm256_cmpeq_epi8(
                                           _mm256_loadu_si256((const __m256i *)(p + i)), nl));
        __m256i s = _mm256_sad_epu8(acc, zero);
        c += (size_t)_mm256_extract_epi64(s, 0) + (size_t)_mm256_extract_epi64(s, 1) +
             (size_t)_mm256_extract_epi64(s, 2) + (size_t)_mm256_extract_epi64(s, 3);
    }
    for (; i < n; i++)
        c += p[i] == '\n';
    return c;
}
#endif

static size_t count_nl(const char *p, size_t n)
{
#ifdef HAVE_AVX2_PATH
    if (__builtin_cpu_supports("avx2"))
        return count_nl_avx2(p, n);
#endif
    size_t c = 0, i = 0;
#ifdef __SSE2__
    const __m128i nl = _mm_set1_epi8('\n'), zero = _mm_setzero_si128();
    while (i + 16 <= n) {
        __m128i acc = zero;
        for (int k = 0; k < 255 && i + 16 <= n; k++, i += 16)
            acc = _mm_sub_epi8(acc, _mm_cmpeq_epi8(
                                        _mm_loadu_si128((const __m128i *)(p + i)), nl));
        __m128i s = _mm_sad_epu8(acc, zero);
        c += (size_t)_mm_cvtsi128_si32(s) + (size_t)_mm_extract_epi16(s, 4);
    }
#endif
    for (; i < n; i++)
        c += p[i] == '\n';
    return c;
}

static ck_csv *csv_new(const char *name, size_t cap)
{
    ck_csv *c = calloc(1, sizeof *c);
    if (!c)
        return NULL;
    c->name = strdup(name ? name : "-");
    c->buf = malloc(cap);
    c->cap = cap;
    c->lline = 1;
    if (!c->name || !c->buf) {
        ck_csv_close(c);
        return NULL;
    }
    return c;
}

ck_status ck_csv_open(const char *path, ck_csv **out, ck_diag *d)
{
    *out = NULL;
    ck_stream *st;
    ck_status rc = ck_stream_open(path, &st, d);
    if (rc)
        return rc;
    ck_csv *c = csv_new(path, BLOCK);
    if (!c) {
        ck_stream_close(st);
        return CK_ERR_NOMEM;
    }
    c->st = st;
    *out = c;
    return CK_OK;
}

ck_status ck_csv_open_mem(const char *data, size_t n, const char *name,
                          ck_csv **out)
{
    ck_csv *c = csv_new(name, n + 1);
    if (!(*out = c))
        return CK_ERR_NOMEM;
    if (n)
        memcpy(c->buf, data, n);
    c->end = n;
    c->eof = 1;
    return CK_OK;
}

void ck_csv_close(ck_csv *c)
{
    if (!c)
        return;
    ck_stream_close(c->st);
    free(c->name);
    free(c->buf);
    free(c->f);
    free(c);
}

const char *ck_csv_name(const ck_csv *c) { return c->name; }
size_t ck_csv_record(const ck_csv *c) { return c->record; }
int ck_csv_damaged(const ck_csv *c) { return c->damaged; }

const char *ck_csv_field(const ck_csv *c, size_t i, size_t *len)
{
    if (i >= c->nf) {
        if (len)
            *len = 0;
        return NULL;
    }
    if (len)
        *len = c->f[i].len;
    return c->f[i].p;
}

int ck_csv_quoted(const ck_csv *c, size_t i)
{
    return i < c->nf && c->f[i].quoted;
}

/* Line of buffer offset off (within the current record or later). */
static size_t line_at(ck_csv *c, size_t off)
{
    if (off < c->lpos) /* earlier in the same record: no hidden LF between */
        return c->lline - count_nl(c->buf + off, c->lpos - off);
    c->lline += count_nl(c->buf + c->lpos, off - c->lpos) + c->hidden;
    c->hidden = 0;
    c->lpos = off;
    return c->lline;
}

static size_t column_at(const ck_csv *c, size_t off)
{
    size_t lo = c->rec_start;
    for (size_t i = off; i > lo; i--)
        if (c->buf[i - 1] == '\n')
            return off - i + 1;
    return off - lo + 1;
}

size_t ck_csv_field_line(ck_csv *c, size_t i, size_t *column)
{
    size_t off = i < c->nf ? c->f[i].off : c->rec_start;
    if (column)
        *column = column_at(c, off);
    return line_at(c, off);
}

static ck_status report(ck_csv *c, ck_diag *d, ck_severity sev, size_t off,
                        size_t field, const char *fmt, va_list ap)
{
    char msg[512];
    vsnprintf(msg, sizeof msg, fmt, ap);
    size_t col = column_at(c, off);
    size_t line = line_at(c, off);
    return ck_diag_add(d, sev, c->name, line, col, (size_t)-1, "record %zu, field %zu: %s",
                       c->record, field + 1, msg);
}

ck_status ck_csv_error(ck_csv *c, ck_diag *d, size_t i, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    ck_status rc = report(c, d, CK_SEV_ERROR, i < c->nf ? c->f[i].off : c->rec_start,
                          i, fmt, ap);
    va_end(ap);
    return rc;
}

ck_status ck_csv_warn(ck_csv *c, ck_diag *d, size_t i, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    ck_status rc = report(c, d, CK_SEV_WARNING, i < c->nf ? c->f[i].off : c->rec_start,
                          i, fmt, ap);
    va_end(ap);
    return rc;
}

static void add_prob(ck_csv *c, prob_kind k, size_t off)
{
    if (c->nprobs < sizeof c->probs / sizeof *c->probs)
        c->probs[c->nprobs++] = (prob){k, off, c->nf - 1};
}

static fld *push_field(ck_csv *c)
{
    if (c->nf == c->fcap) {
        size_t ncap = c->fcap ? c->fcap * 2 : 32;
        fld *nf = realloc(c->f, ncap * sizeof *nf);
        if (!nf)
            return NULL;
        c->f = nf;
        c->fcap = ncap;
    }
    fld *f = &c->f[c->nf++];
    memset(f, 0, sizeof *f);
    return f;
}

enum { SCAN_MORE = 0, SCAN_DONE = 1, SCAN_END = 2, SCAN_NOMEM = 3 };

/* Scan one record at c->pos. Sets fields (raw), c->next, problems. */
static int scan(ck_csv *c)
{
    char *b = c->buf;
    size_t i = c->pos, end = c->end;
    c->nf = 0;
    c->nprobs = 0;
    if (!c->bom_checked) { /* a UTF-8 byte order mark before the header */
        if (end - i < 3 && !c->eof)
            return SCAN_MORE;
        if (end - i >= 3 && memcmp(b + i, "\xEF\xBB\xBF", 3) == 0)
            i += 3;
        c->bom_checked = 1;
    }
    for (;;) { /* blank lines are not records */
        if (i >= end) {
            c->pos = i;
            return c->eof ? SCAN_END : SCAN_MORE;
        }
        if (b[i] == '\n')
            i++;
        else if (b[i] == '\r')
            i++;
        else
            break;
    }
    c->pos = c->rec_start = i;
    for (;;) {
        fld *f = push_field(c);
        if (!f)
            return SCAN_NOMEM;
        f->off = i;
        if (i < end && b[i] == '"') {
            f->quoted = 1;
            size_t j = i + 1;
            for (;;) {
                const char *q = memchr(b + j, '"', end - j);
                if (!q) {
                    if (!c->eof)
                        return SCAN_MORE;
                    add_prob(c, P_UNTERMINATED, i);
                    f->messy = 1;
                    j = end;
                    break;
                }
                j = (size_t)(q - b);
                if (j + 1 >= end && !c->eof)
                    return SCAN_MORE;
                if (j + 1 < end && b[j + 1] == '"') {
                    f->messy = 1;
                    j += 2;
                    continue;
                }
                j++; /* past the closing quote */
                break;
            }
            i = j;
            if (i < end && b[i] != ',' && b[i] != '\n' && b[i] != '\r') {
                add_prob(c, P_AFTER_QUOTE, i);
                f->messy = 1;
                while (i < end && b[i] != ',' && b[i] != '\n' && b[i] != '\r')
                    i++;
                if (i >= end && !c->eof)
                    return SCAN_MORE;
            }
        } else {
            int bare = 0;
            while (i < end) {
                char ch = b[i];
                if (ch == ',' || ch == '\n' || ch == '\r')
                    break;
                if (ch == '"' && !bare++)
                    add_prob(c, P_BARE_QUOTE, i);
                i++;
            }
            if (i >= end && !c->eof)
                return SCAN_MORE;
        }
        f->len = i - f->off;
        if (i >= end) {
            c->next = end;
            return SCAN_DONE;
        }
        if (b[i] == ',') {
            i++;
            continue;
        }
        if (b[i] == '\n') {
            c->next = i + 1;
            return SCAN_DONE;
        }
        if (i + 1 >= end && !c->eof) /* CR: is an LF next? */
            return SCAN_MORE;
        c->next = (i + 1 < end && b[i + 1] == '\n') ? i + 2 : i + 1;
        return SCAN_DONE;
    }
}

/* Unescape a quoted raw field p[0..n) in place; returns the new length. */
static size_t unescape(char *p, size_t n)
{
    size_t r = 1, w = 0;
    while (r < n) {
        const char *q = memchr(p + r, '"', n - r);
        size_t run = q ? (size_t)(q - (p + r)) : n - r;
        memmove(p + w, p + r, run);
        w += run;
        r += run;
        if (!q)
            break;
        if (r + 1 < n && p[r + 1] == '"') {
            p[w++] = '"';
            r += 2;
        } else { /* closing quote: anything after it is literal */
            r++;
            memmove(p + w, p + r, n - r);
            w += n - r;
            break;
        }
    }
    return w;
}

static void finalize(ck_csv *c)
{
    char *b = c->buf;
    for (size_t k = 0; k < c->nf; k++) {
        fld *f = &c->f[k];
        size_t stop = f->off + f->len; /* delimiter position */
        if (!f->quoted) {
            if (stop < c->end && b[stop] == '\n')
                c->pending_hidden++;
            b[stop] = '\0';
            f->p = b + f->off;
        } else if (!f->messy) {
            b[stop - 1] = '\0'; /* the closing quote */
            f->p = b + f->off + 1;
            f->len -= 2;
        } else {
            size_t w = unescape(b + f->off, f->len);
            memset(b + f->off + w, 0, f->len - w);
            f->p = b + f->off;
            f->len = w;
        }
    }
}

static ck_status refill(ck_csv *c, ck_diag *d)
{
    if (c->eof || !c->st) {
        c->eof = 1;
        return CK_OK;
    }
    if (c->pos > 0) {
        c->lline += count_nl(c->buf + c->lpos, c->pos - c->lpos) + c->hidden;
        c->hidden = 0;
        memmove(c->buf, c->buf + c->pos, c->end - c->pos);
        c->end -= c->pos;
        c->pos = c->rec_start = c->lpos = 0;
    }
    if (c->end > c->cap / 2) { /* one record fills half the buffer: grow */
        if (c->cap >= MAX_RECORD) {
            ck_diag_add(d, CK_SEV_ERROR, c->name, line_at(c, 0), 0, (size_t)-1,
                        "record %zu is larger than 1 GiB (a quote left open?)",
                        c->record + 1);
            return CK_ERR_PARSE;
        }
        char *nb = realloc(c->buf, c->cap * 2);
        if (!nb)
            return CK_ERR_NOMEM;
        c->buf = nb;
        c->cap *= 2;
    }
    /* at least one read (at least half the buffer is free), then fill to
     * three quarters: every refill rescans the unfinished record */
    do {
        ssize_t k = ck_stream_read(c->st, c->buf + c->end, c->cap - 1 - c->end, d);
        if (k < 0)
            return CK_ERR_IO;
        if (k == 0) {
            c->eof = 1;
            break;
        }
        c->end += (size_t)k;
    } while (c->end < c->cap / 4 * 3);
    return CK_OK;
}

static const char *prob_text(prob_kind k)
{
    switch (k) {
    case P_UNTERMINATED:
        return "quoted field is never closed (it runs to the end of the file)";
    case P_AFTER_QUOTE:
        return "unexpected character after a closing quote (expected ',' or end of line; "
               "a quote inside a quoted field must be doubled)";
    default:
        return "quote character inside an unquoted field (quote the whole field and "
               "double the quote)";
    }
}

ck_status ck_csv_next(ck_csv *c, size_t *nf, ck_diag *d)
{
    *nf = 0;
    c->hidden += c->pending_hidden;
    c->pending_hidden = 0;
    c->pos = c->next;
    c->nf = 0;
    for (;;) {
        int r = scan(c);
        if (r == SCAN_DONE)
            break;
        if (r == SCAN_END) {
            c->nf = 0;
            c->next = c->pos;
            return CK_OK;
        }
        if (r == SCAN_NOMEM)
            return CK_ERR_NOMEM;
        ck_status rc = refill(c, d);
        if (rc) {
            c->nf = 0;
            return rc;
        }
    }
    c->record++;
    c->damaged = c->nprobs > 0;
    ck_status rc = CK_OK;
    for (size_t k = 0; k < c->nprobs; k++) {
        const prob *p = &c->probs[k];
        size_t col = column_at(c, p->off);
        rc = ck_diag_add(d, CK_SEV_ERROR, c->name, line_at(c, p->off), col, (size_t)-1,
                         "record %zu, field %zu: %s", c->record, p->field + 1,
                         prob_text(p->kind));
        if (rc)
            break;
    }
    finalize(c);
    if (rc) {
        c->nf = 0;
        return rc;
    }
    *nf = c->nf;
    return CK_OK;
}

/* ---- writing ---- */

void ck_csv_put(ck_buf *b, const char *s, size_t n, int quote)
{
    if (!s)
        return;
    if (!quote) {
        quote = n == 0;
        for (size_t i = 0; i < n && !quote; i++)
            quote = s[i] == ',' || s[i] == '"' || s[i] == '\n' || s[i] == '\r';
    }
    if (!quote) {
        ck_buf_add(b, s, n);
        return;
    }
    ck_buf_addc(b, '"');
    const char *p = s, *end = s + n;
    while (p < end) {
        const char *q = memchr(p, '"', (size_t)(end - p));
        if (!q) {
            ck_buf_add(b, p, (size_t)(end - p));
            break;
        }
        ck_buf_add(b, p, (size_t)(q - p) + 1);
        ck_buf_addc(b, '"');
        p = q + 1;
    }
    ck_buf_addc(b, '"');
}
