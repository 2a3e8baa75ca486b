/* The flame view: the flame product (profile/flame.h) drawn as a flame graph (root at the
 * bottom) or an icicle (root on top), with zoom, moves between frames and a search whose
 * share of the total is pprof's -focus total. */
#include <curses.h>
#include <stdlib.h>
#include <string.h>

#include "profile/flame.h"
#include "profile/measure.h"
#include "profile/util.h"
#include "tui/app.h"

/* One flame tree on screen: the whole selection, or one half of a sandwich. */
typedef struct {
    pv_flame *f;
    uint32_t sel;
    uint32_t *zoom; /* zoom stack: zoom[nzoom-1] is the root drawn full width (none: node 0) */
    size_t nzoom, capzoom;
    int scroll;     /* depth (below the zoom root) of the first row drawn from the root side */
    bool top;       /* root on top (icicle) */
    int lines;      /* rows it had when last drawn */
    uint32_t *rank;  /* per node: its place in a left-to-right, top-down walk */
    uint32_t *order; /* the nodes in that walk: order[rank[n]] == n */
    uint8_t *match; /* per node: its frame matches the search */
    bool searching;
} pane;

typedef struct {
    const pv_report *report; /* the app's */
    pane main;               /* the flame graph */
    pane side[2];            /* the sandwich: [0] callers above, [1] callees below */
    bool sandwich;
    int active;              /* sandwich: the half with the selection */
    bool icicle, collapse;
    int64_t matched;
    char *gone; /* the selected frame's name before a rebuild, to find it again */
    uint32_t *hit; /* per body cell: node drawn there + 1 (0: none), pane in hit_pane */
    uint8_t *hit_pane;
    int hit_y, hit_lines, hit_cols;
} flame_data;

static pane *cur(flame_data *d) { return d->sandwich ? &d->side[d->active] : &d->main; }

static uint32_t zroot(const pane *p) { return p->nzoom ? p->zoom[p->nzoom - 1] : 0; }

static void pane_drop(pane *p)
{
    pv_flame_free(p->f);
    free(p->rank);
    free(p->order);
    free(p->match);
    free(p->zoom);
    memset(p, 0, sizeof *p);
}

/* Preorder ranks, children in drawing order. */
static int rank_nodes(pane *p)
{
    const pv_flame *f = p->f;
    uint32_t *stk = malloc(f->nnodes * sizeof *stk);
    p->rank = malloc(f->nnodes * sizeof *p->rank);
    p->order = malloc(f->nnodes * sizeof *p->order);
    if (!stk || !p->rank || !p->order) {
        free(stk);
        return -1;
    }
    size_t sp = 0;
    uint32_t r = 0;
    stk[sp++] = 0;
    while (sp) {
        uint32_t x = stk[--sp];
        p->order[r] = x;
        p->rank[x] = r++;
        const pv_flame_node *nd = &f->nodes[x];
        for (uint32_t c = nd->nchild; c-- > 0;) stk[sp++] = f->children[nd->child_off + c];
    }
    free(stk);
    return 0;
}

/* Builds a pane's tree; 0, or -1 with a message. */
static int pane_build(pv_app *a, flame_data *d, pane *p, pv_flame_kind kind, uint32_t focus)
{
    char err[256];
    pane_drop(p);
    pv_flame_opts o = {.kind = kind, .focus = focus, .collapse_recursion = d->collapse, .sort = true};
    p->f = pv_flame_build(d->report->sel, d->report->graph, &o, err, sizeof err);
    if (!p->f || rank_nodes(p) != 0) {
        pane_drop(p);
        pv_app_message(a, PV_ROLE_ERROR, "flame: out of memory");
        return -1;
    }
    return 0;
}

static unsigned search_run(pv_app *a, flame_data *d, pane *p);

