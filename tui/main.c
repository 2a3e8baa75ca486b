/* pview's command line: pprof's flags, batch reports, or the TUI. */
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "fetch/fetch.h"
#include "profile/load.h"
#include "profile/report.h"
#include "symbolize/symbolize.h"
#include "tui/tui.h"

#define PVIEW_VERSION "0.1.0"

static const char usage_line[] = "usage: pview [flags] [binary] profile...";

typedef enum { FLAG_BOOL, FLAG_VALUE } flag_kind;

/* What a flag does: set a pprof option (opt), pick a report (report), or a pview setting. */
typedef struct {
    const char *name;
    flag_kind kind;
    const char *opt;       /* pv_options name, or NULL */
    const char *opt_value; /* fixed value for alias flags (e.g. -inuse_space) */
    const char *help;
} flag_def;

static const flag_def flags[] = {
    /* reports */
    {"top", FLAG_BOOL, NULL, NULL, "Print the top entries (flat, flat%, sum%, cum, cum%) and exit"},
    {"text", FLAG_BOOL, NULL, NULL, "Same as -top"},
    /* settings, with pprof's names */
    {"nodecount", FLAG_VALUE, "nodecount", NULL, "Max number of nodes to show"},
    {"nodefraction", FLAG_VALUE, "nodefraction", NULL, "Hide nodes below <f>*total"},
    {"edgefraction", FLAG_VALUE, "edgefraction", NULL, "Hide edges below <f>*total"},
    {"cum", FLAG_BOOL, "cum", NULL, "Sort entries based on cumulative weight"},
    {"flat", FLAG_BOOL, "flat", NULL, "Sort entries based on own weight"},
    {"trim", FLAG_BOOL, "trim", NULL, "Honor nodefraction/edgefraction/nodecount defaults"},
    {"sample_index", FLAG_VALUE, "sample_index", NULL, "Sample value to report (0-based index or name)"},
    {"mean", FLAG_BOOL, "mean", NULL, "Average sample value over first value (count)"},
    {"unit", FLAG_VALUE, "unit", NULL, "Measurement units to display"},
    {"divide_by", FLAG_VALUE, "divide_by", NULL, "Ratio to divide all samples before visualization"},
    {"inuse_space", FLAG_BOOL, "sample_index", "inuse_space", "Same as -sample_index=inuse_space"},
    {"inuse_objects", FLAG_BOOL, "sample_index", "inuse_objects", "Same as -sample_index=inuse_objects"},
    {"alloc_space", FLAG_BOOL, "sample_index", "alloc_space", "Same as -sample_index=alloc_space"},
    {"alloc_objects", FLAG_BOOL, "sample_index", "alloc_objects", "Same as -sample_index=alloc_objects"},
    {"total_delay", FLAG_BOOL, "sample_index", "delay", "Same as -sample_index=delay"},
    {"contentions", FLAG_BOOL, "sample_index", "contentions", "Same as -sample_index=contentions"},
    {"mean_delay", FLAG_BOOL, "sample_index", "delay", "Same as -mean -sample_index=delay"},
    {"focus", FLAG_VALUE, "focus", NULL, "Restricts to samples going through a node matching regexp"},
    {"ignore", FLAG_VALUE, "ignore", NULL, "Skips paths going through any nodes matching regexp"},
    {"hide", FLAG_VALUE, "hide", NULL, "Skips nodes matching regexp"},
    {"show", FLAG_VALUE, "show", NULL, "Only consider nodes matching regexp"},
    {"show_from", FLAG_VALUE, "show_from", NULL, "Drops functions above the highest matched frame"},
    {"prune_from", FLAG_VALUE, "prune_from", NULL, "Drops any functions below the matched frame"},
    {"tagfocus", FLAG_VALUE, "tagfocus", NULL, "Restricts to samples with tags in range or matched by regexp"},
    {"tagignore", FLAG_VALUE, "tagignore", NULL, "Discard samples with tags in range or matched by regexp"},
    {"tagshow", FLAG_VALUE, "tagshow", NULL, "Only consider tags matching this regexp"},
    {"taghide", FLAG_VALUE, "taghide", NULL, "Skip tags matching this regexp"},
    {"relative_percentages", FLAG_BOOL, "relative_percentages", NULL, "Show percentages relative to focused subgraph"},
    {"drop_negative", FLAG_BOOL, "drop_negative", NULL, "Ignore negative differences"},
    {"functions", FLAG_BOOL, "functions", NULL, "Aggregate at the function level"},
    {"filefunctions", FLAG_BOOL, "filefunctions", NULL, "Aggregate at the function level, per file"},
    {"files", FLAG_BOOL, "files", NULL, "Aggregate at the file level"},
    {"lines", FLAG_BOOL, "lines", NULL, "Aggregate at the source code line level"},
    {"addresses", FLAG_BOOL, "addresses", NULL, "Aggregate at the address level"},
    {"granularity", FLAG_VALUE, "granularity", NULL, "functions, filefunctions, files, lines or addresses"},
    {"noinlines", FLAG_BOOL, "noinlines", NULL, "Ignore inlines"},
    /* pview's own */
    {"symbolize", FLAG_VALUE, NULL, NULL, "none, force, demangle=full (default: symbolize what lacks symbols)"},
    {"max_decompressed", FLAG_VALUE, NULL, NULL, "Refuse gzip data larger than this once inflated (default 4GiB)"},
    {"theme", FLAG_VALUE, NULL, NULL, "Colour theme for the TUI (default, light, 256, monochrome)"},
    /* sources: fetching over HTTP (fetch/), folded stacks */
    {"seconds", FLAG_VALUE, NULL, NULL, "Length of time for dynamic profiles (sets ?seconds= on URLs)"},
    {"timeout", FLAG_VALUE, NULL, NULL, "Timeout in seconds for fetching a profile"},
    {"tls_cert", FLAG_VALUE, NULL, NULL, "TLS client certificate file for fetching profiles"},
    {"tls_key", FLAG_VALUE, NULL, NULL, "TLS private key file for fetching profiles"},
    {"tls_ca", FLAG_VALUE, NULL, NULL, "TLS CA certs file for fetching profiles"},
    {"folded_unit", FLAG_VALUE, NULL, NULL, "Unit of the counts of folded stacks (default count)"},
    {"help", FLAG_BOOL, NULL, NULL, "Show this help"},
    {"version", FLAG_BOOL, NULL, NULL, "Print the version"},
    /* test mode of the TUI, not in --help */
    {"tui_keys", FLAG_VALUE, NULL, NULL, NULL},
    {"tui_dump", FLAG_VALUE, NULL, NULL, NULL},
    {"tui_size", FLAG_VALUE, NULL, NULL, NULL},
    {"tui_keytable", FLAG_BOOL, NULL, NULL, NULL},
    {NULL, 0, NULL, NULL, NULL},
};

