/*
 * mednlp_loose.h — private: a tolerant scanner for inline-tagged text that
 * is not well-formed XML (MedNLP-1/-2 copies: text and tags with no single
 * root, stray '&' or '<', the NII example's typo <cicd="R630">). It hands
 * the same events as expat to the mednlp reader, with the raw bytes of
 * each event.
 */
#ifndef CK_MEDNLP_LOOSE_H
#define CK_MEDNLP_LOOSE_H

#include <stddef.h>

typedef struct ck_loose_cb {
    /* raw bytes [off, off+len) of the event about to be reported */
    void (*pos)(void *u, size_t off, size_t len);
    void (*start)(void *u, const char *name, const char **atts);
    void (*end)(void *u, const char *name);
    void (*text)(void *u, const char *s, int len);
    void (*other)(void *u, const char *s, int len);
    int (*stopped)(void *u);
} ck_loose_cb;

/* Scan data[0..len). Returns 0, or -1 with *line (1-based) and *msg set;
 * -2 when out of memory. */
int ck_loose_parse(const char *data, size_t len, const ck_loose_cb *cb, void *u,
                   size_t *line, const char **msg);

#endif
