/*
 * cmd_join.c — `clinkit join ANNOTATIONS TEXTS [--out DIR]`: put the public
 * THYME annotation folders together with the text folder (see
 * clinkit/join.h), report every annotation whose span falls outside its
 * text, optionally write the joined corpus.
 */
#include <string.h>

#include "cli.h"
#include "clinkit/join.h"

static void help(void)
{
    printf("usage: clinkit join [options] ANNOTATIONS TEXTS [--out DIR] [--to FORMAT]\n\n"
           "ANNOTATIONS is an Anafora folder (THYME layout: DOC/DOC.*.xml, no text);\n"
           "TEXTS a folder or archive holding the notes as DOC or DOC/DOC. Each\n"
           "document gets its text; every annotation whose span falls outside the\n"
           "text is reported on stderr. With --out, the joined corpus is written\n"
           "(format anafora, or --to FORMAT). Prints the counts. Exit 1 if a text\n"
           "is missing or a span falls outside its text.\n\n"
           "options:\n%s"
           "  --out DIR          write the joined corpus there\n"
           "  --to FORMAT        format of --out (default anafora)\n"
           "  --out-opt KEY=VALUE  option for the writer (repeatable)\n",
           cli_common_help);
}

int cmd_join(int argc, char **argv)
{
    cli_common c = {0};
    const char *ann = NULL, *texts = NULL, *out = NULL, *to = NULL;
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
        } else if (!strcmp(a, "--out") || !strcmp(a, "--to") || !strcmp(a, "--out-opt")) {
            if (i + 1 >= argc)
                return cli_usage_error("join", "%s needs a value", a);
            if (!strcmp(a, "--out"))
                out = argv[++i];
            else if (!strcmp(a, "--to"))
                to = argv[++i];
            else if (nw < 63)
                wopts[nw++] = argv[++i];
        } else if (a[0] == '-' && a[1])
            return cli_usage_error("join", "unknown option '%s'", a);
        else if (!ann)
            ann = a;
        else if (!texts)
            texts = a;
        else
            return cli_usage_error("join", "unexpected argument '%s'", a);
    }
    if (!ann || !texts)
        return cli_usage_error("join", "need ANNOTATIONS and TEXTS");
    if (to && !out)
        return cli_usage_error("join", "--to needs --out");
    ck_diag *d = cli_diag(&c);
    ck_join_stats st;
    ck_status rc = ck_join(ann, texts, c.n_opts ? c.opts : NULL, to, out,
                           nw ? wopts : NULL, &st, d);
    cli_print_diag(d, c.quiet);
    printf("documents:       %zu (%zu joined, %zu without text)\n"
           "entities:        %zu\nrelations:       %zu\n"
           "outside text:    %zu\n",
           st.documents, st.joined, st.missing, st.entities, st.relations, st.outside);
    int ex = cli_exit(rc, d);
    if (ex == EXIT_OK && (st.missing || st.outside))
        ex = EXIT_DATA;
    ck_diag_free(d);
    return ex;
}
