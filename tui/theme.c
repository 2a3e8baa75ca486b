/* Theme files: parsing, lookup and the built-in fallbacks. */
#include "tui/theme.h"

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#ifndef PVIEW_THEME_DATADIR
#define PVIEW_THEME_DATADIR "/usr/local/share/pview/themes"
#endif
#ifndef PVIEW_THEME_SRCDIR
#define PVIEW_THEME_SRCDIR ""
#endif
#ifndef PVIEW_BUILD_BINDIR
#define PVIEW_BUILD_BINDIR ""
#endif
/* the themes relative to the installed binary's directory (bin/ -> share/pview/themes) */
#ifndef PVIEW_THEME_RELDIR
#define PVIEW_THEME_RELDIR "../share/pview/themes"
#endif

/* Same text as themes/default.theme and themes/monochrome.theme, so a missing install still
 * has something to draw with. */
static const char builtin_default[] =
    "header = white blue bold\n"
    "crumb = yellow blue\n"
    "colhead = cyan default bold\n"
    "selection = black cyan\n"
    "hot = red default bold\n"
    "warm = yellow default\n"
    "cold = default default\n"
    "match = black yellow bold\n"
    "status = white blue\n"
    "message = green default\n"
    "error = white red bold\n"
    "prompt = default default bold\n"
    "title = cyan default bold\n"
    "key = yellow default bold\n"
    "growth = red default bold\n"
    "shrink = green default bold\n"
    "flame = package\n"
    "flame1 = red default\n"
    "flame2 = green default\n"
    "flame3 = yellow default\n"
    "flame4 = blue default\n"
    "flame5 = magenta default\n"
    "flame6 = cyan default\n";

static const char builtin_monochrome[] =
    "header = default default reverse bold\n"
    "crumb = default default reverse\n"
    "colhead = default default underline\n"
    "selection = default default reverse\n"
    "hot = default default bold\n"
    "warm = default default\n"
    "cold = default default dim\n"
    "match = default default underline bold\n"
    "status = default default reverse\n"
    "message = default default bold\n"
    "error = default default reverse bold\n"
    "prompt = default default bold\n"
    "title = default default bold\n"
    "key = default default bold\n"
    "growth = default default bold\n"
    "shrink = default default underline\n"
    "flame = heat\n"
    "flame1 = default default\n"
    "flame2 = default default\n"
    "flame3 = default default\n"
    "flame4 = default default\n"
    "flame5 = default default\n"
    "flame6 = default default\n";

static const char *const colour_names[] = {"black", "red",     "green", "yellow",
                                           "blue",  "magenta", "cyan",  "white"};

static int parse_colour(const char *w, int *out)
{
    if (!strcmp(w, "default")) { *out = -1; return 0; }
    for (int i = 0; i < 8; i++) {
        if (!strcmp(w, colour_names[i])) { *out = i; return 0; }
        if (!strncmp(w, "bright", 6) && !strcmp(w + 6, colour_names[i])) { *out = 8 + i; return 0; }
    }
    char *end;
    if (w[0] == '#') {
        if (strlen(w) != 7 || strspn(w + 1, "0123456789abcdefABCDEF") != 6) return -1;
        *out = PV_RGB_FLAG | (int)strtol(w + 1, NULL, 16);
        return 0;
    }
    errno = 0;
    long v = strtol(w, &end, 10);
    if (*w && !*end && !errno && v >= 0 && v <= 255) { *out = (int)v; return 0; }
    return -1;
}

/* xterm's palette: 16 system colours, a 6x6x6 cube, a 24-step grey ramp. */
static int palette_rgb(int i)
{
    static const int sys[16] = {0x000000, 0xcd0000, 0x00cd00, 0xcdcd00, 0x0000ee, 0xcd00cd,
                                0x00cdcd, 0xe5e5e5, 0x7f7f7f, 0xff0000, 0x00ff00, 0xffff00,
                                0x5c5cff, 0xff00ff, 0x00ffff, 0xffffff};
    static const int level[6] = {0, 95, 135, 175, 215, 255};
    if (i < 16) return sys[i];
    if (i < 232) {
        i -= 16;
        return level[i / 36] << 16 | level[i / 6 % 6] << 8 | level[i % 6];
    }
    int g = 8 + 10 * (i - 232);
    return g << 16 | g << 8 | g;
}

