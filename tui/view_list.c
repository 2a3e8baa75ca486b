/* The list view: annotated source of the functions matching a regex (the list product,
 * profile/list.h, that -list prints), with per-line flat and cum coloured by heat, jumps to
 * the hottest lines, and, when a source file is missing, the paths tried, how to fix it and
 * the costs by line number. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "profile/list.h"
#include "profile/measure.h"
#include "symbolize/disasm.h"
#include "tui/app.h"

/* asprintf that returns NULL on failure. */
static char *str_printf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static char *str_printf(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char *s = NULL;
    if (vasprintf(&s, fmt, ap) < 0) s = NULL;
    va_end(ap);
    return s;
}

typedef enum { LR_ROUTINE, LR_LINE, LR_HIT, LR_NOTE, LR_ASM, LR_INL } lr_kind;

typedef struct {
    lr_kind kind;
    size_t routine;
    const pv_list_line *line; /* LR_LINE, LR_HIT */
    const pv_disasm_inst *inst; /* LR_ASM */
    const pv_list_inline *inl;  /* LR_INL */
    char *text;               /* LR_NOTE (owned), LR_LINE (tabs expanded, owned) */
} lr_row;

typedef struct {
    char *regex;
    pv_list *list;
    lr_row *rows;
    size_t nrows;
    size_t *hot; /* rows with samples, hottest (flat, then cum) first */
    size_t nhot, hot_pos;
    bool asm;        /* show each line's instructions under it */
    bool expand;     /* show the lines of inlined callees under their call sites */
    pv_disasm *dis;  /* the functions' disassembly, made on the first toggle */
    char *dis_error; /* why there is none */
} list_data;

static void clear_rows(list_data *d)
{
    for (size_t i = 0; i < d->nrows; i++) free(d->rows[i].text);
    free(d->rows);
    free(d->hot);
    d->rows = NULL;
    d->hot = NULL;
    d->nrows = d->nhot = d->hot_pos = 0;
    pv_list_free(d->list);
    d->list = NULL;
    pv_disasm_free(d->dis);
    d->dis = NULL;
    free(d->dis_error);
    d->dis_error = NULL;
}

static void add(list_data *d, lr_kind k, size_t routine, const pv_list_line *line, char *text)
{
    lr_row *r = realloc(d->rows, (d->nrows + 1) * sizeof *r);
    if (!r) {
        free(text);
        return;
    }
    d->rows = r;
    d->rows[d->nrows++] = (lr_row){k, routine, line, NULL, NULL, text};
}

/* The line with tabs expanded to 8 columns. */
static char *expand_tabs(const char *s)
{
    size_t n = 0;
    for (const char *p = s; *p; p++) n += *p == '\t' ? 8 : 1;
    char *out = malloc(n + 1);
    if (!out) return NULL;
    size_t col = 0, w = 0;
    for (const char *p = s; *p; p++) {
        if (*p == '\t') {
            do out[w++] = ' ';
            while (++col % 8);
        } else {
            out[w++] = *p;
            if (((unsigned char)*p & 0xc0) != 0x80) col++;
        }
    }
    out[w] = 0;
    return out;
}

static int64_t pv_abs64_tui(int64_t v) { return v < 0 ? (int64_t)(0 - (uint64_t)v) : v; }

static const list_data *hot_ctx_data(const void *ctx) { return ctx; }

static int cmp_hot(const void *a, const void *b, void *ctx)
{
    const list_data *d = hot_ctx_data(ctx);
    const pv_list_line *x = d->rows[*(const size_t *)a].line, *y = d->rows[*(const size_t *)b].line;
    int64_t fx = pv_abs64_tui(x->flat), fy = pv_abs64_tui(y->flat);
    if (fx != fy) return fx > fy ? -1 : 1;
    int64_t cx = pv_abs64_tui(x->cum), cy = pv_abs64_tui(y->cum);
    if (cx != cy) return cx > cy ? -1 : 1;
    return *(const size_t *)a < *(const size_t *)b ? -1 : 1;
}

static const char *base_of(const char *p)
{
    const char *b = strrchr(p, '/');
    return b && b[1] ? b + 1 : p;
}

