/*
 * test_site.c — HTML output: the viewer escapes everything a document can
 * carry, writes one JSON block per document with code-point offsets, and
 * survives invalid UTF-8 in annotation strings; the catalog site writes a
 * page per data set, escapes catalog text and refuses ids that are not
 * file-name safe.
 */
#include <jansson.h>

#include "testutil.h"

/* Run the viewer over docs into a string (caller frees). */
static char *render(ck_doc **docs, size_t n)
{
    char *out = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&out, &len);
    assert_non_null(f);
    ck_viewer *v;
    assert_int_equal(ck_viewer_open(f, "t<i>tle", &v, NULL), CK_OK);
    for (size_t i = 0; i < n; i++)
        assert_int_equal(ck_viewer_add(v, docs[i], NULL), CK_OK);
    assert_int_equal(ck_viewer_close(v, NULL), CK_OK);
    fclose(f);
    return out;
}

static size_t count(const char *hay, const char *needle)
{
    size_t n = 0;
    for (const char *p = hay; (p = strstr(p, needle)); p++)
        n++;
    return n;
}

/* The JSON inside <script ... id="ID">...</script>, parsed. */
static json_t *block(const char *html, const char *id)
{
    char open[64];
    snprintf(open, sizeof open, "id=\"%s\">", id);
    const char *p = strstr(html, open);
    assert_non_null(p);
    p += strlen(open);
    const char *e = strstr(p, "</script>");
    assert_non_null(e);
    json_error_t err;
    json_t *j = json_loadb(p, (size_t)(e - p), 0, &err);
    if (!j)
        fail_msg("block %s: %s", id, err.text);
    return j;
}

static void viewer_text_cannot_end_its_script_block_or_make_tags(void **state)
{
    (void)state;
    ck_doc *d = ck_doc_new("x</script><script>alert(1)</script>");
    const char *t = "a <script>alert(1)</script> <img src=x onerror=alert(2)> <!-- & \xE2\x80\xA8";
    assert_int_equal(ck_doc_set_text(d, t, strlen(t), NULL), 0);
    ck_entity *e = ck_doc_add_entity(d, "T1", "<b>type</b>");
    ck_entity_add_span(d, e, 2, 10, NULL);
    ck_entity_add_attr(d, e, NULL, "k", "</script>");
    ck_doc_add_note(d, "#1", "AnnotatorNotes", "T1", "<img src=y onerror=alert(3)>");
    char *html = render(&d, 1);
    /* Blocks: one document, the index, the viewer script. */
    assert_int_equal(count(html, "</script>"), 3);
    assert_int_equal(count(html, "<img"), 0);
    assert_int_equal(count(html, "<b>"), 0);
    assert_int_equal(count(html, "<!--"), 0);
    assert_non_null(strstr(html, "<title>clinkit view — t&lt;i&gt;tle</title>"));
    json_t *j = block(html, "ck-doc-0");
    assert_string_equal(json_string_value(json_object_get(j, "text")), t);
    json_t *ent = json_array_get(json_object_get(j, "entities"), 0);
    assert_string_equal(json_string_value(json_object_get(ent, "type")), "<b>type</b>");
    json_decref(j);
    j = block(html, "ck-index");
    assert_string_equal(json_string_value(json_array_get(json_object_get(j, "ids"), 0)),
                        "x</script><script>alert(1)</script>");
    assert_string_equal(json_string_value(json_array_get(json_object_get(j, "types"), 0)), "<b>type</b>");
    json_decref(j);
    free(html);
    ck_doc_free(d);
}

