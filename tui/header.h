/* The header lines and the name popup (header.c). Private to tui/. */
#ifndef PVIEW_TUI_HEADER_H
#define PVIEW_TUI_HEADER_H

#include "tui/app.h"

/* Line 0: the profile(s), the sample type, the duration, the share left under filters. */
void pv_draw_header(pv_app *a);
/* Line 1: the settings as values, then the filter steps as crumbs. */
void pv_draw_crumbs(pv_app *a);
/* Line y: the warning that stays (pv_app_alert), if any. Returns whether it drew one. */
bool pv_draw_alert(pv_app *a, int y);
/* a->popup wrapped over the body, from a->popup_top. */
void pv_draw_popup(pv_app *a);

#endif
