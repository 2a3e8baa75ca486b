/* pprof's regular expressions (RE2 spelling mapped to POSIX ERE) and tag filters. */
#ifndef PVIEW_PROFILE_FILTER_H
#define PVIEW_PROFILE_FILTER_H

#include <regex.h>
#include <stdbool.h>
#include <stddef.h>

#include "profile/model.h"

typedef struct {
    regex_t re;
    int ok;
} pv_regex;

/* Compiles pattern (unanchored search, as Go's MatchString). On error returns -1 and puts
 * the regex library's message in err. */
int pv_regex_compile(pv_regex *rx, const char *pattern, char *err, size_t errlen);
/* The same pattern rules into a plain regex_t (cflags added to REG_EXTENDED: the TUI's
 * search leaves out REG_NOSUB to get match spans). Patterns RE2 refuses because no engine
 * runs them in bounded memory (a++, counts over 1000) are refused here too. 0, or -1 with
 * the message in err; re is the caller's to regfree() on success. */
int pv_regex_compile_posix(regex_t *re, const char *pattern, int cflags, char *err, size_t errlen);
bool pv_regex_match(const pv_regex *rx, const char *s);
void pv_regex_free(pv_regex *rx);

typedef enum { PV_TAG_REGEX, PV_TAG_EQ, PV_TAG_GE, PV_TAG_LE, PV_TAG_RANGE } pv_tag_kind;

/* -tagfocus / -tagignore: "[key=]regex,regex" or "[key=]range" (1kb:, :10mb, 1:2, 5s). */
typedef struct {
    char *key; /* NULL: any key */
    pv_tag_kind kind;
    pv_regex *rx;
    size_t nrx;
    double lo, hi;
    char unit[64];
} pv_tagfilter;

/* name is the option name for messages. *is_range tells whether the value was read as a
 * numeric range (pprof says so on stderr). */
int pv_tagfilter_compile(pv_tagfilter *f, const char *name, const char *spec, char *err, size_t errlen,
                         bool *is_range);
void pv_tagfilter_free(pv_tagfilter *f);

/* num_unit(ctx, key) gives the profile-wide unit of a numeric label key. */
bool pv_tagfilter_match(const pv_tagfilter *f, const pv_model *m, const pv_label *labels, size_t n,
                        const char *(*num_unit)(void *ctx, pv_strid key), void *ctx);

#endif
