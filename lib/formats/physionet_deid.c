/*
 * physionet_deid.c — the PhysioNet "deid" corpus format: notes in one
 * file, each wrapped as
 *     START_OF_RECORD=PATIENT||||NOTE||||\n<body>||||END_OF_RECORD\n
 * and, optionally, a gold phrase file with one PHI a line:
 *     PATIENT NOTE START END TYPE TEXT
 * (0-based, end-exclusive offsets into the body, which starts after the
 * header line). The phrase file is option phrase=FILE, or found beside
 * the notes as NAME.phrase / NAME-phi.phrase (NAME without .text).
 *
 * Document id "PATIENT-NOTE", metadata patient and note. A phrase
 * becomes an entity: type = its i2b2 2014 category when TYPE names a
 * category or subtype (any case), else "PHI"; attr TYPE = TYPE as written,
 * so a round trip gives the same files. The writer writes the notes to
 * PATH and, when any document has PHI entities, the phrases to
 * phrase=FILE or PATH's .phrase companion.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "clinkit/deid.h"
#include "clinkit/format.h"
#include "clinkit/io.h"
#include "core/buf.h"

static const char *const allowed[] = {"phrase", NULL};

static ck_status slurp(const char *path, ck_buf *b, ck_diag *d)
{
    ck_stream *st;
    ck_status rc = ck_stream_open(path, &st, d);
    if (rc)
        return rc;
    char chunk[65536];
    ssize_t k;
    while ((k = ck_stream_read(st, chunk, sizeof chunk, d)) > 0)
        ck_buf_add(b, chunk, (size_t)k);
    ck_stream_close(st);
    if (k < 0)
        return CK_ERR_IO;
    return b->failed ? CK_ERR_NOMEM : CK_OK;
}

/* The companion phrase file of a notes file, if one exists. */
static char *companion(const char *path, int for_write)
{
    size_t n = strlen(path);
    const char *base_end = path + n;
    if (n > 5 && !strcmp(path + n - 5, ".text"))
        base_end -= 5;
    size_t bl = (size_t)(base_end - path);
    static const char *const suffixes[] = {".phrase", "-phi.phrase"};
    for (int i = 0; i < 2; i++) {
        char *p = malloc(bl + strlen(suffixes[i]) + 1);
        if (!p)
            return NULL;
        memcpy(p, path, bl);
        strcpy(p + bl, suffixes[i]);
        FILE *f = for_write ? NULL : fopen(p, "r");
        if (for_write)
            return p;
        if (f) {
            fclose(f);
            return p;
        }
        free(p);
    }
    return NULL;
}

static const char *category_for(const char *type)
{
    static const char *const cats[] = {"NAME", "PROFESSION", "LOCATION", "AGE", "DATE",
                                       "CONTACT", "ID"};
    static const struct {
        const char *sub, *cat;
    } subs[] = {{"PATIENT", "NAME"}, {"DOCTOR", "NAME"}, {"USERNAME", "NAME"},
                {"HOSPITAL", "LOCATION"}, {"STREET", "LOCATION"}, {"CITY", "LOCATION"},
                {"STATE", "LOCATION"}, {"COUNTRY", "LOCATION"}, {"ZIP", "LOCATION"},
                {"ROOM", "LOCATION"}, {"DEPARTMENT", "LOCATION"}, {"ORGANIZATION", "LOCATION"},
                {"PHONE", "CONTACT"}, {"FAX", "CONTACT"}, {"EMAIL", "CONTACT"},
                {"URL", "CONTACT"}, {"IPADDR", "CONTACT"}, {"SSN", "ID"},
                {"MEDICALRECORD", "ID"}, {"HEALTHPLAN", "ID"}, {"ACCOUNT", "ID"},
                {"LICENSE", "ID"}, {"VEHICLE", "ID"}, {"DEVICE", "ID"}, {"BIOID", "ID"},
                {"IDNUM", "ID"}};
    for (size_t i = 0; i < sizeof cats / sizeof *cats; i++)
        if (!strcasecmp(type, cats[i]))
            return cats[i];
    for (size_t i = 0; i < sizeof subs / sizeof *subs; i++)
        if (!strcasecmp(type, subs[i].sub))
            return subs[i].cat;
    return "PHI";
}

