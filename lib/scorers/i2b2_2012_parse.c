/*
 * i2b2_2012_parse.c — reads an i2b2 2012 temporal XML file the way the
 * official evaluation does: line by line, a line whose first non-blank
 * text is "<EVENT", "<TIMEX3" or "<TLINK" is one tag, its attributes are
 * name="value" pairs taken verbatim (entities are not decoded: the
 * official script compares raw attribute text). Lines of other kinds
 * (TEXT, SECTIME, ...) are ignored, so files with a raw '&' still score,
 * as they do with the official script.
 */
#include <ctype.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "i2b2_2012.h"

typedef struct attr {
    const char *name, *value;
} attr;

#define MAX_ATTRS 32

/* Cut `name="value"` pairs out of a tag line (in place). Returns the
 * number of pairs, or -1 when the line is not attribute pairs followed
 * by "/>" or ">". */
static int split_attrs(char *p, attr *out)
{
    int n = 0;
    for (;;) {
        while (isspace((unsigned char)*p))
            p++;
        if (*p == '/' && p[1] == '>')
            p += 2;
        else if (*p == '>')
            p++;
        else {
            char *name = p;
            while (isalnum((unsigned char)*p) || *p == '_' || *p == '-' || *p == ':')
                p++;
            if (p == name || *p != '=' || p[1] != '"' || n == MAX_ATTRS)
                return -1;
            *p = '\0';
            char *value = p + 2;
            char *q = strchr(value, '"');
            if (!q)
                return -1;
            *q = '\0';
            out[n].name = name;
            out[n].value = value;
            n++;
            p = q + 1;
            continue;
        }
        while (isspace((unsigned char)*p))
            p++;
        return *p ? -1 : n;
    }
}

static const char *get(const attr *a, int n, const char *name)
{
    const char *v = NULL;
    for (int i = 0; i < n; i++)
        if (a[i].name[0] == name[0] && strcmp(a[i].name, name) == 0)
            v = a[i].value; /* the last one wins, as in a dict */
    return v;
}

static int parse_long(const char *s, long *out)
{
    char *end;
    errno = 0;
    while (isspace((unsigned char)*s))
        s++;
    long v = strtol(s, &end, 10);
    while (isspace((unsigned char)*end))
        end++;
    if (end == s || *end || errno)
        return -1;
    *out = v;
    return 0;
}

static int grow(void **v, size_t n, size_t *cap, size_t size)
{
    if (n < *cap)
        return 0;
    size_t c = *cap ? *cap * 2 : 32;
    void *p = realloc(*v, c * size);
    if (!p)
        return -1;
    *v = p;
    *cap = c;
    return 0;
}

static ck_status add_tag(t12_file *f, int timex, const attr *a, int n, const char *file,
                         size_t line, size_t *cap, ck_diag *d)
{
    static const char *const ev[] = {"modality", "polarity", "type"};
    static const char *const tx[] = {"type", "val", "mod"};
    const char *const *names = timex ? tx : ev;
    const char *kind = timex ? "TIMEX3" : "EVENT";
    t12_tag t;
    t.id = get(a, n, "id");
    t.text = get(a, n, "text");
    const char *s = get(a, n, "start"), *e = get(a, n, "end");
    if (!t.id || !t.text || !s || !e)
        return ck_diag_error(d, file, line, "%s tag without id, start, end and text", kind);
    for (int i = 0; i < 3; i++)
        if (!(t.a[i] = get(a, n, names[i])))
            return ck_diag_error(d, file, line, "%s tag without attribute '%s'", kind,
                                 names[i]);
    if (parse_long(s, &t.start) || parse_long(e, &t.end))
        return ck_diag_error(d, file, line, "%s tag: start and end must be integers", kind);
    t12_tag **v = timex ? &f->timexes : &f->events;
    size_t *nv = timex ? &f->n_timexes : &f->n_events;
    if (grow((void **)v, *nv, cap, sizeof **v))
        return CK_ERR_NOMEM;
    (*v)[(*nv)++] = t;
    return CK_OK;
}

ck_status t12_parse(char *data, const char *file, t12_file *f, ck_diag *d)
{
    memset(f, 0, sizeof *f);
    f->data = data;
    size_t cap_e = 0, cap_t = 0, cap_l = 0, line = 0;
    ck_status rc = CK_OK;
    for (char *p = data; rc == CK_OK && p && *p;) {
        char *nl = strchr(p, '\n');
        if (nl)
            *nl = '\0';
        line++;
        char *q = p;
        p = nl ? nl + 1 : NULL;
        while (isspace((unsigned char)*q))
            q++;
        int kind = strncmp(q, "<EVENT", 6) == 0 && isspace((unsigned char)q[6])    ? 0
                   : strncmp(q, "<TIMEX3", 7) == 0 && isspace((unsigned char)q[7]) ? 1
                   : strncmp(q, "<TLINK", 6) == 0 && isspace((unsigned char)q[6])  ? 2
                                                                                   : -1;
        if (kind < 0)
            continue;
        attr a[MAX_ATTRS];
        int n = split_attrs(q + (kind == 1 ? 7 : 6), a);
        if (n < 0) {
            rc = ck_diag_error(d, file, line,
                               "malformed tag line: expected name=\"value\" attributes and '/>'");
            continue;
        }
        if (kind < 2) {
            rc = add_tag(f, kind, a, n, file, line, kind ? &cap_t : &cap_e, d);
            continue;
        }
        t12_link l = {get(a, n, "fromID"), get(a, n, "toID"), get(a, n, "type")};
        if (!l.from || !l.to || !l.type) {
            rc = ck_diag_error(d, file, line, "TLINK tag without fromID, toID and type");
            continue;
        }
        if (grow((void **)&f->links, f->n_links, &cap_l, sizeof *f->links))
            rc = CK_ERR_NOMEM;
        else
            f->links[f->n_links++] = l;
    }
    if (rc)
        t12_file_free(f);
    return rc;
}

void t12_file_free(t12_file *f)
{
    free(f->data);
    free(f->events);
    free(f->timexes);
    free(f->links);
    memset(f, 0, sizeof *f);
}
