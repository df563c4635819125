/*
 * test_cblue.c — the CBLUE readers and writers: exact code-point offsets
 * with Chinese text, full-width punctuation and astral-plane characters
 * (𠀀 U+20000 is 4 bytes, one code point), every task's mapping to the
 * model, the quirks (inclusive end_idx, "NA" label, null core_name, "##",
 * the README's "entity: " key), byte-identical write-back, and errors that
 * name the file, the line and the record.
 */
#include "testutil.h"

/* Write one file into a fresh folder; returns the folder. */
static char *with_file(const char *rel, const char *data)
{
    char *dir = tu_tmpdir();
    tu_write(dir, rel, data);
    return dir;
}

static char *read_back(const char *dir, const char *rel)
{
    char path[1024], *data;
    size_t len;
    snprintf(path, sizeof path, "%s/%s", dir, rel);
    assert_int_equal(ck_read_file(path, &data, &len, NULL), CK_OK);
    return data;
}

/* read (folder) -> write (folder) -> compare bytes of rel -> read again -> equal */
static void assert_round_trip(const char *format, const char *dir, const char *rel,
                              const char *original)
{
    ck_corpus a, b;
    tu_read(format, dir, &a);
    char *out = tu_tmpdir();
    ck_diag *d = ck_diag_new(1);
    assert_int_equal(ck_write_corpus(format, out, NULL, &a, d), CK_OK);
    ck_diag_free(d);
    char *got = read_back(out, rel);
    if (strcmp(got, original))
        print_error("written:\n%s\nexpected:\n%s\n", got, original);
    assert_string_equal(got, original);
    tu_read(format, out, &b);
    tu_assert_corpus_equal(&a, &b);
    free(got);
    ck_corpus_free(&a);
    ck_corpus_free(&b);
    tu_rmrf(out);
    free(out);
}

static char *span_text(const ck_doc *doc, const ck_entity *e)
{
    return tu_span_text(doc, e, 0);
}

/* Read expecting a strict-mode error; returns the first error item's text. */
static void assert_error(const char *format, const char *dir, const char *file_part,
                         size_t line, const char *msg_part)
{
    ck_diag *d = ck_diag_new(1);
    ck_corpus c;
    ck_corpus_init(&c);
    assert_int_equal(ck_read_corpus(format, dir, NULL, &c, d), CK_ERR_PARSE);
    const ck_diag_item *it = NULL;
    for (size_t i = 0; i < ck_diag_size(d) && !it; i++)
        if (ck_diag_get(d, i)->severity == CK_SEV_ERROR)
            it = ck_diag_get(d, i);
    assert_non_null(it);
    char buf[1024];
    ck_diag_format(it, buf, sizeof buf);
    if (!strstr(buf, file_part) || !strstr(buf, msg_part) || it->line != line)
        print_error("got: %s (line %zu)\n", buf, it->line);
    assert_non_null(strstr(it->file, file_part));
    assert_int_equal(it->line, line);
    assert_non_null(strstr(it->message, msg_part));
    ck_corpus_free(&c);
    ck_diag_free(d);
}

/* ---- CMeEE ---- */

static const char cmeee[] =
    "[\n"
    "  {\n"
    "    \"text\": \"𠀀（注）患者发热，右肺结节。\",\n"
    "    \"entities\": [\n"
    "      {\n"
    "        \"start_idx\": 6,\n"
    "        \"end_idx\": 7,\n"
    "        \"type\": \"sym\",\n"
    "        \"entity\": \"发热\"\n"
    "      },\n"
    "      {\n"
    "        \"start_idx\": 9,\n"
    "        \"end_idx\": 12,\n"
    "        \"type\": \"sym\",\n"
    "        \"entity\": \"右肺结节\"\n"
    "      },\n"
    "      {\n"
    "        \"start_idx\": 9,\n"
    "        \"end_idx\": 10,\n"
    "        \"type\": \"bod\",\n"
    "        \"entity\": \"右肺\"\n"
    "      }\n"
    "    ]\n"
    "  },\n"
    "  {\n"
    "    \"text\": \"无\"\n"
    "  }\n"
    "]";

