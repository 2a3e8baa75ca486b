/* A tiny protobuf writer for the fuzz harnesses: builds small profile.proto messages in memory. */
#ifndef PVIEW_FUZZ_PBW_H
#define PVIEW_FUZZ_PBW_H

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
    unsigned char *p;
    size_t len, cap;
} pbw;

static inline void pbw_bytes(pbw *w, const void *d, size_t n)
{
    if (w->len + n > w->cap) {
        size_t nc = w->cap ? w->cap * 2 : 256;
        while (nc < w->len + n)
            nc *= 2;
        w->p = realloc(w->p, nc);
        if (!w->p)
            abort();
        w->cap = nc;
    }
    memcpy(w->p + w->len, d, n);
    w->len += n;
}

static inline void pbw_varint(pbw *w, uint64_t v)
{
    unsigned char b[10];
    size_t n = 0;
    do {
        b[n] = (unsigned char)(v & 0x7f);
        v >>= 7;
        if (v)
            b[n] |= 0x80;
        n++;
    } while (v);
    pbw_bytes(w, b, n);
}

static inline void pbw_var(pbw *w, uint32_t field, uint64_t v)
{
    pbw_varint(w, (uint64_t)field << 3);
    pbw_varint(w, v);
}

static inline void pbw_len(pbw *w, uint32_t field, const void *d, size_t n)
{
    pbw_varint(w, (uint64_t)field << 3 | 2);
    pbw_varint(w, n);
    pbw_bytes(w, d, n);
}

/* Appends sub-message m as field, then frees m. */
static inline void pbw_msg(pbw *w, uint32_t field, pbw *m)
{
    pbw_len(w, field, m->p, m->len);
    free(m->p);
    memset(m, 0, sizeof *m);
}

static inline void pbw_str(pbw *w, const char *s)
{
    pbw_len(w, 6, s, strlen(s));
}

#endif
