/*
 * i2b2_2011.c — the 2011 i2b2/VA coreference corpus (Task 1C): docs/X.txt
 * (or extension-less X) + concepts/X.txt.con (.con, .concept) +
 * chains/X.txt.chains (+ pairs/X.txt.pairs in training), in the
 * {Beth,Partners}_Train/ and test layouts. See docs/formats/i2b2-2011-coref.md.
 *
 * Model: each .con line -> entity T<n> (type = t: person, problem, test,
 * treatment, pronoun); each chain line -> coreference chain C<n> whose type
 * is t without its "coref " prefix and whose refs are the entities with the
 * mentions' spans (a mention missing from .con becomes an entity with attr
 * "i2b2_file" = "chains"); each pairs line -> relation R<n> of type t
 * without "coref " ("person"), args Antecedent / Anaphor.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "clinkit/format.h"
#include "clinkit/io.h"
#include "formats/i2b2line.h"

enum { K_CON, K_CHAINS, K_PAIRS };
static const char *const CON[] = {".con", ".concept", NULL};
static const char *const CHAINS[] = {".chains", NULL};
static const char *const PAIRS[] = {".pairs", NULL};
static const char *const *const KINDS[] = {CON, CHAINS, PAIRS};

static int is_text(const char *name)
{
    if (ck_has_suffix(name, ".txt"))
        return 1;
    const char *base = strrchr(name, '/');
    if (!base || strchr(base + 1, '.') || !base[1])
        return 0;
    /* extension-less documents live in a docs/ folder */
    return base - name >= 4 && strncmp(base - 4, "docs", 4) == 0 &&
           (base - name == 4 || base[-5] == '/');
}

typedef struct rd {
    i2b2_ctx c;
    size_t next_t, next_c, next_r;
} rd;

/* Mention at f -> entity id (found by span, or added). NULL id: skipped. */
static ck_status mention(rd *r, size_t no, const i2b2_field *f,
                         const char *type, const char *origin, char *id,
                         size_t idsz, int *ok)
{
    i2b2_pos p[8];
    ck_span sp[8];
    int np = i2b2_offsets(f->offs, p, 8);
    *ok = 0;
    if (strcmp(f->key, "c") != 0 || np <= 0)
        return ck_diag_error(r->c.d, r->c.file, no,
                             "expected c=\"text\" L:T L:T (line:token positions)");
    ck_status rc = i2b2_resolve(&r->c, no, "c", f->value, p, (size_t)np, sp, ok);
    if (rc || !*ok)
        return rc;
    ck_entity *e = origin ? i2b2_find(r->c.doc, sp, (size_t)np, NULL) : NULL;
    if (!e) {
        char tid[32];
        snprintf(tid, sizeof tid, "T%zu", ++r->next_t);
        e = i2b2_add_entity(&r->c, tid, type, sp, (size_t)np, f->value);
        if (!e || (origin && ck_entity_add_attr(r->c.doc, e, NULL, "i2b2_file", origin)))
            return CK_ERR_NOMEM;
    }
    snprintf(id, idsz, "%s", e->id);
    return CK_OK;
}

static const char *chain_type(rd *r, size_t no, const char *t)
{
    if (strncmp(t, "coref ", 6) == 0)
        return t + 6;
    ck_diag_warn(r->c.d, r->c.file, no,
                 "chain type \"%s\" lacks the \"coref \" prefix; read as is", t);
    return t;
}

static ck_status parse_line(rd *r, int kind, char *s, size_t no)
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
    int ok = 1;
    char id[32], id2[32];
    if (kind == K_CON) {
        if (n != 2 || strcmp(f[1].key, "t") != 0)
            rc = ck_diag_error(r->c.d, r->c.file, no,
                               "expected c=\"text\" L:T L:T||t=\"type\"");
        else
            rc = mention(r, no, &f[0], f[1].value, NULL, id, sizeof id, &ok);
    } else if (kind == K_CHAINS) {
        if (n < 2 || strcmp(f[n - 1].key, "t") != 0) {
            rc = ck_diag_error(r->c.d, r->c.file, no,
                               "expected c=\"text\" L:T L:T||c=...||t=\"coref type\"");
        } else {
            const char *type = chain_type(r, no, f[n - 1].value);
            size_t ents = r->c.doc->n_entities, notes = r->c.doc->n_notes;
            char cid[32];
            snprintf(cid, sizeof cid, "C%zu", ++r->next_c);
            ck_coref *co = ck_doc_add_coref(r->c.doc, cid, type);
            if (!co)
                rc = CK_ERR_NOMEM;
            for (int i = 0; rc == CK_OK && ok && i < n - 1; i++) {
                rc = mention(r, no, &f[i], type, "chains", id, sizeof id, &ok);
                co = &r->c.doc->corefs[r->c.doc->n_corefs - 1];
                if (rc == CK_OK && ok && ck_coref_add_ref(r->c.doc, co, id))
                    rc = CK_ERR_NOMEM;
            }
            if (rc == CK_OK && !ok) { /* lenient: drop the whole chain */
                r->c.doc->n_corefs--;
                r->c.doc->n_entities = ents;
                r->c.doc->n_notes = notes;
            }
        }
    } else if (n != 3 || strcmp(f[1].key, "t") != 0) {
        rc = ck_diag_error(r->c.d, r->c.file, no,
                           "expected c=\"text\" L:T L:T||t=\"coref type\"||c=\"text\" L:T L:T");
    } else {
        const char *type = chain_type(r, no, f[1].value);
        rc = mention(r, no, &f[0], type, "pairs", id, sizeof id, &ok);
        if (rc == CK_OK && ok)
            rc = mention(r, no, &f[2], type, "pairs", id2, sizeof id2, &ok);
        if (rc == CK_OK && ok) {
            char rid[32];
            snprintf(rid, sizeof rid, "R%zu", ++r->next_r);
            ck_relation *rel = ck_doc_add_relation(r->c.doc, rid, type);
            if (!rel || ck_relation_add_arg(r->c.doc, rel, "Antecedent", id) ||
                ck_relation_add_arg(r->c.doc, rel, "Anaphor", id2))
                rc = CK_ERR_NOMEM;
        }
    }
    free(f);
    return rc;
}

