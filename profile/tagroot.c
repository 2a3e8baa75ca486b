/* pprof's tagroot/tagleaf: label values as pseudo frames at the root or leaf of each stack. */
#include "profile/tagroot.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "profile/measure.h"
#include "profile/util.h"

/* "k1,,k2" -> interned ids of the non-empty names, in order */
static int split_keys(pv_model *d, const char *spec, pv_strid **keys, size_t *n)
{
    *keys = NULL;
    *n = 0;
    if (!spec)
        return 0;
    size_t cap = 1;
    for (const char *p = spec; *p; p++)
        cap += *p == ',';
    *keys = malloc(cap * sizeof **keys);
    if (!*keys)
        return -1;
    for (const char *p = spec;;) {
        const char *e = strchr(p, ',');
        size_t len = e ? (size_t)(e - p) : strlen(p);
        if (len) {
            pv_strid id = pv_intern(d, p, len);
            if (id == PV_NONE)
                return -1;
            (*keys)[(*n)++] = id;
        }
        if (!e)
            break;
        p = e + 1;
    }
    return 0;
}

/* formatted single numbers, by (number, unit): most samples share a few values */
typedef struct {
    int64_t num;
    pv_strid unit; /* the label's unit + 1, 0 for a number formatted without units */
    pv_strid name; /* PV_NONE: empty slot */
} num_slot;
#define NUM_CACHE 1024

/* the pseudo locations made so far, by (name, key) */
typedef struct {
    pv_model *d;
    uint64_t *slot_key; /* (name << 32 | key) + 1, 0 for an empty slot */
    uint32_t *slot_loc;
    size_t nslots, count;
    size_t cap_fn, cap_loc, cap_line;
    uint64_t next_fn_id, next_loc_id;
    const char *unit;  /* -unit, for numeric labels with units */
    num_slot *cache;   /* NUM_CACHE formatted numbers */
} frames;

static int frames_grow(frames *f)
{
    size_t n = f->nslots ? f->nslots * 2 : 64;
    uint64_t *k = calloc(n, sizeof *k);
    uint32_t *l = malloc(n * sizeof *l);
    if (!k || !l) {
        free(k);
        free(l);
        return -1;
    }
    for (size_t i = 0; i < f->nslots; i++) {
        if (!f->slot_key[i])
            continue;
        size_t j = pv_mix64(f->slot_key[i]) & (n - 1);
        while (k[j])
            j = (j + 1) & (n - 1);
        k[j] = f->slot_key[i];
        l[j] = f->slot_loc[i];
    }
    free(f->slot_key);
    free(f->slot_loc);
    f->slot_key = k;
    f->slot_loc = l;
    f->nslots = n;
    return 0;
}

/* The location of the pseudo frame (name, key), made on first use; PV_NONE on failure. */
static uint32_t frame_loc(frames *f, pv_strid name, pv_strid key)
{
    if ((f->count + 1) * 2 > f->nslots && frames_grow(f) != 0)
        return PV_NONE;
    uint64_t hk = ((uint64_t)name << 32 | key) + 1;
    size_t j = pv_mix64(hk) & (f->nslots - 1);
    while (f->slot_key[j]) {
        if (f->slot_key[j] == hk)
            return f->slot_loc[j];
        j = (j + 1) & (f->nslots - 1);
    }
    pv_model *d = f->d;
    if (d->nlocations >= UINT32_MAX - 1 || d->nfunctions >= UINT32_MAX - 1 || d->nlines >= UINT32_MAX - 1)
        return PV_NONE;
    if (pv_grow((void **)&d->functions, &f->cap_fn, d->nfunctions + 1, sizeof *d->functions) != 0 ||
        pv_grow((void **)&d->locations, &f->cap_loc, d->nlocations + 1, sizeof *d->locations) != 0 ||
        pv_grow((void **)&d->lines, &f->cap_line, d->nlines + 1, sizeof *d->lines) != 0)
        return PV_NONE;
    pv_function *fn = &d->functions[d->nfunctions];
    memset(fn, 0, sizeof *fn);
    fn->id = f->next_fn_id++;
    fn->name = name;
    fn->filename = key;
    pv_line *ln = &d->lines[d->nlines];
    ln->function = (uint32_t)d->nfunctions++;
    ln->line = 0;
    pv_location *loc = &d->locations[d->nlocations];
    memset(loc, 0, sizeof *loc);
    loc->id = f->next_loc_id++;
    loc->mapping = PV_NONE;
    loc->line_start = (uint32_t)d->nlines++;
    loc->line_count = 1;
    uint32_t li = (uint32_t)d->nlocations++;
    f->slot_key[j] = hk;
    f->slot_loc[j] = li;
    f->count++;
    return li;
}

