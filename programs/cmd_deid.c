/*
 * cmd_deid.c — `clinkit deid`: de-identify clinical text (redact, mask,
 * surrogates, or an audit of the PHI found), `clinkit deid synth` (the
 * synthetic gold notes) and `clinkit deid score` (per-category recall and
 * precision). The work is the library's (clinkit/deid.h); this file reads
 * inputs, writes outputs and prints counts — never PHI.
 */
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "clinkit/deid.h"

static void help(void)
{
    printf("usage: clinkit deid [options] [IN [OUT]]\n"
           "       clinkit deid synth [--seed N] [--style S] [--to FORMAT] COUNT [OUT]\n"
           "       clinkit deid score [--from FORMAT] GOLD SYSTEM\n\n"
           "Find PHI (i2b2 2014 categories: NAME, PROFESSION, LOCATION, AGE, DATE,\n"
           "CONTACT, ID) and write the text with it replaced. IN is a text file, a\n"
           "folder (or archive) of text files, or '-' for standard input (default);\n"
           "with --from, any format clinkit reads (jsonl, brat, physionet-deid...).\n"
           "Text goes to OUT (a file, or a folder for a folder) or standard output.\n\n"
           "modes:\n"
           "  --redact             typed placeholders (default), see --placeholder\n"
           "  --mask[=C]           every PHI character becomes C (default X)\n"
           "  --surrogate          realistic replacements, consistent per patient;\n"
           "                       dates shifted by one per-patient offset\n"
           "  --audit              no replacement: the PHI found, as standoff\n"
           "                       annotations (default --to jsonl)\n"
           "options:\n"
           "  --from FORMAT        read IN with this format\n"
           "  --to FORMAT          write with this format (default: text for text\n"
           "                       input, else the input format or jsonl)\n"
           "  --placeholder T      redaction template: %%c category, %%t subtype\n"
           "                       (default \"[**%%t**]\")\n"
           "  --key FILE           surrogate key: same key, same surrogates and date\n"
           "                       shifts (without one: a random key, never shown)\n"
           "  --new-key FILE       write a new random key file (mode 600) and exit\n"
           "  --patient ID         the patient key for every document\n"
           "  --patient-meta KEY   take the patient key from this metadata field\n"
           "                       (default: patient, subject_id, SUBJECT_ID; else\n"
           "                       the document id)\n"
           "  --lexicon KIND=FILE  add entries (KIND: first, last, city, state,\n"
           "                       country, street-suffix, ambiguous, stop,\n"
           "                       hospital-word, patterns); repeatable\n"
           "  --gold-only          replace the PHI annotations already in the input\n"
           "                       and detect nothing (e.g. gold, or MIMIC\n"
           "                       placeholders)\n"
           "  --placeholders       treat MIMIC-III placeholders ([**Known lastname 12**])\n"
           "                       as PHI: with --surrogate they get realistic values\n"
           "  --fresh              drop the PHI annotations of the input first and\n"
           "                       detect anew (to score the detector on gold)\n"
           "%s", cli_common_help);
}

typedef struct run {
    ck_deid *de;
    ck_deid_opts o;
    int audit, detect, fresh, placeholders;
    const char *patient, *patient_meta;
    ck_writer *w;        /* format output */
    const char *out;     /* text output: file/folder or NULL = stdout */
    int out_dir;
    ck_diag *d;
    size_t docs, phi, per_cat[8];
    ck_status failed;
} run;

static const char *const cats[] = {"NAME", "PROFESSION", "LOCATION", "AGE", "DATE",
                                   "CONTACT", "ID", "PHI"};

static const char *patient_of(run *r, const ck_doc *doc)
{
    if (r->patient)
        return r->patient;
    static const char *const keys[] = {"patient", "subject_id", "SUBJECT_ID", "patient_id", NULL};
    if (r->patient_meta)
        return ck_doc_meta(doc, r->patient_meta);
    for (int i = 0; keys[i]; i++) {
        const char *v = ck_doc_meta(doc, keys[i]);
        if (v)
            return v;
    }
    return NULL;
}

