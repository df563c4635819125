/*
 * n2c2_2019_norm.c — the n2c2 2019 track 3 concept normalization corpus
 * (MCN): {train,test}/{S_file_list.txt, S_note/X.txt, S_norm/X.norm}, each
 * .norm line `ID||CUI||start||end[||start||end...]` with 0-based,
 * end-exclusive character offsets into the note. A flat folder of X.txt
 * beside X.norm reads too. See docs/formats/n2c2-2019-norm.md.
 *
 * Model: document id "S/X" (the split, then the note stem) in the
 * distributed layout, else the path without extension; each line -> entity
 * (id T<n>, type "Mention", its spans) with one normalization: nid = the
 * line's ID (N000...), db "UMLS", id = the CUI or "CUI-less". The file lists are checked against the notes.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "clinkit/format.h"
#include "clinkit/io.h"
#include "core/buf.h"
#include "formats/i2b2line.h"

/* "a/train/train_note/X.txt" -> "a/train/X" when the folder is S_note
 * (or S_norm) and its parent is S; else the path without extension. */
static char *doc_key(const char *name, const char *ext, const char *kind)
{
    size_t n = strlen(name) - strlen(ext);
    char *k = strndup(name, n);
    if (!k)
        return NULL;
    char *slash = strrchr(k, '/');
    if (!slash)
        return k;
    *slash = '\0';
    char *dir = strrchr(k, '/');
    const char *folder = dir ? dir + 1 : k;
    size_t fl = strlen(folder), kl = strlen(kind);
    if (fl > kl && strcmp(folder + fl - kl, kind) == 0) {
        /* folder "S_note": keep "parent/" + stem when parent is S */
        size_t sl = fl - kl;
        const char *parent = dir ? dir : NULL;
        const char *pb = k;
        if (parent) {
            const char *p = parent;
            while (p > k && p[-1] != '/')
                p--;
            pb = p;
        }
        if (parent && (size_t)(parent - pb) == sl && strncmp(pb, folder, sl) == 0) {
            memmove(dir + 1, slash + 1, strlen(slash + 1) + 1);
            return k;
        }
    }
    *slash = '/';
    return k;
}

static int is_note(const char *name)
{
    return ck_has_suffix(name, ".txt") && !ck_has_suffix(name, "_file_list.txt");
}

static ck_status parse_norm(ck_doc *doc, const char *file, char *data,
                            size_t len, ck_diag *d)
{
    size_t nl;
    i2b2_line *lines = i2b2_lines(data, len, &nl);
    if (!lines && nl)
        return CK_ERR_NOMEM;
    ck_status rc = CK_OK;
    for (size_t i = 0; lines && i < nl && rc == CK_OK; i++) {
        char *s = lines[i].s;
        if (!s[strspn(s, " \t")])
            continue;
        char *parts[64];
        size_t np = 0;
        for (char *p = s; p && np < 64;) {
            char *sep = strstr(p, "||");
            if (sep)
                *sep = '\0';
            parts[np++] = p;
            p = sep ? sep + 2 : NULL;
        }
        size_t offs[62];
        int bad = np < 4 || np % 2 || np == 64 || !*parts[0] || !*parts[1];
        for (size_t k = 2; !bad && k < np; k++) {
            char *end;
            unsigned long long v = strtoull(parts[k], &end, 10);
            bad = !*parts[k] || *end || parts[k][0] == '-' || v > 1000000000ULL;
            offs[k - 2] = (size_t)v;
        }
        if (bad) {
            rc = ck_diag_error(d, file, lines[i].no,
                               "expected ID||CUI||start||end[||start||end...]");
            continue;
        }
        for (size_t k = 0; !bad && k + 1 < np - 2; k += 2)
            bad = offs[k] > offs[k + 1] || offs[k + 1] > doc->text_cps;
        if (bad) {
            rc = ck_diag_error(d, file, lines[i].no,
                               "%s: offsets outside the note (%zu characters) or end before start",
                               parts[0], doc->text_cps);
            continue;
        }
        char tid[32];
        snprintf(tid, sizeof tid, "T%zu", doc->n_entities + 1);
        ck_entity *e = ck_doc_add_entity(doc, tid, "Mention");
        if (!e) {
            rc = CK_ERR_NOMEM;
            break;
        }
        for (size_t k = 0; k + 1 < np - 2 && rc == CK_OK; k += 2)
            if (ck_entity_add_span(doc, e, offs[k], offs[k + 1], NULL))
                rc = CK_ERR_NOMEM;
        if (rc == CK_OK && ck_entity_add_norm(doc, e, parts[0], "UMLS", parts[1], NULL))
            rc = CK_ERR_NOMEM;
    }
    free(lines);
    return rc;
}

typedef struct pair {
    char *id;
    size_t text, norm;
} pair;

static int by_id(const void *a, const void *b)
{
    return strcmp(((const pair *)a)->id, ((const pair *)b)->id);
}

