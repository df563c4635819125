/*
 * mednlp.c — the NTCIR MedNLP family (MedNLP-1, MedNLP-2, Real-MedNLP
 * MedTxt-CR/RR): inline tags in running text, articles inside one XML file.
 *
 *   <article id="JP9999-1" title="...">
 *   <timex3 type="age">６５歳</timex3>男性。<d certainty="positive">発熱</d>...
 *   </article>
 *
 * Each <article> becomes a document: id = @id, text = the article's
 * character data with the tags removed (entities decoded), one entity per
 * tag inside it (id T1, T2... in start-tag order, type = tag name, span in
 * code points, texts[0] = the tagged text, attrs = the tag's attributes in
 * source order), meta = the other article attributes (title) and the
 * <metadata> children as "metadata.<name>". A file without <article>
 * elements is one document: the root element's content, id = file stem.
 *
 * The writer puts the tags back inline and reproduces the file byte for
 * byte. What the model cannot say is kept in meta "mednlp.*" only when it
 * differs from the canonical form the writer would produce:
 *   mednlp.before / mednlp.after   raw bytes between articles / at the end
 *   mednlp.article, mednlp.article_end, mednlp.tag:<id>, mednlp.end:<id>
 *                                  a start/end tag written differently
 *                                  (quotes, spacing, <x/>, escapes)
 *   mednlp.inner:<id>              an empty tag that holds other (empty)
 *                                  tags: how many
 *   mednlp.raw   text written differently from the canonical escaping
 *                (& < > as &amp; &lt; &gt;): lines "cp,len,depth,tags,raw"
 *                (position and length in code points, open tags, tags
 *                started so far — which fix the order among tags at the
 *                same position) with raw %-encoded (% and control bytes);
 *                comments, PIs and CDATA markers are entries of length 0.
 * XML goes through expat (xml_guard.c: no entity declarations); loosely
 * tagged text through mednlp_loose.c. The writer is mednlp_write.c.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "clinkit/format.h"
#include "clinkit/io.h"
#include "clinkit/text.h"
#include "core/buf.h"
#include "formats/mednlp.h"
#include "formats/mednlp_loose.h"
#include "formats/xml_guard.h"

typedef struct pent {
    char *name;
    char **atts; /* k, v, ..., NULL */
    size_t start, end;
    char *raw_start, *raw_end; /* NULL when canonical */
    char *inner;               /* empty tag holding others: their count */
} pent;

typedef struct mx {
    ck_xml_guard guard;
    const char *data;
    const char *file, *stem;
    ck_diag *d;
    ck_doc_sink sink;
    void *user;
    ck_status rc;
    int nomem;
    int by_root;       /* no <article>: the root element is the document */
    int loose;         /* --opt markup=loose: events from mednlp_loose.c */
    size_t ev_off, ev_len;
    int depth, art_depth, meta_depth, meta_field;
    size_t last;       /* byte just after the previous article */
    size_t n_articles;
    ck_buf text, raw, field;
    size_t cps;
    pent *ents;
    size_t n_ents, cap_ents;
    size_t *stack;
    size_t sp, cap_stack;
    char **art_atts;
    char *art_raw, *art_before;
    char **metadata; /* name, value pairs, NULL-terminated */
    size_t n_metadata;
    ck_doc *pending;   /* finished, waiting for the bytes after it */
} mx;

static void start_tag(ck_buf *b, const char *name, const char *const *atts)
{
    ck_buf_addc(b, '<');
    ck_buf_adds(b, name);
    for (size_t i = 0; atts && atts[i]; i += 2) {
        ck_buf_addf(b, " %s=\"", atts[i]);
        ck_mednlp_esc_attr(b, atts[i + 1] ? atts[i + 1] : "");
        ck_buf_addc(b, '"');
    }
    ck_buf_addc(b, '>');
}

static void pct(ck_buf *b, const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c == '%' || c < 0x20 || c == 0x7f)
            ck_buf_addf(b, "%%%02X", c);
        else
            ck_buf_addc(b, (char)c);
    }
}

