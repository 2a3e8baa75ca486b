/* The shell shared by all views: the application state, the view operations and the helpers
 * views use to draw. Private to tui/. */
#ifndef PVIEW_TUI_APP_H
#define PVIEW_TUI_APP_H

#include <regex.h>
#include <stdbool.h>
#include <stddef.h>

#include "profile/model.h"
#include "profile/report.h"
#include "tui/keys.h"
#include "tui/screen.h"
#include "tui/theme.h"
#include "tui/tui.h"

typedef struct pv_app pv_app;
typedef struct pv_view pv_view;

/* What a handler changed; the main loop alone decides what to recompute and draw. */
enum {
    PV_CH_NONE = 0,
    PV_CH_DRAW = 1,      /* redraw the screen */
    PV_CH_REBUILD = 2,   /* settings changed: rebuild the report, refresh the views */
    PV_CH_QUIT = 4,
    PV_CH_UNHANDLED = 8, /* the view did not handle the request: the shell's default applies */
    PV_CH_CLOSE = 16,    /* the view asks to be closed */
};

/* A view: a table of operations. Rows are indexed 0..nrows-1; the shell keeps the selection
 * and scrolling and asks the view to draw one row at a time. */
typedef struct pv_view_ops {
    const char *name;
    /* Sets up v->data; arg is view-specific (peek: the function name). 0 or -1. */
    int (*open)(pv_app *a, pv_view *v, const char *arg);
    void (*close)(pv_view *v);
    /* The report was rebuilt: reload rows from a->report. Returns PV_CH_* (CLOSE to go away). */
    unsigned (*reload)(pv_app *a, pv_view *v);
    size_t (*nrows)(const pv_view *v);
    /* Column titles on line y (may be NULL: no title line). */
    void (*draw_title)(pv_app *a, pv_view *v, int y);
    void (*draw_row)(pv_app *a, pv_view *v, size_t row, int y, bool selected);
    /* The graph node (in a->report->graph) of the selected row, or PV_NONE: what f/i/h filter
     * on. NULL: the view has nothing to filter on. */
    uint32_t (*row_node)(pv_app *a, pv_view *v);
    /* Or, for a view over another product's graph: the name f/i/h/# use for the selected row
     * (malloc'd, NULL if none). Takes precedence over row_node. */
    char *(*row_subject)(pv_app *a, pv_view *v);
    /* The searchable, filterable name of a row, or NULL if the row cannot be selected. */
    const char *(*row_name)(const pv_view *v, size_t row);
    /* The status line for the selected row. */
    void (*status)(pv_app *a, pv_view *v, char *out, size_t len);
    /* View-specific handling of a request; PV_CH_UNHANDLED for the shell's default. */
    unsigned (*request)(pv_app *a, pv_view *v, pv_request req);
    /* The view's own key bindings, looked up before the global table (NULL: none). A view
     * that is not made of rows (the flame graph) binds its own requests here. */
    const pv_keybind *keys;
    size_t nkeys;
    /* Draws the whole body (lines y .. y+lines-1) instead of row by row; nrows and
     * draw_row are then unused by the shell. NULL: rows. */
    void (*draw_body)(pv_app *a, pv_view *v, int y, int lines);
    /* Optional: the view's own keys, looked at before the key tables; PV_CH_UNHANDLED passes
     * the key on. */
    unsigned (*key)(pv_app *a, pv_view *v, int key);
    /* Optional: search steps (n/N and a new /RE) over the view's own items, with a->search
     * and a->search_text set; replaces the walk over row names. */
    unsigned (*search)(pv_app *a, pv_view *v, int dir, bool include_current);
    /* Optional, with draw_body: a mouse click (double: a double click) at screen line y,
     * column x; replaces the shell's row selection. */
    unsigned (*click)(pv_app *a, pv_view *v, int y, int x, bool dbl);
} pv_view_ops;

struct pv_view {
    const pv_view_ops *ops;
    size_t sel, top; /* selected row, first row on screen */
    void *data;
};

