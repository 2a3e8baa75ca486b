/* The ':' prompt (pprof's REPL words) and the '/' search prompt: a one-line editor with
 * history and Tab completion, and the interpreter of what is typed there. */
#include <ctype.h>
#include <curses.h>
#include <stdlib.h>
#include <string.h>

#include "tui/app.h"
#include "tui/script.h"

#define PROMPT_MAX 1024

struct pv_prompt {
    int kind;               /* ':' or '/' */
    uint32_t text[PROMPT_MAX];
    size_t len, cur;        /* in code points */
    size_t hist;            /* history position while browsing; nhistory when not */
};

/* --- text helpers ------------------------------------------------------------------- */

static size_t to_utf8(const uint32_t *cp, size_t n, char *out, size_t len)
{
    size_t o = 0;
    for (size_t i = 0; i < n; i++) {
        uint32_t c = cp[i];
        char b[4];
        size_t k;
        if (c < 0x80) { b[0] = (char)c; k = 1; }
        else if (c < 0x800) { b[0] = (char)(0xc0 | (c >> 6)); b[1] = (char)(0x80 | (c & 0x3f)); k = 2; }
        else if (c < 0x10000) {
            b[0] = (char)(0xe0 | (c >> 12)); b[1] = (char)(0x80 | ((c >> 6) & 0x3f));
            b[2] = (char)(0x80 | (c & 0x3f)); k = 3;
        } else {
            b[0] = (char)(0xf0 | (c >> 18)); b[1] = (char)(0x80 | ((c >> 12) & 0x3f));
            b[2] = (char)(0x80 | ((c >> 6) & 0x3f)); b[3] = (char)(0x80 | (c & 0x3f)); k = 4;
        }
        if (o + k + 1 > len) break;
        memcpy(out + o, b, k);
        o += k;
    }
    out[o] = 0;
    return o;
}

static void set_text(struct pv_prompt *p, const char *s)
{
    p->len = 0;
    const unsigned char *u = (const unsigned char *)s;
    while (*u && p->len < PROMPT_MAX) {
        uint32_t c = *u;
        size_t n = 1;
        if (c >= 0xf0) { c &= 0x07; n = 4; }
        else if (c >= 0xe0) { c &= 0x0f; n = 3; }
        else if (c >= 0xc0) { c &= 0x1f; n = 2; }
        for (size_t k = 1; k < n && u[k]; k++) c = (c << 6) | (u[k] & 0x3f);
        for (size_t k = 0; k < n && *u; k++) u++;
        p->text[p->len++] = c;
    }
    p->cur = p->len;
}

void pv_regex_quote(const char *name, char *out, size_t len)
{
    size_t o = 0;
    if (len < 3) {
        if (len) out[0] = 0;
        return;
    }
    out[o++] = '^';
    for (const char *s = name; *s && o + 3 < len; s++) {
        if (strchr("\\.+*?()|[]{}^$", *s)) out[o++] = '\\';
        out[o++] = *s;
    }
    out[o++] = '$';
    out[o] = 0;
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
    if (!a->has_search) {
        pv_app_message(a, PV_ROLE_MESSAGE, "no search yet: press / to search");
        return PV_CH_DRAW;
    }
    if (v->ops->search) return v->ops->search(a, v, dir, include_current);
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
    int rc = regcomp(&r, re, REG_EXTENDED);
    if (rc) {
        char msg[256];
        regerror(rc, &r, msg, sizeof msg);
        pv_app_message(a, PV_ROLE_ERROR, "search %s: %s", re, msg);
        return PV_CH_DRAW;
    }
    if (a->has_search) regfree(&a->search);
    a->search = r;
    a->has_search = true;
    snprintf(a->search_text, sizeof a->search_text, "%s", re);
    return pv_search_step(a, 1, true);
}

/* --- the REPL words ------------------------------------------------------------------ */

static bool is_option(const char *name)
{
    for (const char *const *n = pv_option_names; *n; n++)
        if (!strcmp(*n, name)) return true;
    return false;
}

static bool is_sample_type(const pv_app *a, const char *name)
{
    for (size_t i = 0; i < a->model->ntypes; i++)
        if (!strcmp(pv_str(a->model, a->model->sample_types[i].type), name)) return true;
    return false;
}

static void trim(char *s)
{
    size_t n = strlen(s);
    while (n && isspace((unsigned char)s[n - 1])) s[--n] = 0;
    size_t k = strspn(s, " \t");
    memmove(s, s + k, n - k + 1);
}

