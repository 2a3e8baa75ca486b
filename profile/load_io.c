/* The loader's input: whole files and gzip (size-capped against bombs). */
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>

#include "profile/load_int.h"

/* ---------- input: files and gzip ---------- */

int pv_ld_read_all(const char *path, uint8_t **out, size_t *outlen, errbuf *e)
{
    bool is_stdin = !strcmp(path, "-");
    int fd = is_stdin ? STDIN_FILENO : open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        pv_ld_fail(e, "%s", strerror(errno));
        return -1;
    }
    struct stat st;
    if (fstat(fd, &st) != 0) {
        pv_ld_fail(e, "%s", strerror(errno));
        if (!is_stdin)
            close(fd);
        return -1;
    }
    if (S_ISDIR(st.st_mode)) {
        pv_ld_fail(e, "is a directory");
        if (!is_stdin)
            close(fd);
        return -1;
    }
    size_t cap = S_ISREG(st.st_mode) && st.st_size > 0 ? (size_t)st.st_size + 1 : 65536;
    uint8_t *buf = malloc(cap);
    size_t len = 0;
    if (!buf) {
        pv_ld_fail(e, "out of memory");
        if (!is_stdin)
            close(fd);
        return -1;
    }
    for (;;) {
        if (len == cap) {
            uint8_t *nb = realloc(buf, cap * 2);
            if (!nb) {
                free(buf);
                if (!is_stdin)
                    close(fd);
                pv_ld_fail(e, "out of memory");
                return -1;
            }
            buf = nb;
            cap *= 2;
        }
        ssize_t n = read(fd, buf + len, cap - len);
        if (n < 0) {
            if (errno == EINTR)
                continue;
            pv_ld_fail(e, "%s", strerror(errno));
            free(buf);
            if (!is_stdin)
                close(fd);
            return -1;
        }
        if (n == 0)
            break;
        len += (size_t)n;
    }
    if (!is_stdin)
        close(fd);
    *out = buf;
    *outlen = len;
    return 0;
}

int pv_ld_gunzip(const uint8_t *in, size_t inlen, uint64_t cap, uint8_t **out, size_t *outlen, errbuf *e)
{
    z_stream zs;
    memset(&zs, 0, sizeof zs);
    if (inflateInit2(&zs, 15 + 16) != Z_OK) {
        pv_ld_fail(e, "decompressing profile: cannot initialise zlib");
        return -1;
    }
    /* the gzip trailer holds the size mod 2^32: a hint for the first allocation */
    size_t size = inlen >= 4 ? (size_t)in[inlen - 4] | (size_t)in[inlen - 3] << 8 | (size_t)in[inlen - 2] << 16 |
                                   (size_t)in[inlen - 1] << 24
                             : 0;
    if (size < inlen * 2)
        size = inlen * 2;
    size += 4096; /* room past the exact size, so finishing does not force a doubling copy */
    if (size > cap)
        size = (size_t)cap;
    if (size < 4096)
        size = 4096;
    uint8_t *buf = malloc(size);
    size_t len = 0;
    if (!buf)
        goto oom;
    pv_hint_huge(buf, size);
    zs.next_in = (Bytef *)in;
    zs.avail_in = (uInt)(inlen > UINT32_MAX ? UINT32_MAX : inlen);
    size_t consumed_before = 0;
    for (;;) {
        if (len == size) {
            if (size >= cap) {
                pv_ld_fail(e, "decompressed size exceeds the limit of %" PRIu64 " bytes (a gzip bomb? see -max_decompressed)",
                     cap);
                goto fail;
            }
            size_t ns = size * 2 > cap ? (size_t)cap : size * 2;
            uint8_t *nb = realloc(buf, ns);
            if (!nb)
                goto oom;
            buf = nb;
            size = ns;
        }
        zs.next_out = buf + len;
        size_t room = size - len;
        zs.avail_out = (uInt)(room > UINT32_MAX ? UINT32_MAX : room);
        uInt before_out = zs.avail_out;
        int zr = inflate(&zs, Z_NO_FLUSH);
        len += before_out - zs.avail_out;
        if (zs.avail_in == 0 && consumed_before + zs.total_in < inlen) {
            /* refill beyond 4 GiB inputs */
            consumed_before += zs.total_in;
            size_t left = inlen - consumed_before;
            zs.next_in = (Bytef *)in + consumed_before;
            zs.avail_in = (uInt)(left > UINT32_MAX ? UINT32_MAX : left);
            zs.total_in = 0;
        }
        if (zr == Z_STREAM_END) {
            /* another gzip member may follow (concatenated gzip), as Go's reader allows */
            size_t used = consumed_before + zs.total_in;
            if (used < inlen && in[used] == 0x1f && inlen - used >= 2 && in[used + 1] == 0x8b) {
                consumed_before = used;
                inflateReset(&zs);
                zs.total_in = 0;
                zs.next_in = (Bytef *)in + used;
                size_t left = inlen - used;
                zs.avail_in = (uInt)(left > UINT32_MAX ? UINT32_MAX : left);
                continue;
            }
            break;
        }
        if (zr == Z_BUF_ERROR && zs.avail_in == 0) {
            pv_ld_fail(e, "decompressing profile: truncated gzip data (unexpected end of file)");
            goto fail;
        }
        if (zr != Z_OK && zr != Z_BUF_ERROR) {
            pv_ld_fail(e, "decompressing profile: %s", zs.msg ? zs.msg : "invalid gzip data");
            goto fail;
        }
    }
    inflateEnd(&zs);
    *out = buf;
    *outlen = len;
    return 0;
oom:
    pv_ld_fail(e, "out of memory while decompressing");
fail:
    inflateEnd(&zs);
    free(buf);
    return -1;
}

