/* Kept apart from tui.c: <term.h> defines macros (lines, columns) that collide with names. */
#include "tui/termseq.h"

#include <curses.h>
#include <string.h>
#include <term.h>

static size_t append(char *out, size_t len, size_t n, const char *cap)
{
    if (!cap || cap == (const char *)-1) return n;
    size_t k = strlen(cap);
    if (n + k >= len) return n;
    memcpy(out + n, cap, k);
    out[n + k] = 0;
    return n + k;
}

static const char *cap(const char *name)
{
    char buf[16];
    strncpy(buf, name, sizeof buf - 1); /* tigetstr takes a char * in older curses */
    buf[sizeof buf - 1] = 0;
    return tigetstr(buf);
}

size_t pv_termseq_restore(char *out, size_t len, bool mouse)
{
    size_t n = 0;
    if (!len) return 0;
    out[0] = 0;
    n = append(out, len, n, cap("sgr0"));
    if (mouse) {
        const char *xm = cap("XM");
        const char *kmous = cap("kmous");
        if (xm && xm != (const char *)-1) n = append(out, len, n, tiparm(xm, 0));
        else if (kmous && kmous != (const char *)-1 && kmous[0] == '\033')
            n = append(out, len, n, "\033[?1000l");
    }
    n = append(out, len, n, cap("rmkx"));
    n = append(out, len, n, cap("cnorm"));
    n = append(out, len, n, cap("rmcup"));
    return n;
}
