/* The live source behind -refresh: the profile's sources fetched again and again into memory
 * (URLs through fetch/, files read whole), the last two fetches kept so the TUI can show the
 * change between them. No printing: the TUI owns the terminal. */
#ifndef PVIEW_CLI_LIVE_H
#define PVIEW_CLI_LIVE_H

#include <signal.h>
#include <stdbool.h>

#include "fetch/fetch.h"
#include "profile/load.h"
#include "symbolize/symbolize.h"

typedef struct pv_live pv_live;

/* The sources and options are kept by pointer: they must outlive the live source. */
pv_live *pv_live_new(const char *const *sources, size_t n, const pv_fetch_opts *fo, const pv_load_opts *lo,
                     const pv_symbolize_opts *so);
void pv_live_free(pv_live *l);
/* The sizes of each source's last profile (one per source, in their order), which the next
 * fetch starts its arrays at: the first fetch, made before the live view, may fill them. */
pv_stream_sizes *pv_live_sizes(pv_live *l);

/* Fetches every source again; the fetch before it is kept for diffs and older ones freed.
 * A failed fetch keeps the last good one. 0, or -1 with one line in err. cancel, when it
 * becomes non-zero, stops a transfer within about 100 ms. */
int pv_live_fetch(pv_live *l, const volatile sig_atomic_t *cancel, char *err, size_t errlen);

/* A model of the last fetch, symbolized and with drop_frames applied; with diff, against the
 * fetch before it as -diff_base does (the plain model when there is none yet). NULL with err. */
pv_model *pv_live_model(pv_live *l, bool diff, char *err, size_t errlen);

#endif
