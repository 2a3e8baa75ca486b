/* The selection: which samples count, with which value, and which frames are hidden, after
 * pprof's filters in pprof's order (focus/ignore/hide/show, show_from, tagfocus/tagignore,
 * prune_from). Every report is built over one selection; the model stays read-only.
 *
 * pprof mutates a copy of the profile (location lines, sample stacks). Here the filters
 * produce: the selected sample indices, per selected sample the stack bounds that survive
 * show_from/prune_from, per location the lines that survive hide/show/show_from/prune_from,
 * and the locations left with no line at all (hidden). */
#ifndef PVIEW_PROFILE_SELECTION_H
#define PVIEW_PROFILE_SELECTION_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "profile/filter.h"
#include "profile/model.h"
#include "profile/options.h"

typedef struct pv_selection {
    const pv_model *m; /* the model the reports read: the one built over, or with tagroot/tagleaf
                        * the selection's own derived model (profile/tagroot.h) whose stacks
                        * carry pseudo frames; valid until pv_selection_free() */
    pv_model *own_model; /* the derived model, or NULL */
    pv_options o;      /* a copy of the settings it was built with */
    int vidx;          /* the sample value index */
    int didx;          /* -mean: the divisor's value index (0), else -1 */

    /* selected samples, in model order */
    uint32_t *sel;
    size_t nsel;
    /* per selected sample i: its stack is m->stack[sb[i] .. se[i]) (leaf first); NULL when
     * every bound is the model's (m->stack_off[sel[i]] .. m->stack_off[sel[i]+1]) */
    uint64_t *sb, *se;
    /* per location: 1 when no line of it survives (the frame is skipped) */
    uint8_t *hidden;
    /* per location li: the surviving line indices (into m->lines) are
     * ll[ll_off[li] .. ll_off[li+1]), innermost first */
    uint32_t *ll_off, *ll;

    int64_t total;     /* pprof's total: all samples, or the selected ones with
                        * relative_percentages; the base samples with diff_base */
    char *sample_type; /* shown type ("mean_" prefix with -mean) */
    char *sample_unit;
    double ratio;      /* 1/divide_by */
    char **warnings;   /* pprof's "X expression matched no samples" and the like */
    size_t nwarnings;

    /* tagshow/taghide, compiled (ok == 0 when unset) */
    pv_regex tagshow, taghide;
    pv_strid *label_unit; /* per string id used as a numeric label key: its unit's id + 1 */
    size_t nstrings;
} pv_selection;

/* Builds the selection over m (not owned; must outlive the selection). With tagroot or
 * tagleaf set, first derives a model with pprof's label pseudo frames, as pprof does before
 * any filter. Returns NULL with a one-line message in err on bad settings (bad
 * regex, unknown sample index, zero divisor). Free with pv_selection_free(). */
pv_selection *pv_selection_build(const pv_model *m, const pv_options *o, char *err, size_t errlen);
void pv_selection_free(pv_selection *s);

/* The value of selected sample i (before -mean), and its -mean divisor (0 without -mean). */
static inline int64_t pv_selection_value(const pv_selection *s, size_t i)
{
    return s->m->values[(size_t)s->sel[i] * s->m->ntypes + (size_t)s->vidx];
}
static inline int64_t pv_selection_divisor(const pv_selection *s, size_t i)
{
    return s->didx < 0 ? 0 : s->m->values[(size_t)s->sel[i] * s->m->ntypes + (size_t)s->didx];
}
/* The stack bounds of selected sample i in m->stack (leaf first). */
static inline void pv_selection_stack(const pv_selection *s, size_t i, uint64_t *b, uint64_t *e)
{
    *b = s->sb ? s->sb[i] : s->m->stack_off[s->sel[i]];
    *e = s->se ? s->se[i] : s->m->stack_off[s->sel[i] + 1];
}

/* pprof's SampleIndexByName: "" is the default type (else the last), a number is an index,
 * a name (with or without "inuse_") a type. 0, or -1 with pprof's message in err. */
int pv_sample_index(const pv_model *m, const char *si, int *out, char *err, size_t errlen);

/* Whether a label key is shown after tagshow/taghide. */
bool pv_selection_label_shown(const pv_selection *s, pv_strid key);

/* pprof's NumLabelUnits for a numeric label key: the first unit seen for the key, else
 * "bytes" for alignment and request, else the key itself. Valid until the model is freed. */
const char *pv_selection_label_unit(const pv_selection *s, pv_strid key);

/* Formats v as pprof does with this selection's unit and divide_by, in output_unit
 * ("minimum" and "auto" pick one). */
void pv_selection_format(const pv_selection *s, const char *output_unit, int64_t v, char *out, size_t len);

/* pprof's "minimum" output unit for a report whose smallest non-zero value is minv. */
char *pv_selection_output_unit(const pv_selection *s, int64_t minv);

/* pprof's ProfileLabels, the header lines every report prints above its body: File,
 * Build ID, comments, Type, Time, Duration. Appended to *labels (pv_strv_add). */
void pv_selection_header(const pv_selection *s, const char *output_unit, char ***labels, size_t *n);

/* pprof's "Active filters:" lines (focus, ignore, hide, show, show_from, tag filters). */
void pv_selection_filters_header(const pv_selection *s, char ***labels, size_t *n);

/* Applies pprof's drop_frames/keep_frames to the model, once, after loading (and after
 * symbolization). Returns 0, or -1 with a message if the profile's regexes are bad. */
int pv_model_drop_frames(pv_model *m, char *err, size_t errlen);

#endif