/* The sandwich of graph node g: callers above, callees below, the callees' root selected. */
static int sandwich_open(pv_app *a, flame_data *d, uint32_t g)
{
    if (pane_build(a, d, &d->side[0], PV_FLAME_CALLERS, g) != 0 ||
        pane_build(a, d, &d->side[1], PV_FLAME_CALLEES, g) != 0) {
        pane_drop(&d->side[0]);
        pane_drop(&d->side[1]);
        d->sandwich = false;
        return -1;
    }
    d->side[1].top = true;
    /* the tree's first child is the function itself (every path starts there) */
    for (int i = 0; i < 2; i++) {
        const pv_flame *f = d->side[i].f;
        d->side[i].sel = f->nodes[0].nchild ? f->children[f->nodes[0].child_off] : 0;
        if (d->side[i].sel) {
            d->side[i].zoom = malloc(sizeof *d->side[i].zoom);
            if (d->side[i].zoom) {
                d->side[i].zoom[0] = d->side[i].sel;
                d->side[i].nzoom = d->side[i].capzoom = 1;
            }
        }
        if (a->has_search) search_run(a, d, &d->side[i]);
    }
    d->sandwich = true;
    d->active = 1;
    return 0;
}

static unsigned fl_reload(pv_app *a, pv_view *v);

/* arg: a function's printable name opens its sandwich (the : prompt's sandwich), else NULL. */
static int fl_open(pv_app *a, pv_view *v, const char *arg)
{
    v->data = calloc(1, sizeof(flame_data));
    if (!v->data) return -1;
    flame_data *d = v->data;
    fl_reload(a, v);
    pv_app_message(a, PV_ROLE_MESSAGE,
                   "hjkl move  Enter/Esc zoom  0 reset  v flip  H hottest  s sandwich  c recursion");
    if (arg && d->main.f) {
        pv_graph *g = d->report->graph;
        uint32_t found = PV_NONE;
        for (size_t i = 0; i < g->nnodes && found == PV_NONE; i++)
            if (!strcmp(pv_graph_node_name(g, (uint32_t)i), arg)) found = (uint32_t)i;
        if (found == PV_NONE) pv_app_message(a, PV_ROLE_ERROR, "sandwich: no function %s", arg);
        else if (sandwich_open(a, d, found) == 0)
            pv_app_message(a, PV_ROLE_MESSAGE, "sandwich of %s: callers above, callees below", arg);
    }
    return 0;
}

static void fl_close(pv_view *v)
{
    flame_data *d = v->data;
    if (!d) return;
    pane_drop(&d->main);
    pane_drop(&d->side[0]);
    pane_drop(&d->side[1]);
    free(d->gone);
    free(d->hit);
    free(d->hit_pane);
    free(d);
    v->data = NULL;
}

static unsigned fl_reload(pv_app *a, pv_view *v)
{
    flame_data *d = v->data;
    pane *c = cur(d);
    if (c->f && c->sel && c->sel < c->f->nnodes) {
        free(d->gone);
        d->gone = strdup(pv_flame_name(c->f, c->sel));
    }
    pane_drop(&d->main);
    pane_drop(&d->side[0]);
    pane_drop(&d->side[1]);
    d->sandwich = false;
    d->report = a->report;
    if (!d->report || pane_build(a, d, &d->main, PV_FLAME_TREE, 0) != 0) return PV_CH_DRAW;
    pane *p = &d->main;
    p->top = d->icicle;
    /* keep the heaviest instance of the frame selected before, if it is still there */
    for (size_t i = 1; d->gone && i < p->f->nnodes; i++)
        if (!strcmp(pv_flame_name(p->f, (uint32_t)i), d->gone) &&
            (p->sel == 0 || pv_flame_total(p->f, (uint32_t)i) > pv_flame_total(p->f, p->sel)))
            p->sel = (uint32_t)i;
    if (a->has_search) search_run(a, d, p);
    return PV_CH_DRAW;
}

static size_t fl_nrows(const pv_view *v)
{
    const flame_data *d = v->data;
    return d->main.f ? 1 : 0;
}

static const char *fl_row_name(const pv_view *v, size_t row)
{
    (void)row;
    flame_data *d = v->data;
    const pane *p = cur(d);
    return p->f && p->sel ? pv_flame_name(p->f, p->sel) : NULL;
}

/* --- drawing ------------------------------------------------------------------------- */

static void put_glyph(pv_app *a, int y, int x, const char *g, pv_role role)
{
    pv_screen_text(&a->scr, y, x, 1, role, g, NULL, 0, 0);
}

/* The frame's package or library, as a span of its name: Go's import path and package
 * ("net/http.(*conn).serve" -> "net/http"), C++'s outer namespace ("std::vector<>::push_back"
 * -> "std"), Rust's crate; a plain C name is its own. */
