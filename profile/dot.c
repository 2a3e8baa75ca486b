/* The dot report: pprof's ComposeDot (internal/graph/dotgraph.go) over the call graph,
 * with its node sizes, colours, edge labels, label nodelets and legend. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "profile/callgraph.h"
#include "profile/measure.h"
#include "profile/util.h"

/* ---------- strings ---------- */

typedef struct {
    char *s;
    size_t n, cap;
} sbuf;

static void sb_putn(sbuf *b, const char *s, size_t n)
{
    if (b->n + n + 1 > b->cap) {
        size_t nc = b->cap ? b->cap * 2 : 64;
        while (nc < b->n + n + 1)
            nc *= 2;
        char *ns = realloc(b->s, nc);
        if (!ns)
            return;
        b->s = ns;
        b->cap = nc;
    }
    memcpy(b->s + b->n, s, n);
    b->n += n;
    b->s[b->n] = 0;
}

static void sb_puts(sbuf *b, const char *s)
{
    sb_putn(b, s, strlen(s));
}

static const char *sb_str(const sbuf *b)
{
    return b->s ? b->s : "";
}

/* pprof's escapeForDot: backslash and quote escaped, newline to a left-justified break. */
static void esc_dot(sbuf *b, const char *s)
{
    for (; *s; s++) {
        if (*s == '\\')
            sb_puts(b, "\\\\");
        else if (*s == '"')
            sb_puts(b, "\\\"");
        else if (*s == '\n')
            sb_puts(b, "\\l");
        else
            sb_putn(b, s, 1);
    }
}

static bool is_w(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}

/* goVerRegExp `^(.*?)/v(?:[2-9]|[1-9][0-9]+)([./].*)$`: drops the first module version. */
static void drop_go_version(char *s)
{
    for (char *p = s; (p = strstr(p, "/v")) != NULL; p++) {
        char *d = p + 2, *e = d;
        while (*e >= '0' && *e <= '9')
            e++;
        size_t l = (size_t)(e - d);
        bool ok = (l == 1 && *d >= '2' && *d <= '9') || (l >= 2 && *d >= '1' && *d <= '9');
        if (ok && (*e == '.' || *e == '/')) {
            memmove(p, e, strlen(e) + 1);
            return;
        }
    }
}

/* goRegExp `^(?:[\w\-\.]+\/)+(.+)`: the text after the last path segment. */
static const char *go_short(const char *s)
{
    const char *p = s, *best = NULL;
    for (;;) {
        const char *q = p;
        while (is_w(*q) || *q == '-' || *q == '.')
            q++;
        if (q == p || *q != '/')
            break;
        p = q + 1;
        if (*p && *p != '\n')
            best = p;
    }
    return best;
}

/* javaRegExp: the Class.method part of a Java name, written to out. */
static bool java_short(const char *s, sbuf *out)
{
    const char *p = s;
    for (;;) { /* (?:[a-z]\w*\.)* */
        if (!(*p >= 'a' && *p <= 'z'))
            break;
        const char *q = p + 1;
        while (is_w(*q))
            q++;
        if (*q != '.')
            break;
        p = q + 1;
    }
    const char *c = p;
    if (!(*p >= 'A' && *p <= 'Z'))
        return false;
    p++;
    while (is_w(*p) || *p == '$')
        p++;
    if (*p != '.')
        return false;
    p++;
    if (!strncmp(p, "<init>", 6)) {
        p += 6;
    } else {
        if (!(*p >= 'a' && *p <= 'z'))
            return false;
        p++;
        while (is_w(*p) || *p == '$')
            p++;
    }
    if (*p != '(' && *p != 0)
        return false;
    sb_putn(out, c, (size_t)(p - c));
    return true;
}