static void cmeee_inclusive_end_becomes_exclusive_in_code_points(void **state)
{
    (void)state;
    char *dir = with_file("CMeEE/CMeEE_train.json", cmeee);
    ck_corpus c;
    tu_read("cblue-cmeee", dir, &c);
    assert_int_equal(c.n_docs, 2);
    const ck_doc *doc = c.docs[0];
    assert_string_equal(doc->id, "CMeEE/CMeEE_train/0");
    assert_string_equal(ck_doc_meta(doc, "file"), "CMeEE/CMeEE_train.json");
    assert_int_equal(doc->text_cps, 14);
    assert_int_equal(doc->n_entities, 3);
    const ck_entity *e = &doc->entities[0];
    assert_string_equal(e->id, "T1");
    assert_string_equal(e->type, "sym");
    assert_int_equal(e->spans[0].start, 6);
    assert_int_equal(e->spans[0].end, 8);
    char *t = span_text(doc, e);
    assert_string_equal(t, "发热");
    free(t);
    /* nested: 右肺 inside 右肺结节 */
    assert_int_equal(doc->entities[1].spans[0].start, 9);
    assert_int_equal(doc->entities[1].spans[0].end, 13);
    t = span_text(doc, &doc->entities[2]);
    assert_string_equal(t, "右肺");
    free(t);
    assert_int_equal(c.docs[1]->n_entities, 0);
    ck_corpus_free(&c);
    tu_rmrf(dir);
    free(dir);
}

static void cmeee_writes_the_file_back_byte_for_byte(void **state)
{
    (void)state;
    char *dir = with_file("CMeEE/CMeEE_train.json", cmeee);
    assert_round_trip("cblue-cmeee", dir, "CMeEE/CMeEE_train.json", cmeee);
    tu_rmrf(dir);
    free(dir);
}

static void cmeee_reads_the_readme_typo_key_as_entity(void **state)
{
    (void)state;
    char *dir = with_file("CMeEE_train.json", "[{\"text\": \"呼吸肌麻痹\", \"entities\": [{\"start_idx\": 0, "
                                    "\"end_idx\": 2, \"type\": \"bod\", \"entity: \": \"呼吸肌\"}]}]");
    ck_corpus c;
    tu_read("cblue-cmeee", dir, &c);
    const ck_entity *e = &c.docs[0]->entities[0];
    assert_string_equal(e->texts[0], "呼吸肌");
    assert_int_equal(e->n_attrs, 0);
    assert_int_equal(e->spans[0].end, 3);
    ck_corpus_free(&c);
    tu_rmrf(dir);
    free(dir);
}

static void cmeee_offsets_outside_the_text_name_file_line_and_record(void **state)
{
    (void)state;
    char *dir = with_file("CMeEE_dev.json", "[\n  {\"text\": \"头痛\"},\n  {\"text\": \"头痛\",\n"
                                            "   \"entities\": [{\"start_idx\": 0, \"end_idx\": 2, "
                                            "\"type\": \"sym\", \"entity\": \"头痛\"}]}\n]");
    assert_error("cblue-cmeee", dir, "CMeEE_dev.json", 3, "record 2: entity 1");
    tu_rmrf(dir);
    free(dir);
}

static void invalid_json_names_its_line(void **state)
{
    (void)state;
    char *dir = with_file("CMeEE_train.json", "[\n  {\"text\": \"a\"},\n  {\"text\": \"b\",}\n]");
    assert_error("cblue-cmeee", dir, "CMeEE_train.json", 3, "invalid JSON");
    tu_rmrf(dir);
    free(dir);
}

static void lenient_mode_skips_only_the_bad_record(void **state)
{
    (void)state;
    char *dir = with_file("CMeEE_train.json",
                          "[{\"text\": \"甲\"}, {\"text\": 5}, {\"text\": \"乙\"}]");
    ck_diag *d = ck_diag_new(0);
    ck_corpus c;
    ck_corpus_init(&c);
    assert_int_equal(ck_read_corpus("cblue-cmeee", dir, NULL, &c, d), CK_OK);
    assert_int_equal(c.n_docs, 2);
    assert_string_equal(c.docs[1]->id, "CMeEE_train/2");
    assert_int_equal(ck_diag_count(d, CK_SEV_ERROR), 1);
    assert_non_null(strstr(ck_diag_get(d, 0)->message, "record 2"));
    ck_corpus_free(&c);
    ck_diag_free(d);
    tu_rmrf(dir);
    free(dir);
}

static void unknown_keys_and_their_order_survive_a_round_trip(void **state)
{
    (void)state;
    static const char f[] = "[\n  {\n    \"entities\": [],\n    \"text\": \"咳\",\n    \"extra\": {\n"
                            "      \"a\": [\n        1,\n        true\n      ]\n    },\n"
                            "    \"note\": \"tab\\there \\\"q\\\" \\u0001\"\n  }\n]";
    char *dir = with_file("CMeEE_train.json", f);
    assert_round_trip("cblue-cmeee", dir, "CMeEE_train.json", f);
    tu_rmrf(dir);
    free(dir);
}

