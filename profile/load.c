/* Loading profile.proto files into the flat model.
 *
 * The top-level Profile message is walked by hand (three short passes over its fields,
 * skipping by length); each Sample, Location, Function and Mapping is unpacked by protobuf-c
 * with a bump allocator and copied into the model's arrays at once, so the peak stays near
 * the inflated buffer plus the model, without a whole message tree. */
#include "profile/load.h"

#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "profile/folded.h"
#include "profile/legacy.h"
#include "profile/load_int.h"

/* Sample data above this size is decoded by two threads. */
#define PARALLEL_MIN_BYTES (4u << 20)

/* Maps a string index of this file; on error sets *bad and reports to e. */
pv_strid pv_ld_map_str(const loader *L, errbuf *e, int64_t idx, int *bad)
{
    if (idx < 0 || (uint64_t)idx >= L->nstr) {
        if (!*bad)
            pv_ld_fail(e, "malformed profile: string index %" PRId64 " out of range (string table has %zu entries)", idx,
                 L->nstr);
        *bad = 1;
        return 0;
    }
    return L->strmap[idx];
}

static pv_strid lstr(loader *L, int64_t idx, int *bad)
{
    return pv_ld_map_str(L, L->e, idx, bad);
}

static int decode_value_type(loader *L, const wfield *f, pv_value_type *out)
{
    pv_ld_bump_reset(&L->bump);
    Perftools__Profiles__ValueType *vt = perftools__profiles__value_type__unpack(&L->alloc, f->len, f->data);
    if (!vt) {
        pv_ld_fail(L->e, "malformed profile: cannot decode a ValueType message");
        return -1;
    }
    int bad = 0;
    out->type = lstr(L, vt->type, &bad);
    out->unit = lstr(L, vt->unit, &bad);
    return bad ? -1 : 0;
}

/* Checks a message's id (non-zero, not seen before in this file) and maps it to the dense
 * index it will get. kind and idword only shape the message, in pprof's wording. */
static int claim_id(loader *L, pv_idmap *ids, uint64_t id, size_t index, const char *kind, const char *idword)
{
    if (id == 0) {
        pv_ld_fail(L->e, "malformed profile: found %s with reserved %s=0", kind, idword);
        return -1;
    }
    int r = pv_idmap_put(ids, id, (uint32_t)index);
    if (r < 0) {
        pv_ld_fail(L->e, "out of memory");
        return -1;
    }
    if (r == 0) {
        pv_ld_fail(L->e, "malformed profile: multiple %ss with same id: %" PRIu64, kind, id);
        return -1;
    }
    return 0;
}

static int add_mapping(loader *L, const wfield *f)
{
    pv_ld_bump_reset(&L->bump);
    Perftools__Profiles__Mapping *pm = perftools__profiles__mapping__unpack(&L->alloc, f->len, f->data);
    if (!pm) {
        pv_ld_fail(L->e, "malformed profile: cannot decode a Mapping message");
        return -1;
    }
    pv_model *m = L->m;
    if (pv_grow((void **)&m->mappings, &L->cap_map, m->nmappings + 1, sizeof *m->mappings) != 0)
        goto oom;
    if (claim_id(L, &L->maps, pm->id, m->nmappings, "mapping", "ID") != 0)
        return -1;
    int bad = 0;
    pv_mapping *mp = &m->mappings[m->nmappings++];
    mp->id = pm->id;
    mp->start = pm->memory_start;
    mp->limit = pm->memory_limit;
    mp->offset = pm->file_offset;
    mp->file = lstr(L, pm->filename, &bad);
    mp->build_id = lstr(L, pm->build_id, &bad);
    mp->has_functions = pm->has_functions;
    mp->has_filenames = pm->has_filenames;
    mp->has_line_numbers = pm->has_line_numbers;
    mp->has_inline_frames = pm->has_inline_frames;
    return bad ? -1 : 0;
oom:
    pv_ld_fail(L->e, "out of memory");
    return -1;
}

