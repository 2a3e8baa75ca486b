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

#include "profile/load.h"
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

/* ---------- gzip, inflated as it arrives ---------- */

struct pv_gunzip {
    z_stream zs;
    uint64_t cap;
    uint8_t *out;
    size_t len, size;
    int state;   /* 0: inside a member; 1: a member ended; 2: done (the rest is ignored); -1: failed */
    uint8_t held; /* state 1: a 0x1f that may start another member, when nheld is 1 */
    int nheld;
    char why[160];
};

pv_gunzip *pv_gunzip_new(uint64_t cap, size_t size_hint)
{
    pv_gunzip *g = calloc(1, sizeof *g);
    if (!g)
        return NULL;
    if (inflateInit2(&g->zs, 15 + 16) != Z_OK) {
        free(g);
        return NULL;
    }
    g->cap = cap;
    size_t size = size_hint + 4096; /* room past the exact size: finishing forces no doubling copy */
    if (size > cap)
        size = (size_t)cap;
    if (size < 4096)
        size = 4096;
    g->out = malloc(size);
    if (!g->out) {
        inflateEnd(&g->zs);
        free(g);
        return NULL;
    }
    pv_hint_huge(g->out, size);
    g->size = size;
    return g;
}

void pv_gunzip_free(pv_gunzip *g)
{
    if (!g)
        return;
    inflateEnd(&g->zs);
    free(g->out);
    free(g);
}

static int gz_fail(pv_gunzip *g, const char *why)
{
    snprintf(g->why, sizeof g->why, "%s", why);
    g->state = -1;
    return -1;
}

/* Whether the bytes after a member start another (Go's reader reads concatenated gzip);
 * otherwise the rest is ignored (Go's reader refuses it: pview keeps what came before).
 * Consumes nothing. */
static void gz_between(pv_gunzip *g, const uint8_t *p, size_t n)
{
    if (n == 0)
        return;
    uint8_t b0 = g->nheld ? g->held : p[0];
    if (b0 != 0x1f) {
        g->state = 2;
        return;
    }
    if (!g->nheld && n < 2) { /* the second byte is still to come */
        g->held = b0;
        g->nheld = 1;
        return;
    }
    uint8_t b1 = g->nheld ? p[0] : p[1];
    if (b1 != 0x8b) {
        g->state = 2;
        return;
    }
    inflateReset(&g->zs);
    g->state = 0;
    if (g->nheld) { /* the held 0x1f goes in first */
        g->nheld = 0;
        static const uint8_t magic0 = 0x1f;
        g->zs.next_in = (Bytef *)&magic0;
        g->zs.avail_in = 1;
        g->zs.next_out = g->out + g->len;
        g->zs.avail_out = 0;
        inflate(&g->zs, Z_NO_FLUSH); /* a header byte: it needs no room, and cannot fail */
    }
}

int pv_gunzip_feed(pv_gunzip *g, const uint8_t *p, size_t n)
{
    while (n > 0 || g->state == 0) {
        if (g->state == 1)
            gz_between(g, p, n);
        if (g->state != 0)
            return g->state < 0 ? -1 : 0;
        if (g->len == g->size) {
            if (g->size >= g->cap) {
                char why[160];
                snprintf(why, sizeof why,
                         "decompressed size exceeds the limit of %" PRIu64 " bytes (a gzip bomb? see -max_decompressed)",
                         g->cap);
                return gz_fail(g, why);
            }
            size_t ns = (uint64_t)g->size * 2 > g->cap ? (size_t)g->cap : g->size * 2;
            uint8_t *nb = realloc(g->out, ns);
            if (!nb)
                return gz_fail(g, "out of memory while decompressing");
            g->out = nb;
            g->size = ns;
        }
        size_t chunk = n > UINT32_MAX ? UINT32_MAX : n;
        size_t room = g->size - g->len;
        g->zs.next_in = (Bytef *)p;
        g->zs.avail_in = (uInt)chunk;
        g->zs.next_out = g->out + g->len;
        g->zs.avail_out = (uInt)(room > UINT32_MAX ? UINT32_MAX : room);
        uInt out_before = g->zs.avail_out;
        int zr = inflate(&g->zs, Z_NO_FLUSH);
        size_t used = chunk - g->zs.avail_in;
        size_t made = out_before - g->zs.avail_out;
        g->len += made;
        p += used;
        n -= used;
        if (zr == Z_STREAM_END) {
            g->state = 1;
            continue;
        }
        if (zr != Z_OK && zr != Z_BUF_ERROR) {
            char why[160];
            snprintf(why, sizeof why, "decompressing profile: %s", g->zs.msg ? g->zs.msg : "invalid gzip data");
            return gz_fail(g, why);
        }
        if (g->len < g->size && n == 0)
            return 0; /* all input taken and room left: wait for more */
        if (used == 0 && made == 0 && g->len < g->size)
            return gz_fail(g, "decompressing profile: invalid gzip data"); /* no progress: never seen */
    }
    return 0;
}

const uint8_t *pv_gunzip_output(const pv_gunzip *g, size_t *len)
{
    *len = g->state < 0 ? 0 : g->len;
    return g->out;
}

int pv_gunzip_end(pv_gunzip *g, uint8_t **out, size_t *outlen, char *err, size_t errlen)
{
    if (g->state == 0)
        gz_fail(g, "decompressing profile: truncated gzip data (unexpected end of file)");
    if (g->state < 0) {
        snprintf(err, errlen, "%s", g->why);
        return -1;
    }
    *out = g->out;
    *outlen = g->len;
    g->out = NULL;
    return 0;
}

int pv_ld_gunzip(const uint8_t *in, size_t inlen, uint64_t cap, uint8_t **out, size_t *outlen, errbuf *e)
{
    /* the gzip trailer holds the size mod 2^32: a hint for the first allocation */
    size_t size = inlen >= 4 ? (size_t)in[inlen - 4] | (size_t)in[inlen - 3] << 8 | (size_t)in[inlen - 2] << 16 |
                                   (size_t)in[inlen - 1] << 24
                             : 0;
    if (size < inlen * 2)
        size = inlen * 2;
    pv_gunzip *g = pv_gunzip_new(cap, size);
    if (!g) {
        pv_ld_fail(e, "out of memory while decompressing");
        return -1;
    }
    char why[160];
    pv_gunzip_feed(g, in, inlen); /* a failure here is kept for pv_gunzip_end to say */
    int rc = pv_gunzip_end(g, out, outlen, why, sizeof why);
    if (rc != 0)
        pv_ld_fail(e, "%s", why);
    pv_gunzip_free(g);
    return rc;
}
