/*
 * i2b2_2009.c — the i2b2 2009 medication challenge: raw notes (file name =
 * numeric id, no extension) and entries files (<id>_gold.entries, <id>.m or
 * <id>.entries), one medication mention per line:
 *   m="..." L:T L:T||do="..." L:T L:T||mo=...||f=...||du=...||r=...||e=...||t=...||c=...||ln="list"
 * See docs/formats/i2b2-2009-medication.md.
 *
 * Model: each line -> entity "Medication" (id T<n>) plus, for each field
 * with positions, an entity (Dosage, Mode, Frequency, Duration, Reason, or
 * the key itself) linked by a relation R<n> of that type (Arg1 = the
 * medication, Arg2 = the field). Fields without positions and not "nm"
 * (e, t, c, ln; any other) are attributes of the medication, key = field
 * key. Document id = the note's file name; notes without entries are
 * documents without annotations.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "clinkit/format.h"
#include "clinkit/io.h"
#include "formats/i2b2line.h"

static const struct {
    const char *key, *type;
} FIELDS[] = {{"m", "Medication"}, {"do", "Dosage"}, {"mo", "Mode"},
              {"f", "Frequency"},  {"du", "Duration"}, {"r", "Reason"}};
enum { N_SPAN_FIELDS = 6 };
static const char *const ATTR_KEYS[] = {"e", "t", "c", "ln"};

static const char *type_of(const char *key)
{
    for (size_t i = 0; i < N_SPAN_FIELDS; i++)
        if (strcmp(FIELDS[i].key, key) == 0)
            return FIELDS[i].type;
    return key;
}

static const char *const ENTRY_SUFFIX[] = {"_gold.entries", ".entries", ".m", NULL};

static int is_note(const char *name)
{
    const char *base = strrchr(name, '/');
    base = base ? base + 1 : name;
    return *base && !strchr(base, '.');
}

typedef struct rd {
    i2b2_ctx c;
    size_t next_t, next_r;
} rd;

enum { MAXSEG = 16 };

static ck_status field_entity(rd *r, size_t no, const i2b2_field *f,
                              const char *type, char *id, size_t idsz, int *ok)
{
    i2b2_pos p[MAXSEG];
    ck_span sp[MAXSEG];
    int np = i2b2_offsets(f->offs, p, MAXSEG);
    *ok = 0;
    if (np <= 0)
        return ck_diag_error(r->c.d, r->c.file, no,
                             "%s: expected positions 'L:T L:T[,L:T L:T]' after the value",
                             f->key);
    ck_status rc = i2b2_resolve(&r->c, no, f->key, f->value, p, (size_t)np, sp, ok);
    if (rc || !*ok)
        return rc;
    snprintf(id, idsz, "T%zu", ++r->next_t);
    if (!i2b2_add_entity(&r->c, id, type, sp, (size_t)np, f->value))
        return CK_ERR_NOMEM;
    return CK_OK;
}

static ck_status parse_entry(rd *r, char *s, size_t no)
{
    i2b2_field *f;
    size_t bad = 0;
    int n = i2b2_fields(s, &f, &bad);
    if (n == -2)
        return CK_ERR_NOMEM;
    if (n < 0)
        return ck_diag_error(r->c.d, r->c.file, no,
                             "field %zu: expected key=\"value\" between '||'", bad);
    ck_status rc = CK_OK;
    int ok;
    char mid[32];
    if (n < 1 || strcmp(f[0].key, "m") != 0 || !*f[0].offs) {
        free(f);
        return ck_diag_error(r->c.d, r->c.file, no,
                             "expected the entry to start with m=\"medication\" L:T L:T");
    }
    size_t ents = r->c.doc->n_entities, rels = r->c.doc->n_relations,
           notes = r->c.doc->n_notes;
    rc = field_entity(r, no, &f[0], "Medication", mid, sizeof mid, &ok);
    for (int i = 1; rc == CK_OK && ok && i < n; i++) {
        if (*f[i].offs) {
            char fid[32], rid[32];
            rc = field_entity(r, no, &f[i], type_of(f[i].key), fid, sizeof fid, &ok);
            if (rc || !ok)
                break;
            snprintf(rid, sizeof rid, "R%zu", ++r->next_r);
            ck_relation *rel = ck_doc_add_relation(r->c.doc, rid, type_of(f[i].key));
            if (!rel || ck_relation_add_arg(r->c.doc, rel, "Arg1", mid) ||
                ck_relation_add_arg(r->c.doc, rel, "Arg2", fid))
                rc = CK_ERR_NOMEM;
        } else if (strcmp(f[i].value, "nm") != 0) {
            ck_entity *m = ck_doc_find_entity(r->c.doc, mid);
            if (ck_entity_add_attr(r->c.doc, m, NULL, f[i].key, f[i].value))
                rc = CK_ERR_NOMEM;
        }
    }
    if (rc == CK_OK && !ok) {
        /* lenient: drop the whole entry, not half of it */
        r->c.doc->n_entities = ents;
        r->c.doc->n_relations = rels;
        r->c.doc->n_notes = notes;
    }
    free(f);
    return rc;
}