/* The instructions of routine r's symbol whose source line (DWARF) is lineno in r's file. */
static void add_asm(list_data *d, size_t ri, const pv_list_routine *r, int64_t lineno)
{
    if (!d->dis) return;
    const char *fb = base_of(r->file);
    for (size_t i = 0; i < d->dis->nroutines; i++) {
        const pv_disasm_routine *dr = &d->dis->routines[i];
        if (strcmp(dr->name, r->name) && strncmp(dr->name, r->name, strlen(r->name))) continue;
        for (size_t k = 0; k < dr->ninsts; k++) {
            const pv_disasm_inst *in = &dr->insts[k];
            if (in->line != lineno || strcmp(in->file, fb)) continue;
            add(d, LR_ASM, ri, NULL, NULL);
            if (d->nrows && d->rows[d->nrows - 1].kind == LR_ASM) d->rows[d->nrows - 1].inst = in;
        }
    }
}

/* The disassembly of the listed functions: their names as one unanchored regex (pprof's
 * disasm matches the mappings by printable names, which an anchor would never match). */
static void make_disasm(pv_app *a, list_data *d)
{
    const pv_list *l = d->list;
    size_t len = 1;
    for (size_t i = 0; i < l->nroutines; i++) len += 2 * strlen(l->routines[i].name) + 1;
    char *re = malloc(len), err[512];
    if (!re) return;
    size_t w = 0;
    for (size_t i = 0; i < l->nroutines; i++) {
        if (i) re[w++] = '|';
        for (const char *c = l->routines[i].name; *c; c++) {
            if (strchr("\\.+*?()|[]{}^$", *c)) re[w++] = '\\';
            re[w++] = *c;
        }
    }
    re[w] = 0;
    d->dis = pv_disasm_build(a->model, a->opts, re, err, sizeof err);
    if (!d->dis)
        d->dis_error = strdup(err);
    else if (d->dis->nnotes)
        d->dis_error = strdup(d->dis->notes[0]);
    free(re);
}

static int load(pv_app *a, list_data *d)
{
    char err[512];
    clear_rows(d);
    d->list = pv_list_build(a->model, a->opts, d->regex, true, err, sizeof err);
    if (!d->list) {
        pv_app_message(a, PV_ROLE_ERROR, "list %s: %s", d->regex, err);
        return -1;
    }
    const pv_list *l = d->list;
    if (d->asm) make_disasm(a, d);
    if (d->expand && pv_list_inlines(d->list) != 0) pv_app_message(a, PV_ROLE_ERROR, "out of memory");
    for (size_t i = 0; i < l->nroutines; i++) {
        const pv_list_routine *r = &l->routines[i];
        add(d, LR_ROUTINE, i, NULL, NULL);
        if (!*r->file) {
            add(d, LR_NOTE, i, NULL, strdup("  no source information (the profile names no file)"));
            continue;
        }
        if (r->error) {
            add(d, LR_NOTE, i, NULL, str_printf("  source not found: %s", r->error));
            for (size_t k = 0; r->source && k < r->source->ntried; k++)
                add(d, LR_NOTE, i, NULL, str_printf("    tried %s", r->source->tried[k]));
            add(d, LR_NOTE, i, NULL,
                strdup("  set :source_path=DIR:DIR (searched with their parents) or :trim_path=PREFIX"));
            for (size_t k = 0; k < r->nhits; k++) add(d, LR_HIT, i, &r->hits[k], NULL);
            continue;
        }
        for (size_t k = 0; k < r->nlines; k++) {
            add(d, LR_LINE, i, &r->lines[k], expand_tabs(r->lines[k].text));
            for (size_t x = 0; d->expand && x < r->ninlines; x++)
                if (r->inlines[x].call_line == r->lines[k].lineno) {
                    const pv_list_inline *in = &r->inlines[x];
                    add(d, LR_INL, i, NULL, expand_tabs(in->text ? in->text : "(source not read)"));
                    if (d->rows[d->nrows - 1].kind == LR_INL) d->rows[d->nrows - 1].inl = in;
                }
            if (d->asm) add_asm(d, i, r, r->lines[k].lineno);
        }
        if (d->asm && d->dis_error && r->nlines)
            add(d, LR_NOTE, i, NULL, str_printf("  no assembly: %s", d->dis_error));
    }
    d->hot = malloc((d->nrows ? d->nrows : 1) * sizeof *d->hot);
    if (d->hot) {
        for (size_t i = 0; i < d->nrows; i++) {
            const lr_row *r = &d->rows[i];
            if ((r->kind == LR_LINE || r->kind == LR_HIT) && (r->line->flat || r->line->cum))
                d->hot[d->nhot++] = i;
        }
        qsort_r(d->hot, d->nhot, sizeof *d->hot, cmp_hot, d);
    }
    return 0;
}