static int add_function(loader *L, const wfield *f)
{
    pv_ld_bump_reset(&L->bump);
    Perftools__Profiles__Function *pf = perftools__profiles__function__unpack(&L->alloc, f->len, f->data);
    if (!pf) {
        pv_ld_fail(L->e, "malformed profile: cannot decode a Function message");
        return -1;
    }
    pv_model *m = L->m;
    if (pv_grow((void **)&m->functions, &L->cap_fn, m->nfunctions + 1, sizeof *m->functions) != 0)
        goto oom;
    if (claim_id(L, &L->funcs, pf->id, m->nfunctions, "function", "ID") != 0)
        return -1;
    int bad = 0;
    pv_function *fn = &m->functions[m->nfunctions++];
    fn->id = pf->id;
    fn->name = lstr(L, pf->name, &bad);
    fn->system_name = lstr(L, pf->system_name, &bad);
    fn->filename = lstr(L, pf->filename, &bad);
    fn->start_line = pf->start_line;
    return bad ? -1 : 0;
oom:
    pv_ld_fail(L->e, "out of memory");
    return -1;
}

static int add_location(loader *L, const wfield *f)
{
    pv_ld_bump_reset(&L->bump);
    Perftools__Profiles__Location *pl = perftools__profiles__location__unpack(&L->alloc, f->len, f->data);
    if (!pl) {
        pv_ld_fail(L->e, "malformed profile: cannot decode a Location message");
        return -1;
    }
    pv_model *m = L->m;
    if (pv_grow((void **)&m->locations, &L->cap_loc, m->nlocations + 1, sizeof *m->locations) != 0 ||
        pv_grow((void **)&m->lines, &L->cap_line, m->nlines + pl->n_line, sizeof *m->lines) != 0)
        goto oom;
    if (claim_id(L, &L->locs, pl->id, m->nlocations, "location", "id") != 0)
        return -1;
    pv_location *loc = &m->locations[m->nlocations++];
    loc->id = pl->id;
    /* pprof leaves a location whose mapping id is unknown without a mapping, and goes on */
    loc->mapping = pl->mapping_id ? pv_idmap_get(&L->maps, pl->mapping_id) : PV_NONE;
    loc->address = pl->address;
    loc->is_folded = pl->is_folded;
    loc->line_start = (uint32_t)m->nlines;
    loc->line_count = (uint32_t)pl->n_line;
    for (size_t i = 0; i < pl->n_line; i++) {
        uint64_t fid = pl->line[i]->function_id;
        uint32_t fi = fid ? pv_idmap_get(&L->funcs, fid) : PV_NONE;
        if (fi == PV_NONE) {
            if (fid)
                pv_ld_fail(L->e, "malformed profile: location id %" PRIu64 " refers to unknown function id %" PRIu64,
                     pl->id, fid);
            else
                pv_ld_fail(L->e, "malformed profile: location id %" PRIu64 " has a line with function id 0", pl->id);
            return -1;
        }
        m->lines[m->nlines].function = fi;
        m->lines[m->nlines].line = pl->line[i]->line;
        m->nlines++;
    }
    return 0;
oom:
    pv_ld_fail(L->e, "out of memory");
    return -1;
}

static bool value_types_equal(const pv_model *m, const pv_value_type *a, const pv_value_type *b)
{
    return strcmp(pv_str(m, a->type), pv_str(m, b->type)) == 0 && strcmp(pv_str(m, a->unit), pv_str(m, b->unit)) == 0;
}

static void format_types(const pv_model *m, const pv_value_type *t, size_t n, char *out, size_t len)
{
    size_t off = 0;
    off += (size_t)snprintf(out + off, len - off, "[");
    for (size_t i = 0; i < n && off < len; i++)
        off += (size_t)snprintf(out + off, len - off, "%s%s/%s", i ? " " : "", pv_str(m, t[i].type), pv_str(m, t[i].unit));
    if (off < len)
        snprintf(out + off, len - off, "]");
}

/* Appends the comments not seen yet (pprof keeps each distinct comment once, in order). */
static int merge_comments(pv_model *m, const pv_strid *add, size_t n)
{
    if (n == 0)
        return 0;
    size_t ns = pv_nstrings(m);
    uint8_t *seen = calloc(ns / 8 + 1, 1);
    pv_strid *nc = realloc(m->comments, (m->ncomments + n) * sizeof *nc);
    if (!seen || !nc) {
        free(seen);
        if (nc)
            m->comments = nc;
        return -1;
    }
    m->comments = nc;
    for (size_t i = 0; i < m->ncomments; i++)
        seen[m->comments[i] / 8] |= (uint8_t)(1u << (m->comments[i] % 8));
    for (size_t i = 0; i < n; i++) {
        pv_strid c = add[i];
        if (seen[c / 8] & (1u << (c % 8)))
            continue;
        seen[c / 8] |= (uint8_t)(1u << (c % 8));
        m->comments[m->ncomments++] = c;
    }
    free(seen);
    return 0;
}