/* cppRegExp `^(?:[_a-zA-Z]\w*::)+(_*[A-Z]\w*::~?[_a-zA-Z]\w*(?:<.*>)?)`. */
static bool cpp_short(const char *s, sbuf *out)
{
    size_t cap = 1;
    for (const char *c = s; (c = strstr(c, "::")) != NULL; c += 2)
        cap++;
    const char **seg = malloc(cap * sizeof *seg);
    if (!seg)
        return false;
    size_t k = 0;
    const char *p = s;
    while (k < cap) {
        if (!(is_w(*p) && !(*p >= '0' && *p <= '9')))
            break;
        const char *q = p + 1;
        while (is_w(*q))
            q++;
        if (q[0] != ':' || q[1] != ':')
            break;
        p = q + 2;
        seg[k++] = p; /* start of what follows the k-th "ident::" */
    }
    for (size_t i = k; i > 0; i--) {
        const char *c = seg[i - 1], *q = c;
        while (*q == '_')
            q++;
        if (!(*q >= 'A' && *q <= 'Z'))
            continue;
        q++;
        while (is_w(*q))
            q++;
        if (q[0] != ':' || q[1] != ':')
            continue;
        q += 2;
        if (*q == '~')
            q++;
        if (!(is_w(*q) && !(*q >= '0' && *q <= '9')))
            continue;
        q++;
        while (is_w(*q))
            q++;
        if (*q == '<') {
            const char *gt = strrchr(q, '>');
            const char *nl = strchr(q, '\n');
            if (gt && (!nl || nl > gt))
                q = gt + 1;
        }
        sb_putn(out, c, (size_t)(q - c));
        free(seg);
        return true;
    }
    free(seg);
    return false;
}

/* pprof's ShortenFunctionName. */
static char *shorten(const char *f)
{
    static const char anon[] = "(anonymous namespace)::";
    if (!strncmp(f, anon, sizeof anon - 1))
        f += sizeof anon - 1;
    char *s = strdup(f);
    if (!s)
        return NULL;
    drop_go_version(s);
    sbuf r = {0};
    const char *g = go_short(s);
    if (g) {
        sb_puts(&r, g);
    } else if (!java_short(s, &r) && !cpp_short(s, &r)) {
        return s;
    }
    free(s);
    return r.s ? r.s : strdup("");
}

/* pprof's multilinePrintableName, with the trailing "\n". */
static void multiline_name(sbuf *b, const pv_callgraph *cg, uint32_t info)
{
    const pv_graph *g = cg->graph;
    const pv_node_info *k = &g->info[info];
    const pv_model *m = g->m;
    const char *name = pv_str(m, k->name);
    bool any = false;
    if (k->address) {
        char a[32];
        snprintf(a, sizeof a, "%016llx", (unsigned long long)k->address);
        sb_puts(b, a);
        any = true;
    }
    if (*name) {
        char *sh = shorten(name);
        sbuf e = {0};
        esc_dot(&e, sh ? sh : name);
        free(sh);
        if (any)
            sb_puts(b, "\\n");
        for (const char *p = sb_str(&e); *p; p++) {
            if (p[0] == ':' && p[1] == ':') {
                sb_puts(b, "\\n");
                p++;
            } else if (!strncmp(p, "[...]", 5)) {
                sb_puts(b, "[…]");
                p += 4;
            } else if (*p == '.') {
                sb_puts(b, "\\n");
            } else {
                sb_putn(b, p, 1);
            }
        }
        free(e.s);
        any = true;
    }
    const char *file = g->files[k->file];
    char *fb = malloc(strlen(file) + 2);
    const char *base = fb ? (*file ? pv_path_base(file, fb, strlen(file) + 2) : "") : file;
    char *tail = NULL;
    if (k->lineno != 0)
        tail = pv_asprintf("%s:%lld", base, (long long)k->lineno);
    else if (*file)
        tail = strdup(base);
    else if (*name)
        tail = NULL;
    else if (k->objfile) {
        const char *o = pv_str(m, k->objfile);
        size_t l = strlen(o) + 2;
        char *ob = malloc(l);
        tail = ob ? pv_asprintf("[%s]", pv_path_base(o, ob, l)) : NULL;
        free(ob);
    } else
        tail = strdup("<unknown>");
    if (tail) {
        if (any)
            sb_puts(b, "\\n");
        sb_puts(b, tail);
    }
    free(tail);
    free(fb);
    sb_puts(b, "\\n");
}

