/*
 * doc_check.c — comparing documents (round-trip tests) and validating
 * annotations against the text (`clinkit validate`).
 *
 * Neither ever puts document text into a message unless the diagnostics
 * collector allows it (ck_diag_quote).
 */
#include <stdio.h>
#include <string.h>

#include "clinkit/doc.h"

static int streq(const char *a, const char *b)
{
    if (!a || !b)
        return a == b;
    return strcmp(a, b) == 0;
}

#define FAIL(...) do { if (why) snprintf(why, why_size, __VA_ARGS__); return 0; } while (0)

static int attrs_equal(const ck_attr *a, size_t na, const ck_attr *b,
                       size_t nb)
{
    if (na != nb)
        return 0;
    for (size_t i = 0; i < na; i++)
        if (!streq(a[i].id, b[i].id) || !streq(a[i].key, b[i].key) ||
            !streq(a[i].value, b[i].value))
            return 0;
    return 1;
}

static int args_equal(const ck_arg *a, size_t na, const ck_arg *b, size_t nb)
{
    if (na != nb)
        return 0;
    for (size_t i = 0; i < na; i++)
        if (!streq(a[i].role, b[i].role) || !streq(a[i].ref, b[i].ref))
            return 0;
    return 1;
}

static int entity_equal(const ck_entity *a, const ck_entity *b)
{
    if (!streq(a->id, b->id) || !streq(a->type, b->type) ||
        a->n_spans != b->n_spans || a->n_norms != b->n_norms)
        return 0;
    for (size_t i = 0; i < a->n_spans; i++)
        if (a->spans[i].start != b->spans[i].start ||
            a->spans[i].end != b->spans[i].end ||
            !streq(a->texts[i], b->texts[i]))
            return 0;
    for (size_t i = 0; i < a->n_norms; i++)
        if (!streq(a->norms[i].nid, b->norms[i].nid) ||
            !streq(a->norms[i].db, b->norms[i].db) ||
            !streq(a->norms[i].id, b->norms[i].id) ||
            !streq(a->norms[i].text, b->norms[i].text))
            return 0;
    return attrs_equal(a->attrs, a->n_attrs, b->attrs, b->n_attrs);
}

int ck_doc_equal(const ck_doc *a, const ck_doc *b, char *why, size_t why_size)
{
    if (!streq(a->id, b->id))
        FAIL("document ids differ");
    if (!streq(a->text, b->text))
        FAIL("document %s: texts differ", a->id ? a->id : "?");
    if (!attrs_equal(a->meta, a->n_meta, b->meta, b->n_meta))
        FAIL("document %s: metadata differ", a->id);
    if (a->n_labels != b->n_labels)
        FAIL("document %s: %zu vs %zu labels", a->id, a->n_labels, b->n_labels);
    for (size_t i = 0; i < a->n_labels; i++)
        if (!streq(a->labels[i].name, b->labels[i].name) ||
            !streq(a->labels[i].value, b->labels[i].value) ||
            !attrs_equal(a->labels[i].attrs, a->labels[i].n_attrs,
                         b->labels[i].attrs, b->labels[i].n_attrs))
            FAIL("document %s: label %zu differs", a->id, i);
    if (a->n_entities != b->n_entities)
        FAIL("document %s: %zu vs %zu entities", a->id, a->n_entities,
             b->n_entities);
    for (size_t i = 0; i < a->n_entities; i++)
        if (!entity_equal(&a->entities[i], &b->entities[i]))
            FAIL("document %s: entity %s differs", a->id,
                 a->entities[i].id ? a->entities[i].id : "?");
    if (a->n_passages != b->n_passages)
        FAIL("document %s: %zu vs %zu passages", a->id, a->n_passages,
             b->n_passages);
    for (size_t i = 0; i < a->n_passages; i++)
        if (!entity_equal(&a->passages[i], &b->passages[i]))
            FAIL("document %s: passage %zu differs", a->id, i);
    if (a->n_relations != b->n_relations)
        FAIL("document %s: %zu vs %zu relations", a->id, a->n_relations,
             b->n_relations);
    for (size_t i = 0; i < a->n_relations; i++) {
        const ck_relation *x = &a->relations[i], *y = &b->relations[i];
        if (!streq(x->id, y->id) || !streq(x->type, y->type) ||
            !args_equal(x->args, x->n_args, y->args, y->n_args) ||
            !attrs_equal(x->attrs, x->n_attrs, y->attrs, y->n_attrs))
            FAIL("document %s: relation %s differs", a->id,
                 x->id ? x->id : "?");
    }
    if (a->n_events != b->n_events)
        FAIL("document %s: %zu vs %zu events", a->id, a->n_events,
             b->n_events);
    for (size_t i = 0; i < a->n_events; i++) {
        const ck_event *x = &a->events[i], *y = &b->events[i];
        if (!streq(x->id, y->id) || !streq(x->type, y->type) ||
            !streq(x->trigger, y->trigger) ||
            !args_equal(x->args, x->n_args, y->args, y->n_args) ||
            !attrs_equal(x->attrs, x->n_attrs, y->attrs, y->n_attrs))
            FAIL("document %s: event %s differs", a->id,
                 x->id ? x->id : "?");
    }
    if (a->n_corefs != b->n_corefs)
        FAIL("document %s: %zu vs %zu coreference chains", a->id,
             a->n_corefs, b->n_corefs);
    for (size_t i = 0; i < a->n_corefs; i++) {
        const ck_coref *x = &a->corefs[i], *y = &b->corefs[i];
        int same = streq(x->id, y->id) && streq(x->type, y->type) &&
                   x->n_refs == y->n_refs;
        for (size_t k = 0; same && k < x->n_refs; k++)
            same = streq(x->refs[k], y->refs[k]);
        if (!same)
            FAIL("document %s: coreference chain %zu differs", a->id, i);
    }
    if (a->n_notes != b->n_notes)
        FAIL("document %s: %zu vs %zu notes", a->id, a->n_notes, b->n_notes);
    for (size_t i = 0; i < a->n_notes; i++) {
        const ck_note *x = &a->notes[i], *y = &b->notes[i];
        if (!streq(x->id, y->id) || !streq(x->type, y->type) ||
            !streq(x->ref, y->ref) || !streq(x->text, y->text))
            FAIL("document %s: note %zu differs", a->id, i);
    }
    return 1;
}

