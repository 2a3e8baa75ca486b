/* libFuzzer harness: the TUI's ':' command line (pprof's REPL words) and '/' search, through
 * the prompt's key handling (editing, history, Tab completion, Enter). No terminal is opened:
 * the shell state (pv_app) is set up as the TUI does, with a top view over a small fixed
 * profile; ncurses is linked only for its key codes and the views' drawing code, which is not
 * called. After a command that changes settings, the report is rebuilt and the views reload,
 * as the TUI's main loop does (simplified: a failed build keeps the old report; the old report
 * is freed rather than kept for undo).
 *
 * Input: a stream of keys. A ':' prompt is open at the start and after each Enter (a '/'
 * byte right after an Enter opens the search prompt instead). Bytes below 0x80 are keys as
 * the terminal sends them (\n Enter, \t Tab, 27 Esc, 127/8 Backspace, C-a, C-e, C-u, C-w);
 * 0x80-0x87 are the arrow, Home, End and Delete keys; other bytes are non-ASCII characters. */
#include <curses.h>
#include <stddef.h>
#include <stdio.h>
#include <unistd.h>
#include <stdint.h>
#include <string.h>

#include "fuzz/common.h"
#include "fuzz/fixed.h"
#include "fuzz/scratch.h"
#include "profile/report.h"
#include "tui/app.h"
#include "tui/script.h"

static pv_model *model;

static void install(pv_app *a)
{
    char err[512];
    pv_report *r = pv_report_build(a->model, a->opts, err, sizeof err);
    if (!r) {
        pv_app_message(a, PV_ROLE_ERROR, "%s", err);
        return;
    }
    pv_print_top(fz_sink(), r);
    pv_app_products_clear(a); /* the cached products belong to the old report */
    pv_report *old = a->report;
    a->report = r;
    a->report_by_name = false;
    for (int i = 0; i < a->nviews; i++) {
        pv_view *v = &a->views[i];
        if (v->ops->reload && (v->ops->reload(a, v) & PV_CH_CLOSE) && i > 0) {
            while (a->nviews > i && a->nviews > 1) {
                pv_view *t = &a->views[a->nviews - 1];
                if (t->ops->close)
                    t->ops->close(t);
                a->nviews--;
            }
            break;
        }
    }
    pv_report_free(old);
    a->stash_report = false;
}

static void app_free(pv_app *a)
{
    for (int i = a->nviews - 1; i >= 0; i--)
        if (a->views[i].ops->close)
            a->views[i].ops->close(&a->views[i]);
    pv_prompt_free(a);
    pv_app_live_free(a);
    pv_app_products_clear(a);
    free(a->file);
    free(a->popup);
    free(a->base_label);
    for (size_t i = 0; i < a->nsteps; i++) {
        pv_options_free(&a->steps[i].before);
        free(a->steps[i].label);
        pv_report_free(a->steps[i].report);
    }
    free(a->steps);
    pv_options_free(&a->initial);
    pv_report_free(a->report);
    if (a->has_search)
        regfree(&a->search);
    for (size_t i = 0; i < a->nhistory; i++)
        free(a->history[i]);
    free(a->history);
    for (size_t i = 0; i < a->nwarnings; i++)
        free(a->warnings[i]);
    free(a->warnings);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const int special[] = {KEY_UP, KEY_DOWN, KEY_LEFT, KEY_RIGHT, KEY_HOME, KEY_END, KEY_DC, KEY_BACKSPACE};
    if (!model) {
        model = fz_fixed_model();
        fz_scratch_enter(); /* commands write files where they are told */
    }
    pv_options o;
    pv_options_init(&o);
    pv_app a;
    memset(&a, 0, sizeof a);
    a.model = model;
    a.opts = &o;
    a.file = strdup("fuzz");
    a.glyphs = (pv_glyphs){"~", " > ", "^", "v", ">"};
    if (pv_options_copy(&a.initial, &o) != 0)
        abort();
    install(&a);
    pv_app_open(&a, "top", NULL);
    bool open = false;
    for (size_t i = 0; i < size; i++) {
        int key = data[i];
        if (!open) {
            open = true;
            pv_prompt_open(&a, key == '/' ? '/' : ':');
            if (key == '/')
                continue;
        }
        if (key >= 0x80)
            key = key < 0x88 ? special[key - 0x80] : pv_char_key(0x100u + (unsigned)key);
        unsigned ch = pv_prompt_key(&a, key);
        if (!a.prompt)
            open = false;
        if (ch & PV_CH_QUIT)
            break;
        if (ch & PV_CH_REBUILD)
            install(&a);
    }
    app_free(&a);
    pv_options_free(&o);
    fz_scratch_empty();
    return 0;
}
