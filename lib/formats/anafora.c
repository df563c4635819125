/*
 * anafora.c — Anafora XML, as used by THYME / Clinical TempEval and any
 * other Anafora schema (e.g. cTAKES' UMLS entities).
 *
 * Layout: one folder per document, DOC/DOC (the raw text, no extension)
 * beside DOC/DOC.<schema>.<annotator>.<status>.xml; a DOC.*.xml next to a
 * DOC text in the same folder is accepted too. Each annotation file gives
 * one document: id = DOC, meta "anafora_file" = the part between "DOC."
 * and ".xml". With no text file (THYME annotations are public, the notes
 * are not) the document has text NULL; --opt text=DIR takes the texts from
 * DIR (DIR/DOC/DOC or any DIR/.../DOC), which is what `clinkit join` does.
 * --opt match=S reads only the XML files whose name contains S (e.g.
 * Temporal).
 *
 * Model: <entity> -> entity (id opaque, spans "s,e;s,e" in code points,
 * type, attrs = properties in order, empty text kept as "", repeated names
 * kept); <relation> -> relation whose properties naming an annotation id
 * of the file become args (role = property name: Source/Target,
 * FirstInstance/Coreferring_String...) and the others attrs (Type...).
 * parentsType -> meta "parentsType:<type>"; savetime, progress and schema
 * -> meta (schema attributes other than path="./" protocol="file" ->
 * "schema@<name>"). <addition>/<adjudication> bookkeeping is not kept.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "clinkit/format.h"
#include "clinkit/io.h"
#include "core/buf.h"
#include "formats/anafora.h"
#include "formats/xml_guard.h"

typedef struct prop {
    char *name, *value;
} prop;

typedef struct ann {
    int relation;
    size_t line;
    char *id, *span, *type, *parents;
    prop *props;
    size_t n_props;
} ann;

enum { F_NONE, F_ID, F_SPAN, F_TYPE, F_PARENTS, F_PROP, F_SAVETIME, F_PROGRESS, F_SCHEMA };

typedef struct px {
    ck_xml_guard guard;
    int depth;
    int in_ann;       /* depth of the current <entity>/<relation>, 0 if none */
    int in_props;     /* depth of <properties> */
    int in_addition;  /* depth of <addition>, skipped */
    int field, field_depth;
    ck_buf text;
    ann cur;
    ann *v;
    size_t n, cap;
    char *savetime, *progress, *schema;
    char **schema_atts; /* k, v, ..., NULL */
    const char *root;
    int nomem;
} px;

static char *dupn(const char *s, size_t n)
{
    char *p = malloc(n + 1);
    if (p) {
        memcpy(p, s, n);
        p[n] = '\0';
    }
    return p;
}

static void free_strv(char **v)
{
    for (size_t i = 0; v && v[i]; i++)
        free(v[i]);
    free(v);
}

static void free_ann(ann *a)
{
    free(a->id);
    free(a->span);
    free(a->type);
    free(a->parents);
    for (size_t i = 0; i < a->n_props; i++) {
        free(a->props[i].name);
        free(a->props[i].value);
    }
    free(a->props);
    memset(a, 0, sizeof *a);
}

