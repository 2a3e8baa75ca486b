/* pview's command line: pprof's flags, batch reports, or the TUI. */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif
#include <stddef.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "profile/load.h"
#include "profile/util.h"
#include "profile/report.h"
#include "symbolize/symbolize.h"
#include "cli/completion.h"
#include "cli/live.h"
#include "cli/load.h"
#include "cli/repl.h"
#include "cli/version.h"
#include "fetch/fetch.h"
#include "fetch/symbolz.h"
#include "cli/reports.h"
#include "tui/theme.h"
#include "tui/tui.h"

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
    {"diff_base", FLAG_VALUE, "Source of base profile for comparison (repeatable)"},
    {"base", FLAG_VALUE, "Source of base profile for profile subtraction (repeatable)"},
    /* sources: fetching over HTTP (fetch/), folded stacks */
    {"seconds", FLAG_VALUE, "Length of time for dynamic profiles (sets ?seconds= on URLs)"},
    {"timeout", FLAG_VALUE, "Timeout in seconds for fetching a profile"},
    {"tls_cert", FLAG_VALUE, "TLS client certificate file for fetching profiles"},
    {"tls_key", FLAG_VALUE, "TLS private key file for fetching profiles"},
    {"tls_ca", FLAG_VALUE, "TLS CA certs file for fetching profiles"},
    {"folded_unit", FLAG_VALUE, "Unit of the counts of folded stacks (default count)"},
    {"refresh", FLAG_VALUE, "Live view: fetch the profile again every DURATION (30s, 1m; keys p, c)"},
    {"symbolize", FLAG_VALUE, "none, local, remote, force, demangle=full (default: local, then remote)"},
    {"max_decompressed", FLAG_VALUE, "Refuse gzip data larger than this once inflated (default 4GiB)"},
    {"theme", FLAG_VALUE, "Colour theme for the TUI (default, light, 256, monochrome)"},
    {"repl", FLAG_BOOL, "pprof's line-mode REPL on standard input (also when TERM is dumb or unset)"},
    {"completion", FLAG_VALUE, "Print the bash or zsh completion script (-completion=bash)"},
    {"add_comment", FLAG_VALUE, "Annotation string to record in the profile"},
    {"help", FLAG_BOOL, "Show this help"},
    {"version", FLAG_BOOL, "Print the version"},
    /* test mode of the TUI, not in --help */
    {"tui_keys", FLAG_VALUE, NULL},
    {"tui_dump", FLAG_VALUE, NULL},
    {"tui_size", FLAG_VALUE, NULL},
    {"tui_keytable", FLAG_BOOL, NULL},
    /* for the completion scripts */
    {"print_sample_types", FLAG_BOOL, NULL},
    {"print_themes", FLAG_BOOL, NULL},
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

/* Every flag, for the completion scripts: reports, settings, aliases, pview's own. */
static int print_completion(const char *shell)
{
    size_t n = 0, cap = 16;
    for (const pv_report_def *r = pv_reports; r->name; r++)
        cap += 2;
    for (const pv_setting *s = pv_settings; s->name; s++)
        cap++;
    for (const pv_setting_alias *a = pv_setting_aliases; a->name; a++)
        cap++;
    for (const flag_def *f = own_flags; f->name; f++)
        cap++;
    pv_completion_flag *fl = calloc(cap, sizeof *fl);
    if (!fl)
        return 1;
    for (const pv_report_def *r = pv_reports; r->name; r++) {
        fl[n++] = (pv_completion_flag){r->name, r->arg == PV_REPORT_ARG_REGEX, r->help, NULL};
        if (r->alias)
            fl[n++] = (pv_completion_flag){r->alias, r->arg == PV_REPORT_ARG_REGEX, r->help, NULL};
    }
    for (const pv_setting *s = pv_settings; s->name; s++)
        fl[n++] = (pv_completion_flag){s->name, s->type != PV_SET_BOOL, s->help, s->choices};
    for (const pv_setting_alias *a = pv_setting_aliases; a->name; a++)
        fl[n++] = (pv_completion_flag){a->name, 0, a->help, NULL};
    for (const flag_def *f = own_flags; f->name; f++)
        if (f->help)
            fl[n++] = (pv_completion_flag){f->name, f->kind == FLAG_VALUE, f->help, NULL};
    int rc = pv_completion_print(stdout, shell, fl);
    free(fl);
    if (rc != 0)
        die_usage("-completion takes bash or zsh, not %s", shell);
    return 0;
}

