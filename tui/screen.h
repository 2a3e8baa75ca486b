/* A virtual screen: a grid of cells, each a character and a semantic role. Views draw here;
 * the shell copies the grid to curses (or to a text dump in test mode) in one pass. */
#ifndef PVIEW_TUI_SCREEN_H
#define PVIEW_TUI_SCREEN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

/* Semantic roles; themes give each a style. Keep in step with pv_role_names[]. */
typedef enum {
    PV_ROLE_NORMAL = 0,
    PV_ROLE_HEADER,    /* top line: file, type, total */
    PV_ROLE_CRUMB,     /* filter breadcrumbs */
    PV_ROLE_COLHEAD,   /* column titles */
    PV_ROLE_SELECTION, /* selected row */
    PV_ROLE_HOT,       /* heat: >= 10% of total */
    PV_ROLE_WARM,      /* heat: >= 1% */
    PV_ROLE_COLD,      /* heat: < 1% */
    PV_ROLE_MATCH,     /* search match */
    PV_ROLE_STATUS,    /* selected item's line */
    PV_ROLE_MESSAGE,   /* informational message */
    PV_ROLE_ERROR,     /* error message */
    PV_ROLE_PROMPT,    /* : and / prompts */
    PV_ROLE_TITLE,     /* section titles (help, peek) */
    PV_ROLE_KEY,       /* key names in help */
    PV_ROLE_GROWTH,    /* diff: a value that grew over the base profile */
    PV_ROLE_SHRINK,    /* diff: a value that shrank */
    PV_ROLE_FLAME1,    /* flame frames coloured by package or library (flame = package): */
    PV_ROLE_FLAME2,    /* six roles, picked by a stable hash of the frame's package */
    PV_ROLE_FLAME3,
    PV_ROLE_FLAME4,
    PV_ROLE_FLAME5,
    PV_ROLE_FLAME6,
    PV_ROLE_COUNT
} pv_role;

extern const char *const pv_role_names[PV_ROLE_COUNT];
extern const char pv_role_letters[PV_ROLE_COUNT];

typedef struct {
    uint32_t ch;  /* Unicode code point; 0 for the right half of a wide character */
    uint8_t role;
} pv_cell;

typedef struct {
    int lines, cols;
    pv_cell *cells;
    bool utf8;          /* draw UTF-8; otherwise ASCII only, everything else escaped */
} pv_screen;

/* A byte range [start, end) of a string to draw with another role (search matches). */
typedef struct {
    size_t start, end;
} pv_span;

int pv_screen_resize(pv_screen *s, int lines, int cols); /* 0, or -1 on allocation failure */
void pv_screen_free(pv_screen *s);
void pv_screen_clear(pv_screen *s);

/* Fills n cells of line y from column x with spaces of role. */
void pv_screen_fill(pv_screen *s, int y, int x, int n, pv_role role);
/* Sets the role of n cells of line y from column x, keeping their characters. */
void pv_screen_paint(pv_screen *s, int y, int x, int n, pv_role role);

/* Draws UTF-8 text at (y, x) within width columns: control characters and invalid bytes are
 * escaped (\x1b), the text is cropped by display width with an ellipsis in the last column.
 * Bytes inside spans are drawn with span_role. Returns the columns used. */
int pv_screen_text(pv_screen *s, int y, int x, int width, pv_role role, const char *text,
                   const pv_span *spans, size_t nspans, pv_role span_role);

/* Display width of text as pv_screen_text would draw it (uncropped). */
int pv_text_width(const char *text, bool utf8);

/* Writes the grid as text (trailing blanks trimmed); with roles, a role map and legend follow. */
void pv_screen_dump(const pv_screen *s, FILE *out, bool roles, const char *const *legend);
/* Writes line y as text (trailing blanks dropped) and a newline. */
void pv_screen_write_line(const pv_screen *s, int y, FILE *out);

#endif
