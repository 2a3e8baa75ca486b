/* -folded and -flame: the flame product printed as collapsed stacks or as a text graph. */
#include <stdio.h>
#include <stdlib.h>

#include "cli/reports.h"
#include "profile/flame.h"
#include "profile/graph.h"
#include "profile/selection.h"

/* Builds the selection, the graph and the sorted flame tree; NULL with err on failure. */
static pv_flame *build(const pv_model *m, pv_options *o, pv_selection **sel, pv_graph **g, FILE *warn, char *err,
                       size_t errlen)
{
    *g = NULL;
    *sel = pv_selection_build(m, o, err, errlen);
    if (!*sel)
        return NULL;
    for (size_t i = 0; i < (*sel)->nwarnings; i++)
        pv_print_escaped(warn, "", (*sel)->warnings[i]);
    *g = pv_graph_build(*sel, o->granularity, o->noinlines, err, errlen);
    if (!*g)
        return NULL;
    pv_flame_opts fo = {.kind = PV_FLAME_TREE, .sort = true};
    return pv_flame_build(*sel, *g, &fo, err, errlen);
}

static void done(pv_flame *f, pv_selection *s, pv_graph *g)
{
    pv_flame_free(f);
    pv_graph_free(g);
    pv_selection_free(s);
}

int pv_run_folded(FILE *out, FILE *warn, const pv_model *m, pv_options *o, const char *arg, char *err,
                  size_t errlen)
{
    (void)arg;
    pv_selection *s;
    pv_graph *g;
    pv_flame *f = build(m, o, &s, &g, warn, err, errlen);
    int rc = f ? pv_flame_print_folded(out, f) : -1;
    if (f && rc != 0)
        snprintf(err, errlen, "write error");
    done(f, s, g);
    return rc;
}

int pv_run_flame(FILE *out, FILE *warn, const pv_model *m, pv_options *o, const char *arg, char *err,
                 size_t errlen)
{
    (void)arg;
    if (o->width < 1 || o->width > 100000) {
        snprintf(err, errlen, "-width must be between 1 and 100000 (got %d)", o->width);
        return -1;
    }
    pv_selection *s;
    pv_graph *g;
    pv_flame *f = build(m, o, &s, &g, warn, err, errlen);
    if (!f) {
        done(f, s, g);
        return -1;
    }
    char *unit = pv_selection_output_unit(s, pv_flame_total(f, 0));
    char total[64];
    pv_selection_format(s, unit, pv_flame_total(f, 0), total, sizeof total);
    char *title = NULL;
    size_t tl = 0;
    FILE *t = open_memstream(&title, &tl);
    if (t) {
        fprintf(t, "Flame graph of %s, %s in %zu samples; root at the bottom, width %d", s->sample_type, total,
                s->nsel, o->width);
        fclose(t);
    }
    int rc = pv_flame_print_text(out, f, o->width, title);
    if (rc != 0)
        snprintf(err, errlen, "%s", ferror(out) ? "write error" : "out of memory");
    free(title);
    free(unit);
    done(f, s, g);
    return rc;
}
