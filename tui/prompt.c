/* The ':' prompt (pprof's REPL words, run by commands.c) and the '/' search prompt: the line
 * editor (lineedit.c), history, Tab completion, and drawing. */
#include <ctype.h>
#include <curses.h>
#include <stdlib.h>
#include <string.h>

#include "profile/filter.h"
#include "profile/util.h"
#include "tui/app.h"
#include "tui/commands.h"
#include "tui/lineedit.h"
#include "tui/script.h"

struct pv_prompt {
    int kind; /* ':' or '/' */
    pv_lineedit ed;
};

char *pv_regex_quote(const char *name)
{
    size_t n = strlen(name);
    char *out = malloc(2 * n + 3), *o = out;
    if (!out) return NULL;
    *o++ = '^';
    for (const char *s = name; *s; s++) {
        if (strchr("\\.+*?()|[]{}^$", *s)) *o++ = '\\';
        *o++ = *s;
    }
    *o++ = '$';
    *o = 0;
    return out;
}

/* --- search ----------------------------------------------------------------------- */

static bool row_matches(pv_app *a, pv_view *v, size_t row)
{
    const char *name = v->ops->row_name ? v->ops->row_name(v, row) : NULL;
    return name && regexec(&a->search, name, 0, NULL, 0) == 0;
}

unsigned pv_search_step(pv_app *a, int dir, bool include_current)
{
    pv_view *v = pv_app_view(a);
    if (v->ops->search && a->has_search) return v->ops->search(a, v, dir, include_current);
    if (!a->has_search) {
        pv_app_message(a, PV_ROLE_MESSAGE, "no search yet: press / to search");
        return PV_CH_DRAW;
    }
    size_t n = v->ops->nrows(v);
    for (size_t k = include_current ? 0 : 1; n && k <= n; k++) {
        size_t row = dir > 0 ? (v->sel + k) % n : (v->sel + n - k % n) % n;
        if (row_matches(a, v, row)) {
            bool wrapped = dir > 0 ? row < v->sel : row > v->sel;
            v->sel = row;
            if (wrapped) pv_app_message(a, PV_ROLE_MESSAGE, "search wrapped around");
            return PV_CH_DRAW;
        }
    }
    pv_app_message(a, PV_ROLE_ERROR, "no match for %s", a->search_text);
    return PV_CH_DRAW;
}

unsigned pv_search_set(pv_app *a, const char *re)
{
    regex_t r;
    char msg[512];
    if (pv_regex_compile_posix(&r, re, 0, msg, sizeof msg) != 0) { /* pprof's spelling, as :focus= */
        pv_app_message(a, PV_ROLE_ERROR, "search: %s", msg);
        return PV_CH_DRAW;
    }
    if (a->has_search) regfree(&a->search);
    a->search = r;
    a->has_search = true;
    snprintf(a->search_text, sizeof a->search_text, "%s", re);
    return pv_search_step(a, 1, true);
}

/* --- completion --------------------------------------------------------------------- */

typedef struct {
    char **items;
    size_t n;
} strlist;

static void sl_add(strlist *l, const char *s)
{
    for (size_t i = 0; i < l->n; i++)
        if (!strcmp(l->items[i], s)) return;
    char *c = strdup(s);
    if (c) pv_strv_add(&l->items, &l->n, c);
}

static void function_candidates(pv_app *a, const char *word, strlist *out)
{
    /* prefix matches first; pprof matches substrings, so fall back to those */
    for (int pass = 0; pass < 2 && !out->n; pass++)
        for (size_t i = 0; i < a->model->nfunctions; i++) {
            const char *fn = pv_str(a->model, a->model->functions[i].name);
            if (pass == 0 ? !strncmp(fn, word, strlen(word)) : strstr(fn, word) != NULL) sl_add(out, fn);
        }
}

/* tagfocus=KEY=VALUE: label keys first, then the values of the key typed */
static void tag_candidates(pv_app *a, const char *val, strlist *out, char **prefix_extra)
{
    const pv_model *m = a->model;
    const char *eq = strchr(val, '=');
    size_t nl = m->label_off[m->nsamples];
    for (size_t i = 0; i < nl; i++) {
        const pv_label *l = &m->labels[i];
        const char *key = pv_str(m, l->key);
        if (!eq) {
            if (!strncmp(key, val, strlen(val))) {
                char *k = pv_asprintf("%s=", key);
                if (k) sl_add(out, k);
                free(k);
            }
        } else if (strlen(key) == (size_t)(eq - val) && !strncmp(key, val, (size_t)(eq - val)) && l->str) {
            const char *v = pv_str(m, l->str);
            if (!strncmp(v, eq + 1, strlen(eq + 1))) sl_add(out, v);
        }
        if (out->n > 10000) break;
    }
    if (eq) *prefix_extra = strndup(val, (size_t)(eq - val + 1));
}