static void XMLCALL on_start(void *user, const XML_Char *name, const XML_Char **atts)
{
    px *x = user;
    x->depth++;
    if (x->depth == 1) {
        x->root = "data";
        if (strcmp(name, "data")) {
            x->guard.refused = "not Anafora XML: the root element is not <data>";
            XML_StopParser(x->guard.parser, XML_FALSE);
        }
        return;
    }
    if (x->in_addition || x->field)
        return;
    ck_buf_reset(&x->text);
    if (x->in_props) {
        if (x->depth == x->in_props + 1) {
            x->field = F_PROP;
            x->field_depth = x->depth;
            prop *np = realloc(x->cur.props, (x->cur.n_props + 1) * sizeof *np);
            if (!np || !(np[x->cur.n_props].name = strdup(name))) {
                x->nomem = 1;
                if (np)
                    x->cur.props = np;
                return;
            }
            x->cur.props = np;
            np[x->cur.n_props].value = NULL;
            x->cur.n_props++;
        }
        return;
    }
    if (x->in_ann) {
        if (x->depth != x->in_ann + 1)
            return;
        if (strcmp(name, "properties") == 0)
            x->in_props = x->depth;
        else if (strcmp(name, "addition") == 0 || strcmp(name, "adjudication") == 0)
            x->in_addition = x->depth;
        else {
            x->field = strcmp(name, "id") == 0          ? F_ID
                       : strcmp(name, "span") == 0      ? F_SPAN
                       : strcmp(name, "type") == 0      ? F_TYPE
                       : strcmp(name, "parentsType") == 0 ? F_PARENTS
                                                          : F_NONE;
            x->field_depth = x->depth;
        }
        return;
    }
    if (x->depth == 3 && (strcmp(name, "entity") == 0 || strcmp(name, "relation") == 0)) {
        free_ann(&x->cur);
        x->cur.relation = name[0] == 'r';
        x->cur.line = (size_t)XML_GetCurrentLineNumber(x->guard.parser);
        x->in_ann = x->depth;
        return;
    }
    if (x->depth == 3 && strcmp(name, "savetime") == 0)
        x->field = F_SAVETIME;
    else if (x->depth == 3 && strcmp(name, "progress") == 0)
        x->field = F_PROGRESS;
    else if (x->depth == 2 && strcmp(name, "schema") == 0) {
        x->field = F_SCHEMA;
        size_t n = 0;
        while (atts[n])
            n++;
        free_strv(x->schema_atts);
        x->schema_atts = calloc(n + 1, sizeof *x->schema_atts);
        for (size_t i = 0; x->schema_atts && i < n; i++)
            if (!(x->schema_atts[i] = strdup(atts[i])))
                x->nomem = 1;
        if (!x->schema_atts)
            x->nomem = 1;
    } else if (x->depth == 2 && (strcmp(name, "adjudication") == 0))
        x->in_addition = x->depth;
    if (x->field)
        x->field_depth = x->depth;
}

static void set_field(char **slot, px *x)
{
    free(*slot);
    *slot = dupn(x->text.p ? x->text.p : "", x->text.n);
    if (!*slot)
        x->nomem = 1;
}

static void XMLCALL on_end(void *user, const XML_Char *name)
{
    px *x = user;
    if (x->field && x->depth == x->field_depth) {
        switch (x->field) {
        case F_ID: set_field(&x->cur.id, x); break;
        case F_SPAN: set_field(&x->cur.span, x); break;
        case F_TYPE: set_field(&x->cur.type, x); break;
        case F_PARENTS: set_field(&x->cur.parents, x); break;
        case F_PROP:
            if (x->cur.n_props)
                set_field(&x->cur.props[x->cur.n_props - 1].value, x);
            break;
        case F_SAVETIME: set_field(&x->savetime, x); break;
        case F_PROGRESS: set_field(&x->progress, x); break;
        case F_SCHEMA: set_field(&x->schema, x); break;
        }
        x->field = F_NONE;
    } else if (x->in_addition == x->depth)
        x->in_addition = 0;
    else if (x->in_props == x->depth)
        x->in_props = 0;
    else if (x->in_ann == x->depth) {
        x->in_ann = 0;
        if (x->n == x->cap) {
            size_t cap = x->cap ? x->cap * 2 : 64;
            ann *nv = realloc(x->v, cap * sizeof *nv);
            if (!nv) {
                x->nomem = 1;
                free_ann(&x->cur);
                x->depth--;
                return;
            }
            x->v = nv;
            x->cap = cap;
        }
        x->v[x->n++] = x->cur;
        memset(&x->cur, 0, sizeof x->cur);
    }
    x->depth--;
}

static void XMLCALL on_text(void *user, const XML_Char *s, int len)
{
    px *x = user;
    if (x->field)
        ck_buf_add(&x->text, s, (size_t)len);
}

/* "s,e;s,e" -> spans; 0 on success */
static int parse_spans(const char *s, ck_doc *doc, ck_entity *e, int *nomem)
{
    const char *p = s;
    for (;;) {
        size_t a = 0, b = 0;
        int da = 0, db = 0;
        while (*p == ' ')
            p++;
        for (; *p >= '0' && *p <= '9'; p++, da++)
            if ((a = a * 10 + (size_t)(*p - '0')) > ((size_t)1 << 48))
                return -1;
        if (*p++ != ',')
            return -1;
        for (; *p >= '0' && *p <= '9'; p++, db++)
            if ((b = b * 10 + (size_t)(*p - '0')) > ((size_t)1 << 48))
                return -1;
        while (*p == ' ')
            p++;
        if (!da || !db || b < a)
            return -1;
        if (ck_entity_add_span(doc, e, a, b, NULL)) {
            *nomem = 1;
            return -1;
        }
        if (!*p)
            return 0;
        if (*p++ != ';')
            return -1;
    }
}

