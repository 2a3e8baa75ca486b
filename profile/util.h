/* Small pieces shared by the loaders (load.c, legacy.c): growing arrays and a map from
 * 64-bit ids (or addresses) to dense indices. Internal to profile/. */
#ifndef PVIEW_PROFILE_UTIL_H
#define PVIEW_PROFILE_UTIL_H

#include <stddef.h>
#include <stdint.h>

#include "profile/model.h"

/* Grows *arr (of elem-sized items, capacity *cap) to hold need items, doubling. 0 or -1. */
int pv_grow(void **arr, size_t *cap, size_t need, size_t elem);

/* Asks for transparent huge pages on a large array that is about to be filled. */
void pv_hint_huge(void *p, size_t len);

/* A 64-bit mix keyed per process: values from a file cannot be chosen to collide. */
uint64_t pv_mix64(uint64_t x);

/* id -> dense index. Ids below a bound (about twice the expected count) go to a direct
 * array; the others to an open-addressing table. Id 0 is only ever in the direct array. */
typedef struct {
    uint32_t *direct;
    size_t ndirect;
    uint64_t *keys; /* 0 = empty slot */
    uint32_t *vals;
    size_t nslots, count;
} pv_idmap;

int pv_idmap_init(pv_idmap *m, size_t expected); /* 0, or -1 on allocation failure */
void pv_idmap_free(pv_idmap *m);
/* The index of id, or PV_NONE. */
uint32_t pv_idmap_get(const pv_idmap *m, uint64_t id);
/* 1 if inserted, 0 if id was already there (its index unchanged), -1 on allocation failure. */
int pv_idmap_put(pv_idmap *m, uint64_t id, uint32_t val);

#endif