static size_t package_len(const char *name)
{
    const char *slash = strrchr(name, '/');
    const char *from = slash ? slash + 1 : name;
    const char *colons = strstr(name, "::");
    const char *dot = strchr(from, '.');
    if (colons && (!dot || colons < dot)) return (size_t)(colons - name);
    if (dot) return (size_t)(dot - name);
    return strlen(name);
}

static pv_role frame_role(pv_app *a, const flame_data *d, const pane *p, uint32_t n)
{
    if (n == p->sel && p == cur((flame_data *)d)) return PV_ROLE_SELECTION;
    if (p->searching && p->match && p->match[n]) return PV_ROLE_MATCH;
    /* a diff: the colour of the change through the frame (growth or shrinkage) */
    if (a->diff) return pv_app_heat(a, pv_flame_total(p->f, n));
    if (a->theme.flame_package && n) { /* a stable hash of the package: the same colour everywhere */
        const char *name = pv_flame_name(p->f, n);
        size_t len = package_len(name);
        uint32_t h = 2166136261u;
        for (size_t i = 0; i < len; i++) h = (h ^ (unsigned char)name[i]) * 16777619u;
        return (pv_role)(PV_ROLE_FLAME1 + h % 6);
    }
    return pv_app_heat(a, pv_flame_self(p->f, n));
}

static const char *const eighths[] = {"▏", "▎", "▍", "▌", "▋", "▊", "▉", "█"};

static void mark_hit(flame_data *d, int line, int c0, int c1, uint32_t n, int pidx)
{
    int r = line - d->hit_y;
    if (!d->hit || r < 0 || r >= d->hit_lines) return;
    for (int c = c0 < 0 ? 0 : c0; c < c1 && c < d->hit_cols; c++) {
        d->hit[(size_t)r * (size_t)d->hit_cols + (size_t)c] = n + 1;
        d->hit_pane[(size_t)r * (size_t)d->hit_cols + (size_t)c] = (uint8_t)pidx;
    }
}

static void draw_frame(pv_app *a, flame_data *d, pane *p, int pidx, uint32_t n, double x0, double w, int line)
{
    pv_screen *s = &a->scr;
    pv_role role = frame_role(a, d, p, n);
    bool inl = p->f->nodes[n].inl;
    /* -mean children can outgrow their parent: what starts past the screen is not drawn, and
     * no position is converted to int out of range */
    if (!(x0 >= 0 && x0 < s->cols)) return;
    if (!(x0 + w <= s->cols)) w = s->cols - x0;
    int c0 = (int)(x0 + 0.5), c1 = (int)(x0 + w + 0.5);
    if (c1 > s->cols) c1 = s->cols;
    if (c1 - c0 < 1) {
        /* narrower than a cell: an eighth block in the cell it starts in, if that is free */
        int c = (int)x0;
        if (c < 0 || c >= s->cols) return;
        pv_cell *cell = &s->cells[(size_t)line * (size_t)s->cols + (size_t)c];
        if (cell->ch != ' ' && role != PV_ROLE_SELECTION) return;
        int k = (int)(w * 8 + 0.5);
        if (k < 1) k = 1;
        if (k > 8) k = 8;
        put_glyph(a, line, c, s->utf8 ? eighths[k - 1] : (inl ? ":" : "|"), role);
        mark_hit(d, line, c, c + 1, n, pidx);
        return;
    }
    mark_hit(d, line, c0, c1, n, pidx);
    pv_screen_fill(s, line, c0, c1 - c0, role == PV_ROLE_SELECTION || role == PV_ROLE_MATCH ? role : PV_ROLE_NORMAL);
    /* the left edge: a thin bar, dashed for an inlined call */
    put_glyph(a, line, c0, s->utf8 ? (inl ? "╎" : "▏") : (inl ? ":" : "|"), role);
    int room = c1 - c0 - 1;
    if (room < 1) return;
    const char *name = n ? pv_flame_name(p->f, n) : "all";
    size_t cap = strlen(name) + 8;
    char *buf = malloc(cap);
    if (!buf) return;
    int step = pv_flame_short_name(name, room, buf, cap);
    int used = pv_screen_text(s, line, c0 + 1, room, role, buf, NULL, 0, 0);
    if (step == 4 && used == room && room >= 2) put_glyph(a, line, c0 + room, a->glyphs.ellipsis, role);
    if (role != PV_ROLE_SELECTION && role != PV_ROLE_MATCH) pv_screen_paint(s, line, c0 + 1, used, role);
    free(buf);
}

