/* Shared by the fuzz harnesses: a sink for report output, and checks of what the loader
 * promises (model.h: dense, in-range indices; load.h: one line of error text). A broken
 * promise aborts, so the fuzzer reports it as a crash. */
#ifndef PVIEW_FUZZ_COMMON_H
#define PVIEW_FUZZ_COMMON_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "profile/model.h"

/* /dev/null, opened once (a report is printed in full, then thrown away). */
static inline FILE *fz_sink(void)
{
    static FILE *f;
    if (!f)
        f = fopen("/dev/null", "w");
    if (!f)
        abort();
    return f;
}

static inline void fz_fail(const char *what)
{
    fprintf(stderr, "fuzz check failed: %s\n", what);
    abort();
}

/* A failed load says why, in one non-empty line. */
static inline void fz_check_error(const char *err)
{
    if (!err[0])
        fz_fail("load failed without a message");
    if (strchr(err, '\n'))
        fz_fail("load error message spans lines");
}

/* Every cross reference of a loaded model is in range (model.h's contract). */
static inline void fz_check_model(const pv_model *m)
{
    size_t ns = pv_nstrings(m);
#define FZ_STR(id) do { if ((id) >= ns) fz_fail("string id out of range: " #id); } while (0)
    for (size_t t = 0; t < m->ntypes; t++) {
        FZ_STR(m->sample_types[t].type);
        FZ_STR(m->sample_types[t].unit);
    }
    FZ_STR(m->default_sample_type);
    FZ_STR(m->period_type.type);
    FZ_STR(m->period_type.unit);
    FZ_STR(m->drop_frames);
    FZ_STR(m->keep_frames);
    for (size_t i = 0; i < m->ncomments; i++)
        FZ_STR(m->comments[i]);
    for (size_t i = 0; i < m->nmappings; i++) {
        FZ_STR(m->mappings[i].file);
        FZ_STR(m->mappings[i].build_id);
    }
    for (size_t i = 0; i < m->nfunctions; i++) {
        FZ_STR(m->functions[i].name);
        FZ_STR(m->functions[i].system_name);
        FZ_STR(m->functions[i].filename);
    }
    for (size_t i = 0; i < m->nlocations; i++) {
        const pv_location *l = &m->locations[i];
        if (l->mapping != PV_NONE && l->mapping >= m->nmappings)
            fz_fail("location's mapping out of range");
        if ((uint64_t)l->line_start + l->line_count > m->nlines)
            fz_fail("location's lines out of range");
    }
    for (size_t i = 0; i < m->nlines; i++)
        if (m->lines[i].function >= m->nfunctions)
            fz_fail("line's function out of range");
    if (m->stack_off[0] != 0 || m->label_off[0] != 0)
        fz_fail("sample offsets do not start at 0");
    for (size_t s = 0; s < m->nsamples; s++) {
        if (m->stack_off[s + 1] < m->stack_off[s] || m->label_off[s + 1] < m->label_off[s])
            fz_fail("sample offsets go backwards");
        for (uint64_t k = m->stack_off[s]; k < m->stack_off[s + 1]; k++)
            if (m->stack[k] >= m->nlocations)
                fz_fail("stack entry out of range");
        for (uint64_t k = m->label_off[s]; k < m->label_off[s + 1]; k++) {
            FZ_STR(m->labels[k].key);
            FZ_STR(m->labels[k].str);
            FZ_STR(m->labels[k].num_unit);
        }
    }
#undef FZ_STR
}

#endif
