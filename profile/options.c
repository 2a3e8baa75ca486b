/* pprof's settings: the table, and setting and reading them by name. */
#include "profile/options.h"

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *const pv_granularity_names[5] = {"functions", "filefunctions", "files", "lines", "addresses"};

static const char *const gran_choices[] = {"functions", "filefunctions", "files", "lines", "addresses", NULL};
static const char *const sort_choices[] = {"cum", "flat", NULL};

#define OFF(f) offsetof(pv_options, f)

/* pprof's `options` order: alphabetical. Help texts are pprof's (commands.go configHelp). */
const pv_setting pv_settings[] = {
    {"call_tree", PV_SET_BOOL, PV_GROUP_GRAPH, OFF(call_tree), "false",
     "Create a context-sensitive call tree\nTreat locations reached through different paths as separate.", NULL},
    {"compact_labels", PV_SET_BOOL, PV_GROUP_OUTPUT, OFF(compact_labels), "false", "Show minimal headers", NULL},
    {"divide_by", PV_SET_FLOAT, PV_GROUP_SAMPLE, OFF(divide_by), "1",
     "Ratio to divide all samples before visualization\n"
     "Divide all samples values by a constant, eg the number of processors or jobs.",
     NULL},
    {"drop_negative", PV_SET_BOOL, PV_GROUP_FILTER, OFF(drop_negative), "false",
     "Ignore negative differences\nDo not show any locations with values <0.", NULL},
    {"edgefraction", PV_SET_FLOAT, PV_GROUP_GRAPH, OFF(edgefraction), "0.001", "Hide edges below <f>*total", NULL},
    {"focus", PV_SET_STRING, PV_GROUP_FILTER, OFF(focus), "",
     "Restricts to samples going through a node matching regexp\n"
     "Discard samples that do not include a node matching this regexp.\n"
     "Matching includes the function name, filename or object name.",
     NULL},
    {"granularity", PV_SET_CHOICE, PV_GROUP_GRAPH, OFF(granularity), "functions",
     "Aggregate at the functions, filefunctions, files, lines or addresses level", gran_choices},
    {"hide", PV_SET_STRING, PV_GROUP_FILTER, OFF(hide), "",
     "Skips nodes matching regexp\nDiscard nodes that match this location.\n"
     "Other nodes from samples that include this location will be shown.\n"
     "Matching includes the function name, filename or object name.",
     NULL},
    {"ignore", PV_SET_STRING, PV_GROUP_FILTER, OFF(ignore), "",
     "Skips paths going through any nodes matching regexp\n"
     "If set, discard samples that include a node matching this regexp.\n"
     "Matching includes the function name, filename or object name.",
     NULL},
    {"intel_syntax", PV_SET_BOOL, PV_GROUP_OUTPUT, OFF(intel_syntax), "false",
     "Show assembly in Intel syntax\nOnly applicable to commands `disasm` and `weblist`", NULL},
    {"mean", PV_SET_BOOL, PV_GROUP_SAMPLE, OFF(mean), "false",
     "Average sample value over first value (count)\nFor memory profiles, report average memory per allocation.\n"
     "For time-based profiles, report average time per event.",
     NULL},
    {"nodecount", PV_SET_INT, PV_GROUP_GRAPH, OFF(nodecount), "-1",
     "Max number of nodes to show\nUses heuristics to limit the number of locations to be displayed.\n"
     "On graphs, dotted edges represent paths through nodes that have been removed.",
     NULL},
    {"nodefraction", PV_SET_FLOAT, PV_GROUP_GRAPH, OFF(nodefraction), "0.005", "Hide nodes below <f>*total", NULL},
    {"noinlines", PV_SET_BOOL, PV_GROUP_GRAPH, OFF(noinlines), "false",
     "Ignore inlines.\nAttributes inlined functions to their first out-of-line caller.", NULL},
    {"normalize", PV_SET_BOOL, PV_GROUP_SAMPLE, OFF(normalize), "false", "Scales profile based on the base profile.",
     NULL},
    {"output", PV_SET_STRING, PV_GROUP_OUTPUT, OFF(output), "", "Output filename for file-based outputs", NULL},
    {"prune_from", PV_SET_STRING, PV_GROUP_FILTER, OFF(prune_from), "",
     "Drops any functions below the matched frame.\nIf set, any frames matching the specified regexp and any frames\n"
     "below it will be dropped from each sample.",
     NULL},
    {"relative_percentages", PV_SET_BOOL, PV_GROUP_OUTPUT, OFF(relative_percentages), "false",
     "Show percentages relative to focused subgraph\n"
     "If unset, percentages are relative to full graph before focusing\nto facilitate comparison with original graph.",
     NULL},
    {"sample_index", PV_SET_STRING, PV_GROUP_SAMPLE, OFF(sample_index), "",
     "Sample value to report (0-based index or name)\nProfiles contain multiple values per sample.\n"
     "Use sample_index=i to select the ith value (starting at 0).",
     NULL},
    {"show", PV_SET_STRING, PV_GROUP_FILTER, OFF(show), "",
     "Only show nodes matching regexp\nIf set, only show nodes that match this location.\n"
     "Matching includes the function name, filename or object name.",
     NULL},
    {"show_from", PV_SET_STRING, PV_GROUP_FILTER, OFF(show_from), "",
     "Drops functions above the highest matched frame.\n"
     "If set, all frames above the highest match are dropped from every sample.\n"
     "Matching includes the function name, filename or object name.",
     NULL},
    {"sort", PV_SET_CHOICE, PV_GROUP_OUTPUT, OFF(cum), "flat", "Sort entries based on flat or cum weight",
     sort_choices},
    {"source_path", PV_SET_STRING, PV_GROUP_OUTPUT, OFF(source_path), "", "Search path for source files", NULL},
    {"tagfocus", PV_SET_STRING, PV_GROUP_FILTER, OFF(tagfocus), "",
     "Restricts to samples with tags in range or matched by regexp\n"
     "Use name=value syntax to limit the matching to a specific tag.\n"
     "Numeric tag filter examples: 1kb, 1kb:10kb, memory=32mb:\n"
     "String tag filter examples: foo, foo.*bar, mytag=foo.*bar",
     NULL},
    {"taghide", PV_SET_STRING, PV_GROUP_FILTER, OFF(taghide), "",
     "Skip tags matching this regexp\nDiscard tags that match this regexp", NULL},
    {"tagignore", PV_SET_STRING, PV_GROUP_FILTER, OFF(tagignore), "",
     "Discard samples with tags in range or matched by regexp\n"
     "Use name=value syntax to limit the matching to a specific tag.\n"
     "Numeric tag filter examples: 1kb, 1kb:10kb, memory=32mb:\n"
     "String tag filter examples: foo, foo.*bar, mytag=foo.*bar",
     NULL},
    {"tagleaf", PV_SET_STRING, PV_GROUP_FILTER, OFF(tagleaf), "",
     "Adds pseudo stack frames for labels key/value pairs at the callstack leaf.\n"
     "A comma-separated list of label keys.\n"
     "The last key creates frames at the new leaf.",
     NULL},
    {"tagroot", PV_SET_STRING, PV_GROUP_FILTER, OFF(tagroot), "",
     "Adds pseudo stack frames for labels key/value pairs at the callstack root.\n"
     "A comma-separated list of label keys.\n"
     "The first key creates frames at the new root.",
     NULL},
    {"tagshow", PV_SET_STRING, PV_GROUP_FILTER, OFF(tagshow), "",
     "Only consider tags matching this regexp\nDiscard tags that do not match this regexp", NULL},
    {"trim", PV_SET_BOOL, PV_GROUP_GRAPH, OFF(trim), "true",
     "Honor nodefraction/edgefraction/nodecount defaults\nSet to false to get the full profile, without any trimming.",
     NULL},
    {"trim_path", PV_SET_STRING, PV_GROUP_OUTPUT, OFF(trim_path), "", "Path to trim from source paths before search",
     NULL},
    {"unit", PV_SET_STRING, PV_GROUP_OUTPUT, OFF(unit), "minimum",
     "Measurement units to display\nScale the sample values to this unit.\n"
     "For time-based profiles, use seconds, milliseconds, nanoseconds, etc.\n"
     "For memory profiles, use megabytes, kilobytes, bytes, etc.\n"
     "Using auto will scale each value independently to the most natural unit.",
     NULL},
    {"width", PV_SET_INT, PV_GROUP_OUTPUT, OFF(width), "120", "Width of -flame's text flame graph, in columns", NULL},
    {NULL, 0, 0, 0, NULL, NULL, NULL},
};

