/*
 * mednlp_loose.c — the tolerant inline-tag scanner (mednlp_loose.h).
 *
 *   <name a="v" b='v' c=v>  start (also <name/>)     </name>  end
 *   <!-- -->, <? ?>, <! >   other markup              else     text
 *
 * Text and attribute values decode &amp; &lt; &gt; &quot; &apos; only; any
 * other '&' and a '<' that starts no tag are text. A tag name directly
 * followed by '=' is the typo of a missing blank: the longest known MedNLP
 * tag name that prefixes it is the tag, the rest the attribute
 * (<cicd="R630"> = <c icd="R630">). End tags must match the open tag.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "formats/mednlp_loose.h"

static const char *const known[] = {"timex3", "t-test", "t-key", "t-val", "m-key", "m-val",
                                    "cc", "a", "c", "d", "f", "h", "l", "p", "r", "t", "x",
                                    NULL};

static int name_char(int c)
{
    return isalnum(c) || c == '-' || c == '_' || c == '.' || c == ':';
}

/* decode the five predefined entities of s[0..n) into b */
static void decode(ck_buf *b, const char *s, size_t n)
{
    static const struct { const char *e; char c; } ents[] = {
        {"&amp;", '&'}, {"&lt;", '<'}, {"&gt;", '>'}, {"&quot;", '"'}, {"&apos;", '\''}};
    for (size_t i = 0; i < n;) {
        int done = 0;
        if (s[i] == '&')
            for (size_t k = 0; k < 5 && !done; k++) {
                size_t el = strlen(ents[k].e);
                if (i + el <= n && memcmp(s + i, ents[k].e, el) == 0) {
                    ck_buf_addc(b, ents[k].c);
                    i += el;
                    done = 1;
                }
            }
        if (!done)
            ck_buf_addc(b, s[i++]);
    }
}

typedef struct tag {
    char *names;  /* name\0k\0v\0k\0v\0 ... */
    const char **atts;
    size_t n_atts;
    int empty;    /* <x/> */
    size_t len;   /* bytes of the tag */
} tag;

static void tag_free(tag *t)
{
    free(t->names);
    free(t->atts);
    memset(t, 0, sizeof *t);
}

/* Parse a start tag at s (s[0] == '<'); 0 on success. */
static int parse_start(const char *s, const char *end, tag *t)
{
    memset(t, 0, sizeof *t);
    const char *p = s + 1;
    if (p >= end || !isalpha((unsigned char)*p))
        return -1;
    const char *ns = p;
    while (p < end && name_char((unsigned char)*p))
        p++;
    size_t nl = (size_t)(p - ns), split = 0;
    if (p < end && *p == '=') { /* <cicd="..."> */
        for (size_t k = 0; known[k] && !split; k++) {
            size_t kl = strlen(known[k]);
            if (kl < nl && strncmp(ns, known[k], kl) == 0)
                split = kl;
        }
        if (!split)
            return -1;
    }
    ck_buf b, v;
    ck_buf_init(&b);
    ck_buf_init(&v);
    size_t offs[128];
    size_t n = 0;
    ck_buf_add(&b, ns, split ? split : nl);
    ck_buf_addc(&b, '\0');
    if (split)
        p = ns + split;
    int ok = 0;
    for (;;) {
        int blank = 0;
        while (p < end && isspace((unsigned char)*p))
            p++, blank = 1;
        if (p >= end)
            break;
        if (*p == '>') {
            ok = 1;
            p++;
            break;
        }
        if (*p == '/' && p + 1 < end && p[1] == '>') {
            t->empty = 1;
            ok = 1;
            p += 2;
            break;
        }
        if (!blank && !(split && n == 0))
            break;
        const char *an = p;
        while (p < end && name_char((unsigned char)*p))
            p++;
        if (p == an || n + 2 > 126)
            break;
        offs[n++] = b.n;
        ck_buf_add(&b, an, (size_t)(p - an));
        ck_buf_addc(&b, '\0');
        while (p < end && isspace((unsigned char)*p))
            p++;
        if (p >= end || *p != '=')
            break;
        p++;
        while (p < end && isspace((unsigned char)*p))
            p++;
        const char *vs, *ve;
        if (p < end && (*p == '"' || *p == '\'')) {
            char q = *p++;
            vs = p;
            while (p < end && *p != q && *p != '<')
                p++;
            if (p >= end || *p != q)
                break;
            ve = p++;
        } else {
            vs = p;
            while (p < end && !isspace((unsigned char)*p) && *p != '>' && *p != '<' &&
                   !(*p == '/' && p + 1 < end && p[1] == '>'))
                p++;
            ve = p;
            if (ve == vs)
                break;
        }
        offs[n++] = b.n;
        ck_buf_reset(&v);
        decode(&v, vs, (size_t)(ve - vs));
        ck_buf_add(&b, v.p ? v.p : "", v.n);
        ck_buf_addc(&b, '\0');
    }
    ck_buf_free(&v);
    if (!ok || b.failed) {
        ck_buf_free(&b);
        return -1;
    }
    t->names = b.p; /* owned */
    t->atts = calloc(n + 1, sizeof *t->atts);
    if (!t->atts) {
        free(b.p);
        t->names = NULL;
        return -1;
    }
    for (size_t i = 0; i < n; i++)
        t->atts[i] = t->names + offs[i];
    t->n_atts = n / 2;
    t->len = (size_t)(p - s);
    return 0;
}

