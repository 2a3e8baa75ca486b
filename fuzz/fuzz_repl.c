/* libFuzzer harness: pprof's line-mode REPL (pview -repl): the input is what a user types, line
 * by line (commands with counts, regexes, -cum, >FILE; settings with their values; shortcuts
 * such as sample type names; help and options), read by pv_repl_run over a small fixed
 * profile. Every report the REPL names is built and printed (to /dev/null); svg, png and pdf
 * stop short of running Graphviz's dot in fuzzing builds (FUZZING_BUILD_MODE_UNSAFE_FOR_PRODUCTION).
 * Reports written to files (>NAME, output=NAME) go to a scratch directory. */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "cli/repl.h"
#include "fuzz/common.h"
#include "fuzz/fixed.h"
#include "fuzz/scratch.h"

static pv_model *model;

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (!model) {
        model = fz_fixed_model();
        fz_scratch_enter();
    }
    if (size == 0)
        return 0; /* nothing typed (fmemopen wants a size) */
    FILE *in = fmemopen((void *)data, size, "r");
    if (!in)
        abort();
    pv_options o;
    pv_options_init(&o);
    pv_repl_run(in, fz_sink(), fz_sink(), model, &o);
    pv_options_free(&o);
    fclose(in);
    fz_scratch_empty();
    return 0;
}