/* The frame name of sample s for key: its string values, then its numbers (pprof's
 * formatLabelValues), joined with ","; *matched when there is at least one. */
static pv_strid label_name(pv_model *d, size_t s, pv_strid key, const char *unit, num_slot *cache, char **buf,
                           size_t *cap, bool *matched)
{
    const pv_label *labs = d->labels + d->label_off[s];
    size_t nl = d->label_off[s + 1] - d->label_off[s];
    size_t len = 0, nvals = 0;
    bool units = false;
    const pv_label *one = NULL;
    for (size_t i = 0; i < nl; i++) {
        if (labs[i].key != key)
            continue;
        one = nvals++ ? NULL : &labs[i];
        if (!labs[i].str && labs[i].num_unit)
            units = true;
    }
    if (!nvals)
        return 0;
    *matched = true;
    if (one && one->str)
        return one->str; /* the derived model's strings keep their ids */
    num_slot *slot = NULL;
    if (one) {
        pv_strid u = units ? one->num_unit + 1 : 0;
        slot = &cache[pv_mix64((uint64_t)one->num ^ (uint64_t)u << 40) & (NUM_CACHE - 1)];
        if (slot->name != PV_NONE && slot->num == one->num && slot->unit == u)
            return slot->name;
        slot->num = one->num;
        slot->unit = u;
        slot->name = PV_NONE;
    }
    nvals = 0;
    for (int pass = 0; pass < 2; pass++)
        for (size_t i = 0; i < nl; i++) {
            const pv_label *l = &labs[i];
            if (l->key != key || (pass == 0) != (l->str != 0))
                continue;
            char num[96];
            const char *v = num;
            if (pass == 0)
                v = pv_str(d, l->str);
            else if (units)
                pv_scaled_label(num, sizeof num, l->num, pv_str(d, l->num_unit), unit);
            else
                pv_scaled_label(num, sizeof num, l->num, "", "");
            size_t vl = strlen(v);
            if (pv_grow((void **)buf, cap, len + vl + 2, 1) != 0)
                return PV_NONE;
            if (nvals++)
                (*buf)[len++] = ',';
            memcpy(*buf + len, v, vl);
            len += vl;
        }
    pv_strid name = len ? pv_intern(d, *buf, len) : 0;
    if (slot)
        slot->name = name;
    return name;
}

static bool zero_sample(const pv_model *m, size_t s)
{
    for (size_t t = 0; t < m->ntypes; t++)
        if (m->values[s * m->ntypes + t] != 0)
            return false;
    return true;
}

/* Writes into out the frame locations of sample s for keys, last key first (leaf-first
 * order: the last key is nearest the leaf). Returns 0, or -1 on allocation failure. */
static int sample_frames(frames *f, size_t s, const pv_strid *keys, size_t nkeys, uint32_t *out, char **buf,
                         size_t *cap, bool *matched)
{
    for (size_t i = 0; i < nkeys; i++) {
        pv_strid k = keys[nkeys - 1 - i];
        pv_strid name = label_name(f->d, s, k, f->unit, f->cache, buf, cap, matched);
        if (name == PV_NONE || (out[i] = frame_loc(f, name, k)) == PV_NONE)
            return -1;
    }
    return 0;
}