static void cat_regex(char *dst, size_t len, const char *add)
{
    size_t n = strlen(dst);
    snprintf(dst + n, len - n, "%s%s", n ? "|" : "", add);
}

/* top, top20, top 20 -cum REGEX -REGEX: pprof's parseCommandLine for the top table */
static unsigned cmd_top(pv_app *a, const char *line, char **tok, size_t ntok)
{
    char nodecount[32] = "", focus[1024] = "", ignore[1024] = "";
    bool cum = false;
    const char *digits = tok[0] + 3;
    if (*digits) snprintf(nodecount, sizeof nodecount, "%s", digits);
    for (size_t i = 1; i < ntok; i++) {
        char *end;
        long v = strtol(tok[i], &end, 10);
        (void)v;
        if (!*end && end != tok[i]) snprintf(nodecount, sizeof nodecount, "%s", tok[i]);
        else if (!strcmp(tok[i], "-cum") || !strcmp(tok[i], "--cum")) cum = true;
        else if (tok[i][0] == '-') cat_regex(ignore, sizeof ignore, tok[i] + 1);
        else cat_regex(focus, sizeof focus, tok[i]);
    }
    /* pprof's top shows 10 rows unless told otherwise */
    if (!nodecount[0] && a->opts->nodecount <= 0) snprintf(nodecount, sizeof nodecount, "10");
    const char *names[5], *values[5];
    size_t n = 0;
    char fbuf[2048], ibuf[2048];
    if (nodecount[0]) { names[n] = "nodecount"; values[n++] = nodecount; }
    names[n] = "cum"; values[n++] = cum ? "true" : "false";
    if (focus[0]) {
        snprintf(fbuf, sizeof fbuf, "%s", a->opts->focus ? a->opts->focus : "");
        cat_regex(fbuf, sizeof fbuf, focus);
        names[n] = "focus"; values[n++] = fbuf;
    }
    if (ignore[0]) {
        snprintf(ibuf, sizeof ibuf, "%s", a->opts->ignore ? a->opts->ignore : "");
        cat_regex(ibuf, sizeof ibuf, ignore);
        names[n] = "ignore"; values[n++] = ibuf;
    }
    unsigned ch = pv_app_set(a, line, names, values, n);
    if (ch & PV_CH_REBUILD) {
        a->sort = cum ? PV_SORT_CUM : PV_SORT_FLAT;
        while (a->nviews > 1) {
            pv_view *v = pv_app_view(a);
            if (v->ops->close) v->ops->close(v);
            a->nviews--;
        }
    }
    return ch;
}

