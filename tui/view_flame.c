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

typedef struct {
    const pv_report *report; /* the app's */
    pv_flame *f;
    uint32_t sel;
    uint32_t *zoom; /* zoom stack: zoom[nzoom-1] is the root drawn full width (none: node 0) */
    size_t nzoom, capzoom;
    bool icicle, collapse;
    int scroll; /* depth (below the zoom root) of the first row drawn from the root side */
    uint32_t *rank; /* per node: its place in a left-to-right, top-down walk */
    uint8_t *match; /* per node: its frame matches the search */
    int64_t matched;
    bool searching;
    char *gone; /* the selected frame's name before a rebuild, to find it again */
} flame_data;

static uint32_t zroot(const flame_data *d) { return d->nzoom ? d->zoom[d->nzoom - 1] : 0; }

static unsigned fl_reload(pv_app *a, pv_view *v);

static int fl_open(pv_app *a, pv_view *v, const char *arg)
{
    (void)arg;
    v->data = calloc(1, sizeof(flame_data));
    if (!v->data) return -1;
    fl_reload(a, v);
    pv_app_message(a, PV_ROLE_MESSAGE,
                   "flame: hjkl/arrows move  Enter zoom  Esc out  0 reset  v icicle  H heaviest  c recursion");
    return 0;
}

static void drop_tree(flame_data *d)
{
    pv_flame_free(d->f);
    d->f = NULL;
    free(d->rank);
    free(d->match);
    d->rank = NULL;
    d->match = NULL;
    d->nzoom = 0;
    d->searching = false;
}

static void fl_close(pv_view *v)
{
    flame_data *d = v->data;
    if (!d) return;
    drop_tree(d);
    free(d->zoom);
    free(d->gone);
    free(d);
    v->data = NULL;
}

/* Preorder ranks, children in drawing order. */
static int rank_nodes(flame_data *d)
{
    const pv_flame *f = d->f;
    uint32_t *stk = malloc(f->nnodes * sizeof *stk);
    d->rank = malloc(f->nnodes * sizeof *d->rank);
    if (!stk || !d->rank) {
        free(stk);
        return -1;
    }
    size_t sp = 0;
    uint32_t r = 0;
    stk[sp++] = 0;
    while (sp) {
        uint32_t x = stk[--sp];
        d->rank[x] = r++;
        const pv_flame_node *nd = &f->nodes[x];
        for (uint32_t c = nd->nchild; c-- > 0;) stk[sp++] = f->children[nd->child_off + c];
    }
    free(stk);
    return 0;
}

static unsigned search_run(pv_app *a, flame_data *d);

static unsigned fl_reload(pv_app *a, pv_view *v)
{
    flame_data *d = v->data;
    if (d->f && d->sel < d->f->nnodes) {
        free(d->gone);
        d->gone = strdup(pv_flame_name(d->f, d->sel));
    }
    drop_tree(d);
    d->report = a->report;
    d->sel = 0;
    d->scroll = 0;
    if (!d->report) return PV_CH_DRAW;
    char err[256];
    pv_flame_opts o = {.kind = PV_FLAME_TREE, .collapse_recursion = d->collapse, .sort = true};
    d->f = pv_flame_build(d->report->sel, d->report->graph, &o, err, sizeof err);
    if (!d->f || rank_nodes(d) != 0) {
        drop_tree(d);
        pv_app_message(a, PV_ROLE_ERROR, "flame: out of memory");
        return PV_CH_DRAW;
    }
    /* keep the heaviest instance of the frame selected before, if it is still there */
    for (size_t i = 1; d->gone && i < d->f->nnodes; i++)
        if (!strcmp(pv_flame_name(d->f, (uint32_t)i), d->gone) &&
            (d->sel == 0 || pv_flame_total(d->f, (uint32_t)i) > pv_flame_total(d->f, d->sel)))
            d->sel = (uint32_t)i;
    if (a->has_search) search_run(a, d);
    return PV_CH_DRAW;
}

static size_t fl_nrows(const pv_view *v)
{
    const flame_data *d = v->data;
    return d->f ? 1 : 0;
}

static const char *fl_row_name(const pv_view *v, size_t row)
{
    (void)row;
    const flame_data *d = v->data;
    return d->f && d->sel ? pv_flame_name(d->f, d->sel) : NULL;
}

/* --- drawing ------------------------------------------------------------------------- */