static void complete(pv_app *a, struct pv_prompt *p)
{
    char *line = pv_lineedit_utf8(&p->ed, 0, p->ed.cur);
    if (!line) return;
    char *word = strrchr(line, ' ');
    word = word ? word + 1 : line;
    bool first = word == line + strspn(line, " ");
    strlist c = {0};
    char *prefix = strdup("");
    const char *eq = strchr(word, '=');
    if (first && !eq) {
        for (const pv_command_def *cmd = pv_commands; cmd->name; cmd++)
            if (!strncmp(cmd->name, word, strlen(word))) sl_add(&c, cmd->name);
        for (const pv_setting *s = pv_settings; s->name; s++)
            if (!strncmp(s->name, word, strlen(word))) {
                char *t = pv_asprintf("%s=", s->name);
                if (t) sl_add(&c, t);
                free(t);
            }
        for (size_t i = 0; i < a->model->ntypes; i++) {
            const char *t = pv_str(a->model, a->model->sample_types[i].type);
            if (!strncmp(t, word, strlen(word))) sl_add(&c, t);
        }
    } else {
        const char *val = word;
        if (eq) {
            free(prefix);
            prefix = strndup(word, (size_t)(eq - word + 1));
            val = eq + 1;
            char *name = strndup(word, (size_t)(eq - word));
            const pv_setting *s = name ? pv_setting_find(name) : NULL;
            if (s && !strcmp(s->name, "sample_index")) {
                for (size_t i = 0; i < a->model->ntypes; i++) {
                    const char *t = pv_str(a->model, a->model->sample_types[i].type);
                    if (!strncmp(t, val, strlen(val))) sl_add(&c, t);
                }
            } else if (s && s->choices) {
                for (size_t i = 0; s->choices[i]; i++)
                    if (!strncmp(s->choices[i], val, strlen(val))) sl_add(&c, s->choices[i]);
            } else if (s && s->type == PV_SET_BOOL) {
                static const char *const tf[] = {"true", "false"};
                for (size_t i = 0; i < 2; i++)
                    if (!strncmp(tf[i], val, strlen(val))) sl_add(&c, tf[i]);
            } else if (s && (!strcmp(s->name, "tagfocus") || !strcmp(s->name, "tagignore") ||
                             !strcmp(s->name, "tagshow") || !strcmp(s->name, "taghide"))) {
                char *extra = NULL;
                tag_candidates(a, val, &c, &extra);
                if (extra) {
                    char *np = pv_asprintf("%s%s", prefix, extra);
                    if (np) {
                        free(prefix);
                        prefix = np;
                        val = strchr(val, '=') + 1;
                    }
                    free(extra);
                }
            } else if (s && (!strcmp(s->name, "tagroot") || !strcmp(s->name, "tagleaf"))) {
                /* a comma-separated list of label keys: complete the last one */
                const char *comma = strrchr(val, ',');
                const char *key = comma ? comma + 1 : val;
                const pv_model *m = a->model;
                for (size_t i = 0; i < m->label_off[m->nsamples] && c.n <= 10000; i++) {
                    const char *k = pv_str(m, m->labels[i].key);
                    if (!strncmp(k, key, strlen(key))) sl_add(&c, k);
                }
                if (comma) {
                    char *np = pv_asprintf("%s%.*s", prefix, (int)(key - val), val);
                    if (np) {
                        free(prefix);
                        prefix = np;
                        val = key;
                    }
                }
            } else if (s && s->type == PV_SET_STRING) {
                function_candidates(a, val, &c);
            }
            free(name);
        } else {
            if (*val == '-') {
                free(prefix);
                prefix = strdup("-");
                val++;
            }
            function_candidates(a, val, &c);
        }
    }
    if (!c.n) {
        pv_app_message(a, PV_ROLE_MESSAGE, "no completions");
        goto out;
    }
    /* the longest common prefix of the candidates */
    size_t common = strlen(c.items[0]);
    for (size_t i = 1; i < c.n; i++) {
        size_t k = 0;
        while (k < common && c.items[i][k] == c.items[0][k]) k++;
        common = k;
    }
    size_t plen = prefix ? strlen(prefix) : 0;
    size_t vlen = strlen(word) > plen ? strlen(word) - plen : 0;
    char *repl = NULL;
    if (c.n == 1) repl = pv_asprintf("%s%s", prefix, c.items[0]);
    else if (common >= vlen) repl = pv_asprintf("%s%.*s", prefix, (int)common, c.items[0]);
    if (repl && strcmp(repl, word)) {
        /* replace the word before the cursor */
        size_t wstart = p->ed.cur;
        char *before = pv_lineedit_utf8(&p->ed, 0, p->ed.cur);
        size_t wl = strlen(word), bl = before ? strlen(before) : 0;
        /* count the word's code points */
        size_t cps = 0;
        for (size_t i = 0; i < wl; i++)
            if (((unsigned char)word[i] & 0xc0) != 0x80) cps++;
        (void)bl;
        wstart = p->ed.cur >= cps ? p->ed.cur - cps : 0;
        pv_lineedit_delete(&p->ed, wstart, p->ed.cur);
        pv_lineedit_insert(&p->ed, repl);
        free(before);
    }
    free(repl);
    if (c.n > 1) {
        size_t cap = 64;
        for (size_t i = 0; i < c.n && cap < 4096; i++) cap += strlen(c.items[i]) + 1;
        char *list = malloc(cap);
        if (list) {
            size_t o = (size_t)snprintf(list, cap, "%zu completions:", c.n);
            for (size_t i = 0; i < c.n && o < cap; i++) o += (size_t)snprintf(list + o, cap - o, " %s", c.items[i]);
            pv_app_message(a, PV_ROLE_MESSAGE, "%s", list);
            free(list);
        }
    }
out:
    pv_strv_free(c.items, c.n);
    free(prefix);
    free(line);
}

