/*
 * cmd_eval.c — `clinkit eval TASK GOLD SYSTEM`: run a shared task's
 * official metric (lib/scorers/) and print the official script's text
 * (--format official), a clean table (default) or JSON (--json).
 * The CLI only maps flags to scorer options ("key=value").
 */
#include <string.h>

#include "cli.h"
#include "clinkit/eval.h"

static void help(const ck_scorer *s)
{
    if (s) {
        printf("usage: clinkit eval %s GOLD SYSTEM [options]\n\n%s\n\ninputs: %s\n\noptions:\n%s",
               s->id, s->summary, s->inputs, s->options_help ? s->options_help : "");
        printf("  --format F         table (default), official, json\n"
               "  --json             same as --format json\n");
        return;
    }
    printf("usage: clinkit eval TASK GOLD SYSTEM [options]\n\n"
           "Score SYSTEM against GOLD (always in this order) with a shared task's\n"
           "official metric. --format official prints exactly what the official\n"
           "script prints; the default is a clean table; --json for machines.\n\n"
           "tasks:\n");
    for (size_t i = 0; i < ck_scorer_count(); i++)
        printf("  %-16s %s\n", ck_scorer_at(i)->id, ck_scorer_at(i)->summary);
    printf("\noptions (which apply depends on the task: clinkit eval TASK --help):\n"
           "  --format F         table (default), official, json\n"
           "  --json             same as --format json\n"
           "  -v, --verbose      per-document scores as well\n"
           "  --fixed            correct the official script's documented bugs\n"
           "                     (docs/eval.md lists each difference)\n"
           "  --filter LIST      i2b2 2014: only tags whose name or TYPE is in LIST\n"
           "  --conjunctive      i2b2 2014: a tag must match every filter\n"
           "  --invert           i2b2 2014: keep the tags the filter rejects\n"
           "  --gold-format F    read GOLD with reader F (e.g. brat, jsonl)\n"
           "  --system-format F  read SYSTEM with reader F\n"
           "  --alias-file F     cblue-cmeie: the alias dictionary\n"
           "  -i/-e VIEW         clinical-tempeval: include/exclude views (repeatable)\n"
           "  -x REGEX           clinical-tempeval: which XML files to read\n"
           "  --temporal-closure clinical-tempeval: score TLINK types with closure\n"
           "  --overlap          clinical-tempeval: spans match when they overlap\n"
           "  --per-document     clinical-tempeval: scores of each document\n"
           "  -t A|B             share-clef-2013: task A (spans) or B (CUI accuracy)\n"
           "  -t 1|2             semeval-2015-t14: task 1 (default) or 2 (slot filling)\n"
           "  --exact            i2b2-2012: overlap with the same text tokens (-exact)\n"
           "  --partial-credit   i2b2-2012: 1 for the same text, 0.5 for overlap\n"
           "                     (-partialCredit)\n"
           "  --tempeval         i2b2-2012: TLINK closure scoring (default)\n"
           "%s"
           "\nExit status: 0 ok, 1 data problem, 2 usage error.\n",
           cli_common_help);
}

static int add_opt(cli_common *c, const char *kv)
{
    if (c->n_opts >= 63)
        return -1;
    c->opts[c->n_opts++] = kv;
    c->opts[c->n_opts] = NULL;
    return 0;
}

/* Flags with a value become "key=value" strings; they live until exit. */
static char kvbuf[16][1024];
static int nkv;

static int add_kv(cli_common *c, const char *key, const char *value)
{
    if (nkv >= 16)
        return -1;
    snprintf(kvbuf[nkv], sizeof kvbuf[nkv], "%s=%s", key, value);
    return add_opt(c, kvbuf[nkv++]);
}

