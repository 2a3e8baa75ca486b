/* Colour themes: a style for each semantic role, read from small text files (themes/). */
#ifndef PVIEW_TUI_THEME_H
#define PVIEW_TUI_THEME_H

#include <stdbool.h>
#include <stddef.h>

#include "tui/screen.h"

enum { PV_ATTR_BOLD = 1, PV_ATTR_DIM = 2, PV_ATTR_UNDERLINE = 4, PV_ATTR_REVERSE = 8, PV_ATTR_ITALIC = 16 };

/* A colour: -1 for the terminal's default, 0..255 for a palette entry, or PV_RGB(r, g, b)
 * for a direct colour (#rrggbb in theme files). */
#define PV_RGB_FLAG 0x1000000
#define PV_RGB(r, g, b) (PV_RGB_FLAG | (r) << 16 | (g) << 8 | (b))

typedef struct {
    int fg, bg;     /* colours as above */
    unsigned attrs; /* PV_ATTR_* */
} pv_style;

typedef struct {
    char name[64];
    pv_style roles[PV_ROLE_COUNT];
    int max_colour; /* highest palette number used; -1 when none (monochrome or all #rrggbb) */
    int rgb;        /* how many colours are #rrggbb */
    bool flame_package; /* "flame = package": flame frames coloured by package (flame1..6),
                         * else ("flame = heat", the default) by heat */
} pv_theme;

/* Parses theme text ("role = fg bg attr...", # comments). Returns 0, or -1 with
 * "line N: problem" in err. Roles not mentioned keep the built-in default's style. */
int pv_theme_parse(pv_theme *t, const char *name, const char *text, char *err, size_t errlen);

/* The built-in themes, always available: "default" and "monochrome". */
void pv_theme_builtin(pv_theme *t, const char *name);

/* Picks and loads the theme: cli_name, else $PVIEW_THEME, else "theme = NAME" in
 * $XDG_CONFIG_HOME/pview/config (~/.config/pview/config), else "default". NAME is a path if it
 * contains '/', else looked up as NAME.theme in the user's config dir, the source tree (only
 * for a binary run from its build directory), share/pview/themes beside the running binary's
 * bin/ (any install prefix) and the configured data dir. On any problem t is the built-in
 * default and warn says why (else ""). */
void pv_theme_choose(pv_theme *t, const char *cli_name, char *warn, size_t warnlen);

/* Fits t to the terminal: with direct colour every colour becomes #rrggbb, as curses takes
 * them on a direct-colour terminal (palette numbers as xterm's palette, and colours 0..7 kept,
 * which such terminals read as the ANSI colours); else each #rrggbb becomes the nearest entry
 * of xterm's 256-colour cube and grey ramp (colours >= 256) or of the 8 ANSI colours. Palette
 * numbers are left alone: the caller decides what to do when max_colour >= colours. */
void pv_theme_fit(pv_theme *t, int colours, int direct);

/* Calls cb with the name of every theme -theme takes: the built-in ones, then NAME.theme in
 * the user's config dir, the source tree and the installed data dir (a name may repeat). */
void pv_theme_list(void (*cb)(const char *name, void *ctx), void *ctx);

/* Describes a style for test dumps ("fg=red bg=default bold"). */
void pv_style_describe(const pv_style *st, char *out, size_t len);

#endif
