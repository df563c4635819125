/*
 * cmd_formats.c — `clinkit formats [--json]`: every registered format,
 * what it can do, and which catalog entries use it.
 */
#include <string.h>

#include "cli.h"

static void help(void)
{
    printf("usage: clinkit formats [--json]\n\n"
           "List every format id clinkit knows, whether it reads and writes it,\n"
           "what PATH must be, and the catalog entries that use it.\n");
}

int cmd_formats(int argc, char **argv)
{
    int json = 0;
    for (int i = 1; i < argc; i++) {
        if (cli_is_help(argv[i])) {
            help();
            return EXIT_OK;
        } else if (strcmp(argv[i], "--json") == 0)
            json = 1;
        else
            return cli_usage_error("formats", "unexpected argument '%s'", argv[i]);
    }
    const ck_catalog *cat = ck_catalog_builtin(NULL);
    if (json)
        printf("[");
    for (size_t i = 0; i < ck_format_count(); i++) {
        const ck_format *f = ck_format_at(i);
        if (json) {
            printf("%s\n {\"id\": ", i ? "," : "");
            cli_json_str(stdout, f->id);
            printf(", \"read\": %s, \"write\": %s, \"summary\": ",
                   f->read ? "true" : "false", f->writer_open ? "true" : "false");
            cli_json_str(stdout, f->summary);
            printf(", \"layout\": ");
            cli_json_str(stdout, f->layout);
            printf(", \"datasets\": [");
        } else
            printf("%-22s %-3s %-5s %s\n%-22s %s\n%-22s datasets:", f->id,
                   f->read ? "read" : "", f->writer_open ? "write" : "", f->summary,
                   "", f->layout, "");
        int first = 1;
        for (size_t k = 0; k < ck_catalog_count(cat); k++) {
            const ck_dataset *ds = ck_catalog_at(cat, k);
            for (size_t j = 0; j < ds->formats.n; j++)
                if (strcmp(ds->formats.items[j], f->id) == 0) {
                    if (json) {
                        printf("%s", first ? "" : ", ");
                        cli_json_str(stdout, ds->id);
                    } else
                        printf(" %s", ds->id);
                    first = 0;
                }
        }
        if (json)
            printf("]}");
        else
            printf("%s\n\n", first ? " (none)" : "");
    }
    if (json)
        printf("\n]\n");
    return EXIT_OK;
}
