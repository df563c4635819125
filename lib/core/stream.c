/*
 * stream.c — sequential bytes from a file or stdin, decompressed on the fly
 * (gzip, bzip2, xz, zstd via libarchive's "raw" format), detected by magic
 * bytes. Plain files are read with read(2) in large blocks: this is the
 * path the multi-GB MIMIC tables take, so it copies nothing it need not.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <archive.h>
#include <archive_entry.h>

#include "clinkit/io.h"

struct ck_stream {
    int fd;
    int own_fd;
    struct archive *ar; /* non-NULL when decompressing */
    char *name;
};

static int compressed_magic(const unsigned char *m, size_t n)
{
    return (n >= 2 && m[0] == 0x1f && m[1] == 0x8b) ||
           (n >= 3 && memcmp(m, "BZh", 3) == 0) ||
           (n >= 6 && memcmp(m, "\xFD" "7zXZ\0", 6) == 0) ||
           (n >= 4 && memcmp(m, "\x28\xB5\x2F\xFD", 4) == 0);
}

ck_status ck_stream_open(const char *path, ck_stream **out, ck_diag *d)
{
    *out = NULL;
    ck_stream *st = calloc(1, sizeof *st);
    if (!st)
        return CK_ERR_NOMEM;
    st->name = strdup(path);
    int use_archive = 0;
    if (strcmp(path, "-") == 0) {
        st->fd = 0;
        use_archive = 1; /* cannot peek at stdin: let libarchive sniff */
    } else {
        st->fd = open(path, O_RDONLY);
        if (st->fd < 0) {
            ck_diag_add(d, CK_SEV_ERROR, path, 0, 0, (size_t)-1,
                        "cannot open: %s", strerror(errno));
            ck_stream_close(st);
            return CK_ERR_IO;
        }
        st->own_fd = 1;
        unsigned char m[6];
        ssize_t k = pread(st->fd, m, sizeof m, 0);
        use_archive = k > 0 && compressed_magic(m, (size_t)k);
    }
    if (use_archive) {
        struct archive_entry *ae;
        st->ar = archive_read_new();
        archive_read_support_filter_all(st->ar);
        archive_read_support_format_raw(st->ar);
        archive_read_support_format_empty(st->ar);
        if (archive_read_open_fd(st->ar, st->fd, 1 << 20) != ARCHIVE_OK ||
            archive_read_next_header(st->ar, &ae) != ARCHIVE_OK) {
            int empty = archive_errno(st->ar) == 0 &&
                        archive_format(st->ar) == ARCHIVE_FORMAT_EMPTY;
            if (!empty) {
                ck_diag_add(d, CK_SEV_ERROR, path, 0, 0, (size_t)-1,
                            "cannot read compressed stream: %s",
                            archive_error_string(st->ar)
                                ? archive_error_string(st->ar) : "unknown");
                ck_stream_close(st);
                return CK_ERR_IO;
            }
            archive_read_free(st->ar);
            st->ar = NULL;
            st->fd = -1; /* empty input: every read returns 0 */
        }
    }
    *out = st;
    return CK_OK;
}

ssize_t ck_stream_read(ck_stream *st, void *buf, size_t n, ck_diag *d)
{
    if (st->ar) {
        la_ssize_t k = archive_read_data(st->ar, buf, n);
        if (k < 0) {
            ck_diag_add(d, CK_SEV_ERROR, st->name, 0, 0, (size_t)-1,
                        "decompression failed: %s",
                        archive_error_string(st->ar));
            return -1;
        }
        return k;
    }
    if (st->fd < 0)
        return 0;
    for (;;) {
        ssize_t k = read(st->fd, buf, n);
        if (k < 0 && errno == EINTR)
            continue;
        if (k < 0)
            ck_diag_add(d, CK_SEV_ERROR, st->name, 0, 0, (size_t)-1,
                        "read failed: %s", strerror(errno));
        return k;
    }
}

void ck_stream_close(ck_stream *st)
{
    if (!st)
        return;
    if (st->ar)
        archive_read_free(st->ar);
    if (st->own_fd && st->fd >= 0)
        close(st->fd);
    free(st->name);
    free(st);
}

ck_status ck_mkdirs(const char *path, ck_diag *d)
{
    char buf[4096];
    size_t n = strlen(path);
    if (n == 0 || n >= sizeof buf)
        return CK_ERR_USAGE;
    memcpy(buf, path, n + 1);
    for (size_t i = 1; i <= n; i++) {
        if (buf[i] != '/' && buf[i] != '\0')
            continue;
        char c = buf[i];
        buf[i] = '\0';
        if (mkdir(buf, 0777) != 0 && errno != EEXIST) {
            ck_diag_add(d, CK_SEV_ERROR, buf, 0, 0, (size_t)-1,
                        "cannot create folder: %s", strerror(errno));
            return CK_ERR_IO;
        }
        buf[i] = c;
    }
    if (!ck_is_dir(path)) {
        ck_diag_add(d, CK_SEV_ERROR, path, 0, 0, (size_t)-1,
                    "exists and is not a folder");
        return CK_ERR_IO;
    }
    return CK_OK;
}

