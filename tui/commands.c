/* The `:` commands in pprof's words. */
#include "tui/commands.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "profile/util.h"
#include "tui/state.h"

static char *cat_regex(char *a, const char *b)
{
    if (!a || !*a) {
        free(a);
        return strdup(b);
    }
    char *r = pv_asprintf("%s|%s", a, b);
    free(a);
    return r;
}

/* top, top20 -cum REGEX -REGEX: the top table sorted as asked; REGEX and -REGEX become a
 * focus/ignore step. A count is pprof's one-shot row limit: the table keeps every row and
 * the selection goes to the first (no hidden limit stays behind). */
static unsigned cmd_top(pv_app *a, char **tok, size_t ntok, const char *line)
{
    bool cum = false;
    char *focus = NULL, *ignore = NULL;
    for (size_t i = 1; i < ntok; i++) {
        char *end;
        strtol(tok[i], &end, 10);
        if (!*end && end != tok[i]) continue;
        if (!strcmp(tok[i], "-cum") || !strcmp(tok[i], "--cum")) cum = true;
        else if (tok[i][0] == '-') ignore = cat_regex(ignore, tok[i] + 1);
        else focus = cat_regex(focus, tok[i]);
    }
    const char *names[3], *values[3];
    size_t n = 0;
    names[n] = "sort";
    values[n++] = cum ? "cum" : "flat";
    char *f = NULL, *ig = NULL;
    if (focus) {
        f = a->opts->focus && *a->opts->focus ? pv_asprintf("%s|%s", a->opts->focus, focus) : strdup(focus);
        names[n] = "focus";
        values[n++] = f ? f : "";
    }
    if (ignore) {
        ig = a->opts->ignore && *a->opts->ignore ? pv_asprintf("%s|%s", a->opts->ignore, ignore) : strdup(ignore);
        names[n] = "ignore";
        values[n++] = ig ? ig : "";
    }
    unsigned ch;
    if (n == 1 && a->opts->cum == cum && !a->sort_by_name) ch = PV_CH_DRAW; /* already so */
    else ch = pv_app_set(a, line, names, values, n);
    free(focus);
    free(ignore);
    free(f);
    free(ig);
    while (a->nviews > 1) pv_app_close_top(a);
    a->views[0].sel = a->views[0].top = 0;
    return ch;
}

static unsigned cmd_sort(pv_app *a, char **tok, size_t ntok, const char *line)
{
    (void)ntok;
    (void)line;
    const char *names[] = {"sort"};
    const char *values[] = {tok[0]};
    if (a->opts->cum == !strcmp(tok[0], "cum") && !a->sort_by_name) return PV_CH_DRAW;
    return pv_app_set(a, tok[0], names, values, 1);
}

/* The first row of the top table whose name matches re, or -1. */
static long first_match(pv_app *a, const char *re)
{
    pv_regex rx;
    char err[256];
    if (pv_regex_compile(&rx, re, err, sizeof err)) {
        pv_app_message(a, PV_ROLE_ERROR, "parsing argument regexp %s: %s", re, err);
        return -2;
    }
    long found = -1;
    for (size_t i = 0; a->report && i < a->report->nrows && found < 0; i++)
        if (pv_regex_match(&rx, a->report->rows[i].name)) found = (long)i;
    pv_regex_free(&rx);
    return found;
}

/* peek RE: the peek view of the first (heaviest) function matching RE */
static unsigned cmd_view_re(pv_app *a, char **tok, size_t ntok, const char *line)
{
    (void)line;
    if (ntok < 2) {
        pv_app_message(a, PV_ROLE_ERROR, "command %s requires an argument", tok[0]);
        return PV_CH_DRAW;
    }
    /* list takes the regex itself (every matching function, as pprof's list, which says
     * pprof's words when nothing matches); peek opens the heaviest matching row */
    if (!strcmp(tok[0], "list") && pv_view_find("list")) return pv_app_open(a, "list", tok[1]);
    long i = first_match(a, tok[1]);
    if (i == -2) return PV_CH_DRAW;
    if (i < 0) {
        pv_app_message(a, PV_ROLE_ERROR, "no function matches %s", tok[1]);
        return PV_CH_DRAW;
    }
    if (!pv_view_find(tok[0])) {
        pv_app_message(a, PV_ROLE_ERROR, "%s: not available in the interactive view yet (pview -%s=RE prints it)",
                       tok[0], tok[0]);
        return PV_CH_DRAW;
    }
    a->views[0].sel = (size_t)i;
    return pv_app_open(a, tok[0], a->report->rows[i].name);
}

