/* The second translation unit of the split DWARF fixture (see splitmain.c). */
#include <stddef.h>
#include <stdint.h>

static inline uint64_t rotl(uint64_t x, int k)
{
    return (x << k) | (x >> (64 - k));
}

static inline uint64_t mix(uint64_t a, uint64_t b)
{
    a ^= rotl(b, 17) * 0x9e3779b97f4a7c15ull;
    return rotl(a, 31) + b;
}

static inline uint32_t popcount64(uint64_t x)
{
    uint32_t c = 0;
    while (x) {
        x &= x - 1;
        c++;
    }
    return c;
}

__attribute__((noinline)) uint64_t mix_block(uint64_t *state, size_t n)
{
    uint64_t h = 0;
    for (size_t i = 1; i < n; i++) {
        state[i] = mix(state[i], state[i - 1]);
        h = mix(h, state[i]);
    }
    return h;
}

__attribute__((noinline)) uint32_t count_bits(const uint64_t *words, size_t n)
{
    uint32_t total = 0;
    for (size_t i = 0; i < n; i++)
        total += popcount64(words[i]);
    return total;
}
