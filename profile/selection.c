/* The selection: pprof's sample index, filters and totals over a read-only model. */
#include "profile/selection.h"

#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "profile/measure.h"
#include "profile/tagroot.h"
#include "profile/util.h"

/* ---------- sample index ---------- */

int pv_sample_index(const pv_model *m, const char *si, int *out, char *err, size_t errlen)
{
    if (m->ntypes == 0) {
        snprintf(err, errlen, "profile has no samples");
        return -1;
    }
    if (!si || !*si) {
        if (m->default_sample_type) {
            const char *dst = pv_str(m, m->default_sample_type);
            for (size_t i = 0; i < m->ntypes; i++)
                if (!strcmp(pv_str(m, m->sample_types[i].type), dst)) {
                    *out = (int)i;
                    return 0;
                }
        }
        *out = (int)m->ntypes - 1;
        return 0;
    }
    char *end;
    errno = 0;
    long v = strtol(si, &end, 10);
    if (*end == '\0' && errno == 0) {
        if (v < 0 || (size_t)v >= m->ntypes) {
            snprintf(err, errlen, "sample_index %s is outside the range [0..%zu]", si, m->ntypes - 1);
            return -1;
        }
        *out = (int)v;
        return 0;
    }
    const char *noinuse = strncmp(si, "inuse_", 6) == 0 ? si + 6 : si;
    for (size_t i = 0; i < m->ntypes; i++) {
        const char *t = pv_str(m, m->sample_types[i].type);
        if (!strcmp(t, si) || !strcmp(t, noinuse)) {
            *out = (int)i;
            return 0;
        }
    }
    size_t off = (size_t)snprintf(err, errlen, "sample_index \"%s\" must be one of: [", si);
    for (size_t i = 0; i < m->ntypes && off < errlen; i++)
        off += (size_t)snprintf(err + off, errlen - off, "%s%s", i ? " " : "", pv_str(m, m->sample_types[i].type));
    if (off < errlen)
        snprintf(err + off, errlen - off, "]");
    return -1;
}

/* ---------- numeric label units (pprof's NumLabelUnits) ---------- */

typedef struct {
    const pv_model *m;
    pv_strid *unit; /* per string id used as a numeric label key: its unit's id + 1, 0 if none */
    size_t nstrings;
} label_units;

/* pprof's NumLabelUnits: the first unit seen for a key, else "bytes" for alignment and
 * request, else the key itself. */
static const char *unit_of(void *ctx, pv_strid key)
{
    label_units *u = ctx;
    const char *k = pv_str(u->m, key);
    if (key < u->nstrings && u->unit && u->unit[key])
        return pv_str(u->m, u->unit[key] - 1);
    if (!strcmp(k, "alignment") || !strcmp(k, "request"))
        return "bytes";
    return k;
}

static void label_units_init(label_units *u, const pv_model *m)
{
    memset(u, 0, sizeof *u);
    u->m = m;
    u->nstrings = pv_nstrings(m);
    u->unit = calloc(u->nstrings ? u->nstrings : 1, sizeof *u->unit);
    if (!u->unit)
        return; /* degraded: every key is its own unit */
    size_t nl = m->label_off[m->nsamples];
    for (size_t i = 0; i < nl; i++) {
        const pv_label *l = &m->labels[i];
        if (!l->str && l->num_unit && l->key < u->nstrings && !u->unit[l->key])
            u->unit[l->key] = l->num_unit + 1;
    }
}

static void label_units_free(label_units *u)
{
    free(u->unit);
}

/* ---------- filters ---------- */

typedef struct {
    pv_regex focus, ignore, hide, show, show_from, prune_from, tagshow, taghide;
    pv_tagfilter tagfocus, tagignore;
    bool has_tagfocus, has_tagignore;
} filters;

static void filters_free(filters *f)
{
    pv_regex_free(&f->focus);
    pv_regex_free(&f->ignore);
    pv_regex_free(&f->hide);
    pv_regex_free(&f->show);
    pv_regex_free(&f->show_from);
    pv_regex_free(&f->prune_from);
    pv_regex_free(&f->tagshow);
    pv_regex_free(&f->taghide);
    if (f->has_tagfocus)
        pv_tagfilter_free(&f->tagfocus);
    if (f->has_tagignore)
        pv_tagfilter_free(&f->tagignore);
}