/* pprof's dotColor. */
static void dot_color(char *out, size_t len, double score, bool bg)
{
    const double shift = 0.7;
    double saturation = bg ? 0.1 : 1.0, value = bg ? 0.93 : 0.7;
    if (!isnan(score)) /* Go's math.Min/Max keep a NaN, C's drop it */
        score = fmax(-1.0, fmin(1.0, score));
    if (fabs(score) < 0.2)
        saturation *= fabs(score) / 0.2;
    if (score > 0.0)
        score = pow(score, 1.0 - shift);
    if (score < 0.0)
        score = -pow(-score, 1.0 - shift);
    double r, g, b;
    if (score < 0.0) {
        g = value;
        r = value * (1 + saturation * score);
    } else {
        r = value;
        g = value * (1 - saturation * score);
    }
    b = value * (1 - saturation);
    /* Go's uint8(f) on amd64 goes through int64: NaN gives 0 */
    snprintf(out, len, "#%02x%02x%02x", (unsigned)(uint8_t)pv_go_int64(r * 255.0),
             (unsigned)(uint8_t)pv_go_int64(g * 255.0), (unsigned)(uint8_t)pv_go_int64(b * 255.0));
}

static void pct_trim(char *out, size_t len, int64_t v, int64_t total)
{
    char p[32];
    pv_percentage(p, sizeof p, v, total);
    const char *t = p;
    while (*t == ' ')
        t++;
    snprintf(out, len, "%s", t);
}

/* ---------- nodelets ---------- */

static int64_t tag_flat(const pv_cg_tag *t)
{
    return pv_div64(t->flat, t->flatdiv);
}

static int64_t tag_cum(const pv_cg_tag *t)
{
    return pv_div64(t->cum, t->cumdiv);
}

static int cmp_tag(const pv_cg_tag *a, const pv_cg_tag *b, bool flat)
{
    if (!flat && a->cum != b->cum) {
        int64_t x = pv_abs64(a->cum), y = pv_abs64(b->cum);
        if (x != y)
            return x > y ? -1 : 1;
    }
    if (a->flat != b->flat) {
        int64_t x = pv_abs64(a->flat), y = pv_abs64(b->flat);
        if (x != y)
            return x > y ? -1 : 1;
    }
    return strcmp(a->name, b->name);
}

static void sort_tags(pv_cg_tag **t, size_t n, bool flat)
{
    for (size_t i = 1; i < n; i++) {
        pv_cg_tag *x = t[i];
        size_t j = i;
        while (j > 0 && cmp_tag(t[j - 1], x, flat) > 0) {
            t[j] = t[j - 1];
            j--;
        }
        t[j] = x;
    }
}

static double tag_distance(const pv_cg_tag *t, const pv_cg_tag *u)
{
    char unit[64];
    double v = pv_scale(u->value, u->unit, t->unit, unit, sizeof unit);
    return v < (double)t->value ? (double)t->value - v : v - (double)t->value;
}

static void label_auto(char *out, size_t len, int64_t v, const char *unit)
{
    pv_scaled_label(out, len, v, unit, "auto");
}

/* pprof's numericNodelets with collapsedTags: at most 4 numeric nodelets, grouped by
 * distance when there are more. */
