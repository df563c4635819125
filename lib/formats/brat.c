/*
 * brat.c — BRAT standoff: NAME.txt beside NAME.ann, in a folder (any
 * depth) or an archive of one.
 *
 * Lines: T (text-bound, ';'-separated fragments, text joined by spaces),
 * R (relation), E (event), A/M (attribute, binary or valued), N
 * (normalization), '*' (equivalence, no id), '#' (note). Offsets are code
 * points, as in brat itself. Annotations are read in two passes so that an
 * attribute, normalization or note may precede its target.
 *
 * The document id is the .ann path relative to the root without ".ann".
 * A .ann without .txt gives a document without text (warned); a .txt
 * without .ann gives a document with no annotations.
 */
#include <stdlib.h>
#include <stdio.h>
#include <string.h>

#include "clinkit/format.h"
#include "clinkit/io.h"
#include "core/buf.h"

typedef struct line {
    char *s;     /* the line, NUL-terminated, \r removed */
    size_t no;   /* 1-based line number */
} line;

/* Split text into lines in place. */
static line *split_lines(char *text, size_t len, size_t *n)
{
    size_t cap = 16, k = 0;
    *n = 0;
    line *v = malloc(cap * sizeof *v);
    size_t no = 0;
    char *p = text, *end = text + len;
    while (v && p < end) {
        char *nl = memchr(p, '\n', (size_t)(end - p));
        char *e = nl ? nl : end;
        no++;
        if (e > p && e[-1] == '\r')
            e[-1] = '\0';
        *e = '\0';
        if (k == cap) {
            line *nv = realloc(v, (cap *= 2) * sizeof *v);
            if (!nv) {
                free(v);
                return NULL;
            }
            v = nv;
        }
        v[k++] = (line){p, no};
        p = nl ? nl + 1 : end;
    }
    *n = k;
    return v;
}

static int parse_size(const char *s, size_t *out, const char **rest)
{
    if (*s < '0' || *s > '9')
        return -1;
    size_t v = 0;
    while (*s >= '0' && *s <= '9') {
        if (v > ((size_t)-1) / 10 - 10)
            return -1;
        v = v * 10 + (size_t)(*s++ - '0');
    }
    *out = v;
    *rest = s;
    return 0;
}

typedef struct ctx {
    ck_doc *doc;
    const char *file;
    ck_diag *d;
} ctx;

/* "Type s e;s e\ttext" */
static ck_status read_t(ctx *c, const char *id, char *body, size_t no)
{
    char *tab = strchr(body, '\t');
    char *text = NULL;
    if (tab) {
        *tab = '\0';
        text = tab + 1;
    }
    char *sp = strchr(body, ' ');
    if (!sp)
        return ck_diag_error(c->d, c->file, no,
                             "%s: expected 'Type start end' after the id", id);
    *sp = '\0';
    ck_entity *e = ck_doc_add_entity(c->doc, id, body);
    if (!e)
        return CK_ERR_NOMEM;
    const char *p = sp + 1;
    for (int first = 1;; first = 0) {
        size_t s, en;
        if (parse_size(p, &s, &p) || *p++ != ' ' || parse_size(p, &en, &p)) {
            c->doc->n_entities--;
            return ck_diag_error(c->d, c->file, no,
                                 "%s: expected 'start end' offsets (fragments separated by ';')",
                                 id);
        }
        if (ck_entity_add_span(c->doc, e, s, en, first ? text : NULL))
            return CK_ERR_NOMEM;
        if (*p == ';') {
            p++;
            continue;
        }
        if (*p) {
            c->doc->n_entities--;
            return ck_diag_error(c->d, c->file, no,
                                 "%s: unexpected characters after the offsets", id);
        }
        break;
    }
    return CK_OK;
}

/* "Role:Ref" -> role, ref (in place) */
static int split_arg(char *tok, char **role, char **ref)
{
    char *colon = strrchr(tok, ':');
    if (!colon || colon == tok || !colon[1])
        return -1;
    *colon = '\0';
    *role = tok;
    *ref = colon + 1;
    return 0;
}

static ck_status read_r(ctx *c, const char *id, char *body, size_t no)
{
    char *save = NULL;
    char *type = strtok_r(body, " \t", &save);
    if (!type)
        return ck_diag_error(c->d, c->file, no, "%s: expected a relation type", id);
    ck_relation *r = ck_doc_add_relation(c->doc, id, type);
    if (!r)
        return CK_ERR_NOMEM;
    for (char *tok; (tok = strtok_r(NULL, " \t", &save));) {
        char *role, *ref;
        if (split_arg(tok, &role, &ref)) {
            c->doc->n_relations--;
            return ck_diag_error(c->d, c->file, no,
                                 "%s: expected 'Role:ID' arguments", id);
        }
        if (ck_relation_add_arg(c->doc, r, role, ref))
            return CK_ERR_NOMEM;
    }
    return CK_OK;
}

