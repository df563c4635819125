/*
 * cmd_mimic.c — `clinkit mimic`: select, sample and shard MIMIC-III/IV
 * notes (ck_mimic_select_read), count them, or generate a synthetic
 * NOTEEVENTS.csv (ck_mimic_generate). The logic is in the library; this
 * file parses options and opens the writers.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "clinkit/mimic.h"

static void help(void)
{
    printf(
        "usage: clinkit mimic [options] IN [OUT]     select notes, write them\n"
        "       clinkit mimic count [--documents] [options] IN\n"
        "                                             count notes and PHI placeholders\n"
        "       clinkit mimic generate [--rows N | --bytes SIZE] [--seed S] OUT\n\n"
        "IN is a MIMIC-III NOTEEVENTS.csv or a MIMIC-IV discharge/radiology table,\n"
        "plain or .gz. Filters apply to the raw rows before any document is built.\n\n"
        "selection:\n"
        "  --category C       keep CATEGORY (MIMIC-IV: note_type) C; repeatable;\n"
        "                     trailing blanks ignored (\"Physician\" = \"Physician \")\n"
        "  --description D    keep DESCRIPTION D; repeatable\n"
        "  --subjects FILE    keep SUBJECT_IDs listed in FILE (one per line)\n"
        "  --hadms FILE       keep HADM_IDs listed in FILE\n"
        "  --drop-errors      drop rows with ISERROR = 1\n"
        "  --every N          keep every Nth selected row, from row SEED %% N\n"
        "  --sample N         reservoir sample of N rows (kept in file order)\n"
        "  --seed S           seed for --every, --sample, --shards (default 0)\n"
        "  --shards N         split by hash of SUBJECT_ID into N shards: OUT is a\n"
        "                     folder holding shard-K.EXT (or shard-K/ for txt)\n"
        "  --no-phi           no PHI entities for the placeholders\n"
        "  --documents        (count) build every document with its entities, as\n"
        "                     convert does, instead of only scanning the rows\n"
        "output:\n"
        "  --to FORMAT        jsonl (default), any writable format, or txt (one\n"
        "                     ID.txt per note; OUT is a folder)\n"
        "  OUT                file or folder; default - (stdout) for stream formats\n"
        "generate:\n"
        "  --rows N           number of notes\n"
        "  --bytes SIZE       approximate file size instead (suffix K, M, G)\n"
        "%s",
        cli_common_help);
}

typedef struct out_ctx {
    const char *to;
    const char *out;
    size_t shards;
    ck_writer **w;
    ck_diag *d;
    size_t docs;
    /* count mode */
    int count;
    unsigned long long bytes, cps, phi;
    char *types[64];
    size_t type_n[64];
    size_t ntypes;
} out_ctx;

static int is_txt(const out_ctx *o) { return strcmp(o->to, "txt") == 0; }

static const char *ext(const char *fmt)
{
    return strcmp(fmt, "jsonl") == 0 ? ".jsonl" : strncmp(fmt, "mimic", 5) == 0 ? ".csv" : "";
}

static ck_status write_txt(out_ctx *o, const ck_doc *doc, size_t shard)
{
    char dir[4096], path[4400], name[256];
    if (o->shards > 1)
        snprintf(dir, sizeof dir, "%s/shard-%zu", o->out, shard);
    else
        snprintf(dir, sizeof dir, "%s", o->out);
    ck_status rc = ck_mkdirs(dir, o->d);
    if (rc)
        return rc;
    snprintf(name, sizeof name, "%s", doc->id ? doc->id : "unnamed");
    for (char *p = name; *p; p++)
        if (*p == '/' || *p == '\\' || (p == name && *p == '.'))
            *p = '_';
    snprintf(path, sizeof path, "%s/%s.txt", dir, name);
    return ck_write_file(path, doc->text ? doc->text : "", doc->text_bytes, o->d);
}