static char *dupn(const char *s, size_t n)
{
    char *p = malloc(n + 1);
    if (p) {
        memcpy(p, s, n);
        p[n] = '\0';
    }
    return p;
}

static char **dup_atts(const XML_Char **atts)
{
    size_t n = 0;
    while (atts[n])
        n++;
    char **v = calloc(n + 1, sizeof *v);
    for (size_t i = 0; v && i < n; i++)
        if (!(v[i] = strdup(atts[i]))) {
            for (size_t j = 0; j < i; j++)
                free(v[j]);
            free(v);
            return NULL;
        }
    return v;
}

static void free_atts(char **a)
{
    for (size_t i = 0; a && a[i]; i++)
        free(a[i]);
    free(a);
}

static void reset_article(mx *x)
{
    for (size_t i = 0; i < x->n_ents; i++) {
        free(x->ents[i].name);
        free_atts(x->ents[i].atts);
        free(x->ents[i].raw_start);
        free(x->ents[i].raw_end);
        free(x->ents[i].inner);
    }
    x->n_ents = 0;
    x->sp = 0;
    ck_buf_reset(&x->text);
    ck_buf_reset(&x->raw);
    x->cps = 0;
    free_atts(x->art_atts);
    x->art_atts = NULL;
    free(x->art_raw);
    x->art_raw = NULL;
    free(x->art_before);
    x->art_before = NULL;
}

static void stop(mx *x, ck_status rc)
{
    x->rc = rc;
    if (!x->loose)
        XML_StopParser(x->guard.parser, XML_FALSE);
}

/* The raw bytes of the current event. */
static const char *raw_event(mx *x, size_t *n)
{
    if (x->loose) {
        *n = x->ev_len;
        return x->data + x->ev_off;
    }
    long idx = XML_GetCurrentByteIndex(x->guard.parser);
    int cnt = XML_GetCurrentByteCount(x->guard.parser);
    *n = cnt > 0 ? (size_t)cnt : 0;
    return idx >= 0 ? x->data + idx : x->data;
}

/* Text (decoded s) or markup (s == NULL) inside an article whose raw form
 * is not the canonical one: record an exception. */
static void note_raw(mx *x, const char *s, size_t len)
{
    size_t rn;
    const char *r = raw_event(x, &rn);
    ck_buf canon;
    ck_buf_init(&canon);
    if (s)
        ck_mednlp_esc_text(&canon, s, len);
    int same = canon.n == rn && (rn == 0 || memcmp(canon.p, r, rn) == 0);
    ck_buf_free(&canon);
    if (same)
        return;
    size_t cp = s ? ck_utf8_count(s, len) : 0;
    ck_buf_addf(&x->raw, "%zu,%zu,%zu,%zu,", x->cps, cp, x->sp, x->n_ents);
    pct(&x->raw, r, rn);
    ck_buf_addc(&x->raw, '\n');
}

static void finish_pending(mx *x, const char *after, size_t n)
{
    if (!x->pending)
        return;
    ck_doc *doc = x->pending;
    x->pending = NULL;
    if (after) {
        char *a = dupn(after, n);
        if (!a) {
            ck_doc_free(doc);
            stop(x, CK_ERR_NOMEM);
            return;
        }
        if (strcmp(a, x->by_root ? "\n" : "\n</articles>\n</root>\n"))
            ck_doc_add_meta(doc, "mednlp.after", a);
        free(a);
    }
    ck_status rc = x->sink(x->user, doc);
    if (rc)
        stop(x, rc);
}