static long distance(int a, int b)
{
    long dr = ((a >> 16) & 255) - ((b >> 16) & 255), dg = ((a >> 8) & 255) - ((b >> 8) & 255),
         db = (a & 255) - (b & 255);
    return 3 * dr * dr + 4 * dg * dg + 2 * db * db; /* weighted: the eye is most sensitive to green */
}

/* The nearest palette entry to rgb among first..last. */
static int nearest(int rgb, int first, int last)
{
    int best = first;
    for (int i = first; i <= last; i++)
        if (distance(rgb, palette_rgb(i)) < distance(rgb, palette_rgb(best))) best = i;
    return best;
}

static int fit_colour(int c, int colours, int direct)
{
    if (c < 0) return c;
    if (direct) {
        if (!(c & PV_RGB_FLAG)) return c < 8 ? c : PV_RGB_FLAG | palette_rgb(c);
        return c;
    }
    if (!(c & PV_RGB_FLAG)) return c;
    int rgb = c & 0xffffff;
    /* the system colours 0..15 vary between terminals: match the cube and ramp only */
    return colours >= 256 ? nearest(rgb, 16, 255) : nearest(rgb, 0, 7);
}

void pv_theme_fit(pv_theme *t, int colours, int direct)
{
    t->max_colour = -1;
    t->rgb = 0;
    for (int r = 0; r < PV_ROLE_COUNT; r++) {
        pv_style *st = &t->roles[r];
        st->fg = fit_colour(st->fg, colours, direct);
        st->bg = fit_colour(st->bg, colours, direct);
        for (int k = 0; k < 2; k++) {
            int c = k ? st->bg : st->fg;
            if (c & PV_RGB_FLAG) t->rgb++;
            else if (c > t->max_colour) t->max_colour = c;
        }
    }
}

static const struct { const char *name; unsigned bit; } attr_names[] = {
    {"bold", PV_ATTR_BOLD},       {"dim", PV_ATTR_DIM},         {"underline", PV_ATTR_UNDERLINE},
    {"reverse", PV_ATTR_REVERSE}, {"italic", PV_ATTR_ITALIC},   {"normal", 0},
};

static void reset(pv_theme *t, const char *name)
{
    memset(t, 0, sizeof *t);
    snprintf(t->name, sizeof t->name, "%s", name);
    for (int r = 0; r < PV_ROLE_COUNT; r++) t->roles[r] = (pv_style){-1, -1, 0};
    t->max_colour = -1;
    t->rgb = 0;
}

static int parse_into(pv_theme *t, const char *text, char *err, size_t errlen)
{
    int lineno = 0;
    const char *p = text;
    while (*p) {
        const char *nl = strchr(p, '\n');
        size_t len = nl ? (size_t)(nl - p) : strlen(p);
        char line[256];
        lineno++;
        if (len >= sizeof line) {
            snprintf(err, errlen, "line %d: too long", lineno);
            return -1;
        }
        memcpy(line, p, len);
        line[len] = 0;
        p += len + (nl ? 1 : 0);
        for (char *q = line; *q; q++) /* a comment, unless it is a #rrggbb colour */
            if (*q == '#' && (q == line || isspace((unsigned char)q[-1])) &&
                !(strspn(q + 1, "0123456789abcdefABCDEF") == 6 && (!q[7] || isspace((unsigned char)q[7])))) {
                *q = 0;
                break;
            }
        char *eq = strchr(line, '=');
        char *words[8];
        int nw = 0;
        char *save = NULL;
        if (!eq) {
            for (char *q = line; *q; q++)
                if (!isspace((unsigned char)*q)) {
                    snprintf(err, errlen, "line %d: expected \"role = fg bg [attributes]\"", lineno);
                    return -1;
                }
            continue;
        }
        *eq = 0;
        char *role = strtok_r(line, " \t\r", &save);
        if (!role) {
            snprintf(err, errlen, "line %d: missing role name", lineno);
            return -1;
        }
        for (char *w = strtok_r(eq + 1, " \t\r", &save); w && nw < 8; w = strtok_r(NULL, " \t\r", &save))
            words[nw++] = w;
        if (!strcmp(role, "name")) continue; /* informational */
        if (!strcmp(role, "flame")) { /* how the flame view colours frames */
            if (nw != 1 || (strcmp(words[0], "package") && strcmp(words[0], "heat"))) {
                snprintf(err, errlen, "line %d: flame takes package or heat", lineno);
                return -1;
            }
            t->flame_package = !strcmp(words[0], "package");
            continue;
        }
        int r;
        for (r = 0; r < PV_ROLE_COUNT; r++)
            if (!strcmp(role, pv_role_names[r])) break;
        if (r == PV_ROLE_COUNT) {
            snprintf(err, errlen, "line %d: unknown role \"%s\"", lineno, role);
            return -1;
        }
        if (nw < 2) {
            snprintf(err, errlen, "line %d: %s needs a foreground and a background colour", lineno, role);
            return -1;
        }
        pv_style st = {-1, -1, 0};
        if (parse_colour(words[0], &st.fg) || parse_colour(words[1], &st.bg)) {
            snprintf(err, errlen, "line %d: bad colour \"%s\"", lineno,
                     parse_colour(words[0], &st.fg) ? words[0] : words[1]);
            return -1;
        }
        for (int i = 2; i < nw; i++) {
            size_t k;
            for (k = 0; k < sizeof attr_names / sizeof attr_names[0]; k++)
                if (!strcmp(words[i], attr_names[k].name)) break;
            if (k == sizeof attr_names / sizeof attr_names[0]) {
                snprintf(err, errlen, "line %d: unknown attribute \"%s\"", lineno, words[i]);
                return -1;
            }
            st.attrs |= attr_names[k].bit;
        }
        t->roles[r] = st;
    }
    t->max_colour = -1;
    t->rgb = 0;
    for (int r = 0; r < PV_ROLE_COUNT; r++)
        for (int k = 0; k < 2; k++) {
            int c = k ? t->roles[r].bg : t->roles[r].fg;
            if (c & PV_RGB_FLAG) t->rgb++;
            else if (c > t->max_colour) t->max_colour = c;
        }
    return 0;
}

