/* Internal to the legacy readers (legacy*.c): the pattern matcher, Go-like line scanning and
 * number parsing, the profile being built (samples of addresses), the memory map trailer
 * with pprof's mapping post-processing, and the filling of a pv_model.
 * Errors: functions returning int give 0 (or 1 where said) on success and -1 on failure, the
 * message (one line) then written through lprof.e. */
#ifndef PVIEW_PROFILE_LEGACY_INT_H
#define PVIEW_PROFILE_LEGACY_INT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "profile/model.h"

/* ---------- text ---------- */

typedef struct {
    const char *p;
    size_t n;
} span;

bool pv_lx_span_is(span a, const char *lit);
bool pv_lx_span_eq(span a, span b);
/* Go's strings.TrimSpace (ASCII white space). */
span pv_lx_trim(span s);
bool pv_lx_contains(span s, const char *lit);
bool pv_lx_has_prefix(span s, const char *lit);
/* A line holding one of the memory map sentinels ("--- Memory map: ---", "MAPPED_LIBRARIES:"). */
bool pv_lx_is_map_sentinel(span s);
/* pprof's isSpaceOrComment: empty after trimming, or starting with '#'. */
bool pv_lx_space_or_comment(span s);

/* strconv.ParseInt(s, 10, 64) on [+-]digits; false on overflow or syntax. */
bool pv_lx_parse_i64(span s, int64_t *out);
/* strconv.ParseInt(s, 0, 64): sign, 0x/0o/0b prefixes, leading 0 = octal, '_' separators. */
bool pv_lx_parse_i64_base0(span s, int64_t *out);
/* strconv.ParseUint(s, 16, 64) on bare hex digits. */
bool pv_lx_parse_hex(span s, uint64_t *out);
int pv_lx_hexval(char c);

/* Lines as Go's bufio.Scanner with ScanLines gives them: split at \n, one trailing \r
 * dropped, a last line without \n kept; a line of 64 KiB or more is an error. */
typedef struct {
    const char *p, *end;
    size_t lineno; /* 1-based number of the line last returned */
} pv_lx_lines;

/* 1 = line in *out, 0 = end, -1 = line too long */
int pv_lx_next_line(pv_lx_lines *ls, span *out);

/* ---------- the pattern matcher (a backtracking subset of Go's regexp, see legacy_common.c) */

enum { PV_LX_RXMAXITEMS = 64, PV_LX_RXMAXCAPS = 8 };

typedef struct {
    uint8_t kind;
    uint8_t set[32];
    uint32_t min, max;
    int cap, jump;
} pv_lx_rxitem;

typedef struct {
    pv_lx_rxitem it[PV_LX_RXMAXITEMS];
    int n, ncap;
    bool anchored;
} pv_lx_rx;

typedef struct {
    size_t cap[2 * PV_LX_RXMAXCAPS + 2]; /* [0],[1] whole match; SIZE_MAX = unset */
    long budget;
} pv_lx_match;

/* Compiles a pattern known at build time; 0, or -1 if it is outside the grammar. */
int pv_lx_rx_compile(pv_lx_rx *r, const char *pattern);
/* Go's FindStringSubmatch: the leftmost match. */
bool pv_lx_rx_find(const pv_lx_rx *r, const char *s, size_t len, pv_lx_match *mt);
/* Submatch g of the last find ("" when unset). */
span pv_lx_rx_group(const pv_lx_match *mt, const char *s, int g);

/* ---------- the profile being built ---------- */

typedef struct {
    char *buf;
    size_t len;
} pv_lx_err;

