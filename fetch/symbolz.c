/* The parts of remote symbolization without libcurl: see symbolz.h. */
#include "fetch/symbolz.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "profile/util.h"

static bool ends_with(const char *s, size_t n, const char *suffix)
{
    size_t k = strlen(suffix);
    return n >= k && !memcmp(s + n - k, suffix, k);
}

/* Go's path.Clean of a rooted path p[0..n) with "/../symbol" appended. */
static char *clean_symbol_path(const char *p, size_t n)
{
    char *in = pv_asprintf("%.*s/../symbol", (int)n, p);
    char *out = in ? malloc(strlen(in) + 2) : NULL;
    if (!out) {
        free(in);
        return NULL;
    }
    size_t o = 0; /* out holds "/seg/seg" */
    for (char *s = in; *s;) {
        while (*s == '/')
            s++;
        char *e = s;
        while (*e && *e != '/')
            e++;
        size_t len = (size_t)(e - s);
        if (len == 0 || (len == 1 && s[0] == '.')) {
            /* nothing */
        } else if (len == 2 && s[0] == '.' && s[1] == '.') {
            while (o > 0 && out[o - 1] != '/')
                o--;
            if (o > 0)
                o--; /* the slash before it; at the root ".." stays at the root */
        } else {
            out[o++] = '/';
            memcpy(out + o, s, len);
            o += len;
        }
        s = e;
    }
    if (o == 0)
        out[o++] = '/';
    out[o] = '\0';
    free(in);
    return out;
}

char *pv_symbolz_url(const char *source, bool *oom)
{
    *oom = false;
    const char *p = source;
    if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z')))
        return NULL;
    while ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') || *p == '+' ||
           *p == '-' || *p == '.')
        p++;
    if (strncmp(p, "://", 3) != 0)
        return NULL;
    const char *auth = p + 3;
    size_t alen = strcspn(auth, "/?#");
    const char *at = memchr(auth, '@', alen);
    if ((at ? alen - (size_t)(at + 1 - auth) : alen) == 0) /* no host */
        return NULL;
    const char *path = auth + alen;
    size_t plen = strcspn(path, "?#");
    const char *frag = strchr(path + plen, '#');
    char *newpath = NULL;
    if (memmem(path, plen, "/debug/pprof/", 13) || ends_with(path, plen, "/pprof/heap") ||
        ends_with(path, plen, "/pprof/growth") || ends_with(path, plen, "/pprof/profile") ||
        ends_with(path, plen, "/pprof/pmuprofile") || ends_with(path, plen, "/pprof/contention"))
        newpath = clean_symbol_path(path, plen);
    else
        newpath = strdup("/symbolz");
    char *url = newpath ? pv_asprintf("%.*s%s%s", (int)(path - source), source, newpath, frag ? frag : "") : NULL;
    free(newpath);
    *oom = url == NULL;
    return url;
}