/* The screen line of a depth below the zoom root, or -1 when it is not on screen. */
static int line_of(const pane *p, int rel, int y, int lines)
{
    int r = rel - p->scroll;
    if (r < 0 || r >= lines) return -1;
    return p->top ? y + r : y + lines - 1 - r;
}

static void draw_pane(pv_app *a, flame_data *d, pane *p, int pidx, int y, int lines)
{
    p->lines = lines;
    if (!p->f || lines < 1) return;
    const pv_flame *f = p->f;
    uint32_t z = zroot(p);
    /* widths follow the new profile (in a diff, its part of the change's total) */
    int64_t zt = pv_flame_after(f, z);
    double scale = zt > 0 ? (double)a->scr.cols / (double)zt : 0;
    uint32_t zdepth = f->nodes[z].depth;
    /* depth-first from the zoom root; children narrower than an eighth of a cell are cut
     * (they are sorted heaviest first, so the rest are narrower still) */
    typedef struct {
        uint32_t n;
        double x;
    } item;
    item *stk = malloc(f->nnodes * sizeof *stk);
    if (!stk) return;
    size_t sp = 0;
    stk[sp++] = (item){z, 0};
    while (sp) {
        item it = stk[--sp];
        const pv_flame_node *nd = &f->nodes[it.n];
        int64_t t = pv_flame_after(f, it.n);
        double w = t > 0 ? (double)t * scale : 0;
        int rel = (int)(nd->depth - zdepth);
        int line = line_of(p, rel, y, lines);
        if (line >= 0 && w > 0) draw_frame(a, d, p, pidx, it.n, it.x, w, line);
        if (rel - p->scroll >= lines - 1) continue;
        /* children pushed right to left, so the leftmost is drawn first */
        double x = it.x;
        size_t first = sp;
        for (uint32_t c = 0; c < nd->nchild; c++) {
            uint32_t ch = f->children[nd->child_off + c];
            int64_t ct = pv_flame_after(f, ch);
            double cw = ct > 0 ? (double)ct * scale : 0;
            if (cw < 0.125 && ch != p->sel) break;
            stk[sp++] = (item){ch, x};
            x += cw;
        }
        for (size_t i = first, j = sp; i + 1 < j; i++, j--) {
            item tmp = stk[i];
            stk[i] = stk[j - 1];
            stk[j - 1] = tmp;
        }
    }
    free(stk);
}

static void fl_draw_body(pv_app *a, pv_view *v, int y, int lines)
{
    flame_data *d = v->data;
    if (!d->main.f || lines < 1) return;
    size_t cells = (size_t)lines * (size_t)a->scr.cols;
    if (d->hit_lines != lines || d->hit_cols != a->scr.cols) {
        free(d->hit);
        free(d->hit_pane);
        d->hit = malloc(cells * sizeof *d->hit);
        d->hit_pane = malloc(cells);
        if (!d->hit || !d->hit_pane) {
            free(d->hit);
            free(d->hit_pane);
            d->hit = NULL;
            d->hit_pane = NULL;
        }
    }
    d->hit_y = y;
    d->hit_lines = lines;
    d->hit_cols = a->scr.cols;
    if (d->hit) memset(d->hit, 0, cells * sizeof *d->hit);
    if (!d->sandwich) {
        draw_pane(a, d, &d->main, 0, y, lines);
        return;
    }
    int up = lines / 2;
    draw_pane(a, d, &d->side[0], 1, y, up);
    draw_pane(a, d, &d->side[1], 2, y + up, lines - up);
}

