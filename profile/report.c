/* The top report: pprof's filters, granularity, flat/cum graph, trimming and ordering.
 *
 * pprof mutates a copy of the profile (location lines, sample stacks) and then builds a
 * graph keyed by NodeInfo. Here the model stays read-only: filters produce a selection of
 * samples, a per-location list of surviving lines, per-sample stack bounds and hidden
 * locations; nodes are created once per (location, line) for the granularity; one linear
 * pass over the selected samples adds flat and cum, counting a node once per sample. */
#include "profile/report.h"

#include <errno.h>
#include <inttypes.h>
#include <math.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "profile/filter.h"
#include "profile/measure.h"

/* ---------- small helpers ---------- */

static char *xasprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static char *xasprintf(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char *s = NULL;
    if (vasprintf(&s, fmt, ap) < 0)
        s = NULL;
    va_end(ap);
    return s;
}

/* Go's int64 arithmetic wraps; C's signed overflow is undefined, so sums go through uint64. */
static int64_t wadd(int64_t a, int64_t b)
{
    return (int64_t)((uint64_t)a + (uint64_t)b);
}

/* Go's int64(f) on amd64: out of range or NaN gives math.MinInt64 (C leaves it undefined). */
static int64_t go_int64(double f)
{
    if (!(f >= -9223372036854775808.0 && f < 9223372036854775808.0))
        return INT64_MIN;
    return (int64_t)f;
}

static int64_t abs64(int64_t v)
{
    return v < 0 ? (int64_t)(0 - (uint64_t)v) : v;
}

/* Go's filepath.Base. Writes into out. */
static const char *path_base(const char *p, char *out, size_t len)
{
    size_t n = strlen(p);
    if (n == 0) {
        snprintf(out, len, ".");
        return out;
    }
    while (n > 0 && p[n - 1] == '/')
        n--;
    if (n == 0) {
        snprintf(out, len, "/");
        return out;
    }
    size_t s = n;
    while (s > 0 && p[s - 1] != '/')
        s--;
    snprintf(out, len, "%.*s", (int)(n - s), p + s);
    return out;
}

/* Go's filepath.Clean (Unix). Returns a malloc'd string. */
static char *path_clean(const char *p)
{
    size_t n = strlen(p);
    if (n == 0)
        return strdup(".");
    char *out = malloc(n + 2);
    if (!out)
        return NULL;
    bool rooted = p[0] == '/';
    size_t r = 0, w = 0, dotdot = 0;
    if (rooted) {
        out[w++] = '/';
        r = 1;
        dotdot = 1;
    }
    while (r < n) {
        if (p[r] == '/') {
            r++;
        } else if (p[r] == '.' && (r + 1 == n || p[r + 1] == '/')) {
            r++;
        } else if (p[r] == '.' && p[r + 1] == '.' && (r + 2 == n || p[r + 2] == '/')) {
            r += 2;
            if (w > dotdot) {
                w--;
                while (w > dotdot && out[w] != '/')
                    w--;
            } else if (!rooted) {
                if (w > 0)
                    out[w++] = '/';
                out[w++] = '.';
                out[w++] = '.';
                dotdot = w;
            }
        } else {
            if ((rooted && w != 1) || (!rooted && w != 0))
                out[w++] = '/';
            for (; r < n && p[r] != '/'; r++)
                out[w++] = p[r];
        }
    }
    if (w == 0)
        out[w++] = '.';
    out[w] = '\0';
    return out;
}

/* pprof's trimPath with no trim_path or source_path configured. */
static const char *trim_source_path(const char *p)
{
    static const char *const prefixes[] = {"/proc/self/cwd/./", "/proc/self/cwd/"};
    for (size_t i = 0; i < 2; i++) {
        size_t l = strlen(prefixes[i]);
        if (strncmp(p, prefixes[i], l) == 0)
            return p + l;
    }
    return p;
}

/* ---------- options ---------- */

const char *const pv_option_names[] = {
    "sample_index", "mean", "divide_by", "unit", "nodecount", "nodefraction", "edgefraction", "sort", "cum", "flat",
    "trim", "granularity", "functions", "filefunctions", "files", "lines", "addresses", "noinlines",
    "relative_percentages", "drop_negative", "focus", "ignore", "hide", "show", "show_from", "prune_from",
    "tagfocus", "tagignore", "tagshow", "taghide", NULL};

static const char *const gran_names[] = {"functions", "filefunctions", "files", "lines", "addresses"};

void pv_options_init(pv_options *o)
{
    memset(o, 0, sizeof *o);
    o->divide_by = 1.0;
    o->unit = strdup("minimum");
    o->nodecount = -1;
    o->nodefraction = 0.005;
    o->edgefraction = 0.001;
    o->trim = true;
    o->granularity = PV_GRAN_FUNCTIONS;
}

static char **string_field(pv_options *o, const char *name)
{
    if (!strcmp(name, "sample_index")) return &o->sample_index;
    if (!strcmp(name, "unit")) return &o->unit;
    if (!strcmp(name, "focus")) return &o->focus;
    if (!strcmp(name, "ignore")) return &o->ignore;
    if (!strcmp(name, "hide")) return &o->hide;
    if (!strcmp(name, "show")) return &o->show;
    if (!strcmp(name, "show_from")) return &o->show_from;
    if (!strcmp(name, "prune_from")) return &o->prune_from;
    if (!strcmp(name, "tagfocus")) return &o->tagfocus;
    if (!strcmp(name, "tagignore")) return &o->tagignore;
    if (!strcmp(name, "tagshow")) return &o->tagshow;
    if (!strcmp(name, "taghide")) return &o->taghide;
    return NULL;
}

static bool *bool_field(pv_options *o, const char *name)
{
    if (!strcmp(name, "mean")) return &o->mean;
    if (!strcmp(name, "trim")) return &o->trim;
    if (!strcmp(name, "noinlines")) return &o->noinlines;
    if (!strcmp(name, "relative_percentages")) return &o->relative_percentages;
    if (!strcmp(name, "drop_negative")) return &o->drop_negative;
    return NULL;
}

static double *float_field(pv_options *o, const char *name)
{
    if (!strcmp(name, "divide_by")) return &o->divide_by;
    if (!strcmp(name, "nodefraction")) return &o->nodefraction;
    if (!strcmp(name, "edgefraction")) return &o->edgefraction;
    return NULL;
}

void pv_options_free(pv_options *o)
{
    for (const char *const *n = pv_option_names; *n; n++) {
        char **f = string_field(o, *n);
        if (f) {
            free(*f);
            *f = NULL;
        }
    }
}

int pv_options_copy(pv_options *dst, const pv_options *src)
{
    *dst = *src;
    for (const char *const *n = pv_option_names; *n; n++) {
        char **f = string_field(dst, *n);
        if (f && *f) {
            *f = strdup(*f);
            if (!*f)
                return -1;
        }
    }
    return 0;
}

/* Go's strconv.ParseBool plus pprof's yes/no. */
static int parse_bool(const char *v, bool *out)
{
    static const char *const t[] = {"1", "t", "T", "true", "TRUE", "True", "yes", "y", NULL};
    static const char *const f[] = {"0", "f", "F", "false", "FALSE", "False", "no", "n", NULL};
    if (!v || !*v) {
        *out = true;
        return 0;
    }
    for (size_t i = 0; t[i]; i++)
        if (!strcmp(v, t[i])) {
            *out = true;
            return 0;
        }
    for (size_t i = 0; f[i]; i++)
        if (!strcmp(v, f[i])) {
            *out = false;
            return 0;
        }
    return -1;
}

int pv_options_set(pv_options *o, const char *name, const char *value, char *err, size_t errlen)
{
    if (!value)
        value = "";
    char **sf = string_field(o, name);
    if (sf) {
        char *nv = NULL;
        if (*value || !strcmp(name, "unit")) {
            nv = strdup(*value ? value : "minimum");
            if (!nv) {
                snprintf(err, errlen, "out of memory");
                return -1;
            }
        }
        free(*sf);
        *sf = nv;
        return 0;
    }
    bool *bf = bool_field(o, name);
    if (bf) {
        if (parse_bool(value, bf) != 0) {
            snprintf(err, errlen, "invalid %s value \"%s\": want true or false", name, value);
            return -1;
        }
        return 0;
    }
    double *ff = float_field(o, name);
    if (ff) {
        char *end;
        errno = 0;
        double d = strtod(value, &end);
        if (!*value || *end || errno) {
            snprintf(err, errlen, "strconv.ParseFloat: parsing \"%s\": invalid syntax", value);
            return -1;
        }
        *ff = d;
        return 0;
    }
    if (!strcmp(name, "nodecount")) {
        char *end;
        errno = 0;
        long v = strtol(value, &end, 10);
        if (!*value || *end || errno || v > INT32_MAX || v < INT32_MIN) {
            snprintf(err, errlen, "strconv.Atoi: parsing \"%s\": invalid syntax", value);
            return -1;
        }
        o->nodecount = (int)v;
        return 0;
    }
    if (!strcmp(name, "sort")) {
        if (strcmp(value, "cum") && strcmp(value, "flat")) {
            snprintf(err, errlen, "invalid \"sort\" value \"%s\"", value);
            return -1;
        }
        o->cum = !strcmp(value, "cum");
        return 0;
    }
    if (!strcmp(name, "cum") || !strcmp(name, "flat")) {
        bool b;
        if (parse_bool(value, &b) != 0) {
            snprintf(err, errlen, "invalid %s value \"%s\"", name, value);
            return -1;
        }
        if (b)
            o->cum = !strcmp(name, "cum");
        return 0;
    }
    if (!strcmp(name, "granularity")) {
        for (int i = 0; i < 5; i++)
            if (!strcmp(value, gran_names[i])) {
                o->granularity = (pv_granularity)i;
                return 0;
            }
        snprintf(err, errlen, "invalid \"granularity\" value \"%s\"", value);
        return -1;
    }
    for (int i = 0; i < 5; i++) {
        if (!strcmp(name, gran_names[i])) {
            bool b;
            if (parse_bool(value, &b) != 0) {
                snprintf(err, errlen, "invalid %s value \"%s\"", name, value);
                return -1;
            }
            if (b)
                o->granularity = (pv_granularity)i;
            return 0;
        }
    }
    snprintf(err, errlen, "unrecognized option: %s", name);
    return -1;
}

