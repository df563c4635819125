/*
 * clinkit/clinkit.h — umbrella header for libclinkit, a toolkit for the
 * public clinical NLP corpora: one document model with exact code-point
 * offsets, readers and writers for each corpus's native format, the
 * official scorers, and fast processors.
 */
#ifndef CLINKIT_H
#define CLINKIT_H

#define CLINKIT_VERSION "0.1.0"

#include "diag.h"
#include "doc.h"
#include "io.h"
#include "format.h"
#include "catalog.h"
#include "corpus.h"
#include "eval.h"
#include "site.h"
#include "text.h"

/* The library version string (may differ from the header's at run time). */
const char *ck_version(void);

#endif
