/* Units and number formatting, following pprof's measurement rules. */
#include "profile/measure.h"

#include <math.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

typedef struct {
    const char *name;
    const char *aliases[4];
    double factor;
} unit_def;

typedef struct {
    unit_def deflt;
    unit_def units[10];
    size_t n;
} unit_type;

static const unit_type unit_types[] = {
    {{"B", {"b", "byte"}, 1},
     {{"B", {"b", "byte"}, 1},
      {"kB", {"kb", "kbyte", "kilobyte"}, 1024.0},
      {"MB", {"mb", "mbyte", "megabyte"}, 1048576.0},
      {"GB", {"gb", "gbyte", "gigabyte"}, 1073741824.0},
      {"TB", {"tb", "tbyte", "terabyte"}, 1099511627776.0},
      {"PB", {"pb", "pbyte", "petabyte"}, 1125899906842624.0}},
     6},
    {{"s", {NULL}, 1e9},
     {{"ns", {"ns", "nanosecond"}, 1},
      {"us", {"\xce\xbcs", "us", "microsecond"}, 1e3},
      {"ms", {"ms", "millisecond"}, 1e6},
      {"s", {"s", "sec", "second"}, 1e9},
      {"hrs", {"hour", "hr"}, 3600e9}},
     5},
    {{"GCU", {NULL}, 1.0},
     {{"n*GCU", {"nanogcu"}, 1e-9},
      {"u*GCU", {"microgcu"}, 1e-6},
      {"m*GCU", {"milligcu"}, 1e-3},
      {"GCU", {"gcu"}, 1},
      {"k*GCU", {"kilogcu"}, 1e3},
      {"M*GCU", {"megagcu"}, 1e6},
      {"G*GCU", {"gigagcu"}, 1e9},
      {"T*GCU", {"teragcu"}, 1e12},
      {"P*GCU", {"petagcu"}, 1e15}},
     9},
};

static const unit_def *sniff(const unit_type *ut, const char *unit)
{
    char low[64];
    size_t n = strlen(unit);
    if (n >= sizeof low)
        return NULL;
    for (size_t i = 0; i <= n; i++)
        low[i] = (char)((unit[i] >= 'A' && unit[i] <= 'Z') ? unit[i] + 32 : unit[i]);
    if (n > 2 && low[n - 1] == 's')
        low[n - 1] = '\0';
    for (size_t i = 0; i < ut->n; i++)
        for (size_t a = 0; a < 4 && ut->units[i].aliases[a]; a++)
            if (strcmp(low, ut->units[i].aliases[a]) == 0)
                return &ut->units[i];
    return NULL;
}

static void put(char *dst, size_t len, const char *s)
{
    if (len) {
        strncpy(dst, s, len - 1);
        dst[len - 1] = '\0';
    }
}

double pv_scale(int64_t value, const char *from, const char *to, char *unit, size_t unitlen)
{
    /* Go's -value wraps for the smallest int64, which then stays negative and is scaled as is */
    if (value < 0 && value != INT64_MIN)
        return -pv_scale(-value, from, to, unit, unitlen);
    for (size_t t = 0; t < sizeof unit_types / sizeof unit_types[0]; t++) {
        const unit_type *ut = &unit_types[t];
        const unit_def *fu = sniff(ut, from);
        if (!fu)
            continue;
        double v = (double)value * fu->factor;
        if (strcmp(to, "minimum") == 0 || strcmp(to, "auto") == 0) {
            double f = 0;
            const char *name = NULL;
            for (size_t i = 0; i < ut->n; i++) {
                if (ut->units[i].factor >= f && v / ut->units[i].factor >= 1.0) {
                    f = ut->units[i].factor;
                    name = ut->units[i].name;
                }
            }
            if (f != 0) {
                put(unit, unitlen, name);
                return v / f;
            }
            put(unit, unitlen, ut->deflt.name);
            return v / ut->deflt.factor;
        }
        const unit_def *tu = sniff(ut, to);
        if (!tu) {
            put(unit, unitlen, ut->deflt.name);
            return v / ut->deflt.factor;
        }
        put(unit, unitlen, tu->name);
        return v / tu->factor;
    }
    if (!strcmp(to, "count") || !strcmp(to, "sample") || !strcmp(to, "unit") || !strcmp(to, "minimum") ||
        !strcmp(to, "auto"))
        put(unit, unitlen, "");
    else
        put(unit, unitlen, to);
    return (double)value;
}

void pv_scaled_label(char *out, size_t len, int64_t value, const char *from, const char *to)
{
    char unit[64];
    double v = pv_scale(value, from, to, unit, sizeof unit);
    char num[64];
    snprintf(num, sizeof num, "%.2f", v);
    size_t n = strlen(num);
    if (n >= 3 && strcmp(num + n - 3, ".00") == 0)
        num[n - 3] = '\0';
    if (strcmp(num, "0") == 0 || strcmp(num, "-0") == 0) {
        put(out, len, "0");
        return;
    }
    snprintf(out, len, "%s%s", num, unit);
}

void pv_percentage(char *out, size_t len, int64_t value, int64_t total)
{
    double ratio = 0;
    if (total != 0)
        ratio = fabs((double)value / (double)total) * 100;
    if (ratio >= 99.95 && ratio <= 100.05)
        snprintf(out, len, "  100%%");
    else if (ratio >= 1.0)
        snprintf(out, len, "%5.2f%%", ratio);
    else
        snprintf(out, len, "%5.2g%%", ratio);
}

int pv_unit_known(const char *s)
{
    for (size_t t = 0; t < sizeof unit_types / sizeof unit_types[0]; t++)
        if (sniff(&unit_types[t], s))
            return 1;
    return 0;
}
