/* Runners of the call graph reports (tree, peek, dot, svg/png/pdf, callgrind, comments). */
#include "cli/report_graph.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "cli/reports.h"
#include "profile/callgraph.h"
#include "profile/tree.h"

static void warnings(FILE *warn, const pv_selection *s)
{
    for (size_t i = 0; i < s->nwarnings; i++)
        pv_print_escaped(warn, "", s->warnings[i]);
}

static int tree_or_peek(FILE *out, FILE *warn, const pv_model *m, pv_options *o, const char *arg, char *err,
                        size_t errlen)
{
    pv_tree *t = pv_tree_build(m, o, arg, err, errlen);
    if (!t)
        return -1;
    warnings(warn, t->cg->sel);
    int rc = pv_print_tree(out, t, err, errlen);
    pv_tree_free(t);
    return rc;
}

int pv_run_tree(FILE *out, FILE *warn, const pv_model *m, pv_options *o, const char *arg, char *err, size_t errlen)
{
    (void)arg;
    return tree_or_peek(out, warn, m, o, NULL, err, errlen);
}

int pv_run_peek(FILE *out, FILE *warn, const pv_model *m, pv_options *o, const char *arg, char *err, size_t errlen)
{
    return tree_or_peek(out, warn, m, o, arg ? arg : "", err, errlen);
}

static int graph_report(FILE *out, FILE *warn, const pv_model *m, pv_options *o, pv_cg_kind kind, char *err,
                        size_t errlen)
{
    pv_callgraph *cg = pv_callgraph_build(m, o, kind, err, errlen);
    if (!cg)
        return -1;
    warnings(warn, cg->sel);
    if (kind == PV_CG_DOT)
        pv_print_dot(out, cg);
    else
        pv_print_callgrind(out, cg);
    pv_callgraph_free(cg);
    return 0;
}

int pv_run_dot(FILE *out, FILE *warn, const pv_model *m, pv_options *o, const char *arg, char *err, size_t errlen)
{
    (void)arg;
    return graph_report(out, warn, m, o, PV_CG_DOT, err, errlen);
}

int pv_run_callgrind(FILE *out, FILE *warn, const pv_model *m, pv_options *o, const char *arg, char *err,
                     size_t errlen)
{
    (void)arg;
    return graph_report(out, warn, m, o, PV_CG_CALLGRIND, err, errlen);
}

/* Graphviz's dot on PATH, as pprof's invokeDot runs it. */
static bool have_dot(void)
{
    const char *path = getenv("PATH");
    if (!path || !*path)
        path = "/usr/local/bin:/usr/bin:/bin";
    const char *p = path;
    while (*p) {
        const char *c = strchr(p, ':');
        size_t l = c ? (size_t)(c - p) : strlen(p);
        char *f = malloc(l + 5);
        if (f) {
            memcpy(f, l ? p : ".", l ? l : 1);
            strcpy(f + (l ? l : 1), "/dot");
            bool ok = access(f, X_OK) == 0;
            free(f);
            if (ok)
                return true;
        }
        p += l;
        if (*p == ':')
            p++;
    }
    return false;
}

/* The dot report through `dot -Tformat`. */
static int graphviz(FILE *out, FILE *warn, const pv_model *m, pv_options *o, const char *format, char *err,
                    size_t errlen)
{
#ifdef FUZZING_BUILD_MODE_UNSAFE_FOR_PRODUCTION
    bool fuzzing = true; /* a fuzzer runs no programs: as if dot were missing */
#else
    bool fuzzing = false;
#endif
    if (fuzzing || !have_dot()) {
        snprintf(err, errlen, "-%s needs Graphviz's dot program, which is not installed (Debian: apt-get install graphviz)",
                 format);
        return -1;
    }
    FILE *tmp = tmpfile();
    if (!tmp) {
        snprintf(err, errlen, "temporary file: %s", strerror(errno));
        return -1;
    }
    if (graph_report(tmp, warn, m, o, PV_CG_DOT, err, errlen) != 0) {
        fclose(tmp);
        return -1;
    }
    fflush(tmp);
    rewind(tmp);
    fflush(out);
    pid_t pid = fork();
    if (pid < 0) {
        snprintf(err, errlen, "fork: %s", strerror(errno));
        fclose(tmp);
        return -1;
    }
    if (pid == 0) {
        char arg[32];
        snprintf(arg, sizeof arg, "-T%s", format);
        if (dup2(fileno(tmp), 0) < 0 || dup2(fileno(out), 1) < 0)
            _exit(127);
        execlp("dot", "dot", arg, (char *)NULL);
        _exit(127);
    }
    fclose(tmp);
    int st;
    while (waitpid(pid, &st, 0) < 0 && errno == EINTR)
        ;
    if (!WIFEXITED(st) || WEXITSTATUS(st) != 0) {
        snprintf(err, errlen, "failed to execute dot. Is Graphviz installed? (dot -T%s exited with status %d)", format,
                 WIFEXITED(st) ? WEXITSTATUS(st) : -1);
        return -1;
    }
    return 0;
}

int pv_run_svg(FILE *out, FILE *warn, const pv_model *m, pv_options *o, const char *arg, char *err, size_t errlen)
{
    (void)arg;
    return graphviz(out, warn, m, o, "svg", err, errlen);
}

int pv_run_png(FILE *out, FILE *warn, const pv_model *m, pv_options *o, const char *arg, char *err, size_t errlen)
{
    (void)arg;
    return graphviz(out, warn, m, o, "png", err, errlen);
}

int pv_run_pdf(FILE *out, FILE *warn, const pv_model *m, pv_options *o, const char *arg, char *err, size_t errlen)
{
    (void)arg;
    return graphviz(out, warn, m, o, "pdf", err, errlen);
}

/* pprof's printComments: every comment of the profile, one per line. */
int pv_run_comments(FILE *out, FILE *warn, const pv_model *m, pv_options *o, const char *arg, char *err,
                    size_t errlen)
{
    (void)warn, (void)o, (void)arg, (void)err, (void)errlen;
    for (size_t i = 0; i < m->ncomments; i++)
        fprintf(out, "%s\n", pv_str(m, m->comments[i]));
    return 0;
}
