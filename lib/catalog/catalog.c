/*
 * catalog.c — the corpus catalog: parse catalog/catalog.json (embedded in
 * the library at build time as ck_catalog_json_data) into ck_dataset
 * records. String fields point into the parsed JSON, which the catalog
 * keeps alive; arrays are allocated once per catalog.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "clinkit/catalog.h"
#include "clinkit/io.h"

extern const char ck_catalog_json_data[];
extern const size_t ck_catalog_json_data_size;

struct ck_catalog {
    json_t *root;
    ck_dataset *ds;
    size_t n;
    void **allocs;
    size_t n_allocs;
};

static void *keep(ck_catalog *c, size_t size)
{
    void *p = calloc(1, size ? size : 1);
    void **a = p ? realloc(c->allocs, (c->n_allocs + 1) * sizeof *a) : NULL;
    if (!a) {
        free(p);
        return NULL;
    }
    c->allocs = a;
    a[c->n_allocs++] = p;
    return p;
}

typedef struct pctx {
    ck_catalog *c;
    const char *name;
    ck_diag *d;
    size_t entry;
    const char *id;
} pctx;

static ck_status bad(pctx *p, const char *field, const char *want)
{
    ck_diag_add(p->d, CK_SEV_ERROR, p->name, 0, 0, (size_t)-1,
                "dataset %zu (%s): field \"%s\" must be %s", p->entry,
                p->id ? p->id : "?", field, want);
    return CK_ERR_PARSE;
}

/* Required string (nullable if allowed). */
static ck_status str_field(pctx *p, json_t *o, const char *key, int nullable,
                           const char **out)
{
    json_t *v = json_object_get(o, key);
    if (v && json_is_string(v)) {
        *out = json_string_value(v);
        return CK_OK;
    }
    if (nullable && v && json_is_null(v)) {
        *out = NULL;
        return CK_OK;
    }
    return bad(p, key, nullable ? "a string or null" : "a string");
}

static ck_status list_field(pctx *p, json_t *o, const char *key, ck_strlist *out)
{
    json_t *v = json_object_get(o, key);
    if (!json_is_array(v))
        return bad(p, key, "a list of strings");
    out->n = json_array_size(v);
    out->items = keep(p->c, out->n * sizeof *out->items);
    if (!out->items)
        return CK_ERR_NOMEM;
    for (size_t i = 0; i < out->n; i++) {
        json_t *s = json_array_get(v, i);
        if (!json_is_string(s))
            return bad(p, key, "a list of strings");
        out->items[i] = json_string_value(s);
    }
    return CK_OK;
}

static ck_status parse_entry(pctx *p, json_t *o, ck_dataset *ds)
{
    ck_status rc;
    if (!json_is_object(o))
        return bad(p, "(entry)", "an object");
    if ((rc = str_field(p, o, "id", 0, &ds->id)))
        return rc;
    p->id = ds->id;
#define S(k, f, nul) if ((rc = str_field(p, o, k, nul, &ds->f))) return rc
#define L(k, f) if ((rc = list_field(p, o, k, &ds->f))) return rc
    S("family", family, 0);
    S("parent", parent, 1);
    S("name", name, 0);
    S("organiser", organiser, 0);
    L("tasks", tasks);
    L("languages", languages);
    S("homepage", homepage, 1);
    L("formats", formats);
    S("metric", metric, 1);
    S("eval_task", eval_task, 1);
    S("citation", citation, 0);
    S("notes", notes, 1);
    json_t *years = json_object_get(o, "years");
    if (!json_is_array(years) || json_array_size(years) == 0)
        return bad(p, "years", "a non-empty list of years");
    ds->n_years = json_array_size(years);
    int *y = keep(p->c, ds->n_years * sizeof *y);
    if (!y)
        return CK_ERR_NOMEM;
    for (size_t i = 0; i < ds->n_years; i++) {
        json_t *v = json_array_get(years, i);
        if (!json_is_integer(v))
            return bad(p, "years", "a list of integers");
        y[i] = (int)json_integer_value(v);
    }
    ds->years = y;
    json_t *acc = json_object_get(o, "access");
    if (!json_is_object(acc))
        return bad(p, "access", "an object {kind, steps, url}");
    if ((rc = str_field(p, acc, "kind", 0, &ds->access_kind)) ||
        (rc = list_field(p, acc, "steps", &ds->access_steps)) ||
        (rc = str_field(p, acc, "url", 1, &ds->access_url)))
        return rc;
    static const char *kinds[] = {"dua", "credentialed", "registration", "open"};
    int known = 0;
    for (size_t i = 0; i < 4; i++)
        known |= strcmp(ds->access_kind, kinds[i]) == 0;
    if (!known)
        return bad(p, "access.kind", "one of dua, credentialed, registration, open");
    json_t *files = json_object_get(o, "files");
    if (!json_is_array(files))
        return bad(p, "files", "a list of {name, contents}");
    ds->n_files = json_array_size(files);
    ck_dataset_file *f = keep(p->c, ds->n_files * sizeof *f);
    if (!f)
        return CK_ERR_NOMEM;
    for (size_t i = 0; i < ds->n_files; i++) {
        json_t *x = json_array_get(files, i);
        if ((rc = str_field(p, x, "name", 0, &f[i].name)) ||
            (rc = str_field(p, x, "contents", 1, &f[i].contents)))
            return rc;
    }
    ds->files = f;
    json_t *splits = json_object_get(o, "splits");
    if (!json_is_array(splits))
        return bad(p, "splits", "a list of {name, documents}");
    ds->n_splits = json_array_size(splits);
    ck_dataset_split *sp = keep(p->c, ds->n_splits * sizeof *sp);
    if (!sp)
        return CK_ERR_NOMEM;
    for (size_t i = 0; i < ds->n_splits; i++) {
        json_t *x = json_array_get(splits, i);
        if ((rc = str_field(p, x, "name", 0, &sp[i].name)))
            return rc;
        json_t *n = json_object_get(x, "documents");
        if (json_is_integer(n))
            sp[i].documents = (long)json_integer_value(n);
        else if (json_is_null(n))
            sp[i].documents = -1;
        else
            return bad(p, "splits.documents", "an integer or null");
    }
    ds->splits = sp;
#undef S
#undef L
    return CK_OK;
}