static int list_open(pv_app *a, pv_view *v, const char *arg)
{
    list_data *d = calloc(1, sizeof *d);
    if (!d || !arg || !(d->regex = strdup(arg))) {
        free(d);
        return -1;
    }
    if (load(a, d)) {
        free(d->regex);
        free(d);
        return -1;
    }
    v->data = d;
    v->sel = d->nhot ? d->hot[0] : 0; /* open on the hottest line */
    return 0;
}

static void list_close(pv_view *v)
{
    list_data *d = v->data;
    if (!d) return;
    clear_rows(d);
    free(d->regex);
    free(d);
    v->data = NULL;
}

static unsigned list_reload(pv_app *a, pv_view *v)
{
    list_data *d = v->data;
    if (load(a, d)) return PV_CH_CLOSE;
    if (v->sel >= d->nrows) v->sel = d->nrows ? d->nrows - 1 : 0;
    return PV_CH_DRAW;
}

static size_t list_nrows(const pv_view *v) { return ((const list_data *)v->data)->nrows; }

static void list_title(pv_app *a, pv_view *v, int y)
{
    (void)v;
    pv_screen_fill(&a->scr, y, 0, a->scr.cols, PV_ROLE_COLHEAD);
    pv_screen_text(&a->scr, y, 0, a->scr.cols, PV_ROLE_COLHEAD,
                   "      flat        cum   line  source  (H hottest, Tab next, ] [ functions)", NULL,
                   0, 0);
}