static void XMLCALL on_start(void *user, const XML_Char *name, const XML_Char **atts)
{
    mx *x = user;
    x->depth++;
    size_t rn;
    const char *r = raw_event(x, &rn);
    if (x->art_depth) {
        if (x->n_ents == x->cap_ents) {
            size_t cap = x->cap_ents ? x->cap_ents * 2 : 32;
            pent *nv = realloc(x->ents, cap * sizeof *nv);
            if (!nv)
                { stop(x, CK_ERR_NOMEM); return; }
            x->ents = nv;
            x->cap_ents = cap;
        }
        if (x->sp == x->cap_stack) {
            size_t cap = x->cap_stack ? x->cap_stack * 2 : 16;
            size_t *nv = realloc(x->stack, cap * sizeof *nv);
            if (!nv)
                { stop(x, CK_ERR_NOMEM); return; }
            x->stack = nv;
            x->cap_stack = cap;
        }
        pent *e = &x->ents[x->n_ents];
        memset(e, 0, sizeof *e);
        e->name = strdup(name);
        e->atts = dup_atts(atts);
        e->start = e->end = x->cps;
        ck_buf canon;
        ck_buf_init(&canon);
        start_tag(&canon, name, (const char *const *)atts);
        if (canon.n != rn || memcmp(canon.p, r, rn))
            e->raw_start = dupn(r, rn);
        ck_buf_free(&canon);
        if (!e->name || !e->atts)
            { stop(x, CK_ERR_NOMEM); return; }
        x->stack[x->sp++] = x->n_ents++;
        return;
    }
    int is_article = x->by_root ? x->depth == 1 : strcmp(name, "article") == 0;
    if (is_article) {
        reset_article(x);
        x->art_depth = x->depth;
        size_t idx = (size_t)(r - x->data);
        finish_pending(x, NULL, 0);
        x->art_before = dupn(x->data + x->last, idx - x->last);
        x->art_atts = dup_atts(atts);
        if (!x->art_before || !x->art_atts)
            { stop(x, CK_ERR_NOMEM); return; }
        ck_buf canon;
        ck_buf_init(&canon);
        start_tag(&canon, name, (const char *const *)atts);
        if (x->by_root || canon.n != rn || memcmp(canon.p, r, rn))
            x->art_raw = dupn(r, rn);
        ck_buf_free(&canon);
        return;
    }
    if (strcmp(name, "metadata") == 0)
        x->meta_depth = x->depth;
    else if (x->meta_depth && x->depth == x->meta_depth + 1) {
        x->meta_field = 1;
        ck_buf_reset(&x->field);
    }
}

static ck_status build_doc(mx *x, const char *end_raw, size_t end_n, ck_doc **out)
{
    const char *id = NULL;
    for (size_t i = 0; x->art_atts[i]; i += 2)
        if (strcmp(x->art_atts[i], "id") == 0)
            id = x->art_atts[i + 1];
    char gen[512];
    if (!id || x->by_root) {
        snprintf(gen, sizeof gen, x->by_root ? "%s" : "%s-%zu", x->stem, x->n_articles);
        id = gen;
    }
    ck_doc *doc = ck_doc_new(id);
    if (!doc)
        return CK_ERR_NOMEM;
    size_t bad;
    if (ck_doc_set_text(doc, x->text.p ? x->text.p : "", x->text.n, &bad)) {
        ck_doc_free(doc);
        return CK_ERR_NOMEM; /* expat only hands out valid UTF-8 */
    }
    ck_buf names;
    ck_buf_init(&names);
    for (size_t i = 0; x->art_atts[i]; i += 2) {
        ck_buf_addf(&names, "%s%s", i ? " " : "", x->art_atts[i]);
        if (strcmp(x->art_atts[i], "id"))
            ck_doc_add_meta(doc, x->art_atts[i], x->art_atts[i + 1]);
    }
    for (size_t i = 0; i < x->n_metadata; i++) {
        char key[300];
        snprintf(key, sizeof key, "metadata.%s", x->metadata[2 * i]);
        ck_doc_add_meta(doc, key, x->metadata[2 * i + 1]);
    }
    if (x->by_root)
        ck_doc_add_meta(doc, "mednlp.root", "1");
    if (strcmp(ck_buf_str(&names), "id title"))
        ck_doc_add_meta(doc, "mednlp.article_attrs", ck_buf_str(&names));
    ck_buf_free(&names);
    if (x->n_articles == 1 || strcmp(x->art_before, "\n") != 0)
        ck_doc_add_meta(doc, "mednlp.before", x->art_before);
    if (x->art_raw)
        ck_doc_add_meta(doc, "mednlp.article", x->art_raw);
    const char *canon_end = x->by_root ? NULL : "</article>";
    if (!canon_end || strlen(canon_end) != end_n || memcmp(canon_end, end_raw, end_n)) {
        char *e = dupn(end_raw, end_n);
        if (e)
            ck_doc_add_meta(doc, "mednlp.article_end", e);
        free(e);
    }
    if (x->raw.n)
        ck_doc_add_meta(doc, "mednlp.raw", ck_buf_str(&x->raw));
    for (size_t i = 0; i < x->n_ents; i++) {
        pent *p = &x->ents[i];
        char eid[32], key[64];
        snprintf(eid, sizeof eid, "T%zu", i + 1);
        ck_entity *e = ck_doc_add_entity(doc, eid, p->name);
        const char *s;
        size_t n;
        char *t = NULL;
        if (e && ck_doc_slice(doc, p->start, p->end, &s, &n) == 0)
            t = dupn(s, n);
        if (!e || !t || ck_entity_add_span(doc, e, p->start, p->end, t)) {
            free(t);
            ck_doc_free(doc);
            return CK_ERR_NOMEM;
        }
        free(t);
        for (size_t k = 0; p->atts[k]; k += 2)
            ck_entity_add_attr(doc, e, NULL, p->atts[k], p->atts[k + 1]);
        if (p->raw_start) {
            snprintf(key, sizeof key, "mednlp.tag:%s", eid);
            ck_doc_add_meta(doc, key, p->raw_start);
        }
        if (p->inner) {
            snprintf(key, sizeof key, "mednlp.inner:%s", eid);
            ck_doc_add_meta(doc, key, p->inner);
        }
        if (p->raw_end) {
            snprintf(key, sizeof key, "mednlp.end:%s", eid);
            ck_doc_add_meta(doc, key, p->raw_end);
        }
    }
    *out = doc;
    return CK_OK;
}