/* Found by fuzz_cblue: an entity without an "entity" key (here misspelt
 * "'entity", kept as an unknown key) gained one on write, so reading the
 * output again gave a different document. */
static void an_entity_without_entity_key_is_written_without_one(void **state)
{
    (void)state;
    static const char f[] = "[\n  {\n    \"text\": \"发热咳嗽\",\n    \"entities\": [\n      {\n"
                            "        \"start_idx\": 2,\n        \"end_idx\": 3,\n"
                            "        \"type\": \"sym\",\n        \"'entity\": \"咳嗽\"\n"
                            "      }\n    ]\n  }\n]";
    char *dir = with_file("CMeEE_train.json", f);
    assert_round_trip("cblue-cmeee", dir, "CMeEE_train.json", f);
    tu_rmrf(dir);
    free(dir);
}

/* ---- CMeIE ---- */

static const char cmeie[] =
    "{\"text\": \"𠀀胃炎@胃炎患者常见腹胀，可用奥美拉唑。\", \"spo_list\": [{\"Combined\": false, "
    "\"predicate\": \"临床表现\", \"subject\": \"胃炎\", \"subject_type\": \"疾病\", \"object\": "
    "{\"@value\": \"腹胀\"}, \"object_type\": {\"@value\": \"症状\"}}, {\"Combined\": true, "
    "\"predicate\": \"药物治疗\", \"subject\": \"胃炎\", \"subject_type\": \"疾病\", \"object\": "
    "{\"@value\": \"奥美拉唑\"}, \"object_type\": {\"@value\": \"药物\"}}]}\n"
    "{\"text\": \"无关\", \"spo_list\": [{\"Combined\": false, \"predicate\": \"病因\", \"subject\": "
    "\"肺炎\", \"subject_type\": \"疾病\", \"object\": {\"@value\": \"细菌\"}, \"object_type\": "
    "{\"@value\": \"社会学\"}}]}\n";

static void cmeie_places_entities_at_the_first_match(void **state)
{
    (void)state;
    char *dir = with_file("CMeIE/CMeIE_train.json", cmeie);
    tu_write(dir, "CMeIE/53_schemas.json", "{\"subject_type\": \"疾病\"}\n");
    ck_corpus c;
    tu_read("cblue-cmeie", dir, &c);
    assert_int_equal(c.n_docs, 2); /* the schema file is not data */
    const ck_doc *doc = c.docs[0];
    assert_int_equal(doc->n_entities, 3); /* the subject once, reused */
    assert_string_equal(doc->entities[0].type, "疾病");
    assert_int_equal(doc->entities[0].spans[0].start, 1); /* after 𠀀, in the "胃炎@" prefix */
    assert_int_equal(doc->entities[0].spans[0].end, 3);
    assert_int_equal(doc->entities[1].spans[0].start, 10);
    char *t = span_text(doc, &doc->entities[2]);
    assert_string_equal(t, "奥美拉唑");
    free(t);
    assert_int_equal(doc->n_relations, 2);
    const ck_relation *r = &doc->relations[1];
    assert_string_equal(r->type, "药物治疗");
    assert_string_equal(r->args[0].role, "Subject");
    assert_string_equal(r->args[0].ref, "T1");
    assert_string_equal(r->args[1].role, "Object");
    assert_string_equal(r->args[1].ref, "T3");
    assert_string_equal(ck_attr_get(r->attrs, r->n_attrs, "Combined"), "true");
    /* strings not in the text: entities without spans, the string kept */
    const ck_entity *e = &c.docs[1]->entities[0];
    assert_int_equal(e->n_spans, 0);
    assert_string_equal(ck_attr_get(e->attrs, e->n_attrs, "text"), "肺炎");
    ck_corpus_free(&c);
    assert_round_trip("cblue-cmeie", dir, "CMeIE/CMeIE_train.json", cmeie);
    tu_rmrf(dir);
    free(dir);
}

static void cmeie_object_must_be_a_value_dict(void **state)
{
    (void)state;
    char *dir = with_file("CMeIE-V2_train.jsonl",
                          "{\"text\": \"甲\", \"spo_list\": []}\n\n"
                          "{\"text\": \"乙\", \"spo_list\": [{\"predicate\": \"病因\", \"subject\": "
                          "\"乙\", \"object\": \"丙\"}]}\n");
    assert_error("cblue-cmeie", dir, "CMeIE-V2_train.jsonl", 3, "record 2: triple 1");
    tu_rmrf(dir);
    free(dir);
}

/* ---- CHIP-CDN ---- */