typedef struct phrase {
    char *patient, *note, *type, *text;
    size_t start, end, line;
} phrase;

static ck_status read_phrases(const char *path, phrase **out, size_t *n_out, ck_diag *d)
{
    ck_buf b;
    ck_buf_init(&b);
    ck_status rc = slurp(path, &b, d);
    phrase *v = NULL;
    size_t n = 0, cap = 0, line = 0;
    char *p = b.p;
    while (!rc && p && *p) {
        char *eol = strchr(p, '\n');
        if (eol)
            *eol = '\0';
        line++;
        size_t len = strlen(p);
        if (len && p[len - 1] == '\r')
            p[--len] = '\0';
        char *f[5], *s = p;
        int k = 0;
        for (; k < 5; k++) {
            while (*s == ' ' || *s == '\t')
                s++;
            if (!*s)
                break;
            f[k] = s;
            while (*s && *s != ' ' && *s != '\t')
                s++;
            if (*s)
                *s++ = '\0';
        }
        if (len == 0) {
            p = eol ? eol + 1 : p + len;
            continue;
        }
        char *e1, *e2;
        unsigned long long st = k == 5 ? strtoull(f[2], &e1, 10) : 0,
                           en = k == 5 ? strtoull(f[3], &e2, 10) : 0;
        if (k < 5 || *e1 || *e2 || en < st) {
            rc = ck_diag_error(d, path, line,
                               "expected PATIENT NOTE START END TYPE TEXT with START <= END");
        } else {
            if (n == cap) {
                cap = cap ? cap * 2 : 64;
                phrase *nv = realloc(v, cap * sizeof *nv);
                if (!nv) {
                    rc = CK_ERR_NOMEM;
                    break;
                }
                v = nv;
            }
            while (*s == ' ' || *s == '\t')
                s++;
            v[n++] = (phrase){strdup(f[0]), strdup(f[1]), strdup(f[4]), strdup(s),
                              (size_t)st, (size_t)en, line};
        }
        p = eol ? eol + 1 : p + len;
    }
    ck_buf_free(&b);
    *out = v;
    *n_out = n;
    return rc;
}

static void free_phrases(phrase *v, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        free(v[i].patient);
        free(v[i].note);
        free(v[i].type);
        free(v[i].text);
    }
    free(v);
}

