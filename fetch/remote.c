/* pprof's symbolz step over a merged fetched profile: see symbolz.h. */
#include <stdlib.h>
#include <string.h>

#include "fetch/symbolz.h"
#include "profile/util.h"

/* Does source entry e stand for mapping mp of m? pprof looks the mapping's file up, then its
 * build id; a mapping with neither had the source URL for its file. */
static bool source_matches(const pv_model *m, const pv_mapping *mp, const pv_symbolz_source *e, int pass)
{
    const char *file = pv_str(m, mp->file), *bid = pv_str(m, mp->build_id);
    if (!file[0] && !bid[0])
        return pass == 0 && e->kind == 0;
    if (pass == 0)
        return file[0] && e->kind == 1 && !strcmp(e->key, file);
    return bid[0] && e->kind == 2 && !strcmp(e->key, bid);
}

/* Asks the symbol endpoint symz about mapping mi (offset: see pv_symbolz_query) and names
 * its locations. Returns the number named, or -1 with *error. */
static long ask(pv_model *m, uint32_t mi, const char *symz, int64_t offset, const pv_fetch_opts *o,
                bool demangle_full, const volatile sig_atomic_t *cancel, char **error)
{
    char *q = pv_symbolz_query(m, mi, offset, error);
    if (!q)
        return -1;
    if (!q[0]) { /* nothing to ask: pprof marks the mapping all the same */
        free(q);
        return pv_symbolize_names(m, mi, NULL, 0, demangle_full);
    }
    unsigned char *reply = NULL;
    size_t rlen = 0;
    int rc = pv_fetch_post(symz, q, strlen(q), o, cancel, &reply, &rlen, error);
    free(q);
    if (rc != 0)
        return -1;
    pv_sym_name *names = NULL;
    long n = pv_symbolz_parse((const char *)reply, rlen, &names, error);
    long done = -1;
    if (n >= 0) {
        /* pprof puts the offset back on each address it got */
        for (long i = 0; i < n && !*error; i++) {
            uint64_t a = names[i].address, adj = a - (uint64_t)offset;
            if (offset > 0 ? adj >= a : adj < a)
                *error = pv_asprintf("cannot adjust symbolz address %llu by %lld, it would overflow",
                                     (unsigned long long)a, (long long)-offset);
            names[i].address = adj;
        }
        if (!*error)
            done = pv_symbolize_names(m, mi, names, (size_t)n, demangle_full);
    }
    free(names);
    free(reply);
    return done;
}

long pv_fetch_symbolz(pv_model *m, const pv_symbolz_sources *s, const pv_fetch_opts *o, bool force,
                      bool demangle_full, const volatile sig_atomic_t *cancel, char **error)
{
    *error = NULL;
    if (!s || s->n == 0)
        return 0;
    if (m->nmappings == 0 && m->nlocations > 0 && pv_model_fake_mapping(m) != 0)
        goto oom;
    long total = 0;
    /* the bases' mappings are not the fetched sources': pprof asks no symbol endpoint for them */
    uint32_t nmap = m->has_base && m->base_mappings < m->nmappings ? m->base_mappings : (uint32_t)m->nmappings;
    for (uint32_t mi = 0; mi < nmap; mi++) {
        pv_mapping *mp = &m->mappings[mi];
        if (!force && mp->has_functions)
            continue;
        const pv_symbolz_source *first = NULL;
        for (int pass = 0; pass < 2 && !first; pass++)
            for (size_t i = 0; i < s->n && !first; i++)
                if (source_matches(m, mp, &s->v[i], pass))
                    first = &s->v[i];
        const char *file = pv_str(m, mp->file);
        /* a mapping with neither file nor build id has its source URL for file in pprof */
        if (pv_symbolz_unsymbolizable(file[0] || pv_str(m, mp->build_id)[0] || !first ? file : first->url))
            continue;
        for (int pass = 0; pass < 2; pass++) {
            const pv_symbolz_source *e = NULL;
            for (size_t i = 0; i < s->n; i++) {
                if (!source_matches(m, mp, &s->v[i], pass))
                    continue;
                bool oom;
                char *symz = pv_symbolz_url(s->v[i].url, &oom);
                if (oom)
                    goto oom;
                if (!symz)
                    continue;
                e = &s->v[i];
                long n = ask(m, mi, symz, (int64_t)(e->start - mp->start), o, demangle_full, cancel, error);
                free(symz);
                if (n < 0) {
                    if (!*error)
                        goto oom;
                    return -1;
                }
                total += n;
                break;
            }
            if (e)
                break;
        }
    }
    return total;
oom:
    *error = strdup("out of memory");
    return -1;
}
