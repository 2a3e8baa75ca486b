/* Text renderings of the flame product: names shortened to fit, and `-flame`'s text graph. */
#include "profile/flame.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "profile/util.h"

/* Display width of s, counting each UTF-8 sequence as one column. */
static size_t cols_of(const char *s, size_t n)
{
    size_t c = 0;
    for (size_t i = 0; i < n; i++)
        if (((unsigned char)s[i] & 0xc0) != 0x80)
            c++;
    return c;
}

/* End of the package path of a Go name: the first '.' after the last '/' that is outside
 * brackets, or 0 if there is none. */
static size_t package_end(const char *s)
{
    const char *slash = NULL;
    int depth = 0;
    for (const char *p = s; *p; p++) {
        if (*p == '(' || *p == '[' || *p == '<')
            depth++;
        else if ((*p == ')' || *p == ']' || *p == '>') && depth > 0)
            depth--;
        else if (*p == '/' && depth == 0)
            slash = p;
        else if (*p == ' ')
            break;
    }
    const char *from = slash ? slash + 1 : s;
    const char *dot = strchr(from, '.');
    const char *sp = strchr(from, ' ');
    if (!dot || (sp && dot > sp) || strstr(s, "::"))
        return 0;
    return (size_t)(dot - s) + 1;
}

/* Start of the last component (after the last '.' or "::" outside brackets). */
static size_t last_component(const char *s, size_t n)
{
    int depth = 0;
    size_t start = 0;
    for (size_t i = 0; i < n; i++) {
        char c = s[i];
        if (c == '(' || c == '[' || c == '<')
            depth++;
        else if ((c == ')' || c == ']' || c == '>') && depth > 0)
            depth--;
        else if (depth == 0 && c == '.' && i + 1 < n)
            start = i + 1;
        else if (depth == 0 && c == ':' && i + 2 < n && s[i + 1] == ':')
            start = i + 2;
    }
    return start;
}

/* Writes the function part of a name (up to its first space) without its package path,
 * "(*Type).Method" written "Type.Method"; returns the length. */
static size_t strip_package(const char *fn, size_t n, char *out)
{
    size_t pe = package_end(fn);
    if (pe > n)
        pe = 0;
    const char *rest = fn + pe, *end = fn + n;
    size_t t = 0;
    if (end - rest > 2 && rest[0] == '(' && rest[1] == '*') {
        const char *close = memchr(rest, ')', (size_t)(end - rest));
        if (close) {
            memcpy(out, rest + 2, (size_t)(close - rest - 2));
            t = (size_t)(close - rest - 2);
            rest = close + 1;
        }
    }
    memcpy(out + t, rest, (size_t)(end - rest));
    t += (size_t)(end - rest);
    out[t] = 0;
    return t;
}

int pv_flame_short_name(const char *name, int width, char *out, size_t len)
{
    size_t n = strlen(name);
    if (len == 0)
        return 0;
    out[0] = 0;
    if (width <= 0)
        return 0;
    /* 1: the whole name */
    if (cols_of(name, n) <= (size_t)width) {
        snprintf(out, len, "%s", name);
        return 1;
    }
    /* names of lines and addresses: "fn file:line"; the function part is shortened, the
     * file's base name kept while it fits */
    const char *sp = strchr(name, ' ');
    if (sp && strspn(name, "0123456789abcdef") == (size_t)(sp - name) && sp - name >= 8) {
        name = sp + 1; /* an address: dropped first */
        n = strlen(name);
        sp = strchr(name, ' ');
    }
    size_t fn = sp ? (size_t)(sp - name) : n;
    char *tmp = malloc(n + 2);
    if (!tmp)
        return 0;
    size_t t = strip_package(name, fn, tmp);
    if (sp) {
        const char *file = sp + 1, *slash = strrchr(file, '/');
        const char *base = slash ? slash + 1 : file;
        char *two = pv_asprintf("%s %s", tmp, base);
        if (two && cols_of(two, strlen(two)) <= (size_t)width) {
            snprintf(out, len, "%s", two);
            free(two);
            free(tmp);
            return 2;
        }
        free(two);
    }
    /* 2: without the package path */
    if (cols_of(tmp, t) <= (size_t)width) {
        snprintf(out, len, "%s", tmp);
        free(tmp);
        return 2;
    }
    /* 3: the last component */
    size_t lc = last_component(tmp, t);
    const char *last = tmp + lc;
    size_t ln = t - lc;
    if (cols_of(last, ln) <= (size_t)width) {
        snprintf(out, len, "%s", last);
        free(tmp);
        return 3;
    }
    /* 4: cut, the caller marks the cut */
    size_t w = 0, i = 0;
    while (i < ln && w < (size_t)width) {
        size_t k = i + 1;
        while (k < ln && ((unsigned char)last[k] & 0xc0) == 0x80)
            k++;
        i = k;
        w++;
    }
    snprintf(out, len, "%.*s", (int)i, last);
    free(tmp);
    return 4;
}