static int is_id(const px *x, const char *v)
{
    if (!v || !*v)
        return 0;
    for (size_t i = 0; i < x->n; i++)
        if (x->v[i].id && strcmp(x->v[i].id, v) == 0)
            return 1;
    return 0;
}

static void note_parents(ck_doc *doc, const ann *a, const char *file, ck_diag *d)
{
    if (!a->parents || !a->type)
        return;
    char key[256];
    snprintf(key, sizeof key, "parentsType:%s", a->type);
    const char *old = ck_doc_meta(doc, key);
    if (!old)
        ck_doc_add_meta(doc, key, a->parents);
    else if (strcmp(old, a->parents))
        ck_diag_warn(d, file, a->line,
                     "%s: parentsType differs from earlier %s annotations (kept the first)",
                     a->id ? a->id : "?", a->type);
}

/* Turn the parsed annotations into doc; errors skip the annotation. */
static ck_status build(px *x, ck_doc *doc, const char *file, ck_diag *d)
{
    ck_status rc = CK_OK;
    if (x->savetime)
        ck_doc_add_meta(doc, "savetime", x->savetime);
    if (x->progress)
        ck_doc_add_meta(doc, "progress", x->progress);
    if (x->schema)
        ck_doc_add_meta(doc, "schema", x->schema);
    char **sa = x->schema_atts;
    int usual = sa && sa[0] && !strcmp(sa[0], "path") && !strcmp(sa[1], "./") && sa[2] &&
                !strcmp(sa[2], "protocol") && !strcmp(sa[3], "file") && !sa[4];
    for (size_t i = 0; sa && !usual && sa[i]; i += 2) {
        char key[300];
        snprintf(key, sizeof key, "schema@%s", sa[i]);
        ck_doc_add_meta(doc, key, sa[i + 1]);
    }
    for (int pass = 0; pass < 2 && rc == CK_OK; pass++) {
        for (size_t i = 0; i < x->n && rc == CK_OK; i++) {
            ann *a = &x->v[i];
            if (a->relation != pass)
                continue;
            const char *what = pass ? "relation" : "entity";
            if (!a->id || !*a->id) {
                rc = ck_diag_error(d, file, a->line, "%s without <id>", what);
                continue;
            }
            if (!a->type || !*a->type) {
                rc = ck_diag_error(d, file, a->line, "%s %s: no <type>", what, a->id);
                continue;
            }
            for (size_t j = 0; j < i; j++)
                if (x->v[j].id && strcmp(x->v[j].id, a->id) == 0) {
                    ck_diag_warn(d, file, a->line, "%s: id used twice in this file", a->id);
                    break;
                }
            if (!pass) {
                if (!a->span || !*a->span) {
                    rc = ck_diag_error(d, file, a->line, "entity %s: no <span>", a->id);
                    continue;
                }
                ck_entity *e = ck_doc_add_entity(doc, a->id, a->type);
                int nomem = 0;
                if (!e)
                    return CK_ERR_NOMEM;
                if (parse_spans(a->span, doc, e, &nomem)) {
                    doc->n_entities--;
                    if (nomem)
                        return CK_ERR_NOMEM;
                    rc = ck_diag_error(d, file, a->line,
                                       "entity %s: expected <span>start,end[;start,end...]</span> with start <= end",
                                       a->id);
                    continue;
                }
                for (size_t k = 0; k < a->n_props; k++)
                    if (ck_entity_add_attr(doc, e, NULL, a->props[k].name,
                                           a->props[k].value ? a->props[k].value : ""))
                        return CK_ERR_NOMEM;
            } else {
                if (a->span && *a->span)
                    ck_diag_warn(d, file, a->line, "relation %s: <span> ignored", a->id);
                ck_relation *r = ck_doc_add_relation(doc, a->id, a->type);
                if (!r)
                    return CK_ERR_NOMEM;
                for (size_t k = 0; k < a->n_props; k++) {
                    const char *v = a->props[k].value ? a->props[k].value : "";
                    int bad = is_id(x, v) ? ck_relation_add_arg(doc, r, a->props[k].name, v)
                                          : ck_relation_add_attr(doc, r, NULL, a->props[k].name, v);
                    if (bad)
                        return CK_ERR_NOMEM;
                }
            }
            note_parents(doc, a, file, d);
        }
    }
    return rc;
}

