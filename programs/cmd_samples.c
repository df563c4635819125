/*
 * cmd_samples.c — `clinkit samples [DIR] [--out DIR]`: the main job. Read
 * every bundled sample corpus listed in DIR/manifest.tsv, validate it,
 * write it as JSONL, and print a table of what was found.
 *
 * manifest.tsv: one sample per line, "dataset-id<TAB>format<TAB>path
 * [<TAB>key=value,key=value]", path relative to DIR; '#' starts a comment.
 */
#include <stdlib.h>
#include <string.h>

#include "cli.h"

static void help(void)
{
    printf("usage: clinkit samples [DIR] [--out DIR] [options]\n\n"
           "Read every sample corpus listed in DIR/manifest.tsv (default DIR:\n"
           "samples), check every annotation against its text, write each corpus\n"
           "as OUT/<dataset>.jsonl (default OUT: samples-jsonl), and print one row\n"
           "per corpus. Exit 1 if any sample has a problem.\n\n"
           "options:\n%s", cli_common_help);
}

static int run_one(const char *dir, const char *outdir, char *line, int quiet,
                   cli_common *c, size_t *bad)
{
    char *save = NULL;
    char *id = strtok_r(line, "\t", &save);
    char *format = id ? strtok_r(NULL, "\t", &save) : NULL;
    char *rel = format ? strtok_r(NULL, "\t", &save) : NULL;
    char *optstr = rel ? strtok_r(NULL, "\t", &save) : NULL;
    if (!rel) {
        fprintf(stderr, "clinkit samples: manifest line needs dataset, format and path\n");
        return -1;
    }
    const char *opts[32] = {0};
    int n = 0;
    for (char *s2 = NULL, *o = optstr ? strtok_r(optstr, ",", &s2) : NULL; o && n < 31;
         o = strtok_r(NULL, ",", &s2))
        opts[n++] = o;
    char in[4096], out[4096];
    snprintf(in, sizeof in, "%s/%s", dir, rel);
    snprintf(out, sizeof out, "%s/%s.jsonl", outdir, id);
    ck_diag *d = cli_diag(c);
    ck_stats st = {0};
    ck_status rc = ck_convert(format, in, n ? opts : NULL, "jsonl", out, NULL, &st, d);
    if (!quiet || rc || ck_diag_count(d, CK_SEV_ERROR) || st.problems)
        cli_print_diag(d, 0);
    size_t skipped = ck_diag_count(d, CK_SEV_ERROR);
    printf("%-24s %-20s %5zu %6zu %5zu %5zu %6zu %5zu %5zu %6zu %5zu %8zu\n", id, format,
           st.documents, st.entities, st.relations, st.events, st.attributes,
           st.normalizations, st.corefs, st.labels, st.passages,
           st.problems + skipped + (rc != CK_OK));
    if (rc != CK_OK || st.problems || skipped || st.documents == 0)
        ++*bad;
    ck_diag_free(d);
    return 0;
}

int cmd_samples(int argc, char **argv)
{
    cli_common c = {0};
    const char *dir = "samples", *outdir = "samples-jsonl";
    int have_dir = 0;
    for (int i = 1; i < argc; i++) {
        int k = cli_common_flag(&c, argc, argv, &i);
        if (k < 0)
            return EXIT_USAGE;
        if (k)
            continue;
        if (cli_is_help(argv[i])) {
            help();
            return EXIT_OK;
        } else if (strcmp(argv[i], "--out") == 0 && i + 1 < argc)
            outdir = argv[++i];
        else if (argv[i][0] == '-')
            return cli_usage_error("samples", "unknown option '%s'", argv[i]);
        else if (!have_dir++)
            dir = argv[i];
        else
            return cli_usage_error("samples", "unexpected argument '%s'", argv[i]);
    }
    char mpath[4096];
    snprintf(mpath, sizeof mpath, "%s/manifest.tsv", dir);
    ck_diag *d = cli_diag(&c);
    char *data;
    size_t len;
    if (ck_read_file(mpath, &data, &len, d) || ck_mkdirs(outdir, d)) {
        cli_print_diag(d, 0);
        ck_diag_free(d);
        return EXIT_DATA;
    }
    ck_diag_free(d);
    printf("%-24s %-20s %5s %6s %5s %5s %6s %5s %5s %6s %5s %8s\n", "CORPUS", "FORMAT",
           "DOCS", "ENTS", "RELS", "EVTS", "ATTRS", "NORMS", "CHAIN", "LABELS", "PASS",
           "PROBLEMS");
    size_t bad = 0, corpora = 0;
    for (char *save = NULL, *line = strtok_r(data, "\n", &save); line;
         line = strtok_r(NULL, "\n", &save)) {
        size_t l = strlen(line);
        if (l && line[l - 1] == '\r')
            line[l - 1] = '\0';
        if (!*line || line[0] == '#')
            continue;
        corpora++;
        if (run_one(dir, outdir, line, c.quiet, &c, &bad))
            bad++;
    }
    free(data);
    printf("\n%zu corpora, %zu with problems; JSONL written to %s/\n", corpora, bad, outdir);
    return bad ? EXIT_DATA : EXIT_OK;
}
