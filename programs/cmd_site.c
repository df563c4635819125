/*
 * cmd_site.c — `clinkit site OUT/`: write the catalog as a static web site
 * (see ck_site_write in clinkit/site.h).
 */
#include <string.h>

#include "cli.h"

static void help(void)
{
    printf("usage: clinkit site [--catalog FILE] OUTDIR\n\n"
           "Write the catalog of clinical NLP corpora as a static web site into\n"
           "OUTDIR: index.html with instant search and filters (task, language,\n"
           "access, year, clinkit reader) and a page per data set (access steps,\n"
           "download contents, splits, metric, clinkit commands, BibTeX). Plain\n"
           "HTML/CSS and a little JavaScript, no network: it works from file:// and\n"
           "from any static host.\n\n"
           "  --catalog FILE  use this catalog instead of the built-in one\n");
}

int cmd_site(int argc, char **argv)
{
    const char *out = NULL, *catalog = NULL;
    for (int i = 1; i < argc; i++) {
        if (cli_is_help(argv[i])) {
            help();
            return EXIT_OK;
        } else if (strcmp(argv[i], "--catalog") == 0) {
            if (++i >= argc)
                return cli_usage_error("site", "--catalog needs a FILE");
            catalog = argv[i];
        } else if (argv[i][0] == '-')
            return cli_usage_error("site", "unknown option '%s'", argv[i]);
        else if (!out)
            out = argv[i];
        else
            return cli_usage_error("site", "unexpected argument '%s'", argv[i]);
    }
    if (!out)
        return cli_usage_error("site", "need OUTDIR");
    ck_diag *d = ck_diag_new(1);
    ck_catalog *own = NULL;
    const ck_catalog *c = NULL;
    ck_status rc = CK_OK;
    if (catalog)
        rc = ck_catalog_load(catalog, &own, d), c = own;
    else if (!(c = ck_catalog_builtin(d)))
        rc = CK_ERR_PARSE;
    if (!rc)
        rc = ck_site_write(c, out, d);
    cli_print_diag(d, 0);
    if (!rc)
        fprintf(stderr, "clinkit: wrote %zu data-set pages and %s/index.html\n",
                ck_catalog_count(c), out);
    int ex = cli_exit(rc, d);
    ck_catalog_free(own);
    ck_diag_free(d);
    return ex;
}
