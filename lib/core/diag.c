/*
 * diag.c — the diagnostics collector (see clinkit/diag.h).
 *
 * Items are kept up to a limit so that a lenient read of a huge broken file
 * stays bounded in memory; counts are always exact.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "clinkit/diag.h"

struct ck_diag {
    int strict;
    int show_text;
    size_t limit;
    ck_diag_item *items;
    size_t n, cap;
    size_t counts[3];
    char quote[256];
};

ck_diag *ck_diag_new(int strict)
{
    ck_diag *d = calloc(1, sizeof *d);
    if (d) {
        d->strict = strict;
        d->limit = 10000;
    }
    return d;
}

void ck_diag_clear(ck_diag *d)
{
    if (!d)
        return;
    for (size_t i = 0; i < d->n; i++) {
        free((char *)d->items[i].file);
        free((char *)d->items[i].message);
    }
    d->n = 0;
    memset(d->counts, 0, sizeof d->counts);
}

void ck_diag_free(ck_diag *d)
{
    if (!d)
        return;
    ck_diag_clear(d);
    free(d->items);
    free(d);
}

int ck_diag_strict(const ck_diag *d) { return d ? d->strict : 1; }
void ck_diag_set_show_text(ck_diag *d, int on) { if (d) d->show_text = on; }
int ck_diag_show_text(const ck_diag *d) { return d ? d->show_text : 0; }
void ck_diag_set_limit(ck_diag *d, size_t max) { if (d) d->limit = max; }

static char *dupstr(const char *s)
{
    if (!s)
        return NULL;
    size_t n = strlen(s) + 1;
    char *p = malloc(n);
    if (p)
        memcpy(p, s, n);
    return p;
}

ck_status ck_diag_addv(ck_diag *d, ck_severity sev, const char *file,
                       size_t line, size_t column, size_t byte,
                       const char *fmt, va_list ap)
{
    ck_status rc = CK_OK;
    if (sev == CK_SEV_ERROR && ck_diag_strict(d))
        rc = CK_ERR_PARSE;
    if (!d)
        return rc;
    d->counts[sev]++;
    if (d->n >= d->limit)
        return rc;
    if (d->n == d->cap) {
        size_t cap = d->cap ? d->cap * 2 : 16;
        ck_diag_item *it = realloc(d->items, cap * sizeof *it);
        if (!it)
            return rc;
        d->items = it;
        d->cap = cap;
    }
    char msg[1024];
    vsnprintf(msg, sizeof msg, fmt, ap);
    ck_diag_item *it = &d->items[d->n++];
    it->severity = sev;
    it->file = dupstr(file);
    it->line = line;
    it->column = column;
    it->byte = byte;
    it->message = dupstr(msg);
    return rc;
}

ck_status ck_diag_add(ck_diag *d, ck_severity sev, const char *file,
                      size_t line, size_t column, size_t byte,
                      const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    ck_status rc = ck_diag_addv(d, sev, file, line, column, byte, fmt, ap);
    va_end(ap);
    return rc;
}

ck_status ck_diag_error(ck_diag *d, const char *file, size_t line,
                        const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    ck_status rc = ck_diag_addv(d, CK_SEV_ERROR, file, line, 0, (size_t)-1,
                                fmt, ap);
    va_end(ap);
    return rc;
}

ck_status ck_diag_warn(ck_diag *d, const char *file, size_t line,
                       const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    ck_status rc = ck_diag_addv(d, CK_SEV_WARNING, file, line, 0,
                                (size_t)-1, fmt, ap);
    va_end(ap);
    return rc;
}

const char *ck_diag_quote(ck_diag *d, const char *s, size_t nbytes)
{
    static char fallback[64];
    char *out = d ? d->quote : fallback;
    size_t cap = d ? sizeof d->quote : sizeof fallback;
    if (!s) {
        snprintf(out, cap, "<none>");
        return out;
    }
    size_t cps = 0;
    for (size_t i = 0; i < nbytes; i++)
        cps += ((unsigned char)s[i] & 0xC0) != 0x80;
    if (!d || !d->show_text) {
        snprintf(out, cap, "<%zu chars hidden>", cps);
        return out;
    }
    /* Copy up to 40 code points, escaping control characters. */
    size_t o = 0, seen = 0;
    out[o++] = '"';
    for (size_t i = 0; i < nbytes && o + 8 < cap; i++) {
        unsigned char c = (unsigned char)s[i];
        if ((c & 0xC0) != 0x80 && ++seen > 40) {
            memcpy(out + o, "...", 3);
            o += 3;
            break;
        }
        if (c < 0x20 || c == 0x7F)
            o += (size_t)snprintf(out + o, cap - o, "\\x%02x", c);
        else if (c == '"' || c == '\\') {
            out[o++] = '\\';
            out[o++] = (char)c;
        } else
            out[o++] = (char)c;
    }
    /* never end inside a multi-byte character */
    while (o > 1 && ((unsigned char)out[o - 1] & 0xC0) == 0x80) {
        size_t k = o - 1;
        while (k > 1 && ((unsigned char)out[k] & 0xC0) == 0x80)
            k--;
        unsigned char lead = (unsigned char)out[k];
        size_t need = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : 2;
        if (o - k >= need)
            break;
        o = k;
    }
    out[o++] = '"';
    out[o] = '\0';
    return out;
}

size_t ck_diag_count(const ck_diag *d, ck_severity sev)
{
    return d && sev <= CK_SEV_ERROR ? d->counts[sev] : 0;
}

size_t ck_diag_size(const ck_diag *d) { return d ? d->n : 0; }

const ck_diag_item *ck_diag_get(const ck_diag *d, size_t i)
{
    return d && i < d->n ? &d->items[i] : NULL;
}

void ck_diag_format(const ck_diag_item *it, char *buf, size_t size)
{
    static const char *sev[] = {"note", "warning", "error"};
    char where[512] = "";
    size_t o = 0;
    if (it->file)
        o += (size_t)snprintf(where, sizeof where, "%s", it->file);
    if (it->line && o < sizeof where)
        o += (size_t)snprintf(where + o, sizeof where - o, ":%zu", it->line);
    if (it->line && it->column && o < sizeof where)
        o += (size_t)snprintf(where + o, sizeof where - o, ":%zu",
                              it->column);
    if (!it->line && it->byte != (size_t)-1 && o < sizeof where)
        o += (size_t)snprintf(where + o, sizeof where - o, ": byte %zu",
                              it->byte);
    snprintf(buf, size, "%s%s%s: %s", where, o ? ": " : "",
             sev[it->severity], it->message ? it->message : "");
}

const char *ck_status_str(ck_status st)
{
    switch (st) {
    case CK_OK: return "ok";
    case CK_ERR_IO: return "i/o error";
    case CK_ERR_PARSE: return "malformed input";
    case CK_ERR_NOMEM: return "out of memory";
    case CK_ERR_USAGE: return "usage error";
    case CK_ERR_UNSUPPORTED: return "not supported";
    case CK_STOP: return "stopped";
    }
    return "unknown status";
}