static unsigned cmd_view(pv_app *a, char **tok, size_t ntok, const char *line)
{
    (void)ntok;
    (void)line;
    const char *name = tok[0];
    if (!strcmp(name, "o")) name = "options";
    bool web = !strcmp(name, "web");
    if (web) name = "flame";
    if (!pv_view_find(name)) {
        pv_app_message(a, PV_ROLE_ERROR, "%s: not available in the interactive view yet (pview -%s prints it)",
                       tok[0], tok[0]);
        return PV_CH_DRAW;
    }
    unsigned ch = pv_app_open(a, name, NULL);
    if (web) pv_app_message(a, PV_ROLE_MESSAGE, "web: the flame view is pview's web view");
    return ch;
}

static unsigned cmd_save(pv_app *a, char **tok, size_t ntok, const char *line)
{
    (void)line;
    return pv_app_save(a, ntok > 1 ? tok[1] : NULL);
}

/* sandwich [NAME]: the function named, else the selected row's */
static unsigned cmd_sandwich(pv_app *a, char **tok, size_t ntok, const char *line)
{
    pv_view *v = pv_app_view(a);
    const char *name = NULL;
    if (ntok > 1) {
        name = strstr(line, tok[1]); /* the rest of the line, spaces and all */
    } else if (v->ops->row_name && v->ops->nrows(v)) {
        name = v->ops->row_name(v, v->sel);
    }
    if (!name) {
        pv_app_message(a, PV_ROLE_ERROR, "sandwich: no function selected");
        return PV_CH_DRAW;
    }
    char *copy = strdup(name);
    unsigned ch = copy ? pv_app_open(a, "flame", copy) : PV_CH_DRAW;
    free(copy);
    return ch;
}

static unsigned cmd_quit(pv_app *a, char **tok, size_t ntok, const char *line)
{
    (void)a, (void)tok, (void)ntok, (void)line;
    return PV_CH_QUIT;
}

static unsigned cmd_clear(pv_app *a, char **tok, size_t ntok, const char *line)
{
    (void)tok, (void)ntok, (void)line;
    const char *names[] = {"focus", "ignore", "hide", "tagfocus", "tagignore"};
    const char *values[] = {"", "", "", "", ""};
    return pv_app_set(a, ":", names, values, 5);
}

const pv_command_def pv_commands[] = {
    {"top", "[n] [-cum] [RE]* [-RE]*", "The top table, sorted by flat (or cum); RE focuses, -RE ignores", cmd_top},
    {"text", "[n] [-cum] [RE]* [-RE]*", "Same as top", cmd_top},
    {"peek", "RE", "Callers and callees of the heaviest function matching RE", cmd_view_re},
    {"list", "RE", "Annotated source of the heaviest function matching RE", cmd_view_re},
    {"traces", "", "Every sample's stack, heaviest first", cmd_view},
    {"tags", "", "Label keys and values with their shares", cmd_view},
    {"flame", "", "The flame graph", cmd_view},
    {"sandwich", "[NAME]", "Callers and callees of a function (default: the selected one) as flames", cmd_sandwich},
    {"web", "", "The flame graph (pprof's browser view)", cmd_view},
    {"save", "[FILE]", "Save the view as text (default pview.VIEW.N.txt)", cmd_save},
    {"cum", "", "Sort by cumulative value", cmd_sort},
    {"flat", "", "Sort by flat value", cmd_sort},
    {":", "", "Clear focus, ignore, hide, tagfocus and tagignore", cmd_clear},
    {"options", "", "The current settings (also o)", cmd_view},
    {"o", "", "The current settings", cmd_view},
    {"help", "", "Keys and commands", cmd_view},
    {"quit", "", "Quit (also q, exit)", cmd_quit},
    {"q", "", "Quit", cmd_quit},
    {"exit", "", "Quit", cmd_quit},
    {NULL, NULL, NULL, NULL},
};

static char *trim_dup(const char *s)
{
    while (isspace((unsigned char)*s)) s++;
    size_t n = strlen(s);
    while (n && isspace((unsigned char)s[n - 1])) n--;
    return strndup(s, n);
}