static void cdn_splits_terms_at_double_hash(void **state)
{
    (void)state;
    static const char f[] = "[\n  {\n    \"text\": \"𠀀右乳癌术后\",\n    \"normalized_result\": "
                            "\"乳腺恶性肿瘤##手术后状态\"\n  },\n  {\n    \"text\": \"咳\",\n"
                            "    \"normalized_result\": \"\"\n  },\n  {\n    \"text\": \"喘\"\n  }\n]";
    char *dir = with_file("CHIP-CDN/CHIP-CDN_train.json", f);
    ck_corpus c;
    tu_read("cblue-chip-cdn", dir, &c);
    const ck_entity *e = &c.docs[0]->entities[0];
    assert_int_equal(e->spans[0].end, 6);
    assert_int_equal(e->n_norms, 2);
    assert_string_equal(e->norms[0].db, "ICD-10");
    assert_string_equal(e->norms[0].id, "乳腺恶性肿瘤");
    assert_string_equal(e->norms[1].id, "手术后状态");
    assert_int_equal(c.docs[1]->entities[0].n_norms, 0);
    assert_int_equal(c.docs[2]->n_entities, 0);
    ck_corpus_free(&c);
    assert_round_trip("cblue-chip-cdn", dir, "CHIP-CDN/CHIP-CDN_train.json", f);
    tu_rmrf(dir);
    free(dir);
}

/* ---- classification and pairs ---- */

static void ctc_and_qic_become_labelled_documents(void **state)
{
    (void)state;
    static const char ctc[] = "[\n  {\n    \"id\": \"s1\",\n    \"label\": \"Age\",\n    \"text\": "
                              "\"  年龄＞18岁&gt;\"\n  },\n  {\n    \"id\": \"s2\",\n    \"text\": "
                              "\"无\"\n  }\n]";
    char *dir = with_file("CHIP-CTC/CHIP-CTC_train.json", ctc);
    ck_corpus c;
    tu_read("cblue-chip-ctc", dir, &c);
    assert_string_equal(c.docs[0]->text, "  年龄＞18岁&gt;");
    assert_string_equal(ck_doc_meta(c.docs[0], "id"), "s1");
    assert_int_equal(c.docs[0]->n_labels, 1);
    assert_string_equal(c.docs[0]->labels[0].name, "CHIP-CTC");
    assert_string_equal(c.docs[0]->labels[0].value, "Age");
    assert_int_equal(c.docs[1]->n_labels, 0);
    ck_corpus_free(&c);
    assert_round_trip("cblue-chip-ctc", dir, "CHIP-CTC/CHIP-CTC_train.json", ctc);
    tu_rmrf(dir);
    free(dir);

    static const char qic[] = "[\n  {\n    \"id\": \"s1\",\n    \"query\": \"发烧怎么办\",\n"
                              "    \"label\": \"治疗方案\"\n  }\n]";
    dir = with_file("KUAKE-QIC_dev.json", qic);
    tu_read("cblue-kuake-qic", dir, &c);
    assert_string_equal(c.docs[0]->text, "发烧怎么办");
    assert_string_equal(c.docs[0]->labels[0].value, "治疗方案");
    ck_corpus_free(&c);
    assert_round_trip("cblue-kuake-qic", dir, "KUAKE-QIC_dev.json", qic);
    tu_rmrf(dir);
    free(dir);
}

