/*
 * share_clef_2014.c — ShARe/CLEF eHealth 2014 Task 2 disorder templates:
 * 22 '|'-separated fields per disorder (pipe_template.c), report texts in
 * corpus/X.txt and gold in CLEFAnnotationOutputDirectory/X.pipe.txt,
 * paired by base name (pipe_common.c).
 */
#include "formats/pipe_template.h"

static ck_status line14(ck_doc *doc, char *line, const char *file, size_t no,
                        ck_diag *d)
{
    return ck_template_line(0, doc, line, file, no, d);
}

static ck_status write14(const ck_doc *doc, ck_buf *b, ck_diag *d)
{
    return ck_template_write(0, doc, b, d);
}

static ck_status clef14_read(const char *path, ck_opts opts, ck_doc_sink sink,
                             void *user, ck_diag *d)
{
    if (ck_opts_check(opts, NULL, d))
        return CK_ERR_USAGE;
    return ck_pipe_read(path, line14, sink, user, d);
}

static ck_status clef14_writer_open(const char *path, ck_opts opts, void **state,
                                    ck_diag *d)
{
    if (ck_opts_check(opts, NULL, d))
        return CK_ERR_USAGE;
    return ck_pipe_writer_open(path, ".txt", ".pipe.txt", write14, state, d);
}

const ck_format ck_fmt_share_clef_2014 = {
    .id = "share-clef-2014",
    .summary = "ShARe/CLEF eHealth 2014 T2 disorder templates: 22 '|' fields, value + cue per attribute",
    .layout = "a folder (or archive) of report .txt files and gold .pipe.txt files, paired by "
              "base name; writes X.txt + X.pipe.txt",
    .flags = CK_FMT_DIR,
    .read = clef14_read,
    .writer_open = clef14_writer_open,
    .writer_write = ck_pipe_writer_write,
    .writer_close = ck_pipe_writer_close,
};
