/*
 * linetok.h — private: i2b2 "line:token" positions <-> code-point offsets.
 *
 * The i2b2 2009/2010/2011 annotations locate text as L:T (line 1-based,
 * token 0-based, end token inclusive) over the document text split on '\n'
 * and, within a line, on whitespace. This is the one place that mapping
 * lives; readers turn L:T into spans, writers turn spans back into L:T so a
 * document from BRAT or JSONL can be written as i2b2.
 *
 * Two token conventions exist: SPLIT (Python str.split(): whitespace runs
 * collapse, leading whitespace skipped — BigBIO, and what the 2010 gold
 * re-aligns with) and EVERY (every whitespace character separates, so runs
 * and a leading space give empty tokens — the 2011 converter's re.split).
 */
#ifndef CK_LINETOK_H
#define CK_LINETOK_H

#include <stddef.h>

#include "clinkit/doc.h"
#include "core/buf.h"

enum { CK_LINETOK_SPLIT = 0, CK_LINETOK_EVERY = 1 };

typedef struct ck_linetok ck_linetok;

/* Index doc's text (NULL if no text or out of memory). */
ck_linetok *ck_linetok_new(const ck_doc *doc, int mode);
void ck_linetok_free(ck_linetok *lt);
size_t ck_linetok_lines(const ck_linetok *lt);
/* Number of tokens on line (1-based); 0 when the line does not exist. */
size_t ck_linetok_tokens(const ck_linetok *lt, size_t line);
/* Code-point span of one token; -1 if line or token is out of range. */
int ck_linetok_token(const ck_linetok *lt, size_t line, size_t tok,
                     ck_span *out);
/* [l1:t1 .. l2:t2] (end token inclusive) -> span; -1 if out of range or
 * the end precedes the start. */
int ck_linetok_span(const ck_linetok *lt, size_t l1, size_t t1, size_t l2,
                    size_t t2, ck_span *out);
/* Span -> the tokens it covers (first token ending after start, last token
 * starting before end). Returns 0 when the span's ends fall exactly on
 * token edges, 1 when they do not (the tokens are the covering ones), -1
 * when the span covers no token. */
int ck_linetok_locate(const ck_linetok *lt, size_t start, size_t end,
                      size_t *l1, size_t *t1, size_t *l2, size_t *t2);

/* Append the text of [start,end) lower-cased (Unicode), with every line
 * break, tab or carriage return written as one space: the form i2b2 stores
 * in c="..." values. Returns -1 if the span is out of range. */
int ck_linetok_lower(const ck_doc *doc, size_t start, size_t end, ck_buf *b);

#endif
