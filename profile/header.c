/* The header lines and number formatting that every report shares (pprof's ProfileLabels,
 * legendActiveFilters, formatValue and selectOutputUnit). */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "profile/measure.h"
#include "profile/selection.h"
#include "profile/util.h"

void pv_selection_format(const pv_selection *s, const char *output_unit, int64_t v, char *out, size_t len)
{
    if (s->ratio > 0 && s->ratio != 1)
        v = pv_go_int64((double)v * s->ratio);
    pv_scaled_label(out, len, v, s->sample_unit, output_unit);
}

char *pv_selection_output_unit(const pv_selection *s, int64_t minv)
{
    const char *ou = s->o.unit ? s->o.unit : "minimum";
    if (strcmp(ou, "minimum") != 0)
        return strdup(ou);
    int64_t maxv = s->total;
    if (minv == 0)
        minv = maxv;
    if (s->ratio > 0 && s->ratio != 1) {
        minv = pv_go_int64((double)minv * s->ratio);
        maxv = pv_go_int64((double)maxv * s->ratio);
    }
    char minu[64], maxu[64], u[64];
    pv_scale(minv, s->sample_unit, "minimum", minu, sizeof minu);
    pv_scale(maxv, s->sample_unit, "minimum", maxu, sizeof maxu);
    snprintf(u, sizeof u, "%s", minu);
    int64_t min100 = (int64_t)((uint64_t)minv * 100);
    if (strcmp(minu, maxu) != 0 && min100 < maxv)
        pv_scale(min100, s->sample_unit, "minimum", u, sizeof u);
    return strdup(*u ? u : s->sample_unit);
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
    return pv_asprintf("Time: %s %d, %d at %d:%02d%s (%s)", mon[tm.tm_mon], tm.tm_mday, tm.tm_year + 1900, h,
                       tm.tm_min, tm.tm_hour < 12 ? "am" : "pm", zone);
}

void pv_selection_header(const pv_selection *s, const char *output_unit, char ***labels, size_t *n)
{
    const pv_model *m = s->m;
    char pct[32];
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
            char *b = malloc(strlen(file) + 2);
            if (b)
                pv_strv_add(labels, n, pv_asprintf("File: %s", pv_path_base(file, b, strlen(file) + 2)));
            free(b);
        }
        if (mp->build_id)
            pv_strv_add(labels, n, pv_asprintf("Build ID: %s", pv_str(m, mp->build_id)));
    }
    for (size_t i = 0; i < m->ncomments; i++) {
        const char *c = pv_str(m, m->comments[i]);
        if (c[0] != '#')
            pv_strv_add(labels, n, strdup(c));
    }
    if (*s->sample_type)
        pv_strv_add(labels, n, pv_asprintf("Type: %s", s->sample_type));
    if (m->time_nanos != 0)
        pv_strv_add(labels, n, time_label(m->time_nanos));
    if (m->duration_nanos != 0) {
        char dur[64], unit[64], total[64], ratio[48] = "";
        pv_scaled_label(dur, sizeof dur, m->duration_nanos, "nanoseconds", "auto");
        double tn = pv_scale(s->total, s->sample_unit, "nanoseconds", unit, sizeof unit);
        if (!strcmp(unit, "ns") && tn != 0) {
            pv_percentage(pct, sizeof pct, pv_go_int64(tn), m->duration_nanos);
            snprintf(ratio, sizeof ratio, "(%s)", pct);
        }
        pv_selection_format(s, output_unit, s->total, total, sizeof total);
        pv_strv_add(labels, n, pv_asprintf("Duration: %s, Total samples = %s %s", dur, total, ratio));
    }
}

void pv_selection_filters_header(const pv_selection *s, char ***labels, size_t *n)
{
    const pv_options *o = &s->o;
    const char *names[] = {"focus", "ignore", "hide", "show", "show_from", "tagfocus", "tagignore", "tagshow", "taghide"};
    const char *vals[] = {o->focus, o->ignore, o->hide, o->show, o->show_from, o->tagfocus, o->tagignore, o->tagshow, o->taghide};
    bool any = false;
    for (size_t i = 0; i < 9; i++) {
        if (!vals[i] || !*vals[i])
            continue;
        if (!any)
            pv_strv_add(labels, n, strdup("Active filters:"));
        any = true;
        char *t = pv_asprintf("%s=%s", names[i], vals[i]);
        if (t && strlen(t) > 80) {
            t[80] = '\0';
            pv_strv_add(labels, n, pv_asprintf("   %s\xe2\x80\xa6", t));
        } else if (t) {
            pv_strv_add(labels, n, pv_asprintf("   %s", t));
        }
        free(t);
    }
}
