/* Folded stacks ("a;b;c 12" lines) read into the model: see folded.h. */
#include "profile/folded.h"

#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "profile/util.h"

typedef struct {
    const char *stack; /* root-first frames, not NUL-terminated */
    size_t stack_len;
    int64_t count;
} fline;

static bool is_blank(char c) { return c == ' ' || c == '\t'; }

/* Splits one line (without its '\n') into stack and count. 1 if it is "STACK COUNT",
 * 0 if blank, -2 if it is but the count overflows, -1 if it is something else; *why says
 * what. */
static int split_line(const char *p, size_t n, fline *out, const char **why)
{
    while (n && (is_blank(p[n - 1]) || p[n - 1] == '\r'))
        n--;
    while (n && is_blank(*p)) {
        p++;
        n--;
    }
    if (n == 0)
        return 0;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)p[i];
        if ((c < 0x20 && c != '\t') || c == 0x7f) {
            *why = "control byte in a line";
            return -1;
        }
    }
    size_t k = n;
    while (k && !is_blank(p[k - 1]))
        k--;
    if (k == 0) {
        *why = "no count after the stack";
        return -1;
    }
    const char *num = p + k;
    size_t nlen = n - k;
    int64_t v = 0;
    for (size_t i = 0; i < nlen; i++) {
        if (num[i] < '0' || num[i] > '9') {
            *why = "the last field is not a count (a non-negative integer)";
            return -1;
        }
        if (v > (INT64_MAX - (num[i] - '0')) / 10) {
            *why = "count too large (over 2^63-1)";
            return -2;
        }
        v = v * 10 + (num[i] - '0');
    }
    while (k && is_blank(p[k - 1]))
        k--;
    /* "stack 10 20" is flamegraph.pl's differential form (counts before and after) */
    size_t d = k;
    while (d && p[d - 1] >= '0' && p[d - 1] <= '9')
        d--;
    if (d < k && (d == 0 || is_blank(p[d - 1]))) {
        *why = "two counts (differential folded stacks are not read)";
        return -2;
    }
    out->stack = p;
    out->stack_len = k;
    out->count = v;
    return 1;
}

typedef struct {
    pv_model *m;
    /* functions: one per distinct frame name; fn_of_str[strid] = function index or PV_NONE */
    uint32_t *fn_of_str;
    size_t nfn_of_str;
    pv_strid *fn_name;
    size_t nfn, cap_fn;
    /* samples: leaf-first stacks, deduplicated through a hash table of sample index + 1 */
    uint32_t *stack;
    size_t nstack, cap_stack;
    uint64_t *soff;
    int64_t *values;
    size_t ns, cap_s, cap_soff;
    uint32_t *slots;
    size_t nslots;
    uint32_t *scratch;
    size_t cap_scratch;
} folder;

static void folder_free(folder *F)
{
    free(F->fn_of_str);
    free(F->fn_name);
    free(F->stack);
    free(F->soff);
    free(F->values);
    free(F->slots);
    free(F->scratch);
}

static uint64_t stack_hash(const uint32_t *s, size_t n)
{
    uint64_t h = n;
    for (size_t i = 0; i < n; i++)
        h = pv_mix64(h ^ s[i]) + i;
    return pv_mix64(h);
}

/* The function index for a frame name, creating it; PV_NONE when memory ran out. */
static uint32_t frame_fn(folder *F, const char *name, size_t len)
{
    pv_strid id = pv_intern(F->m, name, len);
    if (id == PV_NONE)
        return PV_NONE;
    if (id >= F->nfn_of_str) {
        size_t n = F->nfn_of_str ? F->nfn_of_str : 64;
        while (n <= id)
            n *= 2;
        uint32_t *t = realloc(F->fn_of_str, n * sizeof *t);
        if (!t)
            return PV_NONE;
        for (size_t i = F->nfn_of_str; i < n; i++)
            t[i] = PV_NONE;
        F->fn_of_str = t;
        F->nfn_of_str = n;
    }
    if (F->fn_of_str[id] == PV_NONE) {
        if (F->nfn >= PV_NONE - 1 || pv_grow((void **)&F->fn_name, &F->cap_fn, F->nfn + 1, sizeof *F->fn_name) != 0)
            return PV_NONE;
        F->fn_name[F->nfn] = id;
        F->fn_of_str[id] = (uint32_t)F->nfn++;
    }
    return F->fn_of_str[id];
}

static int rehash(folder *F)
{
    size_t n = F->nslots ? F->nslots * 2 : 1024;
    uint32_t *t = calloc(n, sizeof *t);
    if (!t)
        return -1;
    for (size_t s = 0; s < F->ns; s++) {
        uint64_t h = stack_hash(F->stack + F->soff[s], (size_t)(F->soff[s + 1] - F->soff[s]));
        size_t i = (size_t)h & (n - 1);
        while (t[i])
            i = (i + 1) & (n - 1);
        t[i] = (uint32_t)s + 1;
    }
    free(F->slots);
    F->slots = t;
    F->nslots = n;
    return 0;
}

