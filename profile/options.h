/* pprof's settings: one table (name, type, default, help, choices) and the aliases that set
 * them. The command line's flags, --help, the TUI's `:` words, completion and the options
 * view are all generated from pv_settings[] and pv_setting_aliases[]. */
#ifndef PVIEW_PROFILE_OPTIONS_H
#define PVIEW_PROFILE_OPTIONS_H

#include <stdbool.h>
#include <stddef.h>

typedef enum {
    PV_GRAN_FUNCTIONS = 0,
    PV_GRAN_FILEFUNCTIONS,
    PV_GRAN_FILES,
    PV_GRAN_LINES,
    PV_GRAN_ADDRESSES,
} pv_granularity;

/* The granularity names, indexed by pv_granularity. */
extern const char *const pv_granularity_names[5];

/* Settings, with pprof's names. Strings are owned by the options (pv_options_set/free). */
typedef struct pv_options {
    char *sample_index; /* NULL: default_sample_type, else the last type */
    bool mean;
    double divide_by; /* 1 */
    char *unit;       /* "minimum" */
    int nodecount;    /* -1: pprof's default per report (none for top, 80 for tree/dot) */
    double nodefraction, edgefraction; /* 0.005, 0.001 */
    bool cum;         /* sort by cum instead of flat */
    bool trim;        /* true */
    pv_granularity granularity;
    bool noinlines;
    bool relative_percentages;
    bool drop_negative;
    bool call_tree;
    bool compact_labels;
    bool intel_syntax;
    bool normalize;
    char *output;
    char *source_path, *trim_path;
    char *focus, *ignore, *hide, *show, *show_from, *prune_from;
    char *tagfocus, *tagignore, *tagshow, *taghide;
    char *tagroot, *tagleaf; /* label keys whose values become root / leaf frames */
    int width; /* 120: columns of -flame's text flame graph */
} pv_options;

typedef enum {
    PV_SET_BOOL,
    PV_SET_INT,
    PV_SET_FLOAT,
    PV_SET_STRING,
    PV_SET_CHOICE, /* one of choices[] */
} pv_setting_type;

typedef enum {
    PV_GROUP_OUTPUT,   /* how a report is printed */
    PV_GROUP_FILTER,   /* which samples and frames count */
    PV_GROUP_SAMPLE,   /* which value of a sample */
    PV_GROUP_GRAPH,    /* granularity, trimming */
} pv_setting_group;

typedef struct {
    const char *name;
    pv_setting_type type;
    pv_setting_group group;
    size_t offset;              /* of the field in pv_options */
    const char *def;            /* default, as `options` prints it */
    const char *help;           /* pprof's help text */
    const char *const *choices; /* PV_SET_CHOICE: NULL-terminated */
} pv_setting;

/* Every setting, in pprof's `options` order (alphabetical); ends with {NULL}. */
extern const pv_setting pv_settings[];

/* Flags that set a setting to a fixed value: -lines is granularity=lines, -cum is sort=cum,
 * -inuse_space is sample_index=inuse_space. `also`, when set, is a second "name=value". */
typedef struct {
    const char *name;
    const char *setting;
    const char *value;
    const char *also;
    const char *help;
} pv_setting_alias;

/* Ends with {NULL}. */
extern const pv_setting_alias pv_setting_aliases[];

/* The setting named name, or NULL. */
const pv_setting *pv_setting_find(const char *name);
/* The alias named name, or NULL. */
const pv_setting_alias *pv_setting_alias_find(const char *name);

void pv_options_init(pv_options *o);
void pv_options_free(pv_options *o);
/* Deep copy; returns 0, or -1 on allocation failure. */
int pv_options_copy(pv_options *dst, const pv_options *src);

/* Sets a setting or an alias by its pprof name ("focus", "nodecount", "granularity",
 * "lines", "cum", ...). value NULL or "" clears string settings; for booleans and aliases it
 * means true. Returns 0, or -1 with pprof's wording of the problem in err. */
int pv_options_set(pv_options *o, const char *name, const char *value, char *err, size_t errlen);

/* Writes the value of setting name as text (for `options`); returns -1 for an unknown name. */
int pv_options_get(const pv_options *o, const char *name, char *out, size_t len);

/* Every name pv_options_set() takes, settings then aliases, NULL-terminated (for completion
 * and help). */
extern const char *const pv_option_names[];

#endif
