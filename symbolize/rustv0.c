/* Rust symbol names: v0 mangling (RFC 2603, "_R...") and the legacy "_ZN...17h<hash>E" form,
 * printed the way pprof's demangler prints them (no hashes, disambiguators or instantiating
 * crate; closures as {closure#N}; "::<" only in value paths). */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "symbolize/internal.h"

#define MAX_DEPTH 300

typedef struct {
    const char *s; /* the name after "_R" */
    size_t n, pos;
    char *out;
    size_t len, cap;
    bool skip, fail, oom;
    int depth;
    uint64_t lifetimes; /* bound lifetimes in scope */
    char *puny;         /* the last decoded punycode identifier */
} rst;

static void put(rst *r, const char *p, size_t k)
{
    if (r->skip || r->fail)
        return;
    if (r->len + k + 1 > r->cap) {
        size_t nc = r->cap ? r->cap * 2 : 128;
        while (nc < r->len + k + 1)
            nc *= 2;
        if (nc > ((size_t)1 << 20)) { /* a name this long is not a name */
            r->fail = true;
            return;
        }
        char *no = realloc(r->out, nc);
        if (!no) {
            r->fail = r->oom = true;
            return;
        }
        r->out = no;
        r->cap = nc;
    }
    memcpy(r->out + r->len, p, k);
    r->len += k;
    r->out[r->len] = 0;
}

static void puts_(rst *r, const char *p) { put(r, p, strlen(p)); }

static char peek(const rst *r) { return r->pos < r->n ? r->s[r->pos] : 0; }

static bool eat(rst *r, char c)
{
    if (peek(r) != c)
        return false;
    r->pos++;
    return true;
}

static uint64_t base62(rst *r)
{
    if (eat(r, '_'))
        return 0;
    uint64_t v = 0;
    for (;;) {
        char c = peek(r);
        int d;
        if (c >= '0' && c <= '9')
            d = c - '0';
        else if (c >= 'a' && c <= 'z')
            d = 10 + c - 'a';
        else if (c >= 'A' && c <= 'Z')
            d = 36 + c - 'A';
        else if (c == '_') {
            r->pos++;
            return v + 1;
        } else {
            r->fail = true;
            return 0;
        }
        if (v > UINT64_MAX / 62 - 1) {
            r->fail = true;
            return 0;
        }
        v = v * 62 + (uint64_t)d;
        r->pos++;
    }
}

static uint64_t disambiguator(rst *r) { return eat(r, 's') ? base62(r) + 1 : 0; }

/* As pprof's demangler reads a decimal number: every digit there is (leading zeros too), and
 * no digit at all reads as 0; only the end of the name is an error. */
static uint64_t decimal(rst *r)
{
    if (r->pos >= r->n) {
        r->fail = true;
        return 0;
    }
    uint64_t v = 0;
    while (isdigit((unsigned char)peek(r))) {
        v = v * 10 + (uint64_t)(peek(r) - '0');
        if (v > r->n) {
            r->fail = true;
            return 0;
        }
        r->pos++;
    }
    return v;
}

static void put_utf8(char *out, size_t *w, uint32_t c)
{
    if (c < 0x80)
        out[(*w)++] = (char)c;
    else if (c < 0x800) {
        out[(*w)++] = (char)(0xc0 | c >> 6);
        out[(*w)++] = (char)(0x80 | (c & 0x3f));
    } else if (c < 0x10000) {
        out[(*w)++] = (char)(0xe0 | c >> 12);
        out[(*w)++] = (char)(0x80 | ((c >> 6) & 0x3f));
        out[(*w)++] = (char)(0x80 | (c & 0x3f));
    } else {
        out[(*w)++] = (char)(0xf0 | c >> 18);
        out[(*w)++] = (char)(0x80 | ((c >> 12) & 0x3f));
        out[(*w)++] = (char)(0x80 | ((c >> 6) & 0x3f));
        out[(*w)++] = (char)(0x80 | (c & 0x3f));
    }
}

/* Rust's punycode (RFC 3492 with "_" as the delimiter), decoded as pprof's demangler does;
 * the result replaces *p, *k (in r->puny). */
