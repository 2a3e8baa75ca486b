/* The lines around the view: the header (profile, type, totals, the share under filters),
 * the settings and filter crumbs, and the popup that shows a long name whole. */
#include <stdlib.h>
#include <string.h>

#include "profile/measure.h"
#include "profile/util.h"
#include "tui/app.h"
#include "tui/header.h"

/* Line 0: the profile(s), the sample type, the duration, and with filters the share left
 * (pprof's "Showing nodes accounting for"). Numbers come from the report, not its text. */
void pv_draw_header(pv_app *a)
{
    pv_screen *s = &a->scr;
    pv_screen_fill(s, 0, 0, s->cols, PV_ROLE_HEADER);
    char *line = NULL;
    const pv_report *r = a->report;
    if (!r) {
        line = pv_asprintf("pview  %s", a->file);
    } else {
        char total[64], dur[256] = "", pct[32], shown[64];
        pv_app_value(a, r->total, total, sizeof total);
        if (a->model->duration_nanos) { /* pprof's Duration line, from the numbers */
            char d[48], unit[32], ratio[48] = "";
            pv_scaled_label(d, sizeof d, a->model->duration_nanos, "nanoseconds", "auto");
            double tn = pv_scale(r->total, r->sample_unit, "nanoseconds", unit, sizeof unit);
            if (!strcmp(unit, "ns") && tn != 0) {
                pv_percentage(pct, sizeof pct, pv_go_int64(tn), a->model->duration_nanos);
                snprintf(ratio, sizeof ratio, " (%s)", pct);
            }
            snprintf(dur, sizeof dur, "  Duration: %s, Total samples = %s%s", d, total, ratio);
        }
        const pv_options *o = a->opts;
        bool filtered = (o->focus && *o->focus) || (o->ignore && *o->ignore) || (o->hide && *o->hide) ||
                        (o->show && *o->show) || (o->show_from && *o->show_from) || (o->tagfocus && *o->tagfocus) ||
                        (o->tagignore && *o->tagignore) || (o->prune_from && *o->prune_from);
        if (filtered) {
            pv_app_value(a, r->flat_sum, shown, sizeof shown);
            pv_percentage(pct, sizeof pct, r->flat_sum, r->total);
            const char *tp = pct;
            while (*tp == ' ') tp++;
            line = pv_asprintf("%s  Type: %s  Showing %s, %s of %s total%s", a->file, r->sample_type, shown, tp, total,
                               dur);
        } else if (dur[0]) {
            line = pv_asprintf("%s  Type: %s%s", a->file, r->sample_type, dur);
        } else {
            line = pv_asprintf("%s  Type: %s  Total: %s", a->file, r->sample_type, total);
        }
    }
    if (line) pv_screen_text(s, 0, 0, s->cols, PV_ROLE_HEADER, line, NULL, 0, 0);
    free(line);
}