int pv_lx_fail(pv_lx_err *e, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

typedef struct {
    uint64_t start, limit, offset;
    char *file, *build_id;
} pv_lx_map;

enum { PV_LX_MAXTYPES = 4 };

typedef struct {
    const pv_lx_rx *rxs; /* the caller's patterns (heap reader) */
    pv_lx_err *e;
    /* header: sample types (owned strings, type and unit per type), period type, period */
    size_t ntypes;
    char *tnames[2 * PV_LX_MAXTYPES];
    char *ptype, *punit;
    int64_t period, duration_nanos;
    /* samples: values[s*ntypes..], addresses addr[off[s] .. off[s]+cnt[s]) (leaf first) */
    size_t ns, cap_s;
    int64_t *values;
    uint64_t *off, *cnt;
    int64_t *blocksize; /* with has_label: the numeric "bytes" label of each sample */
    bool has_label;
    uint64_t *addr;
    size_t naddr, cap_addr;
    pv_lx_map *maps;
    size_t nmaps, cap_maps;
    /* locations: distinct addresses in order of first appearance */
    uint64_t *locaddr;
    uint32_t *locmap; /* index into maps, or PV_NONE */
    size_t nlocs;
    /* Java: functions (owned strings) and, per location, a function (PV_NONE = none) and
     * line; zero_addresses: locations keep no address (pprof's Aggregate without addresses) */
    char **fnames, **ffiles;
    size_t nfns, cap_fns;
    uint32_t *locfn;
    int64_t *locline;
    bool zero_addresses;
} pv_lx_prof;

void pv_lx_prof_free(pv_lx_prof *P);
/* Sets the sample types from n (type, unit) pairs of names; 0 or -1 (out of memory). */
int pv_lx_set_types(pv_lx_prof *P, size_t n, const char *const *names);
/* Sets the period type; 0 or -1 (out of memory). */
int pv_lx_set_period_type(pv_lx_prof *P, const char *type, const char *unit);
/* Starts a sample of ntypes values; its addresses are then pushed with pv_lx_push_addr. */
int pv_lx_add_sample(pv_lx_prof *P, const int64_t *vals, int64_t blocksize);
int pv_lx_push_addr(pv_lx_prof *P, uint64_t a);
/* Pushes the addresses of pprof's parseHexAddresses (every "0x[0-9a-f]+" in s), each plus
 * adjust (wrapping), except the first when !adjust_first. 0, -1 out of memory, -2 a number
 * that overflows 64 bits (bad is then that number). */
int pv_lx_push_hex_addresses(pv_lx_prof *P, span s, int64_t adjust, bool adjust_first, span *bad);
/* Removes frame 1 of sample s. */
void pv_lx_drop_frame1(pv_lx_prof *P, size_t s);
/* pprof's cleanupDuplicateLocations: a leaf repeated from the signal context (adjusted by -1). */
void pv_lx_cleanup_duplicate_locations(pv_lx_prof *P);

/* ParseMemoryMapFromScanner on the remaining lines: mappings, massageMappings,
 * remapLocationIDs and remapMappingIDs. */
int pv_lx_parse_memory_map(pv_lx_prof *P, pv_lx_lines *ls);
/* parseAdditionalSections: with cur the scanner's current line (have = a line was read), skip
 * to the memory map sentinel and parse the map after it. what names the format in errors. */
int pv_lx_additional_sections(pv_lx_prof *P, pv_lx_lines *ls, span cur, bool have, const char *what);
/* remapLocationIDs alone, then remapMappingIDs alone (for readers with no memory map). */
int pv_lx_remap_locations(pv_lx_prof *P);
int pv_lx_remap_mappings(pv_lx_prof *P);

/* Fills m from P (see legacy.h for m's state); drop/keep frames chosen by the sample
 * types as pprof's addLegacyFrameInfo does. 0, or -1 out of memory (m then untouched). */
int pv_lx_fill_model(pv_model *m, pv_lx_prof *P);

/* ---------- the readers (each: 1 read, 0 not this format (P untouched), -1 error) ---------- */

/* Java binary CPU profile: data points after the 5-word header; word size 4 or 8, little or
 * big endian; period in microseconds. */
int pv_lx_java_cpu(pv_lx_prof *P, const uint8_t *data, size_t len, size_t wordsize, bool little, int64_t period);
/* Go count profiles ("goroutine profile: total N") and gperftools thread profiles (threadz).
 * parse_thread gives -2 as parse_contention does: a thread profile refused after its header. */
int pv_lx_parse_go_count(pv_lx_prof *P, const uint8_t *data, size_t len);
int pv_lx_parse_thread(pv_lx_prof *P, const uint8_t *data, size_t len);
/* gperftools contention profiles ("--- contentionz", "--- mutex:", "--- contention:").
 * -2: the header was recognised but the rest was not (pprof then tries the Java reader):
 * the reason is in P's error buffer. */
int pv_lx_parse_contention(pv_lx_prof *P, const uint8_t *data, size_t len);
/* Java heap and contention text profiles ("--- heapz 1 ---", "--- contentionz 1 ---"). */
int pv_lx_parse_java(pv_lx_prof *P, const uint8_t *data, size_t len);

/* pprof's scaleHeapSample (unsampling of a heap sample's count and size at rate). */
void pv_lx_scale_heap(int64_t *count, int64_t *size, int64_t rate);

/* CPU sample words (parseCPUSamples), shared by the gperftools and Java CPU readers. */
typedef struct {
    const uint8_t *p;
    size_t n;
    bool dead; /* Go's nil slice: a read ran short */
    size_t size;
    bool little;
} pv_lx_words;

uint64_t pv_lx_word(pv_lx_words *w);
/* Reads samples up to the end-of-data marker (or the end); adjust: all but the leaf -1.
 * what names the format in the error. */
int pv_lx_cpu_samples(pv_lx_prof *P, pv_lx_words *w, int64_t period, bool adjust, const char *what);

#endif
