/*
 * deid_key.c — the secret behind surrogates: key files, random keys, and
 * the keyed hash (SipHash-2-4, written from the published description)
 * that turns (key, patient, original text) into reproducible choices.
 * Nothing here ever prints or logs a key.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <sys/stat.h>
#include <unistd.h>

#include "clinkit/io.h"
#include "processors/deid_int.h"

#define ROTL(x, b) (uint64_t)(((x) << (b)) | ((x) >> (64 - (b))))
#define SIPROUND                                                                       \
    do {                                                                               \
        v0 += v1; v1 = ROTL(v1, 13); v1 ^= v0; v0 = ROTL(v0, 32);                      \
        v2 += v3; v3 = ROTL(v3, 16); v3 ^= v2;                                         \
        v0 += v3; v3 = ROTL(v3, 21); v3 ^= v0;                                         \
        v2 += v1; v1 = ROTL(v1, 17); v1 ^= v2; v2 = ROTL(v2, 32);                      \
    } while (0)

static uint64_t le64(const uint8_t *p)
{
    uint64_t v = 0;
    for (int i = 7; i >= 0; i--)
        v = (v << 8) | p[i];
    return v;
}

uint64_t deid_siphash(const uint8_t k[16], const void *data, size_t n)
{
    const uint8_t *m = data;
    uint64_t k0 = le64(k), k1 = le64(k + 8);
    uint64_t v0 = 0x736f6d6570736575ULL ^ k0, v1 = 0x646f72616e646f6dULL ^ k1;
    uint64_t v2 = 0x6c7967656e657261ULL ^ k0, v3 = 0x7465646279746573ULL ^ k1;
    size_t full = n & ~(size_t)7;
    for (size_t i = 0; i < full; i += 8) {
        uint64_t w = le64(m + i);
        v3 ^= w;
        SIPROUND;
        SIPROUND;
        v0 ^= w;
    }
    uint64_t b = (uint64_t)n << 56;
    for (size_t i = 0; i < (n & 7); i++)
        b |= (uint64_t)m[full + i] << (8 * i);
    v3 ^= b;
    SIPROUND;
    SIPROUND;
    v0 ^= b;
    v2 ^= 0xff;
    SIPROUND;
    SIPROUND;
    SIPROUND;
    SIPROUND;
    return v0 ^ v1 ^ v2 ^ v3;
}

uint64_t deid_prf(const uint8_t key[CK_DEID_KEY_BYTES], const char *domain, const char *a,
                  size_t an, const char *b, size_t bn)
{
    /* Chain: h = H_k1(domain), then over a and b with lengths, so
     * ("ab","c") and ("a","bc") differ. The second key half salts. */
    uint64_t h = deid_siphash(key, domain, strlen(domain));
    uint8_t k2[16];
    for (int i = 0; i < 8; i++) {
        k2[i] = (uint8_t)(key[16 + i] ^ (h >> (8 * i)));
        k2[8 + i] = key[24 + i];
    }
    uint64_t ha = deid_siphash(k2, a ? a : "", a ? an : 0);
    uint8_t k3[16];
    for (int i = 0; i < 8; i++) {
        k3[i] = (uint8_t)(key[i] ^ (ha >> (8 * i)));
        k3[8 + i] = (uint8_t)(key[8 + i] ^ (uint8_t)(an >> (8 * (i & 7))));
    }
    return deid_siphash(k3, b ? b : "", b ? bn : 0);
}

ck_status ck_deid_key_random(uint8_t key[CK_DEID_KEY_BYTES], ck_diag *d)
{
    size_t got = 0;
    while (got < CK_DEID_KEY_BYTES) {
        ssize_t r = getrandom(key + got, CK_DEID_KEY_BYTES - got, 0);
        if (r < 0 && errno == EINTR)
            continue;
        if (r <= 0) {
            ck_diag_add(d, CK_SEV_ERROR, "deid key", 0, 0, (size_t)-1,
                        "the system's random source failed");
            return CK_ERR_IO;
        }
        got += (size_t)r;
    }
    return CK_OK;
}

ck_status ck_deid_key_read(const char *path, uint8_t key[CK_DEID_KEY_BYTES], ck_diag *d)
{
    char *data;
    size_t len;
    ck_status rc = ck_read_file(path, &data, &len, d);
    if (rc)
        return rc;
    size_t n = len;
    while (n && (data[n - 1] == '\n' || data[n - 1] == '\r' || data[n - 1] == ' '))
        n--;
    if (n < 16) {
        free(data);
        ck_diag_add(d, CK_SEV_ERROR, path, 0, 0, (size_t)-1,
                    "a key file needs at least 16 bytes of secret (make one with --new-key)");
        return CK_ERR_USAGE;
    }
    /* Stretch any content into 32 bytes: two keyed hashes per 8 bytes. */
    static const uint8_t k0[16] = "clinkit-deid-k0";
    for (int i = 0; i < CK_DEID_KEY_BYTES / 8; i++) {
        uint8_t k[16];
        memcpy(k, k0, 16);
        k[15] = (uint8_t)i;
        uint64_t h = deid_siphash(k, data, n);
        for (int j = 0; j < 8; j++)
            key[i * 8 + j] = (uint8_t)(h >> (8 * j));
    }
    memset(data, 0, len);
    free(data);
    return CK_OK;
}

ck_status ck_deid_key_write(const char *path, ck_diag *d)
{
    uint8_t raw[CK_DEID_KEY_BYTES];
    ck_status rc = ck_deid_key_random(raw, d);
    if (rc)
        return rc;
    char hex[2 * CK_DEID_KEY_BYTES + 2];
    for (int i = 0; i < CK_DEID_KEY_BYTES; i++)
        snprintf(hex + 2 * i, 3, "%02x", raw[i]);
    hex[2 * CK_DEID_KEY_BYTES] = '\n';
    int fd = open(path, O_WRONLY | O_CREAT | O_EXCL, 0600);
    if (fd < 0) {
        ck_diag_add(d, CK_SEV_ERROR, path, 0, 0, (size_t)-1,
                    "cannot create the key file (%s); an existing key is never overwritten",
                    strerror(errno));
        return CK_ERR_IO;
    }
    ssize_t w = write(fd, hex, 2 * CK_DEID_KEY_BYTES + 1);
    int bad = w != 2 * CK_DEID_KEY_BYTES + 1;
    bad |= close(fd) != 0;
    memset(hex, 0, sizeof hex);
    memset(raw, 0, sizeof raw);
    if (bad) {
        ck_diag_add(d, CK_SEV_ERROR, path, 0, 0, (size_t)-1, "cannot write the key file");
        return CK_ERR_IO;
    }
    return CK_OK;
}

int ck_deid_date_shift(const uint8_t key[CK_DEID_KEY_BYTES], const char *patient)
{
    uint64_t h = deid_prf(key, "date-shift", patient, strlen(patient), NULL, 0);
    /* 30..3650 days into the past: far enough to hide, weekday not kept. */
    return -(int)(30 + h % 3621);
}