static int compile_opt(pv_regex *rx, const char *name, const char *value, char *err, size_t errlen)
{
    if (!value || !*value)
        return 0;
    char e2[256];
    if (pv_regex_compile(rx, value, e2, sizeof e2) != 0) {
        snprintf(err, errlen, "parsing %s regexp: error parsing regexp: %s", name, e2);
        return -1;
    }
    return 0;
}

static int filters_compile(filters *f, const pv_options *o, pv_selection *s, char *err, size_t errlen)
{
    memset(f, 0, sizeof *f);
    if (compile_opt(&f->focus, "focus", o->focus, err, errlen) || compile_opt(&f->ignore, "ignore", o->ignore, err, errlen) ||
        compile_opt(&f->hide, "hide", o->hide, err, errlen) || compile_opt(&f->show, "show", o->show, err, errlen) ||
        compile_opt(&f->show_from, "show_from", o->show_from, err, errlen))
        return -1;
    bool range;
    if (o->tagfocus && *o->tagfocus) {
        if (pv_tagfilter_compile(&f->tagfocus, "tagfocus", o->tagfocus, err, errlen, &range) != 0) {
            pv_tagfilter_free(&f->tagfocus);
            return -1;
        }
        f->has_tagfocus = true;
        if (range) {
            const char *v = strchr(o->tagfocus, '=');
            pv_strv_add(&s->warnings, &s->nwarnings,
                       pv_asprintf("tagfocus:Interpreted '%s' as range, not regexp", v ? v + 1 : o->tagfocus));
        }
    }
    if (o->tagignore && *o->tagignore) {
        if (pv_tagfilter_compile(&f->tagignore, "tagignore", o->tagignore, err, errlen, &range) != 0) {
            pv_tagfilter_free(&f->tagignore);
            return -1;
        }
        f->has_tagignore = true;
        if (range) {
            const char *v = strchr(o->tagignore, '=');
            pv_strv_add(&s->warnings, &s->nwarnings,
                       pv_asprintf("tagignore:Interpreted '%s' as range, not regexp", v ? v + 1 : o->tagignore));
        }
    }
    if (compile_opt(&f->prune_from, "prune_from", o->prune_from, err, errlen) ||
        compile_opt(&f->tagshow, "tagshow", o->tagshow, err, errlen) ||
        compile_opt(&f->taghide, "taghide", o->taghide, err, errlen))
        return -1;
    return 0;
}

/* Per-function and per-mapping match results for one regex: 1 = name or file matches. */
static uint8_t *match_functions(const pv_model *m, const pv_regex *rx)
{
    uint8_t *r = calloc(m->nfunctions ? m->nfunctions : 1, 1);
    if (!r)
        return NULL;
    for (size_t i = 0; i < m->nfunctions; i++)
        r[i] = pv_regex_match(rx, pv_str(m, m->functions[i].name)) ||
               pv_regex_match(rx, pv_str(m, m->functions[i].filename));
    return r;
}

static uint8_t *match_mappings(const pv_model *m, const pv_regex *rx)
{
    uint8_t *r = calloc(m->nmappings ? m->nmappings : 1, 1);
    if (!r)
        return NULL;
    for (size_t i = 0; i < m->nmappings; i++)
        r[i] = pv_regex_match(rx, pv_str(m, m->mappings[i].file));
    return r;
}

static bool loc_mapping_matches(const pv_model *m, const pv_location *loc, const uint8_t *mm)
{
    return loc->mapping != PV_NONE && loc->mapping < m->nmappings && mm[loc->mapping];
}

/* Applies focus/ignore/hide/show, show_from, tagfocus/tagignore and prune_from, in pprof's
 * order, producing the selection and per-location lines. */
