/*
 * cmd_validate.c — `clinkit validate FORMAT PATH`: read a corpus, check
 * every annotation against the text, print counts and every problem.
 */
#include <string.h>

#include "cli.h"

static void help(void)
{
    printf("usage: clinkit validate [options] FORMAT PATH\n\n"
           "Read PATH as FORMAT and check every annotation: offsets inside the text,\n"
           "start <= end, and the stored text equal to the document text at its\n"
           "offsets. Prints the counts; each problem goes to stderr as\n"
           "'file: warning: ...'. Exit 1 if anything was malformed or mismatched.\n\n"
           "options:\n%s", cli_common_help);
}

int cmd_validate(int argc, char **argv)
{
    cli_common c = {0};
    const char *format = NULL, *path = NULL;
    for (int i = 1; i < argc; i++) {
        int k = cli_common_flag(&c, argc, argv, &i);
        if (k < 0)
            return EXIT_USAGE;
        if (k)
            continue;
        if (cli_is_help(argv[i])) {
            help();
            return EXIT_OK;
        } else if (argv[i][0] == '-' && argv[i][1])
            return cli_usage_error("validate", "unknown option '%s'", argv[i]);
        else if (!format)
            format = argv[i];
        else if (!path)
            path = argv[i];
        else
            return cli_usage_error("validate", "unexpected argument '%s'", argv[i]);
    }
    if (!format || !path)
        return cli_usage_error("validate", "need FORMAT and PATH");
    ck_diag *d = cli_diag(&c);
    ck_stats st = {0};
    ck_status rc = ck_validate(format, path, c.n_opts ? c.opts : NULL, &st, d);
    cli_print_diag(d, c.quiet);
    printf("documents:       %zu (%zu with text)\n"
           "entities:        %zu (%zu fragments)\n"
           "relations:       %zu\nevents:          %zu\n"
           "attributes:      %zu\nnormalizations:  %zu\n"
           "coreferences:    %zu\nlabels:          %zu\n"
           "passages:        %zu\nnotes:           %zu\n"
           "problems:        %zu mismatched, %zu skipped\n",
           st.documents, st.with_text, st.entities, st.fragments, st.relations,
           st.events, st.attributes, st.normalizations, st.corefs, st.labels,
           st.passages, st.notes, st.problems, ck_diag_count(d, CK_SEV_ERROR));
    int ex = cli_exit(rc, d);
    if (ex == EXIT_OK && st.problems)
        ex = EXIT_DATA;
    ck_diag_free(d);
    return ex;
}