static void px_free(px *x)
{
    free_ann(&x->cur);
    for (size_t i = 0; i < x->n; i++)
        free_ann(&x->v[i]);
    free(x->v);
    free(x->savetime);
    free(x->progress);
    free(x->schema);
    free_strv(x->schema_atts);
    ck_buf_free(&x->text);
}

/* Parse one annotation file into doc. */
static ck_status parse_xml(const char *data, size_t len, ck_doc *doc,
                           const char *file, ck_diag *d)
{
    px x;
    memset(&x, 0, sizeof x);
    XML_Parser p = ck_xml_new(&x.guard);
    if (!p)
        return CK_ERR_NOMEM;
    XML_SetElementHandler(p, on_start, on_end);
    XML_SetCharacterDataHandler(p, on_text);
    ck_status rc = CK_OK;
    if (len > (size_t)1 << 30)
        rc = ck_diag_error(d, file, 0, "file too large for the XML parser");
    else if (XML_Parse(p, data, (int)len, XML_TRUE) == XML_STATUS_ERROR || x.guard.refused) {
        if (x.nomem)
            rc = CK_ERR_NOMEM;
        else
            rc = ck_diag_add(d, CK_SEV_ERROR, file, (size_t)XML_GetCurrentLineNumber(p),
                             (size_t)XML_GetCurrentColumnNumber(p) + 1, (size_t)-1, "%s",
                             x.guard.refused ? x.guard.refused
                                             : XML_ErrorString(XML_GetErrorCode(p)))
                     ? CK_ERR_PARSE : CK_OK;
        x.guard.refused = "error"; /* do not build a half-read document */
    }
    if (x.nomem)
        rc = CK_ERR_NOMEM;
    if (rc == CK_OK && !x.guard.refused)
        rc = build(&x, doc, file, d);
    else if (rc == CK_OK)
        rc = CK_STOP; /* lenient: skip this file */
    XML_ParserFree(p);
    px_free(&x);
    return rc;
}

/* ---- locating files ---- */

static const char *base_of(const char *name)
{
    const char *b = strrchr(name, '/');
    return b ? b + 1 : name;
}

/* For an .xml entry, the document name (malloc'd) and text entry index
 * ((size_t)-1 if absent); NULL if the name does not follow the layout. */
static char *doc_of(ck_source *src, const char *name, size_t *text)
{
    const char *base = base_of(name);
    size_t dirlen = (size_t)(base - name);
    *text = (size_t)-1;
    if (dirlen > 1) {
        /* DIR/DOC/DOC.*.xml */
        const char *dend = name + dirlen - 1, *dstart = dend;
        while (dstart > name && dstart[-1] != '/')
            dstart--;
        size_t fl = (size_t)(dend - dstart);
        if (fl && strncmp(base, dstart, fl) == 0 && base[fl] == '.') {
            char *doc = dupn(dstart, fl);
            char *tname = malloc(dirlen + fl + 1);
            if (doc && tname) {
                memcpy(tname, name, dirlen);
                memcpy(tname + dirlen, doc, fl + 1);
                *text = ck_source_find(src, tname);
            }
            free(tname);
            return doc;
        }
    }
    /* DOC.*.xml beside DOC: the longest prefix ending before a '.' */
    for (const char *dot = strrchr(base, '.'); dot && dot > base;) {
        char *tname = malloc(dirlen + (size_t)(dot - base) + 1);
        if (!tname)
            return NULL;
        memcpy(tname, name, dirlen);
        memcpy(tname + dirlen, base, (size_t)(dot - base));
        tname[dirlen + (size_t)(dot - base)] = '\0';
        size_t t = ck_source_find(src, tname);
        free(tname);
        if (t != (size_t)-1) {
            *text = t;
            return dupn(base, (size_t)(dot - base));
        }
        const char *q = dot - 1;
        while (q > base && *q != '.')
            q--;
        dot = q > base ? q : NULL;
    }
    return NULL;
}