unsigned pv_command(pv_app *a, const char *input)
{
    char line[2048];
    snprintf(line, sizeof line, "%s", input);
    trim(line);
    if (!line[0]) return PV_CH_DRAW;
    if (!strcmp(line, ":")) {
        const char *names[] = {"focus", "ignore", "hide", "tagfocus", "tagignore"};
        const char *values[] = {"", "", "", "", ""};
        return pv_app_set(a, ":", names, values, 5);
    }
    /* name=value */
    char *eq = strchr(line, '=');
    if (eq) {
        char name[256];
        snprintf(name, sizeof name, "%.*s", (int)(eq - line), line);
        trim(name);
        char *value = eq + 1;
        trim(value);
        if (!strcmp(name, "sort") && (!strcmp(value, "cum") || !strcmp(value, "flat")))
            return pv_command(a, value);
        if (is_option(name)) {
            char label[2048];
            snprintf(label, sizeof label, "%s=%s", name, value);
            const char *names[] = {name};
            const char *values[] = {value};
            unsigned ch = pv_app_set(a, label, names, values, 1);
            if ((ch & PV_CH_REBUILD) && !strcmp(name, "cum"))
                a->sort = a->opts->cum ? PV_SORT_CUM : PV_SORT_FLAT;
            return ch;
        }
    }
    char *tok[64];
    size_t ntok = 0;
    char work[2048];
    snprintf(work, sizeof work, "%s", line);
    for (char *t = strtok(work, " \t"); t && ntok < 64; t = strtok(NULL, " \t")) tok[ntok++] = t;
    const char *cmd = tok[0];
    if (!strcmp(cmd, "q") || !strcmp(cmd, "quit") || !strcmp(cmd, "exit")) return PV_CH_QUIT;
    if (!strcmp(cmd, "o") || !strcmp(cmd, "options")) return pv_app_open(a, "options", NULL);
    if (!strcmp(cmd, "help")) return pv_app_open(a, "help", NULL);
    if (!strcmp(cmd, "sandwich")) {
        /* the function named, else the selected row's */
        pv_view *v = pv_app_view(a);
        const char *name = ntok > 1 ? line + (tok[1] - work)
                           : v->ops->row_name && v->ops->nrows(v) ? v->ops->row_name(v, v->sel) : NULL;
        if (!name) {
            pv_app_message(a, PV_ROLE_ERROR, "sandwich: no function selected");
            return PV_CH_DRAW;
        }
        char *copy = strdup(name);
        unsigned ch = copy ? pv_app_open(a, "flame", copy) : PV_CH_DRAW;
        free(copy);
        return ch;
    }
    if (!strcmp(cmd, "flame") || !strcmp(cmd, "web")) {
        unsigned ch = pv_app_open(a, "flame", NULL);
        if (!strcmp(cmd, "web")) pv_app_message(a, PV_ROLE_MESSAGE, "web: the flame view is pview's web view");
        return ch;
    }
    if (!strcmp(cmd, "cum") || !strcmp(cmd, "flat")) {
        const char *names[] = {"cum"};
        const char *values[] = {!strcmp(cmd, "cum") ? "true" : "false"};
        unsigned ch = pv_app_set(a, cmd, names, values, 1);
        if (ch & PV_CH_REBUILD) a->sort = !strcmp(cmd, "cum") ? PV_SORT_CUM : PV_SORT_FLAT;
        return ch;
    }
    if (!strncmp(cmd, "top", 3) && strspn(cmd + 3, "0123456789") == strlen(cmd + 3))
        return cmd_top(a, line, tok, ntok);
    if (is_sample_type(a, cmd) && ntok == 1) {
        char label[512];
        snprintf(label, sizeof label, "sample_index=%s", cmd);
        const char *names[] = {"sample_index"};
        const char *values[] = {cmd};
        return pv_app_set(a, label, names, values, 1);
    }
    /* pprof's words for what it does not know */
    char base[256];
    snprintf(base, sizeof base, "%s", cmd);
    size_t bl = strlen(base);
    while (bl && isdigit((unsigned char)base[bl - 1])) base[--bl] = 0;
    if (is_option(cmd) && !eq) {
        if (ntok > 1) pv_app_message(a, PV_ROLE_ERROR, "did you mean: %s=%s", cmd, tok[1]);
        else pv_app_message(a, PV_ROLE_ERROR, "please input a value, e.g. %s=<val>", cmd);
        return PV_CH_DRAW;
    }
    static const char *const other[] = {"list", "peek", "disasm", "weblist", "traces", "tree",
                                        "text", "raw", "tags", "dot", "svg", "png", "pdf", "callgrind",
                                        "kcachegrind", "proto", "gv", "comments", "topproto", NULL};
    for (size_t i = 0; other[i]; i++)
        if (!strcmp(base, other[i])) {
            pv_app_message(a, PV_ROLE_ERROR, "%s: not available in the interactive view yet", base);
            return PV_CH_DRAW;
        }
    pv_app_message(a, PV_ROLE_ERROR, "unrecognized command: \"%s\"", eq ? line : cmd);
    return PV_CH_DRAW;
}

/* --- completion --------------------------------------------------------------------- */

typedef struct {
    const char **items;
    size_t n, cap;
} strlist;