static ck_status emit_text(run *r, const ck_doc *doc, const char *name)
{
    const char *text = doc->text ? doc->text : "";
    if (!r->out || !strcmp(r->out, "-")) {
        fwrite(text, 1, doc->text_bytes, stdout);
        return ferror(stdout) ? CK_ERR_IO : CK_OK;
    }
    if (!r->out_dir)
        return ck_write_file(r->out, text, doc->text_bytes, r->d);
    size_t need = strlen(r->out) + strlen(name) + 2;
    char *path = malloc(need);
    if (!path)
        return CK_ERR_NOMEM;
    snprintf(path, need, "%s/%s", r->out, name);
    char *slash = strrchr(path, '/');
    *slash = '\0';
    ck_status rc = ck_mkdirs(path, r->d);
    *slash = '/';
    if (!rc)
        rc = ck_write_file(path, text, doc->text_bytes, r->d);
    free(path);
    return rc;
}

/* Replace *doc by a copy without its PHI entities. */
static ck_status drop_phi(ck_doc **doc)
{
    ck_doc *in = *doc, *out = ck_doc_new(in->id);
    if (!out || (in->text && ck_doc_set_text(out, in->text, in->text_bytes, NULL))) {
        ck_doc_free(out);
        return CK_ERR_NOMEM;
    }
    for (size_t i = 0; i < in->n_meta; i++)
        ck_doc_add_meta(out, in->meta[i].key, in->meta[i].value);
    for (size_t i = 0; i < in->n_entities; i++) {
        const ck_entity *e = &in->entities[i];
        if (ck_deid_is_phi(e->type))
            continue;
        ck_entity *ne = ck_doc_add_entity(out, e->id, e->type);
        for (size_t k = 0; ne && k < e->n_spans; k++)
            ck_entity_add_span(out, ne, e->spans[k].start, e->spans[k].end, e->texts[k]);
        for (size_t k = 0; ne && k < e->n_attrs; k++)
            ck_entity_add_attr(out, ne, e->attrs[k].id, e->attrs[k].key, e->attrs[k].value);
    }
    ck_doc_free(in);
    *doc = out;
    return CK_OK;
}

/* One document: detect, transform, write. Takes ownership of doc. */
static ck_status process(run *r, ck_doc *doc, const char *name)
{
    ck_status rc = CK_OK;
    if (r->fresh && (rc = drop_phi(&doc)))
        return rc;
    if (r->placeholders && (rc = ck_deid_mark_placeholders(doc))) {
        ck_doc_free(doc);
        return rc;
    }
    if (r->detect)
        rc = ck_deid_detect(r->de, doc, r->d);
    ck_doc *out = NULL;
    if (!rc) {
        for (size_t i = 0; i < doc->n_entities; i++)
            for (size_t c = 0; c < 8; c++)
                if (!strcmp(doc->entities[i].type, cats[c])) {
                    r->per_cat[c]++;
                    r->phi++;
                }
        if (r->audit)
            out = doc, doc = NULL;
        else {
            r->o.patient = patient_of(r, doc);
            rc = ck_deid_apply(r->de, doc, &r->o, &out, r->d);
        }
    }
    if (!rc)
        rc = r->w ? ck_writer_write(r->w, out, r->d) : emit_text(r, out, name);
    r->docs++;
    ck_doc_free(out);
    ck_doc_free(doc);
    return rc;
}

static ck_status sink(void *user, ck_doc *doc)
{
    run *r = user;
    return process(r, doc, doc->id ? doc->id : "document");
}

/* Plain text: every file of a folder/archive, a file, or stdin. */
static ck_status read_text(run *r, const char *in)
{
    ck_source *src;
    ck_status rc = ck_source_open(in, &src, r->d);
    if (rc)
        return rc;
    for (size_t i = 0; i < ck_source_count(src) && !rc; i++) {
        const char *data;
        size_t len;
        if ((rc = ck_source_load(src, i, &data, &len, r->d)))
            break;
        const char *name = ck_source_name(src, i);
        char *stem = ck_source_is_file(src) ? ck_stem(name) : strdup(name);
        if (stem && !ck_source_is_file(src)) {
            char *dot = strrchr(stem, '.'), *sl = strrchr(stem, '/');
            if (dot && (!sl || dot > sl))
                *dot = '\0';
        }
        ck_doc *doc = ck_doc_new(stem ? stem : name);
        free(stem);
        size_t bad;
        if (!doc)
            rc = CK_ERR_NOMEM;
        else if (ck_doc_set_text(doc, data, len, &bad)) {
            ck_diag_add(r->d, CK_SEV_ERROR, ck_source_display(src, i), 0, 0, bad,
                        "not valid UTF-8 (first bad byte at offset %zu)", bad);
            ck_doc_free(doc);
            rc = ck_diag_strict(r->d) ? CK_ERR_PARSE : CK_OK;
        } else
            rc = process(r, doc, name);
        ck_source_release(src, i);
    }
    ck_source_free(src);
    return rc;
}