int pv_options_get(const pv_options *o, const char *name, char *out, size_t len)
{
    pv_options *mo = (pv_options *)o;
    char **sf = string_field(mo, name);
    if (sf) {
        snprintf(out, len, "%s", *sf ? *sf : "");
        return 0;
    }
    bool *bf = bool_field(mo, name);
    if (bf) {
        snprintf(out, len, "%s", *bf ? "true" : "false");
        return 0;
    }
    double *ff = float_field(mo, name);
    if (ff) {
        snprintf(out, len, "%g", *ff);
        return 0;
    }
    if (!strcmp(name, "nodecount")) {
        snprintf(out, len, "%d", o->nodecount);
        return 0;
    }
    if (!strcmp(name, "sort")) {
        snprintf(out, len, "%s", o->cum ? "cum" : "flat");
        return 0;
    }
    if (!strcmp(name, "granularity")) {
        snprintf(out, len, "%s", gran_names[o->granularity]);
        return 0;
    }
    return -1;
}

/* ---------- drop_frames / keep_frames ---------- */

/* pprof's simplifyFunc: the name up to its first '(' not part of "(anonymous namespace)" or
 * "operator()", with a leading '.' removed. */
static char *simplify_func(const char *f)
{
    if (*f == '.')
        f++;
    const char *p = f;
    for (;;) {
        const char *a = strstr(p, "(anonymous namespace)");
        const char *b = strstr(p, "operator()");
        const char *c = strchr(p, '(');
        if (!c)
            break;
        /* leftmost match among the alternatives, preferring the reserved names at equal positions */
        if (a && a <= c && (!b || a <= b)) {
            p = a + strlen("(anonymous namespace)");
            continue;
        }
        if (b && b <= c) {
            p = b + strlen("operator()");
            continue;
        }
        return strndup(f, (size_t)(c - f));
    }
    return strdup(f);
}

static int compile_anchored(pv_regex *rx, const char *src, char *err, size_t errlen)
{
    char *pat = xasprintf("^(%s)$", src);
    if (!pat)
        return -1;
    char e2[256];
    int r = pv_regex_compile(rx, pat, e2, sizeof e2);
    if (r != 0)
        snprintf(err, errlen, "failed to compile regexp %s: %s", src, e2);
    free(pat);
    return r;
}

int pv_model_drop_frames(pv_model *m, char *err, size_t errlen)
{
    if (!m->drop_frames)
        return 0;
    pv_regex drop = {0}, keep = {0};
    if (compile_anchored(&drop, pv_str(m, m->drop_frames), err, errlen) != 0)
        return -1;
    if (m->keep_frames && compile_anchored(&keep, pv_str(m, m->keep_frames), err, errlen) != 0) {
        pv_regex_free(&drop);
        return -1;
    }
    /* per function: does its simplified name match drop and not keep? */
    uint8_t *fdrop = calloc(m->nfunctions ? m->nfunctions : 1, 1);
    uint8_t *prune = calloc(m->nlocations ? m->nlocations : 1, 1); /* 1: prune, 2: prune beneath */
    if (!fdrop || !prune) {
        free(fdrop);
        free(prune);
        pv_regex_free(&drop);
        pv_regex_free(&keep);
        snprintf(err, errlen, "out of memory");
        return -1;
    }
    for (size_t i = 0; i < m->nfunctions; i++) {
        const char *name = pv_str(m, m->functions[i].name);
        if (!*name)
            continue;
        char *s = simplify_func(name);
        if (s && pv_regex_match(&drop, s) && !(keep.ok && pv_regex_match(&keep, s)))
            fdrop[i] = 1;
        free(s);
    }
    for (size_t li = 0; li < m->nlocations; li++) {
        pv_location *loc = &m->locations[li];
        long i;
        for (i = (long)loc->line_count - 1; i >= 0; i--)
            if (fdrop[m->lines[loc->line_start + (size_t)i].function])
                break;
        if (i >= 0) {
            prune[li] = 2;
            if ((size_t)i == loc->line_count - 1) {
                prune[li] = 1;
            } else {
                loc->line_start += (uint32_t)i + 1;
                loc->line_count -= (uint32_t)i + 1;
            }
        }
    }
    /* trim stacks: from the root, after a non-pruned frame, cut at the first pruned one */
    uint64_t w = 0;
    for (size_t s = 0; s < m->nsamples; s++) {
        uint64_t b = m->stack_off[s], e = m->stack_off[s + 1];
        uint64_t nb = b;
        bool found_user = false;
        for (uint64_t i = e; i-- > b;) {
            uint32_t id = m->stack[i];
            if (!prune[id]) {
                found_user = true;
                continue;
            }
            if (!found_user)
                continue;
            nb = prune[id] == 1 ? i + 1 : i;
            break;
        }
        m->stack_off[s] = w;
        memmove(m->stack + w, m->stack + nb, (size_t)(e - nb) * sizeof *m->stack);
        w += e - nb;
    }
    m->stack_off[m->nsamples] = w;
    free(fdrop);
    free(prune);
    pv_regex_free(&drop);
    pv_regex_free(&keep);
    return 0;
}

/* ---------- report state ---------- */

typedef struct {
    pv_strid name;     /* model string id, 0 if cleared by granularity */
    uint32_t file;     /* index into priv->files (cleaned names), 0 = "" */
    pv_strid objfile;  /* model string id */
    uint64_t address;
    int64_t lineno, start_line;
} node_info;

typedef struct {
    uint32_t src, dst;
    int64_t weight;
    uint32_t stamp;
    bool inl;
    bool pending; /* leaf-to-root walk: inline flag of the rootmost use in the current sample */
    bool used;    /* the slot holds an edge */
} edge;

struct pv_report_priv {
    const pv_model *m;
    pv_options o;
    int vidx, didx; /* value index, mean divisor index (-1: none) */
    /* selection */
    uint32_t *sel;
    size_t nsel;
    uint64_t *sb, *se; /* per selected sample stack bounds, or NULL for the model's */
    uint8_t *hidden;   /* per location */
    uint32_t *ll_off, *ll; /* per location surviving line indices (into m->lines) */
    /* cleaned file names per function: index into files */
    char **files;
    size_t nfiles;
    uint32_t *fn_file;
    /* nodes */
    node_info *info;
    size_t nnodes, capnodes;
    uint32_t *slots;
    size_t nslots;
    uint32_t *ln_off, *ln; /* per location: node per surviving line (innermost first) */
    uint8_t *inl_capable;
    char **names; /* printable names, lazily */
    int64_t *flat, *flatdiv, *cum, *cumdiv;
    uint32_t *stamp;
    uint8_t *kept; /* NULL: all kept */
    edge *edges;
    /* edges live in an open-addressing table on (src, dst): one cache miss per lookup */
    size_t nedges, neslots;
    uint32_t *last_edge; /* per destination node: the slot it was last reached by (a cache) */
};

static void priv_free(struct pv_report_priv *p)
{
    if (!p)
        return;
    pv_options_free(&p->o);
    free(p->sel);
    free(p->sb);
    free(p->se);
    free(p->hidden);
    free(p->ll_off);
    free(p->ll);
    for (size_t i = 0; i < p->nfiles; i++)
        free(p->files[i]);
    free(p->files);
    free(p->fn_file);
    if (p->names)
        for (size_t i = 0; i < p->nnodes; i++)
            free(p->names[i]);
    free(p->names);
    free(p->info);
    free(p->slots);
    free(p->ln_off);
    free(p->ln);
    free(p->inl_capable);
    free(p->flat);
    free(p->flatdiv);
    free(p->cum);
    free(p->cumdiv);
    free(p->stamp);
    free(p->kept);
    free(p->edges);
    free(p->last_edge);
    free(p);
}

void pv_report_free(pv_report *r)
{
    if (!r)
        return;
    for (size_t i = 0; i < r->nrows; i++)
        free(r->rows[i].name);
    free(r->rows);
    for (size_t i = 0; i < r->nlabels; i++)
        free(r->labels[i]);
    free(r->labels);
    for (size_t i = 0; i < r->nwarnings; i++)
        free(r->warnings[i]);
    free(r->warnings);
    free(r->sample_type);
    free(r->sample_unit);
    free(r->output_unit);
    priv_free(r->priv);
    free(r);
}

/* Appends s to a string array that grows by doubling (its capacity is the next power of
 * two of its length); takes ownership of s. */
static void add_string(char ***arr, size_t *n, char *s)
{
    if (!s)
        return;
    if ((*n & (*n - 1)) == 0) { /* 0, 1, 2, 4, ...: full */
        char **na = realloc(*arr, (*n ? *n * 2 : 1) * sizeof *na);
        if (!na) {
            free(s);
            return;
        }
        *arr = na;
    }
    (*arr)[(*n)++] = s;
}

/* ---------- sample index ---------- */

static int sample_index(const pv_model *m, const char *si, int *out, char *err, size_t errlen)
{
    if (m->ntypes == 0) {
        snprintf(err, errlen, "profile has no samples");
        return -1;
    }
    if (!si || !*si) {
        if (m->default_sample_type) {
            const char *dst = pv_str(m, m->default_sample_type);
            for (size_t i = 0; i < m->ntypes; i++)
                if (!strcmp(pv_str(m, m->sample_types[i].type), dst)) {
                    *out = (int)i;
                    return 0;
                }
        }
        *out = (int)m->ntypes - 1;
        return 0;
    }
    char *end;
    errno = 0;
    long v = strtol(si, &end, 10);
    if (*end == '\0' && errno == 0) {
        if (v < 0 || (size_t)v >= m->ntypes) {
            snprintf(err, errlen, "sample_index %s is outside the range [0..%zu]", si, m->ntypes - 1);
            return -1;
        }
        *out = (int)v;
        return 0;
    }
    const char *noinuse = strncmp(si, "inuse_", 6) == 0 ? si + 6 : si;
    for (size_t i = 0; i < m->ntypes; i++) {
        const char *t = pv_str(m, m->sample_types[i].type);
        if (!strcmp(t, si) || !strcmp(t, noinuse)) {
            *out = (int)i;
            return 0;
        }
    }
    size_t off = (size_t)snprintf(err, errlen, "sample_index \"%s\" must be one of: [", si);
    for (size_t i = 0; i < m->ntypes && off < errlen; i++)
        off += (size_t)snprintf(err + off, errlen - off, "%s%s", i ? " " : "", pv_str(m, m->sample_types[i].type));
    if (off < errlen)
        snprintf(err + off, errlen - off, "]");
    return -1;
}

