/* pprof's line-mode REPL (driver/interactive.go): the same prompt, words, messages and
 * streams as `go tool pprof FILE` reading commands from standard input. Reports go to out;
 * the banner, help, options and errors go to msg (pprof's UI.Print/PrintErr: stderr). */
#include "cli/repl.h"

#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "cli/reports.h"
#include "profile/selection.h"
#include "profile/util.h"

typedef struct {
    char **v;
    size_t n;
} strv;

static void strv_push(strv *s, const char *p, size_t len)
{
    char *c = strndup(p, len);
    if (c)
        pv_strv_add(&s->v, &s->n, c);
}

static void strv_clear(strv *s)
{
    pv_strv_free(s->v, s->n);
    s->v = NULL;
    s->n = 0;
}

/* Go's strings.Fields. */
static void fields(const char *line, strv *out)
{
    const char *p = line;
    for (;;) {
        while (*p && isspace((unsigned char)*p))
            p++;
        if (!*p)
            break;
        const char *b = p;
        while (*p && !isspace((unsigned char)*p))
            p++;
        strv_push(out, b, (size_t)(p - b));
    }
}

static char *trim_dup(const char *s, size_t len)
{
    while (len && isspace((unsigned char)*s))
        s++, len--;
    while (len && isspace((unsigned char)s[len - 1]))
        len--;
    return strndup(s, len);
}

