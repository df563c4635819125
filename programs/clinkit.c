/*
 * clinkit.c — the `clinkit` command: dispatch to a subcommand. Adding a
 * subcommand is a cmd_NAME.c file plus one line in the table below.
 */
#include <stdio.h>
#include <string.h>

#include "cli.h"

int cmd_datasets(int argc, char **argv);
int cmd_formats(int argc, char **argv);
int cmd_convert(int argc, char **argv);
int cmd_validate(int argc, char **argv);
int cmd_samples(int argc, char **argv);
int cmd_deid(int argc, char **argv);
int cmd_eval(int argc, char **argv);
int cmd_site(int argc, char **argv);
int cmd_view(int argc, char **argv);
int cmd_join(int argc, char **argv);
int cmd_mimic(int argc, char **argv);

static const cli_command commands[] = {
    {"datasets", "the catalog of clinical NLP corpora: list, show, search", cmd_datasets},
    {"formats", "the formats clinkit reads and writes", cmd_formats},
    {"convert", "convert a corpus from one format to another", cmd_convert},
    {"validate", "read a corpus and check every annotation against its text", cmd_validate},
    {"mimic", "MIMIC-III/IV notes: select, sample, shard by patient, count, generate", cmd_mimic},
    {"eval", "score a system against gold with a shared task's official metric", cmd_eval},
    {"samples", "read, validate and convert every bundled sample corpus", cmd_samples},
    {"deid", "de-identify clinical text: redact, mask, surrogates, audit", cmd_deid},
    {"site", "write the catalog as a static web site", cmd_site},
    {"view", "write an HTML page showing a corpus's annotated documents", cmd_view},
    {"join", "join THYME/Anafora annotation folders with their texts, checking every span", cmd_join},
};

static void usage(FILE *f)
{
    fprintf(f, "usage: clinkit COMMAND [ARGS]\n\n"
               "clinkit %s — readers, writers, scorers and processors for the\n"
               "public clinical NLP corpora.\n\ncommands:\n",
            ck_version());
    for (size_t i = 0; i < sizeof commands / sizeof *commands; i++)
        fprintf(f, "  %-10s %s\n", commands[i].name, commands[i].summary);
    fprintf(f, "\n'clinkit COMMAND --help' describes a command.\n"
               "Exit status: 0 ok, 1 data problem, 2 usage error.\n");
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        usage(stderr);
        return EXIT_USAGE;
    }
    if (cli_is_help(argv[1]) || strcmp(argv[1], "help") == 0) {
        usage(stdout);
        return EXIT_OK;
    }
    if (strcmp(argv[1], "--version") == 0) {
        printf("clinkit %s\n", ck_version());
        return EXIT_OK;
    }
    for (size_t i = 0; i < sizeof commands / sizeof *commands; i++)
        if (strcmp(argv[1], commands[i].name) == 0)
            return commands[i].run(argc - 1, argv + 1);
    fprintf(stderr, "clinkit: unknown command '%s'\n\n", argv[1]);
    usage(stderr);
    return EXIT_USAGE;
}