/* Decodes one uncompressed profile and merges it into L->m. first: this is the first source. */
static int decode(loader *L, const uint8_t *data, size_t len, bool first, pv_stream *st)
{
    pv_model *m = L->m;
    /* a streamed profile: its samples are decoded already; the other fields are read here */
    size_t st_nsamples = 0, st_bytes = 0;
    sink *st_sink = NULL;
    if (st) {
        pv_stream_end(st); /* waits for the last pieces */
        size_t nskel;
        const uint8_t *skel = pv_ld_stream_parts(st, &nskel, &st_nsamples, &st_bytes, &st_sink);
        if (!skel)
            return -1;
        data = skel;
        len = nskel;
    }
    const char *why = NULL;
    wfield f;
    int r;

    if (len == 0) {
        pv_ld_fail(L->e, "empty input file");
        return -1;
    }

    /* pass 1: strings, counts and scalar header fields */
    size_t nstr = 0, nsample_type = 0, nsamples = 0, nmaps = 0, nfns = 0, nlocs = 0, ncomments = 0;
    size_t sample_bytes = 0;
    size_t nfields = 0;
    reader rd = {data, data + len};
    while ((r = pv_ld_next_field(&rd, &f, &why)) == 1) {
        bool want_len = false, want_var = false;
        nfields++;
        switch (f.field) {
        case 1: nsample_type++; want_len = true; break;
        case 2: nsamples++; sample_bytes += f.len; want_len = true; break;
        case 3: nmaps++; want_len = true; break;
        case 4: nlocs++; want_len = true; break;
        case 5: nfns++; want_len = true; break;
        case 6: nstr++; want_len = true; break;
        case 11: want_len = true; break;
        case 13:
            if (f.wire == 2) { /* packed */
                reader pr = {f.data, f.data + f.len};
                uint64_t v;
                while (pr.p < pr.end) {
                    if (pv_ld_read_varint(&pr, &v) != 0) {
                        why = "bad varint";
                        goto malformed;
                    }
                    ncomments++;
                }
            } else {
                want_var = true;
                ncomments++;
            }
            break;
        case 7: case 8: case 9: case 10: case 12: case 14: want_var = true; break;
        default: break; /* unknown fields are skipped, as protobuf decoders do */
        }
        if ((want_len && f.wire != 2) || (want_var && f.wire != 0)) {
            why = "type mismatch";
            goto malformed;
        }
    }
    if (r < 0)
        goto malformed;
    if (st) {
        nsamples = st_nsamples;
        sample_bytes = st_bytes;
    }
    if (nstr == 0) {
        pv_ld_fail(L->e, "malformed profile: empty string table (not a profile?)");
        return -1;
    }

    free(L->strmap);
    L->strmap = malloc(nstr * sizeof *L->strmap);
    if (!L->strmap)
        goto oom;
    L->nstr = 0;
    int64_t drop_x = 0, keep_x = 0, time_nanos = 0, duration = 0, period = 0, default_x = 0;
    int64_t *comment_x = ncomments ? malloc(ncomments * sizeof *comment_x) : NULL;
    size_t ci = 0;
    if (ncomments && !comment_x)
        goto oom;
    rd = (reader){data, data + len};
    while (pv_ld_next_field(&rd, &f, &why) == 1) {
        switch (f.field) {
        case 6:
            if (L->nstr == 0 && f.len != 0) {
                free(comment_x);
                pv_ld_fail(L->e, "malformed profile: string_table[0] must be ''");
                return -1;
            }
            L->strmap[L->nstr] = pv_intern(m, (const char *)f.data, f.len);
            if (L->strmap[L->nstr] == PV_NONE) {
                free(comment_x);
                goto oom;
            }
            L->nstr++;
            break;
        case 7: drop_x = (int64_t)f.varint; break;
        case 8: keep_x = (int64_t)f.varint; break;
        case 9: time_nanos = (int64_t)f.varint; break;
        case 10: duration = (int64_t)f.varint; break;
        case 12: period = (int64_t)f.varint; break;
        case 14: default_x = (int64_t)f.varint; break;
        case 13:
            if (f.wire == 2) {
                reader pr = {f.data, f.data + f.len};
                uint64_t v;
                while (pr.p < pr.end && pv_ld_read_varint(&pr, &v) == 0)
                    comment_x[ci++] = (int64_t)v;
            } else {
                comment_x[ci++] = (int64_t)f.varint;
            }
            break;
        default: break;
        }
    }

    /* header fields */
    int bad = 0;
    pv_value_type *types = nsample_type ? calloc(nsample_type, sizeof *types) : NULL;
    pv_value_type period_type = {0, 0};
    pv_strid drop = lstr(L, drop_x, &bad), keep = lstr(L, keep_x, &bad), dst = lstr(L, default_x, &bad);
    size_t it = 0;
    rd = (reader){data, data + len};
    while (!bad && pv_ld_next_field(&rd, &f, &why) == 1) {
        if (f.field == 1) {
            if (decode_value_type(L, &f, &types[it++]) != 0)
                bad = 1;
        } else if (f.field == 11) {
            if (decode_value_type(L, &f, &period_type) != 0)
                bad = 1;
        }
    }
    pv_strid *comments = ncomments ? malloc(ncomments * sizeof *comments) : NULL;
    for (size_t i = 0; i < ncomments && !bad; i++)
        comments[i] = lstr(L, comment_x[i], &bad);
    free(comment_x);
    if (bad) {
        free(types);
        free(comments);
        return -1;
    }
    if (nsample_type == 0 && nsamples != 0) {
        free(types);
        free(comments);
        pv_ld_fail(L->e, "malformed profile: missing sample type information");
        return -1;
    }

    if (first) {
        m->ntypes = nsample_type;
        m->sample_types = types;
        m->period_type = period_type;
        m->period = period;
        m->time_nanos = time_nanos;
        m->duration_nanos = duration;
        m->drop_frames = drop;
        m->keep_frames = keep;
        m->default_sample_type = dst;
        m->comments = NULL;
        m->ncomments = 0;
        int cr = merge_comments(m, comments, ncomments);
        free(comments);
        if (cr != 0)
            goto oom;
    } else {
        /* pprof's rules for merging: types must agree; earliest time, summed duration,
         * largest period, comments deduplicated, first non-empty default type */
        bool same = nsample_type == m->ntypes;
        for (size_t i = 0; same && i < nsample_type; i++)
            same = value_types_equal(m, &types[i], &m->sample_types[i]);
        if (!same) {
            char a[512], b[512];
            format_types(m, types, nsample_type, a, sizeof a);
            format_types(m, m->sample_types, m->ntypes, b, sizeof b);
            pv_ld_fail(L->e, "cannot merge: sample types %s differ from %s in %s", a, b, m->sources[0]);
            free(types);
            free(comments);
            return -1;
        }
        if (!value_types_equal(m, &period_type, &m->period_type)) {
            pv_ld_fail(L->e, "cannot merge: period type %s/%s differs from %s/%s in %s", pv_str(m, period_type.type),
                 pv_str(m, period_type.unit), pv_str(m, m->period_type.type), pv_str(m, m->period_type.unit),
                 m->sources[0]);
            free(types);
            free(comments);
            return -1;
        }
        free(types);
        if (m->time_nanos == 0 || time_nanos < m->time_nanos)
            m->time_nanos = time_nanos;
        m->duration_nanos = (int64_t)((uint64_t)m->duration_nanos + (uint64_t)duration); /* wraps as Go */
        if (m->period == 0 || m->period < period)
            m->period = period;
        if (merge_comments(m, comments, ncomments) != 0) {
            free(comments);
            goto oom;
        }
        free(comments);
        if (m->default_sample_type == 0)
            m->default_sample_type = dst;
    }

    /* pass 2: mappings and functions, then locations (which refer to both), then samples */
    pv_idmap_free(&L->maps);
    pv_idmap_free(&L->funcs);
    pv_idmap_free(&L->locs);
    if (pv_idmap_init(&L->maps, nmaps) || pv_idmap_init(&L->funcs, nfns) || pv_idmap_init(&L->locs, nlocs))
        goto oom;
    rd = (reader){data, data + len};
    while (pv_ld_next_field(&rd, &f, &why) == 1) {
        if (f.field == 3 && add_mapping(L, &f) != 0)
            return -1;
        if (f.field == 5 && add_function(L, &f) != 0)
            return -1;
    }
    rd = (reader){data, data + len};
    while (pv_ld_next_field(&rd, &f, &why) == 1)
        if (f.field == 4 && add_location(L, &f) != 0)
            return -1;

    if (st) { /* the streamed samples: their raw ids mapped now that the tables are here */
        if (!st_sink)
            return 0;
        if (pv_ld_sink_remap(st_sink, L) != 0)
            return -1;
        free(st_sink->sslots);
        st_sink->sslots = NULL;
        if (pv_ld_sink_append(m, st_sink) != 0) {
            pv_ld_fail(L->e, "out of memory");
            return -1;
        }
        return 0;
    }
    /* samples: big files are split in two halves of sample bytes, decoded by two threads */
    {
        enum { MAXSINKS = 2 };
        sink sinks[MAXSINKS];
        size_t nsinks = pv_parallel_worth(sample_bytes, PARALLEL_MIN_BYTES) && nsamples >= 2 ? 2 : 1;
        const uint8_t *split = data + len;
        size_t count0 = nsamples, bytes0 = sample_bytes;
        if (nsinks == 2) {
            size_t acc = 0, cnt = 0;
            rd = (reader){data, data + len};
            while (pv_ld_next_field(&rd, &f, &why) == 1) {
                if (f.field != 2)
                    continue;
                acc += f.len;
                cnt++;
                if (acc >= sample_bytes / 2) {
                    split = rd.p;
                    break;
                }
            }
            count0 = cnt;
            bytes0 = acc;
        }
        int ok = pv_ld_sink_init(&sinks[0], L, m->ntypes, data, split, count0, bytes0) == 0;
        if (nsinks == 2)
            ok = pv_ld_sink_init(&sinks[1], L, m->ntypes, split, data + len, nsamples - count0, sample_bytes - bytes0) == 0 &&
                 ok;
        if (!ok) {
            for (size_t i = 0; i < nsinks; i++)
                pv_ld_sink_free(&sinks[i]);
            goto oom;
        }
        if (nsinks == 2)
            pv_run_two(pv_ld_sink_run, &sinks[0], &sinks[1]);
        else
            pv_ld_sink_run(&sinks[0]);
        for (size_t i = 0; i < nsinks; i++) { /* the merge tables are done with: lower the peak */
            free(sinks[i].sslots);
            sinks[i].sslots = NULL;
        }
        int rc = 0;
        for (size_t i = 0; i < nsinks && rc == 0; i++) {
            if (sinks[i].rc != 0) {
                if (L->e->buf && L->e->len)
                    snprintf(L->e->buf, L->e->len, "%s", sinks[i].err);
                rc = -1;
            } else if (pv_ld_sink_append(m, &sinks[i]) != 0) {
                pv_ld_fail(L->e, "out of memory");
                rc = -1;
            }
        }
        for (size_t i = 0; i < nsinks; i++)
            pv_ld_sink_free(&sinks[i]);
        return rc;
    }

malformed:
    if (st)
        return -1; /* the caller decodes the whole data again, and says what is wrong */
    /* not a profile.proto: maybe a legacy profile (as pprof, which tries them when protobuf fails) */
    {
        char lerr[512];
        int lr = first ? pv_legacy_parse(m, data, len, lerr, sizeof lerr) : 0;
        if (lr == 0) /* nor legacy: maybe folded stacks (text lines "a;b;c 12"), also merged */
            lr = pv_folded_parse(m, data, len, L->folded_unit, lerr, sizeof lerr);
        if (lr != 0) {
            if (lr < 0)
                pv_ld_fail(L->e, "%s", lerr);
            else
                m->not_proto = true;
            return lr > 0 ? 0 : -1;
        }
    }
    if (nfields == 0)
        pv_ld_fail(L->e, "not a profile.proto file (protobuf decoding failed at byte %zu of %zu: %s)",
             (size_t)(rd.p - data), len, why);
    else
        pv_ld_fail(L->e, "malformed profile: %s at byte %zu of %zu", why, (size_t)(rd.p - data), len);
    return -1;
oom:
    pv_ld_fail(L->e, "out of memory");
    return -1;
}