static ck_status read_doc(ck_source *src, const char *id, size_t ti, size_t ei,
                          ck_doc_sink sink, void *user, ck_diag *d)
{
    ck_doc *doc = ck_doc_new(id);
    if (!doc)
        return CK_ERR_NOMEM;
    ck_status rc = i2b2_load_text(src, ti, doc, d);
    if (rc == CK_OK && ei != (size_t)-1) {
        rd r = {0};
        char *data, *file = strdup(ck_source_display(src, ei));
        size_t len, nl;
        i2b2_ctx_init(&r.c, doc, file, d, 1, "...");
        rc = file ? i2b2_load_copy(src, ei, &data, &len, d) : CK_ERR_NOMEM;
        if (rc == CK_OK) {
            i2b2_line *lines = i2b2_lines(data, len, &nl);
            if (!lines && nl)
                rc = CK_ERR_NOMEM;
            for (size_t i = 0; lines && i < nl && rc == CK_OK; i++)
                if (lines[i].s[strspn(lines[i].s, " \t")])
                    rc = parse_entry(&r, lines[i].s, lines[i].no);
            free(lines);
            free(data);
        }
        i2b2_ctx_done(&r.c);
        free(file);
    }
    if (rc == CK_OK)
        return sink(user, doc);
    ck_doc_free(doc);
    return rc;
}

typedef struct note {
    char *id;
    size_t text, entries;
} note;

static int by_id(const void *a, const void *b)
{
    return strcmp(((const note *)a)->id, ((const note *)b)->id);
}

static ck_status i2b2_2009_read(const char *path, ck_opts opts,
                                ck_doc_sink sink, void *user, ck_diag *d)
{
    if (ck_opts_check(opts, NULL, d))
        return CK_ERR_USAGE;
    ck_source *src;
    ck_status rc = ck_source_open(path, &src, d);
    if (rc)
        return rc;
    size_t cnt = ck_source_count(src), m = 0;
    note *v = calloc(cnt ? cnt : 1, sizeof *v);
    if (!v)
        rc = CK_ERR_NOMEM;
    for (size_t i = 0; rc == CK_OK && i < cnt; i++) {
        const char *name = ck_source_name(src, i);
        if (!is_note(name))
            continue;
        const char *base = strrchr(name, '/');
        if (!(v[m].id = strdup(base ? base + 1 : name)))
            rc = CK_ERR_NOMEM;
        v[m].text = i;
        v[m++].entries = (size_t)-1;
    }
    if (rc == CK_OK)
        qsort(v, m, sizeof *v, by_id);
    /* the same note in several folders (all notes / training subsets) */
    size_t u = 0;
    for (size_t i = 0; rc == CK_OK && i < m; i++) {
        if (u && strcmp(v[u - 1].id, v[i].id) == 0) {
            ck_diag_add(d, CK_SEV_NOTE, ck_source_display(src, v[i].text), 0, 0,
                        (size_t)-1, "note %s also found elsewhere; the first copy is read",
                        v[i].id);
            free(v[i].id);
            continue;
        }
        v[u++] = v[i];
    }
    m = rc == CK_OK ? u : m;
    for (size_t i = 0; rc == CK_OK && i < cnt; i++) {
        char *stem = i2b2_strip(ck_source_name(src, i), ENTRY_SUFFIX);
        if (!stem)
            continue;
        note k = {.id = stem};
        note *hit = bsearch(&k, v, m, sizeof *v, by_id);
        if (!hit)
            rc = ck_diag_error(d, ck_source_display(src, i), 0,
                               "no note file named %s for these entries", stem);
        else if (hit->entries != (size_t)-1)
            rc = ck_diag_add(d, CK_SEV_NOTE, ck_source_display(src, i), 0, 0,
                             (size_t)-1, "a second entries file for note %s; the first is read",
                             stem);
        else
            hit->entries = i;
        free(stem);
    }
    for (size_t i = 0; rc == CK_OK && i < m; i++)
        rc = read_doc(src, v[i].id, v[i].text, v[i].entries, sink, user, d);
    for (size_t i = 0; v && i < m; i++)
        free(v[i].id);
    free(v);
    ck_source_free(src);
    return rc;
}

/* writer */

typedef struct wr {
    char *root;
    ck_buf b;
    size_t dropped;
} wr;

static ck_status w_open(const char *path, ck_opts opts, void **state, ck_diag *d)
{
    return ck_folder_writer_open(path, opts, NULL, sizeof(wr), state, d);
}

static const ck_entity *field_of(const ck_doc *doc, const char *mid,
                                 const char *type, size_t *nrel)
{
    const ck_entity *hit = NULL;
    for (size_t i = 0; i < doc->n_relations; i++) {
        const ck_relation *r = &doc->relations[i];
        if (r->n_args == 2 && r->type && strcmp(r->type, type) == 0 &&
            strcmp(r->args[0].ref, mid) == 0) {
            ++*nrel;
            if (!hit)
                hit = ck_doc_find_entity(doc, r->args[1].ref);
        }
    }
    return hit;
}