const pv_setting_alias pv_setting_aliases[] = {
    {"flat", "sort", "flat", NULL, "Sort entries based on own weight"},
    {"cum", "sort", "cum", NULL, "Sort entries based on cumulative weight"},
    {"functions", "granularity", "functions", NULL,
     "Aggregate at the function level.\nIgnores the filename where the function was defined."},
    {"filefunctions", "granularity", "filefunctions", NULL,
     "Aggregate at the function level.\nTakes into account the filename where the function was defined."},
    {"files", "granularity", "files", NULL, "Aggregate at the file level."},
    {"lines", "granularity", "lines", NULL, "Aggregate at the source code line level."},
    {"addresses", "granularity", "addresses", NULL,
     "Aggregate at the address level.\nIncludes functions' addresses in the output."},
    {"inuse_space", "sample_index", "inuse_space", NULL, "Same as -sample_index=inuse_space"},
    {"inuse_objects", "sample_index", "inuse_objects", NULL, "Same as -sample_index=inuse_objects"},
    {"alloc_space", "sample_index", "alloc_space", NULL, "Same as -sample_index=alloc_space"},
    {"alloc_objects", "sample_index", "alloc_objects", NULL, "Same as -sample_index=alloc_objects"},
    {"total_delay", "sample_index", "delay", NULL, "Same as -sample_index=delay"},
    {"contentions", "sample_index", "contentions", NULL, "Same as -sample_index=contentions"},
    {"mean_delay", "sample_index", "delay", "mean=true", "Same as -mean -sample_index=delay"},
    {NULL, NULL, NULL, NULL, NULL},
};