static bool is_sample_type(const pv_app *a, const char *name)
{
    for (size_t i = 0; i < a->model->ntypes; i++)
        if (!strcmp(pv_str(a->model, a->model->sample_types[i].type), name)) return true;
    return false;
}

static unsigned set_one(pv_app *a, const char *name, const char *value)
{
    char *label = pv_asprintf("%s=%s", name, value);
    const char *names[] = {name};
    const char *values[] = {value};
    unsigned ch = pv_app_set(a, label ? label : name, names, values, 1);
    free(label);
    return ch;
}

static unsigned run_tokens(pv_app *a, char *line, const char *whole, bool eq);

/* :diff_base=FILE and :base=FILE load the profile again against FILE (empty: no base). The
 * reports kept for undo belong to the old model: they are dropped (undo rebuilds). */
static char *trim_dup(const char *s);

/* The warnings of a reload: kept in the app (stderr is under the screen); the first new one
 * is said on the message line. */
typedef struct {
    pv_app *a;
    const char *first; /* the first new warning (kept in a->warnings) */
    size_t more;       /* new ones after it */
} reload_warnings;

static void on_reload_warning(void *ctx, const char *msg)
{
    reload_warnings *w = ctx;
    if (!pv_app_warn(w->a, msg)) return;
    if (w->first) w->more++;
    else w->first = w->a->warnings[w->a->nwarnings - 1];
}

static unsigned cmd_base(pv_app *a, const char *name, const char *file)
{
    if (!a->cfg || !a->cfg->reload) {
        pv_app_message(a, PV_ROLE_ERROR, "%s: cannot load profiles here", name);
        return PV_CH_DRAW;
    }
    char err[1024] = "";
    bool diff = !strcmp(name, "diff_base");
    const char *files[1] = {file};
    reload_warnings w = {a, NULL, 0};
    pv_model *m = a->cfg->reload(a->cfg->reload_ctx, *file ? files : NULL, *file ? 1 : 0, diff, on_reload_warning, &w,
                                 err, sizeof err);
    if (!m) {
        if (err[0] || !w.first) pv_app_message(a, PV_ROLE_ERROR, "%s", err[0] ? err : "cannot load the profile");
        else pv_app_message(a, PV_ROLE_ERROR, "%s", w.first);
        return PV_CH_DRAW;
    }
    free(a->base_label);
    a->base_label = *file ? pv_asprintf("%s=%s", name, file) : NULL;
    unsigned ch = pv_app_replace_model(a, m, *file != 0);
    if (w.first) /* news of the load (a binary not found...) beats the hint */
        pv_app_message(a, PV_ROLE_ERROR, "%s%s", w.first, w.more ? " (more warnings: :options lists them)" : "");
    else if (*file)
        pv_app_message(a, PV_ROLE_MESSAGE, "comparing with %s: growth and shrinkage in their colours", file);
    return ch;
}

/* :refresh=30s (0 or off stops) */
static unsigned cmd_refresh(pv_app *a, const char *value)
{
    char *end;
    double v = strtod(value, &end);
    double mul = !*end || !strcmp(end, "s") ? 1000 : !strcmp(end, "ms") ? 1 : !strcmp(end, "m") ? 60000 : -1;
    if (!strcmp(value, "off")) v = 0, mul = 1;
    else if (end == value || mul < 0 || v < 0) {
        pv_app_message(a, PV_ROLE_ERROR, "refresh=%s: want a duration such as 30s, 1m, 500ms (0 or off stops)", value);
        return PV_CH_DRAW;
    }
    if (pv_app_live_period(a, (int)(v * mul)) != 0) return PV_CH_DRAW;
    pv_app_message(a, PV_ROLE_MESSAGE, v > 0 ? "refreshing every %s (p pauses, c shows the change)" : "refresh stopped%s",
                   v > 0 ? value : "");
    return PV_CH_DRAW;
}

