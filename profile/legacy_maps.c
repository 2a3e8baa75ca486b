/* The memory map trailer of legacy profiles and pprof's mapping post-processing (see
 * legacy_int.h): ParseMemoryMap, massageMappings, remapLocationIDs, remapMappingIDs. */
#include "profile/legacy_int.h"
#include "profile/util.h"

#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---------- memory map (ParseMemoryMap, massageMappings, remap*IDs) ---------- */

enum { MRX_PROCMAPS, MRX_BRIEFMAPS, MRX_LOGINFO, MRX_COUNT };

#define C_HEXRANGE "\\s*(?:0x)?([[:xdigit:]]+)[\\s-]?\\s*(?:0x)?([[:xdigit:]]+):?"
#define C_PERM "(?:\\s+([-rwxp]+))?"
static const char *const map_rx_src[MRX_COUNT] = {
    "^" C_HEXRANGE C_PERM "(?:\\s+([[:xdigit:]]+))?\\s+[[:xdigit:]]+:[[:xdigit:]]+\\s+[[:digit:]]+(?:\\s+(\\S+))?",
    "^" C_HEXRANGE C_PERM "(?:\\s+(\\S+))?(?:\\s+\\(@([[:xdigit:]]+)\\))?(?:\\s+([[:xdigit:]]+))?",
    "^[^\\[\\]]+:[0-9]+]\\s",
};

typedef struct {
    char **kv; /* old0, new0, old1, new1, ... */
    size_t n;
} replacer;

static void replacer_free(replacer *r)
{
    for (size_t i = 0; i < r->n; i++)
        free(r->kv[i]);
    free(r->kv);
}

/* strings.Replacer: at each position the first pair (in order) whose old string matches. */
static char *replace(const replacer *r, span s)
{
    size_t cap = s.n + 1, n = 0;
    char *out = malloc(cap);
    if (!out)
        return NULL;
    for (size_t i = 0; i < s.n;) {
        const char *rep = NULL;
        size_t oldlen = 0;
        for (size_t k = 0; k + 1 < r->n; k += 2) {
            size_t l = strlen(r->kv[k]);
            if (l && l <= s.n - i && memcmp(s.p + i, r->kv[k], l) == 0) {
                rep = r->kv[k + 1];
                oldlen = l;
                break;
            }
        }
        const char *add = rep ? rep : s.p + i;
        size_t addn = rep ? strlen(rep) : 1;
        if (n + addn + 1 > cap) {
            while (n + addn + 1 > cap)
                cap *= 2;
            char *nb = realloc(out, cap);
            if (!nb) {
                free(out);
                return NULL;
            }
            out = nb;
        }
        memcpy(out + n, add, addn);
        n += addn;
        i += rep ? oldlen : 1;
    }
    out[n] = '\0';
    return out;
}

static char *span_dup(span s)
{
    char *p = malloc(s.n + 1);
    if (p) {
        memcpy(p, s.p, s.n);
        p[s.n] = '\0';
    }
    return p;
}

/* parseMappingEntry: 1 = mapping added, 0 = executable-less entry skipped, 2 = unrecognized, -1 = OOM */
static int parse_mapping_entry(pv_lx_prof *P, const pv_lx_rx *rxs, const char *l, size_t len)
{
    pv_lx_match mt;
    span start, end, perm, file, offset, build = {"", 0};
    if (pv_lx_rx_find(&rxs[MRX_PROCMAPS], l, len, &mt)) {
        start = pv_lx_rx_group(&mt, l, 1);
        end = pv_lx_rx_group(&mt, l, 2);
        perm = pv_lx_rx_group(&mt, l, 3);
        offset = pv_lx_rx_group(&mt, l, 4);
        file = pv_lx_rx_group(&mt, l, 5);
    } else if (pv_lx_rx_find(&rxs[MRX_BRIEFMAPS], l, len, &mt)) {
        start = pv_lx_rx_group(&mt, l, 1);
        end = pv_lx_rx_group(&mt, l, 2);
        perm = pv_lx_rx_group(&mt, l, 3);
        file = pv_lx_rx_group(&mt, l, 4);
        offset = pv_lx_rx_group(&mt, l, 5);
        build = pv_lx_rx_group(&mt, l, 6);
    } else {
        return 2;
    }
    if (perm.n && !memchr(perm.p, 'x', perm.n))
        return 0;
    pv_lx_map m = {0};
    if (!pv_lx_parse_hex(start, &m.start) || !pv_lx_parse_hex(end, &m.limit))
        return 2;
    if (offset.n && !pv_lx_parse_hex(offset, &m.offset))
        return 2;
    if (pv_grow((void **)&P->maps, &P->cap_maps, P->nmaps + 1, sizeof *P->maps) != 0)
        return -1;
    m.file = span_dup(file);
    m.build_id = span_dup(build);
    if (!m.file || !m.build_id) {
        free(m.file);
        free(m.build_id);
        return -1;
    }
    P->maps[P->nmaps++] = m;
    return 1;
}