/* Cuts s to width columns, with "~" in the last one when something was cut. */
static void put_cut(char *row, int x, int width, const char *s)
{
    size_t n = strlen(s), cols = cols_of(s, n);
    if (cols <= (size_t)width) {
        /* ASCII output: a multi-byte character is one '?' */
        for (size_t i = 0; i < n; i++)
            if (((unsigned char)s[i] & 0xc0) != 0x80)
                row[x++] = (unsigned char)s[i] < 0x80 ? s[i] : '?';
        return;
    }
    int w = 0;
    for (size_t i = 0; i < n && w < width - 1; i++)
        if (((unsigned char)s[i] & 0xc0) != 0x80) {
            row[x++] = (unsigned char)s[i] < 0x80 ? s[i] : '?';
            w++;
        }
    if (width >= 1)
        row[x] = '~';
}

int pv_flame_print_text(FILE *out, const pv_flame *f, int width, const char *title)
{
    if (width < 1)
        width = 1;
    size_t n = f->nnodes;
    size_t depth = (size_t)f->max_depth + 1;
    double *start = malloc((n ? n : 1) * sizeof *start);
    char *grid = malloc(depth * ((size_t)width + 1));
    char *buf = malloc((size_t)width * 4 + 16);
    if (!start || !grid || !buf) {
        free(start);
        free(grid);
        free(buf);
        return -1;
    }
    memset(grid, ' ', depth * ((size_t)width + 1));
    int64_t root = pv_flame_total(f, 0);
    double scale = root > 0 ? (double)width / (double)root : 0;
    size_t used = 0; /* lines with at least one frame */
    start[0] = 0;
    /* parents come before their children in node order, so one pass places every frame */
    for (size_t i = 0; i < n; i++) {
        const pv_flame_node *nd = &f->nodes[i];
        double x = start[i];
        for (uint32_t c = 0; c < nd->nchild; c++) {
            uint32_t ch = f->children[nd->child_off + c];
            start[ch] = x;
            int64_t v = pv_flame_total(f, ch);
            x += v > 0 ? (double)v * scale : 0;
        }
        int64_t v = pv_flame_total(f, (uint32_t)i);
        if (v <= 0 || scale == 0)
            continue;
        /* children's totals can sum past their parent's (diff profiles, wrapped sums): a
         * frame that starts beyond the width (or at infinity) is not drawn, and no position
         * reaches lround() out of int range */
        double s0 = start[i], s1 = start[i] + (double)v * scale;
        if (!(s0 >= 0 && s0 < width))
            continue;
        if (!(s1 <= width))
            s1 = width;
        int c0 = (int)lround(s0), c1 = (int)lround(s1);
        int w = c1 - c0;
        if (w < 1)
            continue;
        char *row = grid + nd->depth * ((size_t)width + 1);
        if (nd->depth + 1 > used)
            used = nd->depth + 1;
        if (w == 1) {
            row[c0] = '|';
            continue;
        }
        row[c0] = '[';
        row[c1 - 1] = ']';
        if (w > 2) {
            const char *name = i == 0 ? "root" : pv_flame_name(f, (uint32_t)i);
            int step = pv_flame_short_name(name, w - 2, buf, (size_t)width * 4 + 16);
            put_cut(row, c0 + 1, w - 2, buf);
            if (step == 4 && w - 2 >= 2)
                row[c1 - 2] = '~';
        }
    }
    if (title)
        fprintf(out, "%s\n", title);
    /* a flame graph: the root at the bottom */
    for (size_t d = used; d-- > 0;) {
        char *row = grid + d * ((size_t)width + 1);
        int e = width;
        while (e > 0 && row[e - 1] == ' ')
            e--;
        fprintf(out, "%.*s\n", e, row);
    }
    free(start);
    free(grid);
    free(buf);
    return ferror(out) ? -1 : 0;
}