/* Report listed ids with no note (a file list names stems, one a line). */
static ck_status check_list(ck_source *src, size_t i, const pair *v, size_t n,
                            ck_diag *d)
{
    char *data;
    size_t len, nl;
    ck_status rc = i2b2_load_copy(src, i, &data, &len, d);
    if (rc)
        return rc;
    i2b2_line *lines = i2b2_lines(data, len, &nl);
    for (size_t k = 0; lines && k < nl && rc == CK_OK; k++) {
        char *s = lines[k].s;
        s[strcspn(s, " \t")] = '\0';
        if (!*s)
            continue;
        int found = 0;
        for (size_t j = 0; j < n && !found; j++) {
            const char *b = strrchr(v[j].id, '/');
            found = strcmp(b ? b + 1 : v[j].id, s) == 0;
        }
        if (!found)
            rc = ck_diag_error(d, ck_source_display(src, i), lines[k].no,
                               "listed document %s has no note", s);
    }
    free(lines);
    free(data);
    return rc;
}

static ck_status norm_read(const char *path, ck_opts opts, ck_doc_sink sink,
                           void *user, ck_diag *d)
{
    if (ck_opts_check(opts, NULL, d))
        return CK_ERR_USAGE;
    ck_source *src;
    ck_status rc = ck_source_open(path, &src, d);
    if (rc)
        return rc;
    size_t cnt = ck_source_count(src), m = 0;
    pair *v = calloc(cnt ? cnt : 1, sizeof *v);
    if (!v)
        rc = CK_ERR_NOMEM;
    for (size_t i = 0; rc == CK_OK && i < cnt; i++) {
        const char *name = ck_source_name(src, i);
        if (!is_note(name))
            continue;
        if (!(v[m].id = doc_key(name, ".txt", "_note")))
            rc = CK_ERR_NOMEM;
        v[m].text = i;
        v[m++].norm = (size_t)-1;
    }
    if (rc == CK_OK)
        qsort(v, m, sizeof *v, by_id);
    for (size_t i = 0; rc == CK_OK && i < cnt; i++) {
        const char *name = ck_source_name(src, i);
        if (ck_has_suffix(name, "_file_list.txt")) {
            rc = check_list(src, i, v, m, d);
            continue;
        }
        if (!ck_has_suffix(name, ".norm"))
            continue;
        pair k = {.id = doc_key(name, ".norm", "_norm")};
        if (!k.id) {
            rc = CK_ERR_NOMEM;
            break;
        }
        pair *hit = bsearch(&k, v, m, sizeof *v, by_id);
        if (!hit || hit->norm != (size_t)-1)
            rc = ck_diag_error(d, ck_source_display(src, i), 0,
                               hit ? "a second .norm file for note %s; skipped"
                                   : "no note %s.txt for this .norm file (expected S_note/ beside S_norm/, or the same folder)",
                               k.id);
        else
            hit->norm = i;
        free(k.id);
    }
    for (size_t i = 0; rc == CK_OK && i < m; i++) {
        ck_doc *doc = ck_doc_new(v[i].id);
        if (!doc) {
            rc = CK_ERR_NOMEM;
            break;
        }
        rc = i2b2_load_text(src, v[i].text, doc, d);
        if (rc == CK_OK && v[i].norm != (size_t)-1) {
            char *data, *file = strdup(ck_source_display(src, v[i].norm));
            size_t len;
            rc = file ? i2b2_load_copy(src, v[i].norm, &data, &len, d) : CK_ERR_NOMEM;
            if (rc == CK_OK) {
                rc = parse_norm(doc, file, data, len, d);
                free(data);
            }
            free(file);
        }
        if (rc == CK_OK)
            rc = sink(user, doc);
        else
            ck_doc_free(doc);
    }
    for (size_t i = 0; v && i < m; i++)
        free(v[i].id);
    free(v);
    ck_source_free(src);
    return rc;
}

/* writer: per split, the notes, norms and the file list (written at close) */

typedef struct split {
    char *group;
    ck_buf list;
} split;

typedef struct wr {
    char *root;
    ck_buf b;
    split *splits;
    size_t n_splits;
    size_t dropped;
} wr;

static ck_status w_open(const char *path, ck_opts opts, void **state, ck_diag *d)
{
    return ck_folder_writer_open(path, opts, NULL, sizeof(wr), state, d);
}

static split *get_split(wr *w, const char *group)
{
    for (size_t i = 0; i < w->n_splits; i++)
        if (strcmp(w->splits[i].group, group) == 0)
            return &w->splits[i];
    split *v = realloc(w->splits, (w->n_splits + 1) * sizeof *v);
    if (!v)
        return NULL;
    w->splits = v;
    split *s = &v[w->n_splits];
    ck_buf_init(&s->list);
    if (!(s->group = strdup(group)))
        return NULL;
    w->n_splits++;
    return s;
}