static void fl_status(pv_app *a, pv_view *v, char *out, size_t len)
{
    flame_data *d = v->data;
    const pane *p = cur(d);
    const pv_flame *f = p->f;
    if (!f) return;
    uint32_t n = p->sel;
    char self[64], total[64], pz[32], pall[32], inst[96] = "";
    pv_app_value(a, pv_flame_self(f, n), self, sizeof self);
    pv_app_value(a, pv_flame_total(f, n), total, sizeof total);
    pv_percentage(pz, sizeof pz, pv_flame_total(f, n), pv_flame_total(f, zroot(p)));
    pv_app_percent(a, pv_flame_total(f, n), pall, sizeof pall);
    if (n) {
        char cum[64];
        pv_app_value(a, pv_graph_cum(f->g, f->nodes[n].gnode), cum, sizeof cum);
        snprintf(inst, sizeof inst, "  every instance %s", cum);
    }
    if (a->diff) { /* before, after and the change */
        char before[64], after[64];
        pv_app_value(a, pv_flame_before(f, n), before, sizeof before);
        pv_app_value(a, pv_flame_after(f, n), after, sizeof after);
        snprintf(out, len, "%s%s  before %s  after %s  change %s (%s all)", n ? pv_flame_name(f, n) : "all",
                 n && f->nodes[n].inl ? " (inline)" : "", before, after, total, pall + strspn(pall, " "));
        return;
    }
    snprintf(out, len, "%s%s%s  total %s (%s %s, %s all)  self %s%s",
             d->sandwich ? (d->active ? "callee " : "caller ") : "", n ? pv_flame_name(f, n) : "all",
             n && f->nodes[n].inl ? " (inline)" : "", total, pz + strspn(pz, " "), d->sandwich ? "centre" : "zoom",
             pall + strspn(pall, " "), self, inst);
}

/* --- moving -------------------------------------------------------------------------- */

/* Keeps the selection inside the zoom and its row on screen. */
static void keep_visible(pv_app *a, pane *p)
{
    const pv_flame *f = p->f;
    uint32_t z = zroot(p);
    /* a selection outside the zoom root's subtree unwinds the zoom */
    for (;;) {
        uint32_t x = p->sel;
        while (x != z && x != 0) x = f->nodes[x].parent;
        if (x == z || !p->nzoom) break;
        p->nzoom--;
        z = zroot(p);
    }
    int rel = (int)(f->nodes[p->sel].depth - f->nodes[z].depth);
    int lines = p->lines > 0 ? p->lines : a->body_lines > 0 ? a->body_lines : 1;
    if (rel < p->scroll) p->scroll = rel;
    if (rel >= p->scroll + lines) p->scroll = rel - lines + 1;
}

static bool push_zoom(pane *p, uint32_t n)
{
    if (n == zroot(p)) return false;
    if (pv_grow((void **)&p->zoom, &p->capzoom, p->nzoom + 1, sizeof *p->zoom) != 0) return false;
    p->zoom[p->nzoom++] = n;
    p->scroll = 0;
    return true;
}

/* Zooms so that the selected frame is at least one cell wide (a search can land on a narrow one). */
static void widen(pv_app *a, pane *p)
{
    const pv_flame *f = p->f;
    keep_visible(a, p);
    int64_t t = pv_flame_total(f, p->sel);
    if (t <= 0) return;
    uint32_t z = zroot(p);
    if ((double)t / (double)pv_flame_total(f, z) * a->scr.cols >= 1) return;
    /* the ancestor closest to the zoom root in which the frame is a cell wide */
    uint32_t best = p->sel, x = p->sel;
    while (x != z && x != 0) {
        x = f->nodes[x].parent;
        if ((double)t / (double)pv_flame_total(f, x) * a->scr.cols >= 1) best = x;
    }
    push_zoom(p, best);
    keep_visible(a, p);
}

static unsigned move_sibling(pv_app *a, pane *p, int dir)
{
    const pv_flame *f = p->f;
    uint32_t n = p->sel;
    if (n == zroot(p)) return PV_CH_NONE;
    const pv_flame_node *par = &f->nodes[f->nodes[n].parent];
    for (uint32_t c = 0; c < par->nchild; c++)
        if (f->children[par->child_off + c] == n) {
            long k = (long)c + dir;
            if (k < 0 || k >= (long)par->nchild) return PV_CH_NONE;
            p->sel = f->children[par->child_off + (uint32_t)k];
            widen(a, p);
            return PV_CH_DRAW;
        }
    return PV_CH_NONE;
}

/* Towards the leaves: the heaviest child. Towards the root: the parent, not past the zoom;
 * in a sandwich, past the centre into the other half. */
static unsigned move_depth(pv_app *a, flame_data *d, bool deeper)
{
    pane *p = cur(d);
    const pv_flame *f = p->f;
    const pv_flame_node *nd = &f->nodes[p->sel];
    if (deeper) {
        if (!nd->nchild) return PV_CH_NONE;
        p->sel = f->children[nd->child_off];
    } else {
        if (p->sel == zroot(p)) {
            if (!d->sandwich) return PV_CH_NONE;
            d->active = !d->active;
            p = cur(d);
            p->sel = zroot(p);
        } else {
            p->sel = nd->parent;
        }
    }
    keep_visible(a, p);
    return PV_CH_DRAW;
}

