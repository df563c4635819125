/*
 * scoreutil.h — private helpers the scorers share: number formatting the
 * way the official scripts' languages print (Python's repr and format
 * specs, numpy's summation order), option flags, and listing the files of
 * a GOLD/SYSTEM folder.
 */
#ifndef CK_SCOREUTIL_H
#define CK_SCOREUTIL_H

#include <stddef.h>
#include <stdio.h>

#include "clinkit/eval.h"
#include "clinkit/io.h"

/* Python repr(float): shortest round-tripping digits, "1.0", "0.5",
 * "1e-05". buf needs 32 bytes. */
void sc_py_repr(char *buf, size_t size, double v);
/* Python format(v, '.N') with no type letter (Python 2 and 3): %.Ng, plus
 * ".0" when the result has neither '.' nor an exponent. */
void sc_py_fmt_g(char *buf, size_t size, double v, int prec);
/* Python round(v, nd) (correctly rounded, half-even on the exact value). */
double sc_py_round(double v, int nd);
/* numpy float64 sum (pairwise, 8-way unrolled blocks of 128), mean, and
 * population standard deviation, in numpy's exact operation order. */
double sc_np_sum(const double *x, size_t n);
double sc_np_mean(const double *x, size_t n);
double sc_np_std(const double *x, size_t n);
/* Python format(s, '^width') into buf (ASCII s). */
void sc_center(char *buf, size_t size, const char *s, size_t width);

/* Option helpers: flag set ("1", "true", "yes", or empty value). */
int sc_flag(ck_opts opts, const char *key);

/* A list of malloc'd strings. */
typedef struct sc_strv {
    char **v;
    size_t n, cap;
} sc_strv;
void sc_strv_push(sc_strv *s, const char *str);
void sc_strv_free(sc_strv *s);
void sc_strv_sort(sc_strv *s);
/* Index of str in the (sorted) list or (size_t)-1. */
size_t sc_strv_bsearch(const sc_strv *s, const char *str);

/* Relative names of the files of a folder (or archive) whose name ends
 * with suffix (NULL: all), sorted. A single file gives its own name. */
ck_status sc_list_files(const char *path, const char *suffix, sc_strv *out,
                        ck_diag *d);
/* Files by relative name under a root that is a folder, an archive
 * (.zip, .tar.gz, ...) or a single file (which answers every name). */
typedef struct sc_tree {
    ck_source *src;
} sc_tree;
ck_status sc_tree_open(sc_tree *t, const char *root, ck_diag *d);
/* A malloc'd, NUL-terminated copy of entry name. */
ck_status sc_tree_load(sc_tree *t, const char *name, char **data, size_t *len, ck_diag *d);
void sc_tree_close(sc_tree *t);
/* One-shot sc_tree_open + sc_tree_load + sc_tree_close. */
ck_status sc_load(const char *root, const char *name, char **data,
                  size_t *len, ck_diag *d);

/* JSON string literal to f. */
void sc_json_str(FILE *f, const char *s);
/* A JSON number (repr digits; null for NaN/inf). */
void sc_json_num(FILE *f, double v);



/* Python str.lower() (simple case mapping per code point, via utf8proc);
 * malloc'd. Invalid UTF-8 bytes are copied unchanged. */
char *sc_py_lower(const char *s);
/* Python str.strip() of ASCII whitespace, in place; returns s. */
char *sc_strip(char *s);
#endif