static ck_status w_write(void *state, const ck_doc *doc, ck_diag *d)
{
    wr *w = state;
    if (!i2b2_safe_id(doc->id))
        return ck_diag_add(d, CK_SEV_ERROR, w->root, 0, 0, (size_t)-1,
                           "document id unusable as a file name")
                   ? CK_ERR_PARSE : CK_OK;
    ck_buf *b = &w->b;
    ck_buf_reset(b);
    size_t auto_id = 0;
    for (size_t i = 0; i < doc->n_entities; i++) {
        const ck_entity *e = &doc->entities[i];
        const char *cui = NULL, *nid = NULL;
        for (size_t k = 0; k < e->n_norms && !cui; k++)
            if (!e->norms[k].db || strcmp(e->norms[k].db, "UMLS") == 0) {
                cui = e->norms[k].id;
                nid = e->norms[k].nid;
            }
        if (!cui || !e->n_spans || strstr(cui, "||") || strchr(cui, '\n')) {
            w->dropped++;
            continue;
        }
        if (nid && *nid && !strstr(nid, "||") && !strpbrk(nid, "\r\n"))
            ck_buf_adds(b, nid);
        else
            ck_buf_addf(b, "N%03zu", auto_id++);
        ck_buf_addf(b, "||%s", cui);
        for (size_t k = 0; k < e->n_spans; k++)
            ck_buf_addf(b, "||%zu||%zu", e->spans[k].start, e->spans[k].end);
        ck_buf_addc(b, '\n');
    }
    if (b->failed)
        return CK_ERR_NOMEM;
    char *group, *stem;
    i2b2_split_id(doc->id, &group, &stem);
    ck_status rc = group && stem ? CK_OK : CK_ERR_NOMEM;
    if (rc == CK_OK && !*group) {
        size_t n = strlen(stem) + 8;
        char *name = malloc(n);
        if (!name)
            rc = CK_ERR_NOMEM;
        for (int k = 0; k < 2 && rc == CK_OK; k++) {
            snprintf(name, n, "%s%s", stem, k ? ".norm" : ".txt");
            rc = i2b2_put(w->root, ".", name, k ? b->p : doc->text,
                          k ? b->n : doc->text_bytes, d);
        }
        free(name);
    } else if (rc == CK_OK) {
        const char *s = strrchr(group, '/');
        s = s ? s + 1 : group;
        size_t n = strlen(group) + strlen(s) + strlen(stem) + 16;
        char *dir = malloc(n), *name = malloc(n);
        split *sp = get_split(w, group);
        if (!dir || !name || !sp)
            rc = CK_ERR_NOMEM;
        for (int k = 0; k < 2 && rc == CK_OK; k++) {
            snprintf(dir, n, "%s/%s%s", group, s, k ? "_norm" : "_note");
            snprintf(name, n, "%s%s", stem, k ? ".norm" : ".txt");
            rc = i2b2_put(w->root, dir, name, k ? b->p : doc->text,
                          k ? b->n : doc->text_bytes, d);
        }
        if (rc == CK_OK)
            ck_buf_addf(&sp->list, "%s\n", stem);
        free(dir);
        free(name);
    }
    if (rc == CK_OK && !doc->text)
        ck_diag_warn(d, doc->id, 0, "document without text: an empty note written");
    free(group);
    free(stem);
    return rc;
}

static ck_status w_close(void *state, ck_diag *d)
{
    wr *w = state;
    ck_status rc = CK_OK;
    for (size_t i = 0; i < w->n_splits; i++) {
        split *s = &w->splits[i];
        const char *base = strrchr(s->group, '/');
        base = base ? base + 1 : s->group;
        size_t n = strlen(base) + 16;
        char *name = malloc(n);
        if (name) {
            snprintf(name, n, "%s_file_list.txt", base);
            if (rc == CK_OK)
                rc = i2b2_put(w->root, s->group, name, s->list.p, s->list.n, d);
        } else {
            rc = CK_ERR_NOMEM;
        }
        free(name);
        ck_buf_free(&s->list);
        free(s->group);
    }
    if (w->dropped)
        ck_diag_add(d, CK_SEV_WARNING, w->root, 0, 0, (size_t)-1,
                    "%zu mention(s) without a UMLS normalization (or with an unusable CUI) not written",
                    w->dropped);
    free(w->splits);
    ck_buf_free(&w->b);
    free(w->root);
    free(w);
    return rc;
}

const ck_format ck_fmt_n2c2_2019_norm = {
    .id = "n2c2-2019-norm",
    .summary = "n2c2 2019 track 3 concept normalization: S_note/X.txt + S_norm/X.norm (ID||CUI||start||end)",
    .layout = "a folder or .tar.gz/.zip: {train,test}/{S_file_list.txt,S_note/,S_norm/}, or X.txt beside X.norm",
    .flags = CK_FMT_DIR,
    .read = norm_read,
    .writer_open = w_open,
    .writer_write = w_write,
    .writer_close = w_close,
};