static void put_glyph(pv_app *a, int y, int x, const char *g, pv_role role)
{
    pv_screen_text(&a->scr, y, x, 1, role, g, NULL, 0, 0);
}

static pv_role frame_role(pv_app *a, const flame_data *d, uint32_t n)
{
    if (n == d->sel) return PV_ROLE_SELECTION;
    if (d->searching && d->match && d->match[n]) return PV_ROLE_MATCH;
    return pv_app_heat(a, pv_flame_self(d->f, n));
}

/* The screen line of a depth below the zoom root, or -1 when it is not on screen. */
static int line_of(const flame_data *d, int rel, int y, int lines)
{
    int r = rel - d->scroll;
    if (r < 0 || r >= lines) return -1;
    return d->icicle ? y + r : y + lines - 1 - r;
}

static const char *const eighths[] = {"▏", "▎", "▍", "▌", "▋", "▊", "▉", "█"};

static void draw_frame(pv_app *a, flame_data *d, uint32_t n, double x0, double w, int line)
{
    pv_screen *s = &a->scr;
    pv_role role = frame_role(a, d, n);
    bool inl = d->f->nodes[n].inl;
    int c0 = (int)(x0 + 0.5), c1 = (int)(x0 + w + 0.5);
    if (c1 > s->cols) c1 = s->cols;
    if (c1 - c0 < 1) {
        /* narrower than a cell: an eighth block in the cell it starts in, if that is free */
        int c = (int)x0;
        if (c < 0 || c >= s->cols) return;
        pv_cell *cell = &s->cells[(size_t)line * (size_t)s->cols + (size_t)c];
        if (cell->ch != ' ' && n != d->sel) return;
        int k = (int)(w * 8 + 0.5);
        if (k < 1) k = 1;
        if (k > 8) k = 8;
        put_glyph(a, line, c, s->utf8 ? eighths[k - 1] : (inl ? ":" : "|"), role);
        return;
    }
    pv_screen_fill(s, line, c0, c1 - c0, role == PV_ROLE_SELECTION || role == PV_ROLE_MATCH ? role : PV_ROLE_NORMAL);
    /* the left edge: a thin bar, dashed for an inlined call */
    put_glyph(a, line, c0, s->utf8 ? (inl ? "╎" : "▏") : (inl ? ":" : "|"), role);
    int room = c1 - c0 - 1;
    if (room < 1) return;
    const char *name = n ? pv_flame_name(d->f, n) : "all";
    size_t cap = strlen(name) + 8;
    char *buf = malloc(cap);
    if (!buf) return;
    int step = pv_flame_short_name(name, room, buf, cap);
    int used = pv_screen_text(s, line, c0 + 1, room, role, buf, NULL, 0, 0);
    if (step == 4 && used == room && room >= 2) put_glyph(a, line, c0 + room, a->glyphs.ellipsis, role);
    if (role != PV_ROLE_SELECTION && role != PV_ROLE_MATCH) pv_screen_paint(s, line, c0 + 1, used, role);
    free(buf);
}