static ck_status read_e(ctx *c, const char *id, char *body, size_t no)
{
    char *save = NULL;
    char *head = strtok_r(body, " \t", &save);
    char *type, *trigger;
    if (!head || split_arg(head, &type, &trigger))
        return ck_diag_error(c->d, c->file, no,
                             "%s: expected 'Type:TriggerID'", id);
    ck_event *ev = ck_doc_add_event(c->doc, id, type, trigger);
    if (!ev)
        return CK_ERR_NOMEM;
    for (char *tok; (tok = strtok_r(NULL, " \t", &save));) {
        char *role, *ref;
        if (split_arg(tok, &role, &ref)) {
            c->doc->n_events--;
            return ck_diag_error(c->d, c->file, no,
                                 "%s: expected 'Role:ID' arguments", id);
        }
        if (ck_event_add_arg(c->doc, ev, role, ref))
            return CK_ERR_NOMEM;
    }
    return CK_OK;
}

static ck_entity *find_entity(ck_doc *doc, const char *id)
{
    return ck_doc_find_entity(doc, id);
}

/* "Name Target [Value]" */
static ck_status read_a(ctx *c, const char *id, char *body, size_t no)
{
    char *save = NULL;
    char *name = strtok_r(body, " \t", &save);
    char *target = name ? strtok_r(NULL, " \t", &save) : NULL;
    char *value = target ? strtok_r(NULL, " \t", &save) : NULL;
    if (!target || strtok_r(NULL, " \t", &save))
        return ck_diag_error(c->d, c->file, no,
                             "%s: expected 'Name Target [Value]'", id);
    ck_entity *e = find_entity(c->doc, target);
    if (e)
        return ck_entity_add_attr(c->doc, e, id, name, value) ? CK_ERR_NOMEM : CK_OK;
    for (size_t i = 0; i < c->doc->n_relations; i++)
        if (strcmp(c->doc->relations[i].id, target) == 0)
            return ck_relation_add_attr(c->doc, &c->doc->relations[i], id,
                                        name, value) ? CK_ERR_NOMEM : CK_OK;
    for (size_t i = 0; i < c->doc->n_events; i++)
        if (strcmp(c->doc->events[i].id, target) == 0)
            return ck_event_add_attr(c->doc, &c->doc->events[i], id, name,
                                     value) ? CK_ERR_NOMEM : CK_OK;
    return ck_diag_error(c->d, c->file, no,
                         "%s: attribute target %s not found", id, target);
}

/* "Reference Target DB:ID\ttext" */
static ck_status read_n(ctx *c, const char *id, char *body, size_t no)
{
    char *tab = strchr(body, '\t');
    char *text = NULL;
    if (tab) {
        *tab = '\0';
        text = tab + 1;
    }
    char *save = NULL;
    char *kind = strtok_r(body, " ", &save);
    char *target = kind ? strtok_r(NULL, " ", &save) : NULL;
    char *ref = target ? strtok_r(NULL, " ", &save) : NULL;
    char *colon = ref ? strchr(ref, ':') : NULL;
    if (!colon)
        return ck_diag_error(c->d, c->file, no,
                             "%s: expected 'Reference Target DB:ID'", id);
    *colon = '\0';
    ck_entity *e = find_entity(c->doc, target);
    if (!e)
        return ck_diag_error(c->d, c->file, no,
                             "%s: normalization target %s not found", id, target);
    return ck_entity_add_norm(c->doc, e, id, ref, colon + 1, text)
               ? CK_ERR_NOMEM : CK_OK;
}

/* "*\tEquiv T1 T2 ..." */
static ck_status read_star(ctx *c, char *body, size_t no)
{
    char *save = NULL;
    char *type = strtok_r(body, " \t", &save);
    if (!type)
        return ck_diag_error(c->d, c->file, no, "*: expected 'Type ID ID...'");
    ck_coref *co = ck_doc_add_coref(c->doc, NULL, type);
    if (!co)
        return CK_ERR_NOMEM;
    for (char *tok; (tok = strtok_r(NULL, " \t", &save));)
        if (ck_coref_add_ref(c->doc, co, tok))
            return CK_ERR_NOMEM;
    return CK_OK;
}

