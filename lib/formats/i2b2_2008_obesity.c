/*
 * i2b2_2008_obesity.c — the i2b2 2008 obesity challenge: record files
 *   <root><docs><doc id="1"><text>...</text></doc></docs></root>
 * and stand-off judgment files (training, addenda, test)
 *   <diseaseset><diseases source="textual"><disease name="Asthma">
 *   <doc id="1" judgment="N"/></disease></diseases></diseaseset>
 * read together from a folder or archive. A file's kind comes from its
 * root element; its split ("training", "test") from the word after
 * "records_" / "annotations_" in its name, so that the ids of one split
 * meet only that split's judgments. Each record -> document id = doc id,
 * meta "split", text = <text> content (CDATA or escaped, both read); each
 * judgment -> label name = disease, value = Y/N/Q/U, attr source. Labels
 * are ordered by source (textual, intuitive) then by the 16 diseases in
 * the task's order, so that any merge of addenda reads the same. A later
 * file's judgment for the same (split, doc, source, disease) replaces the
 * earlier one (noted); judgments without a record give a document without
 * text (warned).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "clinkit/format.h"
#include "clinkit/io.h"
#include "formats/i2b2_xml.h"

static const char *const diseases[] = {
    "Obesity", "Asthma", "CAD", "CHF", "Depression", "Diabetes", "Gallstones", "GERD",
    "Gout", "Hypercholesterolemia", "Hypertension", "Hypertriglyceridemia", "OA", "OSA",
    "PVD", "Venous Insufficiency"};

static int disease_rank(const char *s)
{
    for (int i = 0; i < 16; i++)
        if (!strcmp(s, diseases[i]))
            return i;
    return 16;
}

static int source_rank(const char *s)
{
    return !strcmp(s, "textual") ? 0 : !strcmp(s, "intuitive") ? 1 : 2;
}

typedef struct judgment {
    char *split, *doc, *source, *disease, *value;
    size_t order; /* reading order: later wins */
    int used;
} judgment;

typedef struct jlist {
    judgment *v;
    size_t n, cap;
} jlist;

static void jlist_free(jlist *l)
{
    for (size_t i = 0; i < l->n; i++) {
        free(l->v[i].split);
        free(l->v[i].doc);
        free(l->v[i].source);
        free(l->v[i].disease);
        free(l->v[i].value);
    }
    free(l->v);
    memset(l, 0, sizeof *l);
}

static int jlist_add(jlist *l, const char *split, const char *doc, const char *source,
                     const char *disease, const char *value)
{
    if (l->n == l->cap) {
        size_t cap = l->cap ? l->cap * 2 : 64;
        judgment *v = realloc(l->v, cap * sizeof *v);
        if (!v)
            return -1;
        l->v = v;
        l->cap = cap;
    }
    judgment *j = &l->v[l->n];
    memset(j, 0, sizeof *j);
    j->split = strdup(split);
    j->doc = strdup(doc);
    j->source = strdup(source);
    j->disease = strdup(disease);
    j->value = strdup(value);
    j->order = l->n++;
    return j->split && j->doc && j->source && j->disease && j->value ? 0 : -1;
}

static int key_cmp(const judgment *a, const judgment *b)
{
    int c = strcmp(a->split, b->split);
    if (!c)
        c = strcmp(a->doc, b->doc);
    if (!c)
        c = source_rank(a->source) - source_rank(b->source);
    if (!c)
        c = strcmp(a->source, b->source);
    if (!c)
        c = disease_rank(a->disease) - disease_rank(b->disease);
    if (!c)
        c = strcmp(a->disease, b->disease);
    return c;
}

static int by_key(const void *x, const void *y)
{
    const judgment *a = x, *b = y;
    int c = key_cmp(a, b);
    return c ? c : (a->order < b->order ? -1 : a->order > b->order);
}

/* "obesity_standoff_annotations_training_addendum2.xml" -> "training" */
static char *split_of(const char *name)
{
    const char *base = strrchr(name, '/');
    base = base ? base + 1 : name;
    const char *p = strstr(base, "records_");
    p = p ? p + 8 : (p = strstr(base, "annotations_")) ? p + 12 : NULL;
    size_t n = 0;
    while (p && ((p[n] >= 'a' && p[n] <= 'z') || (p[n] >= 'A' && p[n] <= 'Z')))
        n++;
    return strndup(p ? p : "", n);
}

