/* pview end-to-end fixture (PIE): checksum and shuffle loops with static inline helpers that
 * gcc -O2 inlines, so the profile's addresses resolve to inline frames. Burns ~1.5 s of CPU. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

static uint32_t table[256];

static inline uint32_t crc_step(uint32_t crc, uint8_t b)
{
    return table[(crc ^ b) & 0xff] ^ (crc >> 8);
}

static inline uint32_t crc_word(uint32_t crc, uint32_t w)
{
    crc = crc_step(crc, (uint8_t)w);
    crc = crc_step(crc, (uint8_t)(w >> 8));
    crc = crc_step(crc, (uint8_t)(w >> 16));
    return crc_step(crc, (uint8_t)(w >> 24));
}

static inline uint64_t rotl(uint64_t x, int k)
{
    return (x << k) | (x >> (64 - k));
}

static inline uint64_t xorshift(uint64_t *s)
{
    uint64_t x = *s;
    x ^= x << 13;
    x ^= x >> 7;
    x ^= x << 17;
    *s = rotl(x, 11);
    return x;
}

__attribute__((noinline)) static void init_table(void)
{
    for (uint32_t i = 0; i < 256; i++) {
        uint32_t c = i;
        for (int k = 0; k < 8; k++)
            c = c & 1 ? 0xedb88320u ^ (c >> 1) : c >> 1;
        table[i] = c;
    }
}

__attribute__((noinline)) uint32_t checksum(const uint32_t *buf, size_t n)
{
    uint32_t crc = 0xffffffffu;
    for (size_t i = 0; i < n; i++)
        crc = crc_word(crc, buf[i]);
    return ~crc;
}

__attribute__((noinline)) void fill(uint32_t *buf, size_t n, uint64_t *seed)
{
    for (size_t i = 0; i < n; i++)
        buf[i] = (uint32_t)xorshift(seed);
}

__attribute__((noinline)) void shuffle(uint32_t *buf, size_t n, uint64_t *seed)
{
    for (size_t i = n - 1; i > 0; i--) {
        size_t j = xorshift(seed) % (i + 1);
        uint32_t t = buf[i];
        buf[i] = buf[j];
        buf[j] = t;
    }
}

int main(int argc, char **argv)
{
    int rounds = argc > 1 ? atoi(argv[1]) : 1600;
    size_t n = 1 << 16;
    uint32_t *buf = malloc(n * sizeof *buf);
    uint64_t seed = 88172645463325252ull;
    uint32_t acc = 0;
    init_table();
    for (int r = 0; r < rounds; r++) {
        fill(buf, n, &seed);
        shuffle(buf, n, &seed);
        acc ^= checksum(buf, n);
    }
    printf("%08x\n", acc);
    free(buf);
    return 0;
}