static size_t line_at(const char *data, size_t off)
{
    size_t l = 1;
    for (size_t i = 0; i < off; i++)
        l += data[i] == '\n';
    return l;
}

int ck_loose_parse(const char *data, size_t len, const ck_loose_cb *cb, void *u,
                   size_t *line, const char **msg)
{
    const char *end = data + len;
    char **stack = NULL;
    size_t *opened = NULL;
    size_t sp = 0, cap = 0;
    int rc = 0;
    ck_buf txt;
    ck_buf_init(&txt);
    for (const char *p = data; p < end && rc == 0 && !cb->stopped(u);) {
        size_t off = (size_t)(p - data);
        if (*p == '<' && p + 3 < end && !strncmp(p, "<!--", 4)) {
            const char *q = p + 4;
            while (q + 3 <= end && memcmp(q, "-->", 3))
                q++;
            if (q + 3 > end) {
                *line = line_at(data, off), *msg = "unclosed comment", rc = -1;
                break;
            }
            cb->pos(u, off, (size_t)(q + 3 - p));
            cb->other(u, p, (int)(q + 3 - p));
            p = q + 3;
        } else if (*p == '<' && p + 1 < end && (p[1] == '?' || p[1] == '!')) {
            const char *q = memchr(p, '>', (size_t)(end - p));
            if (!q) {
                *line = line_at(data, off), *msg = "unclosed markup", rc = -1;
                break;
            }
            cb->pos(u, off, (size_t)(q + 1 - p));
            cb->other(u, p, (int)(q + 1 - p));
            p = q + 1;
        } else if (*p == '<' && p + 1 < end && p[1] == '/') {
            const char *q = p + 2, *ns = q;
            while (q < end && name_char((unsigned char)*q))
                q++;
            size_t nl = (size_t)(q - ns);
            while (q < end && isspace((unsigned char)*q))
                q++;
            if (!nl || q >= end || *q != '>') {
                *line = line_at(data, off), *msg = "malformed end tag", rc = -1;
                break;
            }
            if (!sp || strlen(stack[sp - 1]) != nl || strncmp(stack[sp - 1], ns, nl)) {
                *line = line_at(data, off);
                *msg = sp ? "end tag does not match the open tag" : "end tag without start tag";
                rc = -1;
                break;
            }
            cb->pos(u, off, (size_t)(q + 1 - p));
            cb->end(u, stack[sp - 1]);
            free(stack[--sp]);
            p = q + 1;
        } else {
            tag t;
            if (*p == '<' && parse_start(p, end, &t) == 0) {
                cb->pos(u, off, t.len);
                cb->start(u, t.names, t.atts);
                if (t.empty) {
                    cb->pos(u, off + t.len, 0);
                    cb->end(u, t.names);
                } else {
                    if (sp == cap) {
                        cap = cap ? cap * 2 : 16;
                        char **ns = realloc(stack, cap * sizeof *ns);
                        size_t *no = realloc(opened, cap * sizeof *no);
                        if (ns)
                            stack = ns;
                        if (no)
                            opened = no;
                        if (!ns || !no) {
                            tag_free(&t);
                            rc = -2;
                            break;
                        }
                    }
                    opened[sp] = off;
                    stack[sp++] = strdup(t.names);
                    if (!stack[sp - 1])
                        rc = -2;
                }
                p += t.len;
                tag_free(&t);
                continue;
            }
            /* text up to the next '<' (a '<' starting no tag is text) */
            const char *q = p + 1;
            while (q < end && *q != '<')
                q++;
            ck_buf_reset(&txt);
            decode(&txt, p, (size_t)(q - p));
            if (txt.failed) {
                rc = -2;
                break;
            }
            cb->pos(u, off, (size_t)(q - p));
            cb->text(u, txt.p, (int)txt.n);
            p = q;
        }
    }
    if (rc == 0 && sp && !cb->stopped(u)) {
        *line = line_at(data, opened[sp - 1]);
        *msg = "tag never closed";
        rc = -1;
    }
    for (size_t i = 0; i < sp; i++)
        free(stack[i]);
    free(stack);
    free(opened);
    ck_buf_free(&txt);
    return rc;
}