/* Name of the root element, or "" (skips declaration, comments, DOCTYPE). */
static void root_name(const char *s, size_t n, char *out, size_t size)
{
    const char *e = s + n;
    out[0] = '\0';
    while (s < e) {
        s = memchr(s, '<', (size_t)(e - s));
        if (!s || s + 1 >= e)
            return;
        if (s[1] == '?' || s[1] == '!') {
            s++;
            continue;
        }
        size_t k = 0;
        s++;
        while (s < e && k + 1 < size && *s != '>' && *s != '/' && *s != ' ' &&
               *s != '\t' && *s != '\n' && *s != '\r')
            out[k++] = *s++;
        out[k] = '\0';
        return;
    }
}

/* ---- judgments ---- */

typedef struct jctx {
    jlist *list;
    const char *split, *file;
    char *src_buf, *dis_buf; /* current source and disease (owned) */
    ck_diag *d;
} jctx;

static ck_status j_start(void *user, ck_xml *x, const char *name, const char **attrs,
                         size_t depth, int in_text, size_t cp)
{
    jctx *c = user;
    if (!strcmp(name, "diseases")) {
        free(c->src_buf);
        c->src_buf = strdup(ck_xml_attr(attrs, "source") ? ck_xml_attr(attrs, "source") : "");
        return c->src_buf ? CK_OK : CK_ERR_NOMEM;
    }
    if (!strcmp(name, "disease")) {
        free(c->dis_buf);
        const char *n = ck_xml_attr(attrs, "name");
        if (!n)
            return ck_diag_error(c->d, c->file, ck_xml_line(x), "<disease> without a name");
        c->dis_buf = strdup(n);
        return c->dis_buf ? CK_OK : CK_ERR_NOMEM;
    }
    if (!strcmp(name, "doc")) {
        const char *id = ck_xml_attr(attrs, "id"), *j = ck_xml_attr(attrs, "judgment");
        if (!id || !j || !c->dis_buf)
            return ck_diag_error(c->d, c->file, ck_xml_line(x),
                                 "expected <doc id=\"N\" judgment=\"Y|N|Q|U\"/> inside <disease name=...>");
        return jlist_add(c->list, c->split, id, c->src_buf ? c->src_buf : "", c->dis_buf, j)
                   ? CK_ERR_NOMEM : CK_OK;
    }
    return CK_OK;
}

static const ck_xml_handlers j_handlers = {j_start, NULL, NULL};

/* ---- records ---- */

typedef struct rctx {
    ck_doc *doc;
    const char *split, *file;
    jlist *list;
    ck_diag *d;
    ck_doc_sink sink;
    void *user;
} rctx;

