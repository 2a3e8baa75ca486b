/* pview end-to-end fixture: the shared library of sorter (libsortlib.so): a comparator that
 * qsort_r calls back, and a checksum loop. */
#include <stdint.h>

static inline int digit_sum(long x)
{
    int s = 0;
    for (x = x < 0 ? -x : x; x; x /= 10)
        s += (int)(x % 10);
    return s;
}

int lib_cmp(const void *a, const void *b, void *arg)
{
    long x = *(const long *)a, y = *(const long *)b;
    int mod = *(const int *)arg;
    int dx = digit_sum(x) % mod, dy = digit_sum(y) % mod;
    if (dx != dy)
        return dx < dy ? -1 : 1;
    return x < y ? -1 : x > y;
}

uint64_t lib_checksum(const long *v, int n, int rounds)
{
    uint64_t h = 1469598103934665603u;
    for (int r = 0; r < rounds; r++)
        for (int i = 0; i < n; i++)
            h = (h ^ (uint64_t)v[i]) * 1099511628211u;
    return h;
}