static void sl_add(strlist *l, const char *s)
{
    for (size_t i = 0; i < l->n; i++)
        if (!strcmp(l->items[i], s)) return;
    if (l->n == l->cap) {
        size_t nc = l->cap ? l->cap * 2 : 32;
        const char **p = realloc(l->items, nc * sizeof *p);
        if (!p) return;
        l->items = p;
        l->cap = nc;
    }
    l->items[l->n++] = s;
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

static const char *const commands[] = {"top", "options", "help", "quit", "exit", "cum", "flat", "flame", "sandwich", NULL};
static const char *const granularities[] = {"functions", "filefunctions", "files", "lines", "addresses", NULL};

static void complete(pv_app *a, struct pv_prompt *p)
{
    char line[PROMPT_MAX * 4 + 1];
    to_utf8(p->text, p->cur, line, sizeof line);
    char *word = strrchr(line, ' ');
    word = word ? word + 1 : line;
    bool first = word == line + strspn(line, " ");
    strlist c = {0};
    char prefix[PROMPT_MAX * 4 + 1] = "";
    const char *eq = strchr(word, '=');
    char opt_eq[128][64];
    size_t nopt = 0;
    if (first && !eq) {
        for (size_t i = 0; commands[i]; i++)
            if (!strncmp(commands[i], word, strlen(word))) sl_add(&c, commands[i]);
        for (const char *const *n = pv_option_names; *n && nopt < 128; n++)
            if (!strncmp(*n, word, strlen(word))) {
                snprintf(opt_eq[nopt], sizeof opt_eq[nopt], "%s=", *n);
                sl_add(&c, opt_eq[nopt++]);
            }
        for (size_t i = 0; i < a->model->ntypes; i++) {
            const char *t = pv_str(a->model, a->model->sample_types[i].type);
            if (!strncmp(t, word, strlen(word))) sl_add(&c, t);
        }
    } else {
        const char *val = word;
        if (eq) {
            snprintf(prefix, sizeof prefix, "%.*s", (int)(eq - word + 1), word);
            val = eq + 1;
            if (!strncmp(word, "sample_index=", 13)) {
                for (size_t i = 0; i < a->model->ntypes; i++) {
                    const char *t = pv_str(a->model, a->model->sample_types[i].type);
                    if (!strncmp(t, val, strlen(val))) sl_add(&c, t);
                }
            } else if (!strncmp(word, "granularity=", 12)) {
                for (size_t i = 0; granularities[i]; i++)
                    if (!strncmp(granularities[i], val, strlen(val))) sl_add(&c, granularities[i]);
            } else {
                function_candidates(a, val, &c);
            }
        } else {
            if (*val == '-') {
                snprintf(prefix, sizeof prefix, "-");
                val++;
            }
            function_candidates(a, val, &c);
        }
    }
    if (!c.n) {
        pv_app_message(a, PV_ROLE_MESSAGE, "no completions");
        free(c.items);
        return;
    }
    /* the longest common prefix of the candidates */
    size_t common = strlen(c.items[0]);
    for (size_t i = 1; i < c.n; i++) {
        size_t k = 0;
        while (k < common && c.items[i][k] == c.items[0][k]) k++;
        common = k;
    }
    char repl[PROMPT_MAX * 8 + 2];
    size_t vlen = strlen(word) - strlen(prefix);
    if (c.n == 1) snprintf(repl, sizeof repl, "%s%s", prefix, c.items[0]);
    else if (common >= vlen) snprintf(repl, sizeof repl, "%s%.*s", prefix, (int)common, c.items[0]);
    else snprintf(repl, sizeof repl, "%s", word);
    if (strcmp(repl, word)) {
        char rest[PROMPT_MAX * 4 + 1], whole[PROMPT_MAX * 16 + 4];
        to_utf8(p->text + p->cur, p->len - p->cur, rest, sizeof rest);
        *word = 0;
        snprintf(whole, sizeof whole, "%s%s", line, repl);
        size_t cur_bytes = strlen(whole);
        snprintf(whole + cur_bytes, sizeof whole - cur_bytes, "%s", rest);
        set_text(p, whole);
        /* the cursor goes after the completed word */
        char tmp[PROMPT_MAX * 16 + 4];
        snprintf(tmp, sizeof tmp, "%.*s", (int)cur_bytes, whole);
        struct pv_prompt q;
        set_text(&q, tmp);
        p->cur = q.len;
    }
    if (c.n > 1) {
        char list[400];
        size_t o = (size_t)snprintf(list, sizeof list, "%zu completions:", c.n);
        for (size_t i = 0; i < c.n && o < sizeof list; i++)
            o += (size_t)snprintf(list + o, sizeof list - o, " %s", c.items[i]);
        pv_app_message(a, PV_ROLE_MESSAGE, "%s", list);
    }
    free(c.items);
}

/* --- the editor --------------------------------------------------------------------- */

void pv_prompt_open(pv_app *a, int kind)
{
    pv_prompt_free(a);
    a->prompt = calloc(1, sizeof *a->prompt);
    if (!a->prompt) return;
    a->prompt->kind = kind;
    a->prompt->hist = a->nhistory;
}

void pv_prompt_free(pv_app *a)
{
    free(a->prompt);
    a->prompt = NULL;
}

static void remember(pv_app *a, const char *line)
{
    if (!line[0]) return;
    if (a->nhistory && !strcmp(a->history[a->nhistory - 1], line)) return;
    char **h = realloc(a->history, (a->nhistory + 1) * sizeof *h);
    if (!h) return;
    a->history = h;
    a->history[a->nhistory++] = strdup(line);
}

unsigned pv_prompt_key(pv_app *a, int key)
{
    struct pv_prompt *p = a->prompt;
    char line[PROMPT_MAX * 4 + 2];
    switch (key) {
    case '\n':
    case KEY_ENTER: {
        line[0] = (char)p->kind;
        to_utf8(p->text, p->len, line + 1, sizeof line - 1);
        int kind = p->kind;
        pv_prompt_free(a);
        remember(a, line);
        if (kind == '/') {
            if (!line[1] && a->has_search) return pv_search_step(a, 1, false);
            return line[1] ? pv_search_set(a, line + 1) : PV_CH_DRAW;
        }
        return pv_command(a, line + 1);
    }
    case 27: pv_prompt_free(a); return PV_CH_DRAW;
    case KEY_BACKSPACE:
    case 127:
    case 8:
        if (!p->len) {
            pv_prompt_free(a);
            return PV_CH_DRAW;
        }
        if (p->cur) {
            memmove(p->text + p->cur - 1, p->text + p->cur, (p->len - p->cur) * sizeof *p->text);
            p->cur--;
            p->len--;
        }
        return PV_CH_DRAW;
    case KEY_DC:
        if (p->cur < p->len) {
            memmove(p->text + p->cur, p->text + p->cur + 1, (p->len - p->cur - 1) * sizeof *p->text);
            p->len--;
        }
        return PV_CH_DRAW;
    case KEY_LEFT: if (p->cur) p->cur--; return PV_CH_DRAW;
    case KEY_RIGHT: if (p->cur < p->len) p->cur++; return PV_CH_DRAW;
    case KEY_HOME:
    case 1: p->cur = 0; return PV_CH_DRAW;
    case KEY_END:
    case 5: p->cur = p->len; return PV_CH_DRAW;
    case 21: /* C-u */
        memmove(p->text, p->text + p->cur, (p->len - p->cur) * sizeof *p->text);
        p->len -= p->cur;
        p->cur = 0;
        return PV_CH_DRAW;
    case 23: { /* C-w */
        size_t k = p->cur;
        while (k && p->text[k - 1] == ' ') k--;
        while (k && p->text[k - 1] != ' ') k--;
        memmove(p->text + k, p->text + p->cur, (p->len - p->cur) * sizeof *p->text);
        p->len -= p->cur - k;
        p->cur = k;
        return PV_CH_DRAW;
    }
    case KEY_UP:
    case KEY_DOWN: {
        /* history of this prompt's kind */
        size_t h = p->hist;
        for (;;) {
            if (key == KEY_UP) {
                if (!h) return PV_CH_NONE;
                h--;
            } else {
                if (h >= a->nhistory) return PV_CH_NONE;
                h++;
            }
            if (h == a->nhistory || a->history[h][0] == p->kind) break;
        }
        p->hist = h;
        set_text(p, h == a->nhistory ? "" : a->history[h] + 1);
        return PV_CH_DRAW;
    }
    case '\t':
        if (p->kind == ':') complete(a, p);
        return PV_CH_DRAW;
    default:
        break;
    }
    uint32_t cp = (key & PV_CHAR_TAG) ? (uint32_t)(key & ~PV_CHAR_TAG) : (uint32_t)key;
    if (key < 0 || (!(key & PV_CHAR_TAG) && (key < 32 || (key >= KEY_MIN && key <= KEY_MAX)))) return PV_CH_NONE;
    if (p->len < PROMPT_MAX) {
        memmove(p->text + p->cur + 1, p->text + p->cur, (p->len - p->cur) * sizeof *p->text);
        p->text[p->cur++] = cp;
        p->len++;
    }
    return PV_CH_DRAW;
}

int pv_prompt_draw(pv_app *a, int y)
{
    struct pv_prompt *p = a->prompt;
    pv_screen *s = &a->scr;
    char before[PROMPT_MAX * 4 + 1], all[PROMPT_MAX * 4 + 2];
    pv_screen_fill(s, y, 0, s->cols, PV_ROLE_NORMAL);
    char mark[2] = {(char)p->kind, 0};
    pv_screen_text(s, y, 0, 1, PV_ROLE_PROMPT, mark, NULL, 0, 0);
    /* scroll so the cursor stays on screen */
    size_t start = 0;
    for (;;) {
        to_utf8(p->text + start, p->cur - start, before, sizeof before);
        if (1 + pv_text_width(before, s->utf8) < s->cols - 1 || start >= p->cur) break;
        start++;
    }
    to_utf8(p->text + start, p->len - start, all, sizeof all);
    pv_screen_text(s, y, 1, s->cols - 1, PV_ROLE_PROMPT, all, NULL, 0, 0);
    int cx = 1 + pv_text_width(before, s->utf8);
    return cx < s->cols ? cx : s->cols - 1;
}