/* Line 1: the settings as current values, then the filter steps as breadcrumbs. */
void pv_draw_crumbs(pv_app *a)
{
    pv_screen *s = &a->scr;
    const pv_options *o = a->opts;
    pv_screen_fill(s, 1, 0, s->cols, PV_ROLE_CRUMB);
    const char *dot = s->utf8 ? " · " : " . ";
    char *head = pv_asprintf("%s%s%s%s%s", pv_granularity_names[o->granularity], dot,
                             a->sort_by_name ? "sort=name" : o->cum ? "sort=cum" : "sort=flat",
                             o->noinlines ? dot : "", o->noinlines ? "noinlines" : "");
    char *live = pv_app_live_status(a);
    if (head && live) {
        char *h2 = pv_asprintf("%s%s%s", head, dot, live);
        free(head);
        head = h2;
    }
    free(live);
    if (head && a->base_label) {
        char *h2 = pv_asprintf("%s%s%s", head, dot, a->base_label);
        free(head);
        head = h2;
    }
    if (head && o->mean) {
        char *h2 = pv_asprintf("%s%smean", head, dot);
        free(head);
        head = h2;
    }
    if (head && o->nodecount > 0) {
        char *h2 = pv_asprintf("%s%snodecount=%d", head, dot, o->nodecount);
        free(head);
        head = h2;
    }
    if (head && o->unit && strcmp(o->unit, "minimum")) {
        char *h2 = pv_asprintf("%s%sunit=%s", head, dot, o->unit);
        free(head);
        head = h2;
    }
    if (head && o->tagroot && *o->tagroot) {
        char *h2 = pv_asprintf("%s%stagroot=%s", head, dot, o->tagroot);
        free(head);
        head = h2;
    }
    if (head && o->tagleaf && *o->tagleaf) {
        char *h2 = pv_asprintf("%s%stagleaf=%s", head, dot, o->tagleaf);
        free(head);
        head = h2;
    }
    int x = head ? pv_screen_text(s, 1, 0, s->cols, PV_ROLE_CRUMB, head, NULL, 0, 0) : 0;
    free(head);
    const char *sep = a->glyphs.crumb_sep;
    x += pv_screen_text(s, 1, x, s->cols - x, PV_ROLE_CRUMB, s->utf8 ? "  │ " : "  | ", NULL, 0, 0);
    size_t nf = 0;
    for (size_t i = 0; i < a->nsteps; i++) nf += a->steps[i].filter;
    if (!nf) {
        pv_screen_text(s, 1, x, s->cols - x, PV_ROLE_CRUMB, "no filters", NULL, 0, 0);
        return;
    }
    /* newest filters matter most: drop the oldest until the trail fits */
    int room = s->cols - x;
    size_t first = 0;
    for (;;) {
        int w = first ? pv_text_width(a->glyphs.ellipsis, s->utf8) + pv_text_width(sep, s->utf8) : 0;
        bool any = false;
        for (size_t i = first; i < a->nsteps; i++) {
            if (!a->steps[i].filter) continue;
            w += pv_text_width(a->steps[i].label, s->utf8) + (any ? pv_text_width(sep, s->utf8) : 0);
            any = true;
        }
        size_t left = 0;
        for (size_t i = first; i < a->nsteps; i++) left += a->steps[i].filter;
        if (w <= room || left <= 1) break;
        first++;
        while (first < a->nsteps && !a->steps[first].filter) first++;
    }
    bool any = false;
    if (first) {
        for (size_t i = 0; i < first; i++)
            if (a->steps[i].filter) any = true;
        if (any) {
            x += pv_screen_text(s, 1, x, s->cols - x, PV_ROLE_CRUMB, a->glyphs.ellipsis, NULL, 0, 0);
            x += pv_screen_text(s, 1, x, s->cols - x, PV_ROLE_CRUMB, sep, NULL, 0, 0);
        }
    }
    any = false;
    for (size_t i = first; i < a->nsteps && x < s->cols; i++) {
        if (!a->steps[i].filter) continue;
        if (any) x += pv_screen_text(s, 1, x, s->cols - x, PV_ROLE_CRUMB, sep, NULL, 0, 0);
        x += pv_screen_text(s, 1, x, s->cols - x, PV_ROLE_CRUMB, a->steps[i].label, NULL, 0, 0);
        any = true;
    }
}

bool pv_draw_alert(pv_app *a, int y)
{
    size_t more;
    const char *w = pv_app_alert(a, &more);
    if (!w) return false;
    pv_screen *s = &a->scr;
    pv_screen_fill(s, y, 0, s->cols, PV_ROLE_ERROR);
    char *line = more ? pv_asprintf("warning: %s (and %zu more: :options)", w, more) : pv_asprintf("warning: %s", w);
    if (line) pv_screen_text(s, y, 0, s->cols, PV_ROLE_ERROR, line, NULL, 0, 0);
    free(line);
    return true;
}

/* The selected name whole, wrapped, in a box over the body (a key closes it). */
void pv_draw_popup(pv_app *a)
{
    pv_screen *s = &a->scr;
    int w = s->cols - 4, top = 3;
    if (w < 10) return;
    const char *text = a->popup;
    /* wrap by display width, a code point at a time */
    char **lines = NULL;
    size_t n = 0;
    const char *p = text;
    while (*p) {
        const char *q = p, *last = p;
        while (*q) {
            size_t k = 1;
            while (q[k] && ((unsigned char)q[k] & 0xc0) == 0x80) k++;
            char *tmp = strndup(p, (size_t)(q + k - p));
            int tw = tmp ? pv_text_width(tmp, s->utf8) : 0;
            free(tmp);
            if (tw > w - 2) break;
            q += k;
            last = q;
        }
        if (last == p) last = p + 1;
        char *l = strndup(p, (size_t)(last - p));
        if (l) pv_strv_add(&lines, &n, l);
        p = last;
    }
    int room = s->lines - 3 - top; /* the box ends above the status line */
    int h = (int)n + 1 < room ? (int)n + 1 : room;
    int shown = h - 1;
    if (a->popup_top > (int)n - shown) a->popup_top = (int)n - shown > 0 ? (int)n - shown : 0;
    for (int y = top; y < top + h; y++) pv_screen_fill(s, y, 2, w, PV_ROLE_SELECTION);
    char title[128];
    if ((int)n > shown)
        snprintf(title, sizeof title, "name, lines %d-%d of %zu (j/k/Space scroll, any other key closes):",
                 a->popup_top + 1, a->popup_top + shown, n);
    else
        snprintf(title, sizeof title, "name (any key closes):");
    pv_screen_text(s, top, 3, w - 2, PV_ROLE_SELECTION, title, NULL, 0, 0);
    for (int i = 0; i < shown && a->popup_top + i < (int)n; i++)
        pv_screen_text(s, top + 1 + i, 3, w - 2, PV_ROLE_SELECTION, lines[a->popup_top + i], NULL, 0, 0);
    pv_strv_free(lines, n);
}

