/* pv_symbolize: decides which mappings and locations need frames, finds each binary the way
 * pprof does, and writes functions and lines into the model. */
#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "symbolize/internal.h"

#define MAX_FRAMES 256

/* ---------- small hash tables ---------- */

static uint64_t mix64(uint64_t x)
{
    x ^= x >> 33;
    x *= 0xff51afd7ed558ccdull;
    x ^= x >> 33;
    x *= 0xc4ceb9fe1a85ec53ull;
    x ^= x >> 33;
    return x;
}

typedef struct {
    uint64_t address;
    uint32_t loc;
} addr_loc;

static int addr_loc_cmp(const void *a, const void *b)
{
    const addr_loc *x = a, *y = b;
    if (x->address != y->address)
        return x->address < y->address ? -1 : 1;
    return x->loc < y->loc ? -1 : x->loc > y->loc;
}

typedef struct {
    const void *key;
    pv_strid a, b;
    bool used;
} ptr_slot;

typedef struct {
    ptr_slot *slots;
    size_t cap, n;
} ptr_map;

static ptr_slot *ptr_map_get(ptr_map *h, const void *key, bool *created)
{
    if ((h->n + 1) * 2 > h->cap) {
        size_t nc = h->cap ? h->cap * 2 : 1024;
        ptr_slot *ns = calloc(nc, sizeof *ns);
        if (!ns)
            return NULL;
        for (size_t i = 0; i < h->cap; i++) {
            if (!h->slots[i].used)
                continue;
            size_t j = mix64((uint64_t)(uintptr_t)h->slots[i].key) & (nc - 1);
            while (ns[j].used)
                j = (j + 1) & (nc - 1);
            ns[j] = h->slots[i];
        }
        free(h->slots);
        h->slots = ns;
        h->cap = nc;
    }
    size_t j = mix64((uint64_t)(uintptr_t)key) & (h->cap - 1);
    while (h->slots[j].used && h->slots[j].key != key)
        j = (j + 1) & (h->cap - 1);
    *created = !h->slots[j].used;
    if (*created) {
        h->slots[j] = (ptr_slot){key, PV_NONE, PV_NONE, true};
        h->n++;
    }
    return &h->slots[j];
}

typedef struct {
    uint32_t *slots; /* function index + 1, 0 = empty */
    size_t cap, n;
} func_map;

static uint64_t func_hash(const pv_function *f)
{
    return mix64(((uint64_t)f->name << 32 | f->system_name) ^ mix64((uint64_t)f->filename << 20 ^ (uint64_t)f->start_line));
}

static bool func_eq(const pv_function *a, const pv_function *b)
{
    return a->name == b->name && a->system_name == b->system_name && a->filename == b->filename &&
           a->start_line == b->start_line;
}

static bool func_map_insert(func_map *h, const pv_model *m, uint32_t fi)
{
    if ((h->n + 1) * 2 > h->cap) {
        size_t nc = h->cap ? h->cap * 2 : 1024;
        uint32_t *ns = calloc(nc, sizeof *ns);
        if (!ns)
            return false;
        for (size_t i = 0; i < h->cap; i++) {
            if (!h->slots[i])
                continue;
            size_t j = func_hash(&m->functions[h->slots[i] - 1]) & (nc - 1);
            while (ns[j])
                j = (j + 1) & (nc - 1);
            ns[j] = h->slots[i];
        }
        free(h->slots);
        h->slots = ns;
        h->cap = nc;
    }
    size_t j = func_hash(&m->functions[fi]) & (h->cap - 1);
    while (h->slots[j])
        j = (j + 1) & (h->cap - 1);
    h->slots[j] = fi + 1;
    h->n++;
    return true;
}

static uint32_t func_map_find(const func_map *h, const pv_model *m, const pv_function *f)
{
    if (!h->cap)
        return PV_NONE;
    size_t j = func_hash(f) & (h->cap - 1);
    while (h->slots[j]) {
        if (func_eq(&m->functions[h->slots[j] - 1], f))
            return h->slots[j] - 1;
        j = (j + 1) & (h->cap - 1);
    }
    return PV_NONE;
}

/* ---------- state of one pv_symbolize call ---------- */

