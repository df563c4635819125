/*
 * pipe_template.h — private: the disorder template lines of ShARe/CLEF
 * eHealth 2014 Task 2 (22 fields) and SemEval-2015 Task 14 (19 fields and
 * a trailing '|'): DOC|spans|CUI|value|cue|... per slot.
 */
#ifndef CK_PIPE_TEMPLATE_H
#define CK_PIPE_TEMPLATE_H

#include "formats/pipe_common.h"

/* 0 = ShARe/CLEF 2014 (10 slots, DocTime without cue), 1 = SemEval-2015
 * (8 slots). */
ck_status ck_template_line(int semeval, ck_doc *doc, char *line,
                           const char *file, size_t no, ck_diag *d);
/* Gold file contents for doc. */
ck_status ck_template_write(int semeval, const ck_doc *doc, ck_buf *b,
                            ck_diag *d);

#endif
