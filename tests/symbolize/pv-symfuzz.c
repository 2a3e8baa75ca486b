/* Robustness test for symbolize/: writes deterministic mutations of an ELF file (random bytes
 * overwritten anywhere or near the end where section headers and DWARF live, or the file cut
 * short) and runs pv_symbolize on each in process. Passing means no crash; run it under
 * AddressSanitizer and UndefinedBehaviorSanitizer to make that mean something.
 *
 *   pv-symfuzz FILE ROUNDS SEED ADDR...
 * Exit status 0 when every round returned, 1 on allocation failure. */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "symbolize/symbolize.h"

static uint64_t rng_state;

static uint64_t rng(void)
{
    rng_state = rng_state * 6364136223846793005ull + 1442695040888963407ull;
    return rng_state >> 17;
}

static void ignore_warning(void *ctx, const char *msg)
{
    (*(size_t *)ctx)++;
    (void)msg;
}

int main(int argc, char **argv)
{
    if (argc < 5) {
        fprintf(stderr, "usage: pv-symfuzz FILE ROUNDS SEED ADDR...\n");
        return 2;
    }
    FILE *f = fopen(argv[1], "rb");
    if (!f) {
        perror(argv[1]);
        return 2;
    }
    fseek(f, 0, SEEK_END);
    long size = ftell(f);
    fseek(f, 0, SEEK_SET);
    unsigned char *orig = malloc((size_t)size), *buf = malloc((size_t)size);
    if (!orig || !buf || fread(orig, 1, (size_t)size, f) != (size_t)size) {
        fprintf(stderr, "cannot read %s\n", argv[1]);
        return 2;
    }
    fclose(f);
    long rounds = atol(argv[2]);
    rng_state = strtoull(argv[3], NULL, 0);
    char tmpl[] = "/tmp/pv-symfuzz-XXXXXX";
    int fd = mkstemp(tmpl);
    if (fd < 0) {
        perror("mkstemp");
        return 2;
    }
    close(fd);
    size_t warnings = 0, symbolized = 0;
    for (long r = 0; r < rounds; r++) {
        memcpy(buf, orig, (size_t)size);
        size_t len = (size_t)size;
        uint64_t mode = rng() % 10;
        if (mode < 5) {
            int n = 1 << (rng() % 9);
            for (int i = 0; i < n; i++)
                buf[rng() % len] = (unsigned char)rng();
        } else if (mode < 8) {
            size_t tail = len < 8192 ? len : 8192;
            int n = 1 << (rng() % 6);
            for (int i = 0; i < n; i++)
                buf[len - tail + rng() % tail] = (unsigned char)rng();
        } else {
            len = rng() % len;
        }
        FILE *out = fopen(tmpl, "wb");
        if (!out || fwrite(buf, 1, len, out) != len || fclose(out) != 0) {
            perror(tmpl);
            return 2;
        }
        pv_model *m = calloc(1, sizeof *m);
        size_t naddrs = (size_t)(argc - 4);
        m->nmappings = 1;
        m->mappings = calloc(1, sizeof *m->mappings);
        m->mappings[0] = (pv_mapping){.id = 1, .file = pv_intern(m, tmpl, strlen(tmpl))};
        m->nlocations = naddrs;
        m->locations = calloc(naddrs, sizeof *m->locations);
        m->nsamples = naddrs;
        m->stack_off = calloc(naddrs + 1, sizeof *m->stack_off);
        m->stack = calloc(naddrs, sizeof *m->stack);
        for (size_t i = 0; i < naddrs; i++) {
            m->locations[i] = (pv_location){.id = i + 1, .address = strtoull(argv[4 + i], NULL, 16)};
            m->stack[i] = (uint32_t)i;
            m->stack_off[i + 1] = i + 1;
        }
        pv_symbolize_opts o = {.mode = PV_SYM_FORCE};
        long n = pv_symbolize(m, &o, ignore_warning, &warnings);
        if (n < 0) {
            fprintf(stderr, "round %ld: out of memory\n", r);
            return 1;
        }
        /* every line must name a valid function */
        for (size_t i = 0; i < m->nlocations; i++)
            for (uint32_t k = 0; k < m->locations[i].line_count; k++)
                if (m->lines[m->locations[i].line_start + k].function >= m->nfunctions) {
                    fprintf(stderr, "round %ld: bad function index\n", r);
                    return 1;
                }
        symbolized += (size_t)n;
        pv_model_free(m);
    }
    unlink(tmpl);
    free(orig);
    free(buf);
    printf("%ld rounds, %zu locations symbolized, %zu warnings\n", rounds, symbolized, warnings);
    return 0;
}
