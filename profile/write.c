/* A model as profile.proto: see write.h. protobuf-c messages point into a few big arrays. */
#include "profile/write.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "profile.pb-c.h"

typedef Perftools__Profiles__Profile P_profile;
typedef Perftools__Profiles__ValueType P_vt;
typedef Perftools__Profiles__Sample P_sample;
typedef Perftools__Profiles__Label P_label;
typedef Perftools__Profiles__Mapping P_mapping;
typedef Perftools__Profiles__Location P_location;
typedef Perftools__Profiles__Line P_line;
typedef Perftools__Profiles__Function P_function;

/* dst = a new array of pointers to each of the n elements of arr (NULL when out of memory). */
#define MAKE_PTRS(dst, arr, n)                                                                  \
    do {                                                                                        \
        (dst) = malloc(((n) ? (n) : 1) * sizeof *(dst));                                         \
        for (size_t i_ = 0; (dst) && (arr) && i_ < (n); i_++)                                    \
            (dst)[i_] = &(arr)[i_];                                                             \
    } while (0)

int pv_model_write(const pv_model *m, unsigned char **out, size_t *len, char *err, size_t errlen)
{
    *out = NULL;
    *len = 0;
    size_t ns = m->nsamples, nt = m->ntypes, nstr = pv_nstrings(m);
    size_t nframes = (size_t)m->stack_off[ns], nlabels = (size_t)m->label_off[ns];
    P_profile prof = PERFTOOLS__PROFILES__PROFILE__INIT;
    P_vt period_type = PERFTOOLS__PROFILES__VALUE_TYPE__INIT;
    P_vt *vts = calloc(nt ? nt : 1, sizeof *vts);
    P_sample *samples = calloc(ns ? ns : 1, sizeof *samples);
    P_label *labels = calloc(nlabels ? nlabels : 1, sizeof *labels);
    P_mapping *maps = calloc(m->nmappings ? m->nmappings : 1, sizeof *maps);
    P_location *locs = calloc(m->nlocations ? m->nlocations : 1, sizeof *locs);
    P_line *lines = calloc(m->nlines ? m->nlines : 1, sizeof *lines);
    P_function *fns = calloc(m->nfunctions ? m->nfunctions : 1, sizeof *fns);
    uint64_t *loc_ids = malloc((nframes ? nframes : 1) * sizeof *loc_ids);
    int64_t *comments = malloc((m->ncomments ? m->ncomments : 1) * sizeof *comments);
    char **strs = malloc((nstr ? nstr : 1) * sizeof *strs);
    P_vt **pvts;
    P_sample **psamples;
    P_label **plabels;
    P_mapping **pmaps;
    P_location **plocs;
    P_line **plines;
    P_function **pfns;
    MAKE_PTRS(pvts, vts, nt);
    MAKE_PTRS(psamples, samples, ns);
    MAKE_PTRS(plabels, labels, nlabels);
    MAKE_PTRS(pmaps, maps, m->nmappings);
    MAKE_PTRS(plocs, locs, m->nlocations);
    MAKE_PTRS(plines, lines, m->nlines);
    MAKE_PTRS(pfns, fns, m->nfunctions);
    unsigned char *buf = NULL;
    int rc = -1;
    if (!vts || !samples || !labels || !maps || !locs || !lines || !fns || !loc_ids || !comments || !strs ||
        !pvts || !psamples || !plabels || !pmaps || !plocs || !plines || !pfns)
        goto done;
    for (size_t i = 0; i < nstr; i++)
        strs[i] = (char *)pv_str(m, (pv_strid)i);
    for (size_t t = 0; t < nt; t++) {
        perftools__profiles__value_type__init(&vts[t]);
        vts[t].type = m->sample_types[t].type;
        vts[t].unit = m->sample_types[t].unit;
    }
    for (size_t i = 0; i < nframes; i++)
        loc_ids[i] = (uint64_t)m->stack[i] + 1;
    for (size_t i = 0; i < nlabels; i++) {
        perftools__profiles__label__init(&labels[i]);
        labels[i].key = m->labels[i].key;
        labels[i].str = m->labels[i].str;
        labels[i].num = m->labels[i].num;
        labels[i].num_unit = m->labels[i].num_unit;
    }
    for (size_t s = 0; s < ns; s++) {
        P_sample *x = &samples[s];
        perftools__profiles__sample__init(x);
        x->n_location_id = (size_t)(m->stack_off[s + 1] - m->stack_off[s]);
        x->location_id = loc_ids + m->stack_off[s];
        x->n_value = nt;
        x->value = m->values + s * nt;
        x->n_label = (size_t)(m->label_off[s + 1] - m->label_off[s]);
        x->label = plabels + m->label_off[s];
    }
    for (size_t i = 0; i < m->nmappings; i++) {
        const pv_mapping *a = &m->mappings[i];
        P_mapping *x = &maps[i];
        perftools__profiles__mapping__init(x);
        x->id = i + 1;
        x->memory_start = a->start;
        x->memory_limit = a->limit;
        x->file_offset = a->offset;
        x->filename = a->file;
        x->build_id = a->build_id;
        x->has_functions = a->has_functions;
        x->has_filenames = a->has_filenames;
        x->has_line_numbers = a->has_line_numbers;
        x->has_inline_frames = a->has_inline_frames;
    }
    for (size_t i = 0; i < m->nlines; i++) {
        perftools__profiles__line__init(&lines[i]);
        lines[i].function_id = (uint64_t)m->lines[i].function + 1;
        lines[i].line = m->lines[i].line;
    }
    for (size_t i = 0; i < m->nlocations; i++) {
        const pv_location *a = &m->locations[i];
        P_location *x = &locs[i];
        perftools__profiles__location__init(x);
        x->id = i + 1;
        x->mapping_id = a->mapping == PV_NONE ? 0 : (uint64_t)a->mapping + 1;
        x->address = a->address;
        x->n_line = a->line_count;
        x->line = plines + a->line_start;
        x->is_folded = a->is_folded;
    }
    for (size_t i = 0; i < m->nfunctions; i++) {
        const pv_function *a = &m->functions[i];
        P_function *x = &fns[i];
        perftools__profiles__function__init(x);
        x->id = i + 1;
        x->name = a->name;
        x->system_name = a->system_name;
        x->filename = a->filename;
        x->start_line = a->start_line;
    }
    for (size_t i = 0; i < m->ncomments; i++)
        comments[i] = m->comments[i];
    prof.n_sample_type = nt;
    prof.sample_type = pvts;
    prof.n_sample = ns;
    prof.sample = psamples;
    prof.n_mapping = m->nmappings;
    prof.mapping = pmaps;
    prof.n_location = m->nlocations;
    prof.location = plocs;
    prof.n_function = m->nfunctions;
    prof.function = pfns;
    prof.n_string_table = nstr;
    prof.string_table = strs;
    prof.drop_frames = m->drop_frames;
    prof.keep_frames = m->keep_frames;
    prof.time_nanos = m->time_nanos;
    prof.duration_nanos = m->duration_nanos;
    if (m->period_type.type || m->period_type.unit) {
        period_type.type = m->period_type.type;
        period_type.unit = m->period_type.unit;
        prof.period_type = &period_type;
    }
    prof.period = m->period;
    prof.n_comment = m->ncomments;
    prof.comment = comments;
    prof.default_sample_type = m->default_sample_type;
    size_t n = perftools__profiles__profile__get_packed_size(&prof);
    buf = malloc(n ? n : 1);
    if (!buf)
        goto done;
    *len = perftools__profiles__profile__pack(&prof, buf);
    *out = buf;
    rc = 0;
done:
    if (rc != 0 && err && errlen)
        snprintf(err, errlen, "out of memory");
    free(vts), free(samples), free(labels), free(maps), free(locs), free(lines), free(fns);
    free(loc_ids), free(comments), free(strs);
    free(pvts), free(psamples), free(plabels), free(pmaps), free(plocs), free(plines), free(pfns);
    return rc;
}
