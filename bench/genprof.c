/*
 * genprof: generator of large synthetic pprof profiles for benchmarking.
 *
 * Writes a perftools.profiles.Profile message (see profile/profile.proto)
 * with a small hand-written protobuf encoder, gzip-compressed with zlib
 * (or uncompressed with -raw).  Sample records are independent fields of the
 * top-level message, so they are encoded and compressed one at a time and
 * never held in memory: memory use is bounded by the tables (functions,
 * locations, call paths, strings), not by the number of samples.
 *
 * Shape of the data (deterministic for a given set of options and -seed):
 *   - functions get Zipf-ish popularity (low index = popular);
 *   - a fixed set of call paths is built as a tree: each new path copies a
 *     prefix of an earlier one and extends it, so stacks share prefixes;
 *     some paths contain a recursive segment (1-3 functions repeated);
 *   - each sample picks a path (Zipf), may trim or extend its leaf end with
 *     a few extra frames, and so many distinct stacks appear;
 *   - some locations carry 2-3 lines (inlined callees before the caller);
 *   - one main binary mapping plus a few shared libraries;
 *   - with -labels K > 0: a numeric label "bytes" and string labels.
 */
#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <zlib.h>

/* ------------------------------------------------------------------ */
/* utilities                                                            */

static void die(const char *msg)
{
    fprintf(stderr, "genprof: %s\n", msg);
    exit(1);
}

static void *xmalloc(size_t n)
{
    void *p = malloc(n ? n : 1);
    if (!p)
        die("out of memory");
    return p;
}

static void *xcalloc(size_t n, size_t sz)
{
    void *p = calloc(n ? n : 1, sz ? sz : 1);
    if (!p)
        die("out of memory");
    return p;
}

static void *xrealloc(void *p, size_t n)
{
    p = realloc(p, n ? n : 1);
    if (!p)
        die("out of memory");
    return p;
}

/* xoshiro256** seeded by splitmix64 */
static uint64_t rng_s[4];

