/* Remote symbolization as go tool pprof does it ("symbolz"): the addresses of mappings that
 * still lack function names are POSTed to the symbol endpoint of the server a profile came
 * from (Go's net/http/pprof /debug/pprof/symbol), whose answer names them.
 *
 * The parts here without libcurl (the endpoint's URL, the request body, reading the answer,
 * the table of which mapping came from which server) can be fuzzed; pv_fetch_symbolz() does
 * the POSTs (fetch.c) and writes the names into the model (symbolize.h). */
#ifndef PVIEW_FETCH_SYMBOLZ_H
#define PVIEW_FETCH_SYMBOLZ_H

#include <signal.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "fetch/fetch.h"
#include "profile/model.h"
#include "symbolize/symbolize.h"

/* pprof's symbolz URL for a profile's source URL: path /debug/pprof/.../NAME (or a gperftools
 * handler path) gives path.Clean(path + "/../symbol"), any other path "/symbolz"; the query
 * is dropped. Caller frees; NULL when source is not a URL with a host, or memory ran out
 * (*oom says which). */
char *pv_symbolz_url(const char *source, bool *oom);

/* Reads a symbol endpoint's answer body[0..len) as pprof does: each line that ends in '\n'
 * (a last line without one is ignored) holding "0xHEX", blanks, then a name (the rest of the
 * line; the first such "0x" in the line counts, as pprof's unanchored regular expression
 * finds it) gives one entry, its name pointing into body. Other lines ("num_symbols: 1") are
 * skipped. Returns the number of entries with *out (caller frees; NULL when 0); -1 when an
 * address does not fit 64 bits (*error, caller frees: pprof's "unexpected parse failure ...")
 * or memory ran out (*error NULL). */
long pv_symbolz_parse(const char *body, size_t len, pv_sym_name **out, char **error);

/* pprof's MappingSources: for each mapping of each fetched profile, the URL it came from,
 * keyed by the mapping's build id, else its file, else (a fake mapping) nothing. */
typedef struct {
    int kind;        /* 0: no key (neither build id nor file), 1: file, 2: build id */
    char *key;       /* the build id or file; "" for kind 0 */
    char *url;       /* the source URL, as fetched */
    uint64_t start;  /* the mapping's start in that profile */
    bool whole_file; /* the profile had no mapping at all (pprof gives it a fake one) */
} pv_symbolz_source;

typedef struct pv_symbolz_sources {
    pv_symbolz_source *v;
    size_t n;
} pv_symbolz_sources;

/* Adds the mappings of m, fetched from url, to s (a profile without mappings adds one entry
 * of kind 0). Returns 0, or -1 when memory ran out. */
int pv_symbolz_sources_add(pv_symbolz_sources *s, const pv_model *m, const char *url);

void pv_symbolz_sources_free(pv_symbolz_sources *s);

/* pprof's Mapping.Unsymbolizable: file's base name starts with "[" or "linux-vdso", or file
 * starts with "/dev/dri/". */
bool pv_symbolz_unsymbolizable(const char *file);

/* The request body for mapping mi of m: the addresses (plus offset, the mapping's start in
 * its source profile less its start in m) of its locations that have an address and no
 * lines, in location order, as "0x%x" joined by '+'. Returns the body (caller frees; "" when
 * no location qualifies), or NULL with *error (caller frees; NULL when memory ran out) when
 * an address would overflow. */
char *pv_symbolz_query(const pv_model *m, uint32_t mi, int64_t offset, char **error);

/* pprof's symbolz step (after local symbolization): for each mapping of m (a fetched profile,
 * merged) without has_functions (every one with force), not unsymbolizable, whose key has a
 * source in s with a symbol endpoint: its addresses are POSTed there (o's TLS options and
 * timeout, cancel as pv_fetch_all's), and the answer names its locations
 * (pv_symbolize_names, demangle_full as -symbolize=demangle=full); the first such source of
 * a mapping is the only one asked. A profile without mappings gets pprof's fake one first.
 * Returns the number of locations named, or -1 with *error (caller frees; one line, pprof's:
 * "http post URL: server response: 404 Not Found", "unexpected parse failure ...", or "out
 * of memory"): pprof gives up on the profile then. */
long pv_fetch_symbolz(pv_model *m, const pv_symbolz_sources *s, const pv_fetch_opts *o, bool force,
                      bool demangle_full, const volatile sig_atomic_t *cancel, char **error);

/* libcurl's POST of body[0..len) (Content-Type application/octet-stream) to url ("http://",
 * "https://" or "https+insecure://"), with o's TLS options, the response headers awaited as a
 * fetch awaits them (o->timeout, else 60 s, plus 5 s). Returns 0 with the 200 response's body
 * in *reply[0..*reply_len) (caller frees; NUL-terminated beyond *reply_len), or -1 with
 * *error (caller frees), pprof's one line: "http post URL: server response: 404 Not Found",
 * "http post URL: Post \"URL\": PROBLEM", or "out of memory". */
int pv_fetch_post(const char *url, const char *body, size_t len, const pv_fetch_opts *o,
                  const volatile sig_atomic_t *cancel, unsigned char **reply, size_t *reply_len, char **error);

#endif
