/* Names from a remote symbolizer written into the model (pprof's symbolz step): see
 * symbolize.h. */
#include <stdlib.h>
#include <string.h>

#include "symbolize/internal.h"
#include "symbolize/symbolize.h"


typedef struct {
    uint64_t address;
    size_t order; /* position in the answer: the last line for an address wins */
    uint32_t function;
} named_addr;

static int named_cmp(const void *a, const void *b)
{
    const named_addr *x = a, *y = b;
    if (x->address != y->address)
        return x->address < y->address ? -1 : 1;
    return x->order < y->order ? -1 : x->order > y->order;
}

/* One function per distinct raw name of this answer, as pprof makes them; PV_NONE when
 * memory ran out. The functions array grows by one at a time (rarely: one per name). */
static uint32_t function_named(pv_model *m, sym_demangler *dm, bool full, const char *raw, size_t len,
                               uint32_t first_new, uint64_t *next_id)
{
    pv_strid sys = pv_intern(m, raw, len);
    if (sys == PV_NONE)
        return PV_NONE;
    for (size_t i = first_new; i < m->nfunctions; i++) /* names of one answer: few, linear is fine */
        if (m->functions[i].system_name == sys)
            return (uint32_t)i;
    char *rawz = strndup(raw, len);
    char *display = rawz ? sym_demangle(dm, rawz, full) : NULL;
    pv_strid name = display ? pv_intern(m, display, strlen(display)) : PV_NONE;
    free(rawz);
    free(display);
    if (name == PV_NONE || m->nfunctions >= UINT32_MAX - 1)
        return PV_NONE;
    pv_function *nf = realloc(m->functions, (m->nfunctions + 1) * sizeof *nf);
    if (!nf)
        return PV_NONE;
    m->functions = nf;
    nf[m->nfunctions] = (pv_function){(*next_id)++, name, sys, 0, 0};
    return (uint32_t)m->nfunctions++;
}

long pv_symbolize_names(pv_model *m, uint32_t mi, const pv_sym_name *names, size_t n, bool demangle_full)
{
    if (mi >= m->nmappings)
        return 0;
    m->mappings[mi].has_functions = true;
    if (n == 0)
        return 0;
    named_addr *na = malloc(n * sizeof *na);
    sym_demangler *dm = sym_demangler_new();
    long done = -1;
    if (!na || !dm)
        goto out;
    uint64_t next_id = 1;
    for (size_t i = 0; i < m->nfunctions; i++)
        if (m->functions[i].id >= next_id)
            next_id = m->functions[i].id + 1;
    uint32_t first_new = (uint32_t)m->nfunctions;
    for (size_t i = 0; i < n; i++) {
        uint32_t fi = function_named(m, dm, demangle_full, names[i].name, names[i].name_len, first_new, &next_id);
        if (fi == PV_NONE)
            goto out;
        na[i] = (named_addr){names[i].address, i, fi};
    }
    qsort(na, n, sizeof *na, named_cmp);
    size_t k = 0; /* keep the last entry of each address */
    for (size_t i = 0; i < n; i++) {
        if (i + 1 < n && na[i + 1].address == na[i].address)
            continue;
        na[k++] = na[i];
    }
    /* one line per named address, shared by the locations at that address */
    uint32_t *line_of = malloc(k * sizeof *line_of);
    pv_line *nl = line_of ? realloc(m->lines, (m->nlines + k) * sizeof *nl) : NULL;
    if (!nl) {
        free(line_of);
        goto out;
    }
    m->lines = nl;
    for (size_t i = 0; i < k; i++) {
        line_of[i] = (uint32_t)m->nlines;
        m->lines[m->nlines++] = (pv_line){na[i].function, 0};
    }
    done = 0;
    for (size_t li = 0; li < m->nlocations; li++) {
        pv_location *loc = &m->locations[li];
        if (loc->mapping != mi)
            continue;
        size_t lo = 0, hi = k;
        while (lo < hi) {
            size_t mid = lo + (hi - lo) / 2;
            if (na[mid].address < loc->address)
                lo = mid + 1;
            else
                hi = mid;
        }
        if (lo < k && na[lo].address == loc->address) {
            loc->line_start = line_of[lo];
            loc->line_count = 1;
            done++;
        }
    }
    free(line_of);
out:
    free(na);
    sym_demangler_free(dm);
    return done;
}
