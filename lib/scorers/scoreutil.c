/*
 * scoreutil.c — shared scorer helpers (see scoreutil.h). The number
 * formatting here is what lets `--format official` match the official
 * scripts byte for byte.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <utf8proc.h>

#include "scorers/scoreutil.h"

void sc_py_repr(char *buf, size_t size, double v)
{
    if (isnan(v)) {
        snprintf(buf, size, "nan");
        return;
    }
    if (isinf(v)) {
        snprintf(buf, size, v < 0 ? "-inf" : "inf");
        return;
    }
    char tmp[40];
    int prec = 1;
    for (; prec <= 17; prec++) {
        snprintf(tmp, sizeof tmp, "%.*e", prec - 1, v);
        if (strtod(tmp, NULL) == v)
            break;
    }
    /* decimal exponent of the shortest form decides the notation, like
     * Python's float_repr_style 'short': sci when exp < -4 or exp >= 16 */
    int exp10 = atoi(strchr(tmp, 'e') + 1);
    if (exp10 < -4 || exp10 >= 16) {
        /* Python: mantissa digits, 'e', sign, at least 2 exponent digits */
        char mant[40];
        size_t k = (size_t)(strchr(tmp, 'e') - tmp);
        memcpy(mant, tmp, k);
        mant[k] = '\0';
        snprintf(buf, size, "%se%c%02d", mant, exp10 < 0 ? '-' : '+', abs(exp10));
        return;
    }
    int decimals = prec - 1 - exp10;
    if (decimals < 1)
        decimals = 1;
    snprintf(buf, size, "%.*f", decimals, v);
}

void sc_py_fmt_g(char *buf, size_t size, double v, int prec)
{
    if (isnan(v)) {
        snprintf(buf, size, "nan");
        return;
    }
    snprintf(buf, size, "%.*g", prec, v);
    if (!strpbrk(buf, ".eni")) {
        size_t n = strlen(buf);
        if (n + 2 < size)
            memcpy(buf + n, ".0", 3);
    }
}

double sc_py_round(double v, int nd)
{
    if (!isfinite(v))
        return v;
    char tmp[64];
    snprintf(tmp, sizeof tmp, "%.*f", nd, v);
    return strtod(tmp, NULL);
}

static double pairwise(const double *a, size_t n)
{
    if (n < 8) {
        double res = 0.;
        for (size_t i = 0; i < n; i++)
            res += a[i];
        return res;
    } else if (n <= 128) {
        double r[8];
        size_t i;
        for (i = 0; i < 8; i++)
            r[i] = a[i];
        for (i = 8; i < n - (n % 8); i += 8)
            for (size_t k = 0; k < 8; k++)
                r[k] += a[i + k];
        double res = ((r[0] + r[1]) + (r[2] + r[3])) + ((r[4] + r[5]) + (r[6] + r[7]));
        for (; i < n; i++)
            res += a[i];
        return res;
    }
    size_t n2 = n / 2;
    n2 -= n2 % 8;
    return pairwise(a, n2) + pairwise(a + n2, n - n2);
}

double sc_np_sum(const double *x, size_t n) { return pairwise(x, n); }

double sc_np_mean(const double *x, size_t n)
{
    return n ? sc_np_sum(x, n) / (double)n : NAN;
}

double sc_np_std(const double *x, size_t n)
{
    if (!n)
        return NAN;
    double m = sc_np_mean(x, n);
    double *sq = malloc(n * sizeof *sq);
    if (!sq)
        return NAN;
    for (size_t i = 0; i < n; i++) {
        double dv = x[i] - m;
        sq[i] = dv * dv;
    }
    double s = sc_np_sum(sq, n) / (double)n;
    free(sq);
    return sqrt(s);
}

void sc_center(char *buf, size_t size, const char *s, size_t width)
{
    size_t n = strlen(s);
    size_t pad = n < width ? width - n : 0;
    /* format(s, '^N'): the odd space goes to the right */
    size_t left = pad / 2;
    snprintf(buf, size, "%*s%s%*s", (int)left, "", s, (int)(pad - left), "");
}

int sc_flag(ck_opts opts, const char *key)
{
    const char *v = ck_opt(opts, key);
    if (!v)
        return 0;
    return !*v || strcmp(v, "1") == 0 || strcmp(v, "true") == 0 || strcmp(v, "yes") == 0;
}

void sc_strv_push(sc_strv *s, const char *str)
{
    if (s->n == s->cap) {
        size_t cap = s->cap ? 2 * s->cap : 16;
        char **v = realloc(s->v, cap * sizeof *v);
        if (!v)
            return;
        s->v = v;
        s->cap = cap;
    }
    char *c = strdup(str);
    if (c)
        s->v[s->n++] = c;
}

