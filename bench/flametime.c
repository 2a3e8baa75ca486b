/* Times the flame product's steps on one profile: load, selection, graph, flame tree (and
 * its sandwich halves on the heaviest child of the root), search share, folded output to
 * /dev/null. Not a test: see bench/README.md. usage: flametime PROFILE [REGEX] */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "profile/flame.h"
#include "profile/load.h"

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        fprintf(stderr, "usage: flametime PROFILE [REGEX]\n");
        return 2;
    }
    char err[512];
    pv_load_opts lo = {0};
    double t0 = now();
    pv_model *m = pv_load((const char *const *)&argv[1], 1, &lo, err, sizeof err);
    if (!m) {
        fprintf(stderr, "flametime: %s\n", err);
        return 1;
    }
    double t1 = now();
    pv_options o;
    pv_options_init(&o);
    pv_selection *s = pv_selection_build(m, &o, err, sizeof err);
    double t2 = now();
    pv_graph *g = s ? pv_graph_build(s, o.granularity, o.noinlines, err, sizeof err) : NULL;
    double t3 = now();
    pv_flame_opts fo = {.kind = PV_FLAME_TREE, .sort = true};
    pv_flame *f = g ? pv_flame_build(s, g, &fo, err, sizeof err) : NULL;
    double t4 = now();
    if (!f) {
        fprintf(stderr, "flametime: %s\n", err);
        return 1;
    }
    uint32_t top = f->nodes[0].nchild ? f->children[f->nodes[0].child_off] : 0;
    pv_flame_opts co = {.kind = PV_FLAME_CALLERS, .focus = f->nodes[top].gnode, .sort = true};
    pv_flame *callers = pv_flame_build(s, g, &co, err, sizeof err);
    co.kind = PV_FLAME_CALLEES;
    pv_flame *callees = pv_flame_build(s, g, &co, err, sizeof err);
    double t5 = now();
    pv_regex rx;
    int64_t matched = 0;
    uint8_t *match = malloc(f->nnodes);
    if (pv_regex_compile(&rx, argc > 2 ? argv[2] : "1", err, sizeof err) == 0) {
        pv_flame_search(f, &rx, match, &matched);
        pv_regex_free(&rx);
    }
    double t6 = now();
    FILE *null = fopen("/dev/null", "w");
    pv_flame_print_folded(null, f);
    fclose(null);
    double t7 = now();
    printf("samples %zu, tree nodes %zu, depth %u\n", s->nsel, f->nnodes, f->max_depth);
    printf("load %.3f s\nselection %.3f s\ngraph %.3f s\nflame tree %.3f s\nselection+graph+tree %.3f s\n"
           "sandwich (both halves) %.3f s\nsearch %.3f s\nfolded to /dev/null %.3f s\n",
           t1 - t0, t2 - t1, t3 - t2, t4 - t3, t4 - t1, t5 - t4, t6 - t5, t7 - t6);
    free(match);
    pv_flame_free(callers);
    pv_flame_free(callees);
    pv_flame_free(f);
    pv_graph_free(g);
    pv_selection_free(s);
    pv_options_free(&o);
    pv_model_free(m);
    return 0;
}