static int parse_style(const char *s, ck_deid_style *st)
{
    static const char *const names[] = {"discharge", "nursing", "radiology", "telegraphic", "mixed"};
    for (int i = 0; i < 5; i++)
        if (!strcmp(s, names[i])) {
            *st = (ck_deid_style)i;
            return 0;
        }
    return -1;
}

static int cmd_synth(int argc, char **argv)
{
    cli_common c = {0};
    unsigned long long seed = 1;
    ck_deid_style style = CK_DEID_STYLE_MIXED;
    const char *to = "jsonl", *count = NULL, *out = "-";
    for (int i = 1; i < argc; i++) {
        int k = cli_common_flag(&c, argc, argv, &i);
        if (k < 0)
            return EXIT_USAGE;
        if (k)
            continue;
        const char *a = argv[i];
        if (cli_is_help(a)) {
            help();
            return EXIT_OK;
        } else if (!strcmp(a, "--seed") || !strcmp(a, "--style") || !strcmp(a, "--to")) {
            if (i + 1 >= argc)
                return cli_usage_error("deid synth", "%s needs a value", a);
            const char *v = argv[++i];
            if (!strcmp(a, "--seed"))
                seed = strtoull(v, NULL, 10);
            else if (!strcmp(a, "--to"))
                to = v;
            else if (parse_style(v, &style))
                return cli_usage_error("deid synth", "style must be discharge, nursing, "
                                       "radiology, telegraphic or mixed");
        } else if (a[0] == '-' && a[1])
            return cli_usage_error("deid synth", "unknown option '%s'", a);
        else if (!count)
            count = a;
        else
            out = a;
    }
    if (!count || atol(count) <= 0)
        return cli_usage_error("deid synth", "need COUNT > 0");
    ck_diag *d = cli_diag(&c);
    ck_deid *de = NULL;
    ck_writer *w = NULL;
    ck_status rc = ck_deid_new(&de, d);
    if (!rc)
        rc = ck_writer_open(to, out, c.n_opts ? c.opts : NULL, &w, d);
    size_t n = (size_t)atol(count);
    for (size_t i = 0; !rc && i < n; i++) {
        ck_doc *doc;
        if (!(rc = ck_deid_generate(de, seed, i, style, &doc, d))) {
            rc = ck_writer_write(w, doc, d);
            ck_doc_free(doc);
        }
    }
    ck_status rc2 = ck_writer_close(w, d);
    if (!rc)
        rc = rc2;
    ck_deid_free(de);
    cli_print_diag(d, c.quiet);
    int ex = cli_exit(rc, d);
    ck_diag_free(d);
    return ex;
}