/* Does stored text t equal the document text of all fragments joined by
 * single spaces (BRAT's convention for discontiguous entities)? */
static int joined_equal(const ck_doc *doc, const ck_entity *e, const char *t)
{
    size_t off = 0, tl = strlen(t);
    for (size_t i = 0; i < e->n_spans; i++) {
        const char *p;
        size_t n;
        if (ck_doc_slice(doc, e->spans[i].start, e->spans[i].end, &p, &n))
            return 0;
        if (i) {
            if (off >= tl || t[off] != ' ')
                return 0;
            off++;
        }
        if (off + n > tl || memcmp(t + off, p, n) != 0)
            return 0;
        off += n;
    }
    return off == tl;
}

static size_t check_entity(const ck_doc *doc, const ck_entity *e,
                           const char *what, const char *file, ck_diag *d)
{
    size_t problems = 0;
    const char *id = e->id ? e->id : "?";
    for (size_t i = 0; i < e->n_spans; i++) {
        const ck_span *s = &e->spans[i];
        if (s->start > s->end) {
            ck_diag_warn(d, file, 0, "%s %s: span %zu-%zu has start after end",
                         what, id, s->start, s->end);
            problems++;
        } else if (doc->text && s->end > doc->text_cps) {
            ck_diag_warn(d, file, 0,
                         "%s %s: span %zu-%zu ends past the text (%zu characters)",
                         what, id, s->start, s->end, doc->text_cps);
            problems++;
        }
    }
    if (problems || !doc->text)
        return problems;
    /* one stored text for several fragments: BRAT's space-joined form */
    if (e->n_spans > 1 && e->texts[0] && !e->texts[1]) {
        if (!joined_equal(doc, e, e->texts[0])) {
            ck_diag_warn(d, file, 0,
                         "%s %s: stored text %s does not match the document text at its offsets",
                         what, id, ck_diag_quote(d, e->texts[0], strlen(e->texts[0])));
            problems++;
        }
        return problems;
    }
    for (size_t i = 0; i < e->n_spans; i++) {
        const char *t = e->texts[i], *p;
        size_t n;
        if (!t)
            continue;
        ck_doc_slice(doc, e->spans[i].start, e->spans[i].end, &p, &n);
        if (strlen(t) != n || memcmp(t, p, n) != 0) {
            ck_diag_warn(d, file, 0,
                         "%s %s: stored text %s does not match the document text at %zu-%zu",
                         what, id, ck_diag_quote(d, t, strlen(t)),
                         e->spans[i].start, e->spans[i].end);
            problems++;
        }
    }
    return problems;
}

size_t ck_doc_check(const ck_doc *doc, const char *file, ck_diag *d)
{
    size_t problems = 0;
    for (size_t i = 0; i < doc->n_entities; i++)
        problems += check_entity(doc, &doc->entities[i], "entity", file, d);
    for (size_t i = 0; i < doc->n_passages; i++)
        problems += check_entity(doc, &doc->passages[i], "passage", file, d);
    return problems;
}