/* "#1\tAnnotatorNotes T1\ttext" */
static ck_status read_note(ctx *c, const char *id, char *body, size_t no)
{
    char *tab = strchr(body, '\t');
    char *text = "";
    if (tab) {
        *tab = '\0';
        text = tab + 1;
    }
    char *sp = strchr(body, ' ');
    if (!sp)
        return ck_diag_error(c->d, c->file, no,
                             "%s: expected 'Type Target\\ttext'", id);
    *sp = '\0';
    return ck_doc_add_note(c->doc, id, body, sp + 1, text) ? CK_OK : CK_ERR_NOMEM;
}

static ck_status parse_ann(ctx *c, char *ann, size_t len)
{
    size_t n = 0;
    line *lines = split_lines(ann, len, &n);
    if (!lines)
        return n ? CK_ERR_NOMEM : CK_OK;
    ck_status rc = CK_OK;
    /* pass 0: T R E; pass 1: the rest, which refer to them */
    for (int pass = 0; pass < 2 && rc == CK_OK; pass++) {
        for (size_t i = 0; i < n && rc == CK_OK; i++) {
            char *s = lines[i].s;
            if (!*s)
                continue;
            char k = s[0];
            int first = k == 'T' || k == 'R' || k == 'E';
            if ((pass == 0) != first)
                continue;
            char *tab = strchr(s, '\t');
            if (!tab) {
                rc = ck_diag_error(c->d, c->file, lines[i].no,
                                   "expected 'ID<TAB>annotation'");
                continue;
            }
            *tab = '\0';
            char *body = tab + 1;
            switch (k) {
            case 'T': rc = read_t(c, s, body, lines[i].no); break;
            case 'R': rc = read_r(c, s, body, lines[i].no); break;
            case 'E': rc = read_e(c, s, body, lines[i].no); break;
            case 'A':
            case 'M': rc = read_a(c, s, body, lines[i].no); break;
            case 'N': rc = read_n(c, s, body, lines[i].no); break;
            case '*': rc = read_star(c, body, lines[i].no); break;
            case '#': rc = read_note(c, s, body, lines[i].no); break;
            default:
                rc = ck_diag_error(c->d, c->file, lines[i].no,
                                   "unknown annotation id '%c...' (expected T, R, E, A, M, N, * or #)",
                                   k);
            }
            *tab = '\t';
        }
    }
    free(lines);
    return rc;
}

static ck_status brat_read(const char *path, ck_opts opts, ck_doc_sink sink,
                           void *user, ck_diag *d)
{
    if (ck_opts_check(opts, NULL, d))
        return CK_ERR_USAGE;
    ck_source *src;
    ck_status rc = ck_source_open(path, &src, d);
    if (rc)
        return rc;
    size_t n = ck_source_count(src);
    for (size_t i = 0; i < n && rc == CK_OK; i++) {
        const char *name = ck_source_name(src, i);
        int is_ann = ck_has_suffix(name, ".ann");
        int is_txt = ck_has_suffix(name, ".txt");
        if (!is_ann && !is_txt)
            continue;
        size_t base = strlen(name) - 4;
        char *other = malloc(base + 5);
        if (!other) {
            rc = CK_ERR_NOMEM;
            break;
        }
        memcpy(other, name, base);
        memcpy(other + base, is_ann ? ".txt" : ".ann", 5);
        size_t j = ck_source_find(src, other);
        free(other);
        if (is_txt && j != (size_t)-1) {
            continue; /* handled with its .ann */
        }
        char *id = malloc(base + 1);
        if (!id) {
            rc = CK_ERR_NOMEM;
            break;
        }
        memcpy(id, name, base);
        id[base] = '\0';
        ck_doc *doc = ck_doc_new(id);
        free(id);
        if (!doc) {
            rc = CK_ERR_NOMEM;
            break;
        }
        size_t ti = is_txt ? i : j, ai = is_ann ? i : (size_t)-1;
        const char *data;
        size_t len;
        if (ti != (size_t)-1) {
            char *file = strdup(ck_source_display(src, ti));
            rc = ck_source_load(src, ti, &data, &len, d);
            size_t bad;
            if (rc == CK_OK && ck_doc_set_text(doc, data, len, &bad))
                rc = ck_diag_add(d, CK_SEV_ERROR, file, 0, 0, bad,
                                 "text is not valid UTF-8");
            ck_source_release(src, ti);
            free(file);
        } else {
            ck_diag_warn(d, ck_source_display(src, ai), 0,
                         "no .txt beside this .ann: document read without text");
        }
        if (rc == CK_OK && ai != (size_t)-1) {
            rc = ck_source_load(src, ai, &data, &len, d);
            char *copy = rc == CK_OK ? malloc(len + 1) : NULL;
            if (rc == CK_OK && !copy)
                rc = CK_ERR_NOMEM;
            if (rc == CK_OK) {
                memcpy(copy, data, len + 1);
                ctx c = {doc, ck_source_display(src, ai), d};
                char *file = strdup(c.file);
                c.file = file;
                rc = parse_ann(&c, copy, len);
                free(file);
            }
            free(copy);
            ck_source_release(src, ai);
        }
        if (rc == CK_OK)
            rc = sink(user, doc);
        else
            ck_doc_free(doc);
    }
    ck_source_free(src);
    return rc;
}