static int cmd_score(int argc, char **argv)
{
    cli_common c = {0};
    const char *from = "jsonl", *gold = NULL, *sys = NULL;
    for (int i = 1; i < argc; i++) {
        int k = cli_common_flag(&c, argc, argv, &i);
        if (k < 0)
            return EXIT_USAGE;
        if (k)
            continue;
        const char *a = argv[i];
        if (cli_is_help(a)) {
            help();
            return EXIT_OK;
        } else if (!strcmp(a, "--from")) {
            if (i + 1 >= argc)
                return cli_usage_error("deid score", "--from needs a value");
            from = argv[++i];
        } else if (a[0] == '-' && a[1])
            return cli_usage_error("deid score", "unknown option '%s'", a);
        else if (!gold)
            gold = a;
        else if (!sys)
            sys = a;
        else
            return cli_usage_error("deid score", "unexpected argument '%s'", a);
    }
    if (!gold || !sys)
        return cli_usage_error("deid score", "need GOLD and SYSTEM");
    ck_diag *d = cli_diag(&c);
    ck_corpus g, s;
    ck_corpus_init(&g);
    ck_corpus_init(&s);
    ck_status rc = ck_read_corpus(from, gold, c.n_opts ? c.opts : NULL, &g, d);
    if (!rc)
        rc = ck_read_corpus(from, sys, c.n_opts ? c.opts : NULL, &s, d);
    if (!rc && g.n_docs != s.n_docs) {
        ck_diag_add(d, CK_SEV_ERROR, sys, 0, 0, (size_t)-1,
                    "%zu gold documents but %zu system documents", g.n_docs, s.n_docs);
        rc = CK_ERR_PARSE;
    }
    if (!rc) {
        ck_deid_counts rows[8];
        size_t nrow = ck_deid_score((const ck_doc *const *)g.docs, (const ck_doc *const *)s.docs,
                                    g.n_docs, rows);
        printf("%-11s %7s %7s %7s %7s %7s %7s\n", "category", "s.P", "s.R", "s.F1", "t.P", "t.R",
               "t.F1");
        for (size_t i = 0; i < nrow; i++) {
            const ck_deid_counts *x = &rows[i];
            double sp = x->strict_tp + x->strict_fp ? (double)x->strict_tp / (double)(x->strict_tp + x->strict_fp) : 0;
            double sr = x->strict_tp + x->strict_fn ? (double)x->strict_tp / (double)(x->strict_tp + x->strict_fn) : 0;
            double tp = x->token_tp + x->token_fp ? (double)x->token_tp / (double)(x->token_tp + x->token_fp) : 0;
            double tr = x->token_tp + x->token_fn ? (double)x->token_tp / (double)(x->token_tp + x->token_fn) : 0;
            printf("%-11s %7.4f %7.4f %7.4f %7.4f %7.4f %7.4f\n", x->category, sp, sr,
                   sp + sr ? 2 * sp * sr / (sp + sr) : 0, tp, tr, tp + tr ? 2 * tp * tr / (tp + tr) : 0);
        }
    }
    ck_corpus_free(&g);
    ck_corpus_free(&s);
    cli_print_diag(d, c.quiet);
    int ex = cli_exit(rc, d);
    ck_diag_free(d);
    return ex;
}

