/* Test mode input: a script of keys read from a file instead of the terminal.
 *
 * The file is text. Every character is a key press, except:
 *   - a newline, which is ignored (write <Enter> for the Enter key);
 *   - a line starting with "#" followed by a space or the end of the line: a comment;
 *   - <Name>: a named key (<Down>, <PgDn>, <C-f>, <F1>, <Enter>, <Esc>, <Tab>, <Space>, <lt>)
 *     or an action: <Dump> writes the screen as text to the dump file, <DumpRoles> the
 *     screen with the role of each cell, <Resize 100x30> resizes the virtual terminal,
 *     <Click ROW COL>, <DoubleClick ROW COL>, <WheelUp>, <WheelDown> are mouse events,
 *     <Signal INT|TERM|HUP> delivers that signal to pview itself, <Refresh> runs the live
 *     view's refresh at once (-refresh).
 * At the end of the script the screen is dumped (unless the last event was a dump) and
 * pview quits as if q were pressed. */
#ifndef PVIEW_TUI_SCRIPT_H
#define PVIEW_TUI_SCRIPT_H

#include <stddef.h>

typedef enum {
    PV_EV_KEY,
    PV_EV_DUMP,
    PV_EV_DUMP_ROLES,
    PV_EV_RESIZE,   /* a = cols, b = lines */
    PV_EV_CLICK,    /* a = row, b = col */
    PV_EV_DOUBLE,   /* a = row, b = col */
    PV_EV_WHEEL_UP,
    PV_EV_WHEEL_DOWN,
    PV_EV_SIGNAL,   /* a = signal number */
    PV_EV_REFRESH,  /* test mode: run the live refresh now (-refresh) */
    PV_EV_TICK,     /* no key within the input timeout (live view: redraw the countdown) */
    PV_EV_EOF,
} pv_event_kind;

typedef struct {
    pv_event_kind kind;
    int key; /* PV_EV_KEY: curses key code, or pv_char_key(code point) */
    int a, b;
} pv_event;

/* Text characters at or above 0x100 are tagged so they cannot collide with curses key codes. */
#define PV_CHAR_TAG 0x1000000
static inline int pv_char_key(unsigned cp) { return cp >= 0x100 ? (int)(PV_CHAR_TAG | cp) : (int)cp; }

typedef struct {
    pv_event *events;
    size_t n, pos;
} pv_script;

/* Reads a script; returns 0, or -1 with "FILE:LINE: problem" in err. */
int pv_script_load(pv_script *s, const char *path, char *err, size_t errlen);
void pv_script_free(pv_script *s);

#endif