static void list_row(pv_app *a, pv_view *v, size_t i, int y, bool selected)
{
    list_data *d = v->data;
    const lr_row *r = &d->rows[i];
    const pv_list_routine *rt = &d->list->routines[r->routine];
    pv_screen *s = &a->scr;
    pv_role base = selected ? PV_ROLE_SELECTION : PV_ROLE_NORMAL;
    if (selected) pv_screen_fill(s, y, 0, s->cols, PV_ROLE_SELECTION);
    char f[64], c[64], buf[256];
    if (r->kind == LR_ROUTINE) {
        char pct[32];
        pv_list_format(d->list, rt->flat, false, f, sizeof f);
        pv_list_format(d->list, rt->cum, false, c, sizeof c);
        pv_percentage(pct, sizeof pct, rt->cum, d->list->total);
        char *t = str_printf("%s%s%s  flat %s  cum %s (%s of total)", rt->name, *rt->file ? " in " : "",
                              rt->file, f, c, pct + strspn(pct, " "));
        pv_screen_text(s, y, 0, s->cols, selected ? base : PV_ROLE_TITLE, t ? t : rt->name, NULL, 0, 0);
        free(t);
        return;
    }
    if (r->kind == LR_ASM) {
        const pv_disasm_inst *in = r->inst;
        int64_t fv = pv_disasm_value(in->flat, in->flatdiv), cv = pv_disasm_value(in->cum, in->cumdiv);
        pv_list_format(d->list, fv, true, f, sizeof f);
        pv_list_format(d->list, cv, true, c, sizeof c);
        snprintf(buf, sizeof buf, "%10s %10s          %8llx  ", f, c, (unsigned long long)in->address);
        int x = pv_screen_text(s, y, 0, s->cols, base, buf, NULL, 0, 0);
        if (!selected) {
            pv_screen_paint(s, y, 0, 10, fv ? pv_app_heat(a, fv) : PV_ROLE_NORMAL);
            pv_screen_paint(s, y, 11, 10, cv ? pv_app_heat(a, cv) : PV_ROLE_NORMAL);
        }
        pv_screen_text(s, y, x, s->cols - x, selected ? base : PV_ROLE_KEY, in->text, NULL, 0, 0);
        return;
    }
    if (r->kind == LR_INL) {
        const pv_list_inline *in = r->inl;
        pv_list_format(d->list, in->flat, true, f, sizeof f);
        pv_list_format(d->list, in->cum, true, c, sizeof c);
        snprintf(buf, sizeof buf, "%10s %10s  ", f, c);
        int x = pv_screen_text(s, y, 0, s->cols, base, buf, NULL, 0, 0);
        if (!selected) {
            pv_screen_paint(s, y, 0, 10, in->flat ? pv_app_heat(a, in->flat) : PV_ROLE_NORMAL);
            pv_screen_paint(s, y, 11, 10, in->cum ? pv_app_heat(a, in->cum) : PV_ROLE_NORMAL);
        }
        char *t = str_printf("  %s %s:%lld  ", a->glyphs.callee_mark, base_of(in->file), (long long)in->lineno);
        x += pv_screen_text(s, y, x, s->cols - x, selected ? base : PV_ROLE_KEY, t ? t : "", NULL, 0, 0);
        free(t);
        pv_screen_text(s, y, x, s->cols - x, base, r->text ? r->text : "", NULL, 0, 0);
        return;
    }
    if (r->kind == LR_NOTE) {
        pv_screen_text(s, y, 0, s->cols, selected ? base : PV_ROLE_MESSAGE, r->text ? r->text : "", NULL, 0, 0);
        return;
    }
    pv_list_format(d->list, r->line->flat, true, f, sizeof f);
    pv_list_format(d->list, r->line->cum, true, c, sizeof c);
    snprintf(buf, sizeof buf, "%10s %10s %6lld  ", f, c, (long long)r->line->lineno);
    int x = pv_screen_text(s, y, 0, s->cols, base, buf, NULL, 0, 0);
    if (!selected) {
        pv_screen_paint(s, y, 0, 10, r->line->flat ? pv_app_heat(a, r->line->flat) : PV_ROLE_NORMAL);
        pv_screen_paint(s, y, 11, 10, r->line->cum ? pv_app_heat(a, r->line->cum) : PV_ROLE_NORMAL);
    }
    const char *text = r->kind == LR_LINE ? (r->text ? r->text : "") : "(source not read)";
    pv_span spans[16];
    size_t ns = pv_app_matches(a, text, spans, 16);
    pv_screen_text(s, y, x, s->cols - x, base, text, spans, ns, PV_ROLE_MATCH);
}

static const char *list_row_name(const pv_view *v, size_t i)
{
    const list_data *d = v->data;
    const lr_row *r = &d->rows[i];
    if (r->kind == LR_ROUTINE) return d->list->routines[r->routine].name;
    if (r->kind == LR_LINE) return r->text ? r->text : "";
    if (r->kind == LR_HIT) return "(source not read)";
    if (r->kind == LR_ASM) return r->inst->text;
    if (r->kind == LR_INL) return r->text ? r->text : "";
    return NULL;
}

static void list_status(pv_app *a, pv_view *v, char *out, size_t len)
{
    list_data *d = v->data;
    out[0] = 0;
    if (!d->nrows) return;
    const lr_row *r = &d->rows[v->sel];
    const pv_list_routine *rt = &d->list->routines[r->routine];
    if (r->kind == LR_INL) {
        char f[64], c[64];
        pv_list_format(d->list, r->inl->flat, false, f, sizeof f);
        pv_list_format(d->list, r->inl->cum, false, c, sizeof c);
        snprintf(out, len, "%s %s:%lld inlined at line %lld  flat %s  cum %s  in %s", r->inl->callee,
                 base_of(r->inl->file), (long long)r->inl->lineno, (long long)r->inl->call_line, f, c, rt->name);
        return;
    }
    if (r->kind == LR_ASM) {
        char f[64], c[64];
        pv_list_format(d->list, pv_disasm_value(r->inst->flat, r->inst->flatdiv), false, f, sizeof f);
        pv_list_format(d->list, pv_disasm_value(r->inst->cum, r->inst->cumdiv), false, c, sizeof c);
        snprintf(out, len, "%llx  flat %s  cum %s  %s:%lld  %s", (unsigned long long)r->inst->address, f, c,
                 r->inst->file, (long long)r->inst->line, rt->name);
        return;
    }
    if (r->kind != LR_LINE && r->kind != LR_HIT) {
        snprintf(out, len, "%s  (%zu routines, %zu lines with samples)", rt->name, d->list->nroutines, d->nhot);
        return;
    }
    char f[64], c[64], fp[32], cp[32];
    pv_list_format(d->list, r->line->flat, false, f, sizeof f);
    pv_list_format(d->list, r->line->cum, false, c, sizeof c);
    pv_percentage(fp, sizeof fp, r->line->flat, d->list->total);
    pv_percentage(cp, sizeof cp, r->line->cum, d->list->total);
    snprintf(out, len, "%s:%lld  flat %s (%s)  cum %s (%s)  %s", rt->file, (long long)r->line->lineno, f,
             fp + strspn(fp, " "), c, cp + strspn(cp, " "), rt->name);
    (void)a;
}

