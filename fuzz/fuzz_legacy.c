/* libFuzzer harness: the legacy formats: gperftools binary CPU profiles with their maps
 * trailer, heap/growth, contention and thread text profiles, Go count profiles, Java CPU
 * (binary), heap and contention (text) profiles. The input is a file as pview reads it; the loader tries
 * the legacy parsers when protobuf decoding fails. A loaded model must keep model.h's
 * promises; then pprof's drop_frames/keep_frames (which legacy profiles set) are applied and
 * a top report (addresses only, as legacy profiles have no functions) is printed. */
#include <stddef.h>
#include <stdint.h>

#include "fuzz/common.h"
#include "profile/load.h"
#include "profile/report.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    pv_load_opts lo = {.max_decompressed = 1u << 20};
    char err[1024];
    pv_model *m = pv_load_buffer("fuzz", data, size, &lo, err, sizeof err);
    if (!m) {
        fz_check_error(err);
        return 0;
    }
    fz_check_model(m);
    if (pv_model_drop_frames(m, err, sizeof err) == 0) {
        pv_options o;
        pv_options_init(&o);
        pv_report *r = pv_report_build(m, &o, err, sizeof err);
        if (r) {
            pv_print_top(fz_sink(), r);
            pv_report_free(r);
        }
        pv_options_free(&o);
    }
    pv_model_free(m);
    return 0;
}