static void print_help(FILE *out)
{
    fprintf(out, "%s\n\n", usage_line);
    fprintf(out, "pview opens pprof profiles (profile.proto, gzipped or raw; several files are merged)\n"
                 "in a terminal UI. With a report flag it prints that report, as go tool pprof does, and exits.\n\n"
                 "Flags (also as --flag, -flag=value or -flag value):\n");
    for (const flag_def *f = flags; f->name; f++) {
        if (!f->help)
            continue;
        char left[48];
        snprintf(left, sizeof left, "-%s%s", f->name, f->kind == FLAG_VALUE ? "=X" : "");
        fprintf(out, "  %-24s %s\n", left, f->help);
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

/* Messages can quote a profile's strings: their control bytes, C1 characters and invalid
 * UTF-8 are written escaped, so a hostile profile cannot drive the terminal through stderr. */
static void print_escaped(FILE *out, const char *prefix, const char *msg)
{
    fputs(prefix, out);
    const unsigned char *p = (const unsigned char *)msg;
    while (*p) {
        unsigned c = *p;
        if (c < 0x20 || c == 0x7f) {
            fprintf(out, "\\x%02x", c);
            p++;
            continue;
        }
        if (c < 0x80) {
            fputc((int)c, out);
            p++;
            continue;
        }
        /* a UTF-8 sequence: its length from the lead byte, then continuation bytes */
        int n = c >= 0xf0 && c < 0xf5 ? 4 : c >= 0xe0 ? 3 : c >= 0xc2 && c < 0xe0 ? 2 : 0;
        if (c >= 0xf5)
            n = 0;
        unsigned cp = n == 2 ? c & 0x1f : n == 3 ? c & 0x0f : c & 0x07;
        int k = 1;
        for (; n && k < n && (p[k] & 0xc0) == 0x80; k++)
            cp = cp << 6 | (p[k] & 0x3f);
        bool valid = n && k == n && !(n == 3 && cp < 0x800) && !(n == 4 && (cp < 0x10000 || cp > 0x10ffff)) &&
                     !(cp >= 0xd800 && cp <= 0xdfff);
        if (!valid) {
            fprintf(out, "\\x%02x", c);
            p++;
        } else if (cp >= 0x80 && cp <= 0x9f) {
            fprintf(out, "\\u%04x", cp);
            p += n;
        } else {
            fwrite(p, 1, (size_t)n, out);
            p += n;
        }
    }
    fputc('\n', out);
}

static void warn_cb(void *ctx, const char *msg)
{
    if (ctx)
        pv_tui_config_warn(ctx, msg); /* shown again once the TUI runs */
    print_escaped(stderr, "pview: ", msg);
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

int main(int argc, char **argv)
{
    pv_options opts;
    pv_options_init(&opts);
    bool report_top = false;
    pv_symbolize_opts sopts = {PV_SYM_AUTO, NULL, false};
    pv_load_opts lopts = {0};
    pv_tui_config tcfg = {0};
    pv_fetch_opts fopts;
    pv_fetch_opts_init(&fopts);
    const char **positional = calloc((size_t)argc + 1, sizeof *positional);
    size_t npos = 0;
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
        const flag_def *f = NULL;
        for (const flag_def *d = flags; d->name; d++)
            if (strlen(d->name) == nlen && !strncmp(d->name, name, nlen))
                f = d;
        if (!f) {
            if (nlen == 1 && name[0] == 'h') { /* -h, as most tools take it */
                print_help(stdout);
                return 0;
            }
            die_usage("unknown flag -%.*s", (int)nlen, name);
        }
        const char *value = NULL;
        if (f->kind == FLAG_VALUE) {
            if (eq) {
                value = eq + 1;
            } else if (i + 1 < argc) {
                value = argv[++i];
            } else {
                die_usage("flag needs an argument: -%s", f->name);
            }
        } else {
            value = eq ? eq + 1 : "true";
        }
        if (!strcmp(f->name, "help")) {
            print_help(stdout);
            return 0;
        }
        if (!strcmp(f->name, "version")) {
            printf("pview %s\n", PVIEW_VERSION);
            return 0;
        }
        if (!strcmp(f->name, "top") || !strcmp(f->name, "text")) {
            bool b = strcmp(value, "false") && strcmp(value, "0");
            report_top = report_top || b;
            continue;
        }
        if (!strcmp(f->name, "symbolize")) {
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
        if (!strcmp(f->name, "max_decompressed")) {
            lopts.max_decompressed = parse_size(value);
            if (!lopts.max_decompressed)
                die_usage("invalid size for -max_decompressed: %s", value);
            continue;
        }
        int fr = pv_fetch_opts_set(&fopts, f->name, value, err, sizeof err);
        if (fr < 0)
            die_usage("invalid value %s for flag -%s: %s", value, f->name, err);
        if (fr > 0)
            continue;
        if (!strcmp(f->name, "folded_unit")) {
            lopts.folded_unit = value;
            continue;
        }
        if (!strcmp(f->name, "theme")) {
            tcfg.theme = value;
            continue;
        }
        if (!strcmp(f->name, "tui_keytable"))
            return pv_tui_print_keytable(stdout);
        if (!strcmp(f->name, "tui_keys")) {
            tcfg.keys_script = value;
            continue;
        }
        if (!strcmp(f->name, "tui_dump")) {
            tcfg.dump_path = value;
            continue;
        }
        if (!strcmp(f->name, "tui_size")) {
            if (sscanf(value, "%dx%d", &tcfg.test_cols, &tcfg.test_lines) != 2)
                die_usage("invalid -tui_size %s: want COLSxLINES", value);
            continue;
        }
        /* a pprof setting */
        const char *setval = value;
        if (f->opt_value) {
            if (strcmp(value, "true") != 0)
                continue; /* -inuse_space=false: nothing to do */
            setval = f->opt_value;
            if (!strcmp(f->name, "mean_delay"))
                pv_options_set(&opts, "mean", "true", err, sizeof err);
        }
        if (pv_options_set(&opts, f->opt, setval, err, sizeof err) != 0)
            die_usage("invalid value %s for flag -%s: %s", value, f->name, err);
    }

    if (npos == 0)
        die_usage("no profile source specified");
    /* pprof: with more than one argument, a first one that is an object file is the binary */
    if (npos > 1 && is_elf(positional[0])) {
        sopts.binary = positional[0];
        positional++;
        npos--;
    }

    /* pv_load(), with URL sources fetched and saved as pprof does (fetch/) */
    pv_model *m = pv_fetch_cli_load(positional, npos, &fopts, sopts.binary, &lopts, err, sizeof err);
    if (!m) {
        if (*err) /* else fetching said it on stderr */
            print_escaped(stderr, "pview: ", err);
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

    int status = 0;
    if (report_top) {
        pv_report *r = pv_report_build(m, &opts, err, sizeof err);
        if (!r) {
            print_escaped(stderr, "pview: ", err);
            status = 1;
        } else {
            for (size_t i = 0; i < r->nwarnings; i++)
                print_escaped(stderr, "", r->warnings[i]);
            pv_print_top(stdout, r);
            pv_report_free(r);
            if (fflush(stdout) != 0)
                status = 1;
        }
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
