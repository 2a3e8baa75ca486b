/* libFuzzer harness: the profile.proto decoder and its validation, alone. The input is a
 * file as pview reads it (raw protobuf, gzip, or a legacy profile, which the loader tries
 * when protobuf decoding fails). No report is built: this harness is meant to be fast.
 * A loaded model must keep model.h's promises; a refused one must say why in one line.
 * With libFuzzer, mutations know profile.proto (fuzz/protomut.h). */
#include <stddef.h>
#include <stdint.h>

#include "fuzz/common.h"
#include "profile/load.h"

#ifdef PV_LIBFUZZER
#include "fuzz/protomut.h"
size_t LLVMFuzzerCustomMutator(uint8_t *data, size_t size, size_t max_size, unsigned int seed);
size_t LLVMFuzzerCustomMutator(uint8_t *data, size_t size, size_t max_size, unsigned int seed)
{
    return pm_mutate(data, size, max_size, seed);
}
#endif

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    /* a small cap: a fuzzed gzip bomb must stop early */
    pv_load_opts lo = {.max_decompressed = 1u << 20};
    char err[1024];
    pv_model *m = pv_load_buffer("fuzz", data, size, &lo, err, sizeof err);
    if (!m) {
        fz_check_error(err);
        return 0;
    }
    fz_check_model(m);
    pv_model_free(m);
    return 0;
}