/* i2b2_read_lines callback: state is this file's rd */
static ck_status on_line(void *state, int kind, char *line, size_t no)
{
    return parse_line(state, kind, line, no);
}

static ck_status i2b2_2011_read(const char *path, ck_opts opts,
                                ck_doc_sink sink, void *user, ck_diag *d)
{
    return i2b2_read_lines(path, opts, is_text, KINDS, 3, sizeof(rd), on_line, sink, user,
                           d);
}

/* writer */

typedef struct wr {
    char *root;
    ck_buf con, chains, pairs;
    size_t dropped;
} wr;

static ck_status w_open(const char *path, ck_opts opts, void **state, ck_diag *d)
{
    return ck_folder_writer_open(path, opts, NULL, sizeof(wr), state, d);
}

static void coref_type(ck_buf *b, const char *t)
{
    ck_buf_addf(b, "%s%s", t && strncmp(t, "coref", 5) == 0 ? "" : "coref ",
                t ? t : "");
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
    ck_buf_reset(&w->con);
    ck_buf_reset(&w->chains);
    ck_buf_reset(&w->pairs);
    const char *file = doc->id;
    for (size_t i = 0; i < doc->n_entities; i++) {
        const ck_entity *e = &doc->entities[i];
        int origin = ck_attr_get(e->attrs, e->n_attrs, "i2b2_file") != NULL;
        if (e->n_attrs > (size_t)origin || e->n_norms)
            w->dropped++;
        if (origin)
            continue;
        size_t mark = w->con.n;
        if (i2b2_write_concept(lt, doc, e, &w->con, file, d))
            w->con.n = mark;
        else
            ck_buf_addf(&w->con, "||t=\"%s\"\n", e->type ? e->type : "person");
    }
    for (size_t i = 0; i < doc->n_corefs; i++) {
        const ck_coref *c = &doc->corefs[i];
        size_t mark = w->chains.n;
        int bad = 0;
        for (size_t k = 0; k < c->n_refs && !bad; k++) {
            const ck_entity *e = ck_doc_find_entity(doc, c->refs[k]);
            bad = !e || i2b2_write_concept(lt, doc, e, &w->chains, file, d);
            ck_buf_adds(&w->chains, "||");
        }
        if (bad) {
            w->chains.n = mark;
            w->dropped++;
            continue;
        }
        ck_buf_adds(&w->chains, "t=\"");
        coref_type(&w->chains, c->type);
        ck_buf_adds(&w->chains, "\"\n");
    }
    for (size_t i = 0; i < doc->n_relations; i++) {
        const ck_relation *r = &doc->relations[i];
        const ck_entity *a = r->n_args == 2 ? ck_doc_find_entity(doc, r->args[0].ref) : NULL;
        const ck_entity *b = r->n_args == 2 ? ck_doc_find_entity(doc, r->args[1].ref) : NULL;
        size_t mark = w->pairs.n;
        if (!a || !b || i2b2_write_concept(lt, doc, a, &w->pairs, file, d)) {
            w->pairs.n = mark;
            w->dropped++;
            continue;
        }
        ck_buf_adds(&w->pairs, "||t=\"");
        coref_type(&w->pairs, r->type);
        ck_buf_adds(&w->pairs, "\"||");
        if (i2b2_write_concept(lt, doc, b, &w->pairs, file, d)) {
            w->pairs.n = mark;
            w->dropped++;
        } else {
            ck_buf_addc(&w->pairs, '\n');
        }
    }
    if (doc->n_events || doc->n_labels)
        w->dropped++;
    ck_linetok_free(lt);
    if (w->con.failed || w->chains.failed || w->pairs.failed)
        return CK_ERR_NOMEM;
    static const char *const sub[] = {"docs", "concepts", "chains", "pairs"};
    static const char *const ext[] = {".txt", ".txt.con", ".txt.chains", ".txt.pairs"};
    const char *data[] = {doc->text, w->con.p, w->chains.p, w->pairs.p};
    size_t len[] = {doc->text_bytes, w->con.n, w->chains.n, w->pairs.n};
    return i2b2_put_doc(w->root, doc->id, doc->n_relations ? 4 : 3, sub, ext, data, len, d);
}

static ck_status w_close(void *state, ck_diag *d)
{
    wr *w = state;
    if (w->dropped)
        ck_diag_add(d, CK_SEV_WARNING, w->root, 0, 0, (size_t)-1,
                    "i2b2 2011 stores concepts, chains and pairs only: other annotations dropped in %zu place(s)",
                    w->dropped);
    ck_buf_free(&w->con);
    ck_buf_free(&w->chains);
    ck_buf_free(&w->pairs);
    free(w->root);
    free(w);
    return CK_OK;
}

const ck_format ck_fmt_i2b2_2011_coref = {
    .id = "i2b2-2011-coref",
    .summary = "i2b2/VA 2011 coreference: docs + .con concepts + .chains (+ .pairs), line:token",
    .layout = "a folder or .tar.gz/.zip: */{docs,concepts,chains,pairs}/ with X.txt or X, X.txt.con or X.con, X.txt.chains...",
    .flags = CK_FMT_DIR,
    .read = i2b2_2011_read,
    .writer_open = w_open,
    .writer_write = w_write,
    .writer_close = w_close,
};
