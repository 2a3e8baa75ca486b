/* Fetching profiles over HTTP(S) as go tool pprof does (libcurl), and saving them where
 * pprof saves them. profile/ does not depend on this module; this module uses profile/ only
 * to check a fetched body and to name its saved copy.
 *
 * Two layers:
 *   - pv_fetch_all(): N sources fetched at once into memory buffers, no printing (messages,
 *     a countdown and a cancel flag go through hooks), so a live view can call it again and
 *     again and load the buffers with pv_load_buffers();
 *   - pv_fetch_cli_load(): the command line's pv_load(): URL sources fetched, checked, merged
 *     with the other sources, and the merged profile saved gzipped in $PPROF_TMPDIR (default
 *     $HOME/pprof), with pprof's messages on stderr. */
#ifndef PVIEW_FETCH_FETCH_H
#define PVIEW_FETCH_FETCH_H

#include <signal.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "profile/load.h"
#include "profile/model.h"

typedef struct {
    int seconds;                             /* -seconds: > 0 sets ?seconds=N on every URL; else unset */
    int timeout;                             /* -timeout in seconds; <= 0: pprof's rule (1.5 x duration, or 60) */
    const char *tls_cert, *tls_key, *tls_ca; /* PEM files, or NULL */
    /* > 0: a gzipped 200 body is also inflated while it arrives, up to this many bytes (the
     * loader's -max_decompressed), into pv_fetch_result.plain; 0: not */
    uint64_t inflate_cap;
    /* with inflate_cap: the inflated profile is also decoded as it arrives, on a thread of its
     * own (pv_stream), into pv_fetch_result.stream */
    bool stream;
    /* with stream: sizes[i] (nsizes of them) are the sizes of the profile last fetched from
     * source i (a live view's), to start the inflated buffer and the stream's arrays at; or
     * NULL */
    const pv_stream_sizes *sizes;
    size_t nsizes;
} pv_fetch_opts;

/* pv_fetch_opts with pprof's defaults (seconds and timeout -1). */
void pv_fetch_opts_init(pv_fetch_opts *o);

/* Sets the option named by a command-line flag (seconds, timeout, tls_cert, tls_key, tls_ca).
 * Returns 1 when name is one of them and value is good, 0 when name is not a fetch flag,
 * -1 when value is bad (err says why). value is kept by pointer: it must outlive o. */
int pv_fetch_opts_set(pv_fetch_opts *o, const char *name, const char *value, char *err, size_t errlen);

/* pprof's adjustURL: 1 when src is a URL source ("http://...", "https+insecure://...",
 * "host:port", "host:port/path"), with *url the URL to fetch (caller frees: path
 * /debug/pprof/profile when src has none, query re-encoded as Go does, seconds set when
 * seconds > 0), *duration the seconds the server will collect (0 when not a timed profile)
 * and *timeout_ms the time allowed to wait for the response headers; 0 when src is a local
 * path (*url NULL); -1 when memory ran out. */
int pv_fetch_adjust_url(const char *src, int seconds, int timeout, char **url, int *duration, long *timeout_ms);

/* One fetched source. */
typedef struct {
    char *source;        /* as given */
    char *url;           /* as fetched (pv_fetch_adjust_url) */
    int duration;        /* seconds the server collects, or 0 */
    unsigned char *data; /* the body, when error is NULL */
    size_t len;
    /* with pv_fetch_opts.inflate_cap: the gzipped body inflated as it arrived, as the loader
     * would inflate it; NULL when the body was not gzip or inflating it failed (the loader
     * then says why from data) */
    unsigned char *plain;
    size_t plain_len;
    /* with pv_fetch_opts.stream, when plain is set: plain decoded as it arrived (its thread
     * may still be at the last pieces), for pv_load_buffers_streamed(); else NULL.
     * pv_fetch_results_free() frees it */
    pv_stream *stream;
    char *content_type;  /* the response's Content-Type, or NULL */
    char *error;         /* one line when the fetch failed (no source prefix), else NULL */
} pv_fetch_result;

typedef struct {
    /* A line to show the user (pprof's "Fetching profile over HTTP from URL", "Please wait...
     * (30s)"), or NULL. */
    void (*message)(void *ctx, const char *line);
    /* Called about once a second while timed profiles are collected, with the whole seconds
     * left of the longest duration (down to 0), or NULL. */
    void (*countdown)(void *ctx, int seconds_left);
    void *ctx;
    /* When non-NULL and it becomes non-zero (e.g. from a SIGINT handler), every transfer
     * stops within about 100 ms and its result says "canceled". */
    const volatile sig_atomic_t *cancel;
} pv_fetch_hooks;

/* Fetches the URL sources srcs[0..n) (each must be one: pv_fetch_adjust_url() == 1) at the
 * same time into out[0..n) (filled whatever happens; free with pv_fetch_results_free()).
 * A source fails on a transport error, a timeout, TLS failure or an HTTP status other than
 * 200 ("server response: 404 Not Found", with the body's first line for a Go pprof error).
 * The response headers are awaited timeout + 5 s (as go tool pprof), a pause of the body
 * timeout + 6 s (pprof waits for ever there). Bodies are not checked here. hooks may be NULL. One
 * call at a time per process (libcurl's global set-up). Returns the number of sources fetched
 * without error, or -1 when an option is unusable (-tls_key without -tls_cert...) or memory
 * ran out: then err says why. */
long pv_fetch_all(const char *const *srcs, size_t n, const pv_fetch_opts *o, const pv_fetch_hooks *hooks,
                  pv_fetch_result *out, char *err, size_t errlen);

void pv_fetch_results_free(pv_fetch_result *r, size_t n);

