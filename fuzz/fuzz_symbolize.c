/* libFuzzer harness (b): the ELF/DWARF symbolizer on a fuzzed file. The input is written to a
 * temporary file, given as the binary option to pv_symbolize (PV_SYM_FORCE) for a one-mapping
 * model of address-only locations; then a lines-granularity report checks the model it left. */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "fuzz/pbw.h"
#include "profile/load.h"
#include "profile/report.h"
#include "symbolize/symbolize.h"

static char path[64];
static unsigned char *profile_bytes;
static size_t profile_len;

/* Addresses worth asking about: ELF64/32 typical text starts and the fixtures' functions. */
static const uint64_t addrs[] = {0x400000, 0x401000, 0x401050, 0x401180, 0x4011a0, 0x401190, 0x1000,
                                 0x1100,   0x1139,   0x8048000, 0x8048054, 0x10000000, 0x10000078, 0x0};

static void build_profile(void)
{
    pbw p = {0}, m = {0};
    /* strings: 0 "", 1 samples, 2 count, 3 /fuzz/bin */
    pbw st = {0};
    pbw_var(&st, 1, 1);
    pbw_var(&st, 2, 2);
    pbw_msg(&p, 1, &st);
    size_t n = sizeof addrs / sizeof addrs[0];
    pbw s = {0}, ids = {0}, vals = {0};
    for (size_t i = 0; i < n; i++)
        pbw_varint(&ids, i + 1);
    pbw_varint(&vals, 1);
    pbw_len(&s, 1, ids.p, ids.len);
    pbw_len(&s, 2, vals.p, vals.len);
    free(ids.p);
    free(vals.p);
    pbw_msg(&p, 2, &s);
    pbw_var(&m, 1, 1);
    /* start = limit = offset = 0: addresses are file addresses (as pv-symtest's default) */
    pbw_var(&m, 5, 3);
    pbw_msg(&p, 3, &m);
    for (size_t i = 0; i < n; i++) {
        pbw l = {0};
        pbw_var(&l, 1, i + 1);
        pbw_var(&l, 2, 1);
        pbw_var(&l, 3, addrs[i]);
        pbw_msg(&p, 4, &l);
    }
    pbw_str(&p, "");
    pbw_str(&p, "samples");
    pbw_str(&p, "count");
    pbw_str(&p, "/fuzz/bin");
    profile_bytes = p.p;
    profile_len = p.len;
}

static void on_warn(void *ctx, const char *msg)
{
    (void)ctx;
    (void)msg;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (!profile_bytes) {
        build_profile();
        snprintf(path, sizeof path, "/tmp/pview-fuzz-sym.%d", (int)getpid());
    }
    FILE *f = fopen(path, "wb");
    if (!f)
        return 0;
    fwrite(data, 1, size, f);
    fclose(f);
    char err[1024];
    pv_model *m = pv_load_buffer("fuzz", profile_bytes, profile_len, NULL, err, sizeof err);
    if (!m)
        abort(); /* the fixed profile must load */
    pv_symbolize_opts so = {PV_SYM_FORCE, path, size > 0 && (data[size - 1] & 1), false, false};
    pv_symbolize(m, &so, on_warn, NULL);
    pv_options o;
    pv_options_init(&o);
    pv_options_set(&o, "granularity", "lines", err, sizeof err);
    pv_report *r = pv_report_build(m, &o, err, sizeof err);
    if (r) {
        FILE *devnull = fopen("/dev/null", "w");
        if (devnull) {
            pv_print_top(devnull, r);
            fclose(devnull);
        }
        pv_report_free(r);
    }
    pv_options_free(&o);
    pv_model_free(m);
    unlink(path);
    return 0;
}
