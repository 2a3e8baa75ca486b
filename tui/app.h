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
    /* The searchable, filterable name of a row, or NULL if the row cannot be selected. */
    const char *(*row_name)(const pv_view *v, size_t row);
    /* The status line for the selected row. */
    void (*status)(pv_app *a, pv_view *v, char *out, size_t len);
    /* View-specific handling of a request; PV_CH_UNHANDLED for the shell's default. */
    unsigned (*request)(pv_app *a, pv_view *v, pv_request req);
    /* Optional, for views that are not rows (flame): draws the whole body, lines rows from
     * line y (draw_row is then not called; nrows only needs to be non-zero for a status). */
    void (*draw_body)(pv_app *a, pv_view *v, int y, int lines);
    /* Optional: the view's own keys, looked at before the key table; PV_CH_UNHANDLED passes
     * the key on to the table. */
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
extern const pv_view_ops pv_view_top, pv_view_peek, pv_view_help, pv_view_options;
extern const pv_view_ops pv_view_flame;
const pv_view_ops *pv_view_find(const char *name);

#define PV_MAX_VIEWS 64

typedef struct {
    pv_options before; /* settings before this step */
    char *label;       /* breadcrumb: "focus=^main\.f$", "granularity=lines", ... */
    pv_report *report; /* the report before this step, kept so undo needs no rebuild (or NULL) */
    bool report_by_name; /* its rows were re-sorted by name */
} pv_step;

typedef enum { PV_SORT_FLAT, PV_SORT_CUM, PV_SORT_NAME } pv_sort;

typedef struct {
    const char *ellipsis, *crumb_sep, *caller_mark, *callee_mark, *self_mark;
} pv_glyphs;

struct pv_app {
    pv_model *model;
    pv_options *opts;    /* current settings (the caller's struct) */
    pv_options initial;  /* settings at start, for reset */
    pv_report *report;   /* built from opts; NULL until the first build succeeds */
    pv_sort sort;        /* name sort is local; flat/cum set opts->cum */
    bool report_by_name; /* the report's rows are sorted by name (in place) */
    bool stash_report;   /* a step was just pushed: keep the report it replaces */
    const char *file;    /* shown in the header */

    pv_step *steps;
    size_t nsteps;

    pv_view views[PV_MAX_VIEWS];
    int nviews;

    pv_screen scr;
    pv_theme theme;
    pv_glyphs glyphs;
    bool colour;

    int body_top, body_lines; /* rows of the view body on screen */

    const char *const *warnings; /* said before startup (the caller's); listed in options */
    size_t nwarnings;

    char message[512];
    pv_role message_role;

    regex_t search;
    bool has_search;
    char search_text[256];

    struct pv_prompt *prompt; /* non-NULL while the : or / prompt is open */
    char **history;
    size_t nhistory;
};

/* --- helpers for views -------------------------------------------------------------- */

pv_view *pv_app_view(pv_app *a); /* the view on top */
/* Opens a view by registry name on top of the stack; returns PV_CH_DRAW or PV_CH_NONE with a
 * message on failure. */
unsigned pv_app_open(pv_app *a, const char *name, const char *arg);
void pv_app_message(pv_app *a, pv_role role, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* Formats v as the report does (pv_report_format), and a percentage of the report's total. */
void pv_app_value(const pv_app *a, int64_t v, char *out, size_t len);
void pv_app_percent(const pv_app *a, int64_t v, char *out, size_t len);
pv_role pv_app_heat(const pv_app *a, int64_t v);

/* Search match spans of name (up to max), for highlighting. */
size_t pv_app_matches(pv_app *a, const char *name, pv_span *spans, size_t max);

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

/* Escapes a name into an anchored regex "^...$" matching it literally. */
void pv_regex_quote(const char *name, char *out, size_t len);

#endif
