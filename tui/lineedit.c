/* The one-line editor. */
#include "tui/lineedit.h"

#include <curses.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

void pv_lineedit_init(pv_lineedit *e, size_t nhist)
{
    memset(e, 0, sizeof *e);
    e->hist = nhist;
}

void pv_lineedit_free(pv_lineedit *e)
{
    free(e->text);
    memset(e, 0, sizeof *e);
}

static int reserve(pv_lineedit *e, size_t need)
{
    if (need <= e->cap) return 0;
    size_t nc = e->cap ? e->cap : 64;
    while (nc < need) nc *= 2;
    uint32_t *t = realloc(e->text, nc * sizeof *t);
    if (!t) return -1;
    e->text = t;
    e->cap = nc;
    return 0;
}

/* Decodes UTF-8 into code points (invalid bytes become U+FFFD). */
static size_t decode(const char *s, uint32_t *out)
{
    const unsigned char *u = (const unsigned char *)s;
    size_t n = 0;
    while (*u) {
        uint32_t c = *u;
        size_t k = c < 0x80 ? 1 : c >= 0xf0 && c < 0xf5 ? 4 : c >= 0xe0 ? 3 : c >= 0xc2 ? 2 : 0;
        if (!k) {
            if (out) out[n] = 0xfffd;
            n++;
            u++;
            continue;
        }
        c = k == 1 ? c : k == 2 ? c & 0x1f : k == 3 ? c & 0x0f : c & 0x07;
        size_t i = 1;
        for (; i < k && (u[i] & 0xc0) == 0x80; i++) c = (c << 6) | (u[i] & 0x3f);
        if (i < k) c = 0xfffd, k = i;
        if (out) out[n] = c;
        n++;
        u += k;
    }
    return n;
}

int pv_lineedit_insert(pv_lineedit *e, const char *s)
{
    size_t n = decode(s, NULL);
    if (reserve(e, e->len + n + 1)) return -1;
    memmove(e->text + e->cur + n, e->text + e->cur, (e->len - e->cur) * sizeof *e->text);
    decode(s, e->text + e->cur);
    e->len += n;
    e->cur += n;
    return 0;
}

int pv_lineedit_set(pv_lineedit *e, const char *s)
{
    e->len = e->cur = 0;
    return pv_lineedit_insert(e, s);
}

char *pv_lineedit_utf8(const pv_lineedit *e, size_t a, size_t b)
{
    if (b > e->len) b = e->len;
    if (a > b) a = b;
    char *out = malloc((b - a) * 4 + 1), *o = out;
    if (!out) return NULL;
    for (size_t i = a; i < b; i++) {
        uint32_t c = e->text[i];
        if (c < 0x80) *o++ = (char)c;
        else if (c < 0x800) { *o++ = (char)(0xc0 | (c >> 6)); *o++ = (char)(0x80 | (c & 0x3f)); }
        else if (c < 0x10000) {
            *o++ = (char)(0xe0 | (c >> 12)); *o++ = (char)(0x80 | ((c >> 6) & 0x3f)); *o++ = (char)(0x80 | (c & 0x3f));
        } else {
            *o++ = (char)(0xf0 | (c >> 18)); *o++ = (char)(0x80 | ((c >> 12) & 0x3f));
            *o++ = (char)(0x80 | ((c >> 6) & 0x3f)); *o++ = (char)(0x80 | (c & 0x3f));
        }
    }
    *o = 0;
    return out;
}

void pv_lineedit_delete(pv_lineedit *e, size_t a, size_t b)
{
    if (b > e->len) b = e->len;
    if (a >= b) return;
    memmove(e->text + a, e->text + b, (e->len - b) * sizeof *e->text);
    e->len -= b - a;
    e->cur = a;
}

pv_le_result pv_lineedit_key(pv_lineedit *e, int key, int is_char, char *const *hist, size_t nhist,
                             const char *want_prefix)
{
    if (is_char && key >= 32 && key != 127) {
        if (reserve(e, e->len + 2)) return PV_LE_NONE;
        memmove(e->text + e->cur + 1, e->text + e->cur, (e->len - e->cur) * sizeof *e->text);
        e->text[e->cur++] = (uint32_t)key;
        e->len++;
        return PV_LE_EDITED;
    }
    switch (key) {
    case '\n':
    case '\r':
    case KEY_ENTER: return PV_LE_SUBMIT;
    case 27: return PV_LE_CANCEL;
    case '\t': return PV_LE_COMPLETE;
    case KEY_BACKSPACE:
    case 127:
    case 8:
        if (!e->len) return PV_LE_CANCEL;
        if (e->cur) pv_lineedit_delete(e, e->cur - 1, e->cur);
        return PV_LE_EDITED;
    case KEY_DC:
    case 4: /* C-d */
        if (e->cur < e->len) pv_lineedit_delete(e, e->cur, e->cur + 1);
        return PV_LE_EDITED;
    case KEY_LEFT:
    case 2: /* C-b */
        if (e->cur) e->cur--;
        return PV_LE_EDITED;
    case KEY_RIGHT:
    case 6: /* C-f */
        if (e->cur < e->len) e->cur++;
        return PV_LE_EDITED;
    case KEY_HOME:
    case 1: e->cur = 0; return PV_LE_EDITED;
    case KEY_END:
    case 5: e->cur = e->len; return PV_LE_EDITED;
    case 21: pv_lineedit_delete(e, 0, e->cur); return PV_LE_EDITED;      /* C-u */
    case 11: pv_lineedit_delete(e, e->cur, e->len); return PV_LE_EDITED; /* C-k */
    case 23: {                                                            /* C-w */
        size_t k = e->cur;
        while (k && e->text[k - 1] == ' ') k--;
        while (k && e->text[k - 1] != ' ') k--;
        pv_lineedit_delete(e, k, e->cur);
        return PV_LE_EDITED;
    }
    case KEY_UP:
    case KEY_DOWN:
    case 16: /* C-p */
    case 14: /* C-n */ {
        bool up = key == KEY_UP || key == 16;
        size_t h = e->hist > nhist ? nhist : e->hist;
        size_t skip = want_prefix ? strlen(want_prefix) : 0;
        for (;;) {
            if (up) {
                if (!h) return PV_LE_NONE;
                h--;
            } else {
                if (h >= nhist) return PV_LE_NONE;
                h++;
            }
            if (h == nhist || !want_prefix || !strncmp(hist[h], want_prefix, skip)) break;
        }
        e->hist = h;
        pv_lineedit_set(e, h == nhist ? "" : hist[h] + skip);
        return PV_LE_EDITED;
    }
    default: return PV_LE_UNHANDLED;
    }
}
