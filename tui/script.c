/* Test mode key scripts. */
#include "tui/script.h"

#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tui/keys.h"

static int push(pv_script *s, size_t *cap, pv_event ev)
{
    if (s->n == *cap) {
        size_t nc = *cap ? *cap * 2 : 64;
        pv_event *e = realloc(s->events, nc * sizeof *e);
        if (!e) return -1;
        s->events = e;
        *cap = nc;
    }
    s->events[s->n++] = ev;
    return 0;
}

static int parse_action(const char *name, pv_event *ev)
{
    int a, b;
    char sig[16];
    memset(ev, 0, sizeof *ev);
    if (!strcmp(name, "Refresh")) ev->kind = PV_EV_REFRESH;
    else if (!strcmp(name, "Dump")) ev->kind = PV_EV_DUMP;
    else if (!strcmp(name, "DumpRoles")) ev->kind = PV_EV_DUMP_ROLES;
    else if (!strcmp(name, "WheelUp")) ev->kind = PV_EV_WHEEL_UP;
    else if (!strcmp(name, "WheelDown")) ev->kind = PV_EV_WHEEL_DOWN;
    else if (sscanf(name, "Resize %dx%d", &a, &b) == 2 && a > 0 && b > 0) {
        ev->kind = PV_EV_RESIZE;
        ev->a = a;
        ev->b = b;
    } else if (sscanf(name, "Click %d %d", &a, &b) == 2) {
        ev->kind = PV_EV_CLICK;
        ev->a = a;
        ev->b = b;
    } else if (sscanf(name, "DoubleClick %d %d", &a, &b) == 2) {
        ev->kind = PV_EV_DOUBLE;
        ev->a = a;
        ev->b = b;
    } else if (sscanf(name, "Signal %15s", sig) == 1) {
        ev->kind = PV_EV_SIGNAL;
        if (!strcmp(sig, "INT")) ev->a = SIGINT;
        else if (!strcmp(sig, "TERM")) ev->a = SIGTERM;
        else if (!strcmp(sig, "HUP")) ev->a = SIGHUP;
        else return -1;
    } else {
        int k = pv_key_parse(name);
        if (k < 0) return -1;
        ev->kind = PV_EV_KEY;
        ev->key = k;
    }
    return 0;
}

int pv_script_load(pv_script *s, const char *path, char *err, size_t errlen)
{
    memset(s, 0, sizeof *s);
    FILE *f = fopen(path, "r");
    if (!f) {
        snprintf(err, errlen, "%s: cannot open", path);
        return -1;
    }
    size_t cap = 0;
    char line[4096];
    int lineno = 0;
    while (fgets(line, sizeof line, f)) {
        lineno++;
        size_t len = strcspn(line, "\n");
        line[len] = 0;
        if (line[0] == '#' && (line[1] == ' ' || line[1] == 0)) continue;
        for (size_t i = 0; i < len;) {
            pv_event ev = {PV_EV_KEY, 0, 0, 0};
            unsigned char c = (unsigned char)line[i];
            if (c == '<') {
                char *close = strchr(line + i, '>');
                if (!close) {
                    snprintf(err, errlen, "%s:%d: unclosed <", path, lineno);
                    goto fail;
                }
                *close = 0;
                if (parse_action(line + i + 1, &ev)) {
                    snprintf(err, errlen, "%s:%d: unknown key or action <%s>", path, lineno, line + i + 1);
                    goto fail;
                }
                i = (size_t)(close - line) + 1;
            } else if (c < 0x80) {
                ev.key = c;
                i++;
            } else { /* one UTF-8 character */
                unsigned cp = 0;
                size_t n = c >= 0xf0 ? 4 : c >= 0xe0 ? 3 : 2;
                cp = c & (0x3f >> (n - 1));
                for (size_t k = 1; k < n && i + k < len; k++) cp = (cp << 6) | (line[i + k] & 0x3f);
                ev.key = pv_char_key(cp);
                i += n;
            }
            if (push(s, &cap, ev)) goto oom;
        }
    }
    fclose(f);
    return 0;
oom:
    snprintf(err, errlen, "%s: out of memory", path);
fail:
    fclose(f);
    pv_script_free(s);
    return -1;
}

void pv_script_free(pv_script *s)
{
    free(s->events);
    memset(s, 0, sizeof *s);
}