static unsigned list_request(pv_app *a, pv_view *v, pv_request req)
{
    list_data *d = v->data;
    switch (req) {
    case PV_REQ_HOT_FIRST:
    case PV_REQ_HOT_NEXT:
        if (!d->nhot) {
            pv_app_message(a, PV_ROLE_MESSAGE, "no line has samples");
            return PV_CH_DRAW;
        }
        d->hot_pos = req == PV_REQ_HOT_FIRST ? 0 : (d->hot_pos + 1) % d->nhot;
        v->sel = d->hot[d->hot_pos];
        pv_app_message(a, PV_ROLE_MESSAGE, "hot line %zu of %zu", d->hot_pos + 1, d->nhot);
        return PV_CH_DRAW;
    case PV_REQ_ROUTINE_NEXT:
    case PV_REQ_ROUTINE_PREV: {
        /* the header row of the next (previous) routine */
        size_t cur = d->nrows ? d->rows[v->sel].routine : 0;
        for (size_t i = 0; i < d->nrows; i++) {
            const lr_row *r = &d->rows[i];
            if (r->kind == LR_ROUTINE &&
                (req == PV_REQ_ROUTINE_NEXT ? r->routine == cur + 1 : r->routine + 1 == cur)) {
                v->sel = i;
                v->top = i;
                return PV_CH_DRAW;
            }
        }
        pv_app_message(a, PV_ROLE_MESSAGE, req == PV_REQ_ROUTINE_NEXT ? "last function" : "first function");
        return PV_CH_DRAW;
    }
    case PV_REQ_ASM:
    case PV_REQ_EXPAND: {
        /* keep the selection on the same source line */
        const pv_list_line *keep = d->nrows ? d->rows[v->sel].line : NULL;
        int64_t keep_line = keep ? keep->lineno : 0;
        size_t keep_routine = d->nrows ? d->rows[v->sel].routine : 0;
        if (req == PV_REQ_ASM) d->asm = !d->asm;
        else d->expand = !d->expand;
        if (load(a, d)) return PV_CH_CLOSE;
        v->sel = 0;
        for (size_t i = 0; i < d->nrows; i++)
            if (d->rows[i].routine == keep_routine && d->rows[i].line && d->rows[i].line->lineno == keep_line) {
                v->sel = i;
                break;
            }
        if (req == PV_REQ_EXPAND)
            pv_app_message(a, PV_ROLE_MESSAGE, a->opts->noinlines ? "noinlines is set: nothing is inlined"
                                               : d->expand ? "inlined calls expanded" : "inlined calls folded");
        else if (d->asm && d->dis_error) pv_app_message(a, PV_ROLE_ERROR, "no assembly: %s", d->dis_error);
        else pv_app_message(a, PV_ROLE_MESSAGE, d->asm ? "assembly shown" : "assembly hidden");
        return PV_CH_DRAW;
    }
    case PV_REQ_ENTER: return PV_CH_NONE;
    case PV_REQ_LIST: return PV_CH_NONE;
    default: return PV_CH_UNHANDLED;
    }
}

const pv_view_ops pv_view_list = {
    .name = "list",
    .open = list_open,
    .close = list_close,
    .reload = list_reload,
    .nrows = list_nrows,
    .draw_title = list_title,
    .draw_row = list_row,
    .row_name = list_row_name,
    .status = list_status,
    .request = list_request,
};
