/* Name demangling: C++ through libstdc++'s __cxa_demangle loaded at run time (no link-time
 * C++ dependency), legacy Rust names decoded here, and pprof's "simplified" form. */
#include <ctype.h>
#include <dlfcn.h>
#include <stdlib.h>
#include <string.h>

#include "symbolize/internal.h"

typedef char *(*cxa_demangle_fn)(const char *mangled, char *buf, size_t *len, int *status);

struct sym_demangler {
    void *handle;
    cxa_demangle_fn cxa_demangle;
};

sym_demangler *sym_demangler_new(void)
{
    sym_demangler *d = calloc(1, sizeof *d);
    if (!d)
        return NULL;
    d->handle = dlopen("libstdc++.so.6", RTLD_LAZY | RTLD_LOCAL);
    if (d->handle) {
        /* POSIX permits this conversion of the object pointer dlsym returns. */
        void *sym = dlsym(d->handle, "__cxa_demangle");
        memcpy(&d->cxa_demangle, &sym, sizeof sym);
    }
    return d;
}

void sym_demangler_free(sym_demangler *d)
{
    if (!d)
        return;
    if (d->handle)
        dlclose(d->handle);
    free(d);
}

static bool starts_with(const char *s, const char *prefix)
{
    return strncmp(s, prefix, strlen(prefix)) == 0;
}

static bool ends_with_n(const char *s, size_t n, const char *suffix)
{
    size_t k = strlen(suffix);
    return n >= k && memcmp(s + n - k, suffix, k) == 0;
}

/* Legacy Rust symbols end in "17h" + 16 hex digits + "E" inside an _ZN...E name. */
static bool is_rust_legacy(const char *raw)
{
    size_t n = strlen(raw);
    if (!starts_with(raw, "_ZN") || n < 3 + 20 || raw[n - 1] != 'E')
        return false;
    const char *h = raw + n - 1 - 16 - 3;
    if (memcmp(h, "17h", 3) != 0)
        return false;
    for (int i = 0; i < 16; i++)
        if (!isxdigit((unsigned char)h[3 + i]))
            return false;
    return true;
}

/* Decodes the $..$ escapes and ".." of a legacy Rust path segment list in place. */
static void rust_unescape(char *s)
{
    static const struct {
        const char *esc, *rep;
    } table[] = {
        {"$SP$", "@"}, {"$BP$", "*"}, {"$RF$", "&"}, {"$LT$", "<"}, {"$GT$", ">"},
        {"$LP$", "("}, {"$RP$", ")"}, {"$C$", ","},  {"$u7e$", "~"}, {"$u20$", " "},
        {"$u27$", "'"}, {"$u5b$", "["}, {"$u5d$", "]"}, {"$u7b$", "{"}, {"$u7d$", "}"},
        {"$u3b$", ";"}, {"$u2b$", "+"}, {"$u22$", "\""},
    };
    char *w = s;
    for (const char *r = s; *r;) {
        bool done = false;
        if (*r == '$') {
            for (size_t i = 0; i < sizeof table / sizeof table[0]; i++) {
                size_t k = strlen(table[i].esc);
                if (strncmp(r, table[i].esc, k) == 0) {
                    size_t rl = strlen(table[i].rep);
                    memmove(w, table[i].rep, rl);
                    w += rl;
                    r += k;
                    done = true;
                    break;
                }
            }
        } else if (r[0] == '.' && r[1] == '.') {
            *w++ = ':';
            *w++ = ':';
            r += 2;
            done = true;
        }
        if (!done)
            *w++ = *r++;
    }
    *w = 0;
}

/* Demangles a legacy Rust name without libstdc++: _ZN <len><ident>... 17h<hash> E. */
static char *rust_demangle(const char *raw)
{
    size_t n = strlen(raw);
    char *out = malloc(n + 1);
    if (!out)
        return NULL;
    size_t w = 0;
    const char *p = raw + 3, *end = raw + n - 20; /* stop before the "17h<hash>" segment */
    while (p < end) {
        if (!isdigit((unsigned char)*p)) {
            free(out);
            return NULL;
        }
        size_t len = 0;
        while (p < end && isdigit((unsigned char)*p)) {
            len = len * 10 + (size_t)(*p - '0');
            if (len > n)
                break;
            p++;
        }
        if (len == 0 || len > (size_t)(end - p)) {
            free(out);
            return NULL;
        }
        if (w)
            out[w++] = ':', out[w++] = ':';
        const char *seg = p;
        size_t seglen = len;
        if (seglen >= 2 && seg[0] == '_' && seg[1] == '$') /* "_$" prefix guards a leading '$' */
            seg++, seglen--;
        memcpy(out + w, seg, seglen);
        w += seglen;
        p += len;
    }
    out[w] = 0;
    rust_unescape(out);
    return out;
}

