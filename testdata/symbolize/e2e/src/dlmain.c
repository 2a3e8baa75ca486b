/* pview end-to-end fixture: a PIE executable that spends most of its time in libburn.so (its
 * own shared library, linked with -lburn and found by the dynamic linker through
 * RPATH=$ORIGIN) and some in an inlined loop of its own. Burns ~1.5 s of CPU. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

uint64_t lib_hash(uint64_t seed, int n);
int lib_bits(uint64_t seed, int n);

static inline uint32_t collatz_len(uint64_t x)
{
    uint32_t len = 0;
    while (x != 1) {
        x = x & 1 ? 3 * x + 1 : x / 2;
        len++;
    }
    return len;
}

__attribute__((noinline)) uint32_t local_work(uint64_t start, int n)
{
    uint32_t best = 0;
    for (int i = 0; i < n; i++) {
        uint32_t l = collatz_len(start + (uint64_t)i);
        if (l > best)
            best = l;
    }
    return best;
}

int main(int argc, char **argv)
{
    int rounds = argc > 1 ? atoi(argv[1]) : 1000;
    uint64_t h = 1;
    long bits = 0;
    uint32_t best = 0;
    for (int r = 0; r < rounds; r++) {
        h = lib_hash(h, 100000);
        bits += lib_bits(h, 50000);
        best ^= local_work(1000 + (uint64_t)r * 997, 2000);
    }
    printf("%llx %ld %u\n", (unsigned long long)h, bits, best);
    return 0;
}