static ck_status pn_read(const char *path, ck_opts opts, ck_doc_sink sink, void *user,
                         ck_diag *d)
{
    if (ck_opts_check(opts, allowed, d))
        return CK_ERR_USAGE;
    const char *pp = ck_opt(opts, "phrase");
    char *auto_pp = pp || !strcmp(path, "-") ? NULL : companion(path, 0);
    phrase *ph = NULL;
    size_t nph = 0;
    ck_status rc = CK_OK;
    if (pp || auto_pp)
        rc = read_phrases(pp ? pp : auto_pp, &ph, &nph, d);
    const char *phname = pp ? pp : auto_pp;
    unsigned char *used = calloc(nph + 1, 1);
    ck_buf b;
    ck_buf_init(&b);
    if (!rc)
        rc = slurp(path, &b, d);
    if (!used && !rc)
        rc = CK_ERR_NOMEM;
    static const char head[] = "START_OF_RECORD=", tail[] = "||||END_OF_RECORD";
    const char *p = b.p ? b.p : "", *end = p + b.n;
    size_t line = 1;
    while (!rc && p < end) {
        /* skip blank lines between records */
        if (*p == '\n' || *p == '\r') {
            line += *p == '\n';
            p++;
            continue;
        }
        const char *eol = memchr(p, '\n', (size_t)(end - p));
        if (strncmp(p, head, sizeof head - 1) || !eol) {
            rc = ck_diag_error(d, path, line, "expected a START_OF_RECORD=PATIENT||||NOTE|||| line");
            if (!rc) { /* lenient: skip to the next record */
                const char *nx = eol ? eol + 1 : end;
                while (nx < end && strncmp(nx, head, sizeof head - 1)) {
                    const char *e2 = memchr(nx, '\n', (size_t)(end - nx));
                    line++;
                    nx = e2 ? e2 + 1 : end;
                }
                line++;
                p = nx;
            }
            continue;
        }
        /* header fields */
        const char *f = p + sizeof head - 1, *bar1 = strstr(f, "||||");
        const char *bar2 = bar1 && bar1 < eol ? strstr(bar1 + 4, "||||") : NULL;
        size_t hline = line;
        const char *body = eol + 1, *stop = NULL;
        for (const char *q = body; q < end; q++) {
            if (*q == '|' && !strncmp(q, tail, sizeof tail - 1)) {
                stop = q;
                break;
            }
        }
        if (!bar2 || bar2 > eol || !stop) {
            rc = ck_diag_error(d, path, hline, !stop ? "record has no ||||END_OF_RECORD"
                                                     : "header must be START_OF_RECORD=PATIENT||||NOTE||||");
            break;
        }
        char *patient = strndup(f, (size_t)(bar1 - f)), *note = strndup(bar1 + 4, (size_t)(bar2 - bar1 - 4));
        for (const char *q = p; q < stop; q++)
            line += *q == '\n';
        p = stop + sizeof tail - 1;
        if (p < end && *p == '\r')
            p++;
        if (p < end && *p == '\n')
            p++, line++;
        char id[256];
        snprintf(id, sizeof id, "%s-%s", patient ? patient : "", note ? note : "");
        ck_doc *doc = ck_doc_new(id);
        size_t bad;
        if (!doc || !patient || !note) {
            rc = CK_ERR_NOMEM;
        } else if (ck_doc_set_text(doc, body, (size_t)(stop - body), &bad)) {
            rc = ck_diag_error(d, path, hline, "record %s: not valid UTF-8", id);
            ck_doc_free(doc);
            doc = NULL;
        } else {
            ck_doc_add_meta(doc, "patient", patient);
            ck_doc_add_meta(doc, "note", note);
            size_t k = 0;
            for (size_t i = 0; i < nph && !rc; i++) {
                if (strcmp(ph[i].patient, patient) || strcmp(ph[i].note, note))
                    continue;
                used[i] = 1;
                if (ph[i].end > doc->text_cps) {
                    rc = ck_diag_error(d, phname, ph[i].line,
                                       "offsets %zu-%zu lie outside note %s (%zu characters)",
                                       ph[i].start, ph[i].end, id, doc->text_cps);
                    continue;
                }
                char eid[32];
                snprintf(eid, sizeof eid, "T%zu", ++k);
                ck_entity *e = ck_doc_add_entity(doc, eid, category_for(ph[i].type));
                if (!e || ck_entity_add_span(doc, e, ph[i].start, ph[i].end, ph[i].text) ||
                    ck_entity_add_attr(doc, e, NULL, "TYPE", ph[i].type))
                    rc = CK_ERR_NOMEM;
            }
        }
        free(patient);
        free(note);
        if (doc && !rc)
            rc = sink(user, doc);
        else
            ck_doc_free(doc);
    }
    for (size_t i = 0; i < nph && (!rc || rc == CK_STOP); i++)
        if (!used[i])
            ck_diag_warn(d, phname, ph[i].line, "phrase for patient %s note %s: no such note",
                         ph[i].patient, ph[i].note);
    ck_buf_free(&b);
    free(used);
    free_phrases(ph, nph);
    free(auto_pp);
    return rc == CK_STOP ? CK_OK : rc;
}

/* ---- writing ---- */

typedef struct pw {
    FILE *f, *pf;
    char *path, *ppath;
    int own;
    size_t n;
} pw;

static ck_status pn_writer_open(const char *path, ck_opts opts, void **state, ck_diag *d)
{
    if (ck_opts_check(opts, allowed, d))
        return CK_ERR_USAGE;
    pw *w = calloc(1, sizeof *w);
    if (!w)
        return CK_ERR_NOMEM;
    w->own = strcmp(path, "-") != 0;
    w->f = w->own ? fopen(path, "w") : stdout;
    w->path = strdup(path);
    const char *pp = ck_opt(opts, "phrase");
    w->ppath = pp ? strdup(pp) : w->own ? companion(path, 1) : NULL;
    if (!w->f) {
        ck_diag_add(d, CK_SEV_ERROR, path, 0, 0, (size_t)-1, "cannot write this file");
        free(w->path);
        free(w->ppath);
        free(w);
        return CK_ERR_IO;
    }
    *state = w;
    return CK_OK;
}

