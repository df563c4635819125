/*
 * semeval_2015_t14.c — SemEval-2015 Task 14 disorder templates: 19
 * '|'-separated fields and a trailing '|' per disorder (pipe_template.c),
 * X.pipe (or X.pipe.txt) beside X.text in data/{train,devel}/... folders,
 * paired by base name (pipe_common.c). Lines in the older 22-field layout
 * are read too (their DocTime and temporal slots kept as attributes).
 */
#include "formats/pipe_template.h"

static ck_status line15(ck_doc *doc, char *line, const char *file, size_t no,
                        ck_diag *d)
{
    return ck_template_line(1, doc, line, file, no, d);
}

static ck_status write15(const ck_doc *doc, ck_buf *b, ck_diag *d)
{
    return ck_template_write(1, doc, b, d);
}

static ck_status se15_read(const char *path, ck_opts opts, ck_doc_sink sink,
                           void *user, ck_diag *d)
{
    if (ck_opts_check(opts, NULL, d))
        return CK_ERR_USAGE;
    return ck_pipe_read(path, line15, sink, user, d);
}

static ck_status se15_writer_open(const char *path, ck_opts opts, void **state,
                                  ck_diag *d)
{
    if (ck_opts_check(opts, NULL, d))
        return CK_ERR_USAGE;
    return ck_pipe_writer_open(path, ".text", ".pipe", write15, state, d);
}

const ck_format ck_fmt_semeval_2015_t14 = {
    .id = "semeval-2015-t14",
    .summary = "SemEval-2015 T14 disorder templates: X.pipe (19 '|' fields + trailing '|') beside X.text",
    .layout = "a folder (any depth, or archive) of .text and .pipe/.pipe.txt files, paired by "
              "base name; writes X.text + X.pipe",
    .flags = CK_FMT_DIR,
    .read = se15_read,
    .writer_open = se15_writer_open,
    .writer_write = ck_pipe_writer_write,
    .writer_close = ck_pipe_writer_close,
};
