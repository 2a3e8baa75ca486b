/* Named requests and the key table. The input loop, the help view and the man page all read
 * the same table, so they cannot disagree. */
#ifndef PVIEW_TUI_KEYS_H
#define PVIEW_TUI_KEYS_H

#include <stdio.h>

/* X(ID, name, section, help) */
#define PV_REQUESTS(X)                                                                        \
    X(MOVE_DOWN, "move-down", "Moving", "Select the next row")                               \
    X(MOVE_UP, "move-up", "Moving", "Select the previous row")                               \
    X(PAGE_DOWN, "page-down", "Moving", "Move down one screen")                              \
    X(PAGE_UP, "page-up", "Moving", "Move up one screen")                                    \
    X(MOVE_FIRST, "move-first", "Moving", "Select the first row")                            \
    X(MOVE_LAST, "move-last", "Moving", "Select the last row")                               \
    X(ENTER, "enter", "Views", "Peek at the selected function: callers and callees")         \
    X(BACK, "back", "Views", "Go back to the previous view (closes help and peek)")           \
    X(HELP, "help", "Views", "Show this help")                                               \
    X(FLAME, "flame", "Views", "Open the flame graph (hjkl, Enter zoom, Esc out)")                \
    X(SORT, "sort", "Views", "Sort by flat, then cum, then name")                            \
    X(NAME, "show-name", "Views", "Show the selected name whole (long C++ and Rust names)")    \
    X(LIST, "list", "Views", "Annotated source of the selected function (list)")             \
    X(HOT_FIRST, "hot-first", "Views", "In the source listing: jump to the hottest line")    \
    X(HOT_NEXT, "hot-next", "Views", "In the source listing: jump to the next hottest line") \
    X(ROUTINE_NEXT, "routine-next", "Views", "In the source listing: the next function")     \
    X(ROUTINE_PREV, "routine-prev", "Views", "In the source listing: the previous function") \
    X(ASM, "asm", "Views", "In the source listing: show or hide each line's assembly")       \
    X(EXPAND, "expand", "Views", "In the source listing: expand inlined calls (callee lines)") \
    X(SEARCH, "search", "Search", "Search names with a regular expression")                  \
    X(SEARCH_NEXT, "search-next", "Search", "Go to the next match")                          \
    X(SEARCH_PREV, "search-prev", "Search", "Go to the previous match")                      \
    X(FIND_NAME, "find-name", "Search", "Search for the selected function's name")           \
    X(BLOCK_NEXT, "next-stack", "Views", "traces: the next stack")                             \
    X(BLOCK_PREV, "prev-stack", "Views", "traces: the previous stack")                         \
    X(TAG_IGNORE, "tag-ignore", "Filters", "tags: tagignore on the selected value (Enter: tagfocus)") \
    X(FOCUS, "focus", "Filters", "Focus on the selected function (focus=^name$)")            \
    X(IGNORE, "ignore", "Filters", "Ignore samples through the selected function")           \
    X(HIDE, "hide", "Filters", "Hide the selected function from stacks")                     \
    X(UNDO, "undo", "Filters", "Undo the last filter or setting change")                     \
    X(RESET, "reset", "Filters", "Undo every change since start")                            \
    X(SAMPLE_NEXT, "sample-next", "Settings", "Next sample type (sample_index)")              \
    X(SAMPLE_PREV, "sample-prev", "Settings", "Previous sample type")                        \
    X(GRAN_NEXT, "granularity-next", "Settings",                                              \
      "Next granularity: functions, filefunctions, files, lines, addresses")                  \
    X(GRAN_PREV, "granularity-prev", "Settings", "Previous granularity")                     \
    X(NOINLINES, "noinlines", "Settings", "Toggle noinlines (charge inlined code to callers)") \
    X(LIVE_PAUSE, "live-pause", "Live", "Pause or resume the refresh (-refresh, :refresh=30s)")  \
    X(LIVE_DIFF, "live-change", "Live", "Show the change since the previous profile, or the profile") \
    X(PROMPT, "prompt", "Other", "Enter a pprof command (top20 -cum, focus=RE, ...)")         \
    X(SAVE, "save", "Other", "Save the view as text, as the batch report prints it (:save FILE)") \
    X(REDRAW, "redraw", "Other", "Redraw the screen")                                         \
    X(QUIT, "quit", "Other", "Quit")

typedef enum {
    PV_REQ_NONE = 0,
#define PV_REQ_ENUM(id, name, section, help) PV_REQ_##id,
    PV_REQUESTS(PV_REQ_ENUM)
#undef PV_REQ_ENUM
    PV_REQ_COUNT
} pv_request;

typedef struct {
    int key;        /* curses key code or character */
    pv_request req;
} pv_keybind;

extern const pv_keybind pv_keytable[];
extern const size_t pv_nkeys;

const char *pv_request_name(pv_request r);
const char *pv_request_section(pv_request r);
const char *pv_request_help(pv_request r);

/* The request bound to key, or PV_REQ_NONE. */
pv_request pv_key_request(int key);

/* A key's name as written in help and scripts: "j", "Down", "C-f", "F1", "Enter", "Space". */
void pv_key_name(int key, char *out, size_t len);
/* The key named name ("Down", "C-f", "F1", "x"), or -1. */
int pv_key_parse(const char *name);

/* All keys bound to r, as "j, Down". */
void pv_request_keys(pv_request r, char *out, size_t len);

/* The key section of the man page, in roff. */
void pv_keytable_man(FILE *out);

#endif