/* ---------- numeric label units (pprof's NumLabelUnits) ---------- */

typedef struct {
    const pv_model *m;
    pv_strid *unit; /* per string id used as a numeric label key: its unit's id + 1, 0 if none */
    size_t nstrings;
} label_units;

/* pprof's NumLabelUnits: the first unit seen for a key, else "bytes" for alignment and
 * request, else the key itself. */
static const char *unit_of(void *ctx, pv_strid key)
{
    label_units *u = ctx;
    const char *k = pv_str(u->m, key);
    if (key < u->nstrings && u->unit && u->unit[key])
        return pv_str(u->m, u->unit[key] - 1);
    if (!strcmp(k, "alignment") || !strcmp(k, "request"))
        return "bytes";
    return k;
}

static void label_units_init(label_units *u, const pv_model *m)
{
    memset(u, 0, sizeof *u);
    u->m = m;
    u->nstrings = pv_nstrings(m);
    u->unit = calloc(u->nstrings ? u->nstrings : 1, sizeof *u->unit);
    if (!u->unit)
        return; /* degraded: every key is its own unit */
    size_t nl = m->label_off[m->nsamples];
    for (size_t i = 0; i < nl; i++) {
        const pv_label *l = &m->labels[i];
        if (!l->str && l->num_unit && l->key < u->nstrings && !u->unit[l->key])
            u->unit[l->key] = l->num_unit + 1;
    }
}

static void label_units_free(label_units *u)
{
    free(u->unit);
}

/* ---------- filters ---------- */

typedef struct {
    pv_regex focus, ignore, hide, show, show_from, prune_from, tagshow, taghide;
    pv_tagfilter tagfocus, tagignore;
    bool has_tagfocus, has_tagignore;
} filters;

static void filters_free(filters *f)
{
    pv_regex_free(&f->focus);
    pv_regex_free(&f->ignore);
    pv_regex_free(&f->hide);
    pv_regex_free(&f->show);
    pv_regex_free(&f->show_from);
    pv_regex_free(&f->prune_from);
    pv_regex_free(&f->tagshow);
    pv_regex_free(&f->taghide);
    if (f->has_tagfocus)
        pv_tagfilter_free(&f->tagfocus);
    if (f->has_tagignore)
        pv_tagfilter_free(&f->tagignore);
}

static int compile_opt(pv_regex *rx, const char *name, const char *value, char *err, size_t errlen)
{
    if (!value || !*value)
        return 0;
    char e2[256];
    if (pv_regex_compile(rx, value, e2, sizeof e2) != 0) {
        snprintf(err, errlen, "parsing %s regexp: error parsing regexp: %s", name, e2);
        return -1;
    }
    return 0;
}

static int filters_compile(filters *f, const pv_options *o, pv_report *r, char *err, size_t errlen)
{
    memset(f, 0, sizeof *f);
    if (compile_opt(&f->focus, "focus", o->focus, err, errlen) || compile_opt(&f->ignore, "ignore", o->ignore, err, errlen) ||
        compile_opt(&f->hide, "hide", o->hide, err, errlen) || compile_opt(&f->show, "show", o->show, err, errlen) ||
        compile_opt(&f->show_from, "show_from", o->show_from, err, errlen))
        return -1;
    bool range;
    if (o->tagfocus && *o->tagfocus) {
        if (pv_tagfilter_compile(&f->tagfocus, "tagfocus", o->tagfocus, err, errlen, &range) != 0) {
            pv_tagfilter_free(&f->tagfocus);
            return -1;
        }
        f->has_tagfocus = true;
        if (range) {
            const char *v = strchr(o->tagfocus, '=');
            add_string(&r->warnings, &r->nwarnings,
                       xasprintf("tagfocus:Interpreted '%s' as range, not regexp", v ? v + 1 : o->tagfocus));
        }
    }
    if (o->tagignore && *o->tagignore) {
        if (pv_tagfilter_compile(&f->tagignore, "tagignore", o->tagignore, err, errlen, &range) != 0) {
            pv_tagfilter_free(&f->tagignore);
            return -1;
        }
        f->has_tagignore = true;
        if (range) {
            const char *v = strchr(o->tagignore, '=');
            add_string(&r->warnings, &r->nwarnings,
                       xasprintf("tagignore:Interpreted '%s' as range, not regexp", v ? v + 1 : o->tagignore));
        }
    }
    if (compile_opt(&f->prune_from, "prune_from", o->prune_from, err, errlen) ||
        compile_opt(&f->tagshow, "tagshow", o->tagshow, err, errlen) ||
        compile_opt(&f->taghide, "taghide", o->taghide, err, errlen))
        return -1;
    return 0;
}

/* Per-function and per-mapping match results for one regex: 1 = name or file matches. */
static uint8_t *match_functions(const pv_model *m, const pv_regex *rx)
{
    uint8_t *r = calloc(m->nfunctions ? m->nfunctions : 1, 1);
    if (!r)
        return NULL;
    for (size_t i = 0; i < m->nfunctions; i++)
        r[i] = pv_regex_match(rx, pv_str(m, m->functions[i].name)) ||
               pv_regex_match(rx, pv_str(m, m->functions[i].filename));
    return r;
}

static uint8_t *match_mappings(const pv_model *m, const pv_regex *rx)
{
    uint8_t *r = calloc(m->nmappings ? m->nmappings : 1, 1);
    if (!r)
        return NULL;
    for (size_t i = 0; i < m->nmappings; i++)
        r[i] = pv_regex_match(rx, pv_str(m, m->mappings[i].file));
    return r;
}

static bool loc_mapping_matches(const pv_model *m, const pv_location *loc, const uint8_t *mm)
{
    return loc->mapping != PV_NONE && loc->mapping < m->nmappings && mm[loc->mapping];
}

/* Applies focus/ignore/hide/show, show_from, tagfocus/tagignore and prune_from, in pprof's
 * order, producing the selection and per-location lines. */