int cmd_deid(int argc, char **argv)
{
    if (argc > 1 && !strcmp(argv[1], "synth"))
        return cmd_synth(argc - 1, argv + 1);
    if (argc > 1 && !strcmp(argv[1], "score"))
        return cmd_score(argc - 1, argv + 1);
    cli_common c = {0};
    run r = {0};
    r.detect = 1;
    const char *from = NULL, *to = NULL, *in = NULL, *out = NULL, *keyfile = NULL;
    const char *lex[64];
    int nlex = 0;
    for (int i = 1; i < argc; i++) {
        int k = cli_common_flag(&c, argc, argv, &i);
        if (k < 0)
            return EXIT_USAGE;
        if (k)
            continue;
        const char *a = argv[i];
        if (cli_is_help(a)) {
            help();
            return EXIT_OK;
        } else if (!strcmp(a, "--redact"))
            r.o.mode = CK_DEID_REDACT;
        else if (!strcmp(a, "--mask") || !strncmp(a, "--mask=", 7)) {
            r.o.mode = CK_DEID_MASK;
            if (a[6] == '=' && (strlen(a + 7) != 1 || a[7] == ' '))
                return cli_usage_error("deid", "--mask=C takes one visible ASCII character");
            r.o.mask = a[6] == '=' ? a[7] : 'X';
        } else if (!strcmp(a, "--surrogate"))
            r.o.mode = CK_DEID_SURROGATE;
        else if (!strcmp(a, "--audit"))
            r.audit = 1;
        else if (!strcmp(a, "--gold-only"))
            r.detect = 0;
        else if (!strcmp(a, "--fresh"))
            r.fresh = 1;
        else if (!strcmp(a, "--placeholders"))
            r.placeholders = 1;
        else if (!strcmp(a, "--from") || !strcmp(a, "--to") || !strcmp(a, "--placeholder") ||
                 !strcmp(a, "--key") || !strcmp(a, "--new-key") || !strcmp(a, "--patient") ||
                 !strcmp(a, "--patient-meta") || !strcmp(a, "--lexicon")) {
            if (i + 1 >= argc)
                return cli_usage_error("deid", "%s needs a value", a);
            const char *v = argv[++i];
            if (!strcmp(a, "--from"))
                from = v;
            else if (!strcmp(a, "--to"))
                to = v;
            else if (!strcmp(a, "--placeholder"))
                r.o.placeholder = v;
            else if (!strcmp(a, "--key"))
                keyfile = v;
            else if (!strcmp(a, "--patient"))
                r.patient = v;
            else if (!strcmp(a, "--patient-meta"))
                r.patient_meta = v;
            else if (!strcmp(a, "--lexicon")) {
                if (!strchr(v, '=') || nlex == 64)
                    return cli_usage_error("deid", "--lexicon needs KIND=FILE");
                lex[nlex++] = v;
            } else {
                ck_diag *d = cli_diag(&c);
                ck_status rc = ck_deid_key_write(v, d);
                cli_print_diag(d, c.quiet);
                if (!rc && !c.quiet)
                    fprintf(stderr, "clinkit deid: wrote a new key to %s (keep it secret)\n", v);
                int ex = cli_exit(rc, d);
                ck_diag_free(d);
                return ex;
            }
        } else if (a[0] == '-' && a[1])
            return cli_usage_error("deid", "unknown option '%s'", a);
        else if (!in)
            in = a;
        else if (!out)
            out = a;
        else
            return cli_usage_error("deid", "unexpected argument '%s'", a);
    }
    if (!in)
        in = "-";
    if (!to && (r.audit || from)) {
        const ck_format *f = from ? ck_format_find(from) : NULL;
        to = (!r.audit && f && f->writer_open) ? from : "jsonl";
    }
    if (keyfile && r.o.mode != CK_DEID_SURROGATE)
        return cli_usage_error("deid", "--key is for --surrogate");
    ck_diag *d = cli_diag(&c);
    r.d = d;
    uint8_t key[CK_DEID_KEY_BYTES];
    ck_status rc = ck_deid_new(&r.de, d);
    for (int i = 0; !rc && i < nlex; i++) {
        char *kind = strdup(lex[i]);
        char *eq = kind ? strchr(kind, '=') : NULL;
        if (!eq)
            rc = CK_ERR_NOMEM;
        else {
            *eq = '\0';
            rc = ck_deid_load(r.de, kind, eq + 1, d);
        }
        free(kind);
    }
    if (!rc && r.o.mode == CK_DEID_SURROGATE) {
        rc = keyfile ? ck_deid_key_read(keyfile, key, d) : ck_deid_key_random(key, d);
        r.o.key = key;
    }
    if (!rc && to)
        rc = ck_writer_open(to, out ? out : "-", NULL, &r.w, d);
    else if (!rc) {
        r.out = out;
        r.out_dir = out && (ck_is_dir(in) || ck_has_suffix(in, ".zip") || ck_has_suffix(in, ".tar") ||
                             ck_has_suffix(in, ".tar.gz") || ck_has_suffix(in, ".tgz") ||
                             ck_has_suffix(in, ".tar.bz2") || ck_has_suffix(in, ".tar.xz"));
    }
    if (!rc)
        rc = from ? ck_read(from, in, c.n_opts ? c.opts : NULL, sink, &r, d) : read_text(&r, in);
    if (r.w) {
        ck_status rc2 = ck_writer_close(r.w, d);
        if (!rc)
            rc = rc2;
    }
    memset(key, 0, sizeof key);
    ck_deid_free(r.de);
    cli_print_diag(d, c.quiet);
    if (!c.quiet) {
        fprintf(stderr, "clinkit deid: %zu document(s), %zu PHI span(s)", r.docs, r.phi);
        for (int i = 0; i < 8; i++)
            if (r.per_cat[i])
                fprintf(stderr, ", %s %zu", cats[i], r.per_cat[i]);
        fprintf(stderr, "\n");
    }
    int ex = cli_exit(rc, d);
    ck_diag_free(d);
    return ex;
}