static void viewer_writes_every_document_with_code_point_offsets(void **state)
{
    (void)state;
    ck_doc *docs[3];
    const char *t = "\xE6\x82\xA3\xE8\x80\x85\xF0\x9F\x98\x80\xE9\xA0\xAD\xE7\x97\x9B"; /* 患者😀頭痛 */
    for (int i = 0; i < 3; i++) {
        char id[8];
        snprintf(id, sizeof id, "d%d", i);
        docs[i] = ck_doc_new(id);
        assert_int_equal(ck_doc_set_text(docs[i], t, strlen(t), NULL), 0);
    }
    ck_entity *e = ck_doc_add_entity(docs[1], "T1", "Symptom");
    ck_entity_add_span(docs[1], e, 3, 5, NULL); /* 頭痛, after the emoji */
    ck_entity_add_span(docs[1], e, 0, 1, NULL);
    ck_entity_add_norm(docs[1], e, "N1", "UMLS", "C0018681", NULL);
    ck_relation *r = ck_doc_add_relation(docs[1], "R1", "Rel");
    ck_relation_add_arg(docs[1], r, "Arg1", "T1");
    ck_coref *c = ck_doc_add_coref(docs[1], NULL, "Coref");
    ck_coref_add_ref(docs[1], c, "T1");
    char *html = render(docs, 3);
    json_t *idx = block(html, "ck-index");
    assert_int_equal(json_array_size(json_object_get(idx, "ids")), 3);
    assert_string_equal(json_string_value(json_array_get(json_object_get(idx, "ids"), 2)), "d2");
    assert_int_equal(json_array_size(json_object_get(idx, "types")), 1);
    json_decref(idx);
    json_t *j = block(html, "ck-doc-1");
    json_t *ent = json_array_get(json_object_get(j, "entities"), 0);
    json_t *spans = json_object_get(ent, "spans");
    assert_int_equal(json_integer_value(json_array_get(json_array_get(spans, 0), 0)), 3);
    assert_int_equal(json_integer_value(json_array_get(json_array_get(spans, 0), 1)), 5);
    assert_int_equal(json_integer_value(json_array_get(json_array_get(spans, 1), 1)), 1);
    assert_string_equal(json_string_value(json_array_get(json_array_get(json_object_get(ent, "norms"), 0), 1)),
                        "C0018681");
    assert_int_equal(json_array_size(json_object_get(j, "relations")), 1);
    json_t *chain = json_array_get(json_object_get(j, "corefs"), 0);
    assert_true(json_is_null(json_object_get(chain, "id")));
    json_decref(j);
    free(html);
    for (int i = 0; i < 3; i++)
        ck_doc_free(docs[i]);
}

static void viewer_replaces_invalid_utf8_in_annotation_strings(void **state)
{
    (void)state;
    ck_doc *d = ck_doc_new("bad");
    ck_entity *e = ck_doc_add_entity(d, "T1", "Ty\xFFpe");
    ck_entity_add_span(d, e, 0, 1, NULL);
    char *html = render(&d, 1);
    json_t *j = block(html, "ck-doc-0");
    json_t *ent = json_array_get(json_object_get(j, "entities"), 0);
    assert_string_equal(json_string_value(json_object_get(ent, "type")), "Ty\xEF\xBF\xBDpe");
    assert_true(json_is_null(json_object_get(j, "text")));
    json_decref(j);
    free(html);
    ck_doc_free(d);
}

static char *slurp(const char *dir, const char *name)
{
    char path[1024];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    char *data = NULL;
    size_t n = 0;
    if (ck_read_file(path, &data, &n, NULL) != CK_OK)
        return NULL;
    return data;
}