static bool is_xdigit(char c)
{
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

/* Go's \s: [\t\n\f\r ] */
static bool is_space(char c) { return c == '\t' || c == '\n' || c == '\f' || c == '\r' || c == ' '; }

static int hexval(char c) { return c <= '9' ? c - '0' : (c | 32) - 'a' + 10; }

long pv_symbolz_parse(const char *body, size_t len, pv_sym_name **out, char **error)
{
    *out = NULL;
    *error = NULL;
    size_t n = 0, cap = 0;
    pv_sym_name *v = NULL;
    for (size_t ls = 0; ls < len;) {
        const char *nl = memchr(body + ls, '\n', len - ls);
        if (!nl) /* pprof reads lines up to '\n'; what follows the last one is dropped */
            break;
        const char *line = body + ls;
        size_t ll = (size_t)(nl - line) + 1; /* with its '\n' */
        ls += ll;
        /* (0x[[:xdigit:]]+)\s+(.*): the leftmost "0x", hex digits (as many as there are),
         * then at least one blank */
        for (size_t i = 0; i + 2 < ll; i++) {
            if (line[i] != '0' || line[i + 1] != 'x' || !is_xdigit(line[i + 2]))
                continue;
            size_t h = i + 2;
            while (h < ll && is_xdigit(line[h]))
                h++;
            if (h >= ll || !is_space(line[h]))
                continue;
            size_t s = h;
            while (s < ll && is_space(line[s]))
                s++;
            /* the name: the rest of the line but its '\n' (empty when the blanks ran to it) */
            size_t ne = s < ll ? ll - 1 : s;
            uint64_t addr = 0;
            for (size_t k = i + 2; k < h; k++) {
                if (addr >> 60) { /* does not fit 64 bits */
                    *error = pv_asprintf("unexpected parse failure %.*s: strconv.ParseUint: parsing \"%.*s\": "
                                         "value out of range",
                                         (int)(h - i), line + i, (int)(h - i), line + i);
                    free(v);
                    return -1;
                }
                addr = addr << 4 | (uint64_t)hexval(line[k]);
            }
            if (n == cap) {
                size_t nc = cap ? cap * 2 : 256;
                pv_sym_name *nv = realloc(v, nc * sizeof *nv);
                if (!nv) {
                    free(v);
                    return -1;
                }
                v = nv;
                cap = nc;
            }
            v[n++] = (pv_sym_name){addr, line + s, ne > s ? ne - s : 0};
            break;
        }
    }
    *out = v;
    return (long)n;
}

static void source_free(pv_symbolz_source *e)
{
    free(e->key);
    free(e->url);
}

static int add_one(pv_symbolz_sources *s, int kind, const char *key, const char *url, uint64_t start, bool whole)
{
    pv_symbolz_source *nv = realloc(s->v, (s->n + 1) * sizeof *nv);
    if (!nv)
        return -1;
    s->v = nv;
    pv_symbolz_source *e = &nv[s->n];
    *e = (pv_symbolz_source){kind, strdup(key), strdup(url), start, whole};
    if (!e->key || !e->url) {
        source_free(e);
        return -1;
    }
    s->n++;
    return 0;
}

int pv_symbolz_sources_add(pv_symbolz_sources *s, const pv_model *m, const char *url)
{
    if (m->nmappings == 0)
        return add_one(s, 0, "", url, 0, true);
    for (size_t i = 0; i < m->nmappings; i++) {
        const pv_mapping *mp = &m->mappings[i];
        const char *bid = pv_str(m, mp->build_id), *file = pv_str(m, mp->file);
        int kind = bid[0] ? 2 : file[0] ? 1 : 0;
        if (add_one(s, kind, kind == 2 ? bid : file, url, mp->start, false) != 0)
            return -1;
    }
    return 0;
}

void pv_symbolz_sources_free(pv_symbolz_sources *s)
{
    for (size_t i = 0; i < s->n; i++)
        source_free(&s->v[i]);
    free(s->v);
    s->v = NULL;
    s->n = 0;
}

bool pv_symbolz_unsymbolizable(const char *file)
{
    /* Go's filepath.Base: trailing slashes dropped first */
    size_t n = strlen(file);
    while (n > 1 && file[n - 1] == '/')
        n--;
    const char *base = file;
    for (size_t i = n; i > 0; i--)
        if (file[i - 1] == '/') {
            base = file + i;
            break;
        }
    return base[0] == '[' || !strncmp(base, "linux-vdso", 10) || !strncmp(file, "/dev/dri/", 9);
}

char *pv_symbolz_query(const pv_model *m, uint32_t mi, int64_t offset, char **error)
{
    *error = NULL;
    size_t cap = 256, n = 0;
    char *q = malloc(cap);
    if (!q)
        return NULL;
    q[0] = '\0';
    for (size_t li = 0; li < m->nlocations; li++) {
        const pv_location *loc = &m->locations[li];
        if (loc->mapping != mi || loc->address == 0 || loc->line_count != 0)
            continue;
        uint64_t adj = loc->address + (uint64_t)offset; /* pprof's adjust() */
        if (offset < 0 ? adj >= loc->address : adj < loc->address) {
            *error = pv_asprintf("cannot adjust address %" PRIu64 " by %" PRId64 ", it would overflow (mapping %" PRIu64
                                 ")",
                                 loc->address, offset, m->mappings[mi].id);
            free(q);
            return NULL;
        }
        if (n + 20 > cap) {
            char *nq = realloc(q, cap * 2);
            if (!nq) {
                free(q);
                return NULL;
            }
            q = nq;
            cap *= 2;
        }
        n += (size_t)snprintf(q + n, cap - n, "%s0x%" PRIx64, n ? "+" : "", adj);
    }
    return q;
}