static void print_theme_name(const char *name, void *ctx)
{
    (void)ctx;
    printf("%s\n", name);
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
        fprintf(stderr, "Generating report in %s\n", output);
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
    } else if (fflush(stdout) != 0) {
        status = 1;
    }
    free(output);
    return status;
}

/* A duration: 30s, 1m, 500ms, 2h, or a number of seconds. Milliseconds, or -1. */
static long parse_duration(const char *s)
{
    char *end;
    errno = 0;
    double v = strtod(s, &end);
    if (errno || end == s || v < 0)
        return -1;
    double mul = !strcmp(end, "") || !strcmp(end, "s") ? 1000 : !strcmp(end, "ms") ? 1 : !strcmp(end, "m") ? 60000
               : !strcmp(end, "h")                    ? 3600000
                                                      : -1;
    if (mul < 0 || v * mul > 86400000.0 * 7)
        return -1;
    return (long)(v * mul);
}

/* The TUI builds models and reports of the same sizes again and again (a live view's
 * refreshes, filters): the memory of the last ones is kept for the next instead of going
 * back to the system, which would hand out new pages to fault in (zeroed, one page fault
 * each; on a virtual machine the host's fault too) and flush the other threads' TLBs on each
 * release. So every block comes from one heap (one arena: a thread's own heap is unmapped
 * once empty; no mmap: a large block would be unmapped when freed), which is never trimmed.
 * Its peak grows little for it: the old model is freed once the new one is shown, and the
 * next refresh takes its memory (bench/README.md: peak RSS over 15 refreshes). */
static void keep_memory(void)
{
#ifdef __GLIBC__
    mallopt(M_ARENA_MAX, 1);
    mallopt(M_MMAP_MAX, 0);
    mallopt(M_TRIM_THRESHOLD, INT_MAX);
#endif
}

static void save_later_cb(void *ctx)
{
    pv_cli_save_later(ctx);
}

static pv_model *live_refresh_cb(void *ctx, bool diff, const volatile sig_atomic_t *cancel, char *err, size_t errlen)
{
    pv_live *l = ctx;
    if (pv_live_fetch(l, cancel, err, errlen) != 0)
        return NULL;
    return pv_live_model(l, diff, err, errlen);
}

static pv_model *live_rebuild_cb(void *ctx, bool diff, char *err, size_t errlen)
{
    return pv_live_model(ctx, diff, err, errlen);
}


/* What main allocates before loading, freed on every way out (LeakSanitizer runs the
 * ASan build's completion step and tests). */
typedef struct {
    pv_options *opts;
    pv_tui_config *tcfg;
    const char **positional, **bases, **diff_bases;
    bool binary_shift;
} main_owned;

static int finish(const main_owned *o, int status)
{
    pv_options_free(o->opts);
    pv_tui_config_free(o->tcfg);
    free(o->positional ? o->positional - (o->binary_shift ? 1 : 0) : NULL);
    free(o->bases);
    free(o->diff_bases);
    return status;
}

