/* A protobuf writer for the profile (see proto_out.h). */
#include "profile/proto_out.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#include "profile/util.h"

typedef struct {
    uint8_t *p;
    size_t n, cap;
    int oom;
} buf;

static void put(buf *b, const void *d, size_t n)
{
    if (b->oom || n == 0)
        return;
    if (pv_grow((void **)&b->p, &b->cap, b->n + n, 1) != 0) {
        b->oom = 1;
        return;
    }
    memcpy(b->p + b->n, d, n);
    b->n += n;
}

static void varint(buf *b, uint64_t v)
{
    uint8_t t[10];
    size_t n = 0;
    while (v >= 0x80) {
        t[n++] = (uint8_t)(v | 0x80);
        v >>= 7;
    }
    t[n++] = (uint8_t)v;
    put(b, t, n);
}

static void field_varint(buf *b, int field, uint64_t v)
{
    varint(b, (uint64_t)field << 3);
    varint(b, v);
}

static void opt(buf *b, int field, uint64_t v)
{
    if (v)
        field_varint(b, field, v);
}

static void field_bytes(buf *b, int field, const void *d, size_t n)
{
    varint(b, (uint64_t)field << 3 | 2);
    varint(b, n);
    put(b, d, n);
}

/* Go's encodeUint64s / encodeInt64s: packed from three items on */
static void repeated(buf *b, buf *tmp, int field, const uint64_t *v, size_t n)
{
    if (n > 2) {
        tmp->n = 0;
        for (size_t i = 0; i < n; i++)
            varint(tmp, v[i]);
        b->oom |= tmp->oom;
        field_bytes(b, field, tmp->p, tmp->n);
        return;
    }
    for (size_t i = 0; i < n; i++)
        field_varint(b, field, v[i]);
}

typedef struct {
    const pv_model *m;
    uint32_t *idx;   /* model string id -> index in the written table (0: not yet; "" is 0) */
    pv_strid *order; /* model string ids in table order (order[0] = 0, "") */
    size_t n, cap;
    int oom;
} strtab;

static uint64_t str_index(strtab *t, pv_strid id)
{
    if (id == 0)
        return 0;
    if (!t->idx[id]) {
        if (pv_grow((void **)&t->order, &t->cap, t->n + 1, sizeof *t->order) != 0) {
            t->oom = 1;
            return 0;
        }
        t->order[t->n] = id;
        t->idx[id] = (uint32_t)t->n++;
    }
    return t->idx[id];
}

typedef struct {
    z_stream zs;
    FILE *out;
    int err;
} gz;

static int gz_write(gz *z, const uint8_t *d, size_t n, int flush)
{
    uint8_t chunk[1 << 16];
    z->zs.next_in = (Bytef *)d;
    z->zs.avail_in = (uInt)n;
    do {
        z->zs.next_out = chunk;
        z->zs.avail_out = sizeof chunk;
        int r = deflate(&z->zs, flush);
        if (r == Z_STREAM_ERROR)
            return -1;
        size_t have = sizeof chunk - z->zs.avail_out;
        if (have && fwrite(chunk, 1, have, z->out) != have)
            return -1;
    } while (z->zs.avail_out == 0 || (flush == Z_FINISH && z->zs.avail_in > 0));
    return 0;
}

/* Moves b into the gzip stream once it is large (or at the end). */
static int drain(gz *z, buf *b, bool last)
{
    if (b->oom)
        return -1;
    if (!last && b->n < (1u << 20))
        return 0;
    if (gz_write(z, b->p, b->n, last ? Z_FINISH : Z_NO_FLUSH) != 0)
        return -1;
    b->n = 0;
    return 0;
}

typedef struct {
    const pv_label *l;
    const char *key;
    bool numeric;
} lab;

static int cmp_lab(const void *pa, const void *pb)
{
    const lab *a = pa, *b = pb;
    if (a->numeric != b->numeric)
        return a->numeric ? 1 : -1;
    int c = strcmp(a->key, b->key);
    if (c)
        return c;
    return a->l < b->l ? -1 : a->l > b->l; /* values of a key keep their order */
}