int cmd_eval(int argc, char **argv)
{
    cli_common c = {0};
    const char *pos[3] = {NULL, NULL, NULL};
    int npos = 0, want_help = 0;
    ck_eval_format fmt = CK_EVAL_TABLE;
    static const struct { const char *flag, *key; } flags[] = {
        {"-v", "verbose"}, {"--verbose", "verbose"}, {"--fixed", "fixed"},
        {"--conjunctive", "conjunctive"}, {"--invert", "invert"},
        {"--temporal-closure", "temporal-closure"},
        {"--overlap", "overlap"}, {"--per-document", "per-document"},
        {"-exact", "exact"}, {"--exact", "exact"},
        {"-partialCredit", "partial-credit"}, {"--partial-credit", "partial-credit"},
        {"--tempeval", "tempeval"},
    };
    static const struct { const char *flag, *key; } valued[] = {
        {"--filter", "filter"}, {"--gold-format", "gold-format"},
        {"--system-format", "system-format"}, {"--alias-file", "alias-file"},
        {"--alias_file", "alias-file"},
        {"-i", "include"}, {"--include", "include"}, {"-e", "exclude"},
        {"--exclude", "exclude"}, {"-x", "xml-regex"}, {"--xml-regex", "xml-regex"},
        {"-t", "task"}, {"--task", "task"},
    };
    for (int i = 1; i < argc; i++) {
        int k = cli_common_flag(&c, argc, argv, &i);
        if (k < 0)
            return EXIT_USAGE;
        if (k)
            continue;
        const char *a = argv[i];
        int done = 0;
        if (cli_is_help(a)) {
            want_help = 1;
            continue;
        }
        if (strcmp(a, "--json") == 0) {
            fmt = CK_EVAL_JSON;
            continue;
        }
        if (strcmp(a, "--format") == 0) {
            if (i + 1 >= argc)
                return cli_usage_error("eval", "--format needs a value");
            const char *f = argv[++i];
            if (strcmp(f, "official") == 0)
                fmt = CK_EVAL_OFFICIAL;
            else if (strcmp(f, "json") == 0)
                fmt = CK_EVAL_JSON;
            else if (strcmp(f, "table") == 0)
                fmt = CK_EVAL_TABLE;
            else
                return cli_usage_error("eval", "unknown --format '%s'", f);
            continue;
        }
        for (size_t f = 0; f < sizeof flags / sizeof *flags && !done; f++)
            if (strcmp(a, flags[f].flag) == 0) {
                if (add_kv(&c, flags[f].key, "1"))
                    return cli_usage_error("eval", "too many options");
                done = 1;
            }
        for (size_t f = 0; f < sizeof valued / sizeof *valued && !done; f++)
            if (strcmp(a, valued[f].flag) == 0) {
                if (i + 1 >= argc)
                    return cli_usage_error("eval", "%s needs a value", a);
                if (add_kv(&c, valued[f].key, argv[++i]))
                    return cli_usage_error("eval", "too many options");
                done = 1;
            }
        if (done)
            continue;
        if (a[0] == '-' && a[1])
            return cli_usage_error("eval", "unknown option '%s'", a);
        if (npos >= 3)
            return cli_usage_error("eval", "unexpected argument '%s'", a);
        pos[npos++] = a;
    }
    const ck_scorer *s = pos[0] ? ck_scorer_find(pos[0]) : NULL;
    if (want_help) {
        help(s);
        return EXIT_OK;
    }
    if (npos < 3)
        return cli_usage_error("eval", "need TASK GOLD SYSTEM");
    if (!s)
        return cli_usage_error("eval", "unknown task '%s' (see clinkit eval --help)", pos[0]);
    ck_diag *d = cli_diag(&c);
    ck_status rc = ck_eval(pos[0], pos[1], pos[2], c.n_opts ? c.opts : NULL, stdout, fmt, d);
    fflush(stdout);
    cli_print_diag(d, c.quiet);
    int ex = cli_exit(rc, d);
    if (rc == CK_ERR_USAGE)
        fprintf(stderr, "Try 'clinkit eval %s --help'.\n", pos[0]);
    ck_diag_free(d);
    return ex;
}
