/*
 * cmd_datasets.c — `clinkit datasets list | show ID | search ...`: the
 * catalog of clinical NLP corpora.
 */
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "cli.h"
#include "clinkit/eval.h"

static void help(void)
{
    printf("usage: clinkit datasets list [--json]\n"
           "       clinkit datasets show ID [--json]\n"
           "       clinkit datasets search [QUERY] [--task T] [--lang L] [--access A] [--json]\n\n"
           "The catalog of public clinical NLP corpora: tasks, languages, how to get\n"
           "access, the files a download contains, splits, the clinkit format that\n"
           "reads it, the official metric and the citation.\n\n"
           "  --task T     task name contains T (e.g. de-identification, temporal)\n"
           "  --lang L     language code (en, ja, zh, es, ...)\n"
           "  --access A   dua, credentialed, registration or open\n"
           "  --json       machine-readable output (the catalog's own JSON records)\n");
}

/* The JSON record of one dataset, from the embedded catalog text. */
static void print_json_entry(const char *id, int first)
{
    static json_t *root;
    if (!root)
        root = json_loads(ck_catalog_builtin_json(), 0, NULL);
    json_t *arr = json_object_get(root, "datasets"), *e;
    size_t i;
    json_array_foreach(arr, i, e) {
        const char *eid = json_string_value(json_object_get(e, "id"));
        if (eid && strcmp(eid, id) == 0) {
            char *s = json_dumps(e, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
            printf("%s%s", first ? "" : ",\n", s);
            free(s);
        }
    }
}

static void print_row(const ck_dataset *ds)
{
    char years[64] = "";
    if (ds->n_years == 1)
        snprintf(years, sizeof years, "%d", ds->years[0]);
    else if (ds->n_years > 1)
        snprintf(years, sizeof years, "%d-%d", ds->years[0], ds->years[ds->n_years - 1]);
    char langs[64] = "";
    for (size_t i = 0; i < ds->languages.n; i++)
        snprintf(langs + strlen(langs), sizeof langs - strlen(langs), "%s%s",
                 i ? "," : "", ds->languages.items[i]);
    printf("%-28s %-9s %-5s %-12s %s\n", ds->id, years, langs, ds->access_kind, ds->name);
}

static void print_list(const char *title, const ck_strlist *l)
{
    printf("%s:", title);
    if (!l->n)
        printf(" (none)");
    for (size_t i = 0; i < l->n; i++)
        printf("%s%s", i ? ", " : " ", l->items[i]);
    printf("\n");
}

static void show(const ck_dataset *ds)
{
    printf("%s\n%s\n\n", ds->id, ds->name);
    printf("family:     %s%s%s\n", ds->family, ds->parent ? "  (part of " : "",
           ds->parent ? ds->parent : "");
    if (ds->parent)
        printf(")\n");
    else
        printf("\n");
    printf("organiser:  %s\nyears:     ", ds->organiser);
    for (size_t i = 0; i < ds->n_years; i++)
        printf(" %d", ds->years[i]);
    printf("\n");
    print_list("tasks     ", &ds->tasks);
    print_list("languages ", &ds->languages);
    printf("homepage:   %s\n\naccess: %s%s%s\n", ds->homepage ? ds->homepage : "(none)",
           ds->access_kind, ds->access_url ? " — " : "", ds->access_url ? ds->access_url : "");
    for (size_t i = 0; i < ds->access_steps.n; i++)
        printf("  %zu. %s\n", i + 1, ds->access_steps.items[i]);
    printf("\nfiles:\n");
    for (size_t i = 0; i < ds->n_files; i++)
        printf("  %s%s%s\n", ds->files[i].name, ds->files[i].contents ? " — " : "",
               ds->files[i].contents ? ds->files[i].contents : "");
    printf("\nsplits:\n");
    for (size_t i = 0; i < ds->n_splits; i++) {
        if (ds->splits[i].documents >= 0)
            printf("  %-12s %ld documents\n", ds->splits[i].name, ds->splits[i].documents);
        else
            printf("  %-12s (count not published)\n", ds->splits[i].name);
    }
    printf("\nmetric: %s\n", ds->metric ? ds->metric : "(none)");
    printf("\nread with clinkit:\n");
    if (!ds->formats.n)
        printf("  (no clinkit reader yet)\n");
    for (size_t i = 0; i < ds->formats.n; i++) {
        const ck_format *f = ck_format_find(ds->formats.items[i]);
        printf("  clinkit validate %s PATH\n  clinkit convert --from %s --to jsonl PATH out.jsonl\n",
               ds->formats.items[i], ds->formats.items[i]);
        if (f)
            printf("    PATH: %s\n", f->layout);
    }
    char cmd[256];
    if (ck_eval_command(ds, cmd, sizeof cmd) == 0)
        printf("  %s\n", cmd);
    if (ds->notes)
        printf("\nnotes: %s\n", ds->notes);
    printf("\ncitation:\n%s\n", ds->citation);
}

int cmd_datasets(int argc, char **argv)
{
    if (argc < 2)
        return cli_usage_error("datasets", "expected list, show ID or search");
    if (cli_is_help(argv[1])) {
        help();
        return EXIT_OK;
    }
    const char *sub = argv[1], *id = NULL, *query = NULL, *task = NULL, *lang = NULL,
               *access = NULL;
    int json = 0;
    if (strcmp(sub, "list") && strcmp(sub, "show") && strcmp(sub, "search"))
        return cli_usage_error("datasets", "unknown subcommand '%s'", sub);
    for (int i = 2; i < argc; i++) {
        const char **slot = NULL;
        if (cli_is_help(argv[i])) {
            help();
            return EXIT_OK;
        } else if (strcmp(argv[i], "--json") == 0)
            json = 1;
        else if (strcmp(argv[i], "--task") == 0)
            slot = &task;
        else if (strcmp(argv[i], "--lang") == 0)
            slot = &lang;
        else if (strcmp(argv[i], "--access") == 0)
            slot = &access;
        else if (argv[i][0] == '-')
            return cli_usage_error("datasets", "unknown option '%s'", argv[i]);
        else if (strcmp(sub, "show") == 0 && !id)
            id = argv[i];
        else if (strcmp(sub, "search") == 0 && !query)
            query = argv[i];
        else
            return cli_usage_error("datasets", "unexpected argument '%s'", argv[i]);
        if (slot) {
            if (++i >= argc)
                return cli_usage_error("datasets", "%s needs a value", argv[i - 1]);
            *slot = argv[i];
        }
    }
    if (strcmp(sub, "list") == 0 && (task || lang || access))
        return cli_usage_error("datasets", "filters belong to 'search'");
    ck_diag *d = ck_diag_new(1);
    const ck_catalog *cat = ck_catalog_builtin(d);
    if (!cat) {
        cli_print_diag(d, 0);
        ck_diag_free(d);
        return EXIT_DATA;
    }
    ck_diag_free(d);
    if (strcmp(sub, "show") == 0) {
        if (!id)
            return cli_usage_error("datasets", "show needs a dataset ID");
        const ck_dataset *ds = ck_catalog_find(cat, id);
        if (!ds) {
            fprintf(stderr, "clinkit datasets: no dataset '%s' (try 'clinkit datasets search %s')\n",
                    id, id);
            return EXIT_DATA;
        }
        if (json) {
            print_json_entry(id, 1);
            printf("\n");
        } else
            show(ds);
        return EXIT_OK;
    }
    size_t shown = 0;
    if (json)
        printf("[\n");
    else
        printf("%-28s %-9s %-5s %-12s %s\n", "ID", "YEARS", "LANG", "ACCESS", "NAME");
    for (size_t i = 0; i < ck_catalog_count(cat); i++) {
        const ck_dataset *ds = ck_catalog_at(cat, i);
        if (!ck_dataset_matches(ds, query, task, lang, access))
            continue;
        if (json)
            print_json_entry(ds->id, shown == 0);
        else
            print_row(ds);
        shown++;
    }
    if (json)
        printf("\n]\n");
    else if (strcmp(sub, "search") == 0)
        fprintf(stderr, "%zu dataset(s) match\n", shown);
    return EXIT_OK;
}