static void pair_tasks_keep_both_sides_as_metadata_and_the_na_label(void **state)
{
    (void)state;
    static const char qqr[] = "[\n  {\n    \"id\": \"s1\",\n    \"query1\": \"腰疼\",\n    \"query2\": "
                              "\"腰椎间盘突出\",\n    \"label\": \"NA\"\n  }\n]";
    char *dir = with_file("KUAKE-QQR_train.json", qqr);
    ck_corpus c;
    tu_read("cblue-kuake-qqr", dir, &c);
    const ck_doc *doc = c.docs[0];
    assert_null(doc->text);
    assert_string_equal(ck_doc_meta(doc, "query1"), "腰疼");
    assert_string_equal(ck_doc_meta(doc, "query2"), "腰椎间盘突出");
    assert_string_equal(doc->labels[0].name, "KUAKE-QQR");
    assert_string_equal(doc->labels[0].value, "NA");
    ck_corpus_free(&c);
    assert_round_trip("cblue-kuake-qqr", dir, "KUAKE-QQR_train.json", qqr);
    tu_rmrf(dir);
    free(dir);

    static const char sts[] = "[\n  {\n    \"id\": \"1\",\n    \"text1\": \"糖尿病能吃西瓜吗？\",\n"
                              "    \"text2\": \"糖尿病可以吃西瓜吗\",\n    \"label\": \"1\",\n"
                              "    \"category\": \"diabetes\"\n  }\n]";
    dir = with_file("CHIP-STS_train.json", sts);
    tu_read("cblue-chip-sts", dir, &c);
    assert_string_equal(ck_doc_meta(c.docs[0], "category"), "diabetes");
    assert_string_equal(c.docs[0]->labels[0].value, "1");
    ck_corpus_free(&c);
    assert_round_trip("cblue-chip-sts", dir, "CHIP-STS_train.json", sts);
    tu_rmrf(dir);
    free(dir);

    static const char qtr[] = "[\n  {\n    \"id\": \"s1\",\n    \"query\": \"智齿\",\n    \"title\": "
                              "\"智齿冠周炎\",\n    \"label\": \"3\"\n  }\n]";
    dir = with_file("KUAKE-QTR_train.json", qtr);
    tu_read("cblue-kuake-qtr", dir, &c);
    assert_string_equal(ck_doc_meta(c.docs[0], "title"), "智齿冠周炎");
    ck_corpus_free(&c);
    assert_round_trip("cblue-kuake-qtr", dir, "KUAKE-QTR_train.json", qtr);
    tu_rmrf(dir);
    free(dir);
}

static void a_numeric_label_is_an_error(void **state)
{
    (void)state;
    char *dir = with_file("CHIP-STS_train.json",
                          "[\n  {\"id\": \"1\", \"text1\": \"a\", \"text2\": \"b\", \"label\": 1}\n]");
    assert_error("cblue-chip-sts", dir, "CHIP-STS_train.json", 2, "record 1: \"label\"");
    tu_rmrf(dir);
    free(dir);
}

/* ---- CHIP-CDEE ---- */

static void cdee_events_with_null_core_name(void **state)
{
    (void)state;
    static const char f[] =
        "[\n  {\n    \"id\": 7,\n    \"text\": \"𠀀肝脏多发低回声影，未见积液。\",\n    \"event\": [\n"
        "      {\n        \"core_name\": null,\n        \"tendency\": \"不确定\",\n"
        "        \"character\": [\n          \"多发\",\n          \"低回声\"\n        ],\n"
        "        \"anatomy_list\": [\n          \"肝脏\"\n        ]\n      },\n"
        "      {\n        \"core_name\": \"积液\",\n        \"tendency\": \"否定\",\n"
        "        \"character\": [],\n        \"anatomy_list\": []\n      }\n    ]\n  }\n]";
    char *dir = with_file("CHIP-CDEE/CHIP-CDEE_train.json", f);
    ck_corpus c;
    tu_read("cblue-chip-cdee", dir, &c);
    const ck_doc *doc = c.docs[0];
    assert_int_equal(doc->n_events, 2);
    assert_null(doc->events[0].trigger);
    assert_string_equal(ck_attr_get(doc->events[0].attrs, doc->events[0].n_attrs, "tendency"),
                        "不确定");
    assert_int_equal(doc->events[0].n_args, 3);
    assert_string_equal(doc->events[0].args[2].role, "anatomy");
    const ck_entity *liver = ck_doc_find_entity(doc, doc->events[0].args[2].ref);
    assert_int_equal(liver->spans[0].start, 1);
    assert_int_equal(liver->spans[0].end, 3);
    const ck_entity *core = ck_doc_find_entity(doc, doc->events[1].trigger);
    assert_string_equal(core->type, "core_name");
    assert_int_equal(core->spans[0].start, 12);
    ck_corpus_free(&c);
    assert_round_trip("cblue-chip-cdee", dir, "CHIP-CDEE/CHIP-CDEE_train.json", f);
    tu_rmrf(dir);
    free(dir);
}

/* ---- KUAKE-IR ---- */

