/* Terminal capability strings the shell needs outside curses: the sequence that undoes what
 * curses did to the terminal, written by the crash handler without calling curses. */
#ifndef PVIEW_TUI_TERMSEQ_H
#define PVIEW_TUI_TERMSEQ_H

#include <stdbool.h>
#include <stddef.h>

/* Writes into out (len bytes, NUL-terminated) the terminal's sgr0, mouse-off (XM or the xterm
 * default, when mouse is set), rmkx, cnorm and rmcup, in that order: the last bytes leave the
 * alternate screen. Needs the current curses terminal (after newterm). Returns the length. */
size_t pv_termseq_restore(char *out, size_t len, bool mouse);

#endif