static void punycode(rst *r, const char **p, size_t *k)
{
    const char *s = *p;
    size_t n = *k, basic = 0, enc = 0;
    for (size_t i = n; i-- > 0;)
        if (s[i] == '_') {
            basic = i;
            enc = i + 1;
            break;
        }
    uint32_t *cp = malloc((n + 1) * sizeof *cp);
    if (!cp) {
        r->fail = r->oom = true;
        return;
    }
    size_t len = 0;
    for (size_t i = 0; i < basic; i++)
        cp[len++] = (unsigned char)s[i];
    long long i = 0, code = 128, bias = 72;
    size_t pos = enc;
    while (pos < n && !r->fail) {
        long long old = i, w = 1;
        for (long long kk = 36;; kk += 36) {
            if (pos == n) {
                r->fail = true;
                break;
            }
            char d = s[pos++];
            long long digit = d >= '0' && d <= '9' ? d - '0' + 26 : d >= 'A' && d <= 'Z' ? d - 'A' : d >= 'a' && d <= 'z' ? d - 'a' : -1;
            if (digit < 0) {
                r->fail = true;
                break;
            }
            i += digit * w;
            long long t = kk <= bias ? 1 : kk > bias + 26 ? 26 : kk - bias;
            if (i > INT32_MAX || w >= INT32_MAX / 36) {
                r->fail = true;
                break;
            }
            if (digit < t)
                break;
            w *= 36 - t;
        }
        if (r->fail)
            break;
        long long delta = old == 0 ? (i - old) / 700 : (i - old) / 2;
        delta += delta / (long long)(len + 1);
        long long kk = 0;
        while (delta > ((36 - 1) * 26) / 2) {
            delta /= 36 - 1;
            kk += 36;
        }
        bias = kk + (36 * delta) / (delta + 38);
        code += i / (long long)(len + 1);
        if (code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) {
            r->fail = true;
            break;
        }
        i %= (long long)(len + 1);
        memmove(cp + i + 1, cp + i, (len - (size_t)i) * sizeof *cp);
        cp[i] = (uint32_t)code;
        len++;
        i++;
    }
    free(r->puny);
    r->puny = r->fail ? NULL : malloc(4 * len + 1);
    if (r->puny) {
        size_t w = 0;
        for (size_t j = 0; j < len; j++)
            put_utf8(r->puny, &w, cp[j]);
        r->puny[w] = 0;
        *p = r->puny;
        *k = w;
    } else if (!r->fail) {
        r->fail = r->oom = true;
    }
    free(cp);
}

/* undisambiguated-identifier */
static void ident(rst *r, const char **p, size_t *k)
{
    bool puny = eat(r, 'u');
    uint64_t len = decimal(r);
    eat(r, '_');
    if (r->fail || len > r->n - r->pos) {
        r->fail = true;
        *p = "";
        *k = 0;
        return;
    }
    *p = r->s + r->pos;
    *k = (size_t)len;
    r->pos += (size_t)len;
    for (size_t i = 0; i < *k; i++)
        if (!isalnum((unsigned char)(*p)[i]) && (*p)[i] != '_')
            r->fail = true;
    if (puny && !r->fail)
        punycode(r, p, k);
}

static void path(rst *r, bool value);
static void type(rst *r);

static bool enter(rst *r)
{
    if (++r->depth > MAX_DEPTH)
        r->fail = true;
    return !r->fail;
}

/* Runs f at the position a back-reference names (strictly before it), then comes back. */
static void backref(rst *r, void (*f)(rst *, bool), bool value, void (*t)(rst *))
{
    size_t at = r->pos - 1;
    uint64_t target = base62(r);
    if (r->skip) /* as pprof: not followed where nothing is printed (and no time spent there) */
        return;
    if (r->fail || target >= at) {
        r->fail = true;
        return;
    }
    size_t saved = r->pos;
    r->pos = (size_t)target;
    if (f)
        f(r, value);
    else
        t(r);
    r->pos = saved;
}

static void lifetime_name(rst *r, uint64_t idx)
{
    if (idx == 0) {
        puts_(r, "'_");
        return;
    }
    if (idx > r->lifetimes) {
        r->fail = true;
        return;
    }
    uint64_t depth = r->lifetimes - idx;
    char buf[32];
    if (depth < 26)
        snprintf(buf, sizeof buf, "'%c", (char)('a' + depth));
    else
        snprintf(buf, sizeof buf, "'_%llu", (unsigned long long)depth);
    puts_(r, buf);
}

/* binder: for<'a, 'b> ; returns how many lifetimes it bound */
static uint64_t binder(rst *r)
{
    if (!eat(r, 'G'))
        return 0;
    uint64_t k = base62(r) + 1;
    if (r->fail || k > 1000) {
        r->fail = true;
        return 0;
    }
    puts_(r, "for<");
    for (uint64_t i = 0; i < k; i++) {
        if (i)
            puts_(r, ", ");
        r->lifetimes++;
        lifetime_name(r, 1);
    }
    puts_(r, "> ");
    return k;
}

