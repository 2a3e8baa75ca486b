/* Growing arrays and the id map shared by the loaders. */
#include "profile/util.h"

#include <pthread.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/random.h>
#include <time.h>
#include <unistd.h>

/* Large arrays are touched once, page by page: ask for transparent huge pages so that
 * filling 100s of MB costs a few hundred page faults instead of tens of thousands. */
void pv_hint_huge(void *p, size_t len)
{
    if (!p || len < (8u << 20))
        return;
    uintptr_t a = ((uintptr_t)p + 4095) & ~(uintptr_t)4095;
    uintptr_t e = ((uintptr_t)p + len) & ~(uintptr_t)4095;
    if (e > a)
        madvise((void *)a, e - a, MADV_HUGEPAGE);
}

void *pv_calloc_written(size_t n, size_t size)
{
    if (size && n > SIZE_MAX / size)
        return NULL;
    size_t bytes = n * size;
    void *p = malloc(bytes > 0 ? bytes : 1);
    if (p)
        memset(p, 0, bytes);
    return p;
}

int pv_grow(void **arr, size_t *cap, size_t need, size_t elem)
{
    if (need <= *cap)
        return 0;
    size_t nc = *cap ? *cap : 16;
    while (nc < need)
        nc *= 2;
    void *n = realloc(*arr, nc * elem);
    if (!n)
        return -1;
    pv_hint_huge(n, nc * elem);
    *arr = n;
    *cap = nc;
    return 0;
}

/* Ids come from the file: a per-process key keeps crafted ids from piling into one slot. */
static uint64_t hash_key;

static void init_hash_key(void)
{
    if (hash_key)
        return;
    uint64_t k = 0;
    if (getrandom(&k, sizeof k, GRND_NONBLOCK) != (ssize_t)sizeof k) {
        struct timespec ts;
        clock_gettime(CLOCK_MONOTONIC, &ts);
        k = (uint64_t)ts.tv_nsec * 0x9E3779B97F4A7C15ull ^ (uint64_t)getpid() << 32 ^ (uintptr_t)&k;
    }
    hash_key = k | 1;
}

int pv_idmap_init(pv_idmap *m, size_t expected)
{
    init_hash_key();
    memset(m, 0, sizeof *m);
    m->ndirect = expected * 2 + 16;
    m->direct = malloc(m->ndirect * sizeof *m->direct);
    if (!m->direct)
        return -1;
    memset(m->direct, 0xff, m->ndirect * sizeof *m->direct);
    return 0;
}

void pv_idmap_free(pv_idmap *m)
{
    free(m->direct);
    free(m->keys);
    free(m->vals);
    memset(m, 0, sizeof *m);
}


uint64_t pv_mix64(uint64_t x)
{
    x ^= hash_key;
    x ^= x >> 33;
    x *= 0xff51afd7ed558ccdull;
    x ^= x >> 33;
    return x;
}

uint32_t pv_idmap_get(const pv_idmap *m, uint64_t id)
{
    if (id < m->ndirect)
        return m->direct[id];
    if (!m->nslots)
        return PV_NONE;
    size_t j = pv_mix64(id) & (m->nslots - 1);
    while (m->keys[j]) {
        if (m->keys[j] == id)
            return m->vals[j];
        j = (j + 1) & (m->nslots - 1);
    }
    return PV_NONE;
}

/* Returns 1 if inserted, 0 if the id was already there, -1 on allocation failure. */
int pv_idmap_put(pv_idmap *m, uint64_t id, uint32_t val)
{
    if (id < m->ndirect) {
        if (m->direct[id] != PV_NONE)
            return 0;
        m->direct[id] = val;
        return 1;
    }
    if ((m->count + 1) * 2 > m->nslots) {
        size_t n = m->nslots ? m->nslots * 2 : 64;
        uint64_t *nk = pv_calloc_written(n, sizeof *nk);
        uint32_t *nv = malloc(n * sizeof *nv);
        if (!nk || !nv) {
            free(nk);
            free(nv);
            return -1;
        }
        for (size_t i = 0; i < m->nslots; i++) {
            if (!m->keys[i])
                continue;
            size_t j = pv_mix64(m->keys[i]) & (n - 1);
            while (nk[j])
                j = (j + 1) & (n - 1);
            nk[j] = m->keys[i];
            nv[j] = m->vals[i];
        }
        free(m->keys);
        free(m->vals);
        m->keys = nk;
        m->vals = nv;
        m->nslots = n;
    }
    size_t j = pv_mix64(id) & (m->nslots - 1);
    while (m->keys[j]) {
        if (m->keys[j] == id)
            return 0;
        j = (j + 1) & (m->nslots - 1);
    }
    m->keys[j] = id;
    m->vals[j] = val;
    m->count++;
    return 1;
}

/* ---------- report helpers ---------- */
/* ---------- small helpers ---------- */

char *pv_asprintf(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char *s = NULL;
    if (vasprintf(&s, fmt, ap) < 0)
        s = NULL;
    va_end(ap);
    return s;
}

/* Go's int64(f) on amd64: out of range or NaN gives math.MinInt64 (C leaves it undefined). */
int64_t pv_go_int64(double f)
{
    if (!(f >= -9223372036854775808.0 && f < 9223372036854775808.0))
        return INT64_MIN;
    return (int64_t)f;
}

/* Go's filepath.Base. Writes into out. */
const char *pv_path_base(const char *p, char *out, size_t len)
{
    size_t n = strlen(p);
    if (n == 0) {
        snprintf(out, len, ".");
        return out;
    }
    while (n > 0 && p[n - 1] == '/')
        n--;
    if (n == 0) {
        snprintf(out, len, "/");
        return out;
    }
    size_t s = n;
    while (s > 0 && p[s - 1] != '/')
        s--;
    snprintf(out, len, "%.*s", (int)(n - s), p + s);
    return out;
}

