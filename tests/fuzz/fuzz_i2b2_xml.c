/*
 * fuzz_i2b2_xml.c — libFuzzer target for the i2b2/n2c2 XML readers and
 * writers. The first input byte picks the format (mod 7); the rest is one
 * file's bytes, read leniently from a scratch folder, then written back
 * and read again: what the writers produce must be well-formed XML. Any
 * crash, leak, sanitizer report or malformed output is a bug.
 */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "clinkit/clinkit.h"

static const char *const formats[] = {
    "i2b2-2014-deid", "i2b2-2014-rf",  "n2c2-2018-t1",     "i2b2-2012-temporal",
    "i2b2-2006-deid", "i2b2-2006-smoking", "i2b2-2008-obesity"};

static char dir[256], out[300];

/* Remove a folder tree (no fork per run: thousands of runs a second). */
static void rmrf(const char *path)
{
    DIR *dp = opendir(path);
    if (!dp) {
        unlink(path);
        return;
    }
    struct dirent *e;
    while ((e = readdir(dp))) {
        if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
            continue;
        char sub[1024];
        snprintf(sub, sizeof sub, "%s/%s", path, e->d_name);
        rmrf(sub);
    }
    closedir(dp);
    rmdir(path);
}

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size)
{
    if (size < 1)
        return 0;
    if (!dir[0]) {
        snprintf(dir, sizeof dir, "/tmp/fuzz-i2b2-xml-%d", (int)getpid());
        snprintf(out, sizeof out, "%s-out", dir);
    }
    const char *fmt = formats[data[0] % 7];
    rmrf(dir);
    rmrf(out);
    ck_mkdirs(dir, NULL);
    char path[400];
    snprintf(path, sizeof path, "%s/%s.xml", dir,
             data[0] % 7 == 6 ? (data[0] & 8 ? "obesity_standoff_annotations_training"
                                             : "obesity_patient_records_training")
                              : "100-01");
    ck_write_file(path, data + 1, size - 1, NULL);
    ck_diag *d = ck_diag_new(0);
    ck_corpus c;
    ck_corpus_init(&c);
    if (ck_read_corpus(fmt, dir, NULL, &c, d) == CK_OK && c.n_docs) {
        for (size_t i = 0; i < c.n_docs; i++)
            ck_doc_check(c.docs[i], "fuzz", d);
        if (ck_write_corpus(fmt, out, NULL, &c, d) == CK_OK) {
            ck_diag *d2 = ck_diag_new(0);
            ck_corpus again;
            ck_corpus_init(&again);
            ck_read_corpus(fmt, out, NULL, &again, d2);
            for (size_t i = 0; i < ck_diag_size(d2); i++)
                if (strstr(ck_diag_get(d2, i)->message, "not well-formed"))
                    abort(); /* a writer produced malformed XML */
            ck_corpus_free(&again);
            ck_diag_free(d2);
        }
    }
    ck_corpus_free(&c);
    ck_diag_free(d);
    return 0;
}