static ck_status sink(void *user, ck_doc *doc, size_t shard)
{
    out_ctx *o = user;
    ck_status rc = CK_OK;
    o->docs++;
    if (o->count) {
        o->bytes += doc->text_bytes;
        o->cps += doc->text_cps;
        o->phi += doc->n_entities;
        for (size_t i = 0; i < doc->n_entities; i++) {
            const char *t = doc->entities[i].type;
            size_t k = 0;
            while (k < o->ntypes && strcmp(o->types[k], t) != 0)
                k++;
            if (k == o->ntypes && k < 64)
                o->types[o->ntypes++] = strdup(t ? t : "?"); /* t lives in doc */
            if (k < 64)
                o->type_n[k]++;
        }
    } else if (is_txt(o))
        rc = write_txt(o, doc, shard);
    else {
        if (!o->w[shard]) {
            char path[4200];
            if (o->shards > 1) {
                if ((rc = ck_mkdirs(o->out, o->d)) == CK_OK)
                    snprintf(path, sizeof path, "%s/shard-%zu%s", o->out, shard, ext(o->to));
            } else
                snprintf(path, sizeof path, "%s", o->out);
            if (rc == CK_OK)
                rc = ck_writer_open(o->to, path, NULL, &o->w[shard], o->d);
        }
        if (rc == CK_OK)
            rc = ck_writer_write(o->w[shard], doc, o->d);
    }
    ck_doc_free(doc);
    return rc;
}

static int parse_size(const char *s, unsigned long long *out)
{
    char *end;
    errno = 0;
    unsigned long long v = strtoull(s, &end, 10);
    if (errno || end == s)
        return -1;
    switch (*end) {
    case 'k': case 'K': v <<= 10; end++; break;
    case 'm': case 'M': v <<= 20; end++; break;
    case 'g': case 'G': v <<= 30; end++; break;
    default: break;
    }
    if (*end)
        return -1;
    *out = v;
    return 0;
}

static int generate(int argc, char **argv)
{
    unsigned long long rows = 0, bytes = 0, seed = 0;
    const char *out = NULL;
    cli_common c = {0};
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        int k = cli_common_flag(&c, argc, argv, &i);
        if (k < 0)
            return EXIT_USAGE;
        if (k)
            continue;
        if (cli_is_help(a)) {
            help();
            return EXIT_OK;
        }
        if (!strcmp(a, "--rows") || !strcmp(a, "--bytes") || !strcmp(a, "--seed")) {
            unsigned long long v;
            if (i + 1 >= argc || parse_size(argv[++i], &v))
                return cli_usage_error("mimic generate", "%s needs a number", a);
            *(a[2] == 'r' ? &rows : a[2] == 'b' ? &bytes : &seed) = v;
        } else if (a[0] == '-' && a[1])
            return cli_usage_error("mimic generate", "unknown option '%s'", a);
        else if (!out)
            out = a;
        else
            return cli_usage_error("mimic generate", "unexpected argument '%s'", a);
    }
    if (!out || (!rows && !bytes))
        return cli_usage_error("mimic generate", "need --rows N or --bytes SIZE, and OUT");
    ck_diag *d = cli_diag(&c);
    ck_status rc = ck_mimic_generate(out, (size_t)rows, bytes, seed, d);
    cli_print_diag(d, c.quiet);
    int ex = cli_exit(rc, d);
    ck_diag_free(d);
    return ex;
}

static int need_size(const char *a, const char *v, size_t *out)
{
    unsigned long long x;
    if (!v || parse_size(v, &x))
        return cli_usage_error("mimic", "%s needs a number", a);
    *out = (size_t)x;
    return 0;
}

