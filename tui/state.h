/* The settings steps and the report over the current settings. Private to tui/. */
#ifndef PVIEW_TUI_STATE_H
#define PVIEW_TUI_STATE_H

#include "tui/app.h"

/* Pops the last step. PV_CH_NONE if there is none, PV_CH_DRAW if the step's report was kept
 * and is back in place, else PV_CH_REBUILD. */
unsigned pv_state_undo(pv_app *a);
/* Pops every step; the last pop decides the result. */
unsigned pv_state_reset(pv_app *a);
/* Makes r the current report (taking it) and lets every view reload from it. */
void pv_state_install(pv_app *a, pv_report *r, bool by_name);
/* Rebuilds the report from the settings; on failure undoes the step that caused it. */
unsigned pv_state_rebuild(pv_app *a);
/* Sorts the rows by name in place, keeping the selected function selected. */
unsigned pv_state_sort_by_name(pv_app *a);

#endif