static int apply_filters(pv_report *r, const filters *f, label_units *lu, bool warn_nomatch)
{
    struct pv_report_priv *p = r->priv;
    const pv_model *m = p->m;
    size_t nloc = m->nlocations;
    int rc = -1;

    /* working lines: start with every line of every location */
    uint32_t *ll_off = malloc((nloc + 1) * sizeof *ll_off);
    uint32_t *ll = malloc((m->nlines ? m->nlines : 1) * sizeof *ll);
    uint8_t *hidden = calloc(nloc ? nloc : 1, 1);
    uint8_t *state = calloc(nloc ? nloc : 1, 1); /* 1 focus, 2 ignore */
    uint8_t *fm_focus = NULL, *fm_ignore = NULL, *fm_hide = NULL, *fm_show = NULL;
    uint8_t *mm_focus = NULL, *mm_ignore = NULL, *mm_hide = NULL, *mm_show = NULL;
    uint8_t *sf_loc = NULL, *pf_loc = NULL;
    if (!ll_off || !ll || !hidden || !state)
        goto out;
    {
        uint32_t w = 0;
        for (size_t i = 0; i < nloc; i++) {
            ll_off[i] = w;
            for (uint32_t k = 0; k < m->locations[i].line_count; k++)
                ll[w++] = m->locations[i].line_start + k;
        }
        ll_off[nloc] = w;
    }

    if (f->focus.ok && (!(fm_focus = match_functions(m, &f->focus)) || !(mm_focus = match_mappings(m, &f->focus))))
        goto out;
    if (f->ignore.ok && (!(fm_ignore = match_functions(m, &f->ignore)) || !(mm_ignore = match_mappings(m, &f->ignore))))
        goto out;
    if (f->hide.ok && (!(fm_hide = match_functions(m, &f->hide)) || !(mm_hide = match_mappings(m, &f->hide))))
        goto out;
    if (f->show.ok && (!(fm_show = match_functions(m, &f->show)) || !(mm_show = match_mappings(m, &f->show))))
        goto out;

    bool fmatch = false, imatch = false, hmatch = false, smatch = false, any_hidden = false;
    for (size_t i = 0; i < nloc; i++) {
        const pv_location *loc = &m->locations[i];
        uint32_t b = ll_off[i], e = ll_off[i + 1];
        bool ign = false, foc = false;
        if (f->ignore.ok) {
            ign = loc_mapping_matches(m, loc, mm_ignore);
            for (uint32_t k = b; k < e && !ign; k++)
                ign = fm_ignore[m->lines[ll[k]].function];
        }
        if (ign) {
            imatch = true;
            state[i] = 2;
        } else {
            if (!f->focus.ok) {
                foc = true;
            } else {
                foc = loc_mapping_matches(m, loc, mm_focus);
                for (uint32_t k = b; k < e && !foc; k++)
                    foc = fm_focus[m->lines[ll[k]].function];
            }
            if (foc) {
                fmatch = true;
                state[i] = 1;
            }
        }
        /* hide and show rewrite the location's lines in place (the list only shrinks) */
        if (f->hide.ok) {
            bool hm = loc_mapping_matches(m, loc, mm_hide);
            for (uint32_t k = b; k < e && !hm; k++)
                hm = fm_hide[m->lines[ll[k]].function];
            if (hm) {
                hmatch = true;
                uint32_t w = b;
                if (!loc_mapping_matches(m, loc, mm_hide))
                    for (uint32_t k = b; k < e; k++)
                        if (!fm_hide[m->lines[ll[k]].function])
                            ll[w++] = ll[k];
                e = w;
                if (w == b)
                    hidden[i] = 1;
            }
        }
        if (f->show.ok) {
            uint32_t w = b;
            if (loc_mapping_matches(m, loc, mm_show)) {
                w = e;
            } else {
                for (uint32_t k = b; k < e; k++)
                    if (fm_show[m->lines[ll[k]].function])
                        ll[w++] = ll[k];
            }
            e = w;
            if (w == b)
                hidden[i] = 1;
            else
                smatch = true;
        }
        /* record the shrunken length by moving the end marker: keep a separate end array */
        if (e != ll_off[i + 1]) {
            /* compact: shift nothing, but remember the count in 'state' bits is not enough;
             * mark removed slots by UINT32_MAX */
            for (uint32_t k = e; k < ll_off[i + 1]; k++)
                ll[k] = UINT32_MAX;
        }
        if (hidden[i])
            any_hidden = true;
    }
    if (warn_nomatch) {
        if (f->focus.ok && !fmatch)
            add_string(&r->warnings, &r->nwarnings, strdup("Focus expression matched no samples"));
        if (f->ignore.ok && !imatch)
            add_string(&r->warnings, &r->nwarnings, strdup("Ignore expression matched no samples"));
        if (f->hide.ok && !hmatch)
            add_string(&r->warnings, &r->nwarnings, strdup("Hide expression matched no samples"));
        if (f->show.ok && !smatch)
            add_string(&r->warnings, &r->nwarnings, strdup("Show expression matched no samples"));
    }

    /* select samples: focused and not ignored, and not left empty by hidden locations */
    p->sel = malloc((m->nsamples ? m->nsamples : 1) * sizeof *p->sel);
    if (!p->sel)
        goto out;
    size_t nsel = 0;
    for (size_t s = 0; s < m->nsamples; s++) {
        bool foc = false, drop = false, visible = false;
        for (uint64_t k = m->stack_off[s]; k < m->stack_off[s + 1]; k++) {
            uint32_t li = m->stack[k];
            if (state[li] == 2) {
                drop = true;
                break;
            }
            if (state[li] == 1)
                foc = true;
            if (!hidden[li])
                visible = true;
        }
        if (!drop && foc && visible)
            p->sel[nsel++] = (uint32_t)s;
    }

    /* show_from: keep each sample from its leaf up to the outermost matching location */
    if (f->show_from.ok) {
        uint8_t *fm = match_functions(m, &f->show_from), *mm = match_mappings(m, &f->show_from);
        sf_loc = calloc(nloc ? nloc : 1, 1);
        if (!fm || !mm || !sf_loc) {
            free(fm);
            free(mm);
            goto out;
        }
        bool matched = false;
        for (size_t i = 0; i < nloc; i++) {
            if (loc_mapping_matches(m, &m->locations[i], mm)) {
                sf_loc[i] = 1;
                matched = true;
                continue;
            }
            long last = -1;
            for (uint32_t k = ll_off[i]; k < ll_off[i + 1]; k++)
                if (ll[k] != UINT32_MAX && fm[m->lines[ll[k]].function])
                    last = (long)k;
            if (last >= 0) {
                sf_loc[i] = 1;
                matched = true;
                for (uint32_t k = (uint32_t)last + 1; k < ll_off[i + 1]; k++)
                    ll[k] = UINT32_MAX;
            }
        }
        free(fm);
        free(mm);
        if (warn_nomatch && !matched)
            add_string(&r->warnings, &r->nwarnings, strdup("ShowFrom expression matched no samples"));
        p->sb = malloc((nsel ? nsel : 1) * sizeof *p->sb);
        p->se = malloc((nsel ? nsel : 1) * sizeof *p->se);
        if (!p->sb || !p->se)
            goto out;
        size_t w = 0;
        for (size_t i = 0; i < nsel; i++) {
            uint32_t s = p->sel[i];
            uint64_t b = m->stack_off[s], e = m->stack_off[s + 1];
            for (uint64_t k = e; k-- > b;) {
                uint32_t li = m->stack[k];
                if (!hidden[li] && sf_loc[li]) {
                    p->sel[w] = s;
                    p->sb[w] = b;
                    p->se[w] = k + 1;
                    w++;
                    break;
                }
            }
        }
        nsel = w;
    }

    /* tagfocus / tagignore */
    if (f->has_tagfocus || f->has_tagignore) {
        size_t w = 0;
        bool tfm = false, tim = false;
        for (size_t i = 0; i < nsel; i++) {
            uint32_t s = p->sel[i];
            const pv_label *labs = m->labels + m->label_off[s];
            size_t nl = m->label_off[s + 1] - m->label_off[s];
            bool focused = !f->has_tagfocus || pv_tagfilter_match(&f->tagfocus, m, labs, nl, unit_of, lu);
            bool ignored = f->has_tagignore && pv_tagfilter_match(&f->tagignore, m, labs, nl, unit_of, lu);
            tfm = tfm || focused;
            tim = tim || ignored;
            if (focused && !ignored) {
                p->sel[w] = s;
                if (p->sb) {
                    p->sb[w] = p->sb[i];
                    p->se[w] = p->se[i];
                }
                w++;
            }
        }
        nsel = w;
        if (warn_nomatch && f->has_tagfocus && !tfm)
            add_string(&r->warnings, &r->nwarnings, strdup("TagFocus expression matched no samples"));
        if (warn_nomatch && f->has_tagignore && !tim)
            add_string(&r->warnings, &r->nwarnings, strdup("TagIgnore expression matched no samples"));
    }
    if (warn_nomatch && (f->tagshow.ok || f->taghide.ok)) {
        /* tagshow/taghide only remove labels, which a top report does not show; pprof still
         * warns when they match no label key */
        bool sm = false, hm = false;
        for (size_t i = 0; i < nsel && !(sm && hm); i++) {
            uint32_t s = p->sel[i];
            for (uint64_t k = m->label_off[s]; k < m->label_off[s + 1]; k++) {
                const char *key = pv_str(m, m->labels[k].key);
                if (!f->tagshow.ok || pv_regex_match(&f->tagshow, key))
                    sm = true;
                if (f->taghide.ok && pv_regex_match(&f->taghide, key))
                    hm = true;
            }
        }
        if (f->tagshow.ok && !sm)
            add_string(&r->warnings, &r->nwarnings, strdup("TagShow expression matched no samples"));
        if (f->taghide.ok && !hm)
            add_string(&r->warnings, &r->nwarnings, strdup("TagHide expression matched no samples"));
    }

    /* prune_from: drop the frames below the first (innermost) location whose line matches */
    if (f->prune_from.ok) {
        pf_loc = calloc(nloc ? nloc : 1, 1);
        if (!pf_loc)
            goto out;
        uint8_t *fp = calloc(m->nfunctions ? m->nfunctions : 1, 1);
        if (!fp)
            goto out;
        for (size_t i = 0; i < m->nfunctions; i++) {
            const char *name = pv_str(m, m->functions[i].name);
            if (!*name)
                continue;
            char *sname = simplify_func(name);
            fp[i] = sname && pv_regex_match(&f->prune_from, sname);
            free(sname);
        }
        for (size_t i = 0; i < nloc; i++) {
            for (uint32_t k = ll_off[i]; k < ll_off[i + 1]; k++) {
                if (ll[k] == UINT32_MAX)
                    continue;
                if (fp[m->lines[ll[k]].function]) {
                    pf_loc[i] = 1;
                    for (uint32_t j = ll_off[i]; j < k; j++)
                        ll[j] = UINT32_MAX;
                    break;
                }
            }
        }
        free(fp);
        if (!p->sb) {
            p->sb = malloc((nsel ? nsel : 1) * sizeof *p->sb);
            p->se = malloc((nsel ? nsel : 1) * sizeof *p->se);
            if (!p->sb || !p->se)
                goto out;
            for (size_t i = 0; i < nsel; i++) {
                p->sb[i] = m->stack_off[p->sel[i]];
                p->se[i] = m->stack_off[p->sel[i] + 1];
            }
        }
        for (size_t i = 0; i < nsel; i++)
            for (uint64_t k = p->sb[i]; k < p->se[i]; k++) {
                uint32_t li = m->stack[k];
                if (!hidden[li] && pf_loc[li]) {
                    p->sb[i] = k;
                    break;
                }
            }
    }

    /* compact the working lines (drop the removed slots) */
    {
        uint32_t w = 0;
        for (size_t i = 0; i < nloc; i++) {
            uint32_t b = ll_off[i], e = ll_off[i + 1];
            ll_off[i] = w;
            for (uint32_t k = b; k < e; k++)
                if (ll[k] != UINT32_MAX)
                    ll[w++] = ll[k];
        }
        ll_off[nloc] = w;
    }
    p->nsel = nsel;
    p->ll_off = ll_off;
    p->ll = ll;
    p->hidden = hidden;
    ll_off = NULL;
    ll = NULL;
    hidden = NULL;
    (void)any_hidden;
    rc = 0;
out:
    free(ll_off);
    free(ll);
    free(hidden);
    free(state);
    free(fm_focus);
    free(fm_ignore);
    free(fm_hide);
    free(fm_show);
    free(mm_focus);
    free(mm_ignore);
    free(mm_hide);
    free(mm_show);
    free(sf_loc);
    free(pf_loc);
    return rc;
}

/* ---------- nodes ---------- */

static uint64_t info_hash(const node_info *k)
{
    uint64_t h = k->name * 0x9E3779B97F4A7C15ull;
    h ^= (k->file + 0x632BE59BD9B4E019ull) * 0xC2B2AE3D27D4EB4Full;
    h ^= (k->objfile + 7) * 0x165667B19E3779F9ull;
    h ^= k->address * 0xD6E8FEB86659FD93ull;
    h ^= (uint64_t)k->lineno * 0xFF51AFD7ED558CCDull;
    h ^= (uint64_t)k->start_line * 0xC4CEB9FE1A85EC53ull;
    h ^= h >> 31;
    return h;
}