static ck_status pn_writer_write(void *state, const ck_doc *doc, ck_diag *d)
{
    pw *w = state;
    w->n++;
    const char *patient = ck_doc_meta(doc, "patient"), *note = ck_doc_meta(doc, "note");
    char pbuf[32], nbuf[32];
    if (!patient || !note) {
        /* a document from another format: number it */
        snprintf(pbuf, sizeof pbuf, "%zu", w->n);
        snprintf(nbuf, sizeof nbuf, "1");
        patient = patient ? patient : pbuf;
        note = note ? note : nbuf;
    }
    if (strstr(patient, "||||") || strstr(note, "||||") || strchr(patient, '\n') ||
        strchr(note, '\n')) {
        ck_diag_add(d, CK_SEV_ERROR, w->path, 0, 0, (size_t)-1,
                    "document %s: patient/note ids cannot hold '||||' or line breaks", doc->id);
        return CK_ERR_PARSE;
    }
    if (doc->text && strstr(doc->text, "||||END_OF_RECORD")) {
        ck_diag_add(d, CK_SEV_ERROR, w->path, 0, 0, (size_t)-1,
                    "document %s: its text holds the end-of-record marker", doc->id);
        return CK_ERR_PARSE;
    }
    fprintf(w->f, "START_OF_RECORD=%s||||%s||||\n%s||||END_OF_RECORD\n", patient, note,
            doc->text ? doc->text : "");
    for (size_t i = 0; i < doc->n_entities; i++) {
        const ck_entity *e = &doc->entities[i];
        if (!ck_deid_is_phi(e->type) || !e->n_spans)
            continue;
        if (!w->pf) {
            if (!w->ppath) {
                ck_diag_add(d, CK_SEV_ERROR, w->path, 0, 0, (size_t)-1,
                            "PHI phrases need --out-opt phrase=FILE when writing to stdout");
                return CK_ERR_USAGE;
            }
            w->pf = fopen(w->ppath, "w");
            if (!w->pf) {
                ck_diag_add(d, CK_SEV_ERROR, w->ppath, 0, 0, (size_t)-1, "cannot write this file");
                return CK_ERR_IO;
            }
        }
        const char *type = ck_attr_get(e->attrs, e->n_attrs, "TYPE");
        const char *p;
        size_t nb;
        size_t s = e->spans[0].start, en = e->spans[e->n_spans - 1].end;
        if (ck_doc_slice(doc, s, en, &p, &nb))
            p = "", nb = 0;
        fprintf(w->pf, "%s %s %zu %zu %s ", patient, note, s, en, type ? type : e->type);
        for (size_t k = 0; k < nb; k++)
            fputc(p[k] == '\n' || p[k] == '\r' ? ' ' : p[k], w->pf);
        fputc('\n', w->pf);
    }
    return ferror(w->f) ? CK_ERR_IO : CK_OK;
}

static ck_status pn_writer_close(void *state, ck_diag *d)
{
    pw *w = state;
    ck_status rc = CK_OK;
    if (fflush(w->f) || (w->own && fclose(w->f)))
        rc = CK_ERR_IO;
    if (w->pf && fclose(w->pf))
        rc = CK_ERR_IO;
    if (rc)
        ck_diag_add(d, CK_SEV_ERROR, w->path, 0, 0, (size_t)-1, "write failed");
    free(w->path);
    free(w->ppath);
    free(w);
    return rc;
}

const ck_format ck_fmt_physionet_deid = {
    .id = "physionet-deid",
    .summary = "PhysioNet deid corpus: START_OF_RECORD=P||||N|||| notes + PHI phrase file",
    .layout = "FILE.text (notes; '-' = stdin); phrases: FILE.phrase beside it or --opt phrase=F",
    .flags = CK_FMT_STREAM,
    .read = pn_read,
    .writer_open = pn_writer_open,
    .writer_write = pn_writer_write,
    .writer_close = pn_writer_close,
};
