/*
 * i2b2_xml_util.c — helpers shared by the i2b2/n2c2 XML formats around the
 * parser (i2b2_xml.c): attribute access, escaping and names for the
 * writers, the stored-text check of a span, document ids and output paths.
 */
#define _GNU_SOURCE /* memmem */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "clinkit/io.h"
#include "clinkit/text.h"
#include "formats/i2b2_xml.h"

const char *ck_xml_attr(const char **attrs, const char *key)
{
    for (size_t i = 0; attrs && attrs[i]; i += 2)
        if (strcmp(attrs[i], key) == 0)
            return attrs[i + 1];
    return NULL;
}

int ck_xml_size(const char *s, size_t *out)
{
    if (!s)
        return -1;
    while (*s == ' ')
        s++;
    if (*s < '0' || *s > '9')
        return -1;
    size_t v = 0;
    for (; *s >= '0' && *s <= '9'; s++) {
        if (v > ((size_t)-1) / 10 - 10)
            return -1;
        v = v * 10 + (size_t)(*s - '0');
    }
    while (*s == ' ')
        s++;
    if (*s)
        return -1;
    *out = v;
    return 0;
}

/* XML 1.0 has no way to write C0 controls other than TAB, LF, CR, nor
 * U+FFFE/U+FFFF: they become a space / U+FFFD (same length in code points,
 * so offsets hold; the reader's span check accepts them back). */
static int forbidden_ctl(unsigned char c)
{
    return c < 0x20 && c != '\t' && c != '\n' && c != '\r';
}

static int nonchar(const char *s, const char *e)
{
    return e - s >= 3 && (unsigned char)s[0] == 0xEF && (unsigned char)s[1] == 0xBF &&
           ((unsigned char)s[2] == 0xBE || (unsigned char)s[2] == 0xBF);
}

void ck_xml_esc_attr(ck_buf *b, const char *s)
{
    const char *run = s, *e = s + strlen(s);
    for (; *s; s++) {
        const char *rep = NULL;
        switch (*s) {
        case '&': rep = "&amp;"; break;
        case '<': rep = "&lt;"; break;
        case '>': rep = "&gt;"; break;
        case '"': rep = "&quot;"; break;
        case '\n': rep = "&#10;"; break;
        case '\r': rep = "&#13;"; break;
        case '\t': rep = "&#9;"; break;
        default:
            if (forbidden_ctl((unsigned char)*s))
                rep = " ";
            else if (nonchar(s, e))
                rep = "\xEF\xBF\xBD";
        }
        if (rep) {
            ck_buf_add(b, run, (size_t)(s - run));
            ck_buf_adds(b, rep);
            if (rep[0] == '\xEF')
                s += 2;
            run = s + 1;
        }
    }
    ck_buf_add(b, run, (size_t)(s - run));
}

void ck_xml_esc_text(ck_buf *b, const char *s, size_t n)
{
    const char *run = s, *e = s + n;
    for (; s < e; s++) {
        const char *rep = *s == '&' ? "&amp;" : *s == '<' ? "&lt;" : *s == '>' ? "&gt;" : NULL;
        if (!rep && forbidden_ctl((unsigned char)*s))
            rep = " ";
        else if (!rep && *s == '\xEF' && nonchar(s, e))
            rep = "\xEF\xBF\xBD";
        if (rep) {
            ck_buf_add(b, run, (size_t)(s - run));
            ck_buf_adds(b, rep);
            if (rep[0] == '\xEF')
                s += 2;
            run = s + 1;
        }
    }
    ck_buf_add(b, run, (size_t)(e - run));
}

static int name_char(unsigned char c, int first)
{
    if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_' || c == ':' || c >= 0x80)
        return 1;
    return !first && ((c >= '0' && c <= '9') || c == '-' || c == '.');
}

int ck_xml_name(ck_buf *b, const char *s)
{
    int changed = !s || !*s;
    if (changed) {
        ck_buf_addc(b, '_');
        return 1;
    }
    for (const char *p = s; *p; p++) {
        int ok = name_char((unsigned char)*p, p == s);
        changed |= !ok;
        ck_buf_addc(b, ok ? *p : '_');
    }
    return changed;
}

int ck_xml_attr_out(ck_buf *b, size_t mark, const char *key, const char *value)
{
    size_t at = b->n;
    ck_buf_addc(b, ' ');
    int changed = ck_xml_name(b, key);
    ck_buf_adds(b, "=\"");
    if (b->failed)
        return 1;
    /* values are escaped, so ' key="' only occurs where an attribute starts */
    if (memmem(b->p + mark, at - mark, b->p + at, b->n - at)) {
        b->n = at;
        b->p[at] = '\0';
        return 1;
    }
    ck_xml_esc_attr(b, value ? value : "");
    ck_buf_addc(b, '"');
    return changed;
}

