/* pview end-to-end fixture: a PIE executable that calls into libc (random, qsort_r) and into
 * its own shared library (libsortlib.so, whose comparator qsort_r calls back). sort_phase is
 * always called with the same mod, so gcc clones it as sort_phase.constprop.0. Burns ~1.5 s. */
#define _GNU_SOURCE /* qsort_r */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

int lib_cmp(const void *a, const void *b, void *arg);
uint64_t lib_checksum(const long *v, int n, int rounds);

static __attribute__((noinline)) void fill(long *v, int n)
{
    for (int i = 0; i < n; i++)
        v[i] = random() % 1000000;
}

static __attribute__((noinline)) void sort_phase(long *v, int n, int mod)
{
    for (int r = 0; r < 4; r++) {
        fill(v, n);
        qsort_r(v, (size_t)n, sizeof *v, lib_cmp, &mod);
    }
}

int main(int argc, char **argv)
{
    int n = argc > 1 ? atoi(argv[1]) : 300000;
    long *v = malloc((size_t)n * sizeof *v);
    if (!v)
        return 1;
    srandom(42);
    uint64_t h = 0;
    for (int k = 0; k < 3; k++) {
        sort_phase(v, n, 7);
        h ^= lib_checksum(v, n, 40);
    }
    printf("%llu\n", (unsigned long long)h);
    free(v);
    return 0;
}
