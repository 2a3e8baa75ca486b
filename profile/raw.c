/* The raw report: pprof's Profile.String() over the merged, filtered profile. */
#include "profile/raw.h"

#include <inttypes.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "profile/util.h"

void pv_go_time_string(int64_t nanos, char *out, size_t len)
{
    int64_t sec = nanos / 1000000000, ns = nanos % 1000000000;
    if (ns < 0) {
        ns += 1000000000;
        sec--;
    }
    time_t t = (time_t)sec;
    struct tm tm;
    if (!localtime_r(&t, &tm)) {
        snprintf(out, len, "%" PRId64, nanos);
        return;
    }
    char frac[16] = "";
    if (ns) {
        snprintf(frac, sizeof frac, ".%09" PRId64, ns);
        size_t n = strlen(frac);
        while (frac[n - 1] == '0')
            frac[--n] = '\0';
    }
    long off = tm.tm_gmtoff;
    char sign = off < 0 ? '-' : '+';
    if (off < 0)
        off = -off;
    char zone[64];
    if (tm.tm_zone && tm.tm_zone[0])
        snprintf(zone, sizeof zone, "%s", tm.tm_zone);
    else
        snprintf(zone, sizeof zone, "%c%02ld%02ld", sign, off / 3600, off % 3600 / 60);
    snprintf(out, len, "%04d-%02d-%02d %02d:%02d:%02d%s %c%02ld%02ld %s", tm.tm_year + 1900, tm.tm_mon + 1,
             tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec, frac, sign, off / 3600, off % 3600 / 60, zone);
}

/* The digits of v / 10^prec after the point, trailing zeros dropped (Go's fmtFrac). */
static void frac_digits(uint64_t v, int prec, char *out)
{
    char d[16];
    int n = 0;
    bool print = false;
    for (int i = 0; i < prec; i++) {
        int digit = (int)(v % 10);
        print = print || digit != 0;
        if (print)
            d[n++] = (char)('0' + digit);
        v /= 10;
    }
    size_t w = 0;
    if (n) {
        out[w++] = '.';
        while (n)
            out[w++] = d[--n];
    }
    out[w] = '\0';
}

void pv_go_duration_string(int64_t d, char *out, size_t len)
{
    uint64_t u = d < 0 ? 0 - (uint64_t)d : (uint64_t)d;
    const char *neg = d < 0 ? "-" : "";
    char frac[16];
    if (u == 0) {
        snprintf(out, len, "0s");
    } else if (u < 1000) {
        snprintf(out, len, "%s%" PRIu64 "ns", neg, u);
    } else if (u < 1000000) {
        frac_digits(u % 1000, 3, frac);
        snprintf(out, len, "%s%" PRIu64 "%s\xc2\xb5s", neg, u / 1000, frac);
    } else if (u < 1000000000) {
        frac_digits(u % 1000000, 6, frac);
        snprintf(out, len, "%s%" PRIu64 "%sms", neg, u / 1000000, frac);
    } else {
        frac_digits(u % 1000000000, 9, frac);
        uint64_t s = u / 1000000000, mins = s / 60, h = mins / 60;
        if (h)
            snprintf(out, len, "%s%" PRIu64 "h%" PRIu64 "m%" PRIu64 "%ss", neg, h, mins % 60, s % 60, frac);
        else if (mins)
            snprintf(out, len, "%s%" PRIu64 "m%" PRIu64 "%ss", neg, mins, s % 60, frac);
        else
            snprintf(out, len, "%s%" PRIu64 "%ss", neg, s, frac);
    }
}

const char *pv_mapping_file(const pv_model *m, const pv_mapping *mp)
{
    const char *file = pv_str(m, mp->file);
    if (mp->build_id && *pv_str(m, mp->build_id))
        return file;
    /* Go's url.Parse(file).IsAbs(): a scheme (letter, then letters, digits, + - .) and ':' */
    const char *c = file;
    if (!((*c >= 'a' && *c <= 'z') || (*c >= 'A' && *c <= 'Z')))
        return file;
    while (*c && (((*c | 32) >= 'a' && (*c | 32) <= 'z') || (*c >= '0' && *c <= '9') || *c == '+' || *c == '-' ||
                  *c == '.'))
        c++;
    return *c == ':' ? "" : file;
}

