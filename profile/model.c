/* String interning and model lifetime. */
#include "profile/model.h"

#include <stdlib.h>
#include <string.h>

/* the arena's chunks grow from FIRST_CHUNK to CHUNK_SIZE bytes, doubling: a model of a few
 * strings (a derived model, a test's profile) does not take a megabyte */
#define FIRST_CHUNK (16u << 10)
#define CHUNK_SIZE (1u << 20)

struct pv_strtab {
    /* strings[id] points into a chunk; lens[id] is its length in bytes */
    const char **strings;
    uint32_t *lens;
    size_t count, cap;
    /* open-addressing hash of ids; 0 marks an empty slot (id 0 is "" and is never hashed) */
    uint32_t *slots;
    size_t nslots;
    /* chunk arena for the bytes */
    char **chunks;
    size_t nchunks;
    size_t chunk_used, chunk_cap;
};

static uint64_t hash_bytes(const char *s, size_t len)
{
    uint64_t h = 1469598103934665603ull; /* FNV-1a, then a final mix */
    for (size_t i = 0; i < len; i++) {
        h ^= (unsigned char)s[i];
        h *= 1099511628211ull;
    }
    h ^= h >> 29;
    h *= 0xbf58476d1ce4e5b9ull;
    h ^= h >> 32;
    return h;
}

static pv_strtab *strtab_new(void)
{
    pv_strtab *t = calloc(1, sizeof *t);
    if (!t)
        return NULL;
    t->cap = 1024;
    t->strings = malloc(t->cap * sizeof *t->strings);
    t->lens = malloc(t->cap * sizeof *t->lens);
    t->nslots = 2048;
    t->slots = calloc(t->nslots, sizeof *t->slots);
    if (!t->strings || !t->lens || !t->slots) {
        free(t->strings);
        free(t->lens);
        free(t->slots);
        free(t);
        return NULL;
    }
    t->strings[0] = "";
    t->lens[0] = 0;
    t->count = 1;
    return t;
}

static char *arena_copy(pv_strtab *t, const char *s, size_t len)
{
    if (t->chunk_used + len + 1 > t->chunk_cap) {
        size_t want = t->chunk_cap < FIRST_CHUNK / 2 ? FIRST_CHUNK : t->chunk_cap * 2;
        if (want > CHUNK_SIZE)
            want = CHUNK_SIZE;
        if (want < len + 1)
            want = len + 1;
        char **nc = realloc(t->chunks, (t->nchunks + 1) * sizeof *nc);
        if (!nc)
            return NULL;
        t->chunks = nc;
        char *c = malloc(want);
        if (!c)
            return NULL;
        t->chunks[t->nchunks++] = c;
        t->chunk_used = 0;
        t->chunk_cap = want;
    }
    char *dst = t->chunks[t->nchunks - 1] + t->chunk_used;
    memcpy(dst, s, len);
    dst[len] = '\0';
    t->chunk_used += len + 1;
    return dst;
}

static int grow_slots(pv_strtab *t)
{
    size_t n = t->nslots * 2;
    uint32_t *ns = calloc(n, sizeof *ns);
    if (!ns)
        return -1;
    for (size_t i = 0; i < t->nslots; i++) {
        uint32_t id = t->slots[i];
        if (!id)
            continue;
        size_t j = hash_bytes(t->strings[id], t->lens[id]) & (n - 1);
        while (ns[j])
            j = (j + 1) & (n - 1);
        ns[j] = id;
    }
    free(t->slots);
    t->slots = ns;
    t->nslots = n;
    return 0;
}

static pv_strid strtab_intern(pv_strtab *t, const char *s, size_t len)
{
    if (len == 0)
        return 0;
    if (len > UINT32_MAX)
        return PV_NONE;
    size_t mask = t->nslots - 1;
    size_t j = hash_bytes(s, len) & mask;
    for (;;) {
        uint32_t id = t->slots[j];
        if (!id)
            break;
        if (t->lens[id] == len && memcmp(t->strings[id], s, len) == 0)
            return id;
        j = (j + 1) & mask;
    }
    if (t->count >= UINT32_MAX - 1)
        return PV_NONE;
    if (t->count == t->cap) {
        size_t nc = t->cap * 2;
        const char **ns = realloc(t->strings, nc * sizeof *ns);
        if (!ns)
            return PV_NONE;
        t->strings = ns;
        uint32_t *nl = realloc(t->lens, nc * sizeof *nl);
        if (!nl)
            return PV_NONE;
        t->lens = nl;
        t->cap = nc;
    }
    char *copy = arena_copy(t, s, len);
    if (!copy)
        return PV_NONE;
    uint32_t id = (uint32_t)t->count++;
    t->strings[id] = copy;
    t->lens[id] = (uint32_t)len;
    t->slots[j] = id;
    if (t->count * 2 > t->nslots && grow_slots(t) != 0)
        return PV_NONE;
    return id;
}

