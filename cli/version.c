/* --version: pview's own version and those of the libraries it runs with. */
#include "cli/version.h"

#include <curses.h>
#include <elfutils/libdwfl.h>
#include <elfutils/version.h>
#include <protobuf-c/protobuf-c.h>
#include <string.h>
#include <zlib.h>

#include "pview_version.h" /* generated at build time: PVIEW_VERSION, PVIEW_GIT_DESCRIBE */

const char *pv_version(void)
{
    return PVIEW_VERSION;
}

const char *pv_version_git(void)
{
    return PVIEW_GIT_DESCRIBE;
}

void pv_print_version(FILE *out)
{
    if (PVIEW_GIT_DESCRIBE[0]) fprintf(out, "pview %s (git %s)\n", PVIEW_VERSION, PVIEW_GIT_DESCRIBE);
    else fprintf(out, "pview %s\n", PVIEW_VERSION);

    /* curses_version() says "ncurses 6.4.20221231"; keep the number only */
    const char *nc = curses_version();
    if (!strncmp(nc, "ncurses ", 8)) nc += 8;
    fprintf(out, "ncurses %s (built with %s.%d)\n", nc, NCURSES_VERSION, NCURSES_VERSION_PATCH);
    fprintf(out, "zlib %s (built with %s)\n", zlibVersion(), ZLIB_VERSION);
    fprintf(out, "protobuf-c %s (built with %s)\n", protobuf_c_version(), PROTOBUF_C_VERSION);
    /* dwfl_version(NULL) is libdw's run-time version; _ELFUTILS_VERSION is major*1000+minor */
    const char *dw = dwfl_version(NULL);
    fprintf(out, "elfutils %s (built with %d.%d)\n", dw ? dw : "unknown", _ELFUTILS_VERSION / 1000,
            _ELFUTILS_VERSION % 1000);
}
