/* Go's text/tabwriter as pprof configures it for -tags (minwidth 0, tabwidth 0, padding 1,
 * pad with ' ', AlignRight): cells end at '\t' (or '\v'), lines at '\n' (or '\f'); a column
 * is as wide as its widest cell in a block of consecutive lines that have it, plus the
 * padding; text between 0xff escape bytes is taken as is. Widths count runes. */
#ifndef PVIEW_PROFILE_TABWRITER_H
#define PVIEW_PROFILE_TABWRITER_H

#include <stddef.h>
#include <stdio.h>

/* Formats text (len bytes) as the tabwriter would and writes it to out (ending with a Flush).
 * Returns 0, or -1 on allocation failure. */
int pv_tabwrite(FILE *out, const char *text, size_t len);

#endif
