/* The loader's low layer: error messages, the bump allocator protobuf-c unpacks into, and
 * walking protobuf wire format by hand. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

#include "profile/load_int.h"

/* ---------- errors ---------- */

void pv_ld_fail(errbuf *e, const char *fmt, ...)
{
    if (!e->buf || !e->len)
        return;
    int n = snprintf(e->buf, e->len, "%s: ", e->name);
    if (n < 0 || (size_t)n >= e->len)
        return;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(e->buf + n, e->len - (size_t)n, fmt, ap);
    va_end(ap);
}

/* ---------- bump allocator for protobuf-c ---------- */

static void *bump_alloc(void *data, size_t size)
{
    bump *b = data;
    size = (size + 15) & ~(size_t)15;
    if (b->used + size <= b->cap) {
        void *p = b->buf + b->used;
        b->used += size;
        return p;
    }
    if (b->nbig == b->capbig) {
        size_t nc = b->capbig ? b->capbig * 2 : 16;
        void **nb = realloc(b->big, nc * sizeof *nb);
        if (!nb)
            return NULL;
        b->big = nb;
        b->capbig = nc;
    }
    void *p = malloc(size);
    if (p)
        b->big[b->nbig++] = p;
    return p;
}

static void bump_free(void *data, void *ptr)
{
    (void)data;
    (void)ptr; /* released in bulk by pv_ld_bump_reset */
}

void pv_ld_bump_reset(bump *b)
{
    for (size_t i = 0; i < b->nbig; i++)
        free(b->big[i]);
    b->nbig = 0;
    b->used = 0;
}

/* ---------- wire format walking ---------- */

int pv_ld_next_field(reader *r, wfield *f, const char **why)
{
    if (r->p >= r->end)
        return 0;
    uint64_t key;
    if (pv_ld_read_varint(r, &key) != 0) {
        *why = "bad varint";
        return -1;
    }
    f->field = (uint32_t)(key >> 3);
    f->wire = (uint32_t)(key & 7);
    if (f->field == 0) {
        *why = "field number 0";
        return -1;
    }
    switch (f->wire) {
    case 0:
        if (pv_ld_read_varint(r, &f->varint) != 0) {
            *why = "bad varint";
            return -1;
        }
        return 1;
    case 1:
        if (r->end - r->p < 8) {
            *why = "not enough data";
            return -1;
        }
        r->p += 8;
        return 1;
    case 2: {
        uint64_t len;
        if (pv_ld_read_varint(r, &len) != 0) {
            *why = "bad varint";
            return -1;
        }
        if (len > (uint64_t)(r->end - r->p)) {
            *why = "not enough data";
            return -1;
        }
        f->data = r->p;
        f->len = (size_t)len;
        r->p += len;
        return 1;
    }
    case 5:
        if (r->end - r->p < 4) {
            *why = "not enough data";
            return -1;
        }
        r->p += 4;
        return 1;
    default:
        *why = "unknown wire type";
        return -1;
    }
}

int pv_ld_bump_init(bump *b, ProtobufCAllocator *a)
{
    b->cap = 1 << 16;
    b->buf = malloc(b->cap);
    if (!b->buf)
        return -1;
    a->alloc = bump_alloc;
    a->free = bump_free;
    a->allocator_data = b;
    return 0;
}

void pv_ld_bump_free(bump *b)
{
    pv_ld_bump_reset(b);
    free(b->big);
    free(b->buf);
}
