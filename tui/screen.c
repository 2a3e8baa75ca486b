/* The virtual screen: drawing text with escaping and width cropping, and text dumps. */
#include "tui/screen.h"

#include <stdlib.h>
#include <string.h>
#include <wchar.h>
#include <wctype.h>

const char *const pv_role_names[PV_ROLE_COUNT] = {
    [PV_ROLE_NORMAL] = "normal",       [PV_ROLE_HEADER] = "header",
    [PV_ROLE_CRUMB] = "crumb",         [PV_ROLE_COLHEAD] = "colhead",
    [PV_ROLE_SELECTION] = "selection", [PV_ROLE_HOT] = "hot",
    [PV_ROLE_WARM] = "warm",           [PV_ROLE_COLD] = "cold",
    [PV_ROLE_MATCH] = "match",         [PV_ROLE_STATUS] = "status",
    [PV_ROLE_MESSAGE] = "message",     [PV_ROLE_ERROR] = "error",
    [PV_ROLE_PROMPT] = "prompt",       [PV_ROLE_TITLE] = "title",
    [PV_ROLE_KEY] = "key",
    [PV_ROLE_GROWTH] = "growth",       [PV_ROLE_SHRINK] = "shrink",
    [PV_ROLE_FLAME1] = "flame1",       [PV_ROLE_FLAME2] = "flame2",
    [PV_ROLE_FLAME3] = "flame3",       [PV_ROLE_FLAME4] = "flame4",
    [PV_ROLE_FLAME5] = "flame5",       [PV_ROLE_FLAME6] = "flame6",
};
const char pv_role_letters[PV_ROLE_COUNT] = ".HBCShwcMsmEPTK+-123456";

int pv_screen_resize(pv_screen *s, int lines, int cols)
{
    if (lines < 1) lines = 1;
    if (cols < 1) cols = 1;
    pv_cell *c = calloc((size_t)lines * (size_t)cols, sizeof *c);
    if (!c) return -1;
    free(s->cells);
    s->cells = c;
    s->lines = lines;
    s->cols = cols;
    pv_screen_clear(s);
    return 0;
}

void pv_screen_free(pv_screen *s)
{
    free(s->cells);
    s->cells = NULL;
    s->lines = s->cols = 0;
}

void pv_screen_clear(pv_screen *s)
{
    size_t n = (size_t)s->lines * (size_t)s->cols;
    for (size_t i = 0; i < n; i++) {
        s->cells[i].ch = ' ';
        s->cells[i].role = PV_ROLE_NORMAL;
    }
}

static pv_cell *cell(pv_screen *s, int y, int x)
{
    if (y < 0 || y >= s->lines || x < 0 || x >= s->cols) return NULL;
    return &s->cells[(size_t)y * (size_t)s->cols + (size_t)x];
}

void pv_screen_fill(pv_screen *s, int y, int x, int n, pv_role role)
{
    for (int i = 0; i < n; i++) {
        pv_cell *c = cell(s, y, x + i);
        if (!c) break;
        c->ch = ' ';
        c->role = (uint8_t)role;
    }
}

void pv_screen_paint(pv_screen *s, int y, int x, int n, pv_role role)
{
    for (int i = 0; i < n; i++) {
        pv_cell *c = cell(s, y, x + i);
        if (!c) break;
        c->role = (uint8_t)role;
    }
}

/* Decodes one UTF-8 sequence at p (n bytes left). Returns its length, or 0 if invalid. */
static size_t utf8_decode(const unsigned char *p, size_t n, uint32_t *cp)
{
    if (p[0] < 0x80) { *cp = p[0]; return 1; }
    size_t len;
    uint32_t c, min;
    if ((p[0] & 0xe0) == 0xc0) { len = 2; c = p[0] & 0x1f; min = 0x80; }
    else if ((p[0] & 0xf0) == 0xe0) { len = 3; c = p[0] & 0x0f; min = 0x800; }
    else if ((p[0] & 0xf8) == 0xf0) { len = 4; c = p[0] & 0x07; min = 0x10000; }
    else return 0;
    if (len > n) return 0;
    for (size_t i = 1; i < len; i++) {
        if ((p[i] & 0xc0) != 0x80) return 0;
        c = (c << 6) | (p[i] & 0x3f);
    }
    if (c < min || c > 0x10ffff || (c >= 0xd800 && c <= 0xdfff)) return 0;
    *cp = c;
    return len;
}

/* One drawable piece of text: up to 10 ASCII cells for an escape, or one character. */
typedef struct {
    uint32_t ch[10];
    int n;      /* characters in ch */
    int width;  /* columns */
    size_t len; /* bytes consumed */
} piece;

/* Escapes a byte (\x1b) or a code point (\u200b, \U0001f600) as ASCII cells. */
static void escape_piece(piece *pc, bool byte, unsigned v)
{
    char buf[12];
    int k;
    if (byte) k = snprintf(buf, sizeof buf, "\\x%02x", v);
    else if (v <= 0xffff) k = snprintf(buf, sizeof buf, "\\u%04x", v);
    else k = snprintf(buf, sizeof buf, "\\U%08x", v);
    pc->n = pc->width = k;
    for (int i = 0; i < k; i++) pc->ch[i] = (unsigned char)buf[i];
}

