/* Units and number formatting with pprof's rules (bytes, time, GCU; auto and minimum scaling). */
#ifndef PVIEW_PROFILE_MEASURE_H
#define PVIEW_PROFILE_MEASURE_H

#include <stddef.h>
#include <stdint.h>

/* Scales value from from_unit to to_unit ("auto" and "minimum" pick a unit). Returns the
 * scaled value and writes the unit's canonical name ("" for counts) to unit (>= 16 bytes). */
double pv_scale(int64_t value, const char *from_unit, const char *to_unit, char *unit, size_t unitlen);

/* pprof's ScaledLabel: "%.2f" without a ".00" tail, plus the unit; "0" for zero. */
void pv_scaled_label(char *out, size_t len, int64_t value, const char *from_unit, const char *to_unit);

/* pprof's Percentage: "%5.2f%%", "%5.2g%%" below 1%, "  100%" near 100. */
void pv_percentage(char *out, size_t len, int64_t value, int64_t total);

/* True if s names a known unit (for -unit). */
int pv_unit_known(const char *s);

#endif