static bool info_eq(const node_info *a, const node_info *b)
{
    return a->name == b->name && a->file == b->file && a->objfile == b->objfile && a->address == b->address &&
           a->lineno == b->lineno && a->start_line == b->start_line;
}

static uint32_t node_intern(struct pv_report_priv *p, const node_info *k)
{
    if ((p->nnodes + 1) * 2 > p->nslots) {
        size_t n = p->nslots ? p->nslots * 2 : 1024;
        uint32_t *ns = malloc(n * sizeof *ns);
        if (!ns)
            return PV_NONE;
        memset(ns, 0xff, n * sizeof *ns);
        for (size_t i = 0; i < p->nnodes; i++) {
            size_t j = info_hash(&p->info[i]) & (n - 1);
            while (ns[j] != PV_NONE)
                j = (j + 1) & (n - 1);
            ns[j] = (uint32_t)i;
        }
        free(p->slots);
        p->slots = ns;
        p->nslots = n;
    }
    size_t j = info_hash(k) & (p->nslots - 1);
    while (p->slots[j] != PV_NONE) {
        if (info_eq(&p->info[p->slots[j]], k))
            return p->slots[j];
        j = (j + 1) & (p->nslots - 1);
    }
    if (p->nnodes == p->capnodes) {
        size_t nc = p->capnodes ? p->capnodes * 2 : 1024;
        node_info *ni = realloc(p->info, nc * sizeof *ni);
        if (!ni)
            return PV_NONE;
        p->info = ni;
        p->capnodes = nc;
    }
    p->info[p->nnodes] = *k;
    p->slots[j] = (uint32_t)p->nnodes;
    return (uint32_t)p->nnodes++;
}

/* Cleaned file name index per function (0 = empty). */
static int make_files(struct pv_report_priv *p)
{
    const pv_model *m = p->m;
    p->fn_file = calloc(m->nfunctions ? m->nfunctions : 1, sizeof *p->fn_file);
    /* file names are interned in the model, so map model string id -> files index */
    size_t ns = pv_nstrings(m);
    uint32_t *by_str = calloc(ns, sizeof *by_str);
    p->files = malloc(sizeof *p->files);
    if (!p->fn_file || !by_str || !p->files) {
        free(by_str);
        return -1;
    }
    p->files[0] = strdup("");
    p->nfiles = 1;
    for (size_t i = 0; i < m->nfunctions; i++) {
        pv_strid fid = m->functions[i].filename;
        if (!fid)
            continue;
        if (!by_str[fid]) {
            char *c = path_clean(trim_source_path(pv_str(m, fid)));
            if (!c) {
                free(by_str);
                return -1;
            }
            if ((p->nfiles & (p->nfiles - 1)) == 0) { /* doubling at powers of two */
                char **nf = realloc(p->files, p->nfiles * 2 * sizeof *nf);
                if (!nf) {
                    free(c);
                    free(by_str);
                    return -1;
                }
                p->files = nf;
            }
            p->files[p->nfiles] = c;
            by_str[fid] = (uint32_t)p->nfiles++;
        }
        p->fn_file[i] = by_str[fid];
    }
    free(by_str);
    /* merge indices whose cleaned text is equal, so node identity follows the text */
    if (p->nfiles > 2) {
        /* sort-free dedup via a small hash on the cleaned text */
        size_t nslots = 1;
        while (nslots < p->nfiles * 2)
            nslots <<= 1;
        uint32_t *slots = malloc(nslots * sizeof *slots);
        uint32_t *canon = malloc(p->nfiles * sizeof *canon);
        if (!slots || !canon) {
            free(slots);
            free(canon);
            return -1;
        }
        memset(slots, 0xff, nslots * sizeof *slots);
        for (size_t i = 0; i < p->nfiles; i++) {
            uint64_t h = 1469598103934665603ull;
            for (const char *c = p->files[i]; *c; c++)
                h = (h ^ (unsigned char)*c) * 1099511628211ull;
            size_t j = h & (nslots - 1);
            while (slots[j] != UINT32_MAX && strcmp(p->files[slots[j]], p->files[i]) != 0)
                j = (j + 1) & (nslots - 1);
            if (slots[j] == UINT32_MAX)
                slots[j] = (uint32_t)i;
            canon[i] = slots[j];
        }
        for (size_t i = 0; i < m->nfunctions; i++)
            p->fn_file[i] = canon[p->fn_file[i]];
        free(slots);
        free(canon);
    }
    return 0;
}

/* pprof's nodeInfo after Aggregate for the granularity; one node per surviving line. */
static int create_nodes(struct pv_report_priv *p)
{
    const pv_model *m = p->m;
    const pv_options *o = &p->o;
    bool inlines = !o->noinlines;
    bool function = true, filename = true, linenumber = true, address = true;
    switch (o->granularity) {
    case PV_GRAN_ADDRESSES: break;
    case PV_GRAN_LINES: address = false; break;
    case PV_GRAN_FILES: function = false; linenumber = false; address = false; break;
    case PV_GRAN_FUNCTIONS: filename = false; linenumber = false; address = false; break;
    case PV_GRAN_FILEFUNCTIONS: linenumber = false; address = false; break;
    }
    if (make_files(p) != 0)
        return -1;
    size_t nloc = m->nlocations;
    p->ln_off = malloc((nloc + 1) * sizeof *p->ln_off);
    p->ln = malloc(((size_t)p->ll_off[nloc] + nloc + 1) * sizeof *p->ln);
    if (!p->ln_off || !p->ln)
        return -1;
    uint32_t w = 0;
    for (size_t i = 0; i < nloc; i++) {
        const pv_location *loc = &m->locations[i];
        p->ln_off[i] = w;
        if (p->hidden[i])
            continue;
        pv_strid objfile = 0;
        if (loc->mapping != PV_NONE && loc->mapping < m->nmappings)
            objfile = m->mappings[loc->mapping].file;
        uint64_t addr = address ? loc->address : 0;
        uint32_t b = p->ll_off[i], e = p->ll_off[i + 1];
        if (!inlines && e - b > 1)
            b = e - 1;
        if (b == e) {
            node_info k = {0, 0, objfile, addr, 0, 0};
            uint32_t n = node_intern(p, &k);
            if (n == PV_NONE)
                return -1;
            p->ln[w++] = n;
            continue;
        }
        for (uint32_t kk = b; kk < e; kk++) {
            const pv_line *ln = &m->lines[p->ll[kk]];
            const pv_function *fn = &m->functions[ln->function];
            node_info k = {0, 0, 0, addr, 0, 0};
            k.lineno = linenumber ? ln->line : 0;
            k.name = function ? fn->name : 0;
            k.file = filename ? p->fn_file[ln->function] : 0;
            if (k.name == 0) {
                k.objfile = objfile;
                k.start_line = fn->start_line;
            }
            uint32_t n = node_intern(p, &k);
            if (n == PV_NONE)
                return -1;
            p->ln[w++] = n;
        }
    }
    p->ln_off[nloc] = w;
    size_t nn = p->nnodes ? p->nnodes : 1;
    p->inl_capable = calloc(nn, 1);
    p->flat = calloc(nn, sizeof *p->flat);
    p->flatdiv = calloc(nn, sizeof *p->flatdiv);
    p->cum = calloc(nn, sizeof *p->cum);
    p->cumdiv = calloc(nn, sizeof *p->cumdiv);
    p->stamp = malloc(nn * sizeof *p->stamp);
    if (!p->inl_capable || !p->flat || !p->flatdiv || !p->cum || !p->cumdiv || !p->stamp)
        return -1;
    /* a node reached through an inline edge: any line of a location but its outermost */
    for (size_t i = 0; i < nloc; i++)
        for (uint32_t k = p->ln_off[i]; k + 1 < p->ln_off[i + 1]; k++)
            p->inl_capable[p->ln[k]] = 1;
    return 0;
}

/* ---------- graph accumulation ---------- */

static size_t edge_slot(uint32_t src, uint32_t dst, size_t n)
{
    uint64_t x = (uint64_t)src << 32 | dst;
    x ^= x >> 31;
    x *= 0x9E3779B97F4A7C15ull;
    x ^= x >> 29;
    return x & (n - 1);
}

/* The edge src -> dst, created (weight 0, inline until shown otherwise) if new. Pointers
 * and slot numbers stay valid until the table grows (then last_edge is forgotten). */
static edge *edge_get(struct pv_report_priv *p, uint32_t src, uint32_t dst)
{
    if ((p->nedges + 1) * 2 > p->neslots) {
        size_t n = p->neslots ? p->neslots * 2 : 1024;
        edge *ne = calloc(n, sizeof *ne);
        if (!ne)
            return NULL;
        for (size_t i = 0; i < p->neslots; i++) {
            if (!p->edges[i].used)
                continue;
            size_t j = edge_slot(p->edges[i].src, p->edges[i].dst, n);
            while (ne[j].used)
                j = (j + 1) & (n - 1);
            ne[j] = p->edges[i];
        }
        free(p->edges);
        p->edges = ne;
        p->neslots = n;
        if (p->last_edge)
            memset(p->last_edge, 0xff, (p->nnodes ? p->nnodes : 1) * sizeof *p->last_edge);
    }
    size_t j = edge_slot(src, dst, p->neslots);
    while (p->edges[j].used) {
        if (p->edges[j].src == src && p->edges[j].dst == dst)
            return &p->edges[j];
        j = (j + 1) & (p->neslots - 1);
    }
    edge *e = &p->edges[j];
    *e = (edge){src, dst, 0, UINT32_MAX, true, true, true};
    p->nedges++;
    return e;
}

/* Forgets every edge (before a new pass). */
static void edges_reset(struct pv_report_priv *p)
{
    p->nedges = 0;
    if (p->edges)
        memset(p->edges, 0, p->neslots * sizeof *p->edges);
}

/* One pass over the selected samples: flat and cum, counting a node once per sample
 * (pprof's newGraph). With want, it also records the edges into the wanted nodes, all
 * nodes being kept: walking from the leaf, the node met after x is x's caller, and the
 * edge is inline when x is not the outermost line of its location. */