int pv_raw_samples(const pv_selection *s, const pv_compact *c, size_t **out, size_t *n)
{
    const pv_model *m = s->m;
    *n = 0;
    *out = malloc((s->nsel ? s->nsel : 1) * sizeof **out);
    if (!*out)
        return -1;
    for (size_t i = 0; i < s->nsel; i++) {
        uint32_t smp = s->sel[i];
        uint32_t k = c->cls[smp];
        if (c->rep[k] != smp || !c->keep[k])
            continue;
        uint64_t b, e;
        pv_selection_stack(s, i, &b, &e);
        bool any = false;
        for (uint64_t j = b; j < e && !any; j++)
            any = !s->hidden[m->stack[j]];
        if (any)
            (*out)[(*n)++] = i;
    }
    return 0;
}

void pv_raw_free(pv_raw *r)
{
    if (!r)
        return;
    free(r->samples);
    pv_compact_free(r->compact);
    pv_selection_free(r->sel);
    free(r);
}

pv_raw *pv_raw_build(const pv_model *m, const pv_options *opts, char *err, size_t errlen)
{
    pv_raw *r = calloc(1, sizeof *r);
    pv_options o;
    if (!r || pv_options_copy(&o, opts) != 0) {
        if (r)
            pv_options_free(&o);
        free(r);
        snprintf(err, errlen, "out of memory");
        return NULL;
    }
    o.granularity = PV_GRAN_ADDRESSES;
    o.noinlines = false;
    r->sel = pv_selection_build(m, &o, err, errlen);
    pv_options_free(&o);
    if (!r->sel)
        goto fail;
    m = r->sel->m; /* with tagroot/tagleaf, the selection's own model */
    r->compact = pv_compact_build(m, err, errlen);
    if (!r->compact)
        goto fail;
    if (pv_raw_samples(r->sel, r->compact, &r->samples, &r->nsamples) != 0) {
        snprintf(err, errlen, "out of memory");
        goto fail;
    }
    return r;
fail:
    pv_raw_free(r);
    return NULL;
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* pprof's labelsToString / numLabelsToString for one sample: "key:[v1 v2]" per key, sorted. */
static void print_labels(FILE *out, const pv_selection *s, uint32_t smp, bool numeric)
{
    const pv_model *m = s->m;
    uint64_t lb = m->label_off[smp], le = m->label_off[smp + 1];
    char **items = NULL;
    size_t n = 0;
    for (uint64_t i = lb; i < le; i++) {
        const pv_label *l = &m->labels[i];
        if ((l->str == 0) != numeric || !pv_selection_label_shown(s, l->key))
            continue;
        bool seen = false, units = false;
        for (uint64_t j = lb; j < i && !seen; j++)
            seen = m->labels[j].key == l->key && (m->labels[j].str == 0) == numeric;
        if (seen)
            continue;
        for (uint64_t j = i; j < le && numeric; j++)
            if (m->labels[j].key == l->key && m->labels[j].str == 0 && m->labels[j].num_unit)
                units = true;
        char *item = NULL;
        size_t len = 0;
        FILE *f = open_memstream(&item, &len);
        if (!f)
            continue;
        fprintf(f, "%s:[", pv_str(m, l->key));
        bool sp = false;
        for (uint64_t j = i; j < le; j++) {
            const pv_label *x = &m->labels[j];
            if (x->key != l->key || (x->str == 0) != numeric)
                continue;
            fputs(sp ? " " : "", f);
            sp = true;
            if (!numeric)
                fputs(pv_str(m, x->str), f);
            else if (units)
                fprintf(f, "%" PRId64 " %s", x->num, pv_str(m, x->num_unit));
            else
                fprintf(f, "%" PRId64, x->num);
        }
        fputc(']', f);
        fclose(f);
        pv_strv_add(&items, &n, item);
    }
    if (!n)
        return;
    qsort(items, n, sizeof *items, cmp_str);
    fputs("\n                ", out);
    for (size_t i = 0; i < n; i++)
        fprintf(out, "%s%s", i ? " " : "", items[i]);
    pv_strv_free(items, n);
}

static bool has_labels(const pv_selection *s, uint32_t smp, bool numeric)
{
    const pv_model *m = s->m;
    for (uint64_t i = m->label_off[smp]; i < m->label_off[smp + 1]; i++)
        if ((m->labels[i].str == 0) == numeric && pv_selection_label_shown(s, m->labels[i].key))
            return true;
    return false;
}

void pv_print_raw(FILE *out, const pv_raw *r)
{
    const pv_selection *s = r->sel;
    const pv_compact *c = r->compact;
    const pv_model *m = s->m;
    for (size_t i = 0; i < m->ncomments; i++)
        fprintf(out, "Comment: %s\n", pv_str(m, m->comments[i]));
    fprintf(out, "PeriodType: %s %s\n", pv_str(m, m->period_type.type), pv_str(m, m->period_type.unit));
    fprintf(out, "Period: %" PRId64 "\n", m->period);
    if (m->time_nanos) {
        char t[128];
        pv_go_time_string(m->time_nanos, t, sizeof t);
        fprintf(out, "Time: %s\n", t);
    }
    if (m->duration_nanos) {
        char d[64];
        pv_go_duration_string(m->duration_nanos, d, sizeof d);
        /* %.4v: the first four runes */
        size_t runes = 0, k = 0;
        while (d[k] && runes < 4) {
            k++;
            while ((d[k] & 0xc0) == 0x80)
                k++;
            runes++;
        }
        d[k] = '\0';
        fprintf(out, "Duration: %s\n", d);
    }
    fputs("Samples:\n", out);
    /* "type/unit[dflt] ..." with the outer blanks trimmed (a type may be empty) */
    char *hdr = NULL;
    size_t hlen = 0;
    FILE *hf = open_memstream(&hdr, &hlen);
    if (hf) {
        for (size_t t = 0; t < m->ntypes; t++)
            fprintf(hf, "%s/%s%s ", pv_str(m, m->sample_types[t].type), pv_str(m, m->sample_types[t].unit),
                    m->sample_types[t].type == m->default_sample_type ? "[dflt]" : "");
        fclose(hf);
        char *b = hdr ? hdr : "";
        while (*b == ' ' || *b == '\t' || *b == '\n')
            b++;
        size_t n = strlen(b);
        while (n && (b[n - 1] == ' ' || b[n - 1] == '\t' || b[n - 1] == '\n'))
            n--;
        fprintf(out, "%.*s\n", (int)n, b);
        free(hdr);
    }
    for (size_t i = 0; i < r->nsamples; i++) {
        size_t si = r->samples[i];
        uint32_t smp = s->sel[si];
        const int64_t *v = c->vals + (size_t)c->cls[smp] * m->ntypes;
        for (size_t t = 0; t < m->ntypes; t++)
            fprintf(out, " %10" PRId64, v[t]);
        fputs(": ", out);
        uint64_t b, e;
        pv_selection_stack(s, si, &b, &e);
        for (uint64_t j = b; j < e; j++)
            if (!s->hidden[m->stack[j]])
                fprintf(out, "%" PRIu64 " ", c->loc_id[m->stack[j]]);
        if (has_labels(s, smp, false))
            print_labels(out, s, smp, false);
        if (has_labels(s, smp, true))
            print_labels(out, s, smp, true);
        fputc('\n', out);
    }
    fputs("Locations\n", out);
    for (size_t i = 0; i < c->nlocs; i++) {
        uint32_t li = c->locs[i];
        const pv_location *l = &m->locations[li];
        char head[96];
        int hn = snprintf(head, sizeof head, "%6zu: 0x%" PRIx64 " ", i + 1, c->locs_addr[i]);
        uint64_t mid = pv_compact_loc_mapping_id(c, li);
        if (mid)
            hn += snprintf(head + hn, sizeof head - (size_t)hn, "M=%" PRIu64 " ", mid);
        if (l->is_folded)
            snprintf(head + hn, sizeof head - (size_t)hn, "[F] ");
        uint32_t lb = s->ll_off[li], le = s->ll_off[li + 1];
        if (lb == le)
            fprintf(out, "%s\n", head);
        for (uint32_t k = lb; k < le; k++) {
            const pv_line *ln = &m->lines[s->ll[k]];
            const pv_function *fn = &m->functions[ln->function];
            fprintf(out, "%s%s %s:%" PRId64 " s=%" PRId64, k == lb ? head : "             ", pv_str(m, fn->name),
                    pv_str(m, fn->filename), ln->line, fn->start_line);
            if (fn->name != fn->system_name)
                fprintf(out, "(%s)", pv_str(m, fn->system_name));
            fputc('\n', out);
        }
    }
    fputs("Mappings\n", out);
    for (size_t i = 0; i < c->nmaps; i++) {
        const pv_mapping *mp = &m->mappings[c->maps[i]];
        fprintf(out, "%zu: 0x%" PRIx64 "/0x%" PRIx64 "/0x%" PRIx64 " %s %s %s%s%s%s\n", i + 1, mp->start, mp->limit,
                mp->offset, pv_mapping_file(m, mp), pv_str(m, mp->build_id), mp->has_functions ? "[FN]" : "",
                mp->has_filenames ? "[FL]" : "", mp->has_line_numbers ? "[LN]" : "",
                mp->has_inline_frames ? "[IN]" : "");
    }
}