static void msgf(FILE *msg, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void msgf(FILE *msg, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vfprintf(msg, fmt, ap);
    va_end(ap);
    fputc('\n', msg);
}

/* ---------- settings: pprof's configure() ---------- */

static bool is_choice(const char *name)
{
    for (const pv_setting *s = pv_settings; s->name; s++)
        if (s->choices)
            for (size_t i = 0; s->choices[i]; i++)
                if (!strcmp(s->choices[i], name))
                    return true;
    return false;
}

static bool is_configurable(const char *name)
{
    return pv_setting_find(name) || is_choice(name);
}

static bool is_bool_config(const char *name)
{
    if (is_choice(name))
        return true;
    const pv_setting *s = pv_setting_find(name);
    return s && s->type == PV_SET_BOOL;
}

/* Go's strconv.ParseBool */
static int go_parse_bool(const char *v, bool *out)
{
    static const char *const t[] = {"1", "t", "T", "TRUE", "true", "True", NULL};
    static const char *const f[] = {"0", "f", "F", "FALSE", "false", "False", NULL};
    for (size_t i = 0; t[i]; i++)
        if (!strcmp(v, t[i]))
            return *out = true, 0;
    for (size_t i = 0; f[i]; i++)
        if (!strcmp(v, f[i]))
            return *out = false, 0;
    return -1;
}

/* pprof's stringToBool */
static int pprof_bool(const char *v, bool *out)
{
    char low[16];
    size_t n = strlen(v);
    if (n >= sizeof low)
        return -1;
    for (size_t i = 0; i <= n; i++)
        low[i] = (char)tolower((unsigned char)v[i]);
    static const char *const t[] = {"true", "t", "yes", "y", "1", "", NULL};
    static const char *const f[] = {"false", "f", "no", "n", "0", NULL};
    for (size_t i = 0; t[i]; i++)
        if (!strcmp(low, t[i]))
            return *out = true, 0;
    for (size_t i = 0; f[i]; i++)
        if (!strcmp(low, f[i]))
            return *out = false, 0;
    return -1;
}

/* Sets name=value as pprof's configure() does, with its messages. */
static int configure(pv_options *o, const char *name, const char *value, char *err, size_t errlen)
{
    const pv_setting *s = pv_setting_find(name);
    if (!s) {
        bool b;
        if (is_choice(name) && go_parse_bool(value, &b) == 0 && b) {
            for (const pv_setting *c = pv_settings; c->name; c++)
                if (c->choices)
                    for (size_t i = 0; c->choices[i]; i++)
                        if (!strcmp(c->choices[i], name))
                            return pv_options_set(o, c->name, name, err, errlen);
        }
        snprintf(err, errlen, "unknown config field \"%s\"", name);
        return -1;
    }
    if (s->type == PV_SET_BOOL) {
        bool b;
        if (pprof_bool(value, &b) != 0) {
            snprintf(err, errlen, "illegal value \"%s\" for bool variable", value);
            return -1;
        }
        return pv_options_set(o, name, b ? "true" : "false", err, errlen);
    }
    return pv_options_set(o, name, value, err, errlen);
}

/* ---------- options and help ---------- */

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static void print_options(FILE *msg, const pv_model *m, const pv_options *o)
{
    strv lines = {0};
    for (const pv_setting *s = pv_settings; s->name; s++) {
        char v[4096], comment[4096] = "";
        if (!strcmp(s->name, "source_path"))
            continue;
        pv_options_get(o, s->name, v, sizeof v);
        if (s->choices) {
            char *sorted[8];
            size_t n = 0;
            for (; s->choices[n] && n < 8; n++)
                sorted[n] = (char *)s->choices[n];
            qsort(sorted, n, sizeof *sorted, cmp_str);
            size_t off = (size_t)snprintf(comment, sizeof comment, "//: [");
            for (size_t i = 0; i < n && off < sizeof comment; i++)
                off += (size_t)snprintf(comment + off, sizeof comment - off, "%s%s", i ? " | " : "", sorted[i]);
            if (off < sizeof comment)
                snprintf(comment + off, sizeof comment - off, "]");
        } else if (!strcmp(s->name, "sample_index")) {
            if (!*v && m->ntypes)
                snprintf(v, sizeof v, "%s", pv_str(m, m->sample_types[m->ntypes - 1].type));
            size_t off = (size_t)snprintf(comment, sizeof comment, "//: [");
            for (size_t i = 0; i < m->ntypes && off < sizeof comment; i++)
                off += (size_t)snprintf(comment + off, sizeof comment - off, "%s%s", i ? " | " : "",
                                        pv_str(m, m->sample_types[i].type));
            if (off < sizeof comment)
                snprintf(comment + off, sizeof comment - off, "]");
        } else if (!strcmp(s->name, "nodecount") && !strcmp(v, "-1")) {
            snprintf(comment, sizeof comment, "//: default");
        } else if (!*v) {
            snprintf(v, sizeof v, "\"\"");
        }
        char *line = pv_asprintf("  %-25s = %-20s %s", s->name, v, comment);
        if (line)
            pv_strv_add(&lines.v, &lines.n, line);
    }
    if (lines.n)
        qsort(lines.v, lines.n, sizeof *lines.v, cmp_str);
    for (size_t i = 0; i < lines.n; i++)
        fprintf(msg, "%s\n", lines.v[i]);
    strv_clear(&lines);
}

/* pprof's reportHelp / listHelp texts for a report's usage. */
static void report_usage(FILE *msg, const pv_report_def *r)
{
    char head[256];
    const char *extra[4] = {0};
    size_t n = 0;
    const char *name = r->name;
    if (!strcmp(name, "peek")) {
        snprintf(head, sizeof head, "peek func_regex");
        extra[n++] = "Display callers and callees of functions matching func_regex.";
    } else if (!strcmp(name, "tags")) {
        snprintf(head, sizeof head, "tags [tag_regex]* [-ignore_regex]* [>file]");
        extra[n++] = "List tags with key:value matching tag_regex and exclude ignore_regex.";
    } else if (r->arg == PV_REPORT_ARG_REGEX) {
        bool redirect = !strcmp(name, "disasm");
        snprintf(head, sizeof head, "%s<func_regex|address> [-focus_regex]* [-ignore_regex]*%s", name,
                 redirect ? " >f" : "");
        extra[n++] = "Include functions matching func_regex, or including the address specified.";
        extra[n++] = "Include samples matching focus_regex, and exclude ignore_regex.";
        if (redirect)
            extra[n++] = "Optionally save the report on the file f";
    } else if (!strcmp(name, "top") || !strcmp(name, "text") || !strcmp(name, "tree") || !strcmp(name, "dot") ||
               !strcmp(name, "callgrind")) {
        bool cum = strcmp(name, "dot") && strcmp(name, "callgrind");
        snprintf(head, sizeof head, "%s [n] [focus_regex]* [-ignore_regex]*%s >f", name, cum ? " [-cum]" : "");
        extra[n++] = "Include up to n samples";
        extra[n++] = "Include samples matching focus_regex, and exclude ignore_regex.";
        if (cum)
            extra[n++] = "-cum sorts the output by cumulative weight";
        extra[n++] = "Optionally save the report on the file f";
    } else {
        fprintf(msg, "%s\n\n", r->help);
        return;
    }
    fprintf(msg, "%s\n  Usage:\n    %s\n", r->help, head);
    for (size_t i = 0; i < n; i++)
        fprintf(msg, "    %s\n", extra[i]);
    fprintf(msg, "\n");
}

static void help_line(FILE *msg, const char *left, const char *help)
{
    const char *nl = strchr(help, '\n');
    fprintf(msg, "    %-16s %.*s\n", left, (int)(nl ? (size_t)(nl - help) : strlen(help)), help);
}

static void command_help(FILE *msg, const char *args)
{
    if (!*args) {
        fprintf(msg, "  Commands:\n");
        strv cmds = {0};
        for (const pv_report_def *r = pv_reports; r->name; r++) {
            const char *names[2] = {r->name, r->alias};
            for (size_t k = 0; k < 2; k++) {
                if (!names[k])
                    continue;
                const char *nl = strchr(r->help, '\n');
                char *l = pv_asprintf("    %-16s %.*s", names[k], (int)(nl ? (size_t)(nl - r->help) : strlen(r->help)),
                                      r->help);
                if (l)
                    pv_strv_add(&cmds.v, &cmds.n, l);
            }
        }
        if (cmds.n)
            qsort(cmds.v, cmds.n, sizeof *cmds.v, cmp_str);
        for (size_t i = 0; i < cmds.n; i++)
            fprintf(msg, "%s\n", cmds.v[i]);
        strv_clear(&cmds);
        help_line(msg, "o/options", "List options and their current values");
        help_line(msg, "q/quit/exit/^D", "Exit pprof");
        fprintf(msg, "\n  Options:\n");
        for (const pv_setting *s = pv_settings; s->name; s++)
            if (!s->choices)
                help_line(msg, s->name, s->help);
        fprintf(msg, "\n  Option groups (only set one per group):\n");
        for (const pv_setting *s = pv_settings; s->name; s++) {
            if (!s->choices)
                continue;
            help_line(msg, s->name, "");
            for (size_t i = 0; s->choices[i]; i++) {
                const pv_setting_alias *a = pv_setting_alias_find(s->choices[i]);
                fprintf(msg, "  ");
                help_line(msg, s->choices[i], a ? a->help : "");
            }
        }
        fprintf(msg, "  :   Clear focus/ignore/hide/tagfocus/tagignore\n\n  type \"help <cmd|option>\" for more "
                     "information\n\n");
        return;
    }
    const pv_report_def *r = pv_report_find(args);
    if (r) {
        report_usage(msg, r);
        return;
    }
    const pv_setting *s = pv_setting_find(args);
    const pv_setting_alias *a = s ? NULL : pv_setting_alias_find(args);
    if (s || (a && is_choice(args))) {
        fprintf(msg, "%s\n\n", s ? s->help : a->help);
        return;
    }
    msgf(msg, "Unknown command: %s", args);
}

/* ---------- commands ---------- */

static char *cat_regex(char *a, const char *b)
{
    if (a && *a && *b) {
        char *r = pv_asprintf("%s|%s", a, b);
        free(a);
        return r;
    }
    if (a && *a)
        return a;
    free(a);
    return strdup(b);
}

/* pprof's parseCommandLine + generateReport for one command line. */
static void run_command(FILE *out, FILE *msg, const pv_model *m, const pv_options *cur, strv *tok)
{
    char err[2048] = "";
    const char *name = tok->v[0];
    const pv_report_def *r = pv_report_find(name);
    char *cmdname = NULL;
    size_t first_arg = 1;
    const char *digits = NULL;
    if (!r) {
        /* abbreviated commands with a count: top10 */
        size_t l = strlen(name), d = l;
        while (d > 0 && isdigit((unsigned char)name[d - 1]))
            d--;
        if (d < l && d > 0) {
            cmdname = strndup(name, d);
            r = cmdname ? pv_report_find(cmdname) : NULL;
            digits = name + d;
            if (r)
                name = cmdname;
        }
    }
    if (!r) {
        const char *base = cmdname && digits ? cmdname : name;
        if (is_configurable(base) || pv_setting_alias_find(base))
            msgf(msg, "did you mean: %s=%s", base, digits ? digits : tok->n > 1 ? tok->v[1] : "<val>");
        else
            msgf(msg, "unrecognized command: \"%s\"", base);
        free(cmdname);
        return;
    }
    const char *param = NULL;
    strv args = {0};
    if (digits)
        strv_push(&args, digits, strlen(digits));
    if (r->arg == PV_REPORT_ARG_REGEX) {
        if (args.n == 0 && tok->n < 2) {
            msgf(msg, "command %s requires an argument", name);
            goto done;
        }
        if (args.n) {
            param = args.v[0];
        } else {
            param = tok->v[1];
            first_arg = 2;
        }
    }
    for (size_t i = first_arg; i < tok->n; i++)
        strv_push(&args, tok->v[i], strlen(tok->v[i]));
    pv_options o;
    if (pv_options_copy(&o, cur) != 0) {
        msgf(msg, "out of memory");
        goto done;
    }
    char *focus = NULL, *ignore = NULL;
    size_t start = param && digits ? 1 : 0;
    for (size_t i = start; i < args.n; i++) {
        const char *t = args.v[i];
        char *end;
        long n = strtol(t, &end, 10);
        if (*t && !*end && n >= INT32_MIN && n <= INT32_MAX) {
            o.nodecount = (int)n;
            continue;
        }
        if (t[0] == '>') {
            const char *file = t + 1;
            if (!*file) {
                if (++i >= args.n) {
                    msgf(msg, "unexpected end of line after >");
                    goto cleanup;
                }
                file = args.v[i];
            }
            pv_options_set(&o, "output", file, err, sizeof err);
        } else if (t[0] == '-') {
            if (!strcmp(t, "--cum") || !strcmp(t, "-cum")) {
                o.cum = true;
                continue;
            }
            ignore = cat_regex(ignore, t + 1);
        } else {
            focus = cat_regex(focus, t);
        }
    }
    bool tags = !strcmp(r->name, "tags");
    if (focus && *focus)
        pv_options_set(&o, tags ? "tagfocus" : "focus", focus, err, sizeof err);
    if (ignore && *ignore)
        pv_options_set(&o, tags ? "tagignore" : "ignore", ignore, err, sizeof err);
    if (o.nodecount == -1 && !strcmp(r->name, "top"))
        o.nodecount = 10;
    FILE *dst = out;
    if (o.output && *o.output) {
        msgf(msg, "Generating report in %s", o.output);
        dst = fopen(o.output, "w");
        if (!dst) {
            msgf(msg, "open %s: %s", o.output, strerror(errno));
            goto cleanup;
        }
    }
    if (r->run(dst, msg, m, &o, param, err, sizeof err) != 0)
        pv_print_escaped(msg, "", err[0] ? err : "cannot build the report");
    if (dst != out)
        fclose(dst);
    fflush(out);
cleanup:
    free(focus);
    free(ignore);
    pv_options_free(&o);
done:
    strv_clear(&args);
    free(cmdname);
}

/* One line after shortcut expansion. Returns 1 to quit. */
static int run_input(FILE *out, FILE *msg, const pv_model *m, pv_options *o, const char *input)
{
    char err[2048];
    const char *eq = strchr(input, '=');
    char *name = trim_dup(input, eq ? (size_t)(eq - input) : strlen(input));
    if (!name)
        return 0;
    if (is_configurable(name)) {
        char *value = NULL;
        if (eq) {
            const char *v = eq + 1;
            const char *c = NULL;
            for (const char *p = strstr(v, "//:"); p; p = strstr(p + 1, "//:"))
                c = p;
            value = trim_dup(v, c ? (size_t)(c - v) : strlen(v));
        }
        if (!eq && !is_bool_config(name)) {
            msgf(msg, "please specify a value, e.g. %s=<val>", name);
        } else if (!strcmp(name, "sample_index")) {
            int idx;
            if (pv_sample_index(m, value ? value : "", &idx, err, sizeof err) != 0)
                msgf(msg, "%s", err);
            else if (idx < 0 || (size_t)idx >= m->ntypes)
                msgf(msg, "invalid sample_index \"%s\"", value ? value : "");
            else
                pv_options_set(o, "sample_index", pv_str(m, m->sample_types[idx].type), err, sizeof err);
        } else if (configure(o, name, value ? value : "", err, sizeof err) != 0) {
            msgf(msg, "%s", err);
        }
        free(value);
        free(name);
        return 0;
    }
    free(name);
    strv tok = {0};
    fields(input, &tok);
    int quit = 0;
    if (tok.n == 0) {
    } else if (!strcmp(tok.v[0], "o") || !strcmp(tok.v[0], "options")) {
        print_options(msg, m, o);
    } else if (!strcmp(tok.v[0], "exit") || !strcmp(tok.v[0], "quit") || !strcmp(tok.v[0], "q")) {
        quit = 1;
    } else if (!strcmp(tok.v[0], "help")) {
        char *args = NULL;
        size_t len = 0;
        for (size_t i = 1; i < tok.n; i++)
            len += strlen(tok.v[i]) + 1;
        args = calloc(len + 1, 1);
        for (size_t i = 1; args && i < tok.n; i++) {
            if (i > 1)
                strcat(args, " ");
            strcat(args, tok.v[i]);
        }
        command_help(msg, args ? args : "");
        free(args);
    } else {
        run_command(out, msg, m, o, &tok);
    }
    strv_clear(&tok);
    return quit;
}

/* pprof's shortcuts: ":" clears the filters; a sample type's name selects it. */
static void expand(const pv_model *m, const char *line, strv *out)
{
    char *in = trim_dup(line, strlen(line));
    if (!in)
        return;
    if (!strcmp(in, ":")) {
        static const char *const clear[] = {"focus=", "ignore=", "hide=", "tagfocus=", "tagignore="};
        for (size_t i = 0; i < 5; i++)
            strv_push(out, clear[i], strlen(clear[i]));
        free(in);
        return;
    }
    for (size_t i = 0; i < m->ntypes; i++) {
        const char *t = pv_str(m, m->sample_types[i].type);
        const char *mean = NULL;
        if (!strcmp(in, t))
            mean = "";
        else if (!strncmp(in, "total_", 6) && !strcmp(in + 6, t))
            mean = "mean=0";
        else if (!strncmp(in, "mean_", 5) && !strcmp(in + 5, t))
            mean = "mean=1";
        if (!mean)
            continue;
        if (*mean)
            strv_push(out, mean, strlen(mean));
        char *c = pv_asprintf("sample_index=%s", t);
        if (c)
            pv_strv_add(&out->v, &out->n, c);
        free(in);
        return;
    }
    pv_strv_add(&out->v, &out->n, in);
}

static void greetings(FILE *msg, const pv_model *m, const pv_options *o)
{
    char err[1024];
    pv_selection *s = pv_selection_build(m, o, err, sizeof err);
    if (s) {
        char **labels = NULL;
        size_t n = 0;
        pv_selection_header(s, o->unit ? o->unit : "minimum", &labels, &n);
        for (size_t i = 0; i < n; i++)
            pv_print_escaped(msg, "", labels[i]);
        if (n == 0)
            fputc('\n', msg);
        if (s->total == 0 && m->ntypes > 1) {
            msgf(msg, "No samples were found with the default sample value type.");
            msgf(msg, "Try \"sample_index\" command to analyze different sample values.\n");
        }
        pv_strv_free(labels, n);
        pv_selection_free(s);
    }
    msgf(msg, "Entering interactive mode (type \"help\" for commands, \"o\" for options)");
}

int pv_repl_run(FILE *in, FILE *out, FILE *msg, const pv_model *m, pv_options *o)
{
    char err[256];
    pv_options_set(o, "compact_labels", "true", err, sizeof err);
    greetings(msg, m, o);
    fflush(msg);
    char *line = NULL;
    size_t cap = 0;
    for (;;) {
        fputs("(pprof) ", out);
        fflush(out);
        ssize_t n = getline(&line, &cap, in);
        if (n < 0)
            break;
        if (n > 0 && line[n - 1] == '\n')
            line[--n] = '\0';
        strv inputs = {0};
        expand(m, line, &inputs);
        int quit = 0;
        for (size_t i = 0; i < inputs.n && !quit; i++)
            quit = run_input(out, msg, m, o, inputs.v[i]);
        strv_clear(&inputs);
        fflush(msg);
        fflush(out);
        if (quit)
            break;
    }
    free(line);
    return 0;
}
