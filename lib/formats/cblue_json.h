/*
 * cblue_json.h — private: what every CBLUE task reader/writer shares.
 *
 * Reading: pick the task's files in a folder/archive (or take the single
 * file given), split each file into records — a JSON array, JSON Lines, or
 * a JSON object keyed by record id (IMCS-V2) — keeping the line each record
 * starts on, and hand every record to the task's builder. One record = one
 * document, id "<file path without extension>/<index or key>", meta "file"
 * = the file's relative path (so the writer puts it back in place).
 *
 * Record keys the task does not know are kept as document metadata (a
 * string under its own key, anything else as "json:<key>" = compact JSON);
 * when the record's keys differ from the task's canonical order (or some
 * are missing, as in test files) meta "key_order" lists them, so writers
 * reproduce the record.
 *
 * Writing: records go back into their file, formatted as the CBLUE
 * baselines write them: Python json.dumps(indent=2, ensure_ascii=False)
 * for arrays/objects, json.dumps(ensure_ascii=False) per line for JSONL.
 */
#ifndef CK_CBLUE_JSON_H
#define CK_CBLUE_JSON_H

#include <jansson.h>

#include "clinkit/format.h"
#include "core/buf.h"

typedef enum cb_layout {
    CB_ARRAY,  /* a JSON array of records (JSON Lines also accepted) */
    CB_LINES,  /* JSON Lines (a JSON array also accepted) */
    CB_OBJECT  /* a JSON object: record id -> record */
} cb_layout;

/* One record being read. */
typedef struct cb_rec {
    const char *file;  /* display name for diagnostics */
    const char *rel;   /* relative file name, stored as meta "file" */
    size_t line;       /* 1-based line where the record starts */
    size_t index;      /* 0-based record index in its file */
    const char *key;   /* CB_OBJECT: the record's key; else NULL */
    json_t *value;
    ck_diag *d;
} cb_rec;

/* Build the document for one record (*out = NULL: nothing to emit). A
 * record error is reported with cb_err; the reader drops the document. */
typedef ck_status (*cb_build_fn)(const cb_rec *r, ck_doc **out);

typedef struct cb_task {
    const char *name;            /* "CMeEE": file name prefix of the task */
    cb_layout layout;
    cb_build_fn build;
    const char *const *canon;    /* canonical record keys, NULL-terminated */
    const char *const *reserved; /* meta keys the task uses itself */
} cb_task;

/* Read path (folder, archive or single file) for task t. */
ck_status cb_read(const char *path, ck_opts opts, const cb_task *t,
                  ck_doc_sink sink, void *user, ck_diag *d);

