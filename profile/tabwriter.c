/* Go's text/tabwriter (see tabwriter.h): the same cells, blocks and flush points. */
#include "profile/tabwriter.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "profile/traces.h"
#include "profile/util.h"

typedef struct {
    size_t size, width; /* bytes in the buffer, runes shown */
} cell;

typedef struct {
    cell *cells;
    size_t n, cap;
} line;

typedef struct {
    FILE *out;
    char *text; /* the cells' text, terminators left out, as Go's buffer */
    size_t ntext, captext;
    size_t pos; /* start of the first unwritten cell's text */
    line *lines;
    size_t nlines, caplines;
    size_t *widths;
    size_t nwidths, capwidths;
    int oom;
} tw;

static void write_lines(tw *w, size_t line0, size_t line1)
{
    for (size_t i = line0; i < line1; i++) {
        const line *ln = &w->lines[i];
        for (size_t j = 0; j < ln->n; j++) {
            const cell *c = &ln->cells[j];
            if (j < w->nwidths)
                for (size_t k = c->width; k < w->widths[j]; k++)
                    fputc(' ', w->out);
            if (c->size) {
                fwrite(w->text + w->pos, 1, c->size, w->out);
                w->pos += c->size;
            }
        }
        if (i + 1 != w->nlines)
            fputc('\n', w->out);
    }
}

static void format(tw *w, size_t line0, size_t line1)
{
    size_t column = w->nwidths;
    for (size_t this = line0; this < line1; this++) {
        if (column + 1 >= w->lines[this].n)
            continue;
        write_lines(w, line0, this);
        line0 = this;
        size_t width = 0;
        for (; this < line1; this++) {
            const line *ln = &w->lines[this];
            if (column + 1 >= ln->n)
                break;
            size_t cw = ln->cells[column].width + 1;
            if (cw > width)
                width = cw;
        }
        if (pv_grow((void **)&w->widths, &w->capwidths, w->nwidths + 1, sizeof *w->widths) != 0) {
            w->oom = 1;
            return;
        }
        w->widths[w->nwidths++] = width;
        format(w, line0, this);
        w->nwidths--;
        line0 = this;
        this--; /* the loop's increment: `this` already stands past the block */
    }
    write_lines(w, line0, line1);
}

static int add_line(tw *w)
{
    if (pv_grow((void **)&w->lines, &w->caplines, w->nlines + 1, sizeof *w->lines) != 0)
        return -1;
    w->lines[w->nlines++] = (line){NULL, 0, 0};
    return 0;
}

static int add_cell(tw *w, cell c)
{
    line *ln = &w->lines[w->nlines - 1];
    if (pv_grow((void **)&ln->cells, &ln->cap, ln->n + 1, sizeof *ln->cells) != 0)
        return -1;
    ln->cells[ln->n++] = c;
    return 0;
}

static void flush(tw *w)
{
    format(w, 0, w->nlines);
    for (size_t i = 0; i < w->nlines; i++)
        free(w->lines[i].cells);
    w->nlines = 0;
    w->ntext = 0;
    w->pos = 0;
    if (add_line(w) != 0)
        w->oom = 1;
}

static int append(tw *w, const char *p, size_t n)
{
    if (n == 0)
        return 0;
    if (pv_grow((void **)&w->text, &w->captext, w->ntext + n, 1) != 0)
        return -1;
    memcpy(w->text + w->ntext, p, n);
    w->ntext += n;
    return 0;
}

int pv_tabwrite(FILE *out, const char *text, size_t len)
{
    tw w = {.out = out};
    if (add_line(&w) != 0)
        return -1;
    cell cur = {0, 0};
    size_t start = 0; /* text of cur not yet copied */
    bool escaped = false;
    for (size_t i = 0; i < len && !w.oom; i++) {
        unsigned char ch = (unsigned char)text[i];
        if (escaped) {
            if (ch == 0xff) { /* the escape bytes are kept but not counted */
                cur.width += pv_rune_count(text + start, i + 1 - start) - 2;
                cur.size += i + 1 - start;
                w.oom |= append(&w, text + start, i + 1 - start) != 0;
                start = i + 1;
                escaped = false;
            }
            continue;
        }
        if (ch == 0xff) {
            cur.width += pv_rune_count(text + start, i - start);
            cur.size += i - start;
            w.oom |= append(&w, text + start, i - start) != 0;
            start = i;
            escaped = true;
            continue;
        }
        if (ch != '\t' && ch != '\v' && ch != '\n' && ch != '\f')
            continue;
        cur.width += pv_rune_count(text + start, i - start);
        cur.size += i - start;
        w.oom |= append(&w, text + start, i - start) != 0;
        w.oom |= add_cell(&w, cur) != 0;
        size_t ncells = w.lines[w.nlines - 1].n;
        cur = (cell){0, 0};
        start = i + 1;
        if (ch == '\n' || ch == '\f') {
            w.oom |= add_line(&w) != 0;
            if (!w.oom && (ch == '\f' || ncells == 1))
                flush(&w);
        }
    }
    /* Flush: an open escape ends, the last cell is terminated, everything is written */
    if (!w.oom && len > start) {
        size_t n = len - start;
        cur.width += pv_rune_count(text + start, n) - (escaped ? 1 : 0);
        cur.size += n;
        w.oom |= append(&w, text + start, n) != 0;
    }
    if (!w.oom && cur.size > 0)
        w.oom |= add_cell(&w, cur) != 0;
    if (!w.oom)
        format(&w, 0, w.nlines);
    for (size_t i = 0; i < w.nlines; i++)
        free(w.lines[i].cells);
    free(w.lines);
    free(w.widths);
    free(w.text);
    return w.oom ? -1 : 0;
}