typedef struct {
    pv_strid file, build_id;
    bool is_main;       /* mapping 0 with the binary option */
    sym_binary *bin;    /* NULL when not found or unusable */
    bool reported;      /* a warning was already given for it */
    bool missing;       /* nothing found at all: reported at the end */
    uint64_t mapping;   /* first mapping index that used it, for messages */
} bin_entry;

typedef struct {
    pv_model *m;
    const pv_symbolize_opts *o;
    const pv_symbolize_hooks *hooks; /* may be NULL */
    pv_warn_fn warn;
    void *ctx;
    char **dirs; /* NULL-terminated search directories */
    sym_demangler *dm;
    func_map funcs;
    ptr_map names, files; /* raw name / file pointer -> interned strings */
    uint64_t next_func_id;
    size_t capfunctions, caplines;
    bin_entry *bins;
    size_t nbins, capbins;
    char *name_buf;
} sym_state;

static void warnf(sym_state *s, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void warnf(sym_state *s, const char *fmt, ...)
{
    if (!s->warn)
        return;
    char msg[1024];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    s->warn(s->ctx, msg);
}

static const char *base_name(const char *path)
{
    const char *slash = strrchr(path, '/');
    return slash ? slash + 1 : path;
}

/* pprof leaves these alone: the vDSO, anonymous memory, kernel and other pseudo mappings. */
static bool skip_mapping_file(const char *f)
{
    if (!f[0] || f[0] == '[')
        return true;
    if (strncmp(f, "linux-vdso", 10) == 0 || strncmp(base_name(f), "linux-vdso", 10) == 0)
        return true;
    if (strncmp(f, "//anon", 6) == 0 || strncmp(f, "/memfd:", 7) == 0)
        return true;
    if (strstr(f, "(deleted)") && !strchr(f, '/'))
        return true;
    return false;
}

static bool push_dirs_from(sym_state *s, size_t *n, size_t *cap, const char *env)
{
    const char *v = getenv(env);
    if (!v)
        return true;
    while (*v) {
        const char *colon = strchr(v, ':');
        size_t len = colon ? (size_t)(colon - v) : strlen(v);
        if (len > 0) {
            if (*n + 2 > *cap) {
                size_t nc = *cap ? *cap * 2 : 8;
                char **nd = realloc(s->dirs, nc * sizeof *nd);
                if (!nd)
                    return false;
                s->dirs = nd;
                *cap = nc;
            }
            s->dirs[*n] = strndup(v, len);
            if (!s->dirs[*n])
                return false;
            (*n)++;
            s->dirs[*n] = NULL;
        }
        v += len;
        if (*v == ':')
            v++;
    }
    return true;
}

static bool load_dirs(sym_state *s)
{
    size_t n = 0, cap = 0;
    s->dirs = calloc(1, sizeof *s->dirs);
    if (!s->dirs)
        return false;
    cap = 1;
    return push_dirs_from(s, &n, &cap, "PPROF_BINARY_PATH") && push_dirs_from(s, &n, &cap, "PVIEW_BINARY_PATH");
}

static bool id_eq(const char *a, const char *b)
{
    if (!a[0] || !b[0])
        return false;
    for (; *a && *b; a++, b++)
        if (tolower((unsigned char)*a) != tolower((unsigned char)*b))
            return false;
    return *a == *b;
}

/* Does the file's build id match the mapping's? Unknown on either side counts as a match
 * (pprof does the same); keyed means the file was found under a directory named by the id. */
static bool build_id_matches(const sym_binary *b, const char *want, bool keyed)
{
    if (!want[0])
        return true;
    const char *gnu = sym_binary_gnu_id(b), *gohex = sym_binary_go_id_hex(b), *go = sym_binary_go_id(b);
    if (id_eq(want, gnu) || id_eq(want, gohex) || (go[0] && strcmp(want, go) == 0))
        return true;
    if (!gnu[0] && !gohex[0])
        return true;
    return keyed && !gnu[0];
}

typedef struct {
    char *path;
    bool keyed;
} candidate;

static char *join(const char *a, const char *b, const char *c)
{
    size_t n = strlen(a) + strlen(b) + strlen(c) + 1;
    char *p = malloc(n);
    if (p)
        snprintf(p, n, "%s%s%s", a, b, c);
    return p;
}

static bool add_cand(candidate **c, size_t *n, size_t *cap, char *path, bool keyed)
{
    if (!path)
        return false;
    if (*n == *cap) {
        size_t nc = *cap ? *cap * 2 : 16;
        candidate *nn = realloc(*c, nc * sizeof *nn);
        if (!nn) {
            free(path);
            return false;
        }
        *c = nn;
        *cap = nc;
    }
    (*c)[(*n)++] = (candidate){path, keyed};
    return true;
}

/* pprof's search order, plus parca's <dir>/<buildid>/debuginfo layout. */
static candidate *candidates(sym_state *s, const char *file, const char *id, bool is_main, size_t *count)
{
    candidate *c = NULL;
    size_t n = 0, cap = 0;
    bool ok = true;
    const char *base = base_name(file);
    if (is_main && s->o && s->o->binary)
        ok = ok && add_cand(&c, &n, &cap, strdup(s->o->binary), false);
    if (file[0])
        ok = ok && add_cand(&c, &n, &cap, strdup(file), false);
    for (size_t i = 0; ok && s->dirs[i]; i++) {
        const char *d = s->dirs[i];
        if (id[0]) {
            char *dirid = join(d, "/", id);
            if (!dirid) {
                ok = false;
                break;
            }
            if (base[0])
                ok = ok && add_cand(&c, &n, &cap, join(dirid, "/", base), true);
            ok = ok && add_cand(&c, &n, &cap, join(dirid, "/", "debuginfo"), true);
            free(dirid);
        }
        if (base[0])
            ok = ok && add_cand(&c, &n, &cap, join(d, "/", base), false);
        if (file[0])
            ok = ok && add_cand(&c, &n, &cap, join(d, file[0] == '/' ? "" : "/", file), false);
        if (id[0] && strlen(id) > 2) {
            char head[3] = {id[0], id[1], 0};
            char *p = join(d, "/", head);
            char *q = p ? join(p, "/", id + 2) : NULL;
            ok = ok && add_cand(&c, &n, &cap, q ? join(q, ".debug", "") : NULL, true);
            free(p);
            free(q);
        }
    }
    if (ok && id[0] && strlen(id) > 2) {
        char head[3] = {id[0], id[1], 0};
        char *p = join("/usr/lib/debug/.build-id/", head, "/");
        char *q = p ? join(p, id + 2, ".debug") : NULL;
        free(p);
        ok = add_cand(&c, &n, &cap, q, true);
    }
    if (!ok) {
        for (size_t i = 0; i < n; i++)
            free(c[i].path);
        free(c);
        return NULL;
    }
    *count = n;
    return c;
}

/* Finds (once per file and build id) the binary for mapping mi. NULL when not usable. */
static sym_binary *binary_for(sym_state *s, size_t mi, bool *oom)
{
    const pv_mapping *mp = &s->m->mappings[mi];
    bool is_main = mi == 0 && s->o && s->o->binary;
    for (size_t i = 0; i < s->nbins; i++)
        if (s->bins[i].file == mp->file && s->bins[i].build_id == mp->build_id && s->bins[i].is_main == is_main)
            return s->bins[i].bin;
    if (s->nbins == s->capbins) {
        size_t nc = s->capbins ? s->capbins * 2 : 8;
        bin_entry *nb = realloc(s->bins, nc * sizeof *nb);
        if (!nb) {
            *oom = true;
            return NULL;
        }
        s->bins = nb;
        s->capbins = nc;
    }
    bin_entry *e = &s->bins[s->nbins++];
    *e = (bin_entry){mp->file, mp->build_id, is_main, NULL, false, false, mi};
    const char *file = pv_str(s->m, mp->file), *id = pv_str(s->m, mp->build_id);
    const char *label = file[0] ? file : is_main ? s->o->binary : "(no name)"; /* for messages */
    size_t n = 0;
    candidate *c = candidates(s, file, id, is_main, &n);
    if (!c) {
        *oom = true;
        return NULL;
    }
    char first_mismatch[4096] = "", mismatch_id[300] = "", first_bad[1024] = "";
    for (size_t i = 0; i < n && !e->bin; i++) {
        char why[1024];
        sym_binary *b = sym_binary_open(c[i].path, why, sizeof why);
        if (!b) {
            /* reported only if no later candidate works, except the binary the user named */
            if (why[0] && is_main && i == 0)
                warnf(s, "symbolize: %s", why);
            else if (why[0] && !first_bad[0])
                snprintf(first_bad, sizeof first_bad, "%s", why);
            continue;
        }
        if (!build_id_matches(b, id, c[i].keyed)) {
            if (!first_mismatch[0]) {
                snprintf(first_mismatch, sizeof first_mismatch, "%s", c[i].path);
                const char *got = sym_binary_gnu_id(b)[0] ? sym_binary_gnu_id(b) : sym_binary_go_id_hex(b);
                snprintf(mismatch_id, sizeof mismatch_id, "%s", got);
            }
            sym_binary_close(b);
            continue;
        }
        e->bin = b;
    }
    for (size_t i = 0; i < n; i++)
        free(c[i].path);
    free(c);
    if (!e->bin && id[0]) { /* not here: from a debuginfod server, when DEBUGINFOD_URLS says so */
        char why[512];
        char *path = sym_debuginfod_fetch(id, true, s->hooks, why, sizeof why);
        sym_binary *b = path ? sym_binary_open(path, why, sizeof why) : NULL;
        if (b && build_id_matches(b, id, true))
            e->bin = b;
        else
            sym_binary_close(b);
        if (!e->bin && why[0])
            warnf(s, "symbolize: debuginfod: no executable for %s (build id %s): %s", label, id, why);
        free(path);
    }
    if (e->bin) {
        sym_binary_prepare(e->bin, (const char *const *)s->dirs, s->warn, s->ctx, s->hooks);
    } else if (first_mismatch[0]) {
        warnf(s, "symbolize: build id mismatch for %s: the profile wants %s, %s has %s; mapping left unsymbolized",
              label, id, first_mismatch, mismatch_id);
    } else if (first_bad[0]) {
        warnf(s, "symbolize: %s; mapping %s left unsymbolized", first_bad, label);
    } else {
        e->missing = true;
    }
    return e->bin;
}

/* ---------- writing the model ---------- */

static bool grow(void **arr, size_t *cap, size_t need, size_t elem)
{
    if (need <= *cap)
        return true;
    size_t nc = *cap ? *cap : 64;
    while (nc < need)
        nc *= 2;
    void *p = realloc(*arr, nc * elem);
    if (!p)
        return false;
    *arr = p;
    *cap = nc;
    return true;
}

static pv_strid intern(sym_state *s, const char *str)
{
    if (!str)
        return 0;
    return pv_intern(s->m, str, strlen(str));
}

/* Function index for a frame, creating it if needed; PV_NONE on allocation failure. */
static pv_strid intern_file(sym_state *s, const sym_frame *f)
{
    /* llvm-symbolizer's full paths (elf.c decides when comp_dir goes first) */
    if (f->file && f->comp_dir && f->comp_dir[0]) {
        size_t n = strlen(f->comp_dir);
        char *full = join(f->comp_dir, f->comp_dir[n - 1] == '/' ? "" : "/", f->file);
        if (!full)
            return PV_NONE;
        pv_strid id = intern(s, full);
        free(full);
        return id;
    }
    return intern(s, f->file);
}

static uint32_t function_for(sym_state *s, const sym_frame *f)
{
    /* The name and file strings live in the ELF/DWARF data until every binary is closed at the
     * end of pv_symbolize, so their addresses key caches that spare demangling and interning. */
    pv_function key = {0};
    bool created;
    ptr_slot *ns = ptr_map_get(&s->names, f->name, &created);
    if (!ns)
        return PV_NONE;
    if (created) {
        const char *raw = f->name ? f->name : "";
        char *display = sym_demangle(s->dm, raw, s->o && s->o->demangle_full);
        if (!display)
            return PV_NONE;
        ns->a = intern(s, display);
        ns->b = intern(s, raw);
        free(display);
    }
    ptr_slot *fs = ptr_map_get(&s->files, f->file, &created);
    if (!fs)
        return PV_NONE;
    if (created)
        fs->a = intern_file(s, f);
    key = (pv_function){0, ns->a, ns->b, fs->a, f->start_line};
    if (key.name == PV_NONE || key.system_name == PV_NONE || key.filename == PV_NONE)
        return PV_NONE;
    uint32_t fi = func_map_find(&s->funcs, s->m, &key);
    if (fi != PV_NONE)
        return fi;
    if (!grow((void **)&s->m->functions, &s->capfunctions, s->m->nfunctions + 1, sizeof *s->m->functions))
        return PV_NONE;
    key.id = s->next_func_id++;
    fi = (uint32_t)s->m->nfunctions++;
    s->m->functions[fi] = key;
    if (!func_map_insert(&s->funcs, s->m, fi))
        return PV_NONE;
    return fi;
}

/* Does this location want frames under the current mode? In AUTO mode only locations without
 * lines: the has_* flags are not trusted either way (parca sets has_functions on address-only
 * locations; some writers leave the flags unset on fully symbolized ones, whose lines we keep). */
static bool wants(const sym_state *s, const pv_location *loc)
{
    if (s->o && s->o->mode == PV_SYM_FORCE)
        return true;
    return loc->line_count == 0;
}

long pv_symbolize(pv_model *m, const pv_symbolize_opts *o, pv_warn_fn warn, void *ctx)
{
    return pv_symbolize_ex(m, o, warn, ctx, NULL);
}

long pv_symbolize_ex(pv_model *m, const pv_symbolize_opts *o, pv_warn_fn warn, void *ctx,
                     const pv_symbolize_hooks *hooks)
{
    if (!m || (o && o->mode == PV_SYM_NONE) || m->nmappings == 0 || m->nlocations == 0)
        return 0;
    long result = 0;
    sym_state s = {.m = m, .o = o, .hooks = hooks, .warn = warn, .ctx = ctx};
    /* We only ever grow these arrays with realloc: their current size is the capacity. */
    s.capfunctions = m->nfunctions;
    s.caplines = m->nlines;
    bool *loc_used = NULL, *map_used = NULL;
    uint32_t *by_map = NULL;  /* wanted location indices grouped by mapping */
    size_t *map_off = NULL;   /* by_map[map_off[mi] .. map_off[mi+1]) */
    addr_loc *sorted = NULL; /* one mapping's wanted locations, by address */
    sym_frame *frames = NULL;

    /* Which locations do samples reference? Only those are worth a lookup. */
    loc_used = calloc(m->nlocations, 1);
    map_used = calloc(m->nmappings, 1);
    frames = malloc(MAX_FRAMES * sizeof *frames);
    if (!loc_used || !map_used || !frames || !load_dirs(&s))
        goto oom;
    if (m->stack_off) {
        uint64_t total = m->stack_off[m->nsamples];
        for (uint64_t i = 0; i < total; i++)
            if (m->stack[i] < m->nlocations)
                loc_used[m->stack[i]] = true;
    }
    size_t nwanted = 0;
    for (size_t li = 0; li < m->nlocations; li++) {
        pv_location *loc = &m->locations[li];
        if (!loc_used[li] || loc->mapping >= m->nmappings) {
            loc_used[li] = false;
            continue;
        }
        pv_mapping *mp = &m->mappings[loc->mapping];
        bool is_main = loc->mapping == 0 && o && o->binary;
        if ((!is_main && skip_mapping_file(pv_str(m, mp->file))) || !wants(&s, loc)) {
            loc_used[li] = false;
            continue;
        }
        map_used[loc->mapping] = true;
        nwanted++;
    }
    if (nwanted == 0)
        goto done;
    by_map = malloc(nwanted * sizeof *by_map);
    map_off = calloc(m->nmappings + 1, sizeof *map_off);
    sorted = malloc(nwanted * sizeof *sorted);
    if (!by_map || !map_off || !sorted)
        goto oom;
    for (size_t li = 0; li < m->nlocations; li++)
        if (loc_used[li])
            map_off[m->locations[li].mapping + 1]++;
    for (size_t mi = 0; mi < m->nmappings; mi++)
        map_off[mi + 1] += map_off[mi];
    for (size_t li = 0; li < m->nlocations; li++) {
        if (loc_used[li])
            by_map[map_off[m->locations[li].mapping]++] = (uint32_t)li;
    }
    /* the fill pass advanced each start to the next mapping's start: shift back */
    for (size_t mi = m->nmappings; mi > 0; mi--)
        map_off[mi] = map_off[mi - 1];
    map_off[0] = 0;

    s.dm = sym_demangler_new();
    if (!s.dm)
        goto oom;
    for (size_t i = 0; i < m->nfunctions; i++) {
        if (m->functions[i].id >= s.next_func_id)
            s.next_func_id = m->functions[i].id + 1;
        if (!func_map_insert(&s.funcs, m, (uint32_t)i))
            goto oom;
    }
    if (s.next_func_id == 0)
        s.next_func_id = 1;

    for (size_t mi = 0; mi < m->nmappings; mi++) {
        if (!map_used[mi])
            continue;
        bool oom = false;
        sym_binary *b = binary_for(&s, mi, &oom);
        if (oom)
            goto oom;
        if (!b)
            continue;
        pv_mapping *mp = &m->mappings[mi];
        uint64_t bias = sym_binary_bias(b, mp->start, mp->limit, mp->offset);
        long done_here = 0;
        bool inlined = false;
        /* In address order each distinct address is looked up once, and neighbouring lookups
         * touch the same CU and line table. */
        size_t nl = map_off[mi + 1] - map_off[mi];
        for (size_t k = 0; k < nl; k++) {
            uint32_t li = by_map[map_off[mi] + k];
            sorted[k] = (addr_loc){m->locations[li].address, li};
        }
        if (nl > 1)
            qsort(sorted, nl, sizeof *sorted, addr_loc_cmp);
        uint32_t start = 0, count = 0;
        for (size_t k = 0; k < nl; k++) {
            pv_location *loc = &m->locations[sorted[k].loc];
            if (k == 0 || sorted[k].address != sorted[k - 1].address) {
                count = 0;
                int nf = sym_binary_lookup(b, loc->address - bias, frames, MAX_FRAMES);
                if (nf < 0)
                    goto oom;
                if (nf > 0) {
                    if (!grow((void **)&m->lines, &s.caplines, m->nlines + (size_t)nf, sizeof *m->lines))
                        goto oom;
                    start = (uint32_t)m->nlines;
                    for (int fk = 0; fk < nf; fk++) {
                        uint32_t fi = function_for(&s, &frames[fk]);
                        if (fi == PV_NONE)
                            goto oom;
                        m->lines[m->nlines++] = (pv_line){fi, frames[fk].line};
                    }
                    count = (uint32_t)nf;
                }
            }
            if (count == 0)
                continue;
            loc->line_start = start;
            loc->line_count = count;
            if (count > 1)
                inlined = true;
            done_here++;
        }
        if (done_here > 0) {
            mp->has_functions = mp->has_filenames = mp->has_line_numbers = true;
            if (inlined)
                mp->has_inline_frames = true;
        }
        result += done_here;
    }

    for (size_t i = 0; i < s.nbins; i++)
        if (s.bins[i].missing) {
            const char *file = pv_str(m, s.bins[i].file), *id = pv_str(m, s.bins[i].build_id);
            warnf(&s, "symbolize: could not find %s%s%s%s; set PPROF_BINARY_PATH to a directory holding it "
                      "(searched as <dir>/<build id>/<name>, <dir>/<name>, <dir>/<path>)",
                  s.bins[i].is_main ? o->binary : file, id[0] ? " (build id " : "", id, id[0] ? ")" : "");
        }
    goto done;
oom:
    result = -1;
done:
    for (size_t i = 0; i < s.nbins; i++)
        sym_binary_close(s.bins[i].bin);
    free(s.bins);
    for (size_t i = 0; s.dirs && s.dirs[i]; i++)
        free(s.dirs[i]);
    free(s.dirs);
    free(sorted);
    free(s.funcs.slots);
    free(s.names.slots);
    free(s.files.slots);
    sym_demangler_free(s.dm);
    free(loc_used);
    free(map_used);
    free(by_map);
    free(map_off);
    free(frames);
    return result;
}