static int apply_filters(pv_selection *p, const filters *f, label_units *lu, bool warn_nomatch)
{
    const pv_model *m = p->m;
    size_t nloc = m->nlocations;
    int rc = -1;

    /* working lines: start with every line of every location */
    uint32_t *ll_off = malloc((nloc + 1) * sizeof *ll_off);
    uint32_t *ll = malloc((m->nlines ? m->nlines : 1) * sizeof *ll);
    uint8_t *hidden = calloc(nloc ? nloc : 1, 1);
    uint8_t *state = calloc(nloc ? nloc : 1, 1); /* 1 focus, 2 ignore */
    uint8_t *fm_focus = NULL, *fm_ignore = NULL, *fm_hide = NULL, *fm_show = NULL;
    uint8_t *mm_focus = NULL, *mm_ignore = NULL, *mm_hide = NULL, *mm_show = NULL;
    uint8_t *sf_loc = NULL, *pf_loc = NULL;
    if (!ll_off || !ll || !hidden || !state)
        goto out;
    {
        uint32_t w = 0;
        for (size_t i = 0; i < nloc; i++) {
            ll_off[i] = w;
            for (uint32_t k = 0; k < m->locations[i].line_count; k++)
                ll[w++] = m->locations[i].line_start + k;
        }
        ll_off[nloc] = w;
    }

    if (f->focus.ok && (!(fm_focus = match_functions(m, &f->focus)) || !(mm_focus = match_mappings(m, &f->focus))))
        goto out;
    if (f->ignore.ok && (!(fm_ignore = match_functions(m, &f->ignore)) || !(mm_ignore = match_mappings(m, &f->ignore))))
        goto out;
    if (f->hide.ok && (!(fm_hide = match_functions(m, &f->hide)) || !(mm_hide = match_mappings(m, &f->hide))))
        goto out;
    if (f->show.ok && (!(fm_show = match_functions(m, &f->show)) || !(mm_show = match_mappings(m, &f->show))))
        goto out;

    bool fmatch = false, imatch = false, hmatch = false, smatch = false, any_hidden = false;
    for (size_t i = 0; i < nloc; i++) {
        const pv_location *loc = &m->locations[i];
        uint32_t b = ll_off[i], e = ll_off[i + 1];
        bool ign = false, foc = false;
        if (f->ignore.ok) {
            ign = loc_mapping_matches(m, loc, mm_ignore);
            for (uint32_t k = b; k < e && !ign; k++)
                ign = fm_ignore[m->lines[ll[k]].function];
        }
        if (ign) {
            imatch = true;
            state[i] = 2;
        } else {
            if (!f->focus.ok) {
                foc = true;
            } else {
                foc = loc_mapping_matches(m, loc, mm_focus);
                for (uint32_t k = b; k < e && !foc; k++)
                    foc = fm_focus[m->lines[ll[k]].function];
            }
            if (foc) {
                fmatch = true;
                state[i] = 1;
            }
        }
        /* hide and show rewrite the location's lines in place (the list only shrinks) */
        if (f->hide.ok) {
            bool hm = loc_mapping_matches(m, loc, mm_hide);
            for (uint32_t k = b; k < e && !hm; k++)
                hm = fm_hide[m->lines[ll[k]].function];
            if (hm) {
                hmatch = true;
                uint32_t w = b;
                if (!loc_mapping_matches(m, loc, mm_hide))
                    for (uint32_t k = b; k < e; k++)
                        if (!fm_hide[m->lines[ll[k]].function])
                            ll[w++] = ll[k];
                e = w;
                if (w == b)
                    hidden[i] = 1;
            }
        }
        if (f->show.ok) {
            uint32_t w = b;
            if (loc_mapping_matches(m, loc, mm_show)) {
                w = e;
            } else {
                for (uint32_t k = b; k < e; k++)
                    if (fm_show[m->lines[ll[k]].function])
                        ll[w++] = ll[k];
            }
            e = w;
            if (w == b)
                hidden[i] = 1;
            else
                smatch = true;
        }
        /* record the shrunken length by moving the end marker: keep a separate end array */
        if (e != ll_off[i + 1]) {
            /* compact: shift nothing, but remember the count in 'state' bits is not enough;
             * mark removed slots by UINT32_MAX */
            for (uint32_t k = e; k < ll_off[i + 1]; k++)
                ll[k] = UINT32_MAX;
        }
        if (hidden[i])
            any_hidden = true;
    }
    if (warn_nomatch) {
        if (f->focus.ok && !fmatch)
            pv_strv_add(&p->warnings, &p->nwarnings, strdup("Focus expression matched no samples"));
        if (f->ignore.ok && !imatch)
            pv_strv_add(&p->warnings, &p->nwarnings, strdup("Ignore expression matched no samples"));
        if (f->hide.ok && !hmatch)
            pv_strv_add(&p->warnings, &p->nwarnings, strdup("Hide expression matched no samples"));
        if (f->show.ok && !smatch)
            pv_strv_add(&p->warnings, &p->nwarnings, strdup("Show expression matched no samples"));
    }

    /* select samples: focused and not ignored, and not left empty by hidden locations */
    p->sel = malloc((m->nsamples ? m->nsamples : 1) * sizeof *p->sel);
    if (!p->sel)
        goto out;
    size_t nsel = 0;
    bool every = !f->ignore.ok && !f->focus.ok && !any_hidden; /* every location focused, none hidden */
    for (size_t s = 0; s < m->nsamples; s++) {
        if (every) {
            if (m->stack_off[s + 1] > m->stack_off[s])
                p->sel[nsel++] = (uint32_t)s;
            continue;
        }
        bool foc = false, drop = false, visible = false;
        for (uint64_t k = m->stack_off[s]; k < m->stack_off[s + 1]; k++) {
            uint32_t li = m->stack[k];
            if (state[li] == 2) {
                drop = true;
                break;
            }
            if (state[li] == 1)
                foc = true;
            if (!hidden[li])
                visible = true;
        }
        if (!drop && foc && visible)
            p->sel[nsel++] = (uint32_t)s;
    }

    /* show_from: keep each sample from its leaf up to the outermost matching location */
    if (f->show_from.ok) {
        uint8_t *fm = match_functions(m, &f->show_from), *mm = match_mappings(m, &f->show_from);
        sf_loc = calloc(nloc ? nloc : 1, 1);
        if (!fm || !mm || !sf_loc) {
            free(fm);
            free(mm);
            goto out;
        }
        bool matched = false;
        for (size_t i = 0; i < nloc; i++) {
            if (loc_mapping_matches(m, &m->locations[i], mm)) {
                sf_loc[i] = 1;
                matched = true;
                continue;
            }
            long last = -1;
            for (uint32_t k = ll_off[i]; k < ll_off[i + 1]; k++)
                if (ll[k] != UINT32_MAX && fm[m->lines[ll[k]].function])
                    last = (long)k;
            if (last >= 0) {
                sf_loc[i] = 1;
                matched = true;
                for (uint32_t k = (uint32_t)last + 1; k < ll_off[i + 1]; k++)
                    ll[k] = UINT32_MAX;
            }
        }
        free(fm);
        free(mm);
        if (warn_nomatch && !matched)
            pv_strv_add(&p->warnings, &p->nwarnings, strdup("ShowFrom expression matched no samples"));
        p->sb = malloc((nsel ? nsel : 1) * sizeof *p->sb);
        p->se = malloc((nsel ? nsel : 1) * sizeof *p->se);
        if (!p->sb || !p->se)
            goto out;
        size_t w = 0;
        for (size_t i = 0; i < nsel; i++) {
            uint32_t s = p->sel[i];
            uint64_t b = m->stack_off[s], e = m->stack_off[s + 1];
            for (uint64_t k = e; k-- > b;) {
                uint32_t li = m->stack[k];
                if (!hidden[li] && sf_loc[li]) {
                    p->sel[w] = s;
                    p->sb[w] = b;
                    p->se[w] = k + 1;
                    w++;
                    break;
                }
            }
        }
        nsel = w;
    }

    /* tagfocus / tagignore */
    if (f->has_tagfocus || f->has_tagignore) {
        size_t w = 0;
        bool tfm = false, tim = false;
        for (size_t i = 0; i < nsel; i++) {
            uint32_t s = p->sel[i];
            const pv_label *labs = m->labels + m->label_off[s];
            size_t nl = m->label_off[s + 1] - m->label_off[s];
            bool focused = !f->has_tagfocus || pv_tagfilter_match(&f->tagfocus, m, labs, nl, unit_of, lu);
            bool ignored = f->has_tagignore && pv_tagfilter_match(&f->tagignore, m, labs, nl, unit_of, lu);
            tfm = tfm || focused;
            tim = tim || ignored;
            if (focused && !ignored) {
                p->sel[w] = s;
                if (p->sb) {
                    p->sb[w] = p->sb[i];
                    p->se[w] = p->se[i];
                }
                w++;
            }
        }
        nsel = w;
        if (warn_nomatch && f->has_tagfocus && !tfm)
            pv_strv_add(&p->warnings, &p->nwarnings, strdup("TagFocus expression matched no samples"));
        if (warn_nomatch && f->has_tagignore && !tim)
            pv_strv_add(&p->warnings, &p->nwarnings, strdup("TagIgnore expression matched no samples"));
    }
    if (warn_nomatch && (f->tagshow.ok || f->taghide.ok)) {
        /* tagshow/taghide only remove labels, which a top report does not show; pprof still
         * warns when they match no label key */
        bool sm = false, hm = false;
        for (size_t i = 0; i < nsel && !(sm && hm); i++) {
            uint32_t s = p->sel[i];
            for (uint64_t k = m->label_off[s]; k < m->label_off[s + 1]; k++) {
                const char *key = pv_str(m, m->labels[k].key);
                if (!f->tagshow.ok || pv_regex_match(&f->tagshow, key))
                    sm = true;
                if (f->taghide.ok && pv_regex_match(&f->taghide, key))
                    hm = true;
            }
        }
        if (f->tagshow.ok && !sm)
            pv_strv_add(&p->warnings, &p->nwarnings, strdup("TagShow expression matched no samples"));
        if (f->taghide.ok && !hm)
            pv_strv_add(&p->warnings, &p->nwarnings, strdup("TagHide expression matched no samples"));
    }

    /* prune_from: drop the frames below the first (innermost) location whose line matches */
    if (f->prune_from.ok) {
        pf_loc = calloc(nloc ? nloc : 1, 1);
        if (!pf_loc)
            goto out;
        uint8_t *fp = calloc(m->nfunctions ? m->nfunctions : 1, 1);
        if (!fp)
            goto out;
        for (size_t i = 0; i < m->nfunctions; i++) {
            const char *name = pv_str(m, m->functions[i].name);
            if (!*name)
                continue;
            char *sname = pv_simplify_func(name);
            fp[i] = sname && pv_regex_match(&f->prune_from, sname);
            free(sname);
        }
        for (size_t i = 0; i < nloc; i++) {
            for (uint32_t k = ll_off[i]; k < ll_off[i + 1]; k++) {
                if (ll[k] == UINT32_MAX)
                    continue;
                if (fp[m->lines[ll[k]].function]) {
                    pf_loc[i] = 1;
                    for (uint32_t j = ll_off[i]; j < k; j++)
                        ll[j] = UINT32_MAX;
                    break;
                }
            }
        }
        free(fp);
        if (!p->sb) {
            p->sb = malloc((nsel ? nsel : 1) * sizeof *p->sb);
            p->se = malloc((nsel ? nsel : 1) * sizeof *p->se);
            if (!p->sb || !p->se)
                goto out;
            for (size_t i = 0; i < nsel; i++) {
                p->sb[i] = m->stack_off[p->sel[i]];
                p->se[i] = m->stack_off[p->sel[i] + 1];
            }
        }
        for (size_t i = 0; i < nsel; i++)
            for (uint64_t k = p->sb[i]; k < p->se[i]; k++) {
                uint32_t li = m->stack[k];
                if (!hidden[li] && pf_loc[li]) {
                    p->sb[i] = k;
                    break;
                }
            }
    }

    /* compact the working lines (drop the removed slots) */
    {
        uint32_t w = 0;
        for (size_t i = 0; i < nloc; i++) {
            uint32_t b = ll_off[i], e = ll_off[i + 1];
            ll_off[i] = w;
            for (uint32_t k = b; k < e; k++)
                if (ll[k] != UINT32_MAX)
                    ll[w++] = ll[k];
        }
        ll_off[nloc] = w;
    }
    p->nsel = nsel;
    p->ll_off = ll_off;
    p->ll = ll;
    p->hidden = hidden;
    ll_off = NULL;
    ll = NULL;
    hidden = NULL;
    (void)any_hidden;
    rc = 0;
out:
    free(ll_off);
    free(ll);
    free(hidden);
    free(state);
    free(fm_focus);
    free(fm_ignore);
    free(fm_hide);
    free(fm_show);
    free(mm_focus);
    free(mm_ignore);
    free(mm_hide);
    free(mm_show);
    free(sf_loc);
    free(pf_loc);
    return rc;
}

