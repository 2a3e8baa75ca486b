/* Source files for annotated listings, found as pprof finds them (report/source.go:
 * trimPath, openSourceFile, sourceReader), plus the local GOROOT for Go standard library
 * files recorded with another machine's GOROOT. No curses, no printing. */
#ifndef PVIEW_PROFILE_SOURCE_H
#define PVIEW_PROFILE_SOURCE_H

#include <stdbool.h>
#include <stddef.h>

/* pprof's trimPath(path, trim, search): with trim empty, the first search-path directory
 * whose "/<basename>/" occurs in path cuts everything up to and including it; else the
 * first prefix of trim (colon-separated, plus /proc/self/cwd/./ and /proc/self/cwd/) that
 * path starts with is removed. Returns a malloc'd string (caller frees), NULL on
 * allocation failure. */
char *pv_source_trim(const char *path, const char *trim, const char *search);

/* One file as read: its lines (lines[0] is line 1), and the error pprof reports when it
 * was not found (NULL when found). */
typedef struct {
    char **lines;
    size_t nlines;
    char *found;  /* the path that was opened, or NULL */
    char *error;  /* pprof's message ("open X: no such file or directory", "could not
                   * find file X on path Y"), or NULL */
    char **tried; /* every path tried, in order (for the TUI's hint) */
    size_t ntried;
} pv_source_file;

typedef struct pv_source_reader pv_source_reader;

/* search: colon-separated directories (NULL or "": the current directory, as pprof);
 * trim: pprof's trim_path (NULL or ""). With goroot, a file pprof would not find whose name
 * is a Go standard library file (".../src/runtime/proc.go" of any GOROOT, or
 * "runtime/proc.go" from a -trimpath build) is read from the local GOROOT ($GOROOT,
 * `go env GOROOT`, /usr/lib/go, /usr/local/go). NULL on allocation failure. */
pv_source_reader *pv_source_reader_new(const char *search, const char *trim, bool goroot);
void pv_source_reader_free(pv_source_reader *r);

/* The search path in effect (the current directory when none was given). */
const char *pv_source_search_path(const pv_source_reader *r);

/* The file a profile names as path, read once and cached. Never NULL except on
 * allocation failure; valid until pv_source_reader_free(). */
const pv_source_file *pv_source_get(pv_source_reader *r, const char *path);

#endif