/* New stacks: for each sample, its leaf frames, its own stack, its root frames. */
static int rewrite_stacks(frames *f, const uint64_t *off, const uint32_t *stk, const pv_strid *rk, size_t nrk,
                          const pv_strid *lk, size_t nlk, uint64_t **out_off, uint32_t **out_stk, bool *rootm,
                          bool *leafm)
{
    const pv_model *m = f->d;
    size_t ns = m->nsamples, add = nrk + nlk;
    uint64_t total = off[ns] + (uint64_t)ns * add;
    uint64_t *no = malloc((ns + 1) * sizeof *no);
    uint32_t *nst = malloc((total ? total : 1) * sizeof *nst);
    char *buf = NULL;
    size_t cap = 0;
    int rc = -1;
    if (!no || !nst)
        goto out;
    for (size_t s = 0; s <= ns; s++)
        no[s] = off[s] + (uint64_t)s * add;
    /* pprof holds no all-zero sample: frames first met in one come last, and it matches nothing */
    for (int pass = 0; pass < 2; pass++)
        for (size_t s = 0; s < ns; s++) {
            bool zero = zero_sample(m, s);
            if (zero != (pass == 1))
                continue;
            bool rm = false, lm = false;
            uint32_t *dst = nst + no[s];
            size_t depth = (size_t)(off[s + 1] - off[s]);
            /* pprof makes a sample's root frames before its leaf frames */
            if (sample_frames(f, s, rk, nrk, dst + nlk + depth, &buf, &cap, &rm) != 0 ||
                sample_frames(f, s, lk, nlk, dst, &buf, &cap, &lm) != 0)
                goto out;
            memcpy(dst + nlk, stk + off[s], depth * sizeof *dst);
            if (!zero) {
                *rootm = *rootm || rm;
                *leafm = *leafm || lm;
            }
        }
    *out_off = no;
    *out_stk = nst;
    no = NULL;
    nst = NULL;
    rc = 0;
out:
    free(no);
    free(nst);
    free(buf);
    return rc;
}

int pv_tagroot_apply(const pv_model *m, const char *tagroot, const char *tagleaf, const char *unit, pv_model **out,
                     char ***warnings, size_t *nwarnings)
{
    *out = NULL;
    bool has_root = tagroot && *tagroot, has_leaf = tagleaf && *tagleaf;
    if (!has_root && !has_leaf)
        return 0;
    pv_model *d = pv_model_derive(m);
    if (!d)
        return -1;
    pv_strid *rk = NULL, *lk = NULL;
    size_t nrk = 0, nlk = 0;
    frames f = {.d = d, .cap_fn = d->nfunctions, .cap_loc = d->nlocations, .cap_line = d->nlines, .unit = unit};
    int rc = -1;
    bool rootm = false, leafm = false;
    f.cache = malloc(NUM_CACHE * sizeof *f.cache);
    if (!f.cache)
        goto out;
    for (size_t i = 0; i < NUM_CACHE; i++)
        f.cache[i].name = PV_NONE;
    if (split_keys(d, tagroot, &rk, &nrk) != 0 || split_keys(d, tagleaf, &lk, &nlk) != 0)
        goto out;
    for (size_t i = 0; i < m->nfunctions; i++)
        if (m->functions[i].id >= f.next_fn_id)
            f.next_fn_id = m->functions[i].id;
    for (size_t i = 0; i < m->nlocations; i++)
        if (m->locations[i].id >= f.next_loc_id)
            f.next_loc_id = m->locations[i].id;
    f.next_fn_id++;
    f.next_loc_id++;
    if (m->loaded_stack) {
        /* the stacks before drop_frames first, so pseudo frames are made in pprof's order */
        bool r2 = false, l2 = false;
        if (rewrite_stacks(&f, m->loaded_stack_off, m->loaded_stack, rk, nrk, lk, nlk, &d->loaded_stack_off,
                           &d->loaded_stack, &r2, &l2) != 0)
            goto out;
    }
    if (rewrite_stacks(&f, m->stack_off, m->stack, rk, nrk, lk, nlk, &d->stack_off, &d->stack, &rootm, &leafm) != 0)
        goto out;
    if (has_root && !rootm)
        pv_strv_add(warnings, nwarnings, strdup("TagRoot expression matched no samples"));
    if (has_leaf && !leafm)
        pv_strv_add(warnings, nwarnings, strdup("TagLeaf expression matched no samples"));
    *out = d;
    d = NULL;
    rc = 0;
out:
    free(rk);
    free(lk);
    free(f.slot_key);
    free(f.slot_loc);
    free(f.cache);
    pv_model_free(d);
    return rc;
}