static void XMLCALL on_end(void *user, const XML_Char *name)
{
    mx *x = user;
    size_t rn;
    const char *r = raw_event(x, &rn);
    if (x->art_depth && x->depth > x->art_depth) {
        if (x->sp) {
            pent *e = &x->ents[x->stack[--x->sp]];
            e->end = x->cps;
            size_t idx = (size_t)(e - x->ents), inner = x->n_ents - 1 - idx;
            if (e->start == e->end && inner) {
                /* <d><t></t></d> with both empty: say how many tags d holds */
                char val[32];
                snprintf(val, sizeof val, "%zu", inner);
                free(e->inner);
                e->inner = strdup(val);
            }
            size_t nl = strlen(name);
            if (rn != nl + 3 || memcmp(r, "</", 2) || memcmp(r + 2, name, nl) || r[nl + 2] != '>')
                if (!(e->raw_end = dupn(r, rn)))
                    stop(x, CK_ERR_NOMEM);
        }
    } else if (x->art_depth && x->depth == x->art_depth) {
        x->n_articles++;
        ck_doc *doc = NULL;
        ck_status rc = build_doc(x, r, rn, &doc);
        if (rc)
            stop(x, rc);
        x->pending = doc;
        x->art_depth = 0;
        x->last = (size_t)(r - x->data) + rn;
    } else if (x->meta_field && x->depth == x->meta_depth + 1) {
        x->meta_field = 0;
        char **nv = realloc(x->metadata, (2 * x->n_metadata + 2) * sizeof *nv);
        if (!nv)
            { stop(x, CK_ERR_NOMEM); return; }
        x->metadata = nv;
        nv[2 * x->n_metadata] = strdup(name);
        nv[2 * x->n_metadata + 1] = strdup(ck_buf_str(&x->field));
        x->n_metadata++;
    } else if (x->meta_depth == x->depth)
        x->meta_depth = 0;
    x->depth--;
}

static void XMLCALL on_text(void *user, const XML_Char *s, int len)
{
    mx *x = user;
    if (x->art_depth) {
        note_raw(x, s, (size_t)len);
        ck_buf_add(&x->text, s, (size_t)len);
        x->cps += ck_utf8_count(s, (size_t)len);
    } else if (x->meta_field)
        ck_buf_add(&x->field, s, (size_t)len);
}