static uint64_t splitmix64(uint64_t *x)
{
    uint64_t z = (*x += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}

static void rng_seed(uint64_t seed)
{
    for (int i = 0; i < 4; i++)
        rng_s[i] = splitmix64(&seed);
}

static inline uint64_t rotl(uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }

static inline uint64_t rng_next(void)
{
    uint64_t r = rotl(rng_s[1] * 5, 7) * 9;
    uint64_t t = rng_s[1] << 17;
    rng_s[2] ^= rng_s[0];
    rng_s[3] ^= rng_s[1];
    rng_s[1] ^= rng_s[2];
    rng_s[0] ^= rng_s[3];
    rng_s[2] ^= t;
    rng_s[3] = rotl(rng_s[3], 45);
    return r;
}

/* uniform in [0, n) */
static inline uint32_t rng_below(uint32_t n)
{
    return (uint32_t)(((rng_next() >> 32) * (uint64_t)n) >> 32);
}

/* uniform in [0, 1) */
static inline double rng_unit(void)
{
    return (double)(rng_next() >> 11) * (1.0 / 9007199254740992.0);
}

static inline int rng_chance(double p) { return rng_unit() < p; }

/* Zipf-ish sampler over [0, n): P(k) proportional to 1/(k+1)^s */
typedef struct {
    double *cdf;
    uint32_t n;
} zipf_t;

static void zipf_init(zipf_t *z, uint32_t n, double s)
{
    z->n = n;
    z->cdf = xmalloc(sizeof(double) * n);
    double acc = 0;
    for (uint32_t k = 0; k < n; k++) {
        acc += 1.0 / pow((double)k + 1.0, s);
        z->cdf[k] = acc;
    }
    for (uint32_t k = 0; k < n; k++)
        z->cdf[k] /= acc;
}

static uint32_t zipf_draw(const zipf_t *z)
{
    double u = rng_unit();
    uint32_t lo = 0, hi = z->n - 1;
    while (lo < hi) {
        uint32_t mid = lo + (hi - lo) / 2;
        if (z->cdf[mid] < u)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

/* ------------------------------------------------------------------ */
/* growable byte buffer and protobuf encoding                           */

typedef struct {
    uint8_t *p;
    size_t len, cap;
} buf_t;

static void buf_reserve(buf_t *b, size_t extra)
{
    if (b->len + extra <= b->cap)
        return;
    size_t cap = b->cap ? b->cap : 256;
    while (cap < b->len + extra)
        cap *= 2;
    b->p = xrealloc(b->p, cap);
    b->cap = cap;
}

static inline void put_varint(buf_t *b, uint64_t v)
{
    buf_reserve(b, 10);
    uint8_t *q = b->p + b->len;
    while (v >= 0x80) {
        *q++ = (uint8_t)(v | 0x80);
        v >>= 7;
    }
    *q++ = (uint8_t)v;
    b->len = (size_t)(q - b->p);
}

static inline void put_bytes(buf_t *b, const void *src, size_t n)
{
    buf_reserve(b, n);
    memcpy(b->p + b->len, src, n);
    b->len += n;
}

enum { WT_VARINT = 0, WT_LEN = 2 };

static inline void put_tag(buf_t *b, uint32_t field, uint32_t wt)
{
    put_varint(b, ((uint64_t)field << 3) | wt);
}

/* varint field, omitted when zero (proto3 default) */
static inline void put_uint_field(buf_t *b, uint32_t field, uint64_t v)
{
    if (!v)
        return;
    put_tag(b, field, WT_VARINT);
    put_varint(b, v);
}

static inline void put_int_field(buf_t *b, uint32_t field, int64_t v)
{
    put_uint_field(b, field, (uint64_t)v);
}

static void put_len_field(buf_t *b, uint32_t field, const void *data, size_t n)
{
    put_tag(b, field, WT_LEN);
    put_varint(b, n);
    put_bytes(b, data, n);
}

/* ------------------------------------------------------------------ */
/* output: raw file or gzip stream                                      */

typedef struct {
    FILE *f;
    int raw;
    z_stream zs;
    uint8_t *zout;
    size_t zcap;
    uint64_t raw_bytes; /* uncompressed bytes written */
} out_t;

static void out_open(out_t *o, const char *path, int raw, int level)
{
    memset(o, 0, sizeof *o);
    o->f = fopen(path, "wb");
    if (!o->f) {
        fprintf(stderr, "genprof: %s: %s\n", path, strerror(errno));
        exit(1);
    }
    o->raw = raw;
    if (!raw) {
        if (deflateInit2(&o->zs, level, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) != Z_OK)
            die("deflateInit2 failed");
        o->zcap = 1 << 18;
        o->zout = xmalloc(o->zcap);
    }
}

static void out_deflate(out_t *o, const uint8_t *p, size_t n, int flush)
{
    o->zs.next_in = (Bytef *)p;
    o->zs.avail_in = (uInt)n;
    for (;;) {
        o->zs.next_out = o->zout;
        o->zs.avail_out = (uInt)o->zcap;
        int rc = deflate(&o->zs, flush);
        if (rc == Z_STREAM_ERROR)
            die("deflate failed");
        size_t have = o->zcap - o->zs.avail_out;
        if (have && fwrite(o->zout, 1, have, o->f) != have)
            die("write failed");
        if (flush == Z_FINISH) {
            if (rc == Z_STREAM_END)
                break;
        } else if (o->zs.avail_in == 0 && o->zs.avail_out != 0) {
            break;
        }
    }
}

static void out_write(out_t *o, const uint8_t *p, size_t n)
{
    o->raw_bytes += n;
    if (o->raw) {
        if (fwrite(p, 1, n, o->f) != n)
            die("write failed");
        return;
    }
    out_deflate(o, p, n, Z_NO_FLUSH);
}

static void out_close(out_t *o)
{
    if (!o->raw) {
        out_deflate(o, NULL, 0, Z_FINISH);
        deflateEnd(&o->zs);
        free(o->zout);
    }
    if (fclose(o->f) != 0)
        die("close failed");
}

/* staging buffer: encoded records are collected here and handed to the
 * output in chunks of about 256 KiB */
static buf_t stage;
static out_t out;

static void stage_flush(int force)
{
    if (stage.len >= (1u << 18) || (force && stage.len)) {
        out_write(&out, stage.p, stage.len);
        stage.len = 0;
    }
}

/* ------------------------------------------------------------------ */
/* string table                                                         */

typedef struct {
    char **s;
    uint32_t n, cap;
    uint32_t *hslots; /* open addressing, stores index+1 */
    uint32_t hcap;
} strtab_t;

static strtab_t st;

static uint64_t hash_str(const char *s)
{
    uint64_t h = 1469598103934665603ULL;
    for (; *s; s++)
        h = (h ^ (uint8_t)*s) * 1099511628211ULL;
    return h;
}

static void st_rehash(void)
{
    uint32_t ncap = st.hcap ? st.hcap * 2 : 1024;
    uint32_t *slots = xcalloc(ncap, sizeof(uint32_t));
    for (uint32_t i = 0; i < st.n; i++) {
        uint64_t h = hash_str(st.s[i]);
        uint32_t j = (uint32_t)h & (ncap - 1);
        while (slots[j])
            j = (j + 1) & (ncap - 1);
        slots[j] = i + 1;
    }
    free(st.hslots);
    st.hslots = slots;
    st.hcap = ncap;
}

static int64_t intern(const char *s)
{
    if ((st.n + 1) * 2 > st.hcap)
        st_rehash();
    uint64_t h = hash_str(s);
    uint32_t j = (uint32_t)h & (st.hcap - 1);
    while (st.hslots[j]) {
        if (strcmp(st.s[st.hslots[j] - 1], s) == 0)
            return st.hslots[j] - 1;
        j = (j + 1) & (st.hcap - 1);
    }
    if (st.n == st.cap) {
        st.cap = st.cap ? st.cap * 2 : 1024;
        st.s = xrealloc(st.s, sizeof(char *) * st.cap);
    }
    size_t len = strlen(s);
    st.s[st.n] = xmalloc(len + 1);
    memcpy(st.s[st.n], s, len + 1);
    st.hslots[j] = st.n + 1;
    return st.n++;
}

static int64_t internf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static int64_t internf(const char *fmt, ...)
{
    char tmp[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(tmp, sizeof tmp, fmt, ap);
    va_end(ap);
    return intern(tmp);
}

/* ------------------------------------------------------------------ */
/* model                                                                */

#define NMAPPINGS 5

typedef struct {
    uint64_t start, limit, offset;
    int64_t file, build_id;
} mapping_t;

typedef struct {
    int64_t name, sysname, file;
    int64_t start_line;
    uint32_t mapping; /* index into mappings */
    uint64_t addr;    /* base address of the function's code */
} function_t;

typedef struct {
    uint32_t nlines;
    uint32_t func[3]; /* line order: inlined callees first, caller last */
    int64_t line[3];
} location_t;

static mapping_t maps[NMAPPINGS];
static function_t *funcs;
static location_t *locs;
static uint32_t nfuncs, nlocs_per;

/* call paths, root first, stored as location indexes (0-based) */
typedef struct {
    uint32_t *loc;
    uint32_t len;
} path_t;

static path_t *paths;
static uint32_t npaths;

/* Location ids are assigned by expected use, most used first, as a
 * profiler numbering locations by first appearance roughly does: the
 * trunk frames get small (1-byte varint) ids. */
static uint32_t *loc_id;  /* location index -> id - 1 */
static uint32_t *loc_inv; /* id - 1 -> location index */
static double *loc_w;

static int cmp_loc_w(const void *a, const void *b)
{
    double x = loc_w[*(const uint32_t *)a], y = loc_w[*(const uint32_t *)b];
    if (x != y)
        return x > y ? -1 : 1;
    uint32_t i = *(const uint32_t *)a, j = *(const uint32_t *)b;
    return i < j ? -1 : i > j;
}

static void number_locations(const zipf_t *pz, const zipf_t *lz)
{
    uint32_t nl = nfuncs * nlocs_per;
    loc_w = xcalloc(nl, sizeof(double));
    for (uint32_t i = 0; i < npaths; i++) {
        double w = pz->cdf[i] - (i ? pz->cdf[i - 1] : 0.0);
        for (uint32_t k = 0; k < paths[i].len; k++)
            loc_w[paths[i].loc[k]] += w;
    }
    for (uint32_t f = 3; f < nfuncs; f++) {
        double w = lz->cdf[f] - lz->cdf[f - 1];
        for (uint32_t j = 0; j < nlocs_per; j++)
            loc_w[f * nlocs_per + j] += w / nlocs_per;
    }
    loc_inv = xmalloc(sizeof(uint32_t) * nl);
    for (uint32_t i = 0; i < nl; i++)
        loc_inv[i] = i;
    qsort(loc_inv, nl, sizeof(uint32_t), cmp_loc_w);
    loc_id = xmalloc(sizeof(uint32_t) * nl);
    for (uint32_t r = 0; r < nl; r++)
        loc_id[loc_inv[r]] = r;
    free(loc_w);
}

static const char *mapping_names[NMAPPINGS] = {
    "/usr/local/bin/orderd",
    "/lib/x86_64-linux-gnu/libc.so.6",
    "/lib/x86_64-linux-gnu/libm.so.6",
    "/usr/lib/x86_64-linux-gnu/libz.so.1.2.13",
    "/usr/lib/x86_64-linux-gnu/libssl.so.3",
};

static const char *go_pkgs[] = {
    "runtime", "net/http", "encoding/json", "bufio", "sync", "strings", "bytes", "sort",
    "github.com/acme/orderd/internal/api", "github.com/acme/orderd/internal/store",
    "github.com/acme/orderd/internal/cache", "github.com/acme/orderd/internal/auth",
    "github.com/acme/orderd/internal/billing", "github.com/acme/orderd/internal/search",
    "github.com/acme/orderd/pkg/codec", "github.com/acme/orderd/pkg/metrics",
    "google.golang.org/grpc", "google.golang.org/protobuf/proto",
    "go.uber.org/zap", "github.com/jackc/pgx/v5", "compress/flate", "crypto/tls",
    "reflect", "regexp", "text/template", "database/sql", "context", "io",
};
static const char *go_types[] = {
    "", "(*Server)", "(*Client)", "(*conn)", "(*Decoder)", "(*Encoder)", "(*Pool)",
    "(*Store)", "(*Cache)", "(*Handler)", "(*Reader)", "(*Writer)", "(*Tx)", "(*Row)",
    "(*Index)", "(*Query)", "(*Session)", "(*Buffer)", "(*Map)", "(*Mutex)",
    "Order", "(*Invoice)", "(*Token)", "(*Router)",
};
static const char *verbs[] = {
    "Read", "Write", "Serve", "Handle", "Decode", "Encode", "Get", "Put", "Lookup",
    "Flush", "Parse", "Marshal", "Unmarshal", "Scan", "Exec", "Query", "Build",
    "Validate", "Compute", "Render", "Apply", "Sync", "Load", "Store", "Sort", "Merge",
    "find", "grow", "alloc", "copy", "hash", "walk", "split", "match", "emit", "next",
};
static const char *nouns[] = {
    "", "Header", "Body", "Request", "Response", "Row", "Rows", "Value", "Field",
    "Slice", "Map", "String", "Bytes", "Batch", "Entry", "Key", "Token", "Frame",
    "Block", "Page", "Item", "Chunk", "Record", "Message", "Stream", "Index", "Node",
};
static const char *c_prefix[] = {
    "__memcpy", "__memmove", "__memset", "__strlen", "__libc_malloc", "_int_malloc",
    "__libc_free", "_int_free", "__GI___pthread_mutex_lock", "__lll_lock_wait",
    "__clock_gettime", "__libc_write", "__libc_read", "__poll", "__epoll_wait",
    "__ieee754_exp", "__ieee754_log", "__sin_fma", "__cos_fma", "__pow",
    "deflate_slow", "longest_match", "fill_window", "inflate_fast", "adler32_z",
    "crc32_z", "SSL_read", "SSL_write", "ssl3_read_bytes", "EVP_EncryptUpdate",
    "aesni_ctr32_encrypt_blocks", "gcm_ghash_avx", "tls13_enc",
};

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

static void build_functions(uint32_t nf)
{
    nfuncs = nf;
    funcs = xcalloc(nf, sizeof(function_t));

    uint64_t base = 0x400000;
    maps[0].start = base;
    /* libraries placed high, like a real process */
    uint64_t lib_base = 0x7f3a10000000ULL;
    for (int m = 1; m < NMAPPINGS; m++) {
        maps[m].start = lib_base + (uint64_t)(m - 1) * 0x10000000ULL;
        maps[m].offset = 0x28000;
    }
    uint64_t next_addr[NMAPPINGS];
    for (int m = 0; m < NMAPPINGS; m++)
        next_addr[m] = maps[m].start + 0x1000;

    for (uint32_t i = 0; i < nf; i++) {
        function_t *fn = &funcs[i];
        /* ~12% of (mostly less popular) functions live in shared libraries */
        uint32_t m = 0;
        if (i >= 8 && rng_chance(0.12))
            m = 1 + rng_below(NMAPPINGS - 1);
        fn->mapping = m;
        char name[256], file[256];
        if (m == 0) {
            /* scramble the mixed-radix decomposition so neighbours differ */
            uint64_t k = (uint64_t)i * 2654435761ULL;
            const char *pkg = go_pkgs[i < 3 ? 0 : k % NELEM(go_pkgs)];
            k /= NELEM(go_pkgs);
            const char *typ = go_types[k % NELEM(go_types)];
            k /= NELEM(go_types);
            const char *verb = verbs[k % NELEM(verbs)];
            k /= NELEM(verbs);
            const char *noun = nouns[k % NELEM(nouns)];
            const char *short_pkg = strrchr(pkg, '/');
            short_pkg = short_pkg ? short_pkg + 1 : pkg;
            if (i == 0)
                snprintf(name, sizeof name, "runtime.goexit");
            else if (i == 1)
                snprintf(name, sizeof name, "main.main");
            else if (i == 2)
                snprintf(name, sizeof name, "runtime.main");
            else if (*typ)
                snprintf(name, sizeof name, "%s.%s.%s%s%s", pkg, typ, verb, noun,
                         i % 7 == 0 ? ".func1" : "");
            else
                snprintf(name, sizeof name, "%s.%s%s", pkg, verb, noun);
            /* make names unique: pprof -top aggregates by name */
            if (st.hcap) {
                uint64_t h = hash_str(name);
                uint32_t j = (uint32_t)h & (st.hcap - 1);
                while (st.hslots[j]) {
                    if (strcmp(st.s[st.hslots[j] - 1], name) == 0) {
                        size_t l = strlen(name);
                        snprintf(name + l, sizeof name - l, "%u", i);
                        break;
                    }
                    j = (j + 1) & (st.hcap - 1);
                }
            }
            if (i <= 1)
                snprintf(file, sizeof file, "/src/orderd/cmd/orderd/main.go");
            else if (strncmp(pkg, "github.com/", 11) == 0 || strncmp(pkg, "go", 2) == 0)
                snprintf(file, sizeof file, "/home/build/go/pkg/mod/%s/%s%u.go", pkg,
                         short_pkg, i % 5);
            else
                snprintf(file, sizeof file, "/usr/lib/go-1.19/src/%s/%s%u.go", pkg,
                         short_pkg, i % 5);
        } else {
            const char *pre = c_prefix[rng_below(NELEM(c_prefix))];
            snprintf(name, sizeof name, "%s_%u", pre, i);
            snprintf(file, sizeof file, "%s/src%u.c",
                     m == 1 ? "./malloc" : m == 2 ? "./sysdeps/ieee754" : m == 3 ? "./zlib" : "./ssl",
                     i % 9);
        }
        fn->name = intern(name);
        fn->sysname = fn->name;
        fn->file = intern(file);
        fn->start_line = 20 + (int64_t)rng_below(2000);
        fn->addr = next_addr[m];
        next_addr[m] += 0x40 + 0x10 * (uint64_t)rng_below(64) + 0x10 * nlocs_per;
    }
    for (int m = 0; m < NMAPPINGS; m++) {
        maps[m].limit = (next_addr[m] + 0xfff) & ~(uint64_t)0xfff;
        maps[m].file = intern(mapping_names[m]);
        char bid[64];
        uint64_t h = hash_str(mapping_names[m]) ^ rng_next();
        snprintf(bid, sizeof bid, "%016llx%08x", (unsigned long long)h,
                 (unsigned)(rng_next() >> 32));
        maps[m].build_id = intern(bid);
    }
}

static void build_locations(double inline_prob, const zipf_t *fz)
{
    uint32_t n = nfuncs * nlocs_per;
    locs = xcalloc(n, sizeof(location_t));
    for (uint32_t i = 0; i < n; i++) {
        uint32_t f = i / nlocs_per;
        location_t *l = &locs[i];
        uint32_t k = 0;
        if (f >= 3 && rng_chance(inline_prob)) {
            uint32_t ninl = 1 + rng_below(2);
            for (uint32_t j = 0; j < ninl; j++) {
                /* inlined callees come from the same mapping */
                uint32_t g;
                int tries = 0;
                do {
                    g = zipf_draw(fz);
                } while ((funcs[g].mapping != funcs[f].mapping || g == f || g < 3) &&
                         ++tries < 20);
                if (tries >= 20)
                    break;
                l->func[k] = g;
                l->line[k] = funcs[g].start_line + 1 + rng_below(12);
                k++;
            }
        }
        l->func[k] = f;
        l->line[k] = funcs[f].start_line + 1 + (int64_t)rng_below(80);
        k++;
        l->nlines = k;
    }
}

/* location index for a call site inside function f */
static inline uint32_t loc_of(uint32_t f) { return f * nlocs_per + rng_below(nlocs_per); }

static void build_paths(uint32_t np, uint32_t depth, double recursion_prob, const zipf_t *fz)
{
    npaths = np;
    paths = xcalloc(np, sizeof(path_t));
    uint32_t nroots = np < 12 ? np : 12;
    uint32_t maxlen = depth * 2 + 16;
    uint32_t *tmp = xmalloc(sizeof(uint32_t) * (maxlen + 64));
    for (uint32_t i = 0; i < np; i++) {
        uint32_t len = 0;
        /* target length: depth +- ~30%, less the ~0.7 frames a sample adds
         * on average at its leaf end (see the sample loop) */
        int spread = (int)depth * 3 / 10 + 1;
        int mean = (int)depth > 4 ? (int)depth - 1 : (int)depth;
        int target = mean + (int)rng_below((uint32_t)(2 * spread + 1)) - spread;
        if (target < 3)
            target = 3;
        if ((uint32_t)target > maxlen)
            target = (int)maxlen;
        if (i < nroots) {
            /* goroutine entry points: runtime.goexit -> entry function */
            tmp[len++] = loc_of(0);
            if (i == 0) {
                tmp[len++] = loc_of(2);
                tmp[len++] = loc_of(1);
            } else {
                tmp[len++] = loc_of(3 + rng_below(nfuncs - 3 < 64 ? nfuncs - 3 : 64));
            }
        } else {
            /* parent: biased towards early paths (the trunk of the tree) */
            uint32_t p = rng_below(rng_below(i) + 1);
            const path_t *pp = &paths[p];
            /* branch point: anywhere after the entry frames */
            uint32_t lo = pp->len < 2 ? pp->len : 2;
            uint32_t span = pp->len - lo;
            uint32_t pre = lo + (span ? rng_below(span + 1) : 0);
            if (pre > (uint32_t)target)
                pre = (uint32_t)target;
            memcpy(tmp, pp->loc, sizeof(uint32_t) * pre);
            len = pre;
        }
        int recursed = 0;
        while (len < (uint32_t)target) {
            if (!recursed && len + 6 < maxlen && rng_chance(recursion_prob)) {
                /* recursion: a cycle of 1-3 functions repeated 2-6 times */
                uint32_t cyc = 1 + rng_below(3), reps = 2 + rng_below(5);
                uint32_t cf[3];
                for (uint32_t c = 0; c < cyc; c++)
                    cf[c] = 3 + rng_below(nfuncs > 40 ? 40 : nfuncs - 3);
                uint32_t cl[3];
                for (uint32_t c = 0; c < cyc; c++)
                    cl[c] = loc_of(cf[c]);
                for (uint32_t r = 0; r < reps && len < maxlen; r++)
                    for (uint32_t c = 0; c < cyc && len < maxlen; c++)
                        tmp[len++] = cl[c];
                recursed = 1;
                continue;
            }
            uint32_t f = zipf_draw(fz);
            if (f < 3) /* goexit/main live only at the root */
                f = 3 + rng_below(nfuncs - 3);
            tmp[len++] = loc_of(f);
        }
        paths[i].len = len;
        paths[i].loc = xmalloc(sizeof(uint32_t) * len);
        memcpy(paths[i].loc, tmp, sizeof(uint32_t) * len);
    }
    free(tmp);
}

/* ------------------------------------------------------------------ */
/* encoding of the tables                                               */

static void put_value_type(buf_t *b, uint32_t field, int64_t type, int64_t unit)
{
    buf_t m = {0};
    put_int_field(&m, 1, type);
    put_int_field(&m, 2, unit);
    put_len_field(b, field, m.p, m.len);
    free(m.p);
}

static void write_tables(void)
{
    buf_t m = {0}, l = {0};
    for (int i = 0; i < NMAPPINGS; i++) {
        m.len = 0;
        put_uint_field(&m, 1, (uint64_t)i + 1);
        put_uint_field(&m, 2, maps[i].start);
        put_uint_field(&m, 3, maps[i].limit);
        put_uint_field(&m, 4, maps[i].offset);
        put_int_field(&m, 5, maps[i].file);
        put_int_field(&m, 6, maps[i].build_id);
        put_uint_field(&m, 7, 1);
        put_uint_field(&m, 8, 1);
        put_uint_field(&m, 9, 1);
        put_uint_field(&m, 10, 1);
        put_len_field(&stage, 3, m.p, m.len);
        stage_flush(0);
    }
    uint32_t nl = nfuncs * nlocs_per;
    for (uint32_t r = 0; r < nl; r++) {
        uint32_t i = loc_inv[r];
        const location_t *lc = &locs[i];
        uint32_t f = i / nlocs_per;
        m.len = 0;
        put_uint_field(&m, 1, (uint64_t)r + 1);
        put_uint_field(&m, 2, (uint64_t)funcs[f].mapping + 1);
        put_uint_field(&m, 3, funcs[f].addr + 0x10 * (i % nlocs_per) + 3);
        for (uint32_t k = 0; k < lc->nlines; k++) {
            l.len = 0;
            put_uint_field(&l, 1, (uint64_t)lc->func[k] + 1);
            put_int_field(&l, 2, lc->line[k]);
            put_len_field(&m, 4, l.p, l.len);
        }
        put_len_field(&stage, 4, m.p, m.len);
        stage_flush(0);
    }
    for (uint32_t i = 0; i < nfuncs; i++) {
        m.len = 0;
        put_uint_field(&m, 1, (uint64_t)i + 1);
        put_int_field(&m, 2, funcs[i].name);
        put_int_field(&m, 3, funcs[i].sysname);
        put_int_field(&m, 4, funcs[i].file);
        put_int_field(&m, 5, funcs[i].start_line);
        put_len_field(&stage, 5, m.p, m.len);
        stage_flush(0);
    }
    for (uint32_t i = 0; i < st.n; i++) {
        put_len_field(&stage, 6, st.s[i], strlen(st.s[i]));
        stage_flush(0);
    }
    free(m.p);
    free(l.p);
}

/* ------------------------------------------------------------------ */

/* -unique: the hashes of the samples' stacks and labels so far */
static uint64_t *seen;
static size_t nseen_slots;

static void seen_init(size_t n)
{
    nseen_slots = 1024;
    while (nseen_slots < 2 * n)
        nseen_slots *= 2;
    seen = xcalloc(nseen_slots, sizeof *seen);
}

static uint64_t hash_bytes(uint64_t h, const uint8_t *p, size_t n)
{
    for (size_t i = 0; i < n; i++)
        h = (h ^ p[i]) * 1099511628211ull;
    return h;
}

/* Whether the sample of these encoded ids and labels is the first of its kind. A hash
 * collision counts as a repeat: that sample is drawn again. */
static int first_time(const uint8_t *ids, size_t nids, const uint8_t *labels, size_t nlabels)
{
    uint64_t h = hash_bytes(hash_bytes(1469598103934665603ull, ids, nids), labels, nlabels);
    h |= 1; /* 0 marks an empty slot */
    size_t j = (size_t)(h ^ h >> 31) & (nseen_slots - 1);
    for (; seen[j]; j = (j + 1) & (nseen_slots - 1))
        if (seen[j] == h)
            return 0;
    seen[j] = h;
    return 1;
}

static void usage(void)
{
    fprintf(stderr,
            "usage: genprof [-n SAMPLES] [-d DEPTH] [-f FUNCTIONS] [-l LOCS_PER_FUNCTION]\n"
            "               [-t TYPES|cpu] [-labels K] [-seed S] [-p PATHS] [-z LEVEL]\n"
            "               [-unique] [-raw] [-q] -o FILE\n"
            "  -n SAMPLES   number of sample records (default 100000)\n"
            "  -d DEPTH     mean stack depth (default 25)\n"
            "  -f N         number of functions (default 3000)\n"
            "  -l N         locations per function (default 4)\n"
            "  -t N|cpu     1..4 heap-like sample types (alloc_objects/count,\n"
            "               alloc_space/bytes, inuse_objects/count, inuse_space/bytes),\n"
            "               or cpu (samples/count, cpu/nanoseconds); default 4\n"
            "  -labels K    K labels per sample: numeric 'bytes' plus K-1 string\n"
            "               labels (default 0)\n"
            "  -seed S      random seed (default 1)\n"
            "  -p N         number of distinct call paths (default 4*FUNCTIONS)\n"
            "  -z LEVEL     gzip level 1..9 (default 1)\n"
            "  -unique      no two samples with the same stack and labels, as in the\n"
            "               CPU profiles Go's runtime writes (a sample drawn again\n"
            "               is drawn anew)\n"
            "  -raw         write the protobuf uncompressed\n"
            "  -q           no summary on stderr\n");
    exit(2);
}

static long parse_long(const char *s, const char *opt, long lo, long hi)
{
    char *end;
    errno = 0;
    long v = strtol(s, &end, 10);
    if (errno || *end || v < lo || v > hi) {
        fprintf(stderr, "genprof: bad value for %s: %s\n", opt, s);
        exit(2);
    }
    return v;
}

static const char *label_keys[] = {"handler", "tenant", "region", "worker", "phase", "shard"};

int main(int argc, char **argv)
{
    long nsamples = 100000, depth = 25, nf = 3000, nlp = 4, ntypes = 4, nlabels = 0;
    long seed = 1, np = -1, level = 1;
    int cpu = 0, raw = 0, quiet = 0, unique = 0;
    const char *outpath = NULL;

    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        const char *v = i + 1 < argc ? argv[i + 1] : NULL;
#define NEEDV() do { if (!v) usage(); i++; } while (0)
        if (!strcmp(a, "-n")) { NEEDV(); nsamples = parse_long(v, a, 0, 1L << 40); }
        else if (!strcmp(a, "-d")) { NEEDV(); depth = parse_long(v, a, 1, 10000); }
        else if (!strcmp(a, "-f")) { NEEDV(); nf = parse_long(v, a, 8, 50000000); }
        else if (!strcmp(a, "-l")) { NEEDV(); nlp = parse_long(v, a, 1, 1000); }
        else if (!strcmp(a, "-t")) {
            NEEDV();
            if (!strcmp(v, "cpu")) { cpu = 1; ntypes = 2; }
            else ntypes = parse_long(v, a, 1, 4);
        }
        else if (!strcmp(a, "-labels")) { NEEDV(); nlabels = parse_long(v, a, 0, 1 + (long)NELEM(label_keys)); }
        else if (!strcmp(a, "-seed")) { NEEDV(); seed = parse_long(v, a, 0, 1L << 62); }
        else if (!strcmp(a, "-p")) { NEEDV(); np = parse_long(v, a, 1, 100000000); }
        else if (!strcmp(a, "-z")) { NEEDV(); level = parse_long(v, a, 1, 9); }
        else if (!strcmp(a, "-o")) { NEEDV(); outpath = v; }
        else if (!strcmp(a, "-raw")) raw = 1;
        else if (!strcmp(a, "-unique")) unique = 1;
        else if (!strcmp(a, "-q")) quiet = 1;
        else usage();
#undef NEEDV
    }
    if (!outpath)
        usage();
    if (np < 0)
        np = 4 * nf;
    if ((uint64_t)nf * (uint64_t)nlp > 0xffffffffULL / 2)
        die("too many locations");

    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    rng_seed((uint64_t)seed);
    nlocs_per = (uint32_t)nlp;

    intern(""); /* string 0 must be empty */

    /* sample types and period */
    int64_t st_type[4], st_unit[4], pt_type, pt_unit;
    int64_t period;
    if (cpu) {
        st_type[0] = intern("samples");
        st_unit[0] = intern("count");
        st_type[1] = intern("cpu");
        st_unit[1] = intern("nanoseconds");
        pt_type = st_type[1];
        pt_unit = st_unit[1];
        period = 10000000;
    } else {
        const char *tn[4] = {"alloc_objects", "alloc_space", "inuse_objects", "inuse_space"};
        const char *tu[4] = {"count", "bytes", "count", "bytes"};
        for (int i = 0; i < 4; i++) {
            st_type[i] = intern(tn[i]);
            st_unit[i] = intern(tu[i]);
        }
        pt_type = intern("space");
        pt_unit = intern("bytes");
        period = 524288;
    }
    /* labels */
    int64_t lk_bytes = 0, lu_bytes = 0;
    int64_t lk[NELEM(label_keys)];
    int64_t lv[NELEM(label_keys)][16];
    uint32_t nlv[NELEM(label_keys)];
    if (nlabels > 0) {
        lk_bytes = intern("bytes");
        lu_bytes = intern("bytes");
        for (long k = 0; k < nlabels - 1; k++) {
            lk[k] = intern(label_keys[k]);
            nlv[k] = 3 + (uint32_t)(k * 5) % 14;
            for (uint32_t j = 0; j < nlv[k]; j++) {
                switch (k) {
                case 0: {
                    static const char *h[] = {"/api/orders", "/api/orders/:id", "/api/users",
                                              "/api/search", "/api/invoices", "/healthz",
                                              "/metrics", "/api/login", "/api/cart",
                                              "/api/items", "/api/pay", "/api/ship",
                                              "/api/stats", "/api/admin", "/api/feed", "/"};
                    lv[k][j] = intern(h[j]);
                    break;
                }
                default:
                    lv[k][j] = internf("%s-%u", label_keys[k], j);
                }
            }
        }
    }

    /* tables */
    zipf_t fz;
    zipf_init(&fz, (uint32_t)nf, 1.1);
    build_functions((uint32_t)nf);
    build_locations(0.15, &fz);
    build_paths((uint32_t)np, (uint32_t)depth, 0.08, &fz);
    zipf_t pz;
    zipf_init(&pz, (uint32_t)np, 1.1);
    /* leaf functions: allocators/memmove-like, drawn from their own zipf */
    zipf_t lz;
    zipf_init(&lz, (uint32_t)nf, 1.3);
    number_locations(&pz, &lz);

    out_open(&out, outpath, raw, (int)level);

    /* header fields */
    for (long i = 0; i < ntypes; i++)
        put_value_type(&stage, 1, st_type[i], st_unit[i]);

    /* samples, streamed */
    static const uint32_t sizes[] = {8, 16, 24, 32, 48, 64, 80, 96, 128, 160, 192, 256, 320,
                                     384, 512, 640, 768, 1024, 1536, 2048, 4096, 8192, 16384,
                                     32768, 65536, 262144};
    zipf_t sz;
    zipf_init(&sz, NELEM(sizes), 0.9);
    buf_t ids = {0}, vals = {0}, lab = {0}, rec = {0};
    uint32_t stack[4096];
    uint64_t total_frames = 0;
    long redraws = 0;
    if (unique)
        seen_init((size_t)nsamples);
    for (long s = 0; s < nsamples; s++) {
        const path_t *p = &paths[zipf_draw(&pz)];
        uint32_t len = p->len;
        /* trim a few leaf frames sometimes */
        if (len > 4 && rng_chance(0.3))
            len -= 1 + rng_below(3);
        memcpy(stack, p->loc, sizeof(uint32_t) * len);
        /* a few extra leaf frames sometimes */
        if (rng_chance(0.5)) {
            uint32_t extra = 1 + rng_below(3);
            for (uint32_t e = 0; e < extra && len < 4096; e++) {
                uint32_t f = zipf_draw(&lz);
                if (f < 3)
                    f = 3 + rng_below((uint32_t)nf - 3);
                stack[len++] = loc_of(f);
            }
        } else if (len > 1 && rng_chance(0.3)) {
            /* different call site in the leaf function */
            stack[len - 1] = (stack[len - 1] / nlocs_per) * nlocs_per + rng_below(nlocs_per);
        }
        total_frames += len;

        ids.len = 0;
        for (uint32_t k = len; k-- > 0;) /* leaf first */
            put_varint(&ids, (uint64_t)loc_id[stack[k]] + 1);

        vals.len = 0;
        uint32_t size = sizes[zipf_draw(&sz)];
        if (cpu) {
            uint64_t cnt = 1 + (rng_chance(0.2) ? rng_below(4) : 0);
            put_varint(&vals, cnt);
            put_varint(&vals, cnt * (uint64_t)period);
        } else {
            uint64_t objs = 1 + (rng_chance(0.4) ? rng_below(64) : 0);
            uint64_t inuse = rng_chance(0.35) ? 1 + rng_below((uint32_t)objs) : 0;
            uint64_t v[4] = {objs, objs * size, inuse, inuse * size};
            for (long i = 0; i < ntypes; i++)
                put_varint(&vals, v[i]);
        }

        rec.len = 0;
        put_tag(&rec, 1, WT_LEN);
        put_varint(&rec, ids.len);
        put_bytes(&rec, ids.p, ids.len);
        put_tag(&rec, 2, WT_LEN);
        put_varint(&rec, vals.len);
        put_bytes(&rec, vals.p, vals.len);
        size_t labels_at = rec.len;
        if (nlabels > 0) {
            lab.len = 0;
            put_int_field(&lab, 1, lk_bytes);
            put_int_field(&lab, 3, size);
            put_int_field(&lab, 4, lu_bytes);
            put_len_field(&rec, 3, lab.p, lab.len);
            for (long k = 0; k < nlabels - 1; k++) {
                lab.len = 0;
                put_int_field(&lab, 1, lk[k]);
                put_int_field(&lab, 2, lv[k][rng_below(nlv[k])]);
                put_len_field(&rec, 3, lab.p, lab.len);
            }
        }
        if (unique && !first_time(ids.p, ids.len, rec.p + labels_at, rec.len - labels_at)) {
            if (++redraws > 100000)
                die("-unique: too few distinct stacks for -n (raise -p or -d)");
            s--; /* drawn again */
            continue;
        }
        redraws = 0;
        put_len_field(&stage, 2, rec.p, rec.len);
        stage_flush(0);
    }

    write_tables();
    put_int_field(&stage, 9, 1700000000000000000LL + (int64_t)(seed % 1000) * 1000000000LL);
    put_int_field(&stage, 10, 30000000000LL);
    put_value_type(&stage, 11, pt_type, pt_unit);
    put_int_field(&stage, 12, period);
    stage_flush(1);
    out_close(&out);

    clock_gettime(CLOCK_MONOTONIC, &t1);
    if (!quiet) {
        double secs = (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
        fprintf(stderr,
                "genprof: %ld samples, mean depth %.1f, %ld functions, %ld locations, "
                "%ld paths, %u strings; %.1f MB protobuf -> %s in %.2f s\n",
                nsamples, nsamples ? (double)total_frames / (double)nsamples : 0.0, nf,
                nf * nlp, np, st.n, (double)out.raw_bytes / 1e6, outpath, secs);
    }
    free(ids.p);
    free(vals.p);
    free(lab.p);
    free(rec.p);
    free(stage.p);
    return 0;
}