void ck_xml_cdata(ck_buf *b, const char *s, size_t n)
{
    ck_buf_adds(b, "<![CDATA[");
    const char *e = s + n, *q;
    while ((q = memmem(s, (size_t)(e - s), "]]>", 3))) {
        ck_buf_add(b, s, (size_t)(q - s) + 2);
        ck_buf_adds(b, "]]><![CDATA[");
        s = q + 2;
    }
    ck_buf_add(b, s, (size_t)(e - s));
    ck_buf_adds(b, "]]>");
}

/* a (document text) equals b (a stored text attribute) except where the
 * way to XML changed a character: a line break or tab normalised to a
 * space by the parser, a character XML cannot hold written as a space or
 * U+FFFD by ck_xml_esc_attr. */
static int equal_but_breaks(const char *a, size_t na, const char *b, size_t nb)
{
    if (na != nb)
        return 0;
    for (size_t i = 0; i < na; i++) {
        if (a[i] == b[i])
            continue;
        if (b[i] == ' ' && ((unsigned char)a[i] < 0x20))
            continue;
        if (i >= 2 && nonchar(a + i - 2, a + na) && (unsigned char)b[i] == 0xBD &&
            !memcmp(b + i - 2, "\xEF\xBF", 2))
            continue; /* U+FFFE/U+FFFF written as U+FFFD */
        return 0;
    }
    return 1;
}

void ck_xml_check_span(ck_doc *doc, ck_entity *e, int repair_on,
                       const char *file, ck_xml *x, size_t line, ck_diag *d)
{
    if (!doc->text || e->n_spans != 1 || !e->texts[0])
        return;
    const char *want = e->texts[0], *p;
    size_t nw = strlen(want), n;
    ck_span *sp = &e->spans[0];
    if (ck_doc_slice(doc, sp->start, sp->end, &p, &n) == 0) {
        if (n == nw && memcmp(p, want, n) == 0)
            return;
        if (equal_but_breaks(p, n, want, nw)) {
            e->texts[0] = ck_doc_strndup(doc, p, n);
            return;
        }
    }
    if (!repair_on || nw == 0 || sp->end < sp->start)
        return;
    /* look within 64 code points around the given span */
    size_t lo = sp->start > 64 ? sp->start - 64 : 0;
    size_t hi = sp->end + 64 < doc->text_cps ? sp->end + 64 : doc->text_cps;
    if (lo > doc->text_cps)
        return;
    size_t blo = ck_doc_cp2byte(doc, lo), bhi = ck_doc_cp2byte(doc, hi);
    size_t best = (size_t)-1, bestdist = (size_t)-1;
    const char *t = doc->text;
    for (const char *q = t + blo; q + nw <= t + bhi;) {
        const char *m = memmem(q, (size_t)(t + bhi - q), want, nw);
        if (!m)
            break;
        size_t cp = ck_doc_byte2cp(doc, (size_t)(m - t));
        if (cp != (size_t)-1) {
            size_t dist = cp > sp->start ? cp - sp->start : sp->start - cp;
            if (dist < bestdist) {
                bestdist = dist;
                best = cp;
            }
        }
        q = m + 1;
    }
    if (best == (size_t)-1)
        return;
    size_t ncp = ck_utf8_count(want, nw);
    ck_diag_add(d, CK_SEV_NOTE, file, x ? ck_xml_line(x) : line, 0, (size_t)-1,
                "%s: offsets %zu-%zu do not hold its text; moved to %zu-%zu where it stands",
                e->id ? e->id : "?", sp->start, sp->end, best, best + ncp);
    sp->start = best;
    sp->end = best + ncp;
}

char *ck_xml_doc_id(const char *name)
{
    size_t n = strlen(name);
    if (ck_has_suffix(name, ".xml") || ck_has_suffix(name, ".XML"))
        n -= 4;
    return strndup(name, n);
}

char *ck_xml_out_path(const char *root, const char *id, const char *suffix,
                      ck_diag *d)
{
    if (!id || !*id || id[0] == '/' || strstr(id, "..")) {
        ck_diag_add(d, CK_SEV_ERROR, root, 0, 0, (size_t)-1,
                    "document id unusable as a file name (empty, absolute or containing '..')");
        return NULL;
    }
    size_t n = strlen(root) + strlen(id) + strlen(suffix) + 2;
    char *path = malloc(n);
    if (!path)
        return NULL;
    snprintf(path, n, "%s/%s%s", root, id, suffix);
    char *slash = strrchr(path, '/');
    if (slash && slash > path + strlen(root)) {
        *slash = '\0';
        ck_status rc = ck_mkdirs(path, d);
        *slash = '/';
        if (rc) {
            free(path);
            return NULL;
        }
    }
    return path;
}