/* Markup with no handler (comments, PIs, CDATA markers, DOCTYPE). */
static void XMLCALL on_default(void *user, const XML_Char *s, int len)
{
    mx *x = user;
    if (x->art_depth && len > 0)
        note_raw(x, NULL, 0);
}

static void lz_pos(void *u, size_t off, size_t len)
{
    mx *x = u;
    x->ev_off = off;
    x->ev_len = len;
}
static void lz_start(void *u, const char *name, const char **atts) { on_start(u, name, atts); }
static void lz_end(void *u, const char *name) { on_end(u, name); }
static void lz_text(void *u, const char *s, int len) { on_text(u, s, len); }
static void lz_other(void *u, const char *s, int len) { on_default(u, s, len); }
static int lz_stopped(void *u) { return ((mx *)u)->rc != CK_OK; }

/* Loosely tagged text: articles if any, else the whole file is one
 * document (no root element needed). */
static ck_status parse_loose(mx *x, size_t len)
{
    static const ck_loose_cb cb = {lz_pos, lz_start, lz_end, lz_text, lz_other, lz_stopped};
    int whole = x->by_root;
    if (whole) {
        x->depth = x->art_depth = 1;
        x->art_before = strdup("");
        x->art_raw = strdup("");
        x->art_atts = calloc(1, sizeof *x->art_atts);
        if (!x->art_before || !x->art_raw || !x->art_atts)
            return CK_ERR_NOMEM;
    }
    size_t line = 0, bad;
    const char *msg = NULL;
    /* expat checks these in XML mode; C strings cannot hold a NUL */
    if (!ck_utf8_valid(x->data, len, &bad))
        return ck_diag_add(x->d, CK_SEV_ERROR, x->file, 0, 0, bad, "not valid UTF-8")
                   ? CK_ERR_PARSE : CK_STOP;
    if (memchr(x->data, '\0', len))
        return ck_diag_add(x->d, CK_SEV_ERROR, x->file, 0, 0,
                           (size_t)((const char *)memchr(x->data, '\0', len) - x->data),
                           "NUL byte in the text") ? CK_ERR_PARSE : CK_STOP;
    int r = ck_loose_parse(x->data, len, &cb, x, &line, &msg);
    if (r == -2)
        return CK_ERR_NOMEM;
    if (x->rc)
        return x->rc;
    if (r)
        return ck_diag_error(x->d, x->file, line, "%s", msg) ? CK_ERR_PARSE : CK_STOP;
    if (whole) {
        x->n_articles++;
        ck_doc *doc = NULL;
        ck_status rc = build_doc(x, "", 0, &doc);
        if (rc)
            return rc;
        x->pending = doc;
        x->last = len;
    }
    return CK_OK;
}