int pv_write_proto(FILE *out, const pv_raw *r, char *err, size_t errlen)
{
    const pv_selection *s = r->sel;
    const pv_compact *c = r->compact;
    const pv_model *m = s->m;
    buf b = {0}, msg = {0}, tmp = {0};
    uint64_t *u64 = NULL;
    size_t capu = 0;
    lab *labs = NULL;
    size_t caplabs = 0;
    strtab st = {m, calloc(pv_nstrings(m) + 1, sizeof *st.idx), NULL, 0, 0, 0};
    gz z = {.out = out};
    memset(&z.zs, 0, sizeof z.zs);
    bool zinit = false;
    int rc = -1;
    if (!st.idx)
        goto oom;
    if (deflateInit2(&z.zs, Z_DEFAULT_COMPRESSION, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) != Z_OK) {
        snprintf(err, errlen, "cannot start gzip compression");
        goto done;
    }
    zinit = true;
    if (pv_grow((void **)&st.order, &st.cap, 1, sizeof *st.order) != 0)
        goto oom;
    st.order[st.n++] = 0;

    for (size_t t = 0; t < m->ntypes; t++) {
        msg.n = 0;
        opt(&msg, 1, str_index(&st, m->sample_types[t].type));
        opt(&msg, 2, str_index(&st, m->sample_types[t].unit));
        b.oom |= msg.oom;
        field_bytes(&b, 1, msg.p, msg.n);
    }
    double ratio = s->ratio;
    for (size_t i = 0; i < r->nsamples; i++) {
        size_t si = r->samples[i];
        uint32_t smp = s->sel[si];
        uint64_t sb, se;
        pv_selection_stack(s, si, &sb, &se);
        size_t need = (size_t)(se - sb) > m->ntypes ? (size_t)(se - sb) : m->ntypes;
        if (pv_grow((void **)&u64, &capu, need + 1, sizeof *u64) != 0)
            goto oom;
        msg.n = 0;
        size_t n = 0;
        for (uint64_t j = sb; j < se; j++)
            if (!s->hidden[m->stack[j]])
                u64[n++] = c->loc_id[m->stack[j]];
        repeated(&msg, &tmp, 1, u64, n);
        const int64_t *v = c->vals + (size_t)c->cls[smp] * m->ntypes;
        for (size_t t = 0; t < m->ntypes; t++)
            u64[t] = (uint64_t)(ratio > 0 && ratio != 1 ? pv_go_int64((double)v[t] * ratio) : v[t]);
        repeated(&msg, &tmp, 2, u64, m->ntypes);
        uint64_t lb = m->label_off[smp], le = m->label_off[smp + 1];
        if (pv_grow((void **)&labs, &caplabs, (size_t)(le - lb) + 1, sizeof *labs) != 0)
            goto oom;
        size_t nl = 0;
        for (uint64_t k = lb; k < le; k++)
            if (pv_selection_label_shown(s, m->labels[k].key))
                labs[nl++] = (lab){&m->labels[k], pv_str(m, m->labels[k].key), m->labels[k].str == 0};
        qsort(labs, nl, sizeof *labs, cmp_lab);
        for (size_t k = 0; k < nl; k++) {
            const pv_label *l = labs[k].l;
            tmp.n = 0;
            opt(&tmp, 1, str_index(&st, l->key));
            opt(&tmp, 2, str_index(&st, l->str));
            opt(&tmp, 3, (uint64_t)l->num);
            opt(&tmp, 4, str_index(&st, l->num_unit));
            msg.oom |= tmp.oom;
            field_bytes(&msg, 3, tmp.p, tmp.n);
        }
        b.oom |= msg.oom;
        field_bytes(&b, 2, msg.p, msg.n);
        if (drain(&z, &b, false) != 0)
            goto werr;
    }
    for (size_t i = 0; i < c->nmaps; i++) {
        const pv_mapping *mp = &m->mappings[c->maps[i]];
        const char *file = pv_mapping_file(m, mp);
        msg.n = 0;
        opt(&msg, 1, i + 1);
        opt(&msg, 2, mp->start);
        opt(&msg, 3, mp->limit);
        opt(&msg, 4, mp->offset);
        opt(&msg, 5, *file ? str_index(&st, mp->file) : 0);
        opt(&msg, 6, str_index(&st, mp->build_id));
        opt(&msg, 7, mp->has_functions);
        opt(&msg, 8, mp->has_filenames);
        opt(&msg, 9, mp->has_line_numbers);
        opt(&msg, 10, mp->has_inline_frames);
        b.oom |= msg.oom;
        field_bytes(&b, 3, msg.p, msg.n);
    }
    for (size_t i = 0; i < c->nlocs; i++) {
        uint32_t li = c->locs[i];
        msg.n = 0;
        opt(&msg, 1, i + 1);
        opt(&msg, 2, pv_compact_loc_mapping_id(c, li));
        opt(&msg, 3, c->locs_addr[i]);
        for (uint32_t k = s->ll_off[li]; k < s->ll_off[li + 1]; k++) {
            const pv_line *ln = &m->lines[s->ll[k]];
            tmp.n = 0;
            opt(&tmp, 1, c->fn_id[ln->function]);
            opt(&tmp, 2, (uint64_t)ln->line);
            msg.oom |= tmp.oom;
            field_bytes(&msg, 4, tmp.p, tmp.n);
        }
        opt(&msg, 5, m->locations[li].is_folded);
        b.oom |= msg.oom;
        field_bytes(&b, 4, msg.p, msg.n);
        if (drain(&z, &b, false) != 0)
            goto werr;
    }
    for (size_t i = 0; i < c->nfns; i++) {
        const pv_function *fn = &m->functions[c->fns[i]];
        msg.n = 0;
        opt(&msg, 1, i + 1);
        opt(&msg, 2, str_index(&st, fn->name));
        opt(&msg, 3, str_index(&st, fn->system_name));
        opt(&msg, 4, str_index(&st, fn->filename));
        opt(&msg, 5, (uint64_t)fn->start_line);
        b.oom |= msg.oom;
        field_bytes(&b, 5, msg.p, msg.n);
    }
    /* the header's strings come before the table is written */
    uint64_t drop = str_index(&st, m->drop_frames), keep = str_index(&st, m->keep_frames);
    uint64_t ptype = str_index(&st, m->period_type.type), punit = str_index(&st, m->period_type.unit);
    if (pv_grow((void **)&u64, &capu, m->ncomments + 1, sizeof *u64) != 0)
        goto oom;
    for (size_t i = 0; i < m->ncomments; i++)
        u64[i] = str_index(&st, m->comments[i]);
    uint64_t dflt = str_index(&st, m->default_sample_type);
    if (st.oom)
        goto oom;
    for (size_t i = 0; i < st.n; i++) {
        const char *str = pv_str(m, st.order[i]);
        field_bytes(&b, 6, str, strlen(str));
        if (drain(&z, &b, false) != 0)
            goto werr;
    }
    opt(&b, 7, drop);
    opt(&b, 8, keep);
    opt(&b, 9, (uint64_t)m->time_nanos);
    opt(&b, 10, (uint64_t)m->duration_nanos);
    if (ptype || punit) {
        msg.n = 0;
        opt(&msg, 1, ptype);
        opt(&msg, 2, punit);
        b.oom |= msg.oom;
        field_bytes(&b, 11, msg.p, msg.n);
    }
    opt(&b, 12, (uint64_t)m->period);
    repeated(&b, &tmp, 13, u64, m->ncomments);
    field_varint(&b, 14, dflt);
    if (b.oom || tmp.oom)
        goto oom;
    if (drain(&z, &b, true) != 0)
        goto werr;
    rc = 0;
    goto done;
oom:
    snprintf(err, errlen, "out of memory");
    goto done;
werr:
    if (b.oom)
        snprintf(err, errlen, "out of memory");
    else
        snprintf(err, errlen, "cannot write the profile");
done:
    if (zinit)
        deflateEnd(&z.zs);
    free(b.p);
    free(msg.p);
    free(tmp.p);
    free(u64);
    free(labs);
    free(st.idx);
    free(st.order);
    return rc;
}