static void site_writes_index_data_and_a_page_per_data_set(void **state)
{
    (void)state;
    char *dir = tu_tmpdir();
    const ck_catalog *c = ck_catalog_builtin(NULL);
    assert_non_null(c);
    assert_int_equal(ck_site_write(c, dir, NULL), CK_OK);
    char *index = slurp(dir, "index.html"), *data = slurp(dir, "data.js");
    assert_non_null(index);
    assert_non_null(data);
    for (size_t i = 0; i < ck_catalog_count(c); i++) {
        char name[256];
        snprintf(name, sizeof name, "ds/%s.html", ck_catalog_at(c, i)->id);
        char *page = slurp(dir, name);
        assert_non_null(page);
        assert_non_null(strstr(page, "id=\"bibtex\""));
        free(page);
        snprintf(name, sizeof name, "href=\"ds/%s.html\"", ck_catalog_at(c, i)->id);
        assert_non_null(strstr(index, name));
    }
    const char *pre = "window.CLINKIT_CATALOG = ";
    char *js = strstr(data, pre);
    assert_non_null(js);
    js += strlen(pre);
    *strrchr(js, ';') = '\0';
    json_t *arr = json_loads(js, 0, NULL);
    assert_int_equal(json_array_size(arr), ck_catalog_count(c));
    json_decref(arr);
    for (const char *asset = "style.css"; asset; asset = strcmp(asset, "style.css") ? NULL : "site.js") {
        char *a = slurp(dir, asset);
        assert_non_null(a);
        assert_true(strlen(a) > 100);
        free(a);
    }
    free(index);
    free(data);
    tu_rmrf(dir);
    free(dir);
}

static const char *entry =
    "{\"id\": \"%s\", \"family\": \"MIMIC\", \"parent\": null, \"name\": \"A & B <i>x</i>\","
    " \"organiser\": \"O'Neil \\\"Lab\\\"\", \"years\": [2020], \"tasks\": [\"named entity recognition\"],"
    " \"languages\": [\"en\"], \"access\": {\"kind\": \"open\", \"steps\": [\"<script>alert(1)</script>\"],"
    " \"url\": \"https://example.org/?a=1&b=2\"}, \"homepage\": null, \"files\": [], \"splits\": [],"
    " \"formats\": [], \"metric\": null, \"eval_task\": null, \"citation\": \"@misc{k, title={<T>}}\","
    " \"notes\": \"n\"}";

static void site_escapes_catalog_text_and_skips_unsafe_ids(void **state)
{
    (void)state;
    char json[8192], one[2048], two[2048];
    snprintf(one, sizeof one, entry, "good-id");
    snprintf(two, sizeof two, entry, "../escape");
    snprintf(json, sizeof json, "{\"version\": 1, \"datasets\": [%s, %s]}", one, two);
    ck_catalog *c;
    ck_diag *d = ck_diag_new(0);
    assert_int_equal(ck_catalog_parse(json, strlen(json), "test", &c, d), CK_OK);
    char *dir = tu_tmpdir();
    assert_int_equal(ck_site_write(c, dir, d), CK_OK);
    assert_int_equal(ck_diag_count(d, CK_SEV_ERROR), 1);
    char *page = slurp(dir, "ds/good-id.html");
    assert_non_null(page);
    assert_non_null(strstr(page, "<h1>A &amp; B &lt;i&gt;x&lt;/i&gt;</h1>"));
    assert_non_null(strstr(page, "O&#39;Neil &quot;Lab&quot;"));
    assert_non_null(strstr(page, "<li>&lt;script&gt;alert(1)&lt;/script&gt;</li>"));
    assert_non_null(strstr(page, "href=\"https://example.org/?a=1&amp;b=2\""));
    assert_null(strstr(page, "<script>alert"));
    assert_non_null(strstr(page, "no reader for this corpus yet"));
    free(page);
    char *index = slurp(dir, "index.html");
    assert_null(strstr(index, "escape"));
    free(index);
    char *data = slurp(dir, "data.js");
    assert_null(strstr(data, "<"));
    assert_null(strstr(data, "escape"));
    free(data);
    char path[1200];
    snprintf(path, sizeof path, "%s/escape.html", dir);
    assert_int_equal(access(path, F_OK), -1);
    ck_catalog_free(c);
    ck_diag_free(d);
    tu_rmrf(dir);
    free(dir);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(viewer_text_cannot_end_its_script_block_or_make_tags),
        cmocka_unit_test(viewer_writes_every_document_with_code_point_offsets),
        cmocka_unit_test(viewer_replaces_invalid_utf8_in_annotation_strings),
        cmocka_unit_test(site_writes_index_data_and_a_page_per_data_set),
        cmocka_unit_test(site_escapes_catalog_text_and_skips_unsafe_ids),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
