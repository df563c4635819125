/*
 * cli.h — what the subcommands of the `clinkit` program share: the
 * command table, diagnostics printing, common flags. Each subcommand lives
 * in its own cmd_NAME.c, parses its own options and has its own --help.
 *
 * Exit codes: 0 ok, 1 data problem, 2 usage error.
 */
#ifndef CLINKIT_CLI_H
#define CLINKIT_CLI_H

#include <stdio.h>

#include "clinkit/clinkit.h"

enum { EXIT_OK = 0, EXIT_DATA = 1, EXIT_USAGE = 2 };

typedef struct cli_command {
    const char *name;
    const char *summary;
    int (*run)(int argc, char **argv);
} cli_command;

/* Flags every reading command accepts. */
typedef struct cli_common {
    int strict;
    int show_text;
    int quiet;
    const char *opts[64]; /* --opt key=value, NULL-terminated */
    int n_opts;
} cli_common;

/* Handle a common flag at argv[*i] (advancing *i past a value). Returns 1 if
 * consumed, 0 if not a common flag, -1 on a usage error (printed). */
int cli_common_flag(cli_common *c, int argc, char **argv, int *i);
/* Help text for the common flags. */
extern const char *const cli_common_help;

/* A diagnostics collector configured from the common flags. */
ck_diag *cli_diag(const cli_common *c);
/* Print every diagnostic to stderr (prefix "clinkit: "), then a summary line
 * when anything was skipped. Returns the number of errors. */
size_t cli_print_diag(ck_diag *d, int quiet);
/* The exit code for a status plus recorded diagnostics. */
int cli_exit(ck_status st, ck_diag *d);

int cli_usage_error(const char *cmd, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
int cli_is_help(const char *arg);

/* Print a JSON string literal (escaped) to f. */
void cli_json_str(FILE *f, const char *s);

#endif
