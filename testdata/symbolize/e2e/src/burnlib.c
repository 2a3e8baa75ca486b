/* pview end-to-end fixture: the shared library (built -shared -fPIC, libburn.so) that dlmain
 * calls through the dynamic linker. Its loops use static inline helpers that gcc -O2 inlines. */
#include <stdint.h>

static inline uint64_t fmix(uint64_t k)
{
    k ^= k >> 33;
    k *= 0xff51afd7ed558ccdull;
    k ^= k >> 33;
    k *= 0xc4ceb9fe1a85ec53ull;
    k ^= k >> 33;
    return k;
}

static inline uint64_t combine(uint64_t h, uint64_t v)
{
    return fmix(h ^ (v + 0x9e3779b97f4a7c15ull + (h << 6) + (h >> 2)));
}

static inline int popcount_slow(uint64_t x)
{
    int c = 0;
    while (x) {
        x &= x - 1;
        c++;
    }
    return c;
}

__attribute__((noinline)) uint64_t lib_hash(uint64_t seed, int n)
{
    uint64_t h = seed;
    for (int i = 0; i < n; i++)
        h = combine(h, (uint64_t)i);
    return h;
}

__attribute__((noinline)) int lib_bits(uint64_t seed, int n)
{
    int total = 0;
    for (int i = 0; i < n; i++)
        total += popcount_slow(seed * (uint64_t)(i + 1));
    return total;
}
