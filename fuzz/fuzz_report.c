/* libFuzzer harness: the reports, over a decoded profile. The first input byte picks
 * settings; the rest is the profile (raw protobuf or gzip). After loading, pprof's
 * drop_frames are applied (as pview does), then every report in the table below is built
 * and printed to /dev/null. A new report is one line in `reports` (and its function).
 *
 * Settings byte: bits 0-2 granularity (mod 5), 3 cum, 4 noinlines, 5 mean, 6 sample_index =
 * the first sample type (else the default), 7 drop_negative and relative_percentages.
 * With libFuzzer, mutations know profile.proto (fuzz/protomut.h); the settings byte is
 * changed by one mutation in sixteen. */
#include <stddef.h>
#include <stdint.h>

#include "fuzz/common.h"
#include "profile/flame.h"
#include "profile/load.h"
#include "profile/proto_out.h"
#include "profile/raw.h"
#include "profile/tags.h"
#include "profile/traces.h"
#include "profile/report.h"

#ifdef PV_LIBFUZZER
#include "fuzz/protomut.h"
size_t LLVMFuzzerCustomMutator(uint8_t *data, size_t size, size_t max_size, unsigned int seed);
size_t LLVMFuzzerCustomMutator(uint8_t *data, size_t size, size_t max_size, unsigned int seed)
{
    if (size == 0 || max_size < 2) {
        if (max_size == 0)
            return 0;
        data[0] = (uint8_t)seed;
        return 1;
    }
    if ((seed & 15) == 0) {
        data[0] = (uint8_t)(seed >> 4);
        return size;
    }
    return 1 + pm_mutate(data + 1, size - 1, max_size - 1, seed);
}
#endif

/* top: the table, then callers and callees of the first rows (what the TUI shows) */
static void report_top(const pv_model *m, const pv_options *o)
{
    char err[512];
    pv_report *r = pv_report_build(m, o, err, sizeof err);
    if (!r)
        return;
    pv_print_top(fz_sink(), r);
    for (size_t i = 0; i < r->nrows && i < 4; i++)
        for (int callers = 0; callers < 2; callers++) {
            pv_edge_row *e = NULL;
            size_t n = 0;
            if (pv_report_edges(r, r->rows[i].node, callers, &e, &n) == 0) {
                for (size_t j = 0; j < n; j++)
                    free(e[j].name);
                free(e);
            }
        }
    pv_report_free(r);
}

/* flame: the tree (recursion collapsed), folded and text output, and the sandwich of the
 * first frame */
static void report_flame(const pv_model *m, const pv_options *o)
{
    char err[512];
    pv_report *r = pv_report_build(m, o, err, sizeof err);
    if (!r)
        return;
    pv_flame_opts fo = {.kind = PV_FLAME_TREE, .collapse_recursion = true, .sort = true};
    pv_flame *f = pv_flame_build(r->sel, r->graph, &fo, err, sizeof err);
    if (f) {
        pv_flame_print_folded(fz_sink(), f);
        pv_flame_print_text(fz_sink(), f, 40, NULL);
        if (f->nodes[0].nchild) {
            fo.kind = PV_FLAME_CALLERS;
            fo.focus = f->nodes[f->children[f->nodes[0].child_off]].gnode;
            pv_flame_free(pv_flame_build(r->sel, r->graph, &fo, err, sizeof err));
        }
        pv_flame_free(f);
    }
    pv_report_free(r);
}

/* the sample reports: pprof's merge of the model, labels, the protobuf writer */
static void report_samples(const pv_model *m, const pv_options *o)
{
    char err[512];
    pv_traces *t = pv_traces_build(m, o, err, sizeof err);
    if (t)
        pv_print_traces(fz_sink(), t);
    pv_traces_free(t);
    pv_tags *tg = pv_tags_build(m, o, err, sizeof err);
    if (tg)
        pv_print_tags(fz_sink(), tg);
    pv_tags_free(tg);
    pv_raw *rw = pv_raw_build(m, o, err, sizeof err);
    if (rw) {
        pv_print_raw(fz_sink(), rw);
        pv_write_proto(fz_sink(), rw, err, sizeof err);
    }
    pv_raw_free(rw);
}

static const struct {
    const char *name;
    void (*run)(const pv_model *m, const pv_options *o);
} reports[] = {
    {"samples", report_samples},
    {"top", report_top},
    {"flame", report_flame},
};

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 2)
        return 0;
    unsigned sel = data[0];
    pv_load_opts lo = {.max_decompressed = 1u << 20};
    char err[1024];
    pv_model *m = pv_load_buffer("fuzz", data + 1, size - 1, &lo, err, sizeof err);
    if (!m)
        return 0;
    if (pv_model_drop_frames(m, err, sizeof err) != 0) {
        pv_model_free(m);
        return 0;
    }
    static const char *const gran[] = {"functions", "filefunctions", "files", "lines", "addresses"};
    pv_options o;
    pv_options_init(&o);
    pv_options_set(&o, "granularity", gran[(sel & 7) % 5], err, sizeof err);
    if (sel & 8)
        pv_options_set(&o, "cum", "true", err, sizeof err);
    if (sel & 16)
        pv_options_set(&o, "noinlines", "true", err, sizeof err);
    if (sel & 32)
        pv_options_set(&o, "mean", "true", err, sizeof err);
    if ((sel & 64) && m->ntypes)
        pv_options_set(&o, "sample_index", "0", err, sizeof err);
    if (sel & 128) {
        pv_options_set(&o, "drop_negative", "true", err, sizeof err);
        pv_options_set(&o, "relative_percentages", "true", err, sizeof err);
    }
    for (size_t i = 0; i < sizeof reports / sizeof reports[0]; i++)
        reports[i].run(m, &o);
    pv_options_free(&o);
    pv_model_free(m);
    return 0;
}