int cmd_mimic(int argc, char **argv)
{
    if (argc > 1 && strcmp(argv[1], "generate") == 0)
        return generate(argc - 1, argv + 1);
    int count = argc > 1 && strcmp(argv[1], "count") == 0;
    if (count) {
        argc--;
        argv++;
    }
    cli_common c = {0};
    ck_mimic_select sel = {0};
    const char *cats[64], *descs[64];
    out_ctx o = {.to = "jsonl", .count = count};
    const char *in = NULL, *out = NULL;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i], *v = i + 1 < argc ? argv[i + 1] : NULL;
        int k = cli_common_flag(&c, argc, argv, &i);
        if (k < 0)
            return EXIT_USAGE;
        if (k)
            continue;
        if (cli_is_help(a)) {
            help();
            return EXIT_OK;
        }
        int takes = 1;
        if (!strcmp(a, "--category") && v && sel.n_categories < 64)
            cats[sel.n_categories++] = v;
        else if (!strcmp(a, "--description") && v && sel.n_descriptions < 64)
            descs[sel.n_descriptions++] = v;
        else if (!strcmp(a, "--subjects") && v)
            sel.subjects_file = v;
        else if (!strcmp(a, "--hadms") && v)
            sel.hadms_file = v;
        else if (!strcmp(a, "--to") && v)
            o.to = v;
        else if (!strcmp(a, "--every") || !strcmp(a, "--sample") || !strcmp(a, "--shards")) {
            if (need_size(a, v, a[2] == 'e' ? &sel.every : a[3] == 'a' ? &sel.sample
                                                                       : &sel.shards))
                return EXIT_USAGE;
        } else if (!strcmp(a, "--seed")) {
            unsigned long long s;
            if (!v || parse_size(v, &s))
                return cli_usage_error("mimic", "--seed needs a number");
            sel.seed = s;
        } else {
            takes = 0;
            if (!strcmp(a, "--drop-errors"))
                sel.drop_errors = 1;
            else if (!strcmp(a, "--no-phi"))
                sel.no_phi = 1;
            else if (!strcmp(a, "--documents") && count)
                count = 2;
            else if (a[0] == '-' && a[1])
                return cli_usage_error("mimic", v || strncmp(a, "--", 2)
                                                    ? "unknown option '%s'"
                                                    : "%s needs a value", a);
            else if (!in)
                in = a;
            else if (!out && !count)
                out = a;
            else
                return cli_usage_error("mimic", "unexpected argument '%s'", a);
        }
        i += takes;
    }
    sel.categories = cats;
    sel.descriptions = descs;
    if (!in)
        return cli_usage_error("mimic", "need IN");
    o.out = out ? out : "-";
    o.shards = sel.shards > 1 ? sel.shards : 1;
    if (!count && (is_txt(&o) || o.shards > 1) && !out)
        return cli_usage_error("mimic", "--to txt and --shards need an OUT folder");
    if (!count && !is_txt(&o) && !ck_format_find(o.to))
        return cli_usage_error("mimic", "unknown format '%s' (see `clinkit formats`)", o.to);
    ck_diag *d = cli_diag(&c);
    if (count == 1) { /* scan rows, build no documents */
        ck_mimic_counts k;
        ck_status rc = ck_mimic_count(in, &sel, &k, d);
        cli_print_diag(d, c.quiet);
        if (rc == CK_OK) {
            printf("notes\t%zu\ntext_bytes\t%llu\ncharacters\t%llu\nplaceholders\t%llu\n",
                   k.notes, k.bytes, k.chars, k.placeholders);
            for (size_t i = 0; i < k.n_types; i++)
                printf("phi:%s\t%llu\n", k.types[i], k.per_type[i]);
        }
        int ex = cli_exit(rc, d);
        ck_diag_free(d);
        return ex;
    }
    o.w = calloc(o.shards, sizeof *o.w);
    o.d = d;
    ck_status rc = o.w ? ck_mimic_select_read(in, &sel, sink, &o, d) : CK_ERR_NOMEM;
    for (size_t k = 0; k < o.shards; k++) {
        ck_status rc2 = ck_writer_close(o.w[k], d);
        if (rc == CK_OK)
            rc = rc2;
    }
    free(o.w);
    cli_print_diag(d, c.quiet);
    if (count && rc == CK_OK) {
        printf("notes\t%zu\ntext_bytes\t%llu\ncharacters\t%llu\nplaceholders\t%llu\n",
               o.docs, o.bytes, o.cps, o.phi);
        for (size_t k = 0; k < o.ntypes; k++)
            printf("phi:%s\t%zu\n", o.types[k] ? o.types[k] : "?", o.type_n[k]);
    } else if (!c.quiet)
        fprintf(stderr, "clinkit mimic: %zu note(s) selected\n", o.docs);
    for (size_t k = 0; k < o.ntypes; k++)
        free(o.types[k]);
    int ex = cli_exit(rc, d);
    ck_diag_free(d);
    return ex;
}