int main(int argc, char **argv)
{
    pv_options opts;
    pv_options_init(&opts);
    const pv_report_def *report = NULL;
    const char *report_arg = NULL;
    pv_symbolize_opts sopts = {PV_SYM_AUTO, NULL, false, false, false};
    pv_load_opts lopts = {0};
    pv_tui_config tcfg = {0};
    pv_fetch_opts fopts;
    pv_fetch_opts_init(&fopts);
    const char **positional = calloc((size_t)argc + 1, sizeof *positional);
    size_t npos = 0;
    const char **bases = calloc((size_t)argc + 1, sizeof *bases), **diff_bases = calloc((size_t)argc + 1, sizeof *bases);
    size_t nbases = 0, ndiff_bases = 0;
    const char *add_comment = NULL;
    char err[1024];
    bool flags_done = false, repl = false, print_types = false;
    main_owned own = {&opts, &tcfg, positional, bases, diff_bases, false};

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
                return finish(&own, 0);
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
        if (!strcmp(f.name, "completion"))
            return finish(&own, print_completion(value));
        if (!strcmp(f.name, "print_themes")) {
            pv_theme_list(print_theme_name, NULL);
            return finish(&own, 0);
        }
        if (!strcmp(f.name, "print_sample_types")) {
            print_types = true;
            continue;
        }
        if (!strcmp(f.name, "repl")) {
            repl = is_true(value);
            continue;
        }
        if (!strcmp(f.name, "help")) {
            print_help(stdout);
            return finish(&own, 0);
        }
        if (!strcmp(f.name, "version")) {
            pv_print_version(stdout);
            return finish(&own, 0);
        }
        if (!strcmp(f.name, "base") || !strcmp(f.name, "diff_base")) {
            if (*value) /* pprof drops empty ones */
                (f.name[0] == 'b' ? bases : diff_bases)[f.name[0] == 'b' ? nbases++ : ndiff_bases++] = value;
            continue;
        }
        if (!strcmp(f.name, "add_comment")) {
            add_comment = value;
            continue;
        }
        if (!strcmp(f.name, "symbolize")) {
            sopts.mode = PV_SYM_AUTO;
            sopts.no_local = sopts.no_remote = false;
            char *v = strdup(value);
            for (char *tok = strtok(v, ":"); tok; tok = strtok(NULL, ":")) {
                if (!strcmp(tok, "none") || !strcmp(tok, "no")) {
                    sopts.mode = PV_SYM_NONE; /* pprof stops reading the value there */
                    break;
                } else if (!strcmp(tok, "force")) {
                    sopts.mode = PV_SYM_FORCE;
                } else if (!strcmp(tok, "demangle=full")) {
                    sopts.demangle_full = true;
                } else if (!strcmp(tok, "local") || !strcmp(tok, "fastlocal")) {
                    sopts.no_local = false;
                    sopts.no_remote = true;
                } else if (!strcmp(tok, "remote")) {
                    sopts.no_local = true;
                    sopts.no_remote = false;
                } else if (strncmp(tok, "demangle=", 9)) {
                    fprintf(stderr, "pview: ignoring unrecognized symbolization option: %s\n", value);
                }
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
        if (!strcmp(f.name, "refresh")) {
            long ms = parse_duration(value);
            if (ms < 0)
                die_usage("invalid duration for -refresh: %s (30s, 1m, 500ms)", value);
            tcfg.refresh_ms = (int)ms;
            continue;
        }
        if (f.own) {
            int fr = pv_fetch_opts_set(&fopts, f.name, value, err, sizeof err);
            if (fr < 0)
                die_usage("invalid value %s for flag -%s: %s", value, f.name, err);
            if (fr > 0)
                continue;
            if (!strcmp(f.name, "folded_unit")) {
                lopts.folded_unit = value;
                continue;
            }
        }
        if (!strcmp(f.name, "tui_keytable"))
            return finish(&own, pv_tui_print_keytable(stdout));
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
        own.positional = positional;
        own.binary_shift = true;
    }

    if (nbases && ndiff_bases)
        die_usage("-base and -diff_base flags cannot both be specified");
    pv_base_opts bopts = {nbases ? bases : diff_bases, nbases ? nbases : ndiff_bases, ndiff_bases > 0, opts.normalize,
                          NULL, NULL};
    /* fetched gzip bodies are inflated while they arrive, within the loader's limit */
    fopts.inflate_cap = lopts.max_decompressed ? lopts.max_decompressed : PV_DEFAULT_MAX_DECOMPRESSED;
    fopts.stream = true; /* and decoded while it downloads (pv_stream) */
    const char *term = getenv("TERM");
    bool dumb = !tcfg.keys_script && (!term || !*term || !strcmp(term, "dumb"));
    /* the TUI comes up first and loads behind its loading screen */
    bool tui = !report && !repl && !dumb && !print_types &&
               (tcfg.keys_script || (isatty(STDOUT_FILENO) && isatty(STDIN_FILENO)));
    if (tui)
        keep_memory();
    pv_model *m = NULL;
    pv_load_out bout = {&tcfg, NULL, NULL, NULL, NULL, NULL, NULL};
    if (!tui) {
        m = pv_cli_load_profile(positional, npos, bopts.nbase ? &bopts : NULL, &fopts, &lopts, &sopts, add_comment, &bout,
                         err, sizeof err);
        if (!m) {
            if (*err) /* else the loader said it on stderr */
                pv_print_escaped(stderr, "pview: ", err);
            return finish(&own, 1);
        }
        if (print_types) {
            for (size_t i = 0; i < m->ntypes; i++)
                printf("%s\n", pv_str(m, m->sample_types[i].type));
            pv_model_free(m);
            return finish(&own, 0);
        }
    }
    pv_reload_ctx rctx = {positional, npos, &fopts, &lopts, &sopts, &tcfg, NULL, bopts.nbase > 0};
    /* the live view fetches the sources again (not "-": standard input is read once) */
    bool has_stdin = false;
    for (size_t i = 0; i < npos; i++)
        has_stdin = has_stdin || !strcmp(positional[i], "-");
    pv_live *live = !report && !has_stdin && !bopts.nbase ? pv_live_new(positional, npos, &fopts, &lopts, &sopts) : NULL;
    if (live) {
        tcfg.live_refresh = live_refresh_cb;
        tcfg.live_rebuild = live_rebuild_cb;
        tcfg.live_ctx = live;
    } else if (tcfg.refresh_ms > 0) {
        fprintf(stderr, "pview: -refresh: %s\n", has_stdin ? "standard input cannot be read again" : "not with a base profile");
    }
    tcfg.reload = pv_cli_reload;
    tcfg.reload_ctx = &rctx;
    tcfg.diff = bopts.nbase > 0;
    tcfg.nsources = npos;
    char *base_label = bopts.nbase ? pv_asprintf("%s=%s%s", ndiff_bases ? "diff_base" : "base", bopts.base[0],
                                                 bopts.nbase > 1 ? " ..." : "")
                                   : NULL;
    tcfg.base_label = base_label;

    int status = 0;
    if (tui) {
        pv_tui_job job = {positional, npos, bopts.nbase ? &bopts : NULL, &fopts, &lopts, &sopts, add_comment,
                       {&tcfg, NULL, NULL, NULL, NULL, NULL, live ? pv_live_sizes(live) : NULL}};
        rctx.first = &job.out;
        char *what = npos > 1 ? pv_asprintf("%s (and %zu more)", positional[0], npos - 1) : NULL;
        pv_tui_load ld = {.load = pv_cli_tui_load, .ctx = &job, .what = what ? what : positional[0]};
        tcfg.shown = save_later_cb; /* the fetched profile is saved once it is on screen */
        tcfg.shown_ctx = &job.out;
        status = pv_tui_run_loading(&ld, &opts, &tcfg);
        if (!ld.abandoned) { /* else its thread may still be at it */
            if (ld.canceled || ld.failed) {
                pv_fetch_later_free(job.out.later);
                job.out.later = NULL;
            }
            pv_cli_save_later(&job.out); /* when the TUI ended before drawing it */
        }
        if (ld.canceled) {
            pv_print_escaped(stderr, "pview: stopped loading ", ld.what);
            if (ld.abandoned) /* its thread still reads what main owns */
                _exit(status);
        } else if (ld.failed) { /* what the loader would have said on stderr */
            for (size_t i = 0; i < tcfg.nwarnings; i++)
                pv_print_escaped(stderr, "pview: ", tcfg.warnings[i]);
            if (ld.err[0])
                pv_print_escaped(stderr, "pview: ", ld.err);
        } else if (job.out.saved) { /* where the fetched profile is, as pprof says */
            pv_print_escaped(stderr, "", job.out.saved);
        }
        free(job.out.saved);
        free(what);
        m = ld.model;
        rctx.first = NULL;
    } else if (report) {
        status = run_report(report, report_arg, m, &opts);
    } else if (repl || dumb) {
        if (!repl)
            fprintf(stderr, "pview: TERM is %s: no full-screen UI; pprof's line mode instead (-repl)\n",
                    term && *term ? "dumb" : "not set");
        status = pv_repl_run(stdin, stdout, stderr, m, &opts);
    } else {
        fprintf(stderr, "pview: standard %s is not a terminal: give a report flag such as -top for text output "
                        "(see pview --help)\n",
                !isatty(STDOUT_FILENO) ? "output" : "input");
        status = 1;
    }
    pv_model_free(m);
    pv_live_free(live);
    free(base_label);
    return finish(&own, status);
}