/* Go's filepath.Clean (Unix). Returns a malloc'd string. */
char *pv_path_clean(const char *p)
{
    size_t n = strlen(p);
    if (n == 0)
        return strdup(".");
    char *out = malloc(n + 2);
    if (!out)
        return NULL;
    bool rooted = p[0] == '/';
    size_t r = 0, w = 0, dotdot = 0;
    if (rooted) {
        out[w++] = '/';
        r = 1;
        dotdot = 1;
    }
    while (r < n) {
        if (p[r] == '/') {
            r++;
        } else if (p[r] == '.' && (r + 1 == n || p[r + 1] == '/')) {
            r++;
        } else if (p[r] == '.' && p[r + 1] == '.' && (r + 2 == n || p[r + 2] == '/')) {
            r += 2;
            if (w > dotdot) {
                w--;
                while (w > dotdot && out[w] != '/')
                    w--;
            } else if (!rooted) {
                if (w > 0)
                    out[w++] = '/';
                out[w++] = '.';
                out[w++] = '.';
                dotdot = w;
            }
        } else {
            if ((rooted && w != 1) || (!rooted && w != 0))
                out[w++] = '/';
            for (; r < n && p[r] != '/'; r++)
                out[w++] = p[r];
        }
    }
    if (w == 0)
        out[w++] = '.';
    out[w] = '\0';
    return out;
}

/* pprof's trimPath with no trim_path or source_path configured. */
const char *pv_trim_source_path(const char *p)
{
    static const char *const prefixes[] = {"/proc/self/cwd/./", "/proc/self/cwd/"};
    for (size_t i = 0; i < 2; i++) {
        size_t l = strlen(prefixes[i]);
        if (strncmp(p, prefixes[i], l) == 0)
            return p + l;
    }
    return p;
}

int64_t pv_div64(int64_t a, int64_t b)
{
    if (b == 0)
        return a;
    if (b == -1)
        return (int64_t)(0 - (uint64_t)a); /* INT64_MIN / -1 would trap */
    return a / b;
}

void pv_strv_add(char ***arr, size_t *n, char *s)
{
    if (!s)
        return;
    if ((*n & (*n - 1)) == 0) { /* 0, 1, 2, 4, ...: full */
        char **na = realloc(*arr, (*n ? *n * 2 : 1) * sizeof *na);
        if (!na) {
            free(s);
            return;
        }
        *arr = na;
    }
    (*arr)[(*n)++] = s;
}

void pv_strv_free(char **arr, size_t n)
{
    for (size_t i = 0; i < n; i++)
        free(arr[i]);
    free(arr);
}

/* pprof's simplifyFunc: the name up to its first '(' not part of "(anonymous namespace)" or
 * "operator()", with a leading '.' removed. */
char *pv_simplify_func(const char *f)
{
    if (*f == '.')
        f++;
    const char *p = f;
    for (;;) {
        const char *a = strstr(p, "(anonymous namespace)");
        const char *b = strstr(p, "operator()");
        const char *c = strchr(p, '(');
        if (!c)
            break;
        /* leftmost match among the alternatives, preferring the reserved names at equal positions */
        if (a && a <= c && (!b || a <= b)) {
            p = a + strlen("(anonymous namespace)");
            continue;
        }
        if (b && b <= c) {
            p = b + strlen("operator()");
            continue;
        }
        return strndup(f, (size_t)(c - f));
    }
    return strdup(f);
}

bool pv_parallel_worth(size_t n, size_t threshold)
{
    const char *pm = getenv("PVIEW_PARALLEL_MIN");
    if (pm && *pm)
        threshold = (size_t)strtoull(pm, NULL, 10);
    return n >= 2 && n >= threshold;
}

void pv_run_two(void *(*fn)(void *), void *first, void *second)
{
    pthread_t th;
    bool threaded = pthread_create(&th, NULL, fn, second) == 0;
    fn(first);
    if (threaded)
        pthread_join(th, NULL);
    else
        fn(second);
}

uint32_t pv_index_intern(pv_index *ix, const pv_index_kind *kind, void **base, size_t *n, size_t *cap, const void *key)
{
    if ((*n + 1) * 2 > ix->nslots) {
        size_t ns = ix->nslots ? ix->nslots * 2 : 1024;
        uint32_t *sl = malloc(ns * sizeof *sl);
        if (!sl)
            return UINT32_MAX;
        memset(sl, 0xff, ns * sizeof *sl);
        for (size_t i = 0; i < *n; i++) {
            size_t j = kind->hash((const char *)*base + i * kind->size) & (ns - 1);
            while (sl[j] != UINT32_MAX)
                j = (j + 1) & (ns - 1);
            sl[j] = (uint32_t)i;
        }
        free(ix->slots);
        ix->slots = sl;
        ix->nslots = ns;
    }
    size_t j = kind->hash(key) & (ix->nslots - 1);
    while (ix->slots[j] != UINT32_MAX) {
        if (kind->eq((const char *)*base + ix->slots[j] * kind->size, key))
            return ix->slots[j];
        j = (j + 1) & (ix->nslots - 1);
    }
    if (*n >= UINT32_MAX - 1 || pv_grow(base, cap, *n + 1, kind->size) != 0)
        return UINT32_MAX;
    memcpy((char *)*base + *n * kind->size, key, kind->size);
    ix->slots[j] = (uint32_t)*n;
    return (uint32_t)(*n)++;
}

void pv_index_free(pv_index *ix)
{
    free(ix->slots);
    ix->slots = NULL;
    ix->nslots = 0;
}
