/*
 * i2b2_2012.h — private: the pieces of the i2b2 2012 temporal-relation
 * evaluation (i2b2Evaluation.py, --tempeval mode, as its Python 3 port
 * behaves): reading the tag lines of an i2b2 2012 XML file
 * (i2b2_2012_parse.c), EVENT / TIMEX3 span and attribute scoring
 * (i2b2_2012_span.c) and TLINK scoring over a point-algebra time graph
 * (i2b2_2012_tlink.c). The registered scorer is i2b2_2012.c.
 */
#ifndef CK_I2B2_2012_H
#define CK_I2B2_2012_H

#include <stddef.h>

#include "clinkit/diag.h"

/* One EVENT or TIMEX3 tag: strings point into the file's (modified)
 * bytes. a1..a3 are the compared attributes in the official order:
 * EVENT modality, polarity, type; TIMEX3 type, val, mod. */
typedef struct t12_tag {
    const char *id, *text;
    const char *a[3];
    long start, end;
} t12_tag;

typedef struct t12_link {
    const char *from, *to, *type;
} t12_link;

typedef struct t12_file {
    char *data; /* owned: the file bytes, cut into strings */
    t12_tag *events, *timexes;
    size_t n_events, n_timexes;
    t12_link *links;
    size_t n_links;
} t12_file;

/* Parse one file's bytes (data is taken over, NUL-terminated). Tag
 * lines are read as the official script reads them: one tag per line,
 * attributes name="value" verbatim (no entity decoding). A tag line
 * without a required attribute or with non-numeric offsets is an error
 * at file:line (skipped in lenient mode). */
ck_status t12_parse(char *data, const char *file, t12_file *out, ck_diag *d);
void t12_file_free(t12_file *f);

/* Span match methods. */
typedef enum { T12_OVERLAP = 0, T12_EXACT = 1, T12_PARTIAL = 2 } t12_method;

/* The official overlap test, asymmetric: `a` is the tag being scored,
 * `b` the candidate. a starting at or before b needs one shared
 * character; a starting after b needs b to reach 2 characters past a's
 * start. */
int t12_overlap(const t12_tag *a, const t12_tag *b);
/* -exact / -partialCredit text comparison: whitespace tokens minus tokens
 * made only of ASCII punctuation, compared in order. */
int t12_same_text(const char *a, const char *b);
/* Credit of candidate b for tag a under a method: 0, 0.5 or 1. */
double t12_credit(const t12_tag *a, const t12_tag *b, t12_method m);
/* Index of the first tag of list (file order) with credit > 0 for a,
 * or (size_t)-1; *credit gets the credit. */
size_t t12_first_match(const t12_tag *a, const t12_tag *list, size_t n, t12_method m,
                       double *credit);
/* TIMEX3 val equality: equal strings; for DURATION / FREQUENCY values
 * (P[T]nU, RP[T]nU) the same length of time after unit conversion
 * (PT48H = P2D, P2W = P14D), or, when the gold mod is not NA, numbers
 * within 2 of each other in the same unit. */
int t12_val_equal(const char *gold_type, const char *gold_val, const char *gold_mod,
                  const char *sys_val);

/* Span scores of one tag kind in one file. */
typedef struct t12_span_score {
    size_t gold, sys;     /* tag counts */
    double rec_credit;    /* sum of credits of gold tags (recall side) */
    double prec_credit;   /* sum of credits of system tags (precision side) */
    size_t matched;       /* gold tags with a match */
    size_t attr_ok[3];    /* matched gold tags whose attribute i agrees */
} t12_span_score;

/* kind_timex selects the val comparison for attribute 1. */
void t12_score_spans(const t12_tag *gold, size_t ng, const t12_tag *sys, size_t ns,
                     t12_method m, int kind_timex, t12_span_score *out);

/* TLINK scores of one file. */
typedef struct t12_link_score {
    size_t gold, sys;       /* comparable TLINKs after reduction */
    size_t rec_ok, prec_ok; /* gold verified by system, system by gold */
} t12_link_score;

ck_status t12_score_links(const t12_file *g, const t12_file *s, t12_method m,
                          t12_link_score *out);

/* ---- the time graph (i2b2_2012_tlink.c), exposed for unit tests ---- */

typedef struct t12_graph t12_graph;
/* A graph over n intervals (each starts before it ends). */
t12_graph *t12_graph_new(size_t n);
void t12_graph_free(t12_graph *g);
/* Relation names (after OVERLAP -> SIMULTANEOUS): the point constraints
 * used to build the graph; BEFORE_SIMULTANEOUS (from BEFORE_OVERLAP)
 * builds as SIMULTANEOUS. Returns 1 added, 0 already entailed (redundant),
 * -1 contradicts the graph (not added), -2 type unknown (not added; the
 * intervals still count as present), -3 out of memory. */
int t12_graph_add(t12_graph *g, size_t x, size_t y, const char *rel);
/* Is "x rel y" entailed by the graph? Unknown types (and
 * BEFORE_SIMULTANEOUS) never are. */
int t12_graph_entails(t12_graph *g, size_t x, size_t y, const char *rel);
/* Has interval x appeared in an added relation? */
int t12_graph_has(const t12_graph *g, size_t x);

#endif