static int64_t compute_total(const pv_selection *p, bool selected_only)
{
    const pv_model *m = p->m;
    int64_t total = 0, div = 0, diff_total = 0, diff_div = 0;
    size_t n = selected_only ? p->nsel : m->nsamples;
    for (size_t i = 0; i < n; i++) {
        size_t s = selected_only ? p->sel[i] : i;
        int64_t v = pv_abs64(m->values[s * m->ntypes + (size_t)p->vidx]);
        int64_t d = p->didx >= 0 ? m->values[s * m->ntypes + (size_t)p->didx] : 0;
        total = pv_wadd(total, v);
        div = pv_wadd(div, d);
        if (m->base_key) { /* pprof's DiffBaseSample: the label pprof::base=true */
            for (uint64_t k = m->label_off[s]; k < m->label_off[s + 1]; k++)
                if (m->labels[k].key == m->base_key && m->labels[k].str == m->base_true) {
                    diff_total = pv_wadd(diff_total, v);
                    diff_div = pv_wadd(diff_div, d);
                    break;
                }
        }
    }
    if (diff_total > 0) {
        total = diff_total;
        div = diff_div;
    }
    if (div == -1)
        return (int64_t)(0 - (uint64_t)total); /* INT64_MIN / -1 would trap */
    return div != 0 ? total / div : total;
}


