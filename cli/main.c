/* pview's command line: pprof's flags, batch reports, or the TUI. */
#include <errno.h>
#include <fcntl.h>
#include <stddef.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "profile/load.h"
#include "profile/report.h"
#include "symbolize/symbolize.h"
#include "cli/reports.h"
#include "tui/tui.h"

#define PVIEW_VERSION "0.1.0"

static const char usage_line[] = "usage: pview [flags] [binary] profile...";

typedef enum { FLAG_BOOL, FLAG_VALUE } flag_kind;

/* pview's own flags; pprof's settings, their aliases and the reports come from their
 * tables (profile/options.h, cli/reports.h). */
typedef struct {
    const char *name;
    flag_kind kind;
    const char *help; /* NULL: not in --help (test modes) */
} flag_def;

static const flag_def own_flags[] = {
    {"symbolize", FLAG_VALUE, "none, force, demangle=full (default: symbolize what lacks symbols)"},
    {"max_decompressed", FLAG_VALUE, "Refuse gzip data larger than this once inflated (default 4GiB)"},
    {"theme", FLAG_VALUE, "Colour theme for the TUI (default, light, 256, monochrome)"},
    {"add_comment", FLAG_VALUE, "Annotation string to record in the profile"},
    {"help", FLAG_BOOL, "Show this help"},
    {"version", FLAG_BOOL, "Print the version"},
    /* test mode of the TUI, not in --help */
    {"tui_keys", FLAG_VALUE, NULL},
    {"tui_dump", FLAG_VALUE, NULL},
    {"tui_size", FLAG_VALUE, NULL},
    {"tui_keytable", FLAG_BOOL, NULL},
    {NULL, 0, NULL},
};

/* The first line of a multi-line help text. */
static void help_line(FILE *out, const char *left, const char *help)
{
    const char *nl = strchr(help, '\n');
    fprintf(out, "  %-24s %.*s\n", left, (int)(nl ? nl - help : (ptrdiff_t)strlen(help)), help);
}

static void print_help(FILE *out)
{
    char left[64];
    fprintf(out, "%s\n\n", usage_line);
    fprintf(out, "pview opens pprof profiles (profile.proto, gzipped or raw; several files are merged)\n"
                 "in a terminal UI. With a report flag it prints that report, as go tool pprof does, and exits.\n"
                 "Flags are pprof's (also as --flag, -flag=value or -flag value).\n\nReports:\n");
    for (const pv_report_def *r = pv_reports; r->name; r++) {
        snprintf(left, sizeof left, "-%s%s", r->name, r->arg == PV_REPORT_ARG_REGEX ? "=RE" : "");
        help_line(out, left, r->help);
    }
    fprintf(out, "\nSettings:\n");
    for (const pv_setting *s = pv_settings; s->name; s++) {
        snprintf(left, sizeof left, "-%s%s", s->name, s->type == PV_SET_BOOL ? "" : "=X");
        help_line(out, left, s->help);
    }
    for (const pv_setting_alias *a = pv_setting_aliases; a->name; a++) {
        snprintf(left, sizeof left, "-%s", a->name);
        help_line(out, left, a->help);
    }
    fprintf(out, "\npview's own:\n");
    for (const flag_def *f = own_flags; f->name; f++) {
        if (!f->help)
            continue;
        snprintf(left, sizeof left, "-%s%s", f->name, f->kind == FLAG_VALUE ? "=X" : "");
        help_line(out, left, f->help);
    }
    fprintf(out, "\nEnvironment: PPROF_BINARY_PATH / PVIEW_BINARY_PATH (where to look for binaries),\n"
                 "PVIEW_THEME, NO_COLOR, TZ (times in headers).\n");
}

static void die_usage(const char *fmt, ...) __attribute__((format(printf, 1, 2), noreturn));
static void die_usage(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fputs("pview: ", stderr);
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
    va_end(ap);
    fprintf(stderr, "%s\n(pview --help lists the flags)\n", usage_line);
    exit(2);
}

static void warn_cb(void *ctx, const char *msg)
{
    if (ctx)
        pv_tui_config_warn(ctx, msg); /* shown again once the TUI runs */
    pv_print_escaped(stderr, "pview: ", msg);
}

static bool is_elf(const char *path)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return false;
    unsigned char mag[4];
    bool r = read(fd, mag, 4) == 4 && mag[0] == 0x7f && mag[1] == 'E' && mag[2] == 'L' && mag[3] == 'F';
    close(fd);
    return r;
}

static uint64_t parse_size(const char *s)
{
    char *end;
    errno = 0;
    double v = strtod(s, &end);
    if (errno || end == s || v < 0)
        return 0;
    uint64_t mul = 1;
    if (*end) {
        char c = (char)(*end | 32);
        mul = c == 'k' ? 1ull << 10 : c == 'm' ? 1ull << 20 : c == 'g' ? 1ull << 30 : c == 't' ? 1ull << 40 : 0;
        if (c == 'b' && end[1] == '\0')
            mul = 1;
        if (!mul)
            return 0;
    }
    return (uint64_t)(v * (double)mul);
}