void pv_theme_builtin(pv_theme *t, const char *name)
{
    char err[128];
    bool mono = name && !strcmp(name, "monochrome");
    reset(t, mono ? "monochrome" : "default");
    parse_into(t, mono ? builtin_monochrome : builtin_default, err, sizeof err);
}

int pv_theme_parse(pv_theme *t, const char *name, const char *text, char *err, size_t errlen)
{
    pv_theme tmp;
    pv_theme_builtin(&tmp, "default");
    snprintf(tmp.name, sizeof tmp.name, "%s", name);
    if (parse_into(&tmp, text, err, errlen)) return -1;
    *t = tmp;
    return 0;
}

static char *read_small_file(const char *path)
{
    FILE *f = fopen(path, "r");
    if (!f) return NULL;
    char *buf = malloc(65536);
    size_t n = buf ? fread(buf, 1, 65535, f) : 0;
    fclose(f);
    if (!buf) return NULL;
    buf[n] = 0;
    return buf;
}

static void config_dir(char *out, size_t len)
{
    const char *xdg = getenv("XDG_CONFIG_HOME");
    const char *home = getenv("HOME");
    if (xdg && *xdg) snprintf(out, len, "%s/pview", xdg);
    else if (home && *home) snprintf(out, len, "%s/.config/pview", home);
    else out[0] = 0;
}

/* "theme = NAME" from the config file, or "" */
static void config_theme(char *out, size_t len)
{
    char dir[1024], path[1100];
    out[0] = 0;
    config_dir(dir, sizeof dir);
    if (!dir[0]) return;
    snprintf(path, sizeof path, "%s/config", dir);
    char *text = read_small_file(path);
    if (!text) return;
    for (char *line = strtok(text, "\n"); line; line = strtok(NULL, "\n")) {
        char key[64], val[256];
        if (line[0] == '#') continue;
        if (sscanf(line, " %63[a-z_] = %255s", key, val) == 2 && !strcmp(key, "theme"))
            snprintf(out, len, "%s", val);
    }
    free(text);
}

/* The running binary's directory, or "" when unknown. */
static void exe_dir(char *out, size_t len)
{
    ssize_t n = readlink("/proc/self/exe", out, len);
    if (n <= 0 || (size_t)n >= len) {
        out[0] = 0;
        return;
    }
    out[n] = 0;
    char *slash = strrchr(out, '/');
    if (slash) *slash = 0;
    else out[0] = 0;
}

/* True when the binary runs from its build tree: only then do the source tree's themes count,
 * so an installed binary never reads them from wherever it was built. */
static int in_build_tree(const char *bindir)
{
    if (!bindir[0] || !PVIEW_BUILD_BINDIR[0]) return 0;
    char *real = realpath(PVIEW_BUILD_BINDIR, NULL);
    int same = real && !strcmp(real, bindir);
    free(real);
    return same;
}