/* The registry: every view the shell can open, by name. */
extern const pv_view_ops pv_view_top, pv_view_peek, pv_view_help, pv_view_options, pv_view_traces, pv_view_tags;
extern const pv_view_ops pv_view_list;
extern const pv_view_ops pv_view_flame;
const pv_view_ops *pv_view_find(const char *name);

#define PV_MAX_VIEWS 64

typedef struct {
    pv_options before; /* settings before this step */
    char *label;       /* "focus=^main\.f$", "granularity=lines", ... */
    bool filter;       /* a filter step (shown as a breadcrumb); else a setting (shown as a value) */
    bool by_name_before; /* the rows were sorted by name before this step */
    pv_report *report; /* the report before this step, kept so undo needs no rebuild (or NULL) */
    bool report_by_name; /* its rows were re-sorted by name */
} pv_step;

/* A product (flame tree, traces, tags, ...) built on demand over the current report's
 * selection and kept until the report changes. */
typedef struct {
    const char *kind;
    void *data;
    void (*free)(void *data);
} pv_product_slot;

#define PV_MAX_PRODUCTS 8

typedef struct {
    const char *ellipsis, *crumb_sep, *caller_mark, *callee_mark, *self_mark;
} pv_glyphs;

struct pv_app {
    pv_model *model;
    pv_options *opts;    /* current settings (the caller's struct) */
    pv_options initial;  /* settings at start, for reset */
    pv_report *report;   /* built from opts; NULL until the first build succeeds */
    bool sort_by_name;   /* rows sorted by name (a view state); else opts->cum decides */
    bool report_by_name; /* the report's rows are sorted by name (in place) */
    bool stash_report;   /* a step was just pushed: keep the report it replaces */
    char *file;          /* shown in the header: the profile file(s) */
    bool diff;           /* against a base profile: values are signed, coloured by sign */
    const pv_tui_config *cfg; /* the command line's (reload for :diff_base=) */
    pv_model *owned_model;    /* a model the TUI loaded itself (:diff_base=), freed at exit */
    char *base_label;         /* "diff_base=FILE" while comparing (shown with the settings) */
    struct pv_live_state *live; /* -refresh: the refresh timer and its worker (live.c), or NULL */

    pv_step *steps;
    size_t nsteps;

    pv_product_slot products[PV_MAX_PRODUCTS]; /* the lazy cache over a->report */

    pv_view views[PV_MAX_VIEWS];
    int nviews;

    pv_screen scr;
    pv_theme theme;
    pv_glyphs glyphs;
    bool colour;

    int body_top, body_lines; /* rows of the view body on screen */

    char **warnings; /* said while loading, at startup and by reloads (own copies, each once):
                      * listed in :options; the debuginfod ones also stay in the header */
    size_t nwarnings;

    char message[512];
    pv_role message_role;

    regex_t search;
    bool has_search;
    char search_text[256];

    char *popup;              /* non-NULL: a text shown whole over the body until a key */
    int popup_top;            /* first wrapped line of the popup on screen (j/k scroll it) */
    struct pv_prompt *prompt; /* non-NULL while the : or / prompt is open */
    char **history;
    size_t nhistory;
};

/* --- helpers for views -------------------------------------------------------------- */

pv_view *pv_app_view(pv_app *a); /* the view on top */
/* Closes the view on top (never the first). */
void pv_app_close_top(pv_app *a);
/* Opens a view by registry name on top of the stack; returns PV_CH_DRAW or PV_CH_NONE with a
 * message on failure. */
