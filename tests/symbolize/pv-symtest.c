/* Test driver for symbolize/: builds a one-mapping model in memory, runs pv_symbolize and
 * prints each address's frames like `eu-addr2line -i -f` (function, then file:line,
 * innermost first; "??" and "??:0" when unknown).
 *
 *   pv-symtest [options] BINARY ADDR...
 *     -m START:LIMIT:OFFSET  the mapping's runtime layout (hex); default 0:0:0 (file addresses)
 *     -i BUILDID             the mapping's build_id
 *     -p PATH                the mapping's recorded file name (default BINARY); with -B the
 *                            binary is passed as the binary option instead
 *     -B                     pass BINARY as pv_symbolize_opts.binary
 *     -F                     PV_SYM_FORCE, and the mapping claims has_functions (parca style)
 *     -H                     the mapping claims has_functions (parca style), mode stays AUTO
 *     -N                     PV_SYM_NONE
 *     -L                     every location already has one line (function "pre"), mapping flags
 *                            unset: AUTO
 *                            mode must keep those lines
 *     -D                     demangle=full
 *     -P                     report debuginfod progress on stderr ("progress: WHAT DONE/TOTAL"),
 *                            once per download
 *     -K                     like -P, and cancel each download at its first progress report
 *     -R                     print the raw (system) names, as `llvm-symbolizer -f` without
 *                            demangling prints them
 *     -x                     print "name<TAB>system_name<TAB>start_line" as the function line
 *     -2 PATH:START:LIMIT:OFFSET  add another mapping (repeatable, up to 8); each address goes
 *                            to the first mapping whose [START, LIMIT) holds it, else mapping 0
 *     -a FILE                read addresses (hex, one per line) from FILE; prints counts to
 *                            stderr, and the frames only with -v
 *     -v                     with -a, print the frames too
 *     -q                     do not print warnings
 * Warnings go to stderr as "warning: ...". Exit status 0 unless allocation fails. */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "symbolize/internal.h"
#include "symbolize/symbolize.h"

static int quiet;

static void on_warn(void *ctx, const char *msg)
{
    (void)ctx;
    if (!quiet)
        fprintf(stderr, "warning: %s\n", msg);
}

static int read_addrs(const char *path, uint64_t **out, size_t *n)
{
    FILE *f = strcmp(path, "-") == 0 ? stdin : fopen(path, "r");
    if (!f)
        return -1;
    size_t cap = 1024;
    *n = 0;
    *out = malloc(cap * sizeof **out);
    char buf[128];
    while (*out && fgets(buf, sizeof buf, f)) {
        char *end;
        uint64_t a = strtoull(buf, &end, 16);
        if (end == buf)
            continue;
        if (*n == cap) {
            cap *= 2;
            uint64_t *na = realloc(*out, cap * sizeof *na);
            if (!na)
                break;
            *out = na;
        }
        (*out)[(*n)++] = a;
    }
    if (f != stdin)
        fclose(f);
    return *out ? 0 : -1;
}

struct progress_seen {
    bool cancel;
    char last_what[300];
};

static bool on_progress(void *ctx, const char *what, long done, long total)
{
    struct progress_seen *p = ctx;
    if (strcmp(p->last_what, what) != 0) { /* once per download */
        snprintf(p->last_what, sizeof p->last_what, "%s", what);
        fprintf(stderr, "progress: %s %ld/%ld\n", what, done, total);
    }
    return p->cancel;
}