static pv_model *model_new(void)
{
    pv_model *m = calloc(1, sizeof *m);
    if (!m)
        return NULL;
    if (pv_intern(m, "", 0) != 0) {
        pv_model_free(m);
        return NULL;
    }
    m->stack_off = calloc(1, sizeof *m->stack_off);
    m->label_off = calloc(1, sizeof *m->label_off);
    /* never NULL: the decoder forms m->labels + 0 and m->stack + 0 for a profile without labels
     * or frames, and NULL + 0 is undefined behaviour in C (clang's UBSan reports it) */
    m->stack = calloc(1, sizeof *m->stack);
    m->labels = calloc(1, sizeof *m->labels);
    if (!m->stack_off || !m->label_off || !m->stack || !m->labels) {
        pv_model_free(m);
        return NULL;
    }
    return m;
}

static void loader_free(loader *L)
{
    free(L->strmap);
    pv_idmap_free(&L->maps);
    pv_idmap_free(&L->funcs);
    pv_idmap_free(&L->locs);
    pv_ld_bump_free(&L->bump);
}

static int loader_init(loader *L, pv_model *m, errbuf *e)
{
    memset(L, 0, sizeof *L);
    L->m = m;
    L->e = e;
    return pv_ld_bump_init(&L->bump, &L->alloc);
}

