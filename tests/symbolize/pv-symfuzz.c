/* Robustness test for symbolize/: writes deterministic mutations of an ELF file (random bytes
 * overwritten anywhere or near the end where section headers and DWARF live, or the file cut
 * short) and runs pv_symbolize on each in process. Passing means no crash; run it under
 * AddressSanitizer and UndefinedBehaviorSanitizer to make that mean something.
 *
 *   pv-symfuzz [-P|-B] FILE ROUNDS SEED ADDR...
 * With -P, FILE is a binary with a split DWARF package FILE.dwp: the package is mutated and
 * the binary copied beside it unchanged; with -B, the binary is mutated and the package
 * copied beside it unchanged. Exit status 0 when every round returned, 1 on allocation
 * failure. */
#include <inttypes.h>
#include <stdbool.h>
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

/* Copies file from to to; false with a message on stderr. */
static bool copy_file(const char *from, const char *to)
{
    FILE *in = fopen(from, "rb"), *out = in ? fopen(to, "wb") : NULL;
    char chunk[65536];
    size_t n;
    bool ok = in && out;
    while (ok && (n = fread(chunk, 1, sizeof chunk, in)) > 0)
        ok = fwrite(chunk, 1, n, out) == n;
    ok = ok && !ferror(in);
    if (in)
        fclose(in);
    if (out && fclose(out) != 0)
        ok = false;
    if (!ok)
        fprintf(stderr, "cannot copy %s to %s\n", from, to);
    return ok;
}

int main(int argc, char **argv)
{
    char mode_flag = 0;
    if (argc > 1 && (strcmp(argv[1], "-P") == 0 || strcmp(argv[1], "-B") == 0)) {
        mode_flag = argv[1][1];
        argv++;
        argc--;
    }
    if (argc < 5) {
        fprintf(stderr, "usage: pv-symfuzz [-P|-B] FILE ROUNDS SEED ADDR...\n");
        return 2;
    }
    size_t flen = strlen(argv[1]);
    char *pkg = malloc(flen + 5);
    if (!pkg)
        return 1;
    memcpy(pkg, argv[1], flen);
    memcpy(pkg + flen, ".dwp", 5);
    FILE *f = fopen(mode_flag == 'P' ? pkg : argv[1], "rb");
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
    char tmpl_pkg[sizeof tmpl + 4];
    snprintf(tmpl_pkg, sizeof tmpl_pkg, "%s.dwp", tmpl);
    /* the file that stays as it is */
    if (mode_flag && !copy_file(mode_flag == 'P' ? argv[1] : pkg, mode_flag == 'P' ? tmpl : tmpl_pkg))
        return 2;
    const char *mutated = mode_flag == 'P' ? tmpl_pkg : tmpl;
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
        FILE *out = fopen(mutated, "wb");
        if (!out || fwrite(buf, 1, len, out) != len || fclose(out) != 0) {
            perror(mutated);
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
    if (mode_flag)
        unlink(tmpl_pkg);
    free(pkg);
    free(orig);
    free(buf);
    printf("%ld rounds, %zu locations symbolized, %zu warnings\n", rounds, symbolized, warnings);
    return 0;
}
