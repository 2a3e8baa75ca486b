/* Small pieces shared by the loaders (load.c, legacy.c): growing arrays and a map from
 * 64-bit ids (or addresses) to dense indices. Internal to profile/. */
#ifndef PVIEW_PROFILE_UTIL_H
#define PVIEW_PROFILE_UTIL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "profile/model.h"

/* Grows *arr (of elem-sized items, capacity *cap) to hold need items, doubling. 0 or -1. */
int pv_grow(void **arr, size_t *cap, size_t need, size_t elem);

/* calloc() for a table probed at random before it is written (a hash table, counters added
 * to): its memory is written here. calloc leaves fresh memory untouched, and a page first
 * read maps the shared zero page; the write that follows replaces it, which flushes the TLB
 * of every core the process runs on (an interrupt to the other decoding thread). Written
 * first, a page costs one fault. NULL when memory ran out. */
void *pv_calloc_written(size_t n, size_t size);

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

/* ---- shared by the report code (selection, graph, products) ---- */

/* asprintf that returns NULL on failure. */
char *pv_asprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Go's int64 arithmetic wraps; C's signed overflow is undefined, so sums go through uint64. */
static inline int64_t pv_wadd(int64_t a, int64_t b)
{
    return (int64_t)((uint64_t)a + (uint64_t)b);
}

static inline int64_t pv_abs64(int64_t v)
{
    return v < 0 ? (int64_t)(0 - (uint64_t)v) : v;
}

/* Go's int64(f) on amd64: out of range or NaN gives math.MinInt64 (C leaves it undefined). */
int64_t pv_go_int64(double f);

/* a / b as pprof divides a mean: b == 0 gives a; INT64_MIN / -1 does not trap. */
int64_t pv_div64(int64_t a, int64_t b);

/* Go's filepath.Base, written into out (len bytes); returns out. */
const char *pv_path_base(const char *p, char *out, size_t len);

/* Go's filepath.Clean (Unix). Returns a malloc'd string, NULL on allocation failure. */
char *pv_path_clean(const char *p);

/* pprof's trimPath with no trim_path or source_path configured: drops /proc/self/cwd/. */
const char *pv_trim_source_path(const char *p);

/* Appends s (taken) to the string array *arr of *n items, growing it at powers of two.
 * s NULL (a failed allocation upstream) is ignored. */
void pv_strv_add(char ***arr, size_t *n, char *s);
void pv_strv_free(char **arr, size_t n);

/* pprof's simplifyFunc: the name up to its first '(' not part of "(anonymous namespace)" or
 * "operator()", with a leading '.' removed. malloc'd. */
char *pv_simplify_func(const char *f);

/* Whether n units of work (samples, nodes, bytes) are worth a second thread: n >= 2 and
 * n >= threshold, or n >= $PVIEW_PARALLEL_MIN when that is set (the tests set it low, so
 * that the two-thread paths run on small inputs). */
bool pv_parallel_worth(size_t n, size_t threshold);
/* Runs fn(second) on a thread of its own and fn(first) on this one, and returns when both
 * have; when no thread can be started, runs fn(second) here after fn(first). The two must
 * not write the same memory. */
void pv_run_two(void *(*fn)(void *), void *first, void *second);

/* An open-addressing index over the elements of a growing array, for interning: the element
 * equal to a key is found, or a copy of the key appended. The array is the caller's (*base,
 * *n elements of kind->size, capacity *cap); kind->hash and kind->eq see whole elements (the
 * key has the element's type) and look only at the fields that make the key. */
typedef struct {
    uint32_t *slots; /* element index, UINT32_MAX: empty */
    size_t nslots;
} pv_index;

typedef struct {
    size_t size;
    uint64_t (*hash)(const void *elem);
    bool (*eq)(const void *a, const void *b);
} pv_index_kind;

/* The index of the element equal to key, appended first when there is none; UINT32_MAX
 * when out of memory. */
uint32_t pv_index_intern(pv_index *ix, const pv_index_kind *kind, void **base, size_t *n, size_t *cap, const void *key);
void pv_index_free(pv_index *ix);

#endif
