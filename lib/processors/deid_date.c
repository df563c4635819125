/*
 * deid_date.c — shift a written date by a number of days and write it in
 * the same form: "03/14/2019" stays MM/DD/YYYY, "March 3rd, 2019" stays
 * "Month Dth, YYYY", "14-Mar-19", "2019-03-14", "3/14", "March 2019",
 * "2019", "Tuesday". The original string is the template: its separators
 * and words stay, only the numbers and month/day names change, with the
 * same padding, case and abbreviation.
 */
#include <stdio.h>
#include <string.h>

#include "processors/deid_int.h"

static const char *const months[] = {"january", "february", "march", "april", "may", "june",
                                     "july", "august", "september", "october", "november",
                                     "december"};
static const char *const wdays[] = {"monday", "tuesday", "wednesday", "thursday", "friday",
                                    "saturday", "sunday"};

/* Days since 1970-01-01 of a proleptic Gregorian date, and back. */
static long days_from_civil(long y, int m, int d)
{
    y -= m <= 2;
    long era = (y >= 0 ? y : y - 399) / 400;
    long yoe = y - era * 400;
    long doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

static void civil_from_days(long z, long *y, int *m, int *d)
{
    z += 719468;
    long era = (z >= 0 ? z : z - 146096) / 146097;
    long doe = z - era * 146097;
    long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    long mp = (5 * doy + 2) / 153;
    *d = (int)(doy - (153 * mp + 2) / 5 + 1);
    *m = (int)(mp < 10 ? mp + 3 : mp - 9);
    *y = yoe + era * 400 + (*m <= 2);
}

static int days_in_month(long y, int m)
{
    static const int dm[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (m == 2 && ((y % 4 == 0 && y % 100) || y % 400 == 0))
        return 29;
    return dm[m - 1];
}

typedef struct comp {
    size_t s, e;  /* bytes in the original */
    int kind;     /* 'n' number, 'm' month name, 'w' weekday name */
    long value;
    int suffix;   /* number followed by st/nd/rd/th: length 2 */
} comp;

static int lower(int c) { return c >= 'A' && c <= 'Z' ? c + 32 : c; }

/* Match a (possibly abbreviated, >= 3 letters) name against list. */
static int name_index(const char *s, size_t n, const char *const *list, int count)
{
    if (n < 3)
        return -1;
    for (int i = 0; i < count; i++) {
        size_t l = strlen(list[i]), k = 0;
        if (n > l)
            continue;
        while (k < n && lower((unsigned char)s[k]) == list[i][k])
            k++;
        if (k == n)
            return i;
    }
    return -1;
}

static int parse(const char *s, size_t n, comp *c, int *nc)
{
    *nc = 0;
    for (size_t i = 0; i < n;) {
        unsigned char ch = (unsigned char)s[i];
        if (ch >= '0' && ch <= '9') {
            size_t st = i;
            long v = 0;
            while (i < n && s[i] >= '0' && s[i] <= '9' && i - st < 5)
                v = v * 10 + (s[i++] - '0');
            if (i < n && s[i] >= '0' && s[i] <= '9')
                return -1;
            int suf = 0;
            if (i + 1 < n + 1 && i + 2 <= n) {
                char a = (char)lower((unsigned char)s[i]), b = (char)lower((unsigned char)s[i + 1]);
                if ((a == 's' && b == 't') || (a == 'n' && b == 'd') || (a == 'r' && b == 'd') ||
                    (a == 't' && b == 'h'))
                    suf = 2;
            }
            if (*nc == 4)
                return -1;
            c[(*nc)++] = (comp){st, i, 'n', v, suf};
            i += (size_t)suf;
        } else if ((ch | 32) >= 'a' && (ch | 32) <= 'z') {
            size_t st = i;
            while (i < n && (((unsigned char)s[i] | 32) >= 'a' && ((unsigned char)s[i] | 32) <= 'z'))
                i++;
            int mi = name_index(s + st, i - st, months, 12);
            int wi = mi < 0 ? name_index(s + st, i - st, wdays, 7) : -1;
            if (i - st == 2 && lower((unsigned char)s[st]) == 'o' && lower((unsigned char)s[st + 1]) == 'f')
                continue; /* "3rd of March" */
            if (mi < 0 && wi < 0)
                return -1;
            if (*nc == 4)
                return -1;
            c[(*nc)++] = (comp){st, i, mi >= 0 ? 'm' : 'w', mi >= 0 ? mi + 1 : wi, 0};
        } else if (strchr("/-., '", ch))
            i++;
        else
            return -1;
    }
    return *nc ? 0 : -1;
}

/* Write a replacement component into out. */
static void put_num(char *buf, size_t size, const char *orig, size_t olen, long v, int suffix)
{
    int width = (int)olen;
    if (olen >= 2 && orig[0] == '0')
        snprintf(buf, size, "%0*ld", width, v);
    else if (olen == 2 && v < 100 && width == 2 && orig[0] != '0' && v >= 10)
        snprintf(buf, size, "%ld", v);
    else
        snprintf(buf, size, "%ld", v);
    if (suffix) {
        long t = v % 100, u = v % 10;
        const char *sf = (t >= 11 && t <= 13) ? "th" : u == 1 ? "st" : u == 2 ? "nd" : u == 3 ? "rd" : "th";
        int up = orig[olen] >= 'A' && orig[olen] <= 'Z';
        size_t l = strlen(buf);
        if (l + 3 <= size) {
            buf[l] = up ? (char)(sf[0] - 32) : sf[0];
            buf[l + 1] = up ? (char)(sf[1] - 32) : sf[1];
            buf[l + 2] = '\0';
        }
    }
}

/* A month or weekday name in the case and length of the original: full
 * names stay full, abbreviations become 3-letter abbreviations. */
static void put_name(char *buf, size_t size, const char *orig, size_t olen, int was_full,
                     const char *name)
{
    size_t l = was_full ? strlen(name) : 3;
    int all_up = olen > 1;
    for (size_t i = 0; i < olen && all_up; i++)
        all_up = orig[i] >= 'A' && orig[i] <= 'Z';
    int title = orig[0] >= 'A' && orig[0] <= 'Z';
    if (l + 1 > size)
        l = size - 1;
    for (size_t i = 0; i < l; i++) {
        char ch = name[i];
        if (all_up || (i == 0 && title))
            ch = (char)(ch - 32);
        buf[i] = ch;
    }
    buf[l] = '\0';
}

int deid_date_shift_text(const char *s, size_t n, int days, char *out, size_t out_size)
{
    comp c[4];
    int nc;
    if (parse(s, n, c, &nc))
        return -1;
    int iy = -1, im = -1, id = -1, iw = -1;
    int nnum = 0, nmon = 0;
    for (int i = 0; i < nc; i++) {
        if (c[i].kind == 'm')
            im = i, nmon++;
        else if (c[i].kind == 'w')
            iw = i;
        else
            nnum++;
    }
    if (nmon > 1)
        return -1;
    if (im >= 0) {
        for (int i = 0; i < nc; i++)
            if (c[i].kind == 'n') {
                size_t len = c[i].e - c[i].s;
                if ((len == 4 || (len == 2 && id >= 0 && !c[i].suffix)) && iy < 0 && i != id)
                    iy = i;
                else if (id < 0 && c[i].value >= 1 && c[i].value <= 31 && len <= 2)
                    id = i;
                else
                    return -1;
            }
    } else if (nnum == 3) {
        if (c[0].e - c[0].s == 4)
            iy = 0, im = 1, id = 2;
        else
            im = 0, id = 1, iy = 2;
    } else if (nnum == 2) {
        if (c[1].e - c[1].s == 4)
            im = 0, iy = 1;
        else
            im = 0, id = 1;
    } else if (nnum == 1 && c[0].e - c[0].s == 4 && iw < 0) {
        iy = 0;
    } else if (!(nnum == 0 && iw >= 0))
        return -1;

    long y = 2000;
    int m = 7, d = 2;
    int ylen = iy >= 0 ? (int)(c[iy].e - c[iy].s) : 0;
    if (iy >= 0) {
        y = c[iy].value;
        if (ylen == 2)
            y += y < 30 ? 2000 : 1900;
    }
    if (im >= 0) {
        m = (int)c[im].value;
        if (m < 1 || m > 12)
            return -1;
        d = 15;
    }
    if (id >= 0) {
        d = (int)c[id].value;
        if (d < 1 || d > days_in_month(y, m))
            return -1;
    }
    long ny = y;
    int nm = m, nd = d;
    civil_from_days(days_from_civil(y, m, d) + days, &ny, &nm, &nd);
    long nw = iw >= 0 ? ((c[iw].value + days) % 7 + 7) % 7 : 0;

    size_t o = 0, pos = 0;
    for (int i = 0; i < nc; i++) {
        size_t gap = c[i].s - pos;
        if (o + gap >= out_size)
            return -1;
        memcpy(out + o, s + pos, gap);
        o += gap;
        char buf[32];
        size_t ol = c[i].e - c[i].s;
        if (i == iy)
            put_num(buf, sizeof buf, s + c[i].s, ol, ylen == 2 ? ny % 100 : ny, 0);
        else if (i == id)
            put_num(buf, sizeof buf, s + c[i].s, ol, nd, c[i].suffix);
        else if (i == im && c[i].kind == 'm')
            put_name(buf, sizeof buf, s + c[i].s, ol, ol == strlen(months[m - 1]), months[nm - 1]);
        else if (i == im)
            put_num(buf, sizeof buf, s + c[i].s, ol, nm, 0);
        else if (i == iw)
            put_name(buf, sizeof buf, s + c[i].s, ol, ol == strlen(wdays[c[i].value]), wdays[nw]);
        else
            return -1;
        if (ylen == 2 && i == iy && ny % 100 < 10 && buf[1] == '\0') {
            buf[1] = buf[0];
            buf[0] = '0';
            buf[2] = '\0';
        }
        size_t bl = strlen(buf);
        if (o + bl >= out_size)
            return -1;
        memcpy(out + o, buf, bl);
        o += bl;
        pos = c[i].e + (size_t)c[i].suffix;
    }
    if (o + (n - pos) >= out_size)
        return -1;
    memcpy(out + o, s + pos, n - pos);
    o += n - pos;
    out[o] = '\0';
    return 0;
}