/* --- search -------------------------------------------------------------------------- */

static unsigned search_run(pv_app *a, flame_data *d, pane *p)
{
    pv_regex rx;
    char err[256];
    if (pv_regex_compile(&rx, a->search_text, err, sizeof err) != 0) {
        pv_app_message(a, PV_ROLE_ERROR, "search %s: %s", a->search_text, err);
        return PV_CH_DRAW;
    }
    if (!p->match) p->match = malloc(p->f->nnodes);
    int rc = p->match ? pv_flame_search(p->f, &rx, p->match, &d->matched) : -1;
    pv_regex_free(&rx);
    p->searching = rc == 0;
    if (rc != 0) pv_app_message(a, PV_ROLE_ERROR, "search: out of memory");
    return PV_CH_DRAW;
}

static void share_message(pv_app *a, flame_data *d, const char *extra)
{
    char v[64], pct[32], tot[64];
    pv_app_value(a, d->matched, v, sizeof v);
    pv_app_percent(a, d->matched, pct, sizeof pct);
    pv_app_value(a, a->report->total, tot, sizeof tot);
    pv_app_message(a, PV_ROLE_MESSAGE, "/%s matched %s, %s of %s total%s", a->search_text, v, pct + strspn(pct, " "),
                   tot, extra);
}

static unsigned fl_search(pv_app *a, pv_view *v, int dir, bool include_current)
{
    flame_data *d = v->data;
    pane *p = cur(d);
    if (!p->f) return PV_CH_NONE;
    if (!a->has_search) {
        pv_app_message(a, PV_ROLE_MESSAGE, "no search yet: press / to search");
        return PV_CH_DRAW;
    }
    if (include_current || !p->searching) {
        unsigned ch = search_run(a, d, p);
        if (!p->searching) return ch;
    }
    /* the next match in left-to-right, top-down order, wrapping: a walk from the selection
     * that stops at the first match (the root, rank 0, is never one) */
    const pv_flame *f = p->f;
    size_t nn = f->nnodes, at = p->rank[p->sel];
    uint32_t best = PV_NONE, wrap = PV_NONE;
    for (size_t k = 1; k <= nn && best == PV_NONE && wrap == PV_NONE; k++) {
        /* k-th rank from the selection in the walk's direction (k = 0 is the selection) */
        size_t r = dir > 0 ? (at + k - (include_current ? 1 : 0)) % nn : (at + nn - k) % nn;
        uint32_t x = p->order[r];
        if (x == 0 || !p->match[x] || pv_flame_total(f, x) == 0) continue;
        if (dir > 0 ? r >= at + (include_current ? 0 : 1) : r < at)
            best = x;
        else
            wrap = x;
    }
    if (best == PV_NONE && wrap == PV_NONE) {
        share_message(a, d, " (no frame in view)");
        return PV_CH_DRAW;
    }
    p->sel = best != PV_NONE ? best : wrap;
    widen(a, p);
    share_message(a, d, best == PV_NONE ? " (wrapped)" : "");
    return PV_CH_DRAW;
}

/* --- keys and mouse ------------------------------------------------------------------ */

