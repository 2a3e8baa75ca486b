/* The tags report: pprof's printTags. Values are counted per (key, value text) in one pass
 * over the selected samples' labels; numeric values are formatted once per distinct
 * (key, number, unit). */
#include "profile/tags.h"

#include <stdlib.h>
#include <string.h>

#include "profile/measure.h"
#include "profile/tabwriter.h"
#include "profile/util.h"

/* A hash map (key id, string id or number) -> counter slot, for the raw labels. */
typedef struct {
    pv_strid key, str;
    int64_t num;
    pv_strid unit;
    int64_t count;
    uint8_t used;
} raw_slot;

typedef struct {
    raw_slot *s;
    size_t n, cap;
} raw_map;

static uint64_t raw_hash(const pv_label *l)
{
    uint64_t h = (uint64_t)l->key * 0x9E3779B97F4A7C15ull ^ (uint64_t)l->str * 0xC2B2AE3D27D4EB4Full;
    h ^= (uint64_t)l->num * 0xFF51AFD7ED558CCDull ^ (uint64_t)l->num_unit * 0x165667B19E3779F9ull;
    return pv_mix64(h);
}

static raw_slot *raw_get(raw_map *m, const pv_label *l)
{
    if ((m->n + 1) * 2 > m->cap) {
        size_t nc = m->cap ? m->cap * 2 : 256;
        raw_slot *ns = calloc(nc, sizeof *ns);
        if (!ns)
            return NULL;
        for (size_t i = 0; i < m->cap; i++) {
            if (!m->s[i].used)
                continue;
            pv_label x = {m->s[i].key, m->s[i].str, m->s[i].num, m->s[i].unit};
            size_t j = raw_hash(&x) & (nc - 1);
            while (ns[j].used)
                j = (j + 1) & (nc - 1);
            ns[j] = m->s[i];
        }
        free(m->s);
        m->s = ns;
        m->cap = nc;
    }
    size_t j = raw_hash(l) & (m->cap - 1);
    while (m->s[j].used) {
        raw_slot *r = &m->s[j];
        if (r->key == l->key && r->str == l->str && r->num == l->num && r->unit == l->num_unit)
            return r;
        j = (j + 1) & (m->cap - 1);
    }
    m->s[j] = (raw_slot){l->key, l->str, l->num, l->num_unit, 0, 1};
    m->n++;
    return &m->s[j];
}

void pv_tags_free(pv_tags *t)
{
    if (!t)
        return;
    for (size_t i = 0; i < t->nkeys; i++) {
        for (size_t j = 0; j < t->keys[i].nvalues; j++)
            free(t->keys[i].values[j].name);
        free(t->keys[i].values);
    }
    free(t->keys);
    pv_selection_free(t->sel);
    free(t);
}

static int cmp_values(const void *pa, const void *pb)
{
    const pv_tag_value *a = pa, *b = pb;
    int64_t x = pv_abs64(a->count), y = pv_abs64(b->count);
    if (a->count != b->count && x != y)
        return x > y ? -1 : 1;
    return strcmp(a->name, b->name);
}

static int cmp_keys(const void *pa, const void *pb, void *ctx)
{
    const pv_model *m = ctx;
    return strcmp(pv_str(m, ((const pv_tag_key *)pa)->key), pv_str(m, ((const pv_tag_key *)pb)->key));
}

/* One (key, value text) before merging equal texts. */
typedef struct {
    pv_strid key;
    char *name;
    int64_t count;
} flat_value;

static int cmp_flat(const void *pa, const void *pb)
{
    const flat_value *a = pa, *b = pb;
    if (a->key != b->key)
        return a->key < b->key ? -1 : 1;
    return strcmp(a->name, b->name);
}

/* Groups the values by key and sums equal texts (ownership of the names moves to t). */
static int group_values(pv_tags *t, flat_value *fv, size_t n)
{
    qsort(fv, n, sizeof *fv, cmp_flat);
    size_t capkeys = 0;
    for (size_t i = 0; i < n;) {
        size_t j = i;
        while (j < n && fv[j].key == fv[i].key)
            j++;
        if (pv_grow((void **)&t->keys, &capkeys, t->nkeys + 1, sizeof *t->keys) != 0)
            return -1;
        pv_tag_key *k = &t->keys[t->nkeys++];
        *k = (pv_tag_key){fv[i].key, 0, calloc(j - i, sizeof *k->values), 0};
        if (!k->values)
            return -1;
        for (size_t x = i; x < j; x++) {
            if (k->nvalues && !strcmp(k->values[k->nvalues - 1].name, fv[x].name)) {
                pv_tag_value *last = &k->values[k->nvalues - 1];
                last->count = pv_wadd(last->count, fv[x].count);
                free(fv[x].name);
            } else {
                k->values[k->nvalues++] = (pv_tag_value){fv[x].name, fv[x].count};
            }
            fv[x].name = NULL;
        }
        i = j;
    }
    return 0;
}