/* For the live view's benchmark (bench/live.sh): appends "what<TAB>milliseconds" (the
 * monotonic clock) to the file $PVIEW_LIVE_TIMINGS names; nothing when it is unset. */
void pv_fetch_timing(const char *what);

/* pprof's directory for fetched profiles: $PPROF_TMPDIR, else $HOME/pprof, else $TMPDIR or
 * /tmp, the first that exists or can be created (warn, when non-NULL, hears each that cannot).
 * Caller frees; NULL when none works (err says why). */
char *pv_fetch_save_dir(void (*warn)(void *ctx, const char *line), void *ctx, char *err, size_t errlen);

/* Saves data[0..len) gzipped (as is when it already is) to dir/PREFIXNNN.pb.gz, NNN the
 * first free number from 001 (pprof's newTempFile), PREFIX pprof's "pprof.<binary>.<type>...."
 * from m (the profile data holds): its main mapping's file (or binary, when non-NULL:
 * the [binary] argument) and its sample types. Returns the path (caller frees), or NULL with
 * err set. */
char *pv_fetch_save(const unsigned char *data, size_t len, const pv_model *m, const char *dir, const char *binary,
                    char *err, size_t errlen);

/* Where pv_fetch_cli_load's lines go when they are not for stderr (a UI owns the terminal).
 * Each line is one line without a trailing newline, valid only during the call; ctx is
 * handed to each callback. Any callback may be NULL (its lines are dropped). */
typedef struct {
    /* pprof's progress lines: "Fetching profile over HTTP from URL", "Please wait... (30s)" */
    void (*progress)(void *ctx, const char *line);
    /* the seconds left of the longest timed profile, about once a second */
    void (*countdown)(void *ctx, int seconds_left);
    /* a problem, as stderr would have had it after "pview: " ("SOURCE: problem",
     * "failed to fetch any source profiles", "Fetched 1 source profiles out of 2",
     * "Could not save profile: ...", "Could not use temp dir ...") */
    void (*warn)(void *ctx, const char *line);
    /* "Saved profile in PATH": worth saying once the UI is gone */
    void (*saved)(void *ctx, const char *line);
    void *ctx;
    /* When non-NULL and it becomes non-zero, transfers stop within about 100 ms (their
     * sources fail with "canceled"). */
    const volatile sig_atomic_t *cancel;
    /* When non-NULL, a profile saved as it was fetched (one URL source, nothing changed) is
     * not written yet: *later gets it, for pv_fetch_later_run() once the caller has shown
     * the profile (writing 10 MB took 22 to 26 ms); saved is then not called. */
    struct pv_fetch_later **later;
    /* When non-NULL, sizes[i] (one per source) gets the sizes of source i's profile when it
     * was decoded as it came (pv_stream_get_sizes), for the next fetch from it: a live view's
     * first refresh then starts its arrays at them. */
    pv_stream_sizes *sizes;
} pv_fetch_cli_hooks;

/* A save put off by pv_fetch_cli_load() (pv_fetch_cli_hooks.later). */
typedef struct pv_fetch_later pv_fetch_later;
/* Writes it and frees l. Returns the line pprof would say ("Saved profile in PATH", or
 * "Could not save profile: ..."), malloc'd, or NULL when memory ran out. */
char *pv_fetch_later_run(pv_fetch_later *l);
void pv_fetch_later_free(pv_fetch_later *l);

struct pv_symbolz_sources; /* symbolz.h */

/* What the caller of pv_fetch_cli_load() does to the merged profile before it is saved: pprof
 * saves it symbolized (locally, then by the servers' symbol endpoints) and with its
 * uninteresting frames dropped. fn is called once, when some source was a URL, with the
 * merged model and where its mappings came from (pprof's mapping sources, valid during the
 * call). It returns 1 when it changed the model, 0 when not, or -1 when the load fails (err
 * holds the line, without "pview: "; nothing is saved then). */
typedef struct {
    int (*fn)(void *ctx, pv_model *m, const struct pv_symbolz_sources *sources, char *err, size_t errlen);
    void *ctx;
} pv_fetch_prepare;

/* The command line's loading of its sources, pv_load() with URLs: each URL source of
 * srcs[0..n) is fetched (pprof's messages and, on a terminal, a countdown on stderr) and read
 * as a profile; a URL source that fails is reported on stderr ("pview: SOURCE: problem") and
 * dropped, as pprof does ("Fetched 1 source profiles out of 2"). The profiles and the other
 * sources (files, "-" for stdin) are merged as pv_load() merges them, and the merged profile
 * is saved, as pprof saves it (pv_model_write, pv_fetch_save, "Saved profile in PATH" on
 * stderr; "Could not save profile: ..." and on without it). binary is the [binary] argument
 * or NULL (it renames the main mapping, which names the saved file); lo is handed to the
 * loader; base (NULL: none) names -base/-diff_base profile files, applied to the merged
 * sources as pv_load_with_base() does before prep and the save (pprof saves the profile with
 * its base); prep (may be NULL) runs before the save. With hooks non-NULL nothing is
 * printed: every line goes to a hook instead (and the transfers honour hooks->cancel). Returns the model, or NULL: then err holds the loader's
 * line for the caller to print, or is empty when the problem was said already (on stderr,
 * or to hooks->warn). */
pv_model *pv_fetch_cli_load(const char *const *srcs, size_t n, const pv_fetch_opts *o, const char *binary,
                            const pv_load_opts *lo, const pv_base_opts *base, const pv_fetch_cli_hooks *hooks,
                            const pv_fetch_prepare *prep, char *err, size_t errlen);

#endif