/* What a flag on the command line is: one of pview's own, a report, a setting or an alias. */
typedef struct {
    const char *name;
    flag_kind kind;
    const flag_def *own;
    const pv_report_def *report;
    bool setting; /* a pprof setting or alias, set through pv_options_set */
} flag_ref;

static bool flag_lookup(const char *name, size_t nlen, flag_ref *out)
{
    memset(out, 0, sizeof *out);
    char *n = strndup(name, nlen);
    if (!n)
        return false;
    for (const flag_def *d = own_flags; d->name; d++)
        if (!strcmp(d->name, n)) {
            out->name = d->name;
            out->kind = d->kind;
            out->own = d;
        }
    const pv_report_def *r = out->name ? NULL : pv_report_find(n);
    if (r) {
        out->name = r->name;
        out->kind = r->arg == PV_REPORT_ARG_REGEX ? FLAG_VALUE : FLAG_BOOL;
        out->report = r;
    }
    const pv_setting *s = out->name ? NULL : pv_setting_find(n);
    if (s) {
        out->name = s->name;
        out->kind = s->type == PV_SET_BOOL ? FLAG_BOOL : FLAG_VALUE;
        out->setting = true;
    }
    const pv_setting_alias *al = out->name ? NULL : pv_setting_alias_find(n);
    if (al) {
        out->name = al->name;
        out->kind = FLAG_BOOL;
        out->setting = true;
    }
    free(n);
    return out->name != NULL;
}

static bool is_true(const char *v)
{
    return strcmp(v, "false") && strcmp(v, "0") && strcmp(v, "f") && strcmp(v, "F") && strcmp(v, "FALSE") &&
           strcmp(v, "False");
}

/* pprof's -add_comment: one more comment in the profile. */
static int add_comment_to(pv_model *m, const char *c)
{
    pv_strid id = pv_intern(m, c, strlen(c));
    pv_strid *nc = realloc(m->comments, (m->ncomments + 1) * sizeof *nc);
    if (id == PV_NONE || !nc)
        return -1;
    m->comments = nc;
    m->comments[m->ncomments++] = id;
    return 0;
}

/* Runs one batch report to stdout or to -output=FILE. Returns the exit status. */
static int run_report(const pv_report_def *rep, const char *arg, const pv_model *m, pv_options *opts)
{
    char err[1024] = "";
    FILE *out = stdout;
    char *output = opts->output && *opts->output ? strdup(opts->output) : NULL;
    if (output) {
        out = fopen(output, "w");
        if (!out) {
            fprintf(stderr, "pview: %s: %s\n", output, strerror(errno));
            free(output);
            return 1;
        }
    } else if (rep->binary_output && isatty(STDOUT_FILENO)) {
        fprintf(stderr, "pview: -%s writes binary data: redirect standard output or give -output=FILE\n", rep->name);
        return 1;
    }
    int status = 0;
    if (rep->run(out, stderr, m, opts, arg, err, sizeof err) != 0) {
        pv_print_escaped(stderr, "pview: ", err[0] ? err : "cannot build the report");
        status = 1;
    }
    if (out != stdout) {
        if (fclose(out) != 0)
            status = 1;
        if (!status)
            fprintf(stderr, "Generated report in %s\n", output);
    } else if (fflush(stdout) != 0) {
        status = 1;
    }
    free(output);
    return status;
}