const char *const pv_option_names[] = {
    "call_tree", "compact_labels", "divide_by", "drop_negative", "edgefraction", "focus", "granularity", "hide",
    "ignore", "intel_syntax", "mean", "nodecount", "nodefraction", "noinlines", "normalize", "output", "prune_from",
    "relative_percentages", "sample_index", "show", "show_from", "sort", "source_path", "tagfocus", "taghide",
    "tagignore", "tagleaf", "tagroot", "tagshow", "trim", "trim_path", "unit",
    /* aliases */
    "flat", "cum", "functions", "filefunctions", "files", "lines", "addresses", "inuse_space", "inuse_objects",
    "alloc_space", "alloc_objects", "total_delay", "contentions", "mean_delay", NULL};

const pv_setting *pv_setting_find(const char *name)
{
    for (const pv_setting *s = pv_settings; s->name; s++)
        if (!strcmp(s->name, name))
            return s;
    return NULL;
}

const pv_setting_alias *pv_setting_alias_find(const char *name)
{
    for (const pv_setting_alias *a = pv_setting_aliases; a->name; a++)
        if (!strcmp(a->name, name))
            return a;
    return NULL;
}

#define FIELD(o, s, T) ((T *)((char *)(o) + (s)->offset))

void pv_options_init(pv_options *o)
{
    memset(o, 0, sizeof *o);
    o->divide_by = 1.0;
    o->unit = strdup("minimum");
    o->nodecount = -1;
    o->nodefraction = 0.005;
    o->edgefraction = 0.001;
    o->trim = true;
    o->granularity = PV_GRAN_FUNCTIONS;
    o->width = 120;
}

void pv_options_free(pv_options *o)
{
    for (const pv_setting *s = pv_settings; s->name; s++)
        if (s->type == PV_SET_STRING) {
            char **f = FIELD(o, s, char *);
            free(*f);
            *f = NULL;
        }
}

int pv_options_copy(pv_options *dst, const pv_options *src)
{
    *dst = *src;
    int rc = 0;
    for (const pv_setting *s = pv_settings; s->name; s++) {
        if (s->type != PV_SET_STRING)
            continue;
        char **f = FIELD(dst, s, char *);
        if (*f && !(*f = strdup(*f)))
            rc = -1;
    }
    return rc;
}

/* Go's strconv.ParseBool plus pprof's yes/no; "" is true (a bare `-flag` or `:flag`). */
static int parse_bool(const char *v, bool *out)
{
    static const char *const t[] = {"1", "t", "T", "true", "TRUE", "True", "yes", "y", NULL};
    static const char *const f[] = {"0", "f", "F", "false", "FALSE", "False", "no", "n", NULL};
    if (!v || !*v) {
        *out = true;
        return 0;
    }
    for (size_t i = 0; t[i]; i++)
        if (!strcmp(v, t[i])) {
            *out = true;
            return 0;
        }
    for (size_t i = 0; f[i]; i++)
        if (!strcmp(v, f[i])) {
            *out = false;
            return 0;
        }
    return -1;
}

