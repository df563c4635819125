/*
 * source.c — a corpus's files, from a folder, an archive read in place with
 * libarchive, a single (possibly compressed) file, or standard input.
 *
 * Folders are listed recursively and read on demand. Archives are read once
 * at open (corpus archives are small; MIMIC's big tables are single files
 * and use ck_stream instead). Member paths that are absolute or contain
 * ".." are refused: nothing is ever written or read outside the root.
 */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <archive.h>
#include <archive_entry.h>

#include "clinkit/io.h"

typedef struct entry {
    char *name;
    char *data; /* NULL until loaded (folders) */
    size_t len;
} entry;

struct ck_source {
    char *path;
    int kind; /* 0 folder, 1 archive, 2 single file */
    entry *e;
    size_t n, cap;
    char display[4096];
};

static char *xstrdup(const char *s)
{
    size_t n = strlen(s) + 1;
    char *p = malloc(n);
    if (p)
        memcpy(p, s, n);
    return p;
}

int ck_has_suffix(const char *s, const char *suffix)
{
    size_t a = strlen(s), b = strlen(suffix);
    return a >= b && strcmp(s + a - b, suffix) == 0;
}

char *ck_stem(const char *name)
{
    const char *base = strrchr(name, '/');
    base = base ? base + 1 : name;
    char *s = xstrdup(base);
    if (!s)
        return NULL;
    char *dot = strrchr(s, '.');
    if (dot && dot != s)
        *dot = '\0';
    return s;
}