/* Data from one source, buf[0..len): inflates if gzip, then decodes. owned (buf itself, or
 * NULL when buf is the caller's) is freed. */
static int load_one(loader *L, const char *name, const uint8_t *buf, uint8_t *owned, size_t len, uint64_t cap,
                    bool first, pv_stream *st)
{
    pv_model *m = L->m;
    char **ns = realloc(m->sources, (m->nsources + 1) * sizeof *ns);
    if (!ns) {
        free(owned);
        pv_ld_fail(L->e, "out of memory");
        return -1;
    }
    m->sources = ns;
    m->sources[m->nsources] = strdup(name);
    if (!m->sources[m->nsources]) {
        free(owned);
        pv_ld_fail(L->e, "out of memory");
        return -1;
    }
    m->nsources++;
    if (len == 0) {
        free(owned);
        pv_ld_fail(L->e, "empty input file");
        return -1;
    }
    if (st) { /* buf is the inflated profile that went through st */
        int r = decode(L, buf, len, first, st);
        free(owned);
        return r;
    }
    if (len >= 2 && buf[0] == 0x1f && buf[1] == 0x8b) {
        uint8_t *raw;
        size_t rawlen;
        int r = pv_ld_gunzip(buf, len, cap, &raw, &rawlen, L->e);
        free(owned);
        if (r != 0)
            return -1;
        buf = owned = raw;
        len = rawlen;
    }
    int r = decode(L, buf, len, first, NULL);
    free(owned);
    return r;
}