int main(int argc, char **argv)
{
    uint64_t start = 0, limit = 0, offset = 0;
    const char *build_id = "", *path = NULL, *addr_file = NULL;
    char extra_path[8][4096];
    uint64_t extra[8][3];
    size_t nextra = 0;
    int use_binary_opt = 0, force = 0, hasfn = 0, none = 0, prelines = 0, full = 0, ext = 0, raw = 0, progress = 0, verbose = 0, c;
    while ((c = getopt(argc, argv, "m:i:p:BFHNLDxRPKa:vq2:")) != -1) {
        switch (c) {
        case 'm':
            if (sscanf(optarg, "%" SCNx64 ":%" SCNx64 ":%" SCNx64, &start, &limit, &offset) != 3) {
                fprintf(stderr, "bad -m %s\n", optarg);
                return 2;
            }
            break;
        case '2': {
            char *colon = strchr(optarg, ':');
            if (nextra == 8 || !colon || (size_t)(colon - optarg) >= sizeof extra_path[0] ||
                sscanf(colon + 1, "%" SCNx64 ":%" SCNx64 ":%" SCNx64, &extra[nextra][0], &extra[nextra][1],
                       &extra[nextra][2]) != 3) {
                fprintf(stderr, "bad -2 %s\n", optarg);
                return 2;
            }
            memcpy(extra_path[nextra], optarg, (size_t)(colon - optarg));
            extra_path[nextra][colon - optarg] = 0;
            nextra++;
            break;
        }
        case 'i': build_id = optarg; break;
        case 'p': path = optarg; break;
        case 'B': use_binary_opt = 1; break;
        case 'F': force = 1; break;
        case 'H': hasfn = 1; break;
        case 'N': none = 1; break;
        case 'L': prelines = 1; break;
        case 'D': full = 1; break;
        case 'x': ext = 1; break;
        case 'R': raw = 1; break;
        case 'P': progress = 1; break;
        case 'K': progress = 2; break;
        case 'a': addr_file = optarg; break;
        case 'v': verbose = 1; break;
        case 'q': quiet = 1; break;
        default: return 2;
        }
    }
    if (optind >= argc) {
        fprintf(stderr, "usage: pv-symtest [options] BINARY ADDR...\n");
        return 2;
    }
    const char *binary = argv[optind++];
    uint64_t *addrs = NULL;
    size_t naddrs = 0;
    if (addr_file) {
        if (read_addrs(addr_file, &addrs, &naddrs) != 0) {
            fprintf(stderr, "cannot read %s\n", addr_file);
            return 2;
        }
    } else {
        naddrs = (size_t)(argc - optind);
        addrs = calloc(naddrs ? naddrs : 1, sizeof *addrs);
        for (size_t i = 0; i < naddrs; i++)
            addrs[i] = strtoull(argv[optind + (int)i], NULL, 16);
    }

    pv_model *m = calloc(1, sizeof *m);
    m->nmappings = 1 + nextra;
    m->mappings = calloc(m->nmappings, sizeof *m->mappings);
    const char *mfile = path ? path : (use_binary_opt ? "" : binary);
    m->mappings[0] = (pv_mapping){.id = 1, .start = start, .limit = limit, .offset = offset,
                                  .file = pv_intern(m, mfile, strlen(mfile)),
                                  .build_id = pv_intern(m, build_id, strlen(build_id)),
                                  .has_functions = force || hasfn};
    for (size_t i = 0; i < nextra; i++)
        m->mappings[1 + i] = (pv_mapping){.id = 2 + i, .start = extra[i][0], .limit = extra[i][1],
                                          .offset = extra[i][2],
                                          .file = pv_intern(m, extra_path[i], strlen(extra_path[i]))};
    m->nlocations = naddrs;
    m->locations = calloc(naddrs ? naddrs : 1, sizeof *m->locations);
    m->nsamples = naddrs;
    m->stack_off = calloc(naddrs + 1, sizeof *m->stack_off);
    m->stack = calloc(naddrs ? naddrs : 1, sizeof *m->stack);
    m->ntypes = 1;
    m->values = calloc(naddrs ? naddrs : 1, sizeof *m->values);
    for (size_t i = 0; i < naddrs; i++) {
        uint32_t mi = 0;
        for (size_t k = 0; k < nextra && mi == 0; k++)
            if (addrs[i] >= extra[k][0] && addrs[i] < extra[k][1])
                mi = (uint32_t)(1 + k);
        m->locations[i] = (pv_location){.id = i + 1, .mapping = mi, .address = addrs[i]};
        m->stack[i] = (uint32_t)i;
        m->stack_off[i + 1] = i + 1;
        m->values[i] = 1;
    }
    if (prelines) {
        m->nfunctions = 1;
        m->functions = calloc(1, sizeof *m->functions);
        m->functions[0] = (pv_function){.id = 1, .name = pv_intern(m, "pre", 3), .system_name = pv_intern(m, "pre", 3)};
        m->nlines = naddrs;
        m->lines = calloc(naddrs ? naddrs : 1, sizeof *m->lines);
        for (size_t i = 0; i < naddrs; i++) {
            m->lines[i] = (pv_line){.function = 0, .line = (int64_t)i + 1};
            m->locations[i].line_start = (uint32_t)i;
            m->locations[i].line_count = 1;
        }
    }
    pv_symbolize_opts o = {.mode = none ? PV_SYM_NONE : force ? PV_SYM_FORCE : PV_SYM_AUTO,
                           .binary = use_binary_opt ? binary : NULL, .demangle_full = full};
    struct progress_seen seen = {progress == 2, ""};
    pv_symbolize_hooks hooks = {on_progress, &seen};
    long n = pv_symbolize_ex(m, &o, on_warn, NULL, progress ? &hooks : NULL);
    if (n < 0) {
        fprintf(stderr, "pv_symbolize: out of memory\n");
        return 1;
    }
    if (addr_file)
        fprintf(stderr, "symbolized %ld of %zu locations, %zu lines, %zu functions\n", n, naddrs, m->nlines,
               m->nfunctions);
    if (!addr_file || verbose) {
        for (size_t i = 0; i < naddrs; i++) {
            const pv_location *loc = &m->locations[i];
            if (loc->line_count == 0) {
                printf("??\n??:0\n");
                continue;
            }
            for (uint32_t k = 0; k < loc->line_count; k++) {
                const pv_line *ln = &m->lines[loc->line_start + k];
                const pv_function *f = &m->functions[ln->function];
                const char *name = pv_str(m, raw ? f->system_name : f->name);
                const char *file = pv_str(m, f->filename);
                if (ext)
                    printf("%s\t%s\t%" PRId64 "\n", name[0] ? name : "??", pv_str(m, f->system_name),
                           f->start_line);
                else
                    printf("%s\n", name[0] ? name : "??");
                printf("%s:%" PRId64 "\n", file[0] ? file : "??", ln->line);
            }
        }
    }
    if (n > 0 && !(m->mappings[0].has_functions && m->mappings[0].has_filenames && m->mappings[0].has_line_numbers))
        fprintf(stderr, "warning: mapping flags not updated\n");
    free(addrs);
    pv_model_free(m);
    return 0;
}