static ck_status parse_file(const char *data, size_t len, const char *file,
                            const char *stem, int loose, ck_doc_sink sink, void *user,
                            ck_diag *d)
{
    mx x;
    memset(&x, 0, sizeof x);
    x.data = data;
    x.file = file;
    x.stem = stem;
    x.d = d;
    x.sink = sink;
    x.user = user;
    x.by_root = !strstr(data, "<article");
    x.loose = loose;
    if (loose) {
        ck_status rc = len > (size_t)1 << 30 ? ck_diag_error(d, file, 0, "file too large")
                                             : parse_loose(&x, len);
        if (rc == CK_STOP)
            rc = CK_OK; /* lenient: reported, file skipped */
        if (x.pending && rc == CK_OK) {
            finish_pending(&x, data + x.last, len - x.last);
            rc = x.rc;
        } else if (x.pending)
            ck_doc_free(x.pending);
        reset_article(&x);
        free(x.ents);
        free(x.stack);
        ck_buf_free(&x.text);
        ck_buf_free(&x.raw);
        ck_buf_free(&x.field);
        for (size_t i = 0; i < 2 * x.n_metadata; i++)
            free(x.metadata[i]);
        free(x.metadata);
        return rc;
    }
    XML_Parser p = ck_xml_new(&x.guard);
    if (!p)
        return CK_ERR_NOMEM;
    XML_SetElementHandler(p, on_start, on_end);
    XML_SetCharacterDataHandler(p, on_text);
    XML_SetDefaultHandler(p, on_default);
    ck_status rc = CK_OK;
    if (len > (size_t)1 << 30)
        rc = ck_diag_error(d, file, 0, "file too large for the XML parser");
    else if (XML_Parse(p, data, (int)len, XML_TRUE) == XML_STATUS_ERROR || x.guard.refused ||
             x.rc) {
        if (x.rc)
            rc = x.rc;
        else
            rc = ck_diag_add(d, CK_SEV_ERROR, file, (size_t)XML_GetCurrentLineNumber(p),
                             (size_t)XML_GetCurrentColumnNumber(p) + 1, (size_t)-1, "%s%s",
                             x.guard.refused ? x.guard.refused
                                             : XML_ErrorString(XML_GetErrorCode(p)),
                             x.guard.refused ? ""
                                             : " (loosely tagged MedNLP-1/-2 text? try --opt markup=loose)")
                     ? CK_ERR_PARSE : CK_OK;
        if (x.pending && rc == CK_OK)
            ck_diag_warn(d, file, 0, "the document before the error is kept without the bytes after it");
    } else if (!x.n_articles && !x.pending)
        ck_diag_warn(d, file, 0, "no <article> element and no content: no document");
    if (x.pending && rc == CK_OK) {
        x.rc = CK_OK;
        finish_pending(&x, data + x.last, len - x.last);
        rc = x.rc;
    } else if (x.pending) {
        ck_doc_free(x.pending);
    }
    XML_ParserFree(p);
    reset_article(&x);
    free(x.ents);
    free(x.stack);
    ck_buf_free(&x.text);
    ck_buf_free(&x.raw);
    ck_buf_free(&x.field);
    for (size_t i = 0; i < 2 * x.n_metadata; i++)
        free(x.metadata[i]);
    free(x.metadata);
    return rc == CK_STOP ? CK_STOP : rc;
}

static ck_status mednlp_read(const char *path, ck_opts opts, ck_doc_sink sink,
                             void *user, ck_diag *d)
{
    static const char *const allowed[] = {"markup", NULL};
    if (ck_opts_check(opts, allowed, d))
        return CK_ERR_USAGE;
    const char *markup = ck_opt(opts, "markup");
    if (markup && strcmp(markup, "xml") && strcmp(markup, "loose")) {
        ck_diag_add(d, CK_SEV_ERROR, NULL, 0, 0, (size_t)-1,
                    "option markup: expected xml (default) or loose");
        return CK_ERR_USAGE;
    }
    int loose = markup && !strcmp(markup, "loose");
    ck_source *src;
    ck_status rc = ck_source_open(path, &src, d);
    if (rc)
        return rc;
    size_t n = ck_source_count(src);
    int single = ck_source_is_file(src);
    for (size_t i = 0; i < n && rc == CK_OK; i++) {
        const char *name = ck_source_name(src, i);
        if (!single && !ck_has_suffix(name, ".xml"))
            continue;
        const char *data;
        size_t len;
        char *file = strdup(ck_source_display(src, i));
        char *stem = ck_stem(name);
        rc = file && stem ? ck_source_load(src, i, &data, &len, d) : CK_ERR_NOMEM;
        if (rc == CK_OK)
            rc = parse_file(data, len, file, stem, loose, sink, user, d);
        ck_source_release(src, i);
        free(file);
        free(stem);
    }
    ck_source_free(src);
    return rc;
}

const ck_format ck_fmt_mednlp = {
    .id = "mednlp",
    .summary = "NTCIR MedNLP / MedNLP-2 / Real-MedNLP (MedTxt) inline tags in <article> elements",
    .layout = "one XML file (or a folder/archive of them); each <article> is a document; "
              "the writer reproduces the file byte for byte",
    .flags = CK_FMT_STREAM,
    .read = mednlp_read,
    .writer_open = ck_mednlp_writer_open,
    .writer_write = ck_mednlp_writer_write,
    .writer_close = ck_mednlp_writer_close,
};
