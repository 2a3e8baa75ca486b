/* A one-line editor: text as code points, a cursor, emacs-style keys, history browsing over
 * a list the caller owns. Knows nothing of pview: the prompt (prompt.c) uses it. */
#ifndef PVIEW_TUI_LINEEDIT_H
#define PVIEW_TUI_LINEEDIT_H

#include <stddef.h>
#include <stdint.h>

typedef struct {
    uint32_t *text; /* code points, len of them (no limit but memory) */
    size_t len, cap, cur;
    size_t hist;    /* position while browsing the history; nhist when not */
} pv_lineedit;

typedef enum {
    PV_LE_NONE,    /* the key did nothing */
    PV_LE_EDITED,  /* text or cursor changed */
    PV_LE_SUBMIT,  /* Enter */
    PV_LE_CANCEL,  /* Esc, or Backspace on an empty line */
    PV_LE_COMPLETE, /* Tab: the caller completes */
    PV_LE_UNHANDLED,
} pv_le_result;

void pv_lineedit_init(pv_lineedit *e, size_t nhist);
void pv_lineedit_free(pv_lineedit *e);

/* Replaces the text with s (UTF-8); the cursor goes to the end. 0, or -1 out of memory. */
int pv_lineedit_set(pv_lineedit *e, const char *s);
/* Inserts s (UTF-8) at the cursor. */
int pv_lineedit_insert(pv_lineedit *e, const char *s);
/* The text from code point a to b as UTF-8 (malloc'd). */
char *pv_lineedit_utf8(const pv_lineedit *e, size_t a, size_t b);
/* Deletes code points [a, b) and puts the cursor at a. */
void pv_lineedit_delete(pv_lineedit *e, size_t a, size_t b);

/* Handles one key: printable code points (ch >= 32, not a curses key code) are inserted;
 * editing keys (Left, Right, Home/C-a, End/C-e, Backspace, Delete, C-u, C-w, C-k) edit;
 * Up/Down browse hist[0..nhist), whose entries are compared after skipping skip_prefix
 * bytes and only used when they start with want_prefix (NULL: all). */
pv_le_result pv_lineedit_key(pv_lineedit *e, int key, int is_char, char *const *hist, size_t nhist,
                             const char *want_prefix);

#endif
