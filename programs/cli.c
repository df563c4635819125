/*
 * cli.c — helpers the subcommands share (see cli.h).
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"

const char *const cli_common_help =
    "  --strict           stop at the first malformed item (default: skip it,\n"
    "                     report it, and exit 1 at the end)\n"
    "  --show-text        allow diagnostics to quote document text (off by\n"
    "                     default: clinical text may hold PHI)\n"
    "  --opt KEY=VALUE    format option (repeatable; see `clinkit formats`)\n"
    "  -q, --quiet        print only errors\n";

int cli_is_help(const char *arg)
{
    return strcmp(arg, "-h") == 0 || strcmp(arg, "--help") == 0;
}

int cli_common_flag(cli_common *c, int argc, char **argv, int *i)
{
    const char *a = argv[*i];
    if (strcmp(a, "--strict") == 0)
        c->strict = 1;
    else if (strcmp(a, "--lenient") == 0)
        c->strict = 0;
    else if (strcmp(a, "--show-text") == 0)
        c->show_text = 1;
    else if (strcmp(a, "-q") == 0 || strcmp(a, "--quiet") == 0)
        c->quiet = 1;
    else if (strcmp(a, "--opt") == 0 || strncmp(a, "--opt=", 6) == 0) {
        const char *v = a[5] == '=' ? a + 6 : NULL;
        if (!v) {
            if (*i + 1 >= argc) {
                fprintf(stderr, "clinkit: --opt needs KEY=VALUE\n");
                return -1;
            }
            v = argv[++*i];
        }
        if (c->n_opts >= 63) {
            fprintf(stderr, "clinkit: too many --opt\n");
            return -1;
        }
        c->opts[c->n_opts++] = v;
        c->opts[c->n_opts] = NULL;
    } else
        return 0;
    return 1;
}

ck_diag *cli_diag(const cli_common *c)
{
    ck_diag *d = ck_diag_new(c->strict);
    if (d)
        ck_diag_set_show_text(d, c->show_text);
    return d;
}

size_t cli_print_diag(ck_diag *d, int quiet)
{
    char buf[2048];
    for (size_t i = 0; i < ck_diag_size(d); i++) {
        const ck_diag_item *it = ck_diag_get(d, i);
        if (quiet && it->severity < CK_SEV_ERROR)
            continue;
        ck_diag_format(it, buf, sizeof buf);
        fprintf(stderr, "clinkit: %s\n", buf);
    }
    size_t kept = ck_diag_size(d);
    size_t total = ck_diag_count(d, CK_SEV_NOTE) + ck_diag_count(d, CK_SEV_WARNING) +
                   ck_diag_count(d, CK_SEV_ERROR);
    if (total > kept)
        fprintf(stderr, "clinkit: ... and %zu more problems not shown\n", total - kept);
    size_t errors = ck_diag_count(d, CK_SEV_ERROR);
    if (errors && !ck_diag_strict(d))
        fprintf(stderr, "clinkit: %zu item(s) skipped because of errors (use --strict to stop at the first)\n",
                errors);
    return errors;
}

int cli_exit(ck_status st, ck_diag *d)
{
    if (st == CK_ERR_USAGE)
        return EXIT_USAGE;
    if (st != CK_OK || ck_diag_count(d, CK_SEV_ERROR))
        return EXIT_DATA;
    return EXIT_OK;
}

int cli_usage_error(const char *cmd, const char *fmt, ...)
{
    va_list ap;
    fprintf(stderr, "clinkit %s: ", cmd);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fprintf(stderr, "\nTry 'clinkit %s --help'.\n", cmd);
    return EXIT_USAGE;
}

void cli_json_str(FILE *f, const char *s)
{
    if (!s) {
        fputs("null", f);
        return;
    }
    fputc('"', f);
    for (; *s; s++) {
        unsigned char c = (unsigned char)*s;
        if (c == '"' || c == '\\')
            fprintf(f, "\\%c", c);
        else if (c == '\n')
            fputs("\\n", f);
        else if (c == '\t')
            fputs("\\t", f);
        else if (c < 0x20)
            fprintf(f, "\\u%04x", c);
        else
            fputc(c, f);
    }
    fputc('"', f);
}