static void next_piece(const unsigned char *p, size_t n, bool utf8, piece *pc)
{
    uint32_t cp;
    if (p[0] < 0x20 || p[0] == 0x7f) {
        pc->len = 1;
        escape_piece(pc, true, p[0]);
        return;
    }
    if (p[0] < 0x80) {
        pc->len = 1;
        pc->n = pc->width = 1;
        pc->ch[0] = p[0];
        return;
    }
    size_t len = utf8_decode(p, n, &cp);
    if (!len || !utf8) {
        /* invalid UTF-8, or an ASCII terminal: show the bytes */
        pc->len = len ? len : 1;
        if (!len) { escape_piece(pc, true, p[0]); return; }
        escape_piece(pc, false, cp);
        return;
    }
    pc->len = len;
    int w = wcwidth((wchar_t)cp);
    if (w < 0 || (cp >= 0x80 && cp < 0xa0)) {
        escape_piece(pc, false, cp);
        return;
    }
    if (w == 0) {
        /* combining and zero-width characters would merge with the cell before: show them */
        escape_piece(pc, false, cp);
        return;
    }
    pc->n = 1;
    pc->width = w;
    pc->ch[0] = cp;
}

int pv_text_width(const char *text, bool utf8)
{
    const unsigned char *p = (const unsigned char *)text;
    size_t n = strlen(text);
    int w = 0;
    piece pc;
    for (size_t i = 0; i < n; i += pc.len) {
        next_piece(p + i, n - i, utf8, &pc);
        w += pc.width;
    }
    return w;
}

static pv_role role_at(size_t off, pv_role role, const pv_span *spans, size_t nspans, pv_role span_role)
{
    for (size_t k = 0; k < nspans; k++)
        if (off >= spans[k].start && off < spans[k].end) return span_role;
    return role;
}

int pv_screen_text(pv_screen *s, int y, int x, int width, pv_role role, const char *text,
                   const pv_span *spans, size_t nspans, pv_role span_role)
{
    if (y < 0 || y >= s->lines || width <= 0 || !text) return 0;
    if (x + width > s->cols) width = s->cols - x;
    if (width <= 0) return 0;
    const unsigned char *p = (const unsigned char *)text;
    size_t n = strlen(text);
    bool fits = pv_text_width(text, s->utf8) <= width;
    int room = fits ? width : width - 1; /* keep a column for the ellipsis */
    int col = 0;
    piece pc;
    for (size_t i = 0; i < n; i += pc.len) {
        next_piece(p + i, n - i, s->utf8, &pc);
        if (col + pc.width > room) break;
        pv_role r = role_at(i, role, spans, nspans, span_role);
        if (pc.n == 1 && pc.width == 2) {
            pv_cell *c = cell(s, y, x + col);
            c->ch = pc.ch[0];
            c->role = (uint8_t)r;
            c = cell(s, y, x + col + 1);
            c->ch = 0;
            c->role = (uint8_t)r;
            col += 2;
            continue;
        }
        for (int k = 0; k < pc.n; k++) {
            pv_cell *c = cell(s, y, x + col++);
            c->ch = pc.ch[k];
            c->role = (uint8_t)r;
        }
    }
    if (!fits) {
        while (col < room) { /* a wide character did not fit: pad */
            pv_cell *c = cell(s, y, x + col++);
            c->ch = ' ';
            c->role = (uint8_t)role;
        }
        pv_cell *c = cell(s, y, x + col++);
        c->ch = s->utf8 ? 0x2026 : '~';
        c->role = (uint8_t)role;
    }
    return col;
}

static void put_utf8(FILE *out, uint32_t cp)
{
    if (cp < 0x80) fputc((int)cp, out);
    else if (cp < 0x800) fprintf(out, "%c%c", 0xc0 | (cp >> 6), 0x80 | (cp & 0x3f));
    else if (cp < 0x10000)
        fprintf(out, "%c%c%c", 0xe0 | (cp >> 12), 0x80 | ((cp >> 6) & 0x3f), 0x80 | (cp & 0x3f));
    else
        fprintf(out, "%c%c%c%c", 0xf0 | (cp >> 18), 0x80 | ((cp >> 12) & 0x3f),
                0x80 | ((cp >> 6) & 0x3f), 0x80 | (cp & 0x3f));
}

void pv_screen_dump(const pv_screen *s, FILE *out, bool roles, const char *const *legend)
{
    fprintf(out, "=== screen %dx%d%s ===\n", s->cols, s->lines, roles ? " roles" : "");
    for (int y = 0; y < s->lines; y++) {
        const pv_cell *row = &s->cells[(size_t)y * (size_t)s->cols];
        int end = s->cols;
        while (end > 0 && row[end - 1].ch == ' ') end--;
        for (int x = 0; x < end; x++)
            if (row[x].ch) put_utf8(out, row[x].ch);
        fputc('\n', out);
    }
    if (!roles) return;
    bool used[PV_ROLE_COUNT] = {0};
    fprintf(out, "--- roles ---\n");
    for (int y = 0; y < s->lines; y++) {
        const pv_cell *row = &s->cells[(size_t)y * (size_t)s->cols];
        int end = s->cols;
        while (end > 0 && row[end - 1].role == PV_ROLE_NORMAL) end--;
        for (int x = 0; x < end; x++) {
            fputc(pv_role_letters[row[x].role], out);
            used[row[x].role] = true;
        }
        fputc('\n', out);
    }
    fprintf(out, "--- legend ---\n");
    for (int r = 0; r < PV_ROLE_COUNT; r++)
        if (used[r])
            fprintf(out, "%c %-10s %s\n", pv_role_letters[r], pv_role_names[r], legend ? legend[r] : "");
}

void pv_screen_write_line(const pv_screen *s, int y, FILE *out)
{
    const pv_cell *row = &s->cells[(size_t)y * (size_t)s->cols];
    int end = s->cols;
    while (end > 0 && (row[end - 1].ch == ' ' || !row[end - 1].ch)) end--;
    for (int x = 0; x < end; x++)
        if (row[x].ch) put_utf8(out, row[x].ch);
    fputc('\n', out);
}
