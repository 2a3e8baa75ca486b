/* Growing arrays and the id map shared by the loaders. */
#include "profile/util.h"

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
        uint64_t *nk = calloc(n, sizeof *nk);
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
