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
        if (p < end && *p == '_') { /* pprof's demangler reads "_" after the length as a separator */
            p++;
            len--;
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

/* Template arguments removed, everything else kept ("std::vector<int>::f(std::basic_string<char>
 * const&) const" -> "std::vector::f(std::basic_string const&) const"), operator tokens intact. */
static char *strip_templates(const char *dm)
{
    size_t n = strlen(dm), w = 0;
    char *out = malloc(n + 1);
    if (!out)
        return NULL;
    for (size_t i = 0; i < n;) {
        if (ends_with_n(out, w, "operator") && (dm[i] == '<' || dm[i] == '>')) {
            while (i < n && (dm[i] == '<' || dm[i] == '>' || dm[i] == '='))
                out[w++] = dm[i++];
            continue;
        }
        if (dm[i] == '<') {
            int depth = 0;
            for (; i < n; i++) {
                depth += dm[i] == '<' ? 1 : dm[i] == '>' ? -1 : 0;
                if (depth == 0) {
                    i++;
                    break;
                }
            }
            continue;
        }
        out[w++] = dm[i++];
    }
    out[w] = 0;
    return out;
}

/* Index just past the group that opens at dm[i] ('(' or '<' or '{'), counting all three
 * kinds of brackets; n if it never closes. */
static size_t group_end(const char *dm, size_t i, size_t n)
{
    int depth = 0;
    for (; i < n; i++) {
        if (dm[i] == '(' || dm[i] == '<' || dm[i] == '{')
            depth++;
        else if ((dm[i] == ')' || dm[i] == '>' || dm[i] == '}') && --depth == 0)
            return i + 1;
    }
    return n;
}

/* Length of the cv- and ref-qualifiers at s (" const", " volatile", " &", " &&", "&", "&&"). */
static size_t quals_len(const char *s)
{
    static const char *const quals[] = {" const", " volatile", " &&", " &", "&&", "&"};
    size_t k = 0;
    for (bool again = true; again;) {
        again = false;
        for (size_t q = 0; q < sizeof quals / sizeof quals[0]; q++) {
            size_t l = strlen(quals[q]);
            if (strncmp(s + k, quals[q], l) == 0) {
                k += l;
                again = true;
                break;
            }
        }
    }
    return k;
}

/* Where the name starts after a return type: past the last space at depth 0 before the
 * parameter list (bracket groups skipped whole; "(anonymous namespace)" and the words of
 * "operator new" are parts of a name). */
static size_t name_start(const char *dm, size_t n)
{
    size_t start = 0;
    for (size_t i = 0; i < n;) {
        if (starts_with(dm + i, "(anonymous namespace)")) {
            i += strlen("(anonymous namespace)");
            continue;
        }
        if (starts_with(dm + i, "operator") || dm[i] == '(')
            break;
        if (dm[i] == '<' || dm[i] == '{') {
            i = group_end(dm, i, n);
            continue;
        }
        if (dm[i] == ' ')
            start = i + 1;
        i++;
    }
    return start;
}

/* pprof's simplified form (its demangler with NoParams and NoTemplateParams): no return type,
 * no template arguments, no parameters or qualifiers of the function itself; the parameters
 * of an enclosing function of a local name ("f(int)::Local::g", lambdas) and of a lambda stay,
 * without template arguments; "(anonymous namespace)" and operator names stay whole. */
char *sym_simplify_cxx(const char *full)
{
    size_t n = strlen(full);
    const char *dm = full + name_start(full, n);
    n = strlen(dm);
    char *out = malloc(n + 1);
    if (!out)
        return NULL;
    size_t w = 0;
    for (size_t i = 0; i < n;) {
        char c = dm[i];
        if (ends_with_n(out, w, "operator") && strchr("<>([", c)) {
            /* operator<, operator<<=, operator(), operator[] ... copy the operator token
             * (the longest that matches; template arguments may follow it directly) */
            static const char *const tokens[] = {"<<=", ">>=", "<=>", "<<", ">>", "<=", ">=", "()", "[]", "<", ">"};
            for (size_t t = 0; t < sizeof tokens / sizeof tokens[0]; t++) {
                size_t k = strlen(tokens[t]);
                if (strncmp(dm + i, tokens[t], k) == 0) {
                    memcpy(out + w, tokens[t], k);
                    w += k;
                    i += k;
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
        if (c == '{' || c == '(') {
            /* {lambda(int)#1}, and the parameter list of an enclosing function ("::" follows
             * it and its qualifiers) are kept without template arguments; the function's own
             * parameter list goes */
            size_t e = group_end(dm, i, n);
            size_t q = c == '(' ? quals_len(dm + e) : 0;
            if (c == '{' || strncmp(dm + e + q, "::", 2) == 0) {
                char *grp = strndup(dm + i, e + q - i);
                char *st = grp ? strip_templates(grp) : NULL;
                free(grp);
                if (!st) {
                    free(out);
                    return NULL;
                }
                size_t k = strlen(st);
                memcpy(out + w, st, k); /* never longer than its source */
                w += k;
                free(st);
                i = e + q;
            } else {
                i = e;
            }
            continue;
        }
        if (c == '<') {
            i = group_end(dm, i, n);
            continue;
        }
        out[w++] = c;
        i++;
    }
    while (w > 0 && out[w - 1] == ' ') /* "operator<< <char>" loses its template arguments */
        w--;
    out[w] = 0;
    /* the function's own trailing qualifiers */
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
    return out;
}

/* pprof's simplified form of a special name ("virtual thunk to X", "guard variable for X"):
 * the words kept; X without template arguments, with its parameters where the mangled name
 * has an encoding (thunks, transaction clones) or is a type (typeinfo, vtable), else simplified. NULL if dm is not one. */
static char *simplify_special(const char *raw, const char *dm)
{
    const char *cut = NULL;
    static const char *const seps[] = {" to ", " for "};
    for (size_t k = 0; k < 2 && !cut; k++) {
        const char *p = strstr(dm, seps[k]);
        if (p)
            cut = p + strlen(seps[k]);
    }
    if (!cut)
        return NULL;
    bool encoding = (raw[2] == 'T' && strchr("hvcISVT", raw[3])) || starts_with(raw, "_ZGT"); /* or a type */
    char *rest = encoding ? strip_templates(cut) : sym_simplify_cxx(cut);
    if (!rest)
        return NULL;
    size_t head = (size_t)(cut - dm), n = strlen(rest);
    char *out = malloc(head + n + 1);
    if (out) {
        memcpy(out, dm, head);
        memcpy(out + head, rest, n + 1);
    }
    free(rest);
    return out;
}

/* pprof's removeMatching: drops nested start..end groups in place; stops at a stray end. */
static void remove_matching(char *name, char start, char end)
{
    int nesting = 0;
    size_t first = 0;
    for (size_t cur = 0; name[cur]; cur++) {
        if (name[cur] == start) {
            if (++nesting == 1)
                first = cur;
        } else if (name[cur] == end) {
            if (--nesting < 0)
                return;
            if (nesting == 0) {
                memmove(name + first, name + cur + 1, strlen(name + cur + 1) + 1);
                cur = first - 1; /* wraps to first after cur++ (first may be 0) */
            }
        }
    }
}

/* pprof's guess that an unmangled name (DWARF's DW_AT_name) is demangled C++. */
static bool looks_like_cxx(const char *name)
{
    if (strstr(name, ".<") || strstr(name, "]).")) /* Java's class.<init>, Go's (*T[...]).M */
        return false;
    return strpbrk(name, "<>[]") || strstr(name, "::");
}

char *sym_demangle(sym_demangler *d, const char *raw, bool full)
{
    if (starts_with(raw, "_R")) {
        bool oom;
        char *r = sym_rust_v0_demangle(raw, &oom);
        if (r || oom)
            return r;
    }
    if (starts_with(raw, "_ZN")) { /* legacy Rust, maybe with a ".llvm.123" suffix after "E" */
        char *rname = strdup(raw);
        if (!rname)
            return NULL;
        char *dot = NULL;
        for (char *q = strstr(rname, "E."); q; q = strstr(q + 1, "E."))
            dot = q;
        if (dot)
            dot[1] = 0;
        char *r = is_rust_legacy(rname) ? rust_demangle(rname) : NULL;
        free(rname);
        if (r)
            return r;
    }
    if (starts_with(raw, "_Z") && d && d->cxa_demangle) {
        /* pprof's demangler stops after the encoding: clone suffixes (.constprop.0, .cold,
         * .isra.0, .part.0, .llvm.123) and anything else after it are dropped in both modes */
        char *enc = strndup(raw, strcspn(raw, ".@")); /* and symbol versions (@GLIBCXX_3.4) */
        if (!enc)
            return NULL;
        int status = -1;
        char *dm = d->cxa_demangle(enc, NULL, NULL, &status);
        free(enc);
        const char *close = dm ? strrchr(dm, ')') : NULL;
        if (status == 0 && dm && full && strchr(raw, '@') && close && !close[1 + quals_len(close + 1)]) {
            /* with parameters to read, pprof's demangler stops at a symbol version and gives
             * up ("...Ev@GLIBCXX_3.4.21" stays mangled); a data name is demangled */
            free(dm);
            return strdup(raw);
        }
        if (status == 0 && dm) {
            if (full)
                return dm;
            bool special = starts_with(raw, "_ZT") || starts_with(raw, "_ZG");
            char *s = special ? simplify_special(raw, dm) : sym_simplify_cxx(dm);
            free(dm);
            if (s && s[0])
                return s;
            free(s);
        } else {
            free(dm);
        }
    }
    char *out = strdup(raw);
    if (out && !full && looks_like_cxx(out)) { /* as pprof: parameters, then template arguments */
        remove_matching(out, '(', ')');
        remove_matching(out, '<', '>');
    }
    return out;
}