/* pprof's simplified form: drop parameter lists, template arguments, cv-qualifiers and the
 * return type, but keep "(anonymous namespace)" and operator names intact. */
char *sym_simplify_cxx(const char *dm)
{
    size_t n = strlen(dm);
    char *out = malloc(n + 1);
    if (!out)
        return NULL;
    size_t w = 0;
    for (size_t i = 0; i < n;) {
        char c = dm[i];
        bool after_operator = ends_with_n(out, w, "operator");
        if (after_operator && (c == '<' || c == '>' || c == '(' || c == '[')) {
            /* operator<, operator<<=, operator(), operator[] ... copy the operator token */
            if (c == '(' && dm[i + 1] == ')') {
                out[w++] = '(', out[w++] = ')';
                i += 2;
                continue;
            }
            if (c == '[' && dm[i + 1] == ']') {
                out[w++] = '[', out[w++] = ']';
                i += 2;
                continue;
            }
            while (i < n && (dm[i] == '<' || dm[i] == '>' || dm[i] == '='))
                out[w++] = dm[i++];
            continue;
        }
        if (c == '{') {
            /* {lambda(int)#1}, {unnamed type#1}: a name, kept whole */
            int depth = 0;
            for (; i < n; i++) {
                out[w++] = dm[i];
                if (dm[i] == '{')
                    depth++;
                else if (dm[i] == '}' && --depth == 0) {
                    i++;
                    break;
                }
            }
            continue;
        }
        if (c == '(' && starts_with(dm + i, "(anonymous namespace)")) {
            size_t k = strlen("(anonymous namespace)");
            memcpy(out + w, dm + i, k);
            w += k;
            i += k;
            continue;
        }
        if (c == '(' || c == '<') {
            /* skip a balanced group of () and <> */
            int depth = 0;
            for (; i < n; i++) {
                if (dm[i] == '(' || dm[i] == '<')
                    depth++;
                else if (dm[i] == ')' || dm[i] == '>')
                    depth--;
                if (depth == 0) {
                    i++;
                    break;
                }
            }
            continue;
        }
        out[w++] = c;
        i++;
    }
    out[w] = 0;
    /* trailing qualifiers */
    static const char *const quals[] = {" const", " volatile", " &&", " &", "&&", "&"};
    for (bool again = true; again;) {
        again = false;
        for (size_t q = 0; q < sizeof quals / sizeof quals[0]; q++)
            if (ends_with_n(out, w, quals[q])) {
                w -= strlen(quals[q]);
                out[w] = 0;
                again = true;
            }
    }
    /* return type: the name starts after the last space outside "(anonymous namespace)",
     * unless that space belongs to an operator name ("operator new", "operator int"). */
    size_t start = 0, depth = 0;
    const char *op = strstr(out, "operator");
    size_t op_at = op ? (size_t)(op - out) : w;
    for (size_t i = 0; i < w && i < op_at; i++) {
        if (out[i] == '(')
            depth++;
        else if (out[i] == ')' && depth)
            depth--;
        else if (out[i] == ' ' && depth == 0)
            start = i + 1;
    }
    if (start)
        memmove(out, out + start, w - start + 1);
    return out;
}

char *sym_demangle(sym_demangler *d, const char *raw, bool full)
{
    if (is_rust_legacy(raw)) {
        char *r = rust_demangle(raw);
        if (r)
            return r;
    }
    if (starts_with(raw, "_Z") && d && d->cxa_demangle) {
        int status = -1;
        char *dm = d->cxa_demangle(raw, NULL, NULL, &status);
        if (status == 0 && dm) {
            if (full)
                return dm;
            char *s = sym_simplify_cxx(dm);
            free(dm);
            if (s && s[0])
                return s;
            free(s);
        } else {
            free(dm);
        }
    }
    return strdup(raw);
}