/* Adds count to the sample with stack s[0..n) (leaf first). 0, 1 on overflow, -1 on OOM. */
static int add_stack(folder *F, const uint32_t *s, size_t n, int64_t count)
{
    if ((F->ns + 1) * 2 > F->nslots && rehash(F) != 0)
        return -1;
    uint64_t h = stack_hash(s, n);
    size_t i = (size_t)h & (F->nslots - 1);
    for (; F->slots[i]; i = (i + 1) & (F->nslots - 1)) {
        size_t k = F->slots[i] - 1;
        size_t kn = (size_t)(F->soff[k + 1] - F->soff[k]);
        if (kn == n && !memcmp(F->stack + F->soff[k], s, n * sizeof *s))
            return __builtin_add_overflow(F->values[k], count, &F->values[k]) ? 1 : 0;
    }
    if (F->ns >= UINT32_MAX - 1 || pv_grow((void **)&F->values, &F->cap_s, F->ns + 1, sizeof *F->values) != 0 ||
        pv_grow((void **)&F->soff, &F->cap_soff, F->ns + 2, sizeof *F->soff) != 0 ||
        pv_grow((void **)&F->stack, &F->cap_stack, F->nstack + n, sizeof *F->stack) != 0)
        return -1;
    memcpy(F->stack + F->nstack, s, n * sizeof *s);
    F->nstack += n;
    F->values[F->ns] = count;
    F->soff[++F->ns] = F->nstack;
    F->slots[i] = (uint32_t)F->ns;
    return 0;
}

/* Frames of one stack, leaf first, into F->scratch; returns their number or -1 on OOM. */
static long frames_of(folder *F, const fline *l)
{
    size_t n = 0;
    const char *p = l->stack, *end = l->stack + l->stack_len;
    for (;;) {
        const char *semi = memchr(p, ';', (size_t)(end - p));
        const char *fe = semi ? semi : end;
        uint32_t fn = frame_fn(F, p, (size_t)(fe - p));
        if (fn == PV_NONE || pv_grow((void **)&F->scratch, &F->cap_scratch, n + 1, sizeof *F->scratch) != 0)
            return -1;
        F->scratch[n++] = fn;
        if (!semi)
            break;
        p = semi + 1;
    }
    for (size_t i = 0; i < n / 2; i++) { /* root first -> leaf first */
        uint32_t t = F->scratch[i];
        F->scratch[i] = F->scratch[n - 1 - i];
        F->scratch[n - 1 - i] = t;
    }
    return (long)n;
}

