/*
 * csvmini.c — minimal in-place CSV record splitter (see csvmini.h).
 */
#include "scorers/csvmini.h"

int csv_next(char **pp, size_t *line, csv_rec *rec)
{
    char *p = *pp;
    if (!*p)
        return 0;
    rec->n = 0;
    rec->line = *line;
    for (;;) {
        char *out = p, *start = p;
        if (*p == '"') {
            p++;
            for (;;) {
                if (!*p)
                    return -1;
                if (*p == '"') {
                    if (p[1] == '"') {
                        *out++ = '"';
                        p += 2;
                        continue;
                    }
                    p++;
                    break;
                }
                if (*p == '\n')
                    (*line)++;
                *out++ = *p++;
            }
            /* text after the closing quote up to the separator is kept */
            while (*p && *p != ',' && *p != '\n' && *p != '\r')
                *out++ = *p++;
        } else {
            while (*p && *p != ',' && *p != '\n' && !(*p == '\r' && p[1] == '\n'))
                p++;
            out = p;
        }
        char sep = *p;
        if (sep == '\r')
            p++, sep = *p;
        if (rec->n < CSV_MAX_FIELDS)
            rec->f[rec->n++] = start;
        *out = '\0';
        if (sep == ',') {
            p++;
            continue;
        }
        if (sep == '\n') {
            p++;
            (*line)++;
        }
        break;
    }
    *pp = p;
    return 1;
}