ck_status ck_catalog_parse(const char *json, size_t len, const char *name,
                           ck_catalog **out, ck_diag *d)
{
    *out = NULL;
    json_error_t err;
    json_t *root = json_loadb(json, len, JSON_REJECT_DUPLICATES, &err);
    if (!root) {
        ck_diag_add(d, CK_SEV_ERROR, name, (size_t)err.line, (size_t)err.column,
                    (size_t)-1, "invalid JSON: %s", err.text);
        return CK_ERR_PARSE;
    }
    ck_catalog *c = calloc(1, sizeof *c);
    if (!c) {
        json_decref(root);
        return CK_ERR_NOMEM;
    }
    c->root = root;
    json_t *arr = json_object_get(root, "datasets");
    if (!json_is_array(arr)) {
        ck_diag_add(d, CK_SEV_ERROR, name, 0, 0, (size_t)-1,
                    "expected {\"datasets\": [...]}");
        ck_catalog_free(c);
        return CK_ERR_PARSE;
    }
    c->n = json_array_size(arr);
    c->ds = calloc(c->n ? c->n : 1, sizeof *c->ds);
    if (!c->ds) {
        ck_catalog_free(c);
        return CK_ERR_NOMEM;
    }
    for (size_t i = 0; i < c->n; i++) {
        pctx p = {c, name, d, i, NULL};
        ck_status rc = parse_entry(&p, json_array_get(arr, i), &c->ds[i]);
        if (rc) {
            ck_catalog_free(c);
            return rc;
        }
        for (size_t k = 0; k < i; k++)
            if (strcmp(c->ds[k].id, c->ds[i].id) == 0) {
                ck_diag_add(d, CK_SEV_ERROR, name, 0, 0, (size_t)-1,
                            "dataset id \"%s\" appears twice", c->ds[i].id);
                ck_catalog_free(c);
                return CK_ERR_PARSE;
            }
    }
    *out = c;
    return CK_OK;
}

ck_status ck_catalog_load(const char *path, ck_catalog **out, ck_diag *d)
{
    char *data;
    size_t len;
    ck_status rc = ck_read_file(path, &data, &len, d);
    if (rc)
        return rc;
    rc = ck_catalog_parse(data, len, path, out, d);
    free(data);
    return rc;
}

void ck_catalog_free(ck_catalog *c)
{
    if (!c)
        return;
    for (size_t i = 0; i < c->n_allocs; i++)
        free(c->allocs[i]);
    free(c->allocs);
    free(c->ds);
    json_decref(c->root);
    free(c);
}

static ck_catalog *builtin;

static void free_builtin(void) { ck_catalog_free(builtin); }

const ck_catalog *ck_catalog_builtin(ck_diag *d)
{
    if (!builtin &&
        ck_catalog_parse(ck_catalog_json_data, ck_catalog_json_data_size,
                         "catalog/catalog.json (embedded)", &builtin, d) == CK_OK)
        atexit(free_builtin);
    return builtin;
}

const char *ck_catalog_builtin_json(void) { return ck_catalog_json_data; }

size_t ck_catalog_count(const ck_catalog *c) { return c ? c->n : 0; }

const ck_dataset *ck_catalog_at(const ck_catalog *c, size_t i)
{
    return c && i < c->n ? &c->ds[i] : NULL;
}

const ck_dataset *ck_catalog_find(const ck_catalog *c, const char *id)
{
    for (size_t i = 0; c && id && i < c->n; i++)
        if (strcmp(c->ds[i].id, id) == 0)
            return &c->ds[i];
    return NULL;
}

static int icontains(const char *hay, const char *needle)
{
    if (!hay)
        return 0;
    size_t n = strlen(needle);
    for (const char *p = hay; *p; p++) {
        size_t i = 0;
        while (i < n && p[i] &&
               tolower((unsigned char)p[i]) == tolower((unsigned char)needle[i]))
            i++;
        if (i == n)
            return 1;
    }
    return n == 0;
}

static int list_has(const ck_strlist *l, const char *s, int substring)
{
    for (size_t i = 0; i < l->n; i++)
        if (substring ? icontains(l->items[i], s) : strcmp(l->items[i], s) == 0)
            return 1;
    return 0;
}

int ck_dataset_matches(const ck_dataset *ds, const char *query,
                       const char *task, const char *lang, const char *access)
{
    if (task && !list_has(&ds->tasks, task, 1))
        return 0;
    if (lang && !list_has(&ds->languages, lang, 0))
        return 0;
    if (access && strcmp(ds->access_kind, access) != 0)
        return 0;
    if (query && !(icontains(ds->id, query) || icontains(ds->name, query) ||
                   icontains(ds->organiser, query) || icontains(ds->family, query) ||
                   list_has(&ds->tasks, query, 1) || icontains(ds->notes, query)))
        return 0;
    return 1;
}
