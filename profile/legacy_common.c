/* Shared by the legacy readers: the profile being built, CPU sample words and the filling of
 * the model (see legacy_int.h). */
#include "profile/legacy_int.h"
#include "profile/util.h"

#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---------- the profile being built ---------- */

void pv_lx_prof_free(pv_lx_prof *P)
{
    free(P->values);
    free(P->off);
    free(P->cnt);
    free(P->blocksize);
    free(P->addr);
    for (size_t i = 0; i < P->nmaps; i++) {
        free(P->maps[i].file);
        free(P->maps[i].build_id);
    }
    free(P->maps);
    free(P->locaddr);
    free(P->locmap);
    for (size_t i = 0; i < 2 * PV_LX_MAXTYPES; i++)
        free(P->tnames[i]);
    free(P->ptype);
    free(P->punit);
    for (size_t i = 0; i < P->nfns; i++) {
        free(P->fnames[i]);
        free(P->ffiles[i]);
    }
    free(P->fnames);
    free(P->ffiles);
    free(P->locfn);
    free(P->locline);
}

static char *dup_or_null(const char *s)
{
    size_t n = strlen(s);
    char *d = malloc(n + 1);
    if (d)
        memcpy(d, s, n + 1);
    return d;
}

int pv_lx_set_types(pv_lx_prof *P, size_t n, const char *const *names)
{
    if (n > PV_LX_MAXTYPES)
        return -1;
    for (size_t i = 0; i < 2 * PV_LX_MAXTYPES; i++) {
        free(P->tnames[i]);
        P->tnames[i] = NULL;
    }
    P->ntypes = n;
    for (size_t i = 0; i < 2 * n; i++)
        if (!(P->tnames[i] = dup_or_null(names[i])))
            return -1;
    return 0;
}

int pv_lx_set_period_type(pv_lx_prof *P, const char *type, const char *unit)
{
    free(P->ptype);
    free(P->punit);
    P->ptype = dup_or_null(type);
    P->punit = dup_or_null(unit);
    return P->ptype && P->punit ? 0 : -1;
}

/* Starts a sample; its addresses are then pushed with pv_lx_push_addr. */
int pv_lx_add_sample(pv_lx_prof *P, const int64_t *vals, int64_t blocksize)
{
    if (P->ns == P->cap_s) {
        size_t nc = P->cap_s ? P->cap_s * 2 : 64;
        uint64_t *off = realloc(P->off, nc * sizeof *off);
        if (off)
            P->off = off;
        uint64_t *cnt = realloc(P->cnt, nc * sizeof *cnt);
        if (cnt)
            P->cnt = cnt;
        int64_t *bs = realloc(P->blocksize, nc * sizeof *bs);
        if (bs)
            P->blocksize = bs;
        int64_t *v = realloc(P->values, nc * P->ntypes * sizeof *v);
        if (v)
            P->values = v;
        if (!off || !cnt || !bs || !v)
            return -1;
        P->cap_s = nc;
    }
    memcpy(P->values + P->ns * P->ntypes, vals, P->ntypes * sizeof *vals);
    P->off[P->ns] = P->naddr;
    P->cnt[P->ns] = 0;
    P->blocksize[P->ns] = blocksize;
    P->ns++;
    return 0;
}

int pv_lx_push_addr(pv_lx_prof *P, uint64_t a)
{
    if (pv_grow((void **)&P->addr, &P->cap_addr, P->naddr + 1, sizeof *P->addr) != 0)
        return -1;
    P->addr[P->naddr++] = a;
    P->cnt[P->ns - 1]++;
    return 0;
}

/* Removes frame 1 of sample s. */
void pv_lx_drop_frame1(pv_lx_prof *P, size_t s)
{
    uint64_t *a = P->addr + P->off[s];
    memmove(a + 1, a + 2, (size_t)(P->cnt[s] - 2) * sizeof *a);
    P->cnt[s]--;
}