/* writer */

typedef struct bw {
    char *root;
    ck_buf buf;
    size_t dropped;
} bw;

static ck_status brat_writer_open(const char *path, ck_opts opts,
                                  void **state, ck_diag *d)
{
    return ck_folder_writer_open(path, opts, NULL, sizeof(bw), state, d);
}

static void add_attrs(ck_buf *b, const ck_attr *a, size_t n, const char *target,
                      size_t *next_a)
{
    for (size_t i = 0; i < n; i++) {
        if (a[i].id)
            ck_buf_adds(b, a[i].id);
        else
            ck_buf_addf(b, "A%zu", ++*next_a);
        ck_buf_addf(b, "\t%s %s", a[i].key, target);
        if (a[i].value)
            ck_buf_addf(b, " %s", a[i].value);
        ck_buf_addc(b, '\n');
    }
}

static void add_entity_text(ck_buf *b, const ck_doc *doc, const ck_entity *e)
{
    int all = e->n_spans > 0;
    for (size_t i = 0; i < e->n_spans; i++)
        all = all && e->texts[i];
    if (e->n_spans && e->texts[0] && (!all || e->n_spans == 1)) {
        ck_buf_adds(b, e->texts[0]);
        return;
    }
    for (size_t i = 0; i < e->n_spans; i++) {
        const char *p = NULL;
        size_t n = 0;
        if (i)
            ck_buf_addc(b, ' ');
        if (e->texts[i])
            ck_buf_adds(b, e->texts[i]);
        else if (ck_doc_slice(doc, e->spans[i].start, e->spans[i].end, &p, &n) == 0)
            ck_buf_add(b, p, n);
    }
}

/* Text that goes on a brat line must not hold line breaks or tabs. */
static void clean_line(ck_buf *b, size_t from)
{
    for (size_t i = from; i < b->n; i++)
        if (b->p[i] == '\n' || b->p[i] == '\r' || b->p[i] == '\t')
            b->p[i] = ' ';
}

static int safe_id(const char *id)
{
    if (!id || !*id || id[0] == '/')
        return 0;
    return strstr(id, "..") == NULL;
}