void sc_strv_free(sc_strv *s)
{
    for (size_t i = 0; i < s->n; i++)
        free(s->v[i]);
    free(s->v);
    memset(s, 0, sizeof *s);
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

void sc_strv_sort(sc_strv *s)
{
    if (s->n)
        qsort(s->v, s->n, sizeof *s->v, cmp_str);
}

size_t sc_strv_bsearch(const sc_strv *s, const char *str)
{
    if (!s->n)
        return (size_t)-1;
    char **hit = bsearch(&str, s->v, s->n, sizeof *s->v, cmp_str);
    return hit ? (size_t)(hit - s->v) : (size_t)-1;
}

ck_status sc_list_files(const char *path, const char *suffix, sc_strv *out,
                        ck_diag *d)
{
    ck_source *src = NULL;
    ck_status rc = ck_source_open(path, &src, d);
    if (rc)
        return rc;
    for (size_t i = 0; i < ck_source_count(src); i++) {
        const char *name = ck_source_name(src, i);
        if (!suffix || ck_has_suffix(name, suffix))
            sc_strv_push(out, name);
    }
    ck_source_free(src);
    sc_strv_sort(out);
    return CK_OK;
}

ck_status sc_tree_open(sc_tree *t, const char *root, ck_diag *d)
{
    t->src = NULL;
    return ck_source_open(root, &t->src, d);
}

ck_status sc_tree_load(sc_tree *t, const char *name, char **data, size_t *len, ck_diag *d)
{
    *data = NULL;
    *len = 0;
    size_t i = ck_source_is_file(t->src) ? 0 : ck_source_find(t->src, name);
    if (i == (size_t)-1) {
        ck_diag_add(d, CK_SEV_ERROR, ck_source_path(t->src), 0, 0, (size_t)-1,
                    "no entry '%s'", name);
        return CK_ERR_IO;
    }
    const char *p;
    size_t n;
    ck_status rc = ck_source_load(t->src, i, &p, &n, d);
    if (rc)
        return rc;
    *data = malloc(n + 1);
    if (!*data) {
        ck_source_release(t->src, i);
        return CK_ERR_NOMEM;
    }
    memcpy(*data, p, n);
    (*data)[n] = '\0';
    *len = n;
    ck_source_release(t->src, i);
    return CK_OK;
}

void sc_tree_close(sc_tree *t)
{
    ck_source_free(t->src);
    t->src = NULL;
}

ck_status sc_load(const char *root, const char *name, char **data,
                  size_t *len, ck_diag *d)
{
    sc_tree t;
    ck_status rc = sc_tree_open(&t, root, d);
    if (!rc)
        rc = sc_tree_load(&t, name, data, len, d);
    sc_tree_close(&t);
    return rc;
}

void sc_json_str(FILE *f, const char *s)
{
    fputc('"', f);
    for (; s && *s; s++) {
        unsigned char c = (unsigned char)*s;
        if (c == '"' || c == '\\')
            fprintf(f, "\\%c", c);
        else if (c == '\n')
            fputs("\\n", f);
        else if (c < 0x20)
            fprintf(f, "\\u%04x", c);
        else
            fputc(c, f);
    }
    fputc('"', f);
}

void sc_json_num(FILE *f, double v)
{
    if (!isfinite(v)) {
        fputs("null", f);
        return;
    }
    char b[40];
    sc_py_repr(b, sizeof b, v);
    fputs(b, f);
}

char *sc_py_lower(const char *s)
{
    size_t n = strlen(s);
    char *out = malloc(n * 4 + 1); /* lower-casing never needs more than 4 bytes per byte */
    if (!out)
        return NULL;
    size_t o = 0;
    const unsigned char *p = (const unsigned char *)s;
    while (*p) {
        utf8proc_int32_t cp;
        utf8proc_ssize_t k = utf8proc_iterate(p, -1, &cp);
        if (k <= 0) {
            out[o++] = (char)*p++;
            continue;
        }
        o += (size_t)utf8proc_encode_char(utf8proc_tolower(cp), (utf8proc_uint8_t *)out + o);
        p += k;
    }
    out[o] = '\0';
    return out;
}

char *sc_strip(char *s)
{
    char *b = s;
    while (*b == ' ' || *b == '\t' || *b == '\n' || *b == '\r' || *b == '\f' || *b == '\v')
        b++;
    size_t n = strlen(b);
    while (n && (b[n - 1] == ' ' || b[n - 1] == '\t' || b[n - 1] == '\n' || b[n - 1] == '\r' ||
                 b[n - 1] == '\f' || b[n - 1] == '\v'))
        n--;
    memmove(s, b, n);
    s[n] = '\0';
    return s;
}