/* Attach the judgments of (split, id) — list is sorted by key. */
static ck_status attach(ck_doc *doc, const char *split, jlist *l)
{
    judgment key = {(char *)split, (char *)doc->id, NULL, NULL, NULL, 0, 0};
    size_t lo = 0, hi = l->n;
    while (lo < hi) { /* first entry with (split, doc) >= key */
        size_t mid = (lo + hi) / 2;
        int c = strcmp(l->v[mid].split, split);
        if (!c)
            c = strcmp(l->v[mid].doc, key.doc);
        if (c < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    for (size_t i = lo; i < l->n && !strcmp(l->v[i].split, split) && !strcmp(l->v[i].doc, key.doc); i++) {
        judgment *j = &l->v[i];
        j->used = 1;
        if (j->value == NULL)
            continue; /* replaced by a later file */
        ck_label *lb = ck_doc_add_label(doc, j->disease, j->value);
        if (!lb || ck_label_add_attr(doc, lb, "source", j->source))
            return CK_ERR_NOMEM;
    }
    return CK_OK;
}

static ck_status r_start(void *user, ck_xml *x, const char *name, const char **attrs,
                         size_t depth, int in_text, size_t cp)
{
    rctx *c = user;
    if (in_text || strcmp(name, "doc") || c->doc)
        return CK_OK;
    const char *id = ck_xml_attr(attrs, "id");
    if (!id)
        return ck_diag_error(c->d, c->file, ck_xml_line(x), "<doc> without an id");
    c->doc = ck_doc_new(id);
    if (!c->doc)
        return CK_ERR_NOMEM;
    ck_doc_add_meta(c->doc, "split", c->split);
    return CK_OK;
}

static ck_status r_end(void *user, ck_xml *x, const char *name, size_t depth,
                       int in_text, size_t cp)
{
    rctx *c = user;
    if (in_text || strcmp(name, "doc") || !c->doc)
        return CK_OK;
    ck_doc *doc = c->doc;
    c->doc = NULL;
    ck_status rc = attach(doc, c->split, c->list);
    if (rc) {
        ck_doc_free(doc);
        return rc;
    }
    return c->sink(c->user, doc);
}

static ck_status r_text(void *user, ck_xml *x, const char *s, size_t n)
{
    rctx *c = user;
    if (!c->doc)
        return CK_OK;
    if (c->doc->text)
        return ck_diag_error(c->d, c->file, ck_xml_line(x), "doc %s has a second <text>",
                             c->doc->id);
    if (memchr(s, '\0', n) || ck_doc_set_text(c->doc, s, n, NULL))
        return ck_diag_error(c->d, c->file, ck_xml_line(x), "doc %s: text is not valid UTF-8",
                             c->doc->id);
    return CK_OK;
}

static const ck_xml_handlers r_handlers = {r_start, r_end, r_text};

/* Drop judgments replaced by a later file (same key): value = NULL. */
static void settle(jlist *l, ck_diag *d)
{
    if (l->n)
        qsort(l->v, l->n, sizeof *l->v, by_key);
    size_t replaced = 0;
    for (size_t i = 1; i < l->n; i++)
        if (!key_cmp(&l->v[i - 1], &l->v[i])) {
            free(l->v[i - 1].value);
            l->v[i - 1].value = NULL;
            replaced++;
        }
    if (replaced)
        ck_diag_add(d, CK_SEV_NOTE, NULL, 0, 0, (size_t)-1,
                    "%zu judgment(s) given again by a later file: the later one kept", replaced);
}

static ck_status read_2008(const char *path, ck_opts opts, ck_doc_sink sink, void *user,
                           ck_diag *d)
{
    if (ck_opts_check(opts, NULL, d))
        return CK_ERR_USAGE;
    ck_source *src;
    ck_status rc = ck_source_open(path, &src, d);
    if (rc)
        return rc;
    ck_xml_pool pool = {NULL};
    jlist list = {0};
    size_t n = ck_source_count(src);
    char *kind = calloc(n + 1, 1); /* 'r' records, 'j' judgments */
    if (!kind)
        rc = CK_ERR_NOMEM;
    for (int pass = 0; pass < 2 && rc == CK_OK; pass++) {
        for (size_t i = 0; i < n && rc == CK_OK; i++) {
            const char *name = ck_source_name(src, i);
            if (!ck_has_suffix(name, ".xml") && !ck_has_suffix(name, ".XML"))
                continue;
            if (pass == 1 && kind[i] != 'r')
                continue;
            const char *data;
            size_t len;
            rc = ck_source_load(src, i, &data, &len, d);
            if (rc)
                break;
            char *file = strdup(ck_source_display(src, i)), *split = split_of(name);
            if (!file || !split)
                rc = CK_ERR_NOMEM;
            if (rc == CK_OK && pass == 0) {
                char root[32];
                root_name(data, len, root, sizeof root);
                if (!strcmp(root, "diseaseset")) {
                    kind[i] = 'j';
                    jctx c = {&list, split, file, NULL, NULL, d};
                    rc = ck_xml_parse(&pool, data, len, file, NULL, &j_handlers, &c, d);
                    free(c.src_buf);
                    free(c.dis_buf);
                } else if (!strcmp(root, "root") || !strcmp(root, "docs")) {
                    kind[i] = 'r';
                } else
                    ck_diag_warn(d, file, 0,
                                 "root <%s>: neither records (<root>) nor judgments (<diseaseset>); skipped",
                                 root);
            } else if (rc == CK_OK) {
                rctx c = {NULL, split, file, &list, d, sink, user};
                rc = ck_xml_parse(&pool, data, len, file, "text", &r_handlers, &c, d);
                ck_doc_free(c.doc);
            }
            free(file);
            free(split);
            ck_source_release(src, i);
            if (rc == CK_ERR_PARSE && !ck_diag_strict(d))
                rc = CK_OK; /* reported; that file (or its rest) is skipped */
        }
        if (pass == 0 && rc == CK_OK)
            settle(&list, d);
    }
    /* judgments whose record is not here: documents without text */
    for (size_t i = 0; rc == CK_OK && i < list.n; i++) {
        judgment *j = &list.v[i];
        if (j->used)
            continue;
        ck_diag_warn(d, path, 0, "judgments for doc %s (split '%s') but no record: read without text",
                     j->doc, j->split);
        ck_doc *doc = ck_doc_new(j->doc);
        if (!doc) {
            rc = CK_ERR_NOMEM;
            break;
        }
        ck_doc_add_meta(doc, "split", j->split);
        rc = attach(doc, j->split, &list);
        if (rc)
            ck_doc_free(doc);
        else
            rc = sink(user, doc);
    }
    free(kind);
    jlist_free(&list);
    ck_xml_pool_free(&pool);
    ck_source_free(src);
    return rc;
}

/* ---- writer ---- */

typedef struct split_file {
    char *split;
    FILE *f;
} split_file;

typedef struct w2008 {
    char *root;
    split_file *files;
    size_t n_files;
    jlist list;
    ck_buf buf;
    size_t dropped;
} w2008;

static ck_status open_2008(const char *path, ck_opts opts, void **state, ck_diag *d)
{
    return ck_folder_writer_open(path, opts, NULL, sizeof(w2008), state, d);
}

static char *file_name(const char *what, const char *split)
{
    char name[512];
    snprintf(name, sizeof name, "obesity_%s%s%s", what, *split ? "_" : "", split);
    return strdup(name);
}

static FILE *records_file(w2008 *w, const char *split, ck_diag *d)
{
    for (size_t i = 0; i < w->n_files; i++)
        if (!strcmp(w->files[i].split, split))
            return w->files[i].f;
    char *name = file_name("patient_records", split);
    char *path = name ? ck_xml_out_path(w->root, name, ".xml", d) : NULL;
    free(name);
    FILE *f = path ? fopen(path, "wb") : NULL;
    if (path && !f)
        ck_diag_add(d, CK_SEV_ERROR, path, 0, 0, (size_t)-1, "cannot write this file");
    free(path);
    split_file *v = f ? realloc(w->files, (w->n_files + 1) * sizeof *v) : NULL;
    if (!v) {
        if (f)
            fclose(f);
        return NULL;
    }
    w->files = v;
    v[w->n_files].split = strdup(split);
    v[w->n_files++].f = f;
    fputs("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<root>\n<docs>\n", f);
    return f;
}

static ck_status write_2008(void *state, const ck_doc *doc, ck_diag *d)
{
    w2008 *w = state;
    const char *split = ck_doc_meta(doc, "split");
    split = split ? split : "";
    for (size_t i = 0; i < doc->n_labels; i++) {
        const ck_label *l = &doc->labels[i];
        const char *src = ck_attr_get(l->attrs, l->n_attrs, "source");
        if (!l->value) {
            w->dropped++;
            continue;
        }
        if (jlist_add(&w->list, split, doc->id, src ? src : "textual", l->name, l->value))
            return CK_ERR_NOMEM;
    }
    w->dropped += doc->n_entities + doc->n_relations + doc->n_events;
    if (!doc->text)
        return CK_OK;
    FILE *f = records_file(w, split, d);
    if (!f)
        return ck_diag_strict(d) ? CK_ERR_IO : CK_OK;
    ck_buf *b = &w->buf;
    ck_buf_reset(b);
    ck_buf_adds(b, "<doc id=\"");
    ck_xml_esc_attr(b, doc->id);
    ck_buf_adds(b, "\">\n<text>");
    ck_xml_esc_text(b, doc->text, doc->text_bytes);
    ck_buf_adds(b, "</text>\n</doc>\n");
    if (b->failed)
        return CK_ERR_NOMEM;
    return fwrite(b->p, 1, b->n, f) == b->n ? CK_OK : CK_ERR_IO;
}

static int by_group(const void *x, const void *y)
{
    const judgment *a = x, *b = y;
    int c = strcmp(a->split, b->split);
    if (!c)
        c = source_rank(a->source) - source_rank(b->source);
    if (!c)
        c = strcmp(a->source, b->source);
    if (!c)
        c = disease_rank(a->disease) - disease_rank(b->disease);
    if (!c)
        c = strcmp(a->disease, b->disease);
    return c ? c : (a->order < b->order ? -1 : a->order > b->order);
}

static ck_status flush_split(w2008 *w, const char *split, ck_diag *d)
{
    ck_buf *b = &w->buf;
    ck_buf_adds(b, "</disease>\n</diseases>\n</diseaseset>\n");
    char *name = file_name("standoff_annotations", split);
    char *path = name ? ck_xml_out_path(w->root, name, ".xml", d) : NULL;
    free(name);
    ck_status rc = !path || b->failed ? CK_ERR_NOMEM : ck_write_file(path, b->p, b->n, d);
    free(path);
    return rc;
}

/* One judgments file per split: sources (textual, intuitive), diseases in
 * the task's order, documents in the order they were written. */
static ck_status write_judgments(w2008 *w, ck_diag *d)
{
    jlist *l = &w->list;
    if (l->n)
        qsort(l->v, l->n, sizeof *l->v, by_group);
    ck_buf *b = &w->buf;
    ck_status rc = CK_OK;
    for (size_t i = 0; i < l->n && rc == CK_OK; i++) {
        judgment *j = &l->v[i], *p = i ? &l->v[i - 1] : NULL;
        int new_split = !p || strcmp(p->split, j->split);
        int new_source = new_split || strcmp(p->source, j->source);
        int new_disease = new_source || strcmp(p->disease, j->disease);
        if (new_split) {
            if (p)
                rc = flush_split(w, p->split, d);
            ck_buf_reset(b);
            ck_buf_adds(b, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<diseaseset>\n");
        } else if (new_source)
            ck_buf_adds(b, "</disease>\n</diseases>\n");
        else if (new_disease)
            ck_buf_adds(b, "</disease>\n");
        if (new_source) {
            ck_buf_adds(b, "<diseases source=\"");
            ck_xml_esc_attr(b, j->source);
            ck_buf_adds(b, "\">\n");
        }
        if (new_disease) {
            ck_buf_adds(b, "<disease name=\"");
            ck_xml_esc_attr(b, j->disease);
            ck_buf_adds(b, "\">\n");
        }
        ck_buf_adds(b, "<doc id=\"");
        ck_xml_esc_attr(b, j->doc);
        ck_buf_adds(b, "\" judgment=\"");
        ck_xml_esc_attr(b, j->value);
        ck_buf_adds(b, "\"/>\n");
    }
    if (l->n && rc == CK_OK)
        rc = flush_split(w, l->v[l->n - 1].split, d);
    return rc;
}

static ck_status close_2008(void *state, ck_diag *d)
{
    w2008 *w = state;
    ck_status rc = write_judgments(w, d);
    for (size_t i = 0; i < w->n_files; i++) {
        fputs("</docs>\n</root>\n", w->files[i].f);
        if (fclose(w->files[i].f) && rc == CK_OK)
            rc = CK_ERR_IO;
        free(w->files[i].split);
    }
    if (w->dropped)
        ck_diag_add(d, CK_SEV_WARNING, w->root, 0, 0, (size_t)-1,
                    "%zu annotation(s) the 2008 format cannot store were dropped", w->dropped);
    free(w->files);
    jlist_free(&w->list);
    ck_buf_free(&w->buf);
    free(w->root);
    free(w);
    return rc;
}

const ck_format ck_fmt_i2b2_2008_obesity = {
    .id = "i2b2-2008-obesity",
    .summary = "i2b2 2008 obesity: record XML + stand-off judgments -> labels per disease (Y/N/Q/U, attr source)",
    .layout = "a folder or .zip of obesity_patient_records_*.xml and obesity_standoff_annotations_*.xml",
    .flags = CK_FMT_DIR,
    .read = read_2008,
    .writer_open = open_2008,
    .writer_write = write_2008,
    .writer_close = close_2008,
};