static ck_status brat_writer_write(void *state, const ck_doc *doc, ck_diag *d)
{
    bw *w = state;
    if (!safe_id(doc->id)) {
        return ck_diag_add(d, CK_SEV_ERROR, w->root, 0, 0, (size_t)-1,
                           "document id unusable as a file name (empty, absolute or containing '..')")
                   ? CK_ERR_PARSE : CK_OK;
    }
    if (doc->n_labels || doc->n_passages || doc->n_meta)
        w->dropped++;
    ck_buf *b = &w->buf;
    ck_buf_reset(b);
    size_t next_a = 0, next_n = 0;
    for (size_t i = 0; i < doc->n_entities; i++) {
        const ck_entity *e = &doc->entities[i];
        if (e->id)
            ck_buf_adds(b, e->id);
        else
            ck_buf_addf(b, "T%zu", i + 1);
        ck_buf_addf(b, "\t%s ", e->type ? e->type : "Entity");
        for (size_t k = 0; k < e->n_spans; k++)
            ck_buf_addf(b, "%s%zu %zu", k ? ";" : "", e->spans[k].start,
                        e->spans[k].end);
        ck_buf_addc(b, '\t');
        size_t from = b->n;
        add_entity_text(b, doc, e);
        clean_line(b, from);
        ck_buf_addc(b, '\n');
    }
    for (size_t i = 0; i < doc->n_relations; i++) {
        const ck_relation *r = &doc->relations[i];
        ck_buf_addf(b, "%s\t%s", r->id ? r->id : "R?", r->type);
        for (size_t k = 0; k < r->n_args; k++)
            ck_buf_addf(b, " %s:%s", r->args[k].role, r->args[k].ref);
        ck_buf_addc(b, '\n');
    }
    for (size_t i = 0; i < doc->n_events; i++) {
        const ck_event *ev = &doc->events[i];
        ck_buf_addf(b, "%s\t%s:%s", ev->id ? ev->id : "E?", ev->type,
                    ev->trigger ? ev->trigger : "");
        for (size_t k = 0; k < ev->n_args; k++)
            ck_buf_addf(b, " %s:%s", ev->args[k].role, ev->args[k].ref);
        ck_buf_addc(b, '\n');
    }
    for (size_t i = 0; i < doc->n_entities; i++) {
        const ck_entity *e = &doc->entities[i];
        char tid[32];
        const char *t = e->id;
        if (!t) {
            snprintf(tid, sizeof tid, "T%zu", i + 1);
            t = tid;
        }
        add_attrs(b, e->attrs, e->n_attrs, t, &next_a);
    }
    for (size_t i = 0; i < doc->n_relations; i++)
        add_attrs(b, doc->relations[i].attrs, doc->relations[i].n_attrs,
                  doc->relations[i].id, &next_a);
    for (size_t i = 0; i < doc->n_events; i++)
        add_attrs(b, doc->events[i].attrs, doc->events[i].n_attrs,
                  doc->events[i].id, &next_a);
    for (size_t i = 0; i < doc->n_entities; i++) {
        const ck_entity *e = &doc->entities[i];
        for (size_t k = 0; k < e->n_norms; k++) {
            const ck_norm *nm = &e->norms[k];
            if (nm->nid)
                ck_buf_adds(b, nm->nid);
            else
                ck_buf_addf(b, "N%zu", ++next_n);
            ck_buf_addf(b, "\tReference %s %s:%s\t", e->id ? e->id : "?",
                        nm->db ? nm->db : "", nm->id ? nm->id : "");
            size_t from = b->n;
            if (nm->text)
                ck_buf_adds(b, nm->text);
            clean_line(b, from);
            ck_buf_addc(b, '\n');
        }
    }
    for (size_t i = 0; i < doc->n_corefs; i++) {
        const ck_coref *c = &doc->corefs[i];
        ck_buf_addf(b, "*\t%s", c->type ? c->type : "Equiv");
        for (size_t k = 0; k < c->n_refs; k++)
            ck_buf_addf(b, " %s", c->refs[k]);
        ck_buf_addc(b, '\n');
    }
    for (size_t i = 0; i < doc->n_notes; i++) {
        const ck_note *nt = &doc->notes[i];
        ck_buf_addf(b, "%s\t%s %s\t", nt->id ? nt->id : "#?",
                    nt->type ? nt->type : "AnnotatorNotes",
                    nt->ref ? nt->ref : "");
        size_t from = b->n;
        ck_buf_adds(b, nt->text ? nt->text : "");
        clean_line(b, from);
        ck_buf_addc(b, '\n');
    }
    if (b->failed)
        return CK_ERR_NOMEM;
    size_t rl = strlen(w->root), il = strlen(doc->id);
    char *file = malloc(rl + il + 6);
    if (!file)
        return CK_ERR_NOMEM;
    sprintf(file, "%s/%s", w->root, doc->id);
    ck_status rc = CK_OK;
    char *slash = strrchr(file + rl + 1, '/');
    if (slash) {
        *slash = '\0';
        rc = ck_mkdirs(file, d);
        *slash = '/';
    }
    if (rc == CK_OK && doc->text) {
        strcpy(file + rl + 1 + il, ".txt");
        rc = ck_write_file(file, doc->text, doc->text_bytes, d);
    }
    if (rc == CK_OK) {
        strcpy(file + rl + 1 + il, ".ann");
        rc = ck_write_file(file, b->p ? b->p : "", b->n, d);
    }
    free(file);
    return rc;
}

static ck_status brat_writer_close(void *state, ck_diag *d)
{
    bw *w = state;
    if (w->dropped)
        ck_diag_add(d, CK_SEV_WARNING, w->root, 0, 0, (size_t)-1,
                    "brat cannot store document labels, passages or metadata: dropped them in %zu document(s)",
                    w->dropped);
    ck_buf_free(&w->buf);
    free(w->root);
    free(w);
    return CK_OK;
}

const ck_format ck_fmt_brat = {
    .id = "brat",
    .summary = "BRAT standoff: NAME.txt + NAME.ann (T, R, E, A/M, N, *, #)",
    .layout = "a folder (any depth) or .zip/.tar.gz of .txt and .ann files",
    .flags = CK_FMT_DIR,
    .read = brat_read,
    .writer_open = brat_writer_open,
    .writer_write = brat_writer_write,
    .writer_close = brat_writer_close,
};