const char *pv_str(const pv_model *m, pv_strid id)
{
    if (!m->strtab || id >= m->strtab->count)
        return "";
    return m->strtab->strings[id];
}

pv_strid pv_intern(pv_model *m, const char *s, size_t len)
{
    if (!m->strtab) {
        m->strtab = strtab_new();
        if (!m->strtab)
            return PV_NONE;
    }
    return strtab_intern(m->strtab, s, len);
}

size_t pv_nstrings(const pv_model *m)
{
    return m->strtab ? m->strtab->count : 1;
}

int pv_model_set_main_binary(pv_model *m, const char *path)
{
    pv_strid file = pv_intern(m, path, strlen(path));
    if (file == PV_NONE)
        return -1;
    if (pv_model_fake_mapping(m) != 0)
        return -1;
    m->mappings[0].file = file;
    return 0;
}

int pv_model_fake_mapping(pv_model *m)
{
    if (m->nmappings > 0)
        return 0;
    pv_mapping *mp = calloc(1, sizeof *mp);
    if (!mp)
        return -1;
    free(m->mappings);
    m->mappings = mp;
    m->nmappings = 1;
    mp->id = 1;
    for (size_t i = 0; i < m->nlocations; i++)
        m->locations[i].mapping = 0;
    return 0;
}

static void strtab_free(pv_strtab *t)
{
    if (!t)
        return;
    for (size_t i = 0; i < t->nchunks; i++)
        free(t->chunks[i]);
    free(t->chunks);
    free(t->strings);
    free(t->lens);
    free(t->slots);
    free(t);
}

/* A copy of t in which every string keeps its id: the same hash slots, the bytes in one chunk. */
static pv_strtab *strtab_copy(const pv_strtab *t)
{
    if (!t)
        return strtab_new();
    size_t bytes = 0;
    for (size_t i = 1; i < t->count; i++)
        bytes += (size_t)t->lens[i] + 1;
    pv_strtab *c = calloc(1, sizeof *c);
    if (!c)
        return NULL;
    c->count = t->count;
    c->cap = t->cap;
    c->nslots = t->nslots;
    c->strings = malloc(c->cap * sizeof *c->strings);
    c->lens = malloc(c->cap * sizeof *c->lens);
    c->slots = malloc(c->nslots * sizeof *c->slots);
    c->chunks = malloc(sizeof *c->chunks);
    char *chunk = malloc(bytes ? bytes : 1);
    if (!c->strings || !c->lens || !c->slots || !c->chunks || !chunk) {
        free(chunk);
        strtab_free(c);
        return NULL;
    }
    c->chunks[0] = chunk;
    c->nchunks = 1;
    c->chunk_used = c->chunk_cap = bytes;
    memcpy(c->lens, t->lens, t->count * sizeof *c->lens);
    memcpy(c->slots, t->slots, t->nslots * sizeof *c->slots);
    c->strings[0] = "";
    for (size_t i = 1; i < t->count; i++) {
        memcpy(chunk, t->strings[i], (size_t)t->lens[i] + 1);
        c->strings[i] = chunk;
        chunk += (size_t)t->lens[i] + 1;
    }
    return c;
}

static void *dup_array(const void *a, size_t n, size_t elem)
{
    void *r = malloc(n ? n * elem : 1);
    if (r && n)
        memcpy(r, a, n * elem);
    return r;
}

pv_model *pv_model_derive(const pv_model *base)
{
    pv_model *d = malloc(sizeof *d);
    if (!d)
        return NULL;
    *d = *base;
    d->base = base;
    d->strtab = strtab_copy(base->strtab);
    d->functions = dup_array(base->functions, base->nfunctions, sizeof *d->functions);
    d->locations = dup_array(base->locations, base->nlocations, sizeof *d->locations);
    d->lines = dup_array(base->lines, base->nlines, sizeof *d->lines);
    d->stack_off = NULL;
    d->stack = NULL;
    d->loaded_stack_off = NULL;
    d->loaded_stack = NULL;
    if (!d->strtab || !d->functions || !d->locations || !d->lines) {
        pv_model_free(d);
        return NULL;
    }
    return d;
}

void pv_model_free(pv_model *m)
{
    if (!m)
        return;
    strtab_free(m->strtab);
    free(m->functions);
    free(m->locations);
    free(m->lines);
    free(m->stack_off);
    free(m->stack);
    free(m->loaded_stack_off);
    free(m->loaded_stack);
    if (m->base) {
        free(m);
        return;
    }
    for (size_t i = 0; i < m->nsources; i++)
        free(m->sources[i]);
    free(m->sources);
    free(m->sample_types);
    free(m->comments);
    free(m->mappings);
    free(m->values);
    free(m->label_off);
    free(m->labels);
    free(m);
}
