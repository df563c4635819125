/*
 * fuzz_view.c — the viewer on arbitrary strings: the input is split at
 * '\n' into text, id, type, attribute value, note and document id (any
 * bytes, invalid UTF-8 included), with spans taken from the first bytes.
 * Property: whatever the strings, the page has exactly three script
 * blocks (the document, the index, the viewer), i.e. nothing the data
 * holds can end a block, and every block's JSON is valid.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "clinkit/clinkit.h"

static char *field(const uint8_t **p, const uint8_t *end)
{
    const uint8_t *nl = memchr(*p, '\n', (size_t)(end - *p));
    const uint8_t *e = nl ? nl : end;
    char *s = malloc((size_t)(e - *p) + 1);
    memcpy(s, *p, (size_t)(e - *p));
    s[e - *p] = '\0';
    *p = nl ? nl + 1 : end;
    return s;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 2)
        return 0;
    size_t s0 = data[0], s1 = data[1];
    const uint8_t *p = data + 2, *end = data + size;
    char *text = field(&p, end), *id = field(&p, end), *type = field(&p, end),
         *val = field(&p, end), *note = field(&p, end), *docid = field(&p, end);
    ck_doc *doc = ck_doc_new(docid);
    ck_doc_set_text(doc, text, strlen(text), NULL); /* refused if not UTF-8: no text */
    ck_entity *e = ck_doc_add_entity(doc, id, type);
    ck_entity_add_span(doc, e, s0, s0 + s1, NULL);
    ck_entity_add_attr(doc, e, NULL, type, val);
    ck_entity_add_norm(doc, e, NULL, val, type, note);
    ck_doc_add_note(doc, "#1", type, id, note);
    ck_doc_add_label(doc, type, val);
    char *out = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&out, &len);
    ck_viewer *v;
    if (ck_viewer_open(f, docid, &v, NULL) == CK_OK) {
        ck_viewer_add(v, doc, NULL);
        ck_viewer_close(v, NULL);
    }
    fclose(f);
    size_t blocks = 0;
    for (const char *q = out; (q = strstr(q, "</script")); q++)
        blocks++;
    if (blocks != 3)
        abort();
    const char *b = strstr(out, "id=\"ck-doc-0\">");
    if (!b)
        abort();
    b += strlen("id=\"ck-doc-0\">");
    json_t *j = json_loadb(b, (size_t)(strstr(b, "</script>") - b), 0, NULL);
    if (!j)
        abort();
    json_decref(j);
    free(out);
    ck_doc_free(doc);
    free(text), free(id), free(type), free(val), free(note), free(docid);
    return 0;
}