static int write_field(const ck_linetok *lt, const ck_doc *doc,
                       const ck_entity *e, const char *key, ck_buf *b,
                       const char *file, ck_diag *d)
{
    ck_buf_addf(b, "%s=\"", key);
    i2b2_value(doc, e, "...", b);
    ck_buf_adds(b, "\" ");
    return i2b2_write_pos(lt, doc, e, b, file, d);
}

static int known_attr(const char *k)
{
    for (size_t i = 0; i < sizeof ATTR_KEYS / sizeof *ATTR_KEYS; i++)
        if (strcmp(ATTR_KEYS[i], k) == 0)
            return 1;
    for (size_t i = 1; i < N_SPAN_FIELDS; i++)
        if (strcmp(FIELDS[i].key, k) == 0)
            return 1;
    return 0;
}

static void write_entry(wr *w, const ck_linetok *lt, const ck_doc *doc,
                        const ck_entity *m, ck_diag *d)
{
    ck_buf *b = &w->b;
    size_t mark = b->n, nrel = 0;
    if (write_field(lt, doc, m, "m", b, doc->id, d))
        goto bad;
    for (size_t i = 1; i < N_SPAN_FIELDS; i++) {
        ck_buf_adds(b, "|| ");
        const ck_entity *f = m->id ? field_of(doc, m->id, FIELDS[i].type, &nrel) : NULL;
        const char *a = ck_attr_get(m->attrs, m->n_attrs, FIELDS[i].key);
        if (f) {
            if (write_field(lt, doc, f, FIELDS[i].key, b, doc->id, d))
                goto bad;
        } else {
            ck_buf_addf(b, "%s=\"%s\"", FIELDS[i].key, a ? a : "nm");
        }
    }
    for (size_t i = 0; i < sizeof ATTR_KEYS / sizeof *ATTR_KEYS; i++) {
        const char *a = ck_attr_get(m->attrs, m->n_attrs, ATTR_KEYS[i]);
        ck_buf_addf(b, "|| %s=\"%s\"", ATTR_KEYS[i], a ? a : "nm");
    }
    for (size_t i = 0; i < m->n_attrs; i++)
        if (!known_attr(m->attrs[i].key))
            ck_buf_addf(b, "|| %s=\"%s\"", m->attrs[i].key,
                        m->attrs[i].value ? m->attrs[i].value : "");
    ck_buf_adds(b, "\r\n");
    return;
bad:
    b->n = mark;
    w->dropped++;
}

static ck_status w_write(void *state, const ck_doc *doc, ck_diag *d)
{
    wr *w = state;
    if (!i2b2_safe_id(doc->id) || !doc->text)
        return ck_diag_add(d, CK_SEV_ERROR, w->root, 0, 0, (size_t)-1,
                           "document %s: %s", doc->id ? doc->id : "?",
                           doc->text ? "id unusable as a file name"
                                     : "no text: line:token positions need one")
                   ? CK_ERR_PARSE : CK_OK;
    ck_linetok *lt = ck_linetok_new(doc, CK_LINETOK_SPLIT);
    if (!lt)
        return CK_ERR_NOMEM;
    ck_buf_reset(&w->b);
    size_t meds = 0;
    for (size_t i = 0; i < doc->n_entities; i++)
        if (doc->entities[i].type && strcmp(doc->entities[i].type, "Medication") == 0) {
            meds++;
            write_entry(w, lt, doc, &doc->entities[i], d);
        }
    ck_linetok_free(lt);
    if (w->b.failed)
        return CK_ERR_NOMEM;
    ck_status rc = i2b2_put(w->root, "notes", doc->id, doc->text, doc->text_bytes, d);
    if (rc == CK_OK && meds) {
        size_t n = strlen(doc->id) + 16;
        char *name = malloc(n);
        if (!name)
            return CK_ERR_NOMEM;
        snprintf(name, n, "%s_gold.entries", doc->id);
        rc = i2b2_put(w->root, "entries", name, w->b.p, w->b.n, d);
        free(name);
    }
    return rc;
}

static ck_status w_close(void *state, ck_diag *d)
{
    wr *w = state;
    if (w->dropped)
        ck_diag_add(d, CK_SEV_WARNING, w->root, 0, 0, (size_t)-1,
                    "%zu medication entr(ies) could not be written (spans covering no token)",
                    w->dropped);
    ck_buf_free(&w->b);
    free(w->root);
    free(w);
    return CK_OK;
}

const ck_format ck_fmt_i2b2_2009_medication = {
    .id = "i2b2-2009-medication",
    .summary = "i2b2 2009 medication: notes (no extension) + <id>_gold.entries / <id>.m (line:token)",
    .layout = "a folder or .tar.gz/.zip holding the note files and the entries files (any sub-folders)",
    .flags = CK_FMT_DIR,
    .read = i2b2_2009_read,
    .writer_open = w_open,
    .writer_write = w_write,
    .writer_close = w_close,
};