static int set_setting(pv_options *o, const pv_setting *s, const char *value, char *err, size_t errlen)
{
    switch (s->type) {
    case PV_SET_STRING: {
        char **f = FIELD(o, s, char *);
        char *nv = NULL;
        if (*value || !strcmp(s->name, "unit")) { /* unit "" is pprof's: each unit type's default */
            nv = strdup(value);
            if (!nv) {
                snprintf(err, errlen, "out of memory");
                return -1;
            }
        }
        free(*f);
        *f = nv;
        return 0;
    }
    case PV_SET_BOOL:
        if (parse_bool(value, FIELD(o, s, bool)) != 0) {
            snprintf(err, errlen, "invalid %s value \"%s\": want true or false", s->name, value);
            return -1;
        }
        return 0;
    case PV_SET_FLOAT: {
        char *end;
        errno = 0;
        double d = strtod(value, &end);
        if (!*value || *end || errno) {
            snprintf(err, errlen, "strconv.ParseFloat: parsing \"%s\": invalid syntax", value);
            return -1;
        }
        *FIELD(o, s, double) = d;
        return 0;
    }
    case PV_SET_INT: {
        char *end;
        errno = 0;
        long v = strtol(value, &end, 10);
        if (!*value || *end || errno || v > INT32_MAX || v < INT32_MIN) {
            snprintf(err, errlen, "strconv.Atoi: parsing \"%s\": invalid syntax", value);
            return -1;
        }
        *FIELD(o, s, int) = (int)v;
        return 0;
    }
    case PV_SET_CHOICE:
        for (int i = 0; s->choices[i]; i++) {
            if (strcmp(value, s->choices[i]) != 0)
                continue;
            if (s->offset == OFF(cum))
                o->cum = !strcmp(value, "cum");
            else
                o->granularity = (pv_granularity)i;
            return 0;
        }
        snprintf(err, errlen, "invalid \"%s\" value \"%s\"", s->name, value);
        return -1;
    }
    return -1;
}

int pv_options_set(pv_options *o, const char *name, const char *value, char *err, size_t errlen)
{
    if (!value)
        value = "";
    const pv_setting *s = pv_setting_find(name);
    if (s)
        return set_setting(o, s, value, err, errlen);
    const pv_setting_alias *a = pv_setting_alias_find(name);
    if (!a) {
        snprintf(err, errlen, "unrecognized option: %s", name);
        return -1;
    }
    bool b;
    if (parse_bool(value, &b) != 0) {
        snprintf(err, errlen, "invalid %s value \"%s\"", name, value);
        return -1;
    }
    if (!b)
        return 0; /* -lines=false, -inuse_space=false: nothing to do */
    if (set_setting(o, pv_setting_find(a->setting), a->value, err, errlen) != 0)
        return -1;
    if (a->also) {
        const char *eq = strchr(a->also, '=');
        char nm[64];
        snprintf(nm, sizeof nm, "%.*s", (int)(eq - a->also), a->also);
        return set_setting(o, pv_setting_find(nm), eq + 1, err, errlen);
    }
    return 0;
}

int pv_options_get(const pv_options *o, const char *name, char *out, size_t len)
{
    const pv_setting *s = pv_setting_find(name);
    if (!s) {
        const pv_setting_alias *a = pv_setting_alias_find(name);
        if (!a)
            return -1;
        char cur[64];
        pv_options_get(o, a->setting, cur, sizeof cur);
        snprintf(out, len, "%s", !strcmp(cur, a->value) ? "true" : "false");
        return 0;
    }
    const pv_options *mo = o;
    switch (s->type) {
    case PV_SET_STRING: {
        char *const *f = (char *const *)((const char *)mo + s->offset);
        snprintf(out, len, "%s", *f ? *f : "");
        break;
    }
    case PV_SET_BOOL:
        snprintf(out, len, "%s", *(const bool *)((const char *)mo + s->offset) ? "true" : "false");
        break;
    case PV_SET_FLOAT:
        snprintf(out, len, "%g", *(const double *)((const char *)mo + s->offset));
        break;
    case PV_SET_INT:
        snprintf(out, len, "%d", *(const int *)((const char *)mo + s->offset));
        break;
    case PV_SET_CHOICE:
        if (s->offset == OFF(cum))
            snprintf(out, len, "%s", o->cum ? "cum" : "flat");
        else
            snprintf(out, len, "%s", pv_granularity_names[o->granularity]);
        break;
    }
    return 0;
}