/* --- the prompt --------------------------------------------------------------------- */

void pv_prompt_open(pv_app *a, int kind)
{
    pv_prompt_free(a);
    a->prompt = calloc(1, sizeof *a->prompt);
    if (!a->prompt) return;
    a->prompt->kind = kind;
    pv_lineedit_init(&a->prompt->ed, a->nhistory);
}

void pv_prompt_free(pv_app *a)
{
    if (a->prompt) pv_lineedit_free(&a->prompt->ed);
    free(a->prompt);
    a->prompt = NULL;
}

static void remember(pv_app *a, const char *line)
{
    if (!line[1]) return;
    if (a->nhistory && !strcmp(a->history[a->nhistory - 1], line)) return;
    char *c = strdup(line);
    if (c) pv_strv_add(&a->history, &a->nhistory, c);
}

unsigned pv_prompt_key(pv_app *a, int key)
{
    struct pv_prompt *p = a->prompt;
    bool is_char = (key & PV_CHAR_TAG) != 0;
    int k = is_char ? key & ~PV_CHAR_TAG : key;
    if (!is_char && k >= 32 && k < 127) is_char = true; /* plain ASCII from scripts */
    char want[2] = {(char)p->kind, 0};
    switch (pv_lineedit_key(&p->ed, k, is_char, a->history, a->nhistory, want)) {
    case PV_LE_SUBMIT: {
        char *text = pv_lineedit_utf8(&p->ed, 0, p->ed.len);
        char *line = text ? pv_asprintf("%c%s", p->kind, text) : NULL;
        int kind = p->kind;
        free(text);
        pv_prompt_free(a);
        if (!line) return PV_CH_DRAW;
        remember(a, line);
        unsigned ch;
        if (kind == '/') ch = !line[1] && a->has_search ? pv_search_step(a, 1, false)
                              : line[1] ? pv_search_set(a, line + 1) : PV_CH_DRAW;
        else ch = pv_command(a, line + 1);
        free(line);
        return ch;
    }
    case PV_LE_CANCEL: pv_prompt_free(a); return PV_CH_DRAW;
    case PV_LE_COMPLETE:
        if (p->kind == ':') complete(a, p);
        return PV_CH_DRAW;
    case PV_LE_EDITED: return PV_CH_DRAW;
    case PV_LE_NONE:
    case PV_LE_UNHANDLED: return PV_CH_NONE;
    }
    return PV_CH_NONE;
}

int pv_prompt_draw(pv_app *a, int y)
{
    struct pv_prompt *p = a->prompt;
    pv_screen *s = &a->scr;
    pv_screen_fill(s, y, 0, s->cols, PV_ROLE_NORMAL);
    char mark[2] = {(char)p->kind, 0};
    pv_screen_text(s, y, 0, 1, PV_ROLE_PROMPT, mark, NULL, 0, 0);
    /* scroll so the cursor stays on screen */
    size_t start = 0;
    char *before = NULL;
    for (;;) {
        free(before);
        before = pv_lineedit_utf8(&p->ed, start, p->ed.cur);
        if (!before || 1 + pv_text_width(before, s->utf8) < s->cols - 1 || start >= p->ed.cur) break;
        start++;
    }
    char *all = pv_lineedit_utf8(&p->ed, start, p->ed.len);
    if (all) pv_screen_text(s, y, 1, s->cols - 1, PV_ROLE_PROMPT, all, NULL, 0, 0);
    int cx = 1 + (before ? pv_text_width(before, s->utf8) : 0);
    free(before);
    free(all);
    return cx < s->cols ? cx : s->cols - 1;
}
