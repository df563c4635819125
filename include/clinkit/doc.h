/*
 * clinkit/doc.h — the document model every reader fills and every writer
 * and scorer consumes.
 *
 * A ck_doc holds a document's UTF-8 text (or none: some corpora ship
 * annotations without text), metadata, document-level labels, and its
 * annotations: entities (one or more fragments), relations, events,
 * coreference chains, passages (sections), normalizations, attributes and
 * free-text notes. The layout follows BigBIO's bigbio_kb schema, plus what
 * it lacks (attributes, labels, notes).
 *
 * Offsets are Unicode code points, end-exclusive — Python string indices.
 * Conversion to and from byte offsets happens only through ck_doc_cp2byte
 * and ck_doc_byte2cp (backed by a sampled index, O(1)+small scan).
 *
 * Memory: every string and array reachable from a ck_doc is owned by it and
 * freed by ck_doc_free. Struct fields are public for reading; build and
 * change a document with the ck_doc_* functions, which copy their string
 * arguments. Pointers into arrays are invalidated when the array grows.
 */
#ifndef CLINKIT_DOC_H
#define CLINKIT_DOC_H

#include <stddef.h>

#include "diag.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct ck_span {
    size_t start; /* code points, inclusive */
    size_t end;   /* code points, exclusive */
} ck_span;

/* key -> value pair: metadata, entity attributes. value may be NULL for a
 * binary (present/absent) attribute such as BRAT's "A1 Negated T1". id is the
 * annotation id the source gave the attribute (BRAT "A1"), or NULL. */
typedef struct ck_attr {
    const char *id;
    const char *key;
    const char *value;
} ck_attr;

/* A link to a knowledge base: db "UMLS", id "C0011849". text is the
 * optional name the source recorded; nid the source's annotation id. */
typedef struct ck_norm {
    const char *nid;
    const char *db;
    const char *id;
    const char *text;
} ck_norm;

/* A text-bound annotation (also used for passages). texts[i] is the text the
 * source stored for spans[i] (NULL when the source stored none). */
typedef struct ck_entity {
    const char *id;
    const char *type;
    ck_span *spans;
    const char **texts;
    size_t n_spans;
    ck_attr *attrs;
    size_t n_attrs;
    ck_norm *norms;
    size_t n_norms;
} ck_entity;

/* A role-named argument pointing to an annotation id. */
typedef struct ck_arg {
    const char *role;
    const char *ref;
} ck_arg;

typedef struct ck_relation {
    const char *id;
    const char *type;
    ck_arg *args; /* binary relations: 2 args, roles such as "Arg1", "Arg2" */
    size_t n_args;
    ck_attr *attrs;
    size_t n_attrs;
} ck_relation;

/* An event: a trigger (an entity id) and role-named arguments. */
typedef struct ck_event {
    const char *id;
    const char *type;
    const char *trigger;
    ck_arg *args;
    size_t n_args;
    ck_attr *attrs;
    size_t n_attrs;
} ck_event;

/* A coreference chain or equivalence set. id may be NULL (BRAT '*'). */
typedef struct ck_coref {
    const char *id;
    const char *type;
    const char **refs;
    size_t n_refs;
} ck_coref;

/* A document-level label: "SMOKING" = "CURRENT SMOKER"; attrs qualify it
 * (e.g. source = "intuitive"). */
typedef struct ck_label {
    const char *name;
    const char *value;
    ck_attr *attrs;
    size_t n_attrs;
} ck_label;

/* A free-text note on an annotation (BRAT "#1 AnnotatorNotes T1 ..."). */
typedef struct ck_note {
    const char *id;
    const char *type;
    const char *ref;
    const char *text;
} ck_note;

typedef struct ck_doc_index ck_doc_index;
typedef struct ck_arena ck_arena;

typedef struct ck_doc {
    const char *id;
    const char *text;     /* UTF-8, NUL-terminated; NULL when absent */
    size_t text_bytes;    /* length in bytes */
    size_t text_cps;      /* length in code points */
    ck_attr *meta;        /* metadata, in source order */
    size_t n_meta;
    ck_label *labels;
    size_t n_labels;
    ck_entity *entities;
    size_t n_entities;
    ck_entity *passages;
    size_t n_passages;
    ck_relation *relations;
    size_t n_relations;
    ck_event *events;
    size_t n_events;
    ck_coref *corefs;
    size_t n_corefs;
    ck_note *notes;
    size_t n_notes;
    /* private */
    ck_arena *arena;
    ck_doc_index *index;
} ck_doc;

ck_doc *ck_doc_new(const char *id);
void ck_doc_free(ck_doc *doc);