static int parse_maps(pv_lx_prof *P, pv_lx_lines *ls)
{
    pv_lx_rx rxs[MRX_COUNT];
    for (int i = 0; i < MRX_COUNT; i++)
        if (pv_lx_rx_compile(&rxs[i], map_rx_src[i]) != 0)
            return pv_lx_fail(P->e, "internal error: bad pattern %d", i);
    replacer r = {NULL, 0};
    span line;
    int lr;
    int rc = 0;
    while ((lr = pv_lx_next_line(ls, &line)) == 1) {
        pv_lx_match mt;
        if (pv_lx_rx_find(&rxs[MRX_LOGINFO], line.p, line.n, &mt)) {
            line.p += mt.cap[1];
            line.n -= mt.cap[1];
        }
        char *l = replace(&r, line);
        if (!l) {
            rc = pv_lx_fail(P->e, "out of memory");
            break;
        }
        size_t len = strlen(l);
        int pr = parse_mapping_entry(P, rxs, l, len);
        if (pr < 0) {
            free(l);
            rc = pv_lx_fail(P->e, "out of memory");
            break;
        }
        if (pr == 2) {
            char *eq = strchr(l, '=');
            if (eq) {
                char **nkv = realloc(r.kv, (r.n + 2) * sizeof *nkv);
                if (!nkv) {
                    free(l);
                    rc = pv_lx_fail(P->e, "out of memory");
                    break;
                }
                r.kv = nkv;
                span key = pv_lx_trim((span){l, (size_t)(eq - l)});
                span val = pv_lx_trim((span){eq + 1, len - (size_t)(eq + 1 - l)});
                char *k = malloc(key.n + 2), *v = span_dup(val);
                if (!k || !v) {
                    free(k);
                    free(v);
                    free(l);
                    rc = pv_lx_fail(P->e, "out of memory");
                    break;
                }
                k[0] = '$';
                memcpy(k + 1, key.p, key.n);
                k[key.n + 1] = '\0';
                r.kv[r.n++] = k;
                r.kv[r.n++] = v;
            }
        }
        free(l);
    }
    if (lr < 0 && rc == 0)
        rc = pv_lx_fail(P->e, "bufio.Scanner: token too long");
    replacer_free(&r);
    return rc;
}

static bool adjacent(const pv_lx_map *a, const pv_lx_map *b)
{
    if (a->file[0] && b->file[0] && strcmp(a->file, b->file) != 0)
        return false;
    if (a->build_id[0] && b->build_id[0] && strcmp(a->build_id, b->build_id) != 0)
        return false;
    if (a->limit != b->start)
        return false;
    if (a->offset != 0 && b->offset != 0 && a->offset + (a->limit - a->start) != b->offset)
        return false;
    return true;
}

/* libRx `([.]so$|[.]so[._][0-9]+)` */
static bool is_lib(const char *f, size_t n)
{
    for (size_t i = 0; i + 3 <= n; i++) {
        if (memcmp(f + i, ".so", 3) != 0)
            continue;
        if (i + 3 == n)
            return true;
        if (i + 5 <= n && (f[i + 3] == '.' || f[i + 3] == '_') && f[i + 4] >= '0' && f[i + 4] <= '9')
            return true;
    }
    return false;
}

static bool is_main_candidate(const char *file)
{
    /* strings.TrimSpace(strings.Replace(file, "(deleted)", "", -1)) */
    size_t n = strlen(file);
    char *buf = malloc(n + 1);
    if (!buf)
        return false;
    size_t k = 0;
    for (size_t i = 0; i < n;) {
        if (strncmp(file + i, "(deleted)", 9) == 0) {
            i += 9;
            continue;
        }
        buf[k++] = file[i++];
    }
    span t = pv_lx_trim((span){buf, k});
    bool ok = t.n > 0 && !is_lib(t.p, t.n) && t.p[0] != '[';
    free(buf);
    return ok;
}

static void massage_mappings(pv_lx_prof *P)
{
    if (P->nmaps > 1) {
        size_t w = 1;
        for (size_t i = 1; i < P->nmaps; i++) {
            pv_lx_map *lm = &P->maps[w - 1], *m = &P->maps[i];
            if (adjacent(lm, m)) {
                lm->limit = m->limit;
                if (m->file[0]) {
                    free(lm->file);
                    lm->file = m->file;
                    m->file = NULL;
                }
                if (m->build_id[0]) {
                    free(lm->build_id);
                    lm->build_id = m->build_id;
                    m->build_id = NULL;
                }
                free(m->file);
                free(m->build_id);
                continue;
            }
            P->maps[w++] = *m;
        }
        P->nmaps = w;
    }
    for (size_t i = 0; i < P->nmaps; i++) {
        if (!is_main_candidate(P->maps[i].file))
            continue;
        pv_lx_map t = P->maps[0];
        P->maps[0] = P->maps[i];
        P->maps[i] = t;
        break;
    }
}