static int accumulate_values(struct pv_report_priv *p, const uint8_t *want)
{
    const pv_model *m = p->m;
    size_t nn = p->nnodes;
    memset(p->flat, 0, nn * sizeof *p->flat);
    memset(p->flatdiv, 0, nn * sizeof *p->flatdiv);
    memset(p->cum, 0, nn * sizeof *p->cum);
    memset(p->cumdiv, 0, nn * sizeof *p->cumdiv);
    memset(p->stamp, 0xff, nn * sizeof *p->stamp);
    if (want) {
        edges_reset(p);
        if (!p->last_edge)
            p->last_edge = malloc((nn ? nn : 1) * sizeof *p->last_edge);
        if (!p->last_edge)
            return -1;
        memset(p->last_edge, 0xff, (nn ? nn : 1) * sizeof *p->last_edge);
    }
    size_t nt = m->ntypes;
    const uint32_t *ln_off = p->ln_off, *ln = p->ln, *stack = m->stack;
    int64_t *cum = p->cum, *cumdiv = p->cumdiv;
    uint32_t *stampv = p->stamp;
    bool mean = p->didx >= 0;
    for (size_t i = 0; i < p->nsel; i++) {
        uint32_t s = p->sel[i];
        int64_t w = m->values[(size_t)s * nt + (size_t)p->vidx];
        int64_t dw = mean ? m->values[(size_t)s * nt + (size_t)p->didx] : 0;
        if (w == 0 && dw == 0)
            continue;
        uint64_t b = p->sb ? p->sb[i] : m->stack_off[s];
        uint64_t e = p->se ? p->se[i] : m->stack_off[s + 1];
        uint32_t stamp = (uint32_t)i;
        uint32_t leaf = PV_NONE;
        uint32_t child = PV_NONE;
        bool child_inl = false;
        for (uint64_t k = b; k < e; k++) {
            uint32_t li = stack[k];
            uint32_t nb = ln_off[li], ne = ln_off[li + 1];
            if (leaf == PV_NONE && nb != ne)
                leaf = ln[nb];
            for (uint32_t ni = nb; ni < ne; ni++) {
                uint32_t n = ln[ni];
                if (stampv[n] != stamp) {
                    stampv[n] = stamp;
                    cum[n] = wadd(cum[n], w);
                    cumdiv[n] = wadd(cumdiv[n], dw);
                }
                if (want) {
                    if (child != PV_NONE && child != n && want[child]) {
                        uint32_t c = p->last_edge[child];
                        edge *ed = c != UINT32_MAX && p->edges[c].used && p->edges[c].src == n ? &p->edges[c]
                                                                                                 : edge_get(p, n, child);
                        if (!ed)
                            return -1;
                        p->last_edge[child] = (uint32_t)(ed - p->edges);
                        /* pprof walks from the root and keeps the first use of an edge in a
                         * sample; from the leaf, that is the last one met */
                        if (ed->stamp != stamp) {
                            if (ed->stamp != UINT32_MAX && !ed->pending)
                                ed->inl = false;
                            ed->stamp = stamp;
                            ed->weight = wadd(ed->weight, w);
                        }
                        ed->pending = child_inl;
                    }
                    child = n;
                    child_inl = ni != ne - 1;
                }
            }
        }
        if (leaf != PV_NONE) {
            p->flat[leaf] = wadd(p->flat[leaf], w);
            p->flatdiv[leaf] = wadd(p->flatdiv[leaf], dw);
        }
    }
    if (want)
        for (size_t i = 0; i < p->neslots; i++)
            if (p->edges[i].used && p->edges[i].stamp != UINT32_MAX && !p->edges[i].pending)
                p->edges[i].inl = false;
    return 0;
}

/* Edges between kept nodes (pprof's newGraph with KeptNodes): for each sample, walking from
 * the root, an edge from the previous kept node to each kept node, counted once per sample.
 * Only edges whose destination is in want (or that touch only_node, if set) are recorded. */
static int accumulate_edges(struct pv_report_priv *p, const uint8_t *want, uint32_t only_node)
{
    const pv_model *m = p->m;
    edges_reset(p);
    size_t nt = m->ntypes;
    const uint8_t *kept = p->kept;
    if (!p->last_edge)
        p->last_edge = malloc((p->nnodes ? p->nnodes : 1) * sizeof *p->last_edge);
    if (!p->last_edge)
        return -1;
    memset(p->last_edge, 0xff, (p->nnodes ? p->nnodes : 1) * sizeof *p->last_edge);
    for (size_t i = 0; i < p->nsel; i++) {
        uint32_t s = p->sel[i];
        int64_t w = m->values[(size_t)s * nt + (size_t)p->vidx];
        int64_t dw = p->didx >= 0 ? m->values[(size_t)s * nt + (size_t)p->didx] : 0;
        if (w == 0 && dw == 0)
            continue;
        uint64_t b = p->sb ? p->sb[i] : m->stack_off[s];
        uint64_t e = p->se ? p->se[i] : m->stack_off[s + 1];
        uint32_t parent = PV_NONE;
        uint32_t stamp = (uint32_t)i;
        for (uint64_t k = e; k-- > b;) {
            uint32_t li = m->stack[k];
            uint32_t nb = p->ln_off[li], ne = p->ln_off[li + 1];
            for (uint32_t ni = ne; ni-- > nb;) {
                uint32_t n = p->ln[ni];
                if (kept && !kept[n])
                    continue;
                bool rec = only_node != PV_NONE ? (n == only_node || parent == only_node) : want[n];
                if (parent != PV_NONE && n != parent && rec) {
                    uint32_t c = p->last_edge[n];
                    edge *ed = c != UINT32_MAX && p->edges[c].used && p->edges[c].src == parent
                                   ? &p->edges[c]
                                   : edge_get(p, parent, n);
                    if (!ed)
                        return -1;
                    p->last_edge[n] = (uint32_t)(ed - p->edges);
                    if (ed->stamp != stamp) {
                        ed->stamp = stamp;
                        ed->weight = wadd(ed->weight, w);
                        if (ni == ne - 1)
                            ed->inl = false;
                    }
                }
                parent = n;
            }
        }
    }
    return 0;
}

/* ---------- two threads ---------- */

/* Selections above this many samples are accumulated by two threads, each over half. */
#define PARALLEL_MIN_SAMPLES 100000

typedef struct {
    struct pv_report_priv *p;
    const uint8_t *want;
    uint32_t only_node;
    bool edges_only;
    int rc;
} accum_job;

static void *accum_run(void *arg)
{
    accum_job *j = arg;
    j->rc = j->edges_only ? accumulate_edges(j->p, j->want, j->only_node) : accumulate_values(j->p, j->want);
    return NULL;
}

/* accumulate_values() or accumulate_edges() over the selection, split in two halves when it
 * is large: the second half goes to a copy of the state with accumulators of its own, which
 * are then added in. Flat, cum and edge weights are sums over samples, and the inline flag
 * of an edge is an AND over samples, so the halves combine exactly. */
static int accumulate(struct pv_report_priv *p, const uint8_t *want, bool edges_only)
{
    accum_job main_job = {p, want, PV_NONE, edges_only, 0};
    /* PVIEW_PARALLEL_MIN (samples) lowers the threshold, so tests run this path on small files */
    const char *pm = getenv("PVIEW_PARALLEL_MIN");
    size_t min_samples = pm ? (size_t)strtoull(pm, NULL, 10) : PARALLEL_MIN_SAMPLES;
    if (p->nsel < min_samples || p->nsel < 2) {
        accum_run(&main_job);
        return main_job.rc;
    }
    size_t nn = p->nnodes ? p->nnodes : 1, half = p->nsel / 2;
    struct pv_report_priv q = *p;
    q.sel = p->sel + half;
    q.nsel = p->nsel - half;
    q.sb = p->sb ? p->sb + half : NULL;
    q.se = p->se ? p->se + half : NULL;
    q.edges = NULL;
    q.nedges = q.neslots = 0;
    q.last_edge = NULL;
    q.flat = calloc(nn, sizeof *q.flat);
    q.flatdiv = calloc(nn, sizeof *q.flatdiv);
    q.cum = calloc(nn, sizeof *q.cum);
    q.cumdiv = calloc(nn, sizeof *q.cumdiv);
    q.stamp = malloc(nn * sizeof *q.stamp);
    int rc = -1;
    if (!q.flat || !q.flatdiv || !q.cum || !q.cumdiv || !q.stamp)
        goto out;
    accum_job second = {&q, want, PV_NONE, edges_only, 0};
    size_t saved = p->nsel;
    p->nsel = half;
    pthread_t th;
    bool threaded = pthread_create(&th, NULL, accum_run, &second) == 0;
    accum_run(&main_job);
    if (threaded)
        pthread_join(th, NULL);
    else
        accum_run(&second);
    p->nsel = saved;
    if (main_job.rc != 0 || second.rc != 0)
        goto out;
    if (!edges_only)
        for (size_t i = 0; i < p->nnodes; i++) {
            p->flat[i] = wadd(p->flat[i], q.flat[i]);
            p->flatdiv[i] = wadd(p->flatdiv[i], q.flatdiv[i]);
            p->cum[i] = wadd(p->cum[i], q.cum[i]);
            p->cumdiv[i] = wadd(p->cumdiv[i], q.cumdiv[i]);
        }
    for (size_t i = 0; i < q.neslots; i++) {
        const edge *e2 = &q.edges[i];
        if (!e2->used)
            continue;
        edge *e = edge_get(p, e2->src, e2->dst);
        if (!e)
            goto out;
        e->weight = wadd(e->weight, e2->weight);
        e->inl = e->inl && e2->inl;
    }
    rc = 0;
out:
    free(q.flat);
    free(q.flatdiv);
    free(q.cum);
    free(q.cumdiv);
    free(q.stamp);
    free(q.edges);
    free(q.last_edge);
    return rc;
}

/* ---------- names and ordering ---------- */