static bool numeric_nodelets(FILE *out, const pv_callgraph *cg, pv_cg_tag **ts, size_t n, bool flat_tags,
                             const char *source)
{
    enum { COUNT = 4 };
    pv_cg_tag groups[COUNT];
    pv_cg_tag *gp[COUNT];
    char names[COUNT][160];
    size_t ng = n;
    sort_tags(ts, n, flat_tags);
    pv_cg_tag **show = ts;
    if (n > COUNT) {
        size_t *grp = malloc(n * sizeof *grp);
        if (!grp)
            return false;
        for (size_t i = 0; i < n; i++) {
            grp[i] = i;
            if (i < COUNT)
                continue;
            size_t g = 0;
            double d = tag_distance(ts[i], ts[0]);
            for (size_t k = 1; k < COUNT; k++) {
                double nd = tag_distance(ts[i], ts[k]);
                if (nd < d)
                    g = k, d = nd;
            }
            grp[i] = g;
        }
        for (size_t g = 0; g < COUNT; g++) {
            const pv_cg_tag *mn = ts[g], *mx = ts[g];
            int64_t f = mn->flat, df = mn->flatdiv, c = mn->cum, dc = mn->cumdiv;
            size_t members = 1;
            for (size_t i = COUNT; i < n; i++) {
                if (grp[i] != g)
                    continue;
                const pv_cg_tag *t = ts[i];
                char u[64];
                members++;
                if (pv_go_int64(pv_scale(t->value, t->unit, mn->unit, u, sizeof u)) < mn->value)
                    mn = t;
                if (pv_go_int64(pv_scale(t->value, t->unit, mx->unit, u, sizeof u)) > mx->value)
                    mx = t;
                f = pv_wadd(f, t->flat);
                df = pv_wadd(df, t->flatdiv);
                c = pv_wadd(c, t->cum);
                dc = pv_wadd(dc, t->cumdiv);
            }
            memset(&groups[g], 0, sizeof groups[g]);
            if (members == 1) {
                label_auto(names[g], sizeof names[g], mn->value, mn->unit);
                groups[g].flat = tag_flat(mn);
                groups[g].cum = tag_cum(mn);
            } else {
                char a[64], b[64];
                label_auto(a, sizeof a, mn->value, mn->unit);
                label_auto(b, sizeof b, mx->value, mx->unit);
                snprintf(names[g], sizeof names[g], "%s..%s", a, b);
                groups[g].flat = df ? pv_div64(f, df) : f;
                groups[g].cum = dc ? pv_div64(c, dc) : c;
            }
            groups[g].name = names[g];
            gp[g] = &groups[g];
        }
        free(grp);
        ng = COUNT;
        sort_tags(gp, ng, flat_tags);
        show = gp;
    }
    bool wrote = false;
    for (size_t j = 0; j < ng; j++) {
        const pv_cg_tag *t = show[j];
        int64_t w = tag_cum(t);
        const char *attr = " style=\"dotted\"";
        if (flat_tags || tag_flat(t) == tag_cum(t)) {
            w = tag_flat(t);
            attr = "";
        }
        if (w == 0)
            continue;
        char wv[64];
        pv_callgraph_format(cg, w, wv, sizeof wv);
        fprintf(out, "N%s_%zu [label = \"%s\" id=\"N%s_%zu\" fontsize=8 shape=box3d tooltip=\"%s\"]\n", source, j,
                t->name, source, j, wv);
        fprintf(out, "%s -> N%s_%zu [label=\" %s\" weight=100 tooltip=\"%s\" labeltooltip=\"%s\"%s]\n", source, source,
                j, wv, wv, wv, attr);
        wrote = true;
    }
    return wrote;
}

/* pprof's addNodelets; returns whether any was written. */
static bool nodelets(FILE *out, const pv_callgraph *cg, const pv_cg_node *n, size_t id)
{
    bool wrote = false;
    pv_cg_tag **ts = malloc((n->ntags ? n->ntags : 1) * sizeof *ts);
    pv_cg_tag **nts = malloc((n->ntags ? n->ntags : 1) * sizeof *nts);
    if (!ts || !nts) {
        free(ts);
        free(nts);
        return false;
    }
    size_t nt = 0;
    for (size_t i = 0; i < n->ntags; i++)
        if (!n->tags[i].unit)
            ts[nt++] = &n->tags[i];
    bool flat_tags = n->nout > 0;
    sort_tags(ts, nt, flat_tags);
    if (nt > 4)
        nt = 4;
    for (size_t i = 0; i < nt; i++) {
        const pv_cg_tag *t = ts[i];
        int64_t w = flat_tags ? tag_flat(t) : tag_cum(t);
        if (w == 0)
            continue;
        char wv[64];
        pv_callgraph_format(cg, w, wv, sizeof wv);
        fprintf(out, "N%zu_%zu [label = \"%s\" id=\"N%zu_%zu\" fontsize=8 shape=box3d tooltip=\"%s\"]\n", id, i,
                t->name, id, i, wv);
        fprintf(out, "N%zu -> N%zu_%zu [label=\" %s\" weight=100 tooltip=\"%s\" labeltooltip=\"%s\"]\n", id, id, i, wv,
                wv, wv);
        wrote = true;
        size_t nn = 0;
        for (size_t k = 0; k < n->ntags; k++)
            if (n->tags[k].unit && n->tags[k].labels == t->labels)
                nts[nn++] = &n->tags[k];
        if (nn) {
            char src[64];
            snprintf(src, sizeof src, "N%zu_%zu", id, i);
            wrote |= numeric_nodelets(out, cg, nts, nn, flat_tags, src);
        }
    }
    size_t nn = 0;
    for (size_t k = 0; k < n->ntags; k++)
        if (n->tags[k].unit && n->tags[k].labels == 0)
            nts[nn++] = &n->tags[k];
    if (nn) {
        char src[64];
        snprintf(src, sizeof src, "N%zu", id);
        wrote |= numeric_nodelets(out, cg, nts, nn, flat_tags, src);
    }
    free(ts);
    free(nts);
    return wrote;
}