static void konst(rst *r)
{
    if (!enter(r))
        return;
    if (eat(r, 'B')) {
        backref(r, NULL, false, konst);
    } else if (eat(r, 'p')) {
        puts_(r, "_");
    } else {
        char t = peek(r);
        r->pos++;
        bool neg = eat(r, 'n');
        unsigned long long v = 0;
        size_t digits = 0;
        while (isxdigit((unsigned char)peek(r)) && !isupper((unsigned char)peek(r))) {
            char c = peek(r);
            if (++digits > 16)
                r->fail = true;
            v = v * 16 + (unsigned long long)(isdigit((unsigned char)c) ? c - '0' : c - 'a' + 10);
            r->pos++;
        }
        if (!eat(r, '_'))
            r->fail = true;
        char buf[40];
        if (t == 'b')
            puts_(r, v ? "true" : "false");
        else if (t == 'c' && v >= 32 && v < 127 && v != '\'' && v != '\\') {
            snprintf(buf, sizeof buf, "'%c'", (char)v);
            puts_(r, buf);
        } else if (strchr("hmyjotabslxincp", t) && t) {
            snprintf(buf, sizeof buf, "%s%llu", neg ? "-" : "", v);
            puts_(r, buf);
        } else
            r->fail = true;
    }
    r->depth--;
}

static void generic_arg(rst *r)
{
    if (eat(r, 'L'))
        lifetime_name(r, base62(r));
    else if (eat(r, 'K'))
        konst(r);
    else
        type(r);
}

static const char *basic(char c)
{
    switch (c) {
    case 'a': return "i8";
    case 'b': return "bool";
    case 'c': return "char";
    case 'd': return "f64";
    case 'e': return "str";
    case 'f': return "f32";
    case 'h': return "u8";
    case 'i': return "isize";
    case 'j': return "usize";
    case 'l': return "i32";
    case 'm': return "u32";
    case 'n': return "i128";
    case 'o': return "u128";
    case 'p': return "_";
    case 's': return "i16";
    case 't': return "u16";
    case 'u': return "()";
    case 'v': return "...";
    case 'x': return "i64";
    case 'y': return "u64";
    case 'z': return "!";
    default: return NULL;
    }
}

/* a path inside dyn bounds, with its associated type bindings: Trait<Item = T> */
static void dyn_trait(rst *r)
{
    size_t before = r->len;
    path(r, false);
    bool open = false;
    while (!r->fail && eat(r, 'p')) {
        if (!open) {
            if (!r->skip && r->len > before && r->out[r->len - 1] == '>') {
                r->len--; /* continue the path's own generic arguments */
                puts_(r, ", ");
            } else
                puts_(r, "<");
            open = true;
        } else
            puts_(r, ", ");
        const char *p;
        size_t k;
        ident(r, &p, &k);
        put(r, p, k);
        puts_(r, " = ");
        type(r);
    }
    if (open)
        puts_(r, ">");
}