unsigned pv_app_open(pv_app *a, const char *name, const char *arg);
void pv_app_message(pv_app *a, pv_role role, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
/* Keeps a copy of a warning of a load (a->warnings), unless the same text is kept already.
 * Returns true when it was new. */
bool pv_app_warn(pv_app *a, const char *msg);
/* The warning that stays in the header (a failed debuginfod download: frames stay
 * unsymbolized until it is mended), and how many more such there are; NULL when none. */
const char *pv_app_alert(const pv_app *a, size_t *more);

/* Formats v as the report does (pv_report_format), and a percentage of the report's total. */
void pv_app_value(const pv_app *a, int64_t v, char *out, size_t len);
void pv_app_percent(const pv_app *a, int64_t v, char *out, size_t len);
pv_role pv_app_heat(const pv_app *a, int64_t v);

/* Search match spans of name (up to max), for highlighting. */
size_t pv_app_matches(pv_app *a, const char *name, pv_span *spans, size_t max);

/* The product kind over the current report, built by build (which returns NULL with a
 * message in err on failure) the first time it is asked for after a report change, and
 * freed with free_fn when the report changes. NULL when it cannot be built (the message is
 * on the message line). Valid until the next rebuild. */
void *pv_app_product(pv_app *a, const char *kind, void *(*build)(pv_app *a, char *err, size_t errlen),
                     void (*free_fn)(void *data));
/* Drops every cached product (the report changed). */
void pv_app_products_clear(pv_app *a);

/* --- the live view (tui/live.c) ------------------------------------------------------ */

/* Sets the refresh period (0 stops refreshing). 0, or -1 with a message when the profile
 * cannot be fetched again (no live source). */
int pv_app_live_period(pv_app *a, int ms);
/* The main loop's hook, called at every event and tick: starts a due refresh on its
 * thread, and installs a finished one. Returns PV_CH_*. sync: run the refresh now, on this
 * thread (the test mode's <Refresh>). */
unsigned pv_app_live_poll(pv_app *a, bool sync);
/* How long the main loop may wait for a key before polling again, in ms: short while a
 * refresh runs, so that its profile shows as soon as it is ready; 0 when not live. */
int pv_app_live_tick_ms(const pv_app *a);
/* True once after a refresh's profile was installed (for PVIEW_LIVE_TIMINGS). */
bool pv_app_live_take_installed(pv_app *a);
/* p: pause or resume; c: show the change since the previous profile, or stop showing it. */
unsigned pv_app_live_pause(pv_app *a);
unsigned pv_app_live_diff(pv_app *a);
/* "live 30s · 12:00:01 · next 25s", "live paused", or NULL when not live (malloc'd). */
char *pv_app_live_status(pv_app *a);
void pv_app_live_free(pv_app *a);
/* Replaces the model (views keep their settings, selection and search); the old one is freed
 * if the TUI owns it. */
unsigned pv_app_replace_model(pv_app *a, pv_model *m, bool diff);

/* Saves the view on top as text to path (NULL: pview.VIEW.N.txt in the current directory,
 * the first N free): the top table as `pview -top` prints it, other views row by row, with
 * the report's header lines. Says where on the message line. */
unsigned pv_app_save(pv_app *a, const char *path);

/* Applies a settings change as one undoable step: sets each name=value pair on a copy of
 * the current settings; on success the copy becomes current, labelled label. Returns
 * PV_CH_REBUILD, or PV_CH_DRAW with pprof's error as the message. */
unsigned pv_app_set(pv_app *a, const char *label, const char *const *names,
                    const char *const *values, size_t n);

/* --- the prompt (prompt.c) -------------------------------------------------------------- */

/* Opens the ':' (kind ':') or search ('/') prompt. */
void pv_prompt_open(pv_app *a, int kind);
/* Feeds a key to the open prompt; returns PV_CH_*. */
unsigned pv_prompt_key(pv_app *a, int key);
/* Draws the prompt on line y. Returns the cursor column. */
int pv_prompt_draw(pv_app *a, int y);
void pv_prompt_free(pv_app *a);
/* Runs one line of pprof REPL words. */
unsigned pv_command(pv_app *a, const char *line);
/* Sets the search regex and jumps to the first match. */
unsigned pv_search_set(pv_app *a, const char *re);
unsigned pv_search_step(pv_app *a, int dir, bool include_current);

/* An anchored regex "^...$" matching name literally (malloc'd; NULL when out of memory). */
char *pv_regex_quote(const char *name);

/* The name a filter matches for node n of the report's graph: the function name, or the
 * file at files granularity, or the mapping for a bare address (malloc'd). */
char *pv_app_node_subject(const pv_app *a, uint32_t node);

#endif