/* Merged samples whose values cancel out are dropped, as pprof's merge does. */
static void drop_zero_samples(pv_model *m)
{
    size_t nt = m->ntypes, w = 0;
    uint64_t sw = 0, lw = 0;
    for (size_t s = 0; s < m->nsamples; s++) {
        bool zero = true;
        for (size_t t = 0; t < nt && zero; t++)
            zero = m->values[s * nt + t] == 0;
        uint64_t sb = m->stack_off[s], se = m->stack_off[s + 1];
        uint64_t lb = m->label_off[s], le = m->label_off[s + 1];
        if (zero)
            continue;
        if (w != s) {
            memmove(m->values + w * nt, m->values + s * nt, nt * sizeof *m->values);
            memmove(m->stack + sw, m->stack + sb, (size_t)(se - sb) * sizeof *m->stack);
            if (le > lb)
                memmove(m->labels + lw, m->labels + lb, (size_t)(le - lb) * sizeof *m->labels);
        }
        m->stack_off[w] = sw;
        m->label_off[w] = lw;
        sw += se - sb;
        lw += le - lb;
        w++;
    }
    m->stack_off[w] = sw;
    m->label_off[w] = lw;
    m->nsamples = w;
}

static void shrink_model(pv_model *m)
{
    drop_zero_samples(m);
    /* give back the over-estimated tail of the stack array */
    size_t n = m->stack_off[m->nsamples];
    uint32_t *s = realloc(m->stack, (n ? n : 1) * sizeof *s);
    if (s)
        m->stack = s;
}

/* Loads n sources into a new model: from memory (data[i], lens[i]) or, when data or data[i]
 * is NULL, from the file names[i]; then the base profiles (files), if any. */