static void type(rst *r)
{
    if (!enter(r))
        return;
    char c = peek(r);
    const char *b = basic(c);
    if (b) {
        r->pos++;
        puts_(r, b);
    } else if (eat(r, 'A') || eat(r, 'S')) {
        bool array = r->s[r->pos - 1] == 'A';
        puts_(r, "[");
        type(r);
        if (array) {
            puts_(r, "; ");
            konst(r);
        }
        puts_(r, "]");
    } else if (eat(r, 'T')) {
        puts_(r, "(");
        int k = 0;
        for (; !r->fail && !eat(r, 'E'); k++) {
            if (r->pos >= r->n) {
                r->fail = true;
                break;
            }
            if (k)
                puts_(r, ", ");
            type(r);
        }
        puts_(r, k == 1 ? ",)" : ")");
    } else if (eat(r, 'R') || eat(r, 'Q')) {
        bool mut = r->s[r->pos - 1] == 'Q';
        puts_(r, "&");
        if (eat(r, 'L')) {
            uint64_t l = base62(r);
            if (l) {
                lifetime_name(r, l);
                puts_(r, " ");
            }
        }
        if (mut)
            puts_(r, "mut ");
        type(r);
    } else if (eat(r, 'P') || eat(r, 'O')) {
        puts_(r, r->s[r->pos - 1] == 'P' ? "*const " : "*mut ");
        type(r);
    } else if (eat(r, 'F')) {
        uint64_t saved = r->lifetimes, k = binder(r);
        if (eat(r, 'U'))
            puts_(r, "unsafe ");
        if (eat(r, 'K')) {
            puts_(r, "extern \"");
            if (eat(r, 'C'))
                puts_(r, "C");
            else {
                const char *p;
                size_t n;
                ident(r, &p, &n);
                for (size_t i = 0; i < n; i++)
                    put(r, p[i] == '_' ? "-" : p + i, 1);
            }
            puts_(r, "\" ");
        }
        puts_(r, "fn(");
        for (int i = 0; !r->fail && !eat(r, 'E'); i++) {
            if (r->pos >= r->n) {
                r->fail = true;
                break;
            }
            if (i)
                puts_(r, ", ");
            type(r);
        }
        puts_(r, ")");
        if (eat(r, 'u')) {
            /* unit return type: nothing */
        } else {
            puts_(r, " -> ");
            type(r);
        }
        r->lifetimes = saved;
        (void)k;
    } else if (eat(r, 'D')) {
        puts_(r, "dyn ");
        uint64_t saved = r->lifetimes;
        binder(r);
        for (int i = 0; !r->fail && !eat(r, 'E'); i++) {
            if (r->pos >= r->n) {
                r->fail = true;
                break;
            }
            if (i)
                puts_(r, " + ");
            dyn_trait(r);
        }
        r->lifetimes = saved;
        if (!eat(r, 'L'))
            r->fail = true;
        uint64_t l = base62(r);
        if (l) {
            puts_(r, " + ");
            lifetime_name(r, l);
        }
    } else if (eat(r, 'B')) {
        backref(r, NULL, false, type);
    } else {
        path(r, false);
    }
    r->depth--;
}

static void path(rst *r, bool value)
{
    if (!enter(r))
        return;
    char c = peek(r);
    r->pos++;
    const char *p;
    size_t k;
    switch (c) {
    case 'C':
        disambiguator(r);
        ident(r, &p, &k);
        put(r, p, k);
        break;
    case 'M':
        disambiguator(r);
        {
            bool skip = r->skip;
            r->skip = true;
            path(r, false);
            r->skip = skip;
        }
        puts_(r, "<");
        type(r);
        puts_(r, ">");
        break;
    case 'X':
        disambiguator(r);
        {
            bool skip = r->skip;
            r->skip = true;
            path(r, false);
            r->skip = skip;
        }
        /* fall through */
    case 'Y':
        puts_(r, "<");
        type(r);
        puts_(r, " as ");
        path(r, false);
        puts_(r, ">");
        break;
    case 'N': {
        char ns = peek(r);
        r->pos++;
        if (!isalpha((unsigned char)ns)) {
            r->fail = true;
            break;
        }
        path(r, value);
        uint64_t dis = disambiguator(r);
        ident(r, &p, &k);
        if (isupper((unsigned char)ns)) {
            char buf[48];
            puts_(r, "::{");
            puts_(r, ns == 'C' ? "closure" : ns == 'S' ? "shim" : "");
            if (ns != 'C' && ns != 'S')
                put(r, &ns, 1);
            if (k) {
                puts_(r, ":");
                put(r, p, k);
            }
            snprintf(buf, sizeof buf, "#%llu}", (unsigned long long)dis);
            puts_(r, buf);
        } else {
            puts_(r, "::");
            put(r, p, k);
        }
        break;
    }
    case 'I':
        path(r, value);
        puts_(r, value ? "::<" : "<");
        for (int i = 0; !r->fail && !eat(r, 'E'); i++) {
            if (r->pos >= r->n) {
                r->fail = true;
                break;
            }
            if (i)
                puts_(r, ", ");
            generic_arg(r);
        }
        puts_(r, ">");
        break;
    case 'B':
        backref(r, path, value, NULL);
        break;
    default:
        r->fail = true;
    }
    r->depth--;
}

char *sym_rust_v0_demangle(const char *raw, bool *oom)
{
    *oom = false;
    if (strncmp(raw, "_R", 2) != 0)
        return NULL;
    rst r = {.s = raw + 2, .n = strcspn(raw + 2, ".")}; /* a ".llvm.123" suffix is dropped */
    if (isdigit((unsigned char)peek(&r)))
        decimal(&r); /* encoding version */
    path(&r, true);
    if (!r.fail && r.pos < r.n && isupper((unsigned char)peek(&r))) {
        r.skip = true; /* the instantiating crate */
        path(&r, false);
    }
    free(r.puny);
    if (r.fail || r.pos != r.n || !r.out) {
        *oom = r.oom;
        free(r.out);
        return NULL;
    }
    return r.out;
}