static void fl_draw_body(pv_app *a, pv_view *v, int y, int lines)
{
    flame_data *d = v->data;
    if (!d->f || lines < 1) return;
    const pv_flame *f = d->f;
    uint32_t z = zroot(d);
    int64_t zt = pv_flame_total(f, z);
    double cols = a->scr.cols;
    double scale = zt > 0 ? cols / (double)zt : 0;
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
        int64_t t = pv_flame_total(f, it.n);
        double w = t > 0 ? (double)t * scale : 0;
        int rel = (int)(nd->depth - zdepth);
        int line = line_of(d, rel, y, lines);
        if (line >= 0 && w > 0) draw_frame(a, d, it.n, it.x, w, line);
        if (rel - d->scroll >= lines - 1) continue;
        /* children pushed right to left, so the leftmost is drawn first */
        double x = it.x;
        size_t first = sp;
        for (uint32_t c = 0; c < nd->nchild; c++) {
            uint32_t ch = f->children[nd->child_off + c];
            int64_t ct = pv_flame_total(f, ch);
            double cw = ct > 0 ? (double)ct * scale : 0;
            if (cw < 0.125 && ch != d->sel) break;
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

static void fl_status(pv_app *a, pv_view *v, char *out, size_t len)
{
    flame_data *d = v->data;
    const pv_flame *f = d->f;
    uint32_t n = d->sel;
    char self[64], total[64], pz[32], pall[32], inst[96] = "";
    pv_app_value(a, pv_flame_self(f, n), self, sizeof self);
    pv_app_value(a, pv_flame_total(f, n), total, sizeof total);
    pv_percentage(pz, sizeof pz, pv_flame_total(f, n), pv_flame_total(f, zroot(d)));
    pv_app_percent(a, pv_flame_total(f, n), pall, sizeof pall);
    if (n) {
        char cum[64];
        pv_app_value(a, pv_graph_cum(f->g, f->nodes[n].gnode), cum, sizeof cum);
        snprintf(inst, sizeof inst, "  every instance %s", cum);
    }
    snprintf(out, len, "%s%s  total %s (%s zoom, %s all)  self %s%s", n ? pv_flame_name(f, n) : "all",
             n && f->nodes[n].inl ? " (inline)" : "", total, pz + strspn(pz, " "), pall + strspn(pall, " "), self,
             inst);
}

/* --- moving -------------------------------------------------------------------------- */

/* Keeps the selection inside the zoom and its row on screen. */
static void keep_visible(pv_app *a, flame_data *d)
{
    const pv_flame *f = d->f;
    uint32_t z = zroot(d);
    /* a selection outside the zoom root's subtree resets the zoom */
    uint32_t x = d->sel;
    while (x != z && x != 0) x = f->nodes[x].parent;
    if (x != z) d->nzoom = 0;
    z = zroot(d);
    int rel = (int)(f->nodes[d->sel].depth - f->nodes[z].depth);
    int lines = a->body_lines > 0 ? a->body_lines : 1;
    if (rel < d->scroll) d->scroll = rel;
    if (rel >= d->scroll + lines) d->scroll = rel - lines + 1;
}

static bool push_zoom(flame_data *d, uint32_t n)
{
    if (n == zroot(d)) return false;
    if (pv_grow((void **)&d->zoom, &d->capzoom, d->nzoom + 1, sizeof *d->zoom) != 0) return false;
    d->zoom[d->nzoom++] = n;
    d->scroll = 0;
    return true;
}

/* Zooms so that the selected frame is at least one cell wide (a search can land on a narrow one). */
static void widen(pv_app *a, flame_data *d)
{
    const pv_flame *f = d->f;
    keep_visible(a, d);
    int64_t t = pv_flame_total(f, d->sel);
    if (t <= 0) return;
    uint32_t z = zroot(d);
    if ((double)t / (double)pv_flame_total(f, z) * a->scr.cols >= 1) return;
    /* the ancestor closest to the zoom root in which the frame is a cell wide */
    uint32_t best = d->sel, x = d->sel;
    while (x != z && x != 0) {
        x = f->nodes[x].parent;
        if ((double)t / (double)pv_flame_total(f, x) * a->scr.cols >= 1) best = x;
    }
    push_zoom(d, best);
    keep_visible(a, d);
}

static unsigned move_sibling(pv_app *a, flame_data *d, int dir)
{
    const pv_flame *f = d->f;
    uint32_t n = d->sel;
    if (n == zroot(d)) return PV_CH_NONE;
    const pv_flame_node *p = &f->nodes[f->nodes[n].parent];
    for (uint32_t c = 0; c < p->nchild; c++)
        if (f->children[p->child_off + c] == n) {
            long k = (long)c + dir;
            if (k < 0 || k >= (long)p->nchild) return PV_CH_NONE;
            d->sel = f->children[p->child_off + (uint32_t)k];
            widen(a, d);
            return PV_CH_DRAW;
        }
    return PV_CH_NONE;
}

/* Towards the leaves: the heaviest child. Towards the root: the parent, not past the zoom. */
static unsigned move_depth(pv_app *a, flame_data *d, bool deeper)
{
    const pv_flame *f = d->f;
    const pv_flame_node *nd = &f->nodes[d->sel];
    if (deeper) {
        if (!nd->nchild) return PV_CH_NONE;
        d->sel = f->children[nd->child_off];
    } else {
        if (d->sel == zroot(d)) return PV_CH_NONE;
        d->sel = nd->parent;
    }
    keep_visible(a, d);
    return PV_CH_DRAW;
}

/* --- search -------------------------------------------------------------------------- */

static unsigned search_run(pv_app *a, flame_data *d)
{
    pv_regex rx;
    char err[256];
    if (pv_regex_compile(&rx, a->search_text, err, sizeof err) != 0) {
        pv_app_message(a, PV_ROLE_ERROR, "search %s: %s", a->search_text, err);
        return PV_CH_DRAW;
    }
    if (!d->match) d->match = malloc(d->f->nnodes);
    int rc = d->match ? pv_flame_search(d->f, &rx, d->match, &d->matched) : -1;
    pv_regex_free(&rx);
    d->searching = rc == 0;
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
    if (!d->f) return PV_CH_NONE;
    if (!a->has_search) {
        pv_app_message(a, PV_ROLE_MESSAGE, "no search yet: press / to search");
        return PV_CH_DRAW;
    }
    if (include_current || !d->searching) {
        unsigned ch = search_run(a, d);
        if (!d->searching) return ch;
    }
    /* the next match in left-to-right, top-down order, wrapping */
    const pv_flame *f = d->f;
    uint32_t cur = d->rank[d->sel], best = PV_NONE, wrap = PV_NONE;
    for (size_t i = 1; i < f->nnodes; i++) {
        if (!d->match[i] || pv_flame_total(f, (uint32_t)i) == 0) continue;
        uint32_t r = d->rank[i];
        bool ahead = dir > 0 ? (include_current ? r >= cur : r > cur) : r < cur;
        if (ahead && (best == PV_NONE || (dir > 0 ? r < d->rank[best] : r > d->rank[best]))) best = (uint32_t)i;
        if (wrap == PV_NONE || (dir > 0 ? r < d->rank[wrap] : r > d->rank[wrap])) wrap = (uint32_t)i;
    }
    if (best == PV_NONE && wrap == PV_NONE) {
        share_message(a, d, " (no frame in view)");
        return PV_CH_DRAW;
    }
    d->sel = best != PV_NONE ? best : wrap;
    widen(a, d);
    share_message(a, d, best == PV_NONE ? " (wrapped)" : "");
    return PV_CH_DRAW;
}

/* --- keys ---------------------------------------------------------------------------- */

static unsigned fl_key(pv_app *a, pv_view *v, int key)
{
    flame_data *d = v->data;
    if (!d->f) return PV_CH_UNHANDLED;
    switch (key) {
    case 'h':
    case KEY_LEFT: return move_sibling(a, d, -1) | PV_CH_DRAW;
    case 'l':
    case KEY_RIGHT: return move_sibling(a, d, 1) | PV_CH_DRAW;
    case 'v':
        d->icicle = !d->icicle;
        pv_app_message(a, PV_ROLE_MESSAGE, d->icicle ? "icicle: root on top" : "flame: root at the bottom");
        return PV_CH_DRAW;
    case 'c': {
        d->collapse = !d->collapse;
        unsigned ch = fl_reload(a, v);
        pv_app_message(a, PV_ROLE_MESSAGE, d->collapse ? "recursion collapsed" : "recursion shown");
        return ch;
    }
    case 'H':
        d->sel = pv_flame_heaviest_leaf(d->f, d->sel);
        widen(a, d);
        return PV_CH_DRAW;
    case '0':
        d->nzoom = 0;
        d->scroll = 0;
        keep_visible(a, d);
        return PV_CH_DRAW;
    default: return PV_CH_UNHANDLED;
    }
}

static unsigned fl_request(pv_app *a, pv_view *v, pv_request req)
{
    flame_data *d = v->data;
    if (!d->f) return PV_CH_UNHANDLED;
    switch (req) {
    case PV_REQ_MOVE_UP: return move_depth(a, d, !d->icicle) | PV_CH_DRAW;
    case PV_REQ_MOVE_DOWN: return move_depth(a, d, d->icicle) | PV_CH_DRAW;
    case PV_REQ_MOVE_FIRST:
        d->sel = zroot(d);
        keep_visible(a, d);
        return PV_CH_DRAW;
    case PV_REQ_ENTER:
        if (!push_zoom(d, d->sel)) return PV_CH_NONE;
        keep_visible(a, d);
        return PV_CH_DRAW;
    case PV_REQ_BACK:
        if (!d->nzoom) return PV_CH_UNHANDLED; /* the shell closes the view */
        d->nzoom--;
        d->scroll = 0;
        keep_visible(a, d);
        return PV_CH_DRAW;
    case PV_REQ_PAGE_UP:
    case PV_REQ_PAGE_DOWN:
    case PV_REQ_MOVE_LAST:
    case PV_REQ_SORT: return PV_CH_NONE;
    default: return PV_CH_UNHANDLED;
    }
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
};