/* remapLocationIDs: distinct addresses in sample order. */
int pv_lx_remap_locations(pv_lx_prof *P)
{
    pv_idmap h;
    if (pv_idmap_init(&h, P->naddr) != 0) {
        pv_idmap_free(&h);
        return pv_lx_fail(P->e, "out of memory");
    }
    P->locaddr = malloc((P->naddr ? P->naddr : 1) * sizeof *P->locaddr);
    P->locmap = malloc((P->naddr ? P->naddr : 1) * sizeof *P->locmap);
    if (!P->locaddr || !P->locmap) {
        pv_idmap_free(&h);
        return pv_lx_fail(P->e, "out of memory");
    }
    for (size_t s = 0; s < P->ns; s++)
        for (uint64_t k = 0; k < P->cnt[s]; k++) {
            uint64_t a = P->addr[P->off[s] + k];
            int r = pv_idmap_put(&h, a, (uint32_t)P->nlocs);
            if (r < 0) {
                pv_idmap_free(&h);
                return pv_lx_fail(P->e, "out of memory");
            }
            if (r == 1)
                P->locaddr[P->nlocs++] = a;
        }
    pv_idmap_free(&h);
    return 0;
}

int pv_lx_remap_mappings(pv_lx_prof *P)
{
    if (P->nmaps > 1 && strncmp(P->maps[0].file, "/anon_hugepage", 14) == 0 && P->maps[0].limit == P->maps[1].start) {
        free(P->maps[0].file);
        free(P->maps[0].build_id);
        memmove(P->maps, P->maps + 1, (P->nmaps - 1) * sizeof *P->maps);
        P->nmaps--;
    }
    if (P->nmaps > 0 && P->maps[0].start - P->maps[0].offset == 0x400000) {
        P->maps[0].start = 0x400000;
        P->maps[0].offset = 0;
    }
    uint32_t fake = PV_NONE;
    for (size_t i = 0; i < P->nlocs; i++) {
        uint64_t a = P->locaddr[i];
        P->locmap[i] = PV_NONE;
        if (a == 0 || (P->locfn && P->locfn[i] != PV_NONE)) /* (Java: a location with a line has no address) */
            continue;
        for (size_t j = 0; j < P->nmaps && P->locmap[i] == PV_NONE; j++)
            if (P->maps[j].start <= a && a < P->maps[j].limit)
                P->locmap[i] = (uint32_t)j;
        for (size_t j = 0; j < P->nmaps && P->locmap[i] == PV_NONE; j++) {
            pv_lx_map *m = &P->maps[j];
            if (m->offset != 0 && m->start - m->offset <= a && a < m->start) {
                m->start -= m->offset;
                m->offset = 0;
                P->locmap[i] = (uint32_t)j;
            }
        }
        if (P->locmap[i] != PV_NONE)
            continue;
        if (fake == PV_NONE) {
            if (pv_grow((void **)&P->maps, &P->cap_maps, P->nmaps + 1, sizeof *P->maps) != 0)
                return pv_lx_fail(P->e, "out of memory");
            pv_lx_map fm = {0, UINT64_MAX, 0, calloc(1, 1), calloc(1, 1)};
            if (!fm.file || !fm.build_id) {
                free(fm.file);
                free(fm.build_id);
                return pv_lx_fail(P->e, "out of memory");
            }
            fake = (uint32_t)P->nmaps;
            P->maps[P->nmaps++] = fm;
        }
        P->locmap[i] = fake;
    }
    return 0;
}

int pv_lx_parse_memory_map(pv_lx_prof *P, pv_lx_lines *ls)
{
    if (parse_maps(P, ls) != 0)
        return -1;
    massage_mappings(P);
    if (pv_lx_remap_locations(P) != 0)
        return -1;
    return pv_lx_remap_mappings(P);
}

int pv_lx_additional_sections(pv_lx_prof *P, pv_lx_lines *ls, span cur, bool have, const char *what)
{
    int lr = have ? 1 : 0;
    if (!have || !pv_lx_is_map_sentinel(cur)) {
        while ((lr = pv_lx_next_line(ls, &cur)) == 1 && !pv_lx_is_map_sentinel(cur))
            ;
        if (lr < 0)
            return pv_lx_fail(P->e, "%s: line %zu: longer than 64 KiB", what, ls->lineno + 1);
    }
    return pv_lx_parse_memory_map(P, ls);
}