int pv_lx_push_hex_addresses(pv_lx_prof *P, span hx, int64_t adjust, bool adjust_first, span *bad)
{
    bool first = true;
    for (size_t i = 0; i + 2 < hx.n;) {
        char c = hx.p[i + 2];
        if (hx.p[i] == '0' && hx.p[i + 1] == 'x' && ((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
            size_t j = i + 2;
            while (j < hx.n && ((hx.p[j] >= '0' && hx.p[j] <= '9') || (hx.p[j] >= 'a' && hx.p[j] <= 'f')))
                j++;
            uint64_t a;
            if (!pv_lx_parse_hex((span){hx.p + i + 2, j - i - 2}, &a)) {
                *bad = (span){hx.p + i, j - i};
                return -2;
            }
            if (!first || adjust_first)
                a += (uint64_t)adjust;
            first = false;
            if (pv_lx_push_addr(P, a) != 0)
                return -1;
            i = j;
        } else {
            i++;
        }
    }
    return 0;
}

void pv_lx_cleanup_duplicate_locations(pv_lx_prof *P)
{
    for (size_t s = 0; s < P->ns; s++) {
        if (P->cnt[s] < 2)
            continue;
        const uint64_t *a = P->addr + P->off[s];
        if (a[0] == a[1] + 1)
            pv_lx_drop_frame1(P, s);
    }
}

/* ---------- CPU ---------- */

uint64_t pv_lx_word(pv_lx_words *w)
{
    size_t sz = w->size;
    if (w->dead || w->n < sz) {
        w->dead = true;
        w->n = 0;
        return 0;
    }
    uint64_t v = 0;
    bool little = w->little;
    for (size_t i = 0; i < sz; i++)
        v |= (uint64_t)w->p[little ? i : sz - 1 - i] << (8 * i);
    w->p += sz;
    w->n -= sz;
    return v;
}

int pv_lx_cpu_samples(pv_lx_prof *P, pv_lx_words *w, int64_t period, bool adjust, const char *what)
{
    size_t sz = w->size;
    size_t total = w->n;
    while (w->n > 0) {
        size_t at = total - w->n;
        uint64_t count = pv_lx_word(w);
        uint64_t nstk = pv_lx_word(w);
        if (w->dead || nstk > w->n / 4)
            return pv_lx_fail(P->e, "%s: truncated or malformed sample at byte %zu (%zu-byte words)", what,
                              at + 5 * sz, sz);
        int64_t vals[2] = {(int64_t)count, (int64_t)(count * (uint64_t)period)};
        size_t first = P->naddr;
        if (pv_lx_add_sample(P, vals, 0) != 0)
            return pv_lx_fail(P->e, "out of memory");
        for (uint64_t i = 0; i < nstk; i++) {
            uint64_t a = pv_lx_word(w);
            if (adjust && i > 0)
                a--;
            if (pv_lx_push_addr(P, a) != 0)
                return pv_lx_fail(P->e, "out of memory");
        }
        if (count == 0 && nstk == 1 && P->addr[first] == 0) { /* end of data */
            P->ns--;
            P->naddr = first;
            break;
        }
    }
    return 0;
}
static const char alloc_rx[] =
    "calloc|cfree|malloc|free|memalign|do_memalign|(__)?posix_memalign|pvalloc|valloc|realloc|tcmalloc::.*|"
    "tc_calloc|tc_cfree|tc_malloc|tc_free|tc_memalign|tc_posix_memalign|tc_pvalloc|tc_valloc|tc_realloc|tc_new|"
    "tc_delete|tc_newarray|tc_deletearray|tc_new_nothrow|tc_newarray_nothrow|malloc_zone_malloc|malloc_zone_calloc|"
    "malloc_zone_valloc|malloc_zone_realloc|malloc_zone_memalign|malloc_zone_free|runtime\\..*|BaseArena::.*|"
    "(::)?do_malloc_no_errno|(::)?do_malloc_pages|(::)?do_malloc|DoSampledAllocation|"
    "MallocedMemBlock::MallocedMemBlock|_M_allocate|__builtin_(vec_)?delete|__builtin_(vec_)?new|"
    "__gnu_cxx::new_allocator::allocate|__libc_malloc|__malloc_alloc_template::allocate|allocate|cpp_alloc|"
    "operator new(\\[\\])?|simple_alloc::allocate";
static const char alloc_skip_rx[] = "runtime\\.panic|runtime\\.reflectcall|runtime\\.call[0-9]*";
static const char cpu_rx[] =
    "ProfileData::Add|ProfileData::prof_handler|CpuProfiler::prof_handler|__pthread_sighandler|__restore";

static const char lock_rx[] =
    "RecordLockProfileData|(base::)?RecordLockProfileData.*|(base::)?SubmitMutexProfileData.*|"
    "(base::)?SubmitSpinLockProfileData.*|(base::Mutex::)?AwaitCommon.*|(base::Mutex::)?Unlock.*|"
    "(base::Mutex::)?UnlockSlow.*|(base::Mutex::)?ReaderUnlock.*|(base::MutexLock::)?~MutexLock.*|"
    "(Mutex::)?AwaitCommon.*|(Mutex::)?Unlock.*|(Mutex::)?UnlockSlow.*|(Mutex::)?ReaderUnlock.*|"
    "(MutexLock::)?~MutexLock.*|(SpinLock::)?Unlock.*|(SpinLock::)?SlowUnlock.*|(SpinLockHolder::)?~SpinLockHolder.*";

/* isProfileType: the sample types are exactly one of the lists (NULL-separated, "" ends). */
static bool is_profile_type(const pv_lx_prof *P, const char *const *lists)
{
    while (lists[0][0]) {
        size_t n = 0;
        bool same = true;
        for (; lists[n]; n++)
            if (n >= P->ntypes || strcmp(P->tnames[2 * n], lists[n]) != 0)
                same = false;
        if (same && n == P->ntypes)
            return true;
        lists += n + 1;
    }
    return false;
}

static pv_strid istr(pv_model *m, const char *s, bool *oom)
{
    pv_strid id = pv_intern(m, s, strlen(s));
    if (id == PV_NONE)
        *oom = true;
    return id == PV_NONE ? 0 : id;
}

int pv_lx_fill_model(pv_model *m, pv_lx_prof *P)
{
    static const char *const heapz[] = {"allocations", "size", NULL, "objects", "space", NULL,
                                        "inuse_objects", "inuse_space", NULL, "alloc_objects", "alloc_space", NULL,
                                        "alloc_objects", "alloc_space", "inuse_objects", "inuse_space", NULL, ""};
    static const char *const contentionz[] = {"contentions", "delay", NULL, ""};
    bool oom = false;
    size_t nfn = 0, nln = 0;
    pv_value_type *types = calloc(P->ntypes ? P->ntypes : 1, sizeof *types);
    pv_mapping *maps = calloc(P->nmaps ? P->nmaps : 1, sizeof *maps);
    pv_location *locs = calloc(P->nlocs ? P->nlocs : 1, sizeof *locs);
    pv_function *fns = calloc(P->nfns ? P->nfns : 1, sizeof *fns);
    pv_line *lns = calloc(P->nlocs ? P->nlocs : 1, sizeof *lns);
    uint32_t *fnidx = malloc((P->nfns ? P->nfns : 1) * sizeof *fnidx);
    int64_t *values = malloc((P->ns ? P->ns : 1) * (P->ntypes ? P->ntypes : 1) * sizeof *values);
    uint64_t *soff = malloc((P->ns + 1) * sizeof *soff), *loff = malloc((P->ns + 1) * sizeof *loff);
    uint32_t *stack = malloc((P->naddr ? P->naddr : 1) * sizeof *stack);
    pv_label *labels = malloc((P->has_label && P->ns ? P->ns : 1) * sizeof *labels);
    pv_idmap h = {0};
    if (!types || !maps || !locs || !fns || !lns || !fnidx || !values || !soff || !loff || !stack || !labels ||
        pv_idmap_init(&h, P->nlocs) != 0)
        goto oom;
    for (size_t i = 0; i < P->ntypes; i++) {
        types[i].type = istr(m, P->tnames[2 * i], &oom);
        types[i].unit = istr(m, P->tnames[2 * i + 1], &oom);
    }
    for (size_t i = 0; i < P->nmaps; i++) {
        maps[i].id = i + 1;
        maps[i].start = P->maps[i].start;
        maps[i].limit = P->maps[i].limit;
        maps[i].offset = P->maps[i].offset;
        maps[i].file = istr(m, P->maps[i].file, &oom);
        maps[i].build_id = istr(m, P->maps[i].build_id, &oom);
    }
    for (size_t i = 0; i < P->nfns; i++)
        fnidx[i] = PV_NONE;
    for (size_t i = 0; i < P->nlocs; i++) {
        if (pv_idmap_put(&h, P->locaddr[i], (uint32_t)i) < 0)
            oom = true;
        locs[i].id = i + 1;
        locs[i].mapping = P->locmap[i];
        locs[i].address = P->zero_addresses ? 0 : P->locaddr[i];
        uint32_t f = P->locfn ? P->locfn[i] : PV_NONE;
        if (f == PV_NONE)
            continue;
        if (fnidx[f] == PV_NONE) { /* remapFunctionIDs: in order of first use by a location */
            fnidx[f] = (uint32_t)nfn;
            fns[nfn].id = nfn + 1;
            fns[nfn].name = fns[nfn].system_name = istr(m, P->fnames[f], &oom);
            fns[nfn].filename = istr(m, P->ffiles[f], &oom);
            nfn++;
        }
        locs[i].line_start = (uint32_t)nln;
        locs[i].line_count = 1;
        lns[nln++] = (pv_line){.function = fnidx[f], .line = P->locline[i]};
    }
    size_t nst = 0;
    pv_strid bytes_key = P->has_label ? istr(m, "bytes", &oom) : 0;
    for (size_t s = 0; s < P->ns; s++) {
        soff[s] = nst;
        loff[s] = P->has_label ? s : 0;
        for (uint64_t k = 0; k < P->cnt[s]; k++)
            stack[nst++] = pv_idmap_get(&h, P->addr[P->off[s] + k]);
        if (P->has_label)
            labels[s] = (pv_label){.key = bytes_key, .str = 0, .num = P->blocksize[s], .num_unit = 0};
    }
    soff[P->ns] = nst;
    loff[P->ns] = P->has_label ? P->ns : 0;
    if (P->ns && P->ntypes) /* no samples: P->values is NULL, and memcpy from NULL is undefined even for 0 bytes */
        memcpy(values, P->values, P->ns * P->ntypes * sizeof *values);
    pv_idmap_free(&h);
    free(fnidx);
    fnidx = NULL;
    if (oom)
        goto oom2;

    bool heap = is_profile_type(P, heapz);
    m->ntypes = P->ntypes;
    m->sample_types = types;
    m->period_type.type = istr(m, P->ptype ? P->ptype : "", &oom);
    m->period_type.unit = istr(m, P->punit ? P->punit : "", &oom);
    m->period = P->period;
    m->duration_nanos = P->duration_nanos;
    m->drop_frames = istr(m, heap ? alloc_rx : is_profile_type(P, contentionz) ? lock_rx : cpu_rx, &oom);
    m->keep_frames = heap ? istr(m, alloc_skip_rx, &oom) : 0;
    m->nmappings = P->nmaps;
    m->mappings = maps;
    m->nlocations = P->nlocs;
    m->locations = locs;
    m->nfunctions = nfn;
    m->functions = fns;
    m->nlines = nln;
    m->lines = lns;
    free(m->values);
    free(m->stack_off);
    free(m->stack);
    free(m->label_off);
    free(m->labels);
    m->nsamples = P->ns;
    m->values = values;
    m->stack_off = soff;
    m->stack = stack;
    m->label_off = loff;
    m->labels = labels;
    return oom ? -1 : 0;
oom:
    pv_idmap_free(&h);
oom2:
    free(fnidx);
    free(types);
    free(maps);
    free(locs);
    free(fns);
    free(lns);
    free(values);
    free(soff);
    free(loff);
    free(stack);
    free(labels);
    return -1;
}
