/* libFuzzer harness: folded stacks ("main;handle;json.Marshal 120" lines, as stackcollapse-*
 * and perf write them) straight into the folded parser, pv_folded_parse(), without the
 * protobuf and legacy attempts pv_load_buffer() makes first. The input is one file, or two
 * separated by the first NUL byte (a control byte, which no folded line may hold): the second
 * is then merged into the first's model, as pview merges several folded sources.
 * The parser's promises (folded.h) are checked: 0 leaves the model untouched, -1 says why in
 * one line, 1 gives a model that keeps model.h's promises, in the folded shape (one sample
 * type, one location per function, no mapping, no address, no labels). */
#include <stddef.h>
#include <stdint.h>

#include "fuzz/common.h"
#include "profile/folded.h"

/* an empty model, as the loader starts one (string 0 is "", offsets hold their first 0) */
static pv_model *fz_model_new(void)
{
    pv_model *m = calloc(1, sizeof *m);
    if (!m)
        return NULL;
    m->stack_off = calloc(1, sizeof *m->stack_off);
    m->label_off = calloc(1, sizeof *m->label_off);
    m->stack = calloc(1, sizeof *m->stack);
    m->labels = calloc(1, sizeof *m->labels);
    if (pv_intern(m, "", 0) != 0 || !m->stack_off || !m->label_off || !m->stack || !m->labels) {
        pv_model_free(m);
        return NULL;
    }
    return m;
}

static void fz_check_folded(const pv_model *m)
{
    fz_check_model(m);
    if (m->ntypes != 1 || strcmp(pv_str(m, m->sample_types[0].type), "samples"))
        fz_fail("folded stacks without the one sample type \"samples\"");
    if (m->nmappings || m->nlocations != m->nfunctions || m->nlines != m->nlocations)
        fz_fail("folded stacks with mappings, or not one location and line per function");
    for (size_t i = 0; i < m->nlocations; i++)
        if (m->locations[i].address || m->locations[i].mapping != PV_NONE || m->locations[i].line_count != 1)
            fz_fail("a folded location with an address, a mapping or not one line");
    for (size_t s = 0; s < m->nsamples; s++) {
        if (m->stack_off[s + 1] == m->stack_off[s])
            fz_fail("a folded sample without frames");
        if (m->values[s] < 0)
            fz_fail("a negative folded count");
        if (m->label_off[s + 1] != m->label_off[s])
            fz_fail("a folded sample with labels");
    }
}

/* One parse into m; checks what pv_folded_parse promises. Returns its result. */
static int fz_parse(pv_model *m, const uint8_t *data, size_t len)
{
    size_t ns = m->nsamples, nl = m->nlocations, nt = m->ntypes, nstr = pv_nstrings(m);
    char err[512] = "";
    int r = pv_folded_parse(m, data, len, NULL, err, sizeof err);
    if (r == 1) {
        fz_check_folded(m);
        if (m->nsamples < ns || m->nlocations < nl)
            fz_fail("merged folded stacks lost samples or locations");
    } else if (r == 0) {
        if (m->nsamples != ns || m->nlocations != nl || m->ntypes != nt || pv_nstrings(m) != nstr)
            fz_fail("pv_folded_parse returned 0 but changed the model");
    } else if (r == -1) {
        fz_check_error(err);
    } else {
        fz_fail("pv_folded_parse returned neither 1, 0 nor -1");
    }
    return r;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const uint8_t *nul = memchr(data, '\0', size);
    size_t alen = nul ? (size_t)(nul - data) : size;
    pv_model *m = fz_model_new();
    if (!m)
        return 0;
    int r = fz_parse(m, data, alen);
    if (r == 1 && nul)
        fz_parse(m, nul + 1, size - alen - 1);
    pv_model_free(m);
    return 0;
}