int main(int argc, char **argv)
{
    pv_options opts;
    pv_options_init(&opts);
    const pv_report_def *report = NULL;
    const char *report_arg = NULL;
    pv_symbolize_opts sopts = {PV_SYM_AUTO, NULL, false};
    pv_load_opts lopts = {0};
    pv_tui_config tcfg = {0};
    const char **positional = calloc((size_t)argc + 1, sizeof *positional);
    size_t npos = 0;
    const char *add_comment = NULL;
    char err[1024];
    bool flags_done = false;

    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (flags_done || a[0] != '-' || a[1] == '\0') {
            positional[npos++] = a;
            continue;
        }
        if (!strcmp(a, "--")) {
            flags_done = true;
            continue;
        }
        const char *name = a + 1;
        if (*name == '-')
            name++;
        const char *eq = strchr(name, '=');
        size_t nlen = eq ? (size_t)(eq - name) : strlen(name);
        flag_ref f;
        if (!flag_lookup(name, nlen, &f)) {
            if (nlen == 1 && name[0] == 'h') { /* -h, as most tools take it */
                print_help(stdout);
                return 0;
            }
            die_usage("unknown flag -%.*s", (int)nlen, name);
        }
        const char *value = NULL;
        if (f.kind == FLAG_VALUE) {
            if (eq) {
                value = eq + 1;
            } else if (i + 1 < argc) {
                value = argv[++i];
            } else {
                die_usage("flag needs an argument: -%s", f.name);
            }
        } else {
            value = eq ? eq + 1 : "true";
        }
        if (f.report) {
            if (f.kind == FLAG_BOOL && !is_true(value))
                continue;
            if (report && report != f.report)
                die_usage("only one report flag may be given (-%s and -%s)", report->name, f.report->name);
            report = f.report;
            report_arg = f.kind == FLAG_VALUE ? value : NULL;
            continue;
        }
        if (f.setting) {
            if (pv_options_set(&opts, f.name, value, err, sizeof err) != 0)
                die_usage("invalid value %s for flag -%s: %s", value, f.name, err);
            continue;
        }
        if (!strcmp(f.name, "help")) {
            print_help(stdout);
            return 0;
        }
        if (!strcmp(f.name, "version")) {
            printf("pview %s\n", PVIEW_VERSION);
            return 0;
        }
        if (!strcmp(f.name, "add_comment")) {
            add_comment = value;
            continue;
        }
        if (!strcmp(f.name, "symbolize")) {
            sopts.mode = PV_SYM_AUTO;
            char *v = strdup(value);
            for (char *tok = strtok(v, ":"); tok; tok = strtok(NULL, ":")) {
                if (!strcmp(tok, "none") || !strcmp(tok, "no"))
                    sopts.mode = PV_SYM_NONE;
                else if (!strcmp(tok, "force"))
                    sopts.mode = PV_SYM_FORCE;
                else if (!strcmp(tok, "demangle=full"))
                    sopts.demangle_full = true;
                else if (strcmp(tok, "local") && strcmp(tok, "fastlocal") && strcmp(tok, "remote") &&
                         strncmp(tok, "demangle=", 9))
                    fprintf(stderr, "pview: ignoring unrecognized symbolization option: %s\n", value);
            }
            free(v);
            continue;
        }
        if (!strcmp(f.name, "max_decompressed")) {
            lopts.max_decompressed = parse_size(value);
            if (!lopts.max_decompressed)
                die_usage("invalid size for -max_decompressed: %s", value);
            continue;
        }
        if (!strcmp(f.name, "theme")) {
            tcfg.theme = value;
            continue;
        }
        if (!strcmp(f.name, "tui_keytable"))
            return pv_tui_print_keytable(stdout);
        if (!strcmp(f.name, "tui_keys")) {
            tcfg.keys_script = value;
            continue;
        }
        if (!strcmp(f.name, "tui_dump")) {
            tcfg.dump_path = value;
            continue;
        }
        if (!strcmp(f.name, "tui_size")) {
            if (sscanf(value, "%dx%d", &tcfg.test_cols, &tcfg.test_lines) != 2)
                die_usage("invalid -tui_size %s: want COLSxLINES", value);
            continue;
        }
    }

    if (npos == 0)
        die_usage("no profile source specified");
    /* pprof: with more than one argument, a first one that is an object file is the binary */
    if (npos > 1 && is_elf(positional[0])) {
        sopts.binary = positional[0];
        positional++;
        npos--;
    }

    pv_model *m = pv_load(positional, npos, &lopts, err, sizeof err);
    if (!m) {
        pv_print_escaped(stderr, "pview: ", err);
        pv_options_free(&opts);
        free(positional - (sopts.binary ? 1 : 0));
        return 1;
    }
    if (sopts.binary && pv_model_set_main_binary(m, sopts.binary) != 0) {
        fprintf(stderr, "pview: out of memory\n");
        pv_model_free(m);
        return 1;
    }
    if (sopts.mode != PV_SYM_NONE && pv_symbolize(m, &sopts, warn_cb, &tcfg) < 0) {
        fprintf(stderr, "pview: out of memory while symbolizing\n");
        pv_model_free(m);
        return 1;
    }
    if (pv_model_drop_frames(m, err, sizeof err) != 0)
        warn_cb(&tcfg, err);
    if (add_comment && add_comment_to(m, add_comment) != 0) {
        fprintf(stderr, "pview: out of memory\n");
        pv_model_free(m);
        return 1;
    }

    int status = 0;
    if (report) {
        status = run_report(report, report_arg, m, &opts);
    } else {
        if (!tcfg.keys_script && (!isatty(STDOUT_FILENO) || !isatty(STDIN_FILENO))) {
            fprintf(stderr, "pview: standard %s is not a terminal: give a report flag such as -top for text output "
                            "(see pview --help)\n",
                    !isatty(STDOUT_FILENO) ? "output" : "input");
            status = 1;
        } else {
            status = pv_tui_run(m, &opts, &tcfg);
        }
    }
    pv_model_free(m);
    pv_options_free(&opts);
    pv_tui_config_free(&tcfg);
    free(positional - (sopts.binary ? 1 : 0));
    return status;
}
