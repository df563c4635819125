/*
 * clinkit/eval.h — the scorers: each shared task's official metric,
 * reproduced exactly. A scorer reads GOLD and SYSTEM (always in that
 * order, whatever the official script took) and prints its result in one
 * of three forms: the official script's own text byte for byte, a clean
 * table, or JSON.
 *
 * Adding a scorer is one file lib/scorers/NAME.c defining
 * `const ck_scorer ck_scorer_NAME` plus one line in lib/scorers/registry.c.
 * Options arrive as ck_opts ("key=value"); each scorer lists the keys it
 * accepts (ck_scorer.options) and rejects the others as usage errors.
 * Common keys: verbose=1 (per-document rows), fixed=1 (correct the
 * official script's documented bugs, see docs/eval.md).
 */
#ifndef CLINKIT_EVAL_H
#define CLINKIT_EVAL_H

#include <stdio.h>

#include "catalog.h"
#include "diag.h"
#include "format.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef enum ck_eval_format {
    CK_EVAL_TABLE = 0,    /* clinkit's own aligned table */
    CK_EVAL_OFFICIAL = 1, /* the official script's output, byte for byte */
    CK_EVAL_JSON = 2      /* one JSON object */
} ck_eval_format;

typedef struct ck_scorer {
    const char *id;         /* task id, e.g. "conll", "i2b2-2014-deid" */
    const char *summary;    /* one line: what it reproduces */
    const char *inputs;     /* what GOLD and SYSTEM must be */
    const char *const *options; /* accepted option keys, NULL-terminated */
    const char *options_help;   /* one line per option, for --help */
    int needs_gold_format;      /* GOLD is read with --gold-format (no default) */
    /* Score and print to out. Data problems go to d (the return is
     * CK_ERR_PARSE / CK_ERR_IO); bad options give CK_ERR_USAGE. */
    ck_status (*run)(const char *gold, const char *system, ck_opts opts,
                     FILE *out, ck_eval_format fmt, ck_diag *d);
} ck_scorer;

size_t ck_scorer_count(void);
const ck_scorer *ck_scorer_at(size_t i);
const ck_scorer *ck_scorer_find(const char *id);

/* The command line that scores a catalog data set ("clinkit eval TASK GOLD
 * SYSTEM", plus "--gold-format F" when its scorer reads GOLD through a
 * reader chosen by option) into buf. Returns 0, or -1 when the data set
 * has no registered scorer (buf is then empty). */
int ck_eval_command(const ck_dataset *ds, char *buf, size_t size);

/* Find the scorer for task, check opts against its list, run it. */
ck_status ck_eval(const char *task, const char *gold, const char *system,
                  ck_opts opts, FILE *out, ck_eval_format fmt, ck_diag *d);

#ifdef __cplusplus
}
#endif
#endif