void pv_theme_choose(pv_theme *t, const char *cli_name, char *warn, size_t warnlen)
{
    char cfg[256];
    const char *name = cli_name;
    warn[0] = 0;
    if (!name || !*name) name = getenv("PVIEW_THEME");
    if (!name || !*name) {
        config_theme(cfg, sizeof cfg);
        name = cfg[0] ? cfg : NULL;
    }
    pv_theme_builtin(t, "default");
    if (!name || !strcmp(name, "default")) {
        /* the file wins if present, so edits to default.theme take effect */
        if (!name) name = "default";
    }
    char *text = NULL;
    char path[1200];
    if (strchr(name, '/')) {
        snprintf(path, sizeof path, "%s", name);
        text = read_small_file(path);
    } else {
        char dir[1024], bindir[4096];
        config_dir(dir, sizeof dir);
        exe_dir(bindir, sizeof bindir);
        const char *dirs[4] = {NULL, in_build_tree(bindir) ? PVIEW_THEME_SRCDIR : NULL, NULL,
                               PVIEW_THEME_DATADIR};
        char userdir[1100], installed[4200];
        if (dir[0]) {
            snprintf(userdir, sizeof userdir, "%s/themes", dir);
            dirs[0] = userdir;
        }
        if (bindir[0]) {
            snprintf(installed, sizeof installed, "%s/%s", bindir, PVIEW_THEME_RELDIR);
            dirs[2] = installed;
        }
        for (int i = 0; i < 4 && !text; i++) {
            if (!dirs[i] || !dirs[i][0]) continue;
            snprintf(path, sizeof path, "%s/%s.theme", dirs[i], name);
            text = read_small_file(path);
        }
    }
    if (!text) {
        if (!strcmp(name, "default") || !strcmp(name, "monochrome")) {
            pv_theme_builtin(t, name);
            return;
        }
        snprintf(warn, warnlen, "theme %s: not found; using the default theme", name);
        return;
    }
    char err[200];
    const char *base = strrchr(name, '/') ? strrchr(name, '/') + 1 : name;
    if (pv_theme_parse(t, base, text, err, sizeof err)) {
        snprintf(warn, warnlen, "theme %s: %s; using the default theme", path, err);
        pv_theme_builtin(t, "default");
    }
    free(text);
}

static void describe_colour(int c, char *out, size_t len)
{
    if (c < 0) snprintf(out, len, "default");
    else if (c & PV_RGB_FLAG) snprintf(out, len, "#%06x", (unsigned)(c & 0xffffff));
    else if (c < 8) snprintf(out, len, "%s", colour_names[c]);
    else snprintf(out, len, "%d", c);
}

void pv_style_describe(const pv_style *st, char *out, size_t len)
{
    char fg[16], bg[16];
    describe_colour(st->fg, fg, sizeof fg);
    describe_colour(st->bg, bg, sizeof bg);
    size_t n = (size_t)snprintf(out, len, "fg=%s bg=%s", fg, bg);
    for (size_t k = 0; k < sizeof attr_names / sizeof attr_names[0] && n < len; k++)
        if (attr_names[k].bit && (st->attrs & attr_names[k].bit))
            n += (size_t)snprintf(out + n, len - n, " %s", attr_names[k].name);
}

#include <dirent.h>

void pv_theme_list(void (*cb)(const char *name, void *ctx), void *ctx)
{
    cb("default", ctx);
    cb("monochrome", ctx);
    char dir[1024], userdir[1100];
    config_dir(dir, sizeof dir);
    const char *dirs[3] = {NULL, PVIEW_THEME_SRCDIR, PVIEW_THEME_DATADIR};
    if (dir[0]) {
        snprintf(userdir, sizeof userdir, "%s/themes", dir);
        dirs[0] = userdir;
    }
    for (int i = 0; i < 3; i++) {
        if (!dirs[i] || !dirs[i][0]) continue;
        DIR *d = opendir(dirs[i]);
        if (!d) continue;
        for (struct dirent *e; (e = readdir(d));) {
            size_t n = strlen(e->d_name);
            if (n <= 6 || strcmp(e->d_name + n - 6, ".theme") || e->d_name[0] == '.') continue;
            char name[256];
            snprintf(name, sizeof name, "%.*s", (int)(n - 6), e->d_name);
            if (strcmp(name, "default") && strcmp(name, "monochrome")) cb(name, ctx);
        }
        closedir(d);
    }
}
