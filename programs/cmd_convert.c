/*
 * cmd_convert.c — `clinkit convert --from F --to G IN OUT`.
 */
#include <string.h>

#include "cli.h"

static void help(void)
{
    printf("usage: clinkit convert --from FORMAT --to FORMAT [options] IN OUT\n\n"
           "Read IN in one format and write OUT in another, one document at a time.\n"
           "IN and OUT are files or folders as the format needs (see `clinkit\n"
           "formats`); '-' is stdin/stdout for stream formats such as jsonl. IN may be\n"
           "a .zip or .tar.gz of a folder. Every annotation is checked against the\n"
           "text; mismatches are reported as warnings and converted as they are.\n\n"
           "options:\n%s"
           "  --out-opt KEY=VALUE  option for the writer (repeatable)\n",
           cli_common_help);
}

int cmd_convert(int argc, char **argv)
{
    cli_common c = {0};
    const char *from = NULL, *to = NULL, *in = NULL, *out = NULL;
    const char *wopts[64] = {0};
    int nw = 0;
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
        } else if ((!strcmp(a, "--from") || !strcmp(a, "--to") || !strcmp(a, "--out-opt"))) {
            if (i + 1 >= argc)
                return cli_usage_error("convert", "%s needs a value", a);
            if (!strcmp(a, "--from"))
                from = argv[++i];
            else if (!strcmp(a, "--to"))
                to = argv[++i];
            else if (nw < 63)
                wopts[nw++] = argv[++i];
        } else if (a[0] == '-' && a[1])
            return cli_usage_error("convert", "unknown option '%s'", a);
        else if (!in)
            in = a;
        else if (!out)
            out = a;
        else
            return cli_usage_error("convert", "unexpected argument '%s'", a);
    }
    if (!from || !to || !in || !out)
        return cli_usage_error("convert", "need --from, --to, IN and OUT");
    ck_diag *d = cli_diag(&c);
    ck_stats st = {0};
    ck_status rc = ck_convert(from, in, c.n_opts ? c.opts : NULL, to, out,
                              nw ? wopts : NULL, &st, d);
    cli_print_diag(d, c.quiet);
    if (!c.quiet)
        fprintf(stderr, "clinkit convert: %zu document(s), %zu entities, %zu relations written as %s\n",
                st.documents, st.entities, st.relations, to);
    int ex = cli_exit(rc, d);
    ck_diag_free(d);
    return ex;
}