static unsigned fl_key(pv_app *a, pv_view *v, int key)
{
    flame_data *d = v->data;
    pane *p = cur(d);
    if (!p->f) return PV_CH_UNHANDLED;
    switch (key) {
    case 'h':
    case KEY_LEFT: return move_sibling(a, p, -1) | PV_CH_DRAW;
    case 'l':
    case KEY_RIGHT: return move_sibling(a, p, 1) | PV_CH_DRAW;
    case 'v':
        if (d->sandwich) return PV_CH_NONE;
        d->icicle = !d->icicle;
        d->main.top = d->icicle;
        pv_app_message(a, PV_ROLE_MESSAGE, d->icicle ? "icicle: root on top" : "flame: root at the bottom");
        return PV_CH_DRAW;
    case 'c': {
        d->collapse = !d->collapse;
        unsigned ch = fl_reload(a, v);
        pv_app_message(a, PV_ROLE_MESSAGE, d->collapse ? "recursion collapsed" : "recursion shown");
        return ch;
    }
    case 's':
        if (d->sandwich) {
            d->sandwich = false;
            return PV_CH_DRAW;
        }
        if (!p->sel) {
            pv_app_message(a, PV_ROLE_MESSAGE, "sandwich: select a frame first");
            return PV_CH_DRAW;
        }
        if (sandwich_open(a, d, p->f->nodes[p->sel].gnode) == 0)
            pv_app_message(a, PV_ROLE_MESSAGE, "sandwich of %s: callers above, callees below", pv_flame_name(p->f, p->sel));
        return PV_CH_DRAW;
    case 'H':
        p->sel = pv_flame_heaviest_leaf(p->f, p->sel);
        widen(a, p);
        return PV_CH_DRAW;
    case '0':
        p->nzoom = d->sandwich ? 1 : 0;
        p->scroll = 0;
        keep_visible(a, p);
        return PV_CH_DRAW;
    default: return PV_CH_UNHANDLED;
    }
}

static unsigned zoom_or_centre(pv_app *a, flame_data *d)
{
    pane *p = cur(d);
    if (d->sandwich) {
        if (p->sel == zroot(p)) return PV_CH_NONE;
        char *name = strdup(pv_flame_name(p->f, p->sel));
        uint32_t g = p->f->nodes[p->sel].gnode;
        if (sandwich_open(a, d, g) == 0 && name)
            pv_app_message(a, PV_ROLE_MESSAGE, "sandwich of %s: callers above, callees below", name);
        free(name);
        return PV_CH_DRAW;
    }
    if (!push_zoom(p, p->sel)) return PV_CH_NONE;
    keep_visible(a, p);
    return PV_CH_DRAW;
}

static unsigned fl_request(pv_app *a, pv_view *v, pv_request req)
{
    flame_data *d = v->data;
    pane *p = cur(d);
    if (!p->f) return PV_CH_UNHANDLED;
    switch (req) {
    case PV_REQ_MOVE_UP: return move_depth(a, d, !p->top) | PV_CH_DRAW;
    case PV_REQ_MOVE_DOWN: return move_depth(a, d, p->top) | PV_CH_DRAW;
    case PV_REQ_MOVE_FIRST:
        p->sel = zroot(p);
        keep_visible(a, p);
        return PV_CH_DRAW;
    case PV_REQ_ENTER: return zoom_or_centre(a, d);
    case PV_REQ_BACK:
        if (d->sandwich) {
            d->sandwich = false; /* back to the flame graph */
            return PV_CH_DRAW;
        }
        if (!p->nzoom) return PV_CH_UNHANDLED; /* the shell closes the view */
        p->nzoom--;
        p->scroll = 0;
        keep_visible(a, p);
        return PV_CH_DRAW;
    case PV_REQ_PAGE_UP:
    case PV_REQ_PAGE_DOWN:
    case PV_REQ_MOVE_LAST:
    case PV_REQ_SORT: return PV_CH_NONE;
    default: return PV_CH_UNHANDLED;
    }
}

static unsigned fl_click(pv_app *a, pv_view *v, int y, int x, bool dbl)
{
    flame_data *d = v->data;
    int r = y - d->hit_y;
    if (!d->hit || r < 0 || r >= d->hit_lines || x < 0 || x >= d->hit_cols) return PV_CH_NONE;
    size_t k = (size_t)r * (size_t)d->hit_cols + (size_t)x;
    if (!d->hit[k]) return PV_CH_NONE;
    int pidx = d->hit_pane[k];
    if (d->sandwich != (pidx > 0)) return PV_CH_NONE;
    if (d->sandwich) d->active = pidx - 1;
    pane *p = cur(d);
    p->sel = d->hit[k] - 1;
    keep_visible(a, p);
    return dbl ? zoom_or_centre(a, d) | PV_CH_DRAW : PV_CH_DRAW;
}

const pv_view_ops pv_view_flame = {
    .name = "flame",
    .open = fl_open,
    .close = fl_close,
    .reload = fl_reload,
    .nrows = fl_nrows,
    .row_name = fl_row_name,
    .status = fl_status,
    .request = fl_request,
    .draw_body = fl_draw_body,
    .key = fl_key,
    .search = fl_search,
    .click = fl_click,
};