/* Copy a string into the document's arena (NULL stays NULL). */
const char *ck_doc_strdup(ck_doc *doc, const char *s);
const char *ck_doc_strndup(ck_doc *doc, const char *s, size_t n);

void ck_doc_set_id(ck_doc *doc, const char *id);
/* Set the text (copied). Returns -1 if it is not valid UTF-8 (the text is
 * then not set); *bad_byte receives the offset of the first bad byte. */
int ck_doc_set_text(ck_doc *doc, const char *text, size_t nbytes,
                    size_t *bad_byte);

/* Offset mapping. cp2byte: code point offset (0..text_cps) -> byte offset;
 * returns (size_t)-1 when out of range. byte2cp: byte offset that lies on a
 * character boundary (0..text_bytes) -> code point; (size_t)-1 otherwise. */
size_t ck_doc_cp2byte(const ck_doc *doc, size_t cp);
size_t ck_doc_byte2cp(const ck_doc *doc, size_t byte);
/* Text of [start,end) code points: pointer into doc->text and byte length.
 * Returns 0 on success, -1 if the span is out of range or no text. */
int ck_doc_slice(const ck_doc *doc, size_t start, size_t end,
                 const char **p, size_t *nbytes);

/* Builders. Each returns a pointer to the new element (valid until the next
 * addition of the same kind) or NULL on allocation failure. */
void ck_doc_add_meta(ck_doc *doc, const char *key, const char *value);
const char *ck_doc_meta(const ck_doc *doc, const char *key);
ck_label *ck_doc_add_label(ck_doc *doc, const char *name, const char *value);
ck_entity *ck_doc_add_entity(ck_doc *doc, const char *id, const char *type);
ck_entity *ck_doc_add_passage(ck_doc *doc, const char *id, const char *type);
ck_relation *ck_doc_add_relation(ck_doc *doc, const char *id, const char *type);
ck_event *ck_doc_add_event(ck_doc *doc, const char *id, const char *type,
                           const char *trigger);
ck_coref *ck_doc_add_coref(ck_doc *doc, const char *id, const char *type);
ck_note *ck_doc_add_note(ck_doc *doc, const char *id, const char *type,
                         const char *ref, const char *text);

/* Add a fragment; text may be NULL (then nothing stored for it). */
int ck_entity_add_span(ck_doc *doc, ck_entity *e, size_t start, size_t end,
                       const char *text);
int ck_entity_add_attr(ck_doc *doc, ck_entity *e, const char *id,
                       const char *key, const char *value);
int ck_entity_add_norm(ck_doc *doc, ck_entity *e, const char *nid,
                       const char *db, const char *id, const char *text);
int ck_relation_add_arg(ck_doc *doc, ck_relation *r, const char *role,
                        const char *ref);
int ck_relation_add_attr(ck_doc *doc, ck_relation *r, const char *id,
                         const char *key, const char *value);
int ck_event_add_arg(ck_doc *doc, ck_event *ev, const char *role,
                     const char *ref);
int ck_event_add_attr(ck_doc *doc, ck_event *ev, const char *id,
                      const char *key, const char *value);
int ck_coref_add_ref(ck_doc *doc, ck_coref *c, const char *ref);
int ck_label_add_attr(ck_doc *doc, ck_label *l, const char *key,
                      const char *value);

/* Lookups (linear; fine for documents of ordinary size). */
ck_entity *ck_doc_find_entity(const ck_doc *doc, const char *id);
const char *ck_attr_get(const ck_attr *attrs, size_t n, const char *key);

/* Deep equality of two documents (used by round-trip tests). On mismatch
 * writes a short description (no document text) into why. */
int ck_doc_equal(const ck_doc *a, const ck_doc *b, char *why, size_t why_size);

/* Check every entity/passage: spans inside the text, start <= end, and the
 * stored texts equal the document text at the offsets (a discontiguous
 * entity may store one text for all fragments, joined by single spaces, as
 * BRAT does). Each problem goes to d as a warning naming file and the
 * annotation id. Returns the number of problems. */
size_t ck_doc_check(const ck_doc *doc, const char *file, ck_diag *d);

/* A growable list of documents, for callers that want a corpus in memory. */
typedef struct ck_corpus {
    ck_doc **docs;
    size_t n_docs;
    size_t cap;
} ck_corpus;

void ck_corpus_init(ck_corpus *c);
int ck_corpus_add(ck_corpus *c, ck_doc *doc); /* takes ownership */
void ck_corpus_free(ck_corpus *c);            /* frees docs, not c itself */
/* ck_doc_sink that appends to a ck_corpus passed as user. */
ck_status ck_corpus_sink(void *user, ck_doc *doc);

#ifdef __cplusplus
}
#endif
#endif