static void kuake_ir_queries_carry_their_relevant_passages(void **state)
{
    (void)state;
    char *dir = tu_tmpdir();
    static const char corpus[] = "1001\t𠀀布洛芬\t退热\n1002\t限盐\n";
    static const char q[] = "1\t发烧吃什么药\n2\t高血压饮食\n";
    static const char qrels[] = "1\t1001\n1\t1002\n2\t1002\n";
    tu_write(dir, "KUAKE-IR/corpus.tsv", corpus);
    tu_write(dir, "KUAKE-IR/KUAKE-IR_train_query.txt", q);
    tu_write(dir, "KUAKE-IR/KUAKE-IR_train.tsv", qrels);
    ck_corpus c;
    tu_read("cblue-kuake-ir", dir, &c);
    assert_int_equal(c.n_docs, 4);
    const ck_doc *q1 = c.docs[0];
    assert_string_equal(q1->id, "KUAKE-IR/KUAKE-IR_train_query/1");
    assert_string_equal(q1->text, "发烧吃什么药");
    assert_int_equal(q1->n_labels, 2);
    assert_string_equal(q1->labels[1].name, "KUAKE-IR");
    assert_string_equal(q1->labels[1].value, "1002");
    const ck_doc *p = c.docs[2];
    assert_string_equal(ck_doc_meta(p, "doc_id"), "1001");
    assert_string_equal(p->text, "𠀀布洛芬\t退热");
    ck_corpus_free(&c);
    assert_round_trip("cblue-kuake-ir", dir, "KUAKE-IR/corpus.tsv", corpus);
    assert_round_trip("cblue-kuake-ir", dir, "KUAKE-IR/KUAKE-IR_train.tsv", qrels);
    assert_round_trip("cblue-kuake-ir", dir, "KUAKE-IR/KUAKE-IR_train_query.txt", q);
    tu_rmrf(dir);
    free(dir);
}

static void kuake_ir_judgements_go_to_the_first_query_and_unknown_ones_are_kept(void **state)
{
    (void)state;
    char *dir = tu_tmpdir();
    tu_write(dir, "KUAKE-IR_dev_query.txt", "1\t甲\n2\t乙\n1\t丙\n");
    tu_write(dir, "KUAKE-IR_dev.tsv", "9\t1001\n1\t1002\n9\t1003\n");
    ck_diag *d = ck_diag_new(1);
    ck_corpus c;
    ck_corpus_init(&c);
    assert_int_equal(ck_read_corpus("cblue-kuake-ir", dir, NULL, &c, d), CK_OK);
    assert_int_equal(ck_diag_count(d, CK_SEV_WARNING), 1); /* qid 9, once */
    ck_diag_free(d);
    assert_int_equal(c.n_docs, 4);
    assert_int_equal(c.docs[0]->n_labels, 1);
    assert_int_equal(c.docs[2]->n_labels, 0);
    const ck_doc *nine = c.docs[3];
    assert_null(nine->text);
    assert_int_equal(nine->n_labels, 2);
    assert_string_equal(nine->labels[1].value, "1003");
    ck_corpus_free(&c);
    tu_rmrf(dir);
    free(dir);
}

static void kuake_ir_drops_one_cr_before_lf_and_the_writer_keeps_a_final_cr(void **state)
{
    (void)state;
    static const char f[] = "1\t\xE7\x94\xB2\n2\ta\r\r\n";
    char *dir = with_file("corpus.tsv", "1\t\xE7\x94\xB2\r\n2\ta\r\r\n");
    ck_corpus c;
    tu_read("cblue-kuake-ir", dir, &c);
    assert_string_equal(c.docs[0]->text, "\xE7\x94\xB2");
    assert_string_equal(c.docs[1]->text, "a\r");
    ck_corpus_free(&c);
    assert_round_trip("cblue-kuake-ir", dir, "corpus.tsv", f);
    tu_rmrf(dir);
    free(dir);
}

static void kuake_ir_line_without_tab_is_an_error(void **state)
{
    (void)state;
    char *dir = with_file("KUAKE-IR/corpus.tsv", "1\ta\n\n2 b\n");
    assert_error("cblue-kuake-ir", dir, "corpus.tsv", 3, "tab");
    tu_rmrf(dir);
    free(dir);
}

/* ---- IMCS-V2 ---- */

static const char imcs[] =
    "{\n  \"d1\": {\n    \"diagnosis\": \"上感\",\n    \"dialogue\": [\n      {\n"
    "        \"sentence_id\": \"1\",\n        \"speaker\": \"患者\",\n"
    "        \"sentence\": \"𠀀咳嗽，发烧\",\n        \"dialogue_act\": \"Inform-Symptom\",\n"
    "        \"symptom_norm\": [\n          \"咳嗽\",\n          \"发热\"\n        ],\n"
    "        \"symptom_type\": [\n          \"1\",\n          \"2\"\n        ],\n"
    "        \"BIO_label\": \"O B-Symptom I-Symptom O B-Symptom I-Symptom\"\n      },\n"
    "      {\n        \"sentence_id\": \"2\",\n        \"speaker\": \"医生\",\n"
    "        \"sentence\": \"用布洛芬\",\n        \"dialogue_act\": \"Other\",\n"
    "        \"symptom_norm\": [],\n        \"symptom_type\": [],\n"
    "        \"BIO_label\": \"O I-Drug I-Drug I-Drug\"\n      }\n    ]\n  }\n}";