pv_tags *pv_tags_build(const pv_model *m, const pv_options *o, char *err, size_t errlen)
{
    pv_tags *t = calloc(1, sizeof *t);
    raw_map rm = {0};
    if (!t)
        goto oom;
    t->sel = pv_selection_build(m, o, err, errlen);
    if (!t->sel) {
        free(t);
        return NULL;
    }
    const pv_selection *s = t->sel;
    m = s->m; /* with tagroot/tagleaf, the selection's own model */
    /* pass 1: sums per distinct raw label (most samples share a few labels) */
    for (size_t i = 0; i < s->nsel; i++) {
        uint32_t smp = s->sel[i];
        uint64_t lb = m->label_off[smp], le = m->label_off[smp + 1];
        if (lb == le)
            continue;
        int64_t v = pv_selection_value(s, i);
        for (uint64_t k = lb; k < le; k++) {
            raw_slot *r = raw_get(&rm, &m->labels[k]);
            if (!r)
                goto oom;
            r->count = pv_wadd(r->count, v);
        }
    }
    /* pass 2: per key, by value text (numeric values formatted as pprof does) */
    const char *ou = o->unit ? o->unit : "minimum";
    uint8_t *shown = calloc(pv_nstrings(m) ? pv_nstrings(m) : 1, 1); /* 1 shown, 2 hidden */
    flat_value *fv = malloc((rm.n ? rm.n : 1) * sizeof *fv);
    size_t nfv = 0;
    if (!shown || !fv) {
        free(shown);
        free(fv);
        goto oom;
    }
    int bad = 0;
    for (size_t i = 0; i < rm.cap && !bad; i++) {
        const raw_slot *r = &rm.s[i];
        if (!r->used)
            continue;
        if (!shown[r->key])
            shown[r->key] = pv_selection_label_shown(s, r->key) ? 1 : 2;
        if (shown[r->key] != 1)
            continue;
        char *name;
        if (r->str) {
            name = strdup(pv_str(m, r->str));
        } else {
            char buf[128];
            pv_scaled_label(buf, sizeof buf, r->num, pv_selection_label_unit(s, r->key), ou);
            name = strdup(buf);
        }
        if (!name)
            bad = 1;
        else
            fv[nfv++] = (flat_value){r->key, name, r->count};
    }
    if (!bad)
        bad = group_values(t, fv, nfv) != 0;
    for (size_t i = 0; i < nfv; i++)
        free(fv[i].name);
    free(fv);
    free(shown);
    free(rm.s);
    rm.s = NULL;
    if (bad)
        goto oom;
    if (t->nkeys)
        qsort_r(t->keys, t->nkeys, sizeof *t->keys, cmp_keys, (void *)m);
    for (size_t i = 0; i < t->nkeys; i++) {
        pv_tag_key *k = &t->keys[i];
        for (size_t j = 0; j < k->nvalues; j++)
            k->total = pv_wadd(k->total, k->values[j].count);
        qsort(k->values, k->nvalues, sizeof *k->values, cmp_values);
    }
    return t;
oom:
    snprintf(err, errlen, "out of memory");
    free(rm.s);
    pv_tags_free(t);
    return NULL;
}

int pv_print_tags(FILE *out, const pv_tags *t)
{
    const pv_selection *s = t->sel;
    const char *ou = s->o.unit ? s->o.unit : "minimum";
    char *text = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&text, &len);
    if (!f)
        return -1;
    for (size_t i = 0; i < t->nkeys; i++) {
        const pv_tag_key *k = &t->keys[i];
        char unit[64];
        double v = pv_scale(k->total, s->sample_unit, ou, unit, sizeof unit);
        fprintf(f, "%s:\t Total %.1f%s\n", pv_str(s->m, k->key), v, unit);
        for (size_t j = 0; j < k->nvalues; j++) {
            const pv_tag_value *tv = &k->values[j];
            v = pv_scale(tv->count, s->sample_unit, ou, unit, sizeof unit);
            if (k->total > 0) {
                char pct[32];
                pv_percentage(pct, sizeof pct, tv->count, k->total);
                fprintf(f, " \t%.1f%s (%s):\t %s\n", v, unit, pct, tv->name);
            } else {
                fprintf(f, " \t%.1f%s:\t %s\n", v, unit, tv->name);
            }
        }
        fputc('\n', f);
    }
    if (fclose(f) != 0) {
        free(text);
        return -1;
    }
    int r = pv_tabwrite(out, text, len);
    free(text);
    return r;
}