/* Report a record error "record N: ..." at the record's file:line. */
ck_status cb_err(const cb_rec *r, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
ck_status cb_warn(const cb_rec *r, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* A new document for r: id and meta "file" set. */
ck_doc *cb_doc_new(const cb_rec *r);
/* Keep an unknown key: string -> meta key (unless reserved), else
 * "json:key" = compact JSON. Returns -1 on allocation failure. */
int cb_keep_extra(ck_doc *doc, const cb_task *t, const char *key, json_t *v);
/* The record's key order ("a,b,c", malloc'd; a ',' or '\' inside a key is
 * escaped with '\') when obj's keys are not the canonical ones in canonical
 * order (extras may follow); NULL otherwise. */
char *cb_key_order(const char *const *canon, json_t *obj);
/* The next key of such a list into out (unescaped, NUL-terminated); *p
 * moves past it (NULL after the last). Start with *p = the list, or NULL
 * for "" (no keys). Returns 0 at the end of the list. */
int cb_order_next(const char **p, ck_buf *out);
/* 1 if the list names key (or there is no list). */
int cb_order_has(const char *order, const char *key);
/* 1 if key is in the NULL-terminated list. */
int cb_in(const char *const *list, const char *key);

/* Keep an unknown key of a nested record (entity, triple, event...) as an
 * attr through add: a string under its own key (unless prefix is given or
 * the key is reserved), else prefix+key (default "json:") = compact JSON. */
typedef int (*cb_attr_fn)(ck_doc *, void *, const char *key, const char *value);
int cb_keep_attr(ck_doc *doc, void *target, cb_attr_fn add, const char *prefix,
                 const char *key, json_t *v);
/* Put attrs kept by cb_keep_attr (with the same prefix) back into obj,
 * except the keys in skip and "key_order". */
void cb_restore_attrs(json_t *obj, const ck_attr *a, size_t n, const char *prefix,
                      const char *const *skip);

/* Set the document text from a JSON string; -1 if not valid UTF-8. */
int cb_set_text(ck_doc *doc, json_t *s);
/* Entity for string s of type: located by first substring match in the
 * text (as the CBLUE baselines do), reusing an identical entity; when s
 * does not occur, an entity without spans carrying attr "text" = s. The
 * id ("T<n>") is returned (arena string) or NULL on allocation failure;
 * *found tells whether it was located. */
const char *cb_locate_entity(ck_doc *doc, const char *type, const char *s,
                             int *found);
/* The file's string of an entity made by cb_locate_entity. */
const char *cb_entity_string(const ck_doc *doc, const ck_entity *e);

/* ---- writing ---- */

/* Build the JSON record for doc (NULL: error already reported). */
typedef json_t *(*cb_record_fn)(const ck_doc *doc, ck_diag *d);

typedef struct cb_out cb_out;
typedef struct cb_writer {
    char *path;        /* output folder, or the single output file */
    int single;        /* 1: everything into path */
    const cb_task *task;
    cb_record_fn record;
    cb_out *outs;
    size_t n_outs;
} cb_writer;

ck_status cb_writer_open(const char *path, ck_opts opts, const cb_task *t,
                         cb_record_fn record, void **state, ck_diag *d);
ck_status cb_writer_write(void *state, const ck_doc *doc, ck_diag *d);
ck_status cb_writer_close(void *state, ck_diag *d);

/* A JSON task's format: the registry entry ck_fmt_cblue_<sym>, reading
 * with cb_read and writing records with record() through cb_writer_*. */
#define CB_JSON_FORMAT(sym, task, record, fid, summ, lay)                                  \
    static ck_status sym##_read(const char *path, ck_opts opts, ck_doc_sink sink,          \
                                void *user, ck_diag *d)                                    \
    {                                                                                      \
        return cb_read(path, opts, &(task), sink, user, d);                                \
    }                                                                                      \
    static ck_status sym##_open(const char *path, ck_opts opts, void **state, ck_diag *d)  \
    {                                                                                      \
        return cb_writer_open(path, opts, &(task), record, state, d);                      \
    }                                                                                      \
    const ck_format ck_fmt_cblue_##sym = {                                                 \
        .id = fid,                                                                         \
        .summary = summ,                                                                   \
        .layout = lay,                                                                     \
        .flags = CK_FMT_DIR | CK_FMT_STREAM,                                               \
        .read = sym##_read,                                                                \
        .writer_open = sym##_open,                                                         \
        .writer_write = cb_writer_write,                                                   \
        .writer_close = cb_writer_close,                                                   \
    }

/* Add doc's kept extras (see cb_keep_extra) to obj, then put obj's keys in
 * meta "key_order" order when present (keys not listed follow, but only if
 * not empty). Returns the object to emit (obj itself or a new one). */
json_t *cb_finish_record(const ck_doc *doc, const cb_task *t, json_t *obj);
/* The same for a nested object whose extras/order live in attrs. */
json_t *cb_reorder(json_t *obj, const char *key_order);

/* Python json.dumps style: indent < 0 -> one line with ", " and ": ". */
void cb_dump(ck_buf *b, json_t *v, int indent, int level);

/* Small JSON builders that tolerate NULL. */
json_t *cb_str(const char *s);

#endif