static void imcs_bio_tags_become_entities_per_character(void **state)
{
    (void)state;
    char *dir = with_file("IMCS-V2/IMCS-V2_dev.json", imcs);
    ck_corpus c;
    tu_read("cblue-imcs-v2", dir, &c);
    const ck_doc *doc = c.docs[0];
    assert_string_equal(doc->id, "IMCS-V2/IMCS-V2_dev/d1");
    assert_string_equal(doc->text, "𠀀咳嗽，发烧\n用布洛芬");
    assert_string_equal(ck_doc_meta(doc, "diagnosis"), "上感");
    assert_int_equal(doc->n_passages, 2);
    assert_int_equal(doc->passages[1].spans[0].start, 7);
    assert_int_equal(doc->n_entities, 3);
    const ck_entity *e = &doc->entities[1];
    assert_string_equal(e->type, "Symptom");
    assert_int_equal(e->spans[0].start, 4);
    assert_int_equal(e->spans[0].end, 6);
    assert_string_equal(e->texts[0], "发烧");
    assert_string_equal(e->norms[0].id, "发热");
    assert_string_equal(ck_attr_get(e->attrs, e->n_attrs, "symptom_type"), "2");
    const ck_entity *drug = &doc->entities[2];
    assert_int_equal(drug->spans[0].start, 8);
    assert_int_equal(drug->spans[0].end, 11);
    assert_string_equal(ck_attr_get(drug->attrs, drug->n_attrs, "bio"), "I");
    ck_corpus_free(&c);
    assert_round_trip("cblue-imcs-v2", dir, "IMCS-V2/IMCS-V2_dev.json", imcs);
    tu_rmrf(dir);
    free(dir);
}

static void imcs_tag_count_must_match_the_sentence(void **state)
{
    (void)state;
    char *dir = with_file("IMCS-V2_train.json",
                          "{\n  \"a\": {\"dialogue\": []},\n  \"b\": {\"dialogue\": [\n"
                          "    {\"sentence\": \"咳嗽\", \"BIO_label\": \"B-Symptom\"}]}\n}");
    assert_error("cblue-imcs-v2", dir, "IMCS-V2_train.json", 3,
                 "BIO_label has 1 tags for 2 characters");
    tu_rmrf(dir);
    free(dir);
}


/* Found by fuzz_cblue: the kept key order was a plain comma-joined list,
 * so a key holding ',' came back split and in another place. Keys with
 * ',' and '\\' (and a reordered sentence) now round-trip byte for byte. */
static void imcs_keys_with_commas_and_backslashes_keep_their_order(void **state)
{
    (void)state;
    static const char f[] =
        "{\n  \"d1\": {\n    \"dialogue\": [\n      {\n"
        "        \"sent,ence_id\": \"1\",\n        \"speaker\\\\,\": \"患者\",\n"
        "        \"sentence\": \"咳嗽\",\n        \"dialogue_act\": \"Other\",\n"
        "        \"symptom_norm\": [],\n        \"symptom_type\": [],\n"
        "        \"BIO_label\": \"B-Symptom I-Symptom\"\n      }\n    ]\n  }\n}";
    char *dir = with_file("IMCS-V2_train.json", f);
    ck_corpus c;
    tu_read("cblue-imcs-v2", dir, &c);
    const ck_entity *p = &c.docs[0]->passages[0];
    assert_string_equal(ck_attr_get(p->attrs, p->n_attrs, "sent,ence_id"), "1");
    assert_string_equal(ck_attr_get(p->attrs, p->n_attrs, "speaker\\,"), "患者");
    ck_corpus_free(&c);
    assert_round_trip("cblue-imcs-v2", dir, "IMCS-V2_train.json", f);
    tu_rmrf(dir);
    free(dir);
}

/* ---- which files are read ---- */