static unsigned run_words(pv_app *a, char *line)
{
    if (!strcmp(line, ":")) return cmd_clear(a, NULL, 0, line);
    char *eq = strchr(line, '=');
    if (eq && !strncmp(line, "refresh", 7) && eq == line + 7) {
        char *value = trim_dup(eq + 1);
        unsigned ch = value ? cmd_refresh(a, value) : PV_CH_DRAW;
        free(value);
        return ch;
    }
    if (eq && (!strncmp(line, "diff_base", 9) || !strncmp(line, "base", 4))) {
        char *name = strndup(line, (size_t)(eq - line)), *tn = name ? trim_dup(name) : NULL;
        char *value = trim_dup(eq + 1);
        unsigned ch = PV_CH_NONE;
        bool mine = tn && (!strcmp(tn, "diff_base") || !strcmp(tn, "base"));
        if (mine) ch = cmd_base(a, tn, value ? value : "");
        free(name);
        free(tn);
        free(value);
        if (mine) return ch;
    }
    if (eq) {
        char *name = strndup(line, (size_t)(eq - line)), *value = trim_dup(eq + 1);
        char *tn = name ? trim_dup(name) : NULL;
        unsigned ch = PV_CH_NONE;
        bool known = tn && (pv_setting_find(tn) || pv_setting_alias_find(tn));
        if (known) ch = set_one(a, tn, value ? value : "");
        free(name);
        free(value);
        free(tn);
        if (known) return ch;
    }
    char *whole = strdup(line); /* the line as typed, for labels (strtok cuts line) */
    if (!whole) return PV_CH_DRAW;
    unsigned ch = run_tokens(a, line, whole, eq != NULL);
    free(whole);
    return ch;
}

static unsigned run_tokens(pv_app *a, char *line, const char *whole, bool eq)
{
    char *tok[64];
    size_t ntok = 0;
    for (char *t = strtok(line, " \t"); t && ntok < 64; t = strtok(NULL, " \t")) tok[ntok++] = t;
    if (!ntok) return PV_CH_DRAW;
    const char *cmd = tok[0];
    for (const pv_command_def *c = pv_commands; c->name; c++)
        if (!strcmp(c->name, cmd)) return c->run(a, tok, ntok, whole);
    /* top20, text5 */
    size_t l = strlen(cmd), d = l;
    while (d && isdigit((unsigned char)cmd[d - 1])) d--;
    if (d < l && ((d == 3 && !strncmp(cmd, "top", 3)) || (d == 4 && !strncmp(cmd, "text", 4))))
        return cmd_top(a, tok, ntok, whole);
    if (ntok == 1 && is_sample_type(a, cmd)) return set_one(a, "sample_index", cmd);
    if (ntok == 1 && !strncmp(cmd, "mean_", 5) && is_sample_type(a, cmd + 5)) {
        const char *names[] = {"mean", "sample_index"};
        const char *values[] = {"true", cmd + 5};
        return pv_app_set(a, cmd, names, values, 2);
    }
    if (ntok == 1 && !strncmp(cmd, "total_", 6) && is_sample_type(a, cmd + 6)) {
        const char *names[] = {"mean", "sample_index"};
        const char *values[] = {"false", cmd + 6};
        return pv_app_set(a, cmd, names, values, 2);
    }
    const pv_setting *s = pv_setting_find(cmd);
    if (s || pv_setting_alias_find(cmd)) {
        if (s && s->type != PV_SET_BOOL && ntok > 1)
            pv_app_message(a, PV_ROLE_ERROR, "did you mean: %s=%s", cmd, tok[1]);
        else if (s && s->type != PV_SET_BOOL)
            pv_app_message(a, PV_ROLE_ERROR, "please specify a value, e.g. %s=<val>", cmd);
        else
            return set_one(a, cmd, "true");
        return PV_CH_DRAW;
    }
    static const char *const batch_only[] = {"disasm", "weblist", "tree", "raw", "dot", "svg", "png", "pdf",
                                             "callgrind", "kcachegrind", "proto", "gv", "comments", "topproto",
                                             NULL};
    for (size_t i = 0; batch_only[i]; i++)
        if (!strcmp(cmd, batch_only[i])) {
            pv_app_message(a, PV_ROLE_ERROR, "%s: a batch report: pview -%s prints it", cmd, cmd);
            return PV_CH_DRAW;
        }
    pv_app_message(a, PV_ROLE_ERROR, "unrecognized command: \"%s\"", eq ? whole : cmd);
    return PV_CH_DRAW;
}

unsigned pv_command(pv_app *a, const char *input)
{
    char *line = trim_dup(input);
    if (!line) return PV_CH_DRAW;
    unsigned ch = *line ? run_words(a, line) : PV_CH_DRAW;
    free(line);
    return ch;
}