ck_status ck_write_file(const char *path, const void *data, size_t len,
                        ck_diag *d)
{
    int fd = strcmp(path, "-") == 0
                 ? 1
                 : open(path, O_WRONLY | O_CREAT | O_TRUNC, 0666);
    if (fd < 0) {
        ck_diag_add(d, CK_SEV_ERROR, path, 0, 0, (size_t)-1,
                    "cannot write: %s", strerror(errno));
        return CK_ERR_IO;
    }
    const char *p = data;
    while (len) {
        ssize_t k = write(fd, p, len);
        if (k < 0 && errno == EINTR)
            continue;
        if (k <= 0) {
            ck_diag_add(d, CK_SEV_ERROR, path, 0, 0, (size_t)-1,
                        "write failed: %s", strerror(errno));
            if (fd != 1)
                close(fd);
            return CK_ERR_IO;
        }
        p += k;
        len -= (size_t)k;
    }
    if (fd != 1 && close(fd) != 0) {
        ck_diag_add(d, CK_SEV_ERROR, path, 0, 0, (size_t)-1,
                    "write failed: %s", strerror(errno));
        return CK_ERR_IO;
    }
    return CK_OK;
}

/* Any stream, block by block. */
static ck_status slurp_stream(const char *path, char **data, size_t *len, ck_diag *d)
{
    ck_stream *st;
    ck_status rc = ck_stream_open(path, &st, d);
    if (rc)
        return rc;
    size_t cap = 1 << 16, n = 0;
    char *buf = malloc(cap + 1);
    for (;;) {
        if (!buf) {
            ck_stream_close(st);
            return CK_ERR_NOMEM;
        }
        if (n == cap) {
            char *nb = realloc(buf, cap * 2 + 1);
            if (!nb) {
                free(buf);
                buf = NULL;
                continue;
            }
            buf = nb;
            cap *= 2;
        }
        ssize_t k = ck_stream_read(st, buf + n, cap - n, d);
        if (k < 0) {
            free(buf);
            ck_stream_close(st);
            return CK_ERR_IO;
        }
        if (k == 0)
            break;
        n += (size_t)k;
    }
    ck_stream_close(st);
    buf[n] = '\0';
    *data = buf;
    *len = n;
    return CK_OK;
}

/* A plain regular file: its size known, one read() (asking one byte more
 * shows the end in the same call). 1 if done (or failed: rc set), 0 if the
 * file is compressed or not regular. */
static int slurp_plain(const char *path, char **data, size_t *len, ck_status *rc,
                       ck_diag *d)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return 0; /* the stream path reports it */
    struct stat st;
    if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode) || (uint64_t)st.st_size > SIZE_MAX / 4) {
        close(fd);
        return 0;
    }
    size_t cap = (size_t)st.st_size + 1, n = 0;
    char *buf = malloc(cap + 1);
    for (;;) {
        if (!buf) {
            close(fd);
            *rc = CK_ERR_NOMEM;
            return 1;
        }
        ssize_t k = read(fd, buf + n, cap - n);
        if (k < 0 && errno == EINTR)
            continue;
        if (k < 0) {
            ck_diag_add(d, CK_SEV_ERROR, path, 0, 0, (size_t)-1, "read failed: %s",
                        strerror(errno));
            free(buf);
            close(fd);
            *rc = CK_ERR_IO;
            return 1;
        }
        n += (size_t)k;
        if (n < cap)
            break; /* a short read of a regular file: its end */
        char *nb = realloc(buf, cap * 2 + 1); /* it grew while we read */
        if (!nb)
            free(buf);
        buf = nb;
        cap *= 2;
    }
    close(fd);
    if (compressed_magic((const unsigned char *)buf, n)) {
        free(buf);
        return 0;
    }
    buf[n] = '\0';
    *data = buf;
    *len = n;
    *rc = CK_OK;
    return 1;
}

ck_status ck_stream_slurp(const char *path, char **data, size_t *len, ck_diag *d)
{
    ck_status rc = CK_OK;
    if (strcmp(path, "-") != 0 && slurp_plain(path, data, len, &rc, d))
        return rc;
    return slurp_stream(path, data, len, d);
}

ck_status ck_read_file(const char *path, char **data, size_t *len,
                       ck_diag *d)
{
    ck_source *s;
    ck_status rc = ck_source_open(path, &s, d);
    if (rc)
        return rc;
    const char *p;
    size_t n;
    if (!ck_source_is_file(s)) {
        ck_source_free(s);
        ck_diag_add(d, CK_SEV_ERROR, path, 0, 0, (size_t)-1,
                    "expected a file, found a folder or archive");
        return CK_ERR_USAGE;
    }
    rc = ck_source_load(s, 0, &p, &n, d);
    if (rc == CK_OK) {
        *data = malloc(n + 1);
        if (!*data)
            rc = CK_ERR_NOMEM;
        else {
            memcpy(*data, p, n + 1);
            *len = n;
        }
    }
    ck_source_free(s);
    return rc;
}