static const char *node_name(struct pv_report_priv *p, uint32_t n)
{
    if (p->names[n])
        return p->names[n];
    const pv_model *m = p->m;
    const node_info *k = &p->info[n];
    char addr[32] = "";
    const char *name = pv_str(m, k->name);
    const char *file = p->files[k->file];
    char *out;
    char base[4096];
    const char *tail;
    char *tailbuf = NULL;
    if (k->lineno != 0) {
        tailbuf = xasprintf("%s:%" PRId64, file, k->lineno);
        tail = tailbuf;
    } else if (*file) {
        tail = file;
    } else if (*name) {
        tail = NULL;
    } else if (k->objfile) {
        char b2[4096];
        snprintf(base, sizeof base, "[%s]", path_base(pv_str(m, k->objfile), b2, sizeof b2));
        tail = base;
    } else {
        tail = "<unknown>";
    }
    if (k->address)
        snprintf(addr, sizeof addr, "%016" PRIx64, k->address);
    out = xasprintf("%s%s%s%s%s", addr, (*addr && (*name || tail)) ? " " : "", name, (*name && tail) ? " " : "",
                    tail ? tail : "");
    free(tailbuf);
    p->names[n] = out ? out : strdup("");
    return p->names[n];
}

/* fmt.Sprint(NodeInfo): the last tie-breaker of pprof's orders. */
static char *info_sprint(struct pv_report_priv *p, uint32_t n)
{
    const node_info *k = &p->info[n];
    return xasprintf("{%s  %" PRIu64 " %s %" PRId64 " %" PRId64 " %s}", pv_str(p->m, k->name), k->address,
                     p->files[k->file], k->start_line, k->lineno, pv_str(p->m, k->objfile));
}

static struct pv_report_priv *sort_ctx;

static int cmp_info(uint32_t a, uint32_t b)
{
    char *x = info_sprint(sort_ctx, a), *y = info_sprint(sort_ctx, b);
    int c = strcmp(x ? x : "", y ? y : "");
    free(x);
    free(y);
    return c;
}

static int cmp_flat(const void *pa, const void *pb)
{
    uint32_t a = *(const uint32_t *)pa, b = *(const uint32_t *)pb;
    struct pv_report_priv *p = sort_ctx;
    int64_t x = abs64(p->flat[a]), y = abs64(p->flat[b]);
    if (x != y)
        return x > y ? -1 : 1;
    int c = strcmp(node_name(p, a), node_name(p, b));
    if (c)
        return c;
    x = abs64(p->cum[a]);
    y = abs64(p->cum[b]);
    if (x != y)
        return x > y ? -1 : 1;
    return cmp_info(a, b);
}

static int cmp_cum(const void *pa, const void *pb)
{
    uint32_t a = *(const uint32_t *)pa, b = *(const uint32_t *)pb;
    struct pv_report_priv *p = sort_ctx;
    int64_t x = abs64(p->cum[a]), y = abs64(p->cum[b]);
    if (x != y)
        return x > y ? -1 : 1;
    int c = strcmp(node_name(p, a), node_name(p, b));
    if (c)
        return c;
    x = abs64(p->flat[a]);
    y = abs64(p->flat[b]);
    if (x != y)
        return x > y ? -1 : 1;
    return cmp_info(a, b);
}

static void sort_nodes(struct pv_report_priv *p, uint32_t *nodes, size_t n, bool cum)
{
    sort_ctx = p;
    qsort(nodes, n, sizeof *nodes, cum ? cmp_cum : cmp_flat);
    sort_ctx = NULL;
}

static int64_t div64(int64_t a, int64_t b)
{
    if (b == 0)
        return a;
    if (b == -1)
        return (int64_t)(0 - (uint64_t)a); /* INT64_MIN / -1 would trap */
    return a / b;
}

static int64_t flat_value(const struct pv_report_priv *p, uint32_t n)
{
    return div64(p->flat[n], p->flatdiv[n]);
}

static int64_t cum_value(const struct pv_report_priv *p, uint32_t n)
{
    return div64(p->cum[n], p->cumdiv[n]);
}

/* ---------- formatting ---------- */

void pv_report_format(const pv_report *r, int64_t v, char *out, size_t len)
{
    if (r->ratio > 0 && r->ratio != 1)
        v = go_int64((double)v * r->ratio);
    pv_scaled_label(out, len, v, r->sample_unit, r->output_unit);
}

/* pprof's selectOutputUnit. */
static void select_output_unit(pv_report *r, const uint32_t *nodes, size_t n)
{
    struct pv_report_priv *p = r->priv;
    const char *ou = p->o.unit ? p->o.unit : "minimum";
    if (strcmp(ou, "minimum") != 0 || n == 0) {
        r->output_unit = strdup(ou);
        return;
    }
    int64_t minv = 0;
    for (size_t i = 0; i < n; i++) {
        int64_t v = abs64(flat_value(p, nodes[i]));
        if (v == 0)
            v = abs64(cum_value(p, nodes[i]));
        if (v > 0 && (minv == 0 || v < minv))
            minv = v;
    }
    int64_t maxv = r->total;
    if (minv == 0)
        minv = maxv;
    if (r->ratio > 0 && r->ratio != 1) {
        minv = go_int64((double)minv * r->ratio);
        maxv = go_int64((double)maxv * r->ratio);
    }
    char minu[64], maxu[64], u[64];
    pv_scale(minv, r->sample_unit, "minimum", minu, sizeof minu);
    pv_scale(maxv, r->sample_unit, "minimum", maxu, sizeof maxu);
    snprintf(u, sizeof u, "%s", minu);
    int64_t min100 = (int64_t)((uint64_t)minv * 100);
    if (strcmp(minu, maxu) != 0 && min100 < maxv)
        pv_scale(min100, r->sample_unit, "minimum", u, sizeof u);
    r->output_unit = strdup(*u ? u : r->sample_unit);
}