static pv_model *load_sources(const char *const *names, const unsigned char *const *data, const size_t *lens,
                              pv_stream *const *streams, size_t n, const pv_base_opts *base, const pv_load_opts *o,
                              char *err, size_t errlen)
{
    uint64_t cap = o && o->max_decompressed ? o->max_decompressed : PV_DEFAULT_MAX_DECOMPRESSED;
    errbuf e = {err, errlen, n ? names[0] : "pview"};
    if (err && errlen)
        err[0] = '\0';
    pv_model *m = model_new();
    loader L;
    if (!m || loader_init(&L, m, &e) != 0) {
        pv_ld_fail(&e, "out of memory");
        pv_model_free(m);
        return NULL;
    }
    L.folded_unit = o ? o->folded_unit : NULL;
    size_t nbase = base ? base->nbase : 0, boundary = 0;
    for (size_t i = 0; i < n + nbase; i++) {
        bool is_base = i >= n;
        if (i == n) {
            boundary = m->nsamples;
            m->has_base = true;
            m->base_mappings = (uint32_t)m->nmappings;
        }
        bool from_file = is_base ? !(base->data && base->data[i - n]) : !data || !data[i];
        const char *nm = is_base ? base->base[i - n] : names[i];
        const char *name = from_file && !strcmp(nm, "-") ? "stdin" : nm;
        e.name = name;
        uint8_t *owned = NULL;
        const uint8_t *buf;
        size_t len = 0;
        int r = 0;
        if (!from_file) { /* the caller's bytes, read in place */
            buf = is_base ? base->data[i - n] : data[i];
            len = is_base ? base->lens[i - n] : lens[i];
        } else {
            r = pv_ld_read_all(nm, &owned, &len, &e);
            buf = owned;
        }
        pv_stream *st = !is_base && streams ? streams[i] : NULL;
        if (r != 0 || load_one(&L, name, buf, owned, len, cap, i == 0, st) != 0) {
            loader_free(&L);
            pv_model_free(m);
            /* anything unusual in a streamed profile: the whole data decoded, as it would
             * have been without the stream, says what is wrong (or reads it well) */
            if (!st) /* a source's own trouble: the stream had no part in it */
                return NULL;
            for (size_t k = 0; k < n; k++)
                pv_stream_unuse(streams[k]);
            return load_sources(names, data, lens, NULL, n, base, o, err, errlen);
        }
    }
    loader_free(&L);
    if (nbase && pv_model_apply_base(m, boundary, base->diff_base, base->normalize) != 0) {
        e.name = base->base[0];
        pv_ld_fail(&e, "out of memory");
        pv_model_free(m);
        return NULL;
    }
    shrink_model(m);
    return m;
}

pv_model *pv_load(const char *const *paths, size_t n, const pv_load_opts *o, char *err, size_t errlen)
{
    return load_sources(paths, NULL, NULL, NULL, n, NULL, o, err, errlen);
}

pv_model *pv_load_with_base(const char *const *paths, size_t n, const pv_base_opts *base, const pv_load_opts *o,
                            char *err, size_t errlen)
{
    return load_sources(paths, NULL, NULL, NULL, n, base, o, err, errlen);
}

pv_model *pv_load_buffer(const char *name, const unsigned char *data, size_t len, const pv_load_opts *o, char *err,
                         size_t errlen)
{
    return load_sources(&name, &data, &len, NULL, 1, NULL, o, err, errlen);
}

pv_model *pv_load_buffers(const char *const *names, const unsigned char *const *data, const size_t *lens, size_t n,
                          const pv_load_opts *o, char *err, size_t errlen)
{
    return load_sources(names, data, lens, NULL, n, NULL, o, err, errlen);
}

pv_model *pv_load_buffers_with_base(const char *const *names, const unsigned char *const *data, const size_t *lens,
                                    size_t n, const pv_base_opts *base, const pv_load_opts *o, char *err,
                                    size_t errlen)
{
    return load_sources(names, data, lens, NULL, n, base, o, err, errlen);
}


pv_model *pv_load_buffers_streamed(const char *const *names, const unsigned char *const *data, const size_t *lens,
                                   pv_stream *const *streams, size_t n, const pv_base_opts *base,
                                   const pv_load_opts *o, char *err, size_t errlen)
{
    return load_sources(names, data, lens, streams, n, base, o, err, errlen);
}