/* ---------- the graph ---------- */

static int cmp_edges(const void *pa, const void *pb, void *ctx)
{
    const pv_callgraph *cg = ctx;
    const pv_cg_edge *x = &cg->edges[*(const uint32_t *)pa], *y = &cg->edges[*(const uint32_t *)pb];
    if (x->weight != y->weight) {
        int64_t u = pv_abs64(x->weight), v = pv_abs64(y->weight);
        return u > v ? -1 : u < v ? 1 : 0;
    }
    int r = strcmp(pv_callgraph_info_name(cg, x->src_info), pv_callgraph_info_name(cg, y->src_info));
    if (r)
        return r;
    return strcmp(pv_callgraph_info_name(cg, x->dst_info), pv_callgraph_info_name(cg, y->dst_info));
}

static void add_node(FILE *out, const pv_callgraph *cg, size_t i, double max_flat)
{
    const pv_cg_node *n = &cg->nodes[i];
    int64_t flat = pv_cg_flat(n), cum = pv_cg_cum(n);
    sbuf label = {0};
    multiline_name(&label, cg, n->info);
    char fv[64], cv[64], pct[32];
    pv_callgraph_format(cg, flat, fv, sizeof fv);
    if (flat != 0) {
        pct_trim(pct, sizeof pct, flat, cg->total);
        sb_puts(&label, fv);
        sb_puts(&label, " (");
        sb_puts(&label, pct);
        sb_puts(&label, ")");
    } else {
        sb_puts(&label, "0");
    }
    snprintf(cv, sizeof cv, "%s", fv);
    if (cum != flat) {
        sb_puts(&label, flat != 0 ? "\\n" : " ");
        pv_callgraph_format(cg, cum, cv, sizeof cv);
        pct_trim(pct, sizeof pct, cum, cg->total);
        sb_puts(&label, "of ");
        sb_puts(&label, cv);
        sb_puts(&label, " (");
        sb_puts(&label, pct);
        sb_puts(&label, ")");
    }
    int font = 8;
    double af = (double)pv_abs64(flat);
    if (max_flat != 0 && flat != 0 && af <= max_flat)
        font += (int)ceil(16.0 * sqrt(af / max_flat));
    sbuf tip = {0};
    esc_dot(&tip, pv_callgraph_name(cg, (uint32_t)i));
    char c1[16], c2[16];
    double score = (double)cum / (double)pv_abs64(cg->total);
    dot_color(c1, sizeof c1, score, false);
    dot_color(c2, sizeof c2, score, true);
    fprintf(out,
            "N%zu [label=\"%s\" id=\"node%zu\" fontsize=%d shape=box tooltip=\"%s (%s)\" color=\"%s\" "
            "fillcolor=\"%s\"]\n",
            i + 1, sb_str(&label), i + 1, font, sb_str(&tip), cv, c1, c2);
    free(label.s);
    free(tip.s);
}