static int ffail(char *err, size_t errlen, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static int ffail(char *err, size_t errlen, const char *fmt, ...)
{
    if (err && errlen) {
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(err, errlen, fmt, ap);
        va_end(ap);
    }
    return -1;
}

/* Hands the arrays of F to m (which holds no profile). 0, or -1 on OOM (m unchanged). */
static int fill_model(pv_model *m, folder *F, const char *unit)
{
    size_t nf = F->nfn;
    pv_value_type *types = calloc(1, sizeof *types);
    pv_function *fns = calloc(nf ? nf : 1, sizeof *fns);
    pv_location *locs = calloc(nf ? nf : 1, sizeof *locs);
    pv_line *lns = calloc(nf ? nf : 1, sizeof *lns);
    uint64_t *loff = calloc(F->ns + 1, sizeof *loff);
    pv_label *labels = calloc(1, sizeof *labels);
    pv_strid tname = pv_intern(m, "samples", 7);
    pv_strid tunit = pv_intern(m, unit && *unit ? unit : "count", strlen(unit && *unit ? unit : "count"));
    if (!types || !fns || !locs || !lns || !loff || !labels || tname == PV_NONE || tunit == PV_NONE) {
        free(types);
        free(fns);
        free(locs);
        free(lns);
        free(loff);
        free(labels);
        return -1;
    }
    types[0] = (pv_value_type){tname, tunit};
    for (size_t i = 0; i < nf; i++) {
        fns[i] = (pv_function){.id = i + 1, .name = F->fn_name[i], .system_name = F->fn_name[i]};
        locs[i] = (pv_location){.id = i + 1, .mapping = PV_NONE, .line_start = (uint32_t)i, .line_count = 1};
        lns[i] = (pv_line){.function = (uint32_t)i, .line = 0};
    }
    if (F->ns == 0) { /* a profile without stacks: soff must still hold its one entry */
        if (pv_grow((void **)&F->soff, &F->cap_soff, 1, sizeof *F->soff) != 0) {
            free(types), free(fns), free(locs), free(lns), free(loff), free(labels);
            return -1;
        }
        F->soff[0] = 0;
    }
    free(m->sample_types);
    free(m->functions);
    free(m->locations);
    free(m->lines);
    free(m->values);
    free(m->stack_off);
    free(m->stack);
    free(m->label_off);
    free(m->labels);
    m->ntypes = 1;
    m->sample_types = types;
    m->nfunctions = m->nlocations = m->nlines = nf;
    m->functions = fns;
    m->locations = locs;
    m->lines = lns;
    m->nsamples = F->ns;
    m->values = F->values;
    m->stack_off = F->soff;
    m->stack = F->stack ? F->stack : calloc(1, sizeof *m->stack);
    m->label_off = loff;
    m->labels = labels;
    F->values = NULL;
    F->soff = NULL;
    F->stack = NULL;
    return m->stack ? 0 : -1;
}

/* Whether m holds folded stacks only (as fill_model made them, in unit): more can be merged. */
static bool is_folded_model(const pv_model *m, const char *unit)
{
    if (m->ntypes != 1 || m->nmappings || m->nfunctions != m->nlocations || m->nlines != m->nlocations ||
        strcmp(pv_str(m, m->sample_types[0].type), "samples") ||
        strcmp(pv_str(m, m->sample_types[0].unit), unit && *unit ? unit : "count"))
        return false;
    for (size_t i = 0; i < m->nlocations; i++) {
        const pv_location *l = &m->locations[i];
        if (l->address || l->mapping != PV_NONE || l->line_start != i || l->line_count != 1 ||
            m->lines[i].function != i || m->lines[i].line || m->functions[i].name != m->functions[i].system_name ||
            m->functions[i].filename)
            return false;
    }
    for (size_t s = 0; s < m->nsamples; s++)
        if (m->label_off[s + 1] != m->label_off[s])
            return false;
    return true;
}

/* F takes m's functions and samples, for the lines of another file to be merged in. */
static int folder_from_model(folder *F, const pv_model *m)
{
    for (size_t i = 0; i < m->nfunctions; i++) {
        const char *name = pv_str(m, m->functions[i].name);
        if (frame_fn(F, name, strlen(name)) != i)
            return -1;
    }
    for (size_t s = 0; s < m->nsamples; s++) {
        uint64_t b = m->stack_off[s], e = m->stack_off[s + 1];
        if (add_stack(F, m->stack + b, (size_t)(e - b), m->values[s]) != 0)
            return -1;
    }
    return 0;
}

int pv_folded_parse(pv_model *m, const uint8_t *data, size_t len, const char *unit, char *err, size_t errlen)
{
    const char *p = (const char *)data, *end = p + len;
    if (len >= 3 && !memcmp(p, "\xef\xbb\xbf", 3))
        p += 3; /* a UTF-8 byte order mark */
    const char *why = NULL;
    fline l;
    /* detection: the first non-blank line decides */
    int r = 0;
    for (const char *q = p; q < end && r == 0;) {
        const char *nl = memchr(q, '\n', (size_t)(end - q));
        const char *le = nl ? nl : end;
        r = split_line(q, (size_t)(le - q), &l, &why);
        q = nl ? nl + 1 : end;
    }
    if (r != 1 && r != -2)
        return 0;
    bool merge = m->nsamples || m->nlocations || m->nmappings || m->ntypes;
    if (merge && !is_folded_model(m, unit))
        return ffail(err, errlen, "folded stacks can be merged with folded stacks only");

    folder F;
    memset(&F, 0, sizeof F);
    F.m = m;
    if (pv_grow((void **)&F.soff, &F.cap_soff, 1, sizeof *F.soff) != 0)
        return ffail(err, errlen, "out of memory");
    F.soff[0] = 0;
    size_t lineno = 0;
    int rc = 0;
    if (merge && folder_from_model(&F, m) != 0)
        rc = ffail(err, errlen, "out of memory");
    while (rc == 0 && p < end) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        const char *le = nl ? nl : end;
        lineno++;
        r = split_line(p, (size_t)(le - p), &l, &why);
        p = nl ? nl + 1 : end;
        if (r == 0)
            continue;
        if (r < 0) {
            rc = ffail(err, errlen, "folded stacks, line %zu: %s (want \"frame;frame;... count\")", lineno, why);
            break;
        }
        long n = frames_of(&F, &l);
        int a = n < 0 ? -1 : add_stack(&F, F.scratch, (size_t)n, l.count);
        if (a < 0) {
            rc = ffail(err, errlen, "out of memory");
            break;
        }
        if (a > 0) {
            rc = ffail(err, errlen, "folded stacks, line %zu: the counts of one stack overflow 64 bits", lineno);
            break;
        }
    }
    if (rc == 0 && fill_model(m, &F, unit) != 0)
        rc = ffail(err, errlen, "out of memory");
    folder_free(&F);
    return rc == 0 ? 1 : -1;
}