static void a_parent_folder_reads_only_the_task_files(void **state)
{
    (void)state;
    char *dir = tu_tmpdir();
    tu_write(dir, "CMeEE/CMeEE_train.json", "[{\"text\": \"甲\"}]");
    tu_write(dir, "CMeEE/example_gold.json", "[{\"text\": \"乙\"}]");
    tu_write(dir, "CMeEE-V2/CMeEE-V2_dev.json", "\xEF\xBB\xBF[{\"text\": \"丙\"}]");
    tu_write(dir, "CHIP-CTC/CHIP-CTC_train.json", "[{\"id\": \"s1\", \"text\": \"丁\"}]");
    tu_write(dir, "CHIP-CTC/example_gold.json", "[{\"id\": \"s1\", \"text\": \"戊\"}]");
    tu_write(dir, "CMeEE/README.md", "not data");
    ck_corpus c;
    tu_read("cblue-cmeee", dir, &c);
    assert_int_equal(c.n_docs, 3);
    assert_string_equal(c.docs[0]->id, "CMeEE-V2/CMeEE-V2_dev/0"); /* BOM skipped */
    assert_string_equal(c.docs[0]->text, "丙");
    assert_string_equal(c.docs[1]->id, "CMeEE/CMeEE_train/0");
    assert_string_equal(c.docs[2]->id, "CMeEE/example_gold/0");
    ck_corpus_free(&c);
    tu_rmrf(dir);
    free(dir);
}

static void a_single_file_of_any_name_is_read(void **state)
{
    (void)state;
    char *dir = with_file("mine.json", "[{\"text\": \"咳\"}]");
    char path[1024];
    snprintf(path, sizeof path, "%s/mine.json", dir);
    ck_corpus c;
    tu_read("cblue-cmeee", path, &c);
    assert_int_equal(c.n_docs, 1);
    assert_string_equal(c.docs[0]->id, "mine/0");
    ck_corpus_free(&c);
    tu_rmrf(dir);
    free(dir);
}

/* ---- writing from another format ---- */

static void a_single_output_file_gets_every_document(void **state)
{
    (void)state;
    ck_doc *doc = ck_doc_new("any");
    const char *t = "患者发热";
    ck_doc_set_text(doc, t, strlen(t), NULL);
    ck_entity *e = ck_doc_add_entity(doc, "T9", "sym");
    ck_entity_add_span(doc, e, 2, 4, NULL);
    ck_corpus c;
    ck_corpus_init(&c);
    ck_corpus_add(&c, doc);
    char *dir = tu_tmpdir(), path[1024];
    snprintf(path, sizeof path, "%s/out.json", dir);
    assert_int_equal(ck_write_corpus("cblue-cmeee", path, NULL, &c, NULL), CK_OK);
    char *got = read_back(dir, "out.json");
    assert_string_equal(got, "[\n  {\n    \"text\": \"患者发热\",\n    \"entities\": [\n      {\n"
                             "        \"start_idx\": 2,\n        \"end_idx\": 3,\n"
                             "        \"type\": \"sym\",\n        \"entity\": \"发热\"\n      }\n"
                             "    ]\n  }\n]");
    free(got);
    ck_corpus_free(&c);
    tu_rmrf(dir);
    free(dir);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(cmeee_inclusive_end_becomes_exclusive_in_code_points),
        cmocka_unit_test(cmeee_writes_the_file_back_byte_for_byte),
        cmocka_unit_test(cmeee_reads_the_readme_typo_key_as_entity),
        cmocka_unit_test(cmeee_offsets_outside_the_text_name_file_line_and_record),
        cmocka_unit_test(invalid_json_names_its_line),
        cmocka_unit_test(lenient_mode_skips_only_the_bad_record),
        cmocka_unit_test(unknown_keys_and_their_order_survive_a_round_trip),
        cmocka_unit_test(an_entity_without_entity_key_is_written_without_one),
        cmocka_unit_test(cmeie_places_entities_at_the_first_match),
        cmocka_unit_test(cmeie_object_must_be_a_value_dict),
        cmocka_unit_test(cdn_splits_terms_at_double_hash),
        cmocka_unit_test(ctc_and_qic_become_labelled_documents),
        cmocka_unit_test(pair_tasks_keep_both_sides_as_metadata_and_the_na_label),
        cmocka_unit_test(a_numeric_label_is_an_error),
        cmocka_unit_test(cdee_events_with_null_core_name),
        cmocka_unit_test(kuake_ir_queries_carry_their_relevant_passages),
        cmocka_unit_test(kuake_ir_judgements_go_to_the_first_query_and_unknown_ones_are_kept),
        cmocka_unit_test(kuake_ir_drops_one_cr_before_lf_and_the_writer_keeps_a_final_cr),
        cmocka_unit_test(kuake_ir_line_without_tab_is_an_error),
        cmocka_unit_test(imcs_bio_tags_become_entities_per_character),
        cmocka_unit_test(imcs_tag_count_must_match_the_sentence),
        cmocka_unit_test(imcs_keys_with_commas_and_backslashes_keep_their_order),
        cmocka_unit_test(a_parent_folder_reads_only_the_task_files),
        cmocka_unit_test(a_single_file_of_any_name_is_read),
        cmocka_unit_test(a_single_output_file_gets_every_document),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
