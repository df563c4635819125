/*
 * cmd_view.c — `clinkit view FORMAT PATH [-o FILE.html]`: one
 * self-contained HTML file showing a corpus's documents and annotations
 * (see ck_viewer_* in clinkit/site.h).
 */
#include <stdio.h>
#include <string.h>

#include "cli.h"

static void help(void)
{
    printf("usage: clinkit view [options] FORMAT PATH [-o FILE.html]\n\n"
           "Read PATH as FORMAT and write one self-contained HTML file (to stdout\n"
           "unless -o) that shows each document with its entities highlighted by\n"
           "type, attributes and normalizations on hover or focus, relations,\n"
           "events, coreference chains and notes listed and linked, and a document\n"
           "picker. Open it in any browser; it needs no network.\n\n"
           "The file contains the corpus text: it may hold PHI, and the corpus's\n"
           "data use agreement applies to it.\n\n"
           "options:\n%s"
           "  -o FILE            write the page to FILE\n",
           cli_common_help);
}

typedef struct view_sink {
    ck_viewer *v;
    ck_diag *d;
    size_t n;
} view_sink;

static ck_status add_doc(void *user, ck_doc *doc)
{
    view_sink *s = user;
    ck_status rc = ck_viewer_add(s->v, doc, s->d);
    ck_doc_free(doc);
    s->n++;
    return rc;
}

int cmd_view(int argc, char **argv)
{
    cli_common c = {0};
    const char *format = NULL, *path = NULL, *out = NULL;
    for (int i = 1; i < argc; i++) {
        int k = cli_common_flag(&c, argc, argv, &i);
        if (k < 0)
            return EXIT_USAGE;
        if (k)
            continue;
        if (cli_is_help(argv[i])) {
            help();
            return EXIT_OK;
        } else if (strcmp(argv[i], "-o") == 0 || strcmp(argv[i], "--output") == 0) {
            if (++i >= argc)
                return cli_usage_error("view", "-o needs a FILE");
            out = argv[i];
        } else if (argv[i][0] == '-' && argv[i][1])
            return cli_usage_error("view", "unknown option '%s'", argv[i]);
        else if (!format)
            format = argv[i];
        else if (!path)
            path = argv[i];
        else
            return cli_usage_error("view", "unexpected argument '%s'", argv[i]);
    }
    if (!format || !path)
        return cli_usage_error("view", "need FORMAT and PATH");
    if (!ck_format_find(format))
        return cli_usage_error("view", "unknown format '%s' (see `clinkit formats`)", format);
    FILE *f = out ? fopen(out, "w") : stdout;
    if (!f) {
        fprintf(stderr, "clinkit: %s: cannot write\n", out);
        return EXIT_DATA;
    }
    ck_diag *d = cli_diag(&c);
    char title[1024];
    snprintf(title, sizeof title, "%s · %s", format, path);
    view_sink s = {NULL, d, 0};
    ck_status rc = ck_viewer_open(f, title, &s.v, d);
    if (!rc)
        rc = ck_read(format, path, c.n_opts ? c.opts : NULL, add_doc, &s, d);
    ck_status rc2 = ck_viewer_close(s.v, d);
    if (!rc)
        rc = rc2;
    if (out && fclose(f) != 0 && !rc)
        rc = CK_ERR_IO;
    if (out && (rc || (s.n == 0 && ck_diag_count(d, CK_SEV_ERROR)))) {
        remove(out); /* no half-written page, no empty page for a corpus that failed */
        fprintf(stderr, "clinkit: %s not written\n", out);
    }
    cli_print_diag(d, c.quiet);
    int ex = cli_exit(rc, d);
    ck_diag_free(d);
    return ex;
}
