/* pview end-to-end fixture for split DWARF (.dwo files and .dwp packages): two translation
 * units, each with static inline helpers the compiler inlines. Burns ~1 s of CPU. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

uint64_t mix_block(uint64_t *state, size_t n);
uint32_t count_bits(const uint64_t *words, size_t n);

static inline uint64_t step(uint64_t x)
{
    x ^= x >> 12;
    x ^= x << 25;
    return x ^ (x >> 27);
}

static inline void refill(uint64_t *words, size_t n, uint64_t *seed)
{
    for (size_t i = 0; i < n; i++) {
        *seed = step(*seed);
        words[i] = *seed * 2685821657736338717ull;
    }
}

int main(int argc, char **argv)
{
    int rounds = argc > 1 ? atoi(argv[1]) : 4000;
    size_t n = 1 << 12;
    uint64_t *words = malloc(n * sizeof *words);
    uint64_t seed = 88172645463325252ull, acc = 0;
    for (int r = 0; r < rounds; r++) {
        refill(words, n, &seed);
        acc ^= mix_block(words, n);
        acc += count_bits(words, n);
    }
    printf("%016llx\n", (unsigned long long)acc);
    free(words);
    return 0;
}
