/* pprof's drop_frames / keep_frames, applied to the model once after loading. */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "profile/filter.h"
#include "profile/selection.h"
#include "profile/util.h"

/* ---------- drop_frames / keep_frames ---------- */

static int compile_anchored(pv_regex *rx, const char *src, char *err, size_t errlen)
{
    char *pat = pv_asprintf("^(%s)$", src);
    if (!pat)
        return -1;
    char e2[256];
    int r = pv_regex_compile(rx, pat, e2, sizeof e2);
    if (r != 0)
        snprintf(err, errlen, "failed to compile regexp %s: %s", src, e2);
    free(pat);
    return r;
}

int pv_model_drop_frames(pv_model *m, char *err, size_t errlen)
{
    if (!m->drop_frames)
        return 0;
    pv_regex drop = {0}, keep = {0};
    if (compile_anchored(&drop, pv_str(m, m->drop_frames), err, errlen) != 0)
        return -1;
    if (m->keep_frames && compile_anchored(&keep, pv_str(m, m->keep_frames), err, errlen) != 0) {
        pv_regex_free(&drop);
        return -1;
    }
    /* per function: does its simplified name match drop and not keep? */
    uint8_t *fdrop = calloc(m->nfunctions ? m->nfunctions : 1, 1);
    uint8_t *prune = calloc(m->nlocations ? m->nlocations : 1, 1); /* 1: prune, 2: prune beneath */
    if (!fdrop || !prune) {
        free(fdrop);
        free(prune);
        pv_regex_free(&drop);
        pv_regex_free(&keep);
        snprintf(err, errlen, "out of memory");
        return -1;
    }
    for (size_t i = 0; i < m->nfunctions; i++) {
        const char *name = pv_str(m, m->functions[i].name);
        if (!*name)
            continue;
        char *s = pv_simplify_func(name);
        if (s && pv_regex_match(&drop, s) && !(keep.ok && pv_regex_match(&keep, s)))
            fdrop[i] = 1;
        free(s);
    }
    for (size_t li = 0; li < m->nlocations; li++) {
        pv_location *loc = &m->locations[li];
        long i;
        for (i = (long)loc->line_count - 1; i >= 0; i--)
            if (fdrop[m->lines[loc->line_start + (size_t)i].function])
                break;
        if (i >= 0) {
            prune[li] = 2;
            if ((size_t)i == loc->line_count - 1) {
                prune[li] = 1;
            } else {
                loc->line_start += (uint32_t)i + 1;
                loc->line_count -= (uint32_t)i + 1;
            }
        }
    }
    /* pprof merged the profile before pruning it: keep the loaded stacks for its merge order */
    bool any = false;
    for (size_t li = 0; li < m->nlocations && !any; li++)
        any = prune[li] != 0;
    if (any && !m->loaded_stack) {
        uint64_t nst = m->stack_off[m->nsamples];
        m->loaded_stack_off = malloc((m->nsamples + 1) * sizeof *m->loaded_stack_off);
        m->loaded_stack = malloc((nst ? nst : 1) * sizeof *m->loaded_stack);
        if (!m->loaded_stack_off || !m->loaded_stack) {
            free(m->loaded_stack_off);
            free(m->loaded_stack);
            m->loaded_stack_off = NULL;
            m->loaded_stack = NULL;
            free(fdrop);
            free(prune);
            pv_regex_free(&drop);
            pv_regex_free(&keep);
            snprintf(err, errlen, "out of memory");
            return -1;
        }
        memcpy(m->loaded_stack_off, m->stack_off, (m->nsamples + 1) * sizeof *m->loaded_stack_off);
        memcpy(m->loaded_stack, m->stack, nst * sizeof *m->loaded_stack);
    }
    /* trim stacks: from the root, after a non-pruned frame, cut at the first pruned one */
    uint64_t w = 0;
    for (size_t s = 0; s < m->nsamples; s++) {
        uint64_t b = m->stack_off[s], e = m->stack_off[s + 1];
        uint64_t nb = b;
        bool found_user = false;
        for (uint64_t i = e; i-- > b;) {
            uint32_t id = m->stack[i];
            if (!prune[id]) {
                found_user = true;
                continue;
            }
            if (!found_user)
                continue;
            nb = prune[id] == 1 ? i + 1 : i;
            break;
        }
        m->stack_off[s] = w;
        memmove(m->stack + w, m->stack + nb, (size_t)(e - nb) * sizeof *m->stack);
        w += e - nb;
    }
    m->stack_off[m->nsamples] = w;
    free(fdrop);
    free(prune);
    pv_regex_free(&drop);
    pv_regex_free(&keep);
    return 0;
}
