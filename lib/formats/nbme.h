/*
 * nbme.h — private: the NBME reader over in-memory files, so tests and the
 * fuzz target can drive it without a folder. nbme.c reads the folder.
 */
#ifndef CK_FORMATS_NBME_H
#define CK_FORMATS_NBME_H

#include "clinkit/format.h"

typedef struct nbme_file {
    const char *name; /* for diagnostics */
    const char *data; /* NULL when the file is absent */
    size_t len;
} nbme_file;

typedef struct nbme_input {
    nbme_file notes, features, train, corrections;
    int fix_typos;
} nbme_input;

ck_status nbme_read_mem(const nbme_input *in, ck_doc_sink sink, void *user,
                        ck_diag *d);

/* Python list literal of strings ("['a', \"b'c\"]") -> items. Returns 0,
 * or -1 with *err = byte offset of the problem. Items are malloc'd. */
int nbme_parse_list(const char *s, size_t n, char ***items, size_t *n_items,
                    size_t *err);
void nbme_free_list(char **items, size_t n);

#endif