static size_t find_text_in(ck_source *ts, const char *doc)
{
    size_t n = ck_source_count(ts), best = (size_t)-1;
    for (size_t i = 0; i < n; i++) {
        const char *nm = ck_source_name(ts, i);
        if (strcmp(base_of(nm), doc) == 0) {
            best = i;
            /* prefer DOC/DOC */
            const char *b = base_of(nm);
            size_t dl = strlen(doc);
            if ((size_t)(b - nm) > dl && strncmp(b - dl - 1, doc, dl) == 0)
                break;
        }
    }
    return best;
}

static ck_status set_text(ck_source *s, size_t i, ck_doc *doc, ck_diag *d)
{
    const char *data;
    size_t len, bad;
    ck_status rc = ck_source_load(s, i, &data, &len, d);
    if (rc == CK_OK && ck_doc_set_text(doc, data, len, &bad))
        rc = ck_diag_add(d, CK_SEV_ERROR, ck_source_display(s, i), 0, 0, bad,
                         "text is not valid UTF-8") ? CK_ERR_PARSE : CK_STOP;
    ck_source_release(s, i);
    return rc;
}

static const char *const read_opts[] = {"text", "match", NULL};

static ck_status anafora_read(const char *path, ck_opts opts, ck_doc_sink sink,
                              void *user, ck_diag *d)
{
    if (ck_opts_check(opts, read_opts, d))
        return CK_ERR_USAGE;
    const char *tdir = ck_opt(opts, "text"), *match = ck_opt(opts, "match");
    ck_source *src, *ts = NULL;
    ck_status rc = ck_source_open(path, &src, d);
    if (rc)
        return rc;
    if (tdir && (rc = ck_source_open(tdir, &ts, d))) {
        ck_source_free(src);
        return rc;
    }
    size_t n = ck_source_count(src);
    for (size_t i = 0; i < n && rc == CK_OK; i++) {
        const char *name = ck_source_name(src, i);
        if (!ck_has_suffix(name, ".xml") || (match && !strstr(base_of(name), match)))
            continue;
        size_t ti;
        char *docname = doc_of(src, name, &ti);
        if (!docname)
            continue; /* not an annotation file (e.g. a schema) */
        ck_doc *doc = ck_doc_new(docname);
        if (!doc) {
            free(docname);
            rc = CK_ERR_NOMEM;
            break;
        }
        const char *base = base_of(name);
        size_t dl = strlen(docname), bl = strlen(base);
        char *suffix = bl > dl + 5 ? dupn(base + dl + 1, bl - dl - 5) : NULL;
        if (suffix && *suffix)
            ck_doc_add_meta(doc, "anafora_file", suffix);
        free(suffix);
        if (ts) {
            size_t t = find_text_in(ts, docname);
            if (t != (size_t)-1)
                rc = set_text(ts, t, doc, d);
            else
                ck_diag_warn(d, tdir, 0, "no text for document %s in this folder", docname);
        } else if (ti != (size_t)-1)
            rc = set_text(src, ti, doc, d);
        free(docname);
        if (rc == CK_OK) {
            const char *data;
            size_t len;
            char *file = strdup(ck_source_display(src, i));
            rc = file ? ck_source_load(src, i, &data, &len, d) : CK_ERR_NOMEM;
            if (rc == CK_OK)
                rc = parse_xml(data, len, doc, file, d);
            ck_source_release(src, i);
            free(file);
        }
        if (rc == CK_OK)
            rc = sink(user, doc);
        else
            ck_doc_free(doc);
        if (rc == CK_STOP && ck_diag_count(d, CK_SEV_ERROR))
            rc = CK_OK; /* lenient: the file was reported and skipped */
    }
    if (ts)
        ck_source_free(ts);
    ck_source_free(src);
    return rc;
}

const ck_format ck_fmt_anafora = {
    .id = "anafora",
    .summary = "Anafora XML (THYME / Clinical TempEval, any schema): DOC/DOC + DOC/DOC.*.xml",
    .layout = "a folder (or archive) with one folder per document: the text DOC (no extension) "
              "beside DOC.<schema>.<annotator>.<status>.xml; text optional (--opt text=DIR, "
              "--opt match=SUBSTRING)",
    .flags = CK_FMT_DIR,
    .read = anafora_read,
    .writer_open = ck_anafora_writer_open,
    .writer_write = ck_anafora_writer_write,
    .writer_close = ck_anafora_writer_close,
};
