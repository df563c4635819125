/*
 * i2b2_2010.c — the 2010 i2b2/VA concepts, assertions and relations:
 * X.txt + X.con / X.ast / X.rel with `c="text" L:T L:T` concepts, in the
 * {beth,partners}/{txt,concept,ast,rel}/ layout, the test layout
 * (test_data/X.txt beside reference_standard_for_test_data/concepts/X.con)
 * or flat. See docs/formats/i2b2-2010.md.
 *
 * Model: each .con line -> entity T<n> (type = t); an .ast line adds attr
 * "assertion" to the entity with the same span and type; an .rel line ->
 * relation R<n> (type = r, args Arg1/Arg2). A concept named in .ast or .rel
 * but absent from .con becomes an entity with attr "i2b2_file" = "ast" or
 * "rel", so the writer puts it back where it came from. Values that differ
 * from the lower-cased text are kept as "SourceText" notes.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "clinkit/format.h"
#include "clinkit/io.h"
#include "formats/i2b2line.h"

enum { K_CON, K_AST, K_REL };
static const char *const CON[] = {".con", NULL};
static const char *const AST[] = {".ast", NULL};
static const char *const REL[] = {".rel", NULL};
static const char *const *const KINDS[] = {CON, AST, REL};

static int is_text(const char *name) { return ck_has_suffix(name, ".txt"); }

typedef struct rd {
    i2b2_ctx c;
    size_t next_t, next_r;
} rd;

static const char *field(const i2b2_field *f, int n, int at, const char *key)
{
    return at < n && strcmp(f[at].key, key) == 0 ? f[at].value : NULL;
}

/* Concept at f[at] -> entity (found by span, or added with type). */
static ck_status concept(rd *r, size_t no, const i2b2_field *f, const char *type,
                         const char *origin, int want_type, ck_entity **out)
{
    i2b2_pos p[8];
    ck_span sp[8];
    int ok, np = i2b2_offsets(f->offs, p, 8);
    *out = NULL;
    if (np <= 0)
        return ck_diag_error(r->c.d, r->c.file, no,
                             "expected c=\"text\" L:T L:T (line:token positions)");
    ck_status rc = i2b2_resolve(&r->c, no, "c", f->value, p, (size_t)np, sp, &ok);
    if (rc || !ok)
        return rc;
    if (origin) {
        *out = i2b2_find(r->c.doc, sp, (size_t)np, want_type ? type : NULL);
        if (*out)
            return CK_OK;
    }
    char id[32];
    snprintf(id, sizeof id, "T%zu", ++r->next_t);
    *out = i2b2_add_entity(&r->c, id, type, sp, (size_t)np, f->value);
    if (!*out)
        return CK_ERR_NOMEM;
    if (origin && ck_entity_add_attr(r->c.doc, *out, NULL, "i2b2_file", origin))
        return CK_ERR_NOMEM;
    return CK_OK;
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
    ck_entity *e, *e2;
    const char *t, *a, *rt;
    if (kind == K_CON) {
        if (n != 2 || !field(f, n, 0, "c") || !(t = field(f, n, 1, "t")))
            rc = ck_diag_error(r->c.d, r->c.file, no,
                               "expected c=\"text\" L:T L:T||t=\"type\"");
        else
            rc = concept(r, no, &f[0], t, NULL, 0, &e);
    } else if (kind == K_AST) {
        if (n != 3 || !field(f, n, 0, "c") || !(t = field(f, n, 1, "t")) ||
            !(a = field(f, n, 2, "a")))
            rc = ck_diag_error(r->c.d, r->c.file, no,
                               "expected c=\"text\" L:T L:T||t=\"type\"||a=\"assertion\"");
        else if ((rc = concept(r, no, &f[0], t, "ast", 1, &e)) == CK_OK && e) {
            if (ck_attr_get(e->attrs, e->n_attrs, "assertion")) {
                /* a second assertion for one concept: keep it on a copy */
                ck_span sp[8];
                size_t ns = e->n_spans < 8 ? e->n_spans : 8;
                memcpy(sp, e->spans, ns * sizeof *sp);
                char id[32];
                snprintf(id, sizeof id, "T%zu", ++r->next_t);
                e = i2b2_add_entity(&r->c, id, t, sp, ns, f[0].value);
                if (!e || ck_entity_add_attr(r->c.doc, e, NULL, "i2b2_file", "ast"))
                    rc = CK_ERR_NOMEM;
            }
            if (rc == CK_OK && ck_entity_add_attr(r->c.doc, e, NULL, "assertion", a))
                rc = CK_ERR_NOMEM;
        }
    } else {
        if (n != 3 || !field(f, n, 0, "c") || !(rt = field(f, n, 1, "r")) ||
            !field(f, n, 2, "c"))
            rc = ck_diag_error(r->c.d, r->c.file, no,
                               "expected c=\"text\" L:T L:T||r=\"type\"||c=\"text\" L:T L:T");
        else if ((rc = concept(r, no, &f[0], "concept", "rel", 0, &e)) == CK_OK && e) {
            char *id1 = strdup(e->id);
            rc = concept(r, no, &f[2], "concept", "rel", 0, &e2);
            if (rc == CK_OK && e2) {
                char rid[32];
                snprintf(rid, sizeof rid, "R%zu", ++r->next_r);
                ck_relation *rel = ck_doc_add_relation(r->c.doc, rid, rt);
                if (!rel || !id1 || ck_relation_add_arg(r->c.doc, rel, "Arg1", id1) ||
                    ck_relation_add_arg(r->c.doc, rel, "Arg2", e2->id))
                    rc = CK_ERR_NOMEM;
            }
            free(id1);
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

static ck_status i2b2_2010_read(const char *path, ck_opts opts,
                                ck_doc_sink sink, void *user, ck_diag *d)
{
    return i2b2_read_lines(path, opts, is_text, KINDS, 3, sizeof(rd), on_line, sink, user,
                           d);
}

/* writer */

typedef struct wr {
    char *root;
    ck_buf con, ast, rel;
    size_t dropped;
} wr;

static ck_status w_open(const char *path, ck_opts opts, void **state, ck_diag *d)
{
    return ck_folder_writer_open(path, opts, NULL, sizeof(wr), state, d);
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
    ck_buf_reset(&w->ast);
    ck_buf_reset(&w->rel);
    char file[64];
    snprintf(file, sizeof file, "%.50s", doc->id);
    for (size_t i = 0; i < doc->n_entities; i++) {
        const ck_entity *e = &doc->entities[i];
        const char *origin = ck_attr_get(e->attrs, e->n_attrs, "i2b2_file");
        const char *as = ck_attr_get(e->attrs, e->n_attrs, "assertion");
        size_t known = (origin != NULL) + (as != NULL);
        if (e->n_attrs > known || e->n_norms)
            w->dropped++;
        if (!origin) {
            size_t mark = w->con.n;
            if (i2b2_write_concept(lt, doc, e, &w->con, file, d))
                w->con.n = mark;
            else
                ck_buf_addf(&w->con, "||t=\"%s\"\n", e->type ? e->type : "problem");
        }
        if (as) {
            size_t mark = w->ast.n;
            if (i2b2_write_concept(lt, doc, e, &w->ast, file, d))
                w->ast.n = mark;
            else
                ck_buf_addf(&w->ast, "||t=\"%s\"||a=\"%s\"\n",
                            e->type ? e->type : "problem", as);
        }
    }
    for (size_t i = 0; i < doc->n_relations; i++) {
        const ck_relation *r = &doc->relations[i];
        ck_entity *a = r->n_args == 2 ? ck_doc_find_entity(doc, r->args[0].ref) : NULL;
        ck_entity *b = r->n_args == 2 ? ck_doc_find_entity(doc, r->args[1].ref) : NULL;
        if (!a || !b) {
            w->dropped++;
            continue;
        }
        size_t mark = w->rel.n;
        if (i2b2_write_concept(lt, doc, a, &w->rel, file, d)) {
            w->rel.n = mark;
            continue;
        }
        ck_buf_addf(&w->rel, "||r=\"%s\"||", r->type ? r->type : "");
        if (i2b2_write_concept(lt, doc, b, &w->rel, file, d))
            w->rel.n = mark;
        else
            ck_buf_addc(&w->rel, '\n');
    }
    if (doc->n_events || doc->n_corefs || doc->n_labels)
        w->dropped++;
    ck_linetok_free(lt);
    if (w->con.failed || w->ast.failed || w->rel.failed)
        return CK_ERR_NOMEM;
    static const char *const sub[] = {"txt", "concept", "ast", "rel"};
    static const char *const ext[] = {".txt", ".con", ".ast", ".rel"};
    const char *data[] = {doc->text, w->con.p, w->ast.p, w->rel.p};
    size_t len[] = {doc->text_bytes, w->con.n, w->ast.n, w->rel.n};
    return i2b2_put_doc(w->root, doc->id, 4, sub, ext, data, len, d);
}

static ck_status w_close(void *state, ck_diag *d)
{
    wr *w = state;
    if (w->dropped)
        ck_diag_add(d, CK_SEV_WARNING, w->root, 0, 0, (size_t)-1,
                    "i2b2 2010 stores concepts, assertions and binary relations only: other annotations dropped in %zu place(s)",
                    w->dropped);
    ck_buf_free(&w->con);
    ck_buf_free(&w->ast);
    ck_buf_free(&w->rel);
    free(w->root);
    free(w);
    return CK_OK;
}

const ck_format ck_fmt_i2b2_2010 = {
    .id = "i2b2-2010",
    .summary = "i2b2/VA 2010 concepts, assertions, relations: .txt + .con/.ast/.rel (line:token)",
    .layout = "a folder or .tar.gz/.zip: {beth,partners}/{txt,concept,ast,rel}/, or .txt beside .con/.ast/.rel",
    .flags = CK_FMT_DIR,
    .read = i2b2_2010_read,
    .writer_open = w_open,
    .writer_write = w_write,
    .writer_close = w_close,
};