int ck_is_dir(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

static int is_archive_name(const char *p)
{
    static const char *ext[] = {".zip", ".tar", ".tar.gz", ".tgz",
                                ".tar.bz2", ".tbz2", ".tar.xz", ".txz",
                                ".tar.zst", NULL};
    for (int i = 0; ext[i]; i++)
        if (ck_has_suffix(p, ext[i]))
            return 1;
    return 0;
}

static int add_entry(ck_source *s, const char *name, char *data, size_t len)
{
    if (s->n == s->cap) {
        size_t cap = s->cap ? s->cap * 2 : 64;
        entry *e = realloc(s->e, cap * sizeof *e);
        if (!e)
            return -1;
        s->e = e;
        s->cap = cap;
    }
    char *nm = xstrdup(name);
    if (!nm)
        return -1;
    s->e[s->n++] = (entry){nm, data, len};
    return 0;
}

/* A relative member path is acceptable if it is not absolute, has no ".."
 * part and no hidden part (".DS_Store", "__MACOSX/"). */
static int safe_name(const char *name, int *hidden)
{
    *hidden = 0;
    if (name[0] == '/' || name[0] == '\0')
        return 0;
    const char *p = name;
    while (*p) {
        const char *q = strchr(p, '/');
        size_t n = q ? (size_t)(q - p) : strlen(p);
        if (n == 2 && p[0] == '.' && p[1] == '.')
            return 0;
        if ((n > 0 && p[0] == '.' && !(n == 1)) ||
            (n == 8 && strncmp(p, "__MACOSX", 8) == 0))
            *hidden = 1;
        p += n;
        while (*p == '/')
            p++;
    }
    return 1;
}

static int list_dir(ck_source *s, const char *root, const char *rel,
                    int depth, ck_diag *d)
{
    if (depth > 32)
        return 0;
    char full[4096];
    snprintf(full, sizeof full, "%s%s%s", root, *rel ? "/" : "", rel);
    DIR *dir = opendir(full);
    if (!dir) {
        ck_diag_add(d, CK_SEV_ERROR, full, 0, 0, (size_t)-1,
                    "cannot open folder");
        return -1;
    }
    struct dirent *de;
    int rc = 0;
    while (rc == 0 && (de = readdir(dir))) {
        if (de->d_name[0] == '.')
            continue;
        char r2[4096], f2[8192];
        if ((size_t)snprintf(r2, sizeof r2, "%s%s%s", rel, *rel ? "/" : "",
                             de->d_name) >= sizeof r2)
            continue; /* path too long to be a corpus file */
        /* the folder entry says what it is; stat only links and the
         * file systems that do not say */
        int is_dir = de->d_type == DT_DIR, is_reg = de->d_type == DT_REG;
        if (de->d_type == DT_UNKNOWN || de->d_type == DT_LNK) {
            snprintf(f2, sizeof f2, "%s/%s", root, r2);
            struct stat st;
            if (stat(f2, &st) != 0)
                continue;
            is_dir = S_ISDIR(st.st_mode);
            is_reg = S_ISREG(st.st_mode);
        }
        if (is_dir)
            rc = list_dir(s, root, r2, depth + 1, d);
        else if (is_reg)
            rc = add_entry(s, r2, NULL, 0);
    }
    closedir(dir);
    return rc;
}

static int cmp_entry(const void *a, const void *b)
{
    return strcmp(((const entry *)a)->name, ((const entry *)b)->name);
}

static ck_status read_archive(ck_source *s, ck_diag *d)
{
    struct archive *a = archive_read_new();
    archive_read_support_filter_all(a);
    archive_read_support_format_all(a);
    if (archive_read_open_filename(a, s->path, 1 << 16) != ARCHIVE_OK) {
        ck_diag_add(d, CK_SEV_ERROR, s->path, 0, 0, (size_t)-1,
                    "cannot open archive: %s", archive_error_string(a));
        archive_read_free(a);
        return CK_ERR_IO;
    }
    struct archive_entry *ae;
    ck_status rc = CK_OK;
    int r;
    while ((r = archive_read_next_header(a, &ae)) == ARCHIVE_OK) {
        if (archive_entry_filetype(ae) != AE_IFREG)
            continue;
        const char *name = archive_entry_pathname(ae);
        if (!name)
            continue;
        while (name[0] == '.' && name[1] == '/')
            name += 2;
        int hidden;
        if (!safe_name(name, &hidden)) {
            if ((rc = ck_diag_add(d, CK_SEV_ERROR, s->path, 0, 0, (size_t)-1,
                                  "archive member with unsafe path refused (absolute or containing '..')")))
                break;
            continue;
        }
        if (hidden)
            continue;
        size_t cap = 1 << 16, len = 0;
        char *buf = malloc(cap + 1);
        if (!buf) {
            rc = CK_ERR_NOMEM;
            break;
        }
        for (;;) {
            if (len == cap) {
                char *nb = realloc(buf, cap * 2 + 1);
                if (!nb) {
                    free(buf);
                    buf = NULL;
                    break;
                }
                buf = nb;
                cap *= 2;
            }
            la_ssize_t k = archive_read_data(a, buf + len, cap - len);
            if (k < 0) {
                ck_diag_add(d, CK_SEV_ERROR, s->path, 0, 0, (size_t)-1,
                            "cannot read archive member: %s",
                            archive_error_string(a));
                free(buf);
                buf = NULL;
                rc = CK_ERR_IO;
                break;
            }
            if (k == 0)
                break;
            len += (size_t)k;
        }
        if (!buf) {
            if (rc == CK_OK)
                rc = CK_ERR_NOMEM;
            break;
        }
        buf[len] = '\0';
        if (add_entry(s, name, buf, len)) {
            free(buf);
            rc = CK_ERR_NOMEM;
            break;
        }
    }
    if (rc == CK_OK && r != ARCHIVE_EOF) {
        ck_diag_add(d, CK_SEV_ERROR, s->path, 0, 0, (size_t)-1,
                    "damaged archive: %s", archive_error_string(a));
        rc = CK_ERR_IO;
    }
    archive_read_free(a);
    return rc;
}

ck_status ck_source_open(const char *path, ck_source **out, ck_diag *d)
{
    *out = NULL;
    ck_source *s = calloc(1, sizeof *s);
    if (!s || !(s->path = xstrdup(path))) {
        free(s);
        return CK_ERR_NOMEM;
    }
    for (size_t n = strlen(s->path); n > 1 && s->path[n - 1] == '/'; n--)
        s->path[n - 1] = '\0';
    ck_status rc = CK_OK;
    struct stat st;
    if (strcmp(path, "-") == 0) {
        s->kind = 2;
        if (add_entry(s, "-", NULL, 0))
            rc = CK_ERR_NOMEM;
    } else if (stat(path, &st) != 0) {
        ck_diag_add(d, CK_SEV_ERROR, path, 0, 0, (size_t)-1,
                    "no such file or folder");
        rc = CK_ERR_IO;
    } else if (S_ISDIR(st.st_mode)) {
        s->kind = 0;
        if (list_dir(s, path, "", 0, d))
            rc = CK_ERR_IO;
    } else if (is_archive_name(path)) {
        s->kind = 1;
        rc = read_archive(s, d);
    } else {
        s->kind = 2;
        const char *base = strrchr(path, '/');
        if (add_entry(s, base ? base + 1 : path, NULL, 0))
            rc = CK_ERR_NOMEM;
    }
    if (rc != CK_OK) {
        ck_source_free(s);
        return rc;
    }
    if (s->kind != 2 && s->n > 1) /* qsort must not get NULL, even for 0 items */
        qsort(s->e, s->n, sizeof *s->e, cmp_entry);
    *out = s;
    return CK_OK;
}

void ck_source_free(ck_source *s)
{
    if (!s)
        return;
    for (size_t i = 0; i < s->n; i++) {
        free(s->e[i].name);
        free(s->e[i].data);
    }
    free(s->e);
    free(s->path);
    free(s);
}

const char *ck_source_path(const ck_source *s) { return s->path; }
int ck_source_is_file(const ck_source *s) { return s->kind == 2; }
size_t ck_source_count(const ck_source *s) { return s->n; }

const char *ck_source_name(const ck_source *s, size_t i)
{
    return i < s->n ? s->e[i].name : NULL;
}

size_t ck_source_find(const ck_source *s, const char *name)
{
    if (s->kind == 2)
        return s->n && strcmp(s->e[0].name, name) == 0 ? 0 : (size_t)-1;
    size_t lo = 0, hi = s->n;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        int c = strcmp(s->e[mid].name, name);
        if (c == 0)
            return mid;
        if (c < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return (size_t)-1;
}

ck_status ck_source_load(ck_source *s, size_t i, const char **data,
                         size_t *len, ck_diag *d)
{
    if (i >= s->n)
        return CK_ERR_USAGE;
    entry *e = &s->e[i];
    if (!e->data) {
        char full[4096];
        if (s->kind == 2)
            snprintf(full, sizeof full, "%s", s->path);
        else
            snprintf(full, sizeof full, "%s/%s", s->path, e->name);
        ck_status rc = ck_stream_slurp(full, &e->data, &e->len, d);
        if (rc)
            return rc;
    }
    *data = e->data;
    *len = e->len;
    return CK_OK;
}

void ck_source_release(ck_source *s, size_t i)
{
    if (i < s->n && s->kind != 1) {
        free(s->e[i].data);
        s->e[i].data = NULL;
    }
}

const char *ck_source_display(ck_source *s, size_t i)
{
    if (i >= s->n)
        return s->path;
    if (s->kind == 2)
        snprintf(s->display, sizeof s->display, "%s", s->path);
    else
        snprintf(s->display, sizeof s->display, "%s%s%s", s->path,
                 s->kind == 1 ? ":" : "/", s->e[i].name);
    return s->display;
}