/* ---------- the selection ---------- */

pv_selection *pv_selection_build(const pv_model *m, const pv_options *opts, char *err, size_t errlen)
{
    pv_selection *s = calloc(1, sizeof *s);
    filters f;
    label_units lu;
    bool have_filters = false;
    memset(&lu, 0, sizeof lu);
    if (!s) {
        snprintf(err, errlen, "out of memory");
        return NULL;
    }
    s->m = m;
    if (pv_options_copy(&s->o, opts) != 0)
        goto oom;
    const pv_options *o = &s->o;
    /* pprof makes the label frames before the filters, so that they can match them */
    if (pv_tagroot_apply(m, o->tagroot, o->tagleaf, o->unit, &s->own_model, &s->warnings, &s->nwarnings) != 0)
        goto oom;
    if (s->own_model)
        s->m = m = s->own_model;
    if (pv_sample_index(m, o->sample_index, &s->vidx, err, errlen) != 0)
        goto fail;
    s->didx = o->mean ? 0 : -1;
    const pv_value_type *vt = &m->sample_types[s->vidx];
    s->sample_type = o->mean ? pv_asprintf("mean_%s", pv_str(m, vt->type)) : strdup(pv_str(m, vt->type));
    s->sample_unit = strdup(pv_str(m, vt->unit));
    if (!s->sample_type || !s->sample_unit)
        goto oom;
    if (o->divide_by == 0) {
        snprintf(err, errlen, "zero divisor specified");
        goto fail;
    }
    s->ratio = 1 / o->divide_by;
    if (filters_compile(&f, o, s, err, errlen) != 0) {
        filters_free(&f);
        goto fail;
    }
    have_filters = true;
    label_units_init(&lu, m);
    if (!o->relative_percentages)
        s->total = compute_total(s, false);
    if (apply_filters(s, &f, &lu, true) != 0)
        goto oom;
    if (o->relative_percentages)
        s->total = compute_total(s, true);
    /* keep tagshow/taghide and the label units for the reports that print labels */
    s->tagshow = f.tagshow;
    s->taghide = f.taghide;
    memset(&f.tagshow, 0, sizeof f.tagshow);
    memset(&f.taghide, 0, sizeof f.taghide);
    s->label_unit = lu.unit;
    s->nstrings = lu.nstrings;
    lu.unit = NULL;
    filters_free(&f);
    return s;
oom:
    snprintf(err, errlen, "out of memory");
fail:
    if (have_filters)
        filters_free(&f);
    label_units_free(&lu);
    pv_selection_free(s);
    return NULL;
}

void pv_selection_free(pv_selection *s)
{
    if (!s)
        return;
    pv_options_free(&s->o);
    pv_model_free(s->own_model);
    free(s->sel);
    free(s->sb);
    free(s->se);
    free(s->hidden);
    free(s->ll_off);
    free(s->ll);
    free(s->sample_type);
    free(s->sample_unit);
    pv_strv_free(s->warnings, s->nwarnings);
    pv_regex_free(&s->tagshow);
    pv_regex_free(&s->taghide);
    free(s->label_unit);
    free(s);
}

bool pv_selection_label_shown(const pv_selection *s, pv_strid key)
{
    const char *k = pv_str(s->m, key);
    if (s->tagshow.ok && !pv_regex_match(&s->tagshow, k))
        return false;
    if (s->taghide.ok && pv_regex_match(&s->taghide, k))
        return false;
    return true;
}

const char *pv_selection_label_unit(const pv_selection *s, pv_strid key)
{
    label_units u = {s->m, s->label_unit, s->nstrings};
    return unit_of(&u, key);
}