static void add_edge(FILE *out, const pv_callgraph *cg, const pv_cg_edge *e, bool has_nodelets)
{
    int64_t wv = pv_cg_weight(e);
    char w[64];
    pv_callgraph_format(cg, wv, w, sizeof w);
    sbuf a = {0};
    char tmp[128];
    snprintf(tmp, sizeof tmp, "label=\" %s%s\"", w, e->inl ? "\\n (inline)" : "");
    sb_puts(&a, tmp);
    if (cg->total != 0) {
        int64_t x = pv_abs64((int64_t)((uint64_t)wv * 100) / cg->total);
        int64_t weight = 1 + (x < 100 ? x : 100);
        if (weight > 1) {
            snprintf(tmp, sizeof tmp, " weight=%lld", (long long)weight);
            sb_puts(&a, tmp);
        }
        x = pv_abs64((int64_t)((uint64_t)wv * 5) / cg->total);
        int64_t width = 1 + (x < 5 ? x : 5);
        if (width > 1) {
            snprintf(tmp, sizeof tmp, " penwidth=%lld", (long long)width);
            sb_puts(&a, tmp);
        }
        char c[16];
        dot_color(c, sizeof c, (double)wv / (double)pv_abs64(cg->total), false);
        snprintf(tmp, sizeof tmp, " color=\"%s\"", c);
        sb_puts(&a, tmp);
    }
    sbuf tip = {0};
    sb_puts(&tip, "\"");
    esc_dot(&tip, pv_callgraph_info_name(cg, e->src_info));
    sb_puts(&tip, e->residual ? " ... " : " -> ");
    esc_dot(&tip, pv_callgraph_info_name(cg, e->dst_info));
    snprintf(tmp, sizeof tmp, " (%s)\"", w);
    sb_puts(&tip, tmp);
    sb_puts(&a, " tooltip=");
    sb_puts(&a, sb_str(&tip));
    sb_puts(&a, " labeltooltip=");
    sb_puts(&a, sb_str(&tip));
    if (e->residual)
        sb_puts(&a, " style=\"dotted\"");
    if (has_nodelets)
        sb_puts(&a, " minlen=2");
    fprintf(out, "N%u -> N%u [%s]\n", e->src == PV_NONE ? 0 : e->src + 1, e->dst == PV_NONE ? 0 : e->dst + 1,
            sb_str(&a));
    free(a.s);
    free(tip.s);
}

void pv_print_dot(FILE *out, const pv_callgraph *cg)
{
    fprintf(out, "digraph \"%s\" {\n", cg->title ? cg->title : "unnamed");
    fprintf(out, "node [style=filled fillcolor=\"#f8f8f8\"]\n");
    if (cg->nlabels > 0) {
        sbuf l = {0};
        esc_dot(&l, cg->labels[0]);
        fprintf(out, "subgraph cluster_L { \"%s\" [shape=box fontsize=16", sb_str(&l));
        l.n = 0;
        if (l.s)
            l.s[0] = 0;
        for (size_t i = 0; i < cg->nlabels; i++) {
            if (i)
                sb_puts(&l, "\\l");
            esc_dot(&l, cg->labels[i]);
        }
        fprintf(out, " label=\"%s\\l\"", sb_str(&l));
        if (cg->title)
            fprintf(out, " tooltip=\"%s\"", cg->title);
        fprintf(out, "] }\n");
        free(l.s);
    }
    if (cg->nnodes == 0) {
        fprintf(out, "}\n");
        return;
    }
    double max_flat = (double)pv_abs64(pv_cg_flat(&cg->nodes[0]));
    for (size_t i = 0; i < cg->nnodes; i++)
        if ((double)pv_abs64(pv_cg_flat(&cg->nodes[i])) > max_flat)
            max_flat = (double)pv_abs64(pv_cg_flat(&cg->nodes[i]));
    bool *has = calloc(cg->nnodes, sizeof *has);
    size_t ne = 0;
    for (size_t i = 0; i < cg->nnodes; i++)
        ne += cg->nodes[i].nout;
    uint32_t *edges = malloc((ne ? ne : 1) * sizeof *edges);
    if (!has || !edges) {
        free(has);
        free(edges);
        fprintf(out, "}\n");
        return;
    }
    ne = 0;
    for (size_t i = 0; i < cg->nnodes; i++) {
        add_node(out, cg, i, max_flat);
        has[i] = nodelets(out, cg, &cg->nodes[i], i + 1);
        for (size_t k = 0; k < cg->nodes[i].nout; k++)
            edges[ne++] = cg->nodes[i].out[k];
    }
    qsort_r(edges, ne, sizeof *edges, cmp_edges, (void *)cg);
    for (size_t k = 0; k < ne; k++) {
        const pv_cg_edge *e = &cg->edges[edges[k]];
        add_edge(out, cg, e, e->src != PV_NONE && has[e->src]);
    }
    free(has);
    free(edges);
    fprintf(out, "}\n");
}