static char *time_label(int64_t nanos)
{
    time_t t = (time_t)(nanos / 1000000000);
    if (nanos < 0 && nanos % 1000000000)
        t--;
    struct tm tm;
    if (!localtime_r(&t, &tm))
        return NULL;
    static const char *const mon[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                      "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    int h = tm.tm_hour % 12;
    if (h == 0)
        h = 12;
    char zone[64];
    if (tm.tm_zone && tm.tm_zone[0] && tm.tm_zone[0] != '+' && tm.tm_zone[0] != '-') {
        snprintf(zone, sizeof zone, "%s", tm.tm_zone);
    } else {
        long off = tm.tm_gmtoff;
        char sign = off < 0 ? '-' : '+';
        if (off < 0)
            off = -off;
        snprintf(zone, sizeof zone, "%c%02ld%02ld", sign, off / 3600, off % 3600 / 60);
    }
    return xasprintf("Time: %s %d, %d at %d:%02d%s (%s)", mon[tm.tm_mon], tm.tm_mday, tm.tm_year + 1900, h, tm.tm_min,
                     tm.tm_hour < 12 ? "am" : "pm", zone);
}

static void header_labels(pv_report *r, int64_t flat_sum, size_t shown, size_t orig, size_t dropped,
                          double nodefraction)
{
    struct pv_report_priv *p = r->priv;
    const pv_model *m = p->m;
    char v1[64], v2[64], pct[32];
    if (m->nmappings > 0) {
        const pv_mapping *mp = &m->mappings[0];
        /* pprof forgets a mapping file that is a URL when it has no build id */
        const char *file = pv_str(m, mp->file);
        bool url = false;
        if (!mp->build_id && ((file[0] >= 'a' && file[0] <= 'z') || (file[0] >= 'A' && file[0] <= 'Z'))) {
            const char *c = file;
            while (*c && (((*c | 32) >= 'a' && (*c | 32) <= 'z') || (*c >= '0' && *c <= '9') || *c == '+' ||
                          *c == '-' || *c == '.'))
                c++;
            url = *c == ':';
        }
        if (*file && !url) {
            char b[4096];
            add_string(&r->labels, &r->nlabels, xasprintf("File: %s", path_base(file, b, sizeof b)));
        }
        if (mp->build_id)
            add_string(&r->labels, &r->nlabels, xasprintf("Build ID: %s", pv_str(m, mp->build_id)));
    }
    for (size_t i = 0; i < m->ncomments; i++) {
        const char *c = pv_str(m, m->comments[i]);
        if (c[0] != '#')
            add_string(&r->labels, &r->nlabels, strdup(c));
    }
    if (*r->sample_type)
        add_string(&r->labels, &r->nlabels, xasprintf("Type: %s", r->sample_type));
    if (m->time_nanos != 0)
        add_string(&r->labels, &r->nlabels, time_label(m->time_nanos));
    if (m->duration_nanos != 0) {
        char dur[64], unit[64], total[64], ratio[48] = "";
        pv_scaled_label(dur, sizeof dur, m->duration_nanos, "nanoseconds", "auto");
        double tn = pv_scale(r->total, r->sample_unit, "nanoseconds", unit, sizeof unit);
        if (!strcmp(unit, "ns") && tn != 0) {
            pv_percentage(pct, sizeof pct, go_int64(tn), m->duration_nanos);
            snprintf(ratio, sizeof ratio, "(%s)", pct);
        }
        pv_report_format(r, r->total, total, sizeof total);
        add_string(&r->labels, &r->nlabels, xasprintf("Duration: %s, Total samples = %s %s", dur, total, ratio));
    }
    const pv_options *o = &p->o;
    const char *names[] = {"focus", "ignore", "hide", "show", "show_from", "tagfocus", "tagignore", "tagshow", "taghide"};
    const char *vals[] = {o->focus, o->ignore, o->hide, o->show, o->show_from, o->tagfocus, o->tagignore, o->tagshow, o->taghide};
    bool any = false;
    for (size_t i = 0; i < 9; i++) {
        if (!vals[i] || !*vals[i])
            continue;
        if (!any)
            add_string(&r->labels, &r->nlabels, strdup("Active filters:"));
        any = true;
        char *s = xasprintf("%s=%s", names[i], vals[i]);
        if (s && strlen(s) > 80) {
            s[80] = '\0';
            char *t = xasprintf("   %s\xe2\x80\xa6", s);
            free(s);
            add_string(&r->labels, &r->nlabels, t);
        } else if (s) {
            add_string(&r->labels, &r->nlabels, xasprintf("   %s", s));
            free(s);
        }
    }
    pv_report_format(r, flat_sum, v1, sizeof v1);
    pv_report_format(r, r->total, v2, sizeof v2);
    pv_percentage(pct, sizeof pct, flat_sum, r->total);
    const char *tp = pct;
    while (*tp == ' ')
        tp++;
    add_string(&r->labels, &r->nlabels, xasprintf("Showing nodes accounting for %s, %s of %s total", v1, tp, v2));
    if (r->total != 0) {
        if (dropped > 0) {
            char cut[64];
            pv_report_format(r, abs64(go_int64((double)r->total * nodefraction)), cut, sizeof cut);
            add_string(&r->labels, &r->nlabels,
                       xasprintf("Dropped %zu node%s (cum <= %s)", dropped, dropped > 1 ? "s" : "", cut));
        }
        if (shown > 0 && shown < orig)
            add_string(&r->labels, &r->nlabels, xasprintf("Showing top %zu nodes out of %zu", shown, orig));
    }
}

/* ---------- the report ---------- */

static int64_t compute_total(const struct pv_report_priv *p, bool selected_only)
{
    const pv_model *m = p->m;
    int64_t total = 0, div = 0;
    size_t n = selected_only ? p->nsel : m->nsamples;
    for (size_t i = 0; i < n; i++) {
        size_t s = selected_only ? p->sel[i] : i;
        int64_t v = m->values[s * m->ntypes + (size_t)p->vidx];
        total = wadd(total, abs64(v));
        if (p->didx >= 0)
            div = wadd(div, m->values[s * m->ntypes + (size_t)p->didx]);
    }
    if (div == -1)
        return (int64_t)(0 - (uint64_t)total); /* INT64_MIN / -1 would trap */
    return div != 0 ? total / div : total;
}

pv_report *pv_report_build(const pv_model *m, const pv_options *opts, char *err, size_t errlen)
{
    pv_report *r = calloc(1, sizeof *r);
    struct pv_report_priv *p = r ? calloc(1, sizeof *p) : NULL;
    filters f;
    label_units lu;
    bool have_filters = false, have_lu = false;
    uint32_t *nodes = NULL;
    if (!p) {
        free(r);
        snprintf(err, errlen, "out of memory");
        return NULL;
    }
    r->priv = p;
    p->m = m;
    if (pv_options_copy(&p->o, opts) != 0)
        goto oom;
    pv_options *o = &p->o;
    /* pprof's command overrides for top: no node limit by default; -trim=false disables all cuts */
    if (o->nodecount == -1)
        o->nodecount = 0;
    if (!o->trim) {
        o->nodecount = 0;
        o->nodefraction = 0;
        o->edgefraction = 0;
    }
    if (sample_index(m, o->sample_index, &p->vidx, err, errlen) != 0)
        goto fail;
    p->didx = o->mean ? 0 : -1;
    const pv_value_type *vt = &m->sample_types[p->vidx];
    r->sample_type = o->mean ? xasprintf("mean_%s", pv_str(m, vt->type)) : strdup(pv_str(m, vt->type));
    r->sample_unit = strdup(pv_str(m, vt->unit));
    if (o->divide_by == 0) {
        snprintf(err, errlen, "zero divisor specified");
        goto fail;
    }
    r->ratio = 1 / o->divide_by;
    if (filters_compile(&f, o, r, err, errlen) != 0) {
        filters_free(&f);
        goto fail;
    }
    have_filters = true;
    label_units_init(&lu, m);
    have_lu = true;

    if (!o->relative_percentages)
        r->total = compute_total(p, false);
    if (apply_filters(r, &f, &lu, true) != 0)
        goto oom;
    if (o->relative_percentages)
        r->total = compute_total(p, true);
    r->nsamples_kept = p->nsel;
    if (create_nodes(p) != 0)
        goto oom;
    p->names = calloc(p->nnodes ? p->nnodes : 1, sizeof *p->names);
    if (!p->names)
        goto oom;
    /* without node trimming the edges can be collected in the same pass */
    bool may_trim = o->nodefraction != 0 || o->nodecount > 0;
    if (accumulate(p, may_trim ? NULL : p->inl_capable, false) != 0)
        goto oom;

    /* pprof's newTrimmedGraph for a text report */
    nodes = malloc((p->nnodes ? p->nnodes : 1) * sizeof *nodes);
    if (!nodes)
        goto oom;
    size_t nn = 0;
    int64_t total_flat = 0;
    for (size_t i = 0; i < p->nnodes; i++) {
        if (p->cum[i] == 0 && p->flat[i] == 0)
            continue;
        if (o->drop_negative && (p->flat[i] < 0 || (p->flat[i] == 0 && p->cum[i] < 0)))
            continue;
        nodes[nn++] = (uint32_t)i;
        total_flat = wadd(total_flat, p->flat[i]);
    }
    int64_t node_cut = abs64(go_int64((double)total_flat * o->nodefraction));
    int64_t edge_cut = abs64(go_int64((double)total_flat * o->edgefraction));
    size_t dropped = 0;
    bool trimmed = false;
    if (node_cut > 0) {
        size_t w = 0;
        for (size_t i = 0; i < nn; i++)
            if (abs64(p->cum[nodes[i]]) >= node_cut)
                nodes[w++] = nodes[i];
        if (w != nn) {
            dropped = nn - w;
            nn = w;
            trimmed = true;
        }
    }
    size_t orig = nn;
    sort_nodes(p, nodes, nn, o->cum);
    if (o->nodecount > 0 && (size_t)o->nodecount < nn) {
        nn = (size_t)o->nodecount;
        trimmed = true;
    }
    /* kept nodes keep their flat and cum when the graph is rebuilt without the others; only
     * the edges between them change, and the edges matter here only for the "(inline)"
     * markers of nodes that some location holds as an inlined (not outermost) frame */
    uint8_t *want = calloc(p->nnodes ? p->nnodes : 1, 1);
    if (!want)
        goto oom;
    bool need = false;
    for (size_t i = 0; i < nn; i++)
        if (p->inl_capable[nodes[i]])
            want[nodes[i]] = 1, need = true;
    if (trimmed) {
        p->kept = calloc(p->nnodes ? p->nnodes : 1, 1);
        if (!p->kept) {
            free(want);
            goto oom;
        }
        for (size_t i = 0; i < nn; i++)
            p->kept[nodes[i]] = 1;
    }
    if (need && may_trim && accumulate(p, want, true) != 0) {
        free(want);
        goto oom;
    }
    free(want);
    /* inline markers from the in-edges left after trimming low-weight edges */
    uint8_t *mark = calloc(p->nnodes ? p->nnodes : 1, 1); /* bit 1: inline in-edge, bit 2: other */
    if (!mark)
        goto oom;
    for (size_t i = 0; i < p->neslots; i++) {
        const edge *e = &p->edges[i];
        if (!e->used || abs64(e->weight) < edge_cut)
            continue;
        mark[e->dst] |= e->inl ? 1 : 2;
    }
    r->rows = calloc(nn ? nn : 1, sizeof *r->rows);
    if (!r->rows) {
        free(mark);
        goto oom;
    }
    int64_t flat_sum = 0;
    for (size_t i = 0; i < nn; i++) {
        uint32_t n = nodes[i];
        pv_row *row = &r->rows[r->nrows++];
        row->name = strdup(node_name(p, n));
        row->flat = flat_value(p, n);
        row->cum = cum_value(p, n);
        row->node = n;
        row->inline_label = (mark[n] & 1) ? ((mark[n] & 2) ? "(partial-inline)" : "(inline)") : "";
        flat_sum = wadd(flat_sum, row->flat);
    }
    free(mark);
    select_output_unit(r, nodes, nn);
    header_labels(r, flat_sum, nn, orig, dropped, o->nodefraction);
    free(nodes);
    filters_free(&f);
    label_units_free(&lu);
    return r;

oom:
    snprintf(err, errlen, "out of memory");
fail:
    free(nodes);
    if (have_filters)
        filters_free(&f);
    if (have_lu)
        label_units_free(&lu);
    pv_report_free(r);
    return NULL;
}

int pv_report_edges(const pv_report *cr, uint32_t node, bool callers, pv_edge_row **out, size_t *n)
{
    pv_report *r = (pv_report *)cr;
    struct pv_report_priv *p = r->priv;
    *out = NULL;
    *n = 0;
    if (node >= p->nnodes)
        return -1;
    /* one pass recording the edges that touch node, with every node kept */
    uint8_t *kept = p->kept;
    p->kept = NULL;
    int rc = accumulate_edges(p, NULL, node);
    p->kept = kept;
    if (rc != 0)
        return -1;
    size_t cnt = 0;
    for (size_t i = 0; i < p->neslots; i++)
        if (p->edges[i].used && (callers ? p->edges[i].dst : p->edges[i].src) == node)
            cnt++;
    pv_edge_row *rows = calloc(cnt ? cnt : 1, sizeof *rows);
    if (!rows)
        return -1;
    size_t w = 0;
    for (size_t i = 0; i < p->neslots; i++) {
        const edge *e = &p->edges[i];
        if (!e->used || (callers ? e->dst : e->src) != node)
            continue;
        uint32_t other = callers ? e->src : e->dst;
        rows[w].name = strdup(node_name(p, other));
        rows[w].weight = e->weight;
        rows[w].node = other;
        rows[w].inline_edge = e->inl;
        w++;
    }
    /* heaviest first, then by name */
    for (size_t i = 1; i < w; i++) {
        pv_edge_row t = rows[i];
        size_t j = i;
        while (j > 0 && (abs64(rows[j - 1].weight) < abs64(t.weight) ||
                         (abs64(rows[j - 1].weight) == abs64(t.weight) && strcmp(rows[j - 1].name, t.name) > 0))) {
            rows[j] = rows[j - 1];
            j--;
        }
        rows[j] = t;
    }
    *out = rows;
    *n = w;
    return 0;
}
