/* pprof's adjustURL (go1.19 cmd/pprof): which sources are URLs, and the URL actually fetched. */
#include <ctype.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fetch/fetch.h"

typedef struct {
    char *s;
    size_t len, cap;
} sbuf;

static int sb_add(sbuf *b, const char *s, size_t n)
{
    if (b->len + n + 1 > b->cap) {
        size_t c = b->cap ? b->cap : 64;
        while (c < b->len + n + 1)
            c *= 2;
        char *t = realloc(b->s, c);
        if (!t)
            return -1;
        b->s = t;
        b->cap = c;
    }
    memcpy(b->s + b->len, s, n);
    b->len += n;
    b->s[b->len] = '\0';
    return 0;
}

static int sb_str(sbuf *b, const char *s) { return sb_add(b, s, strlen(s)); }

/* Go's getScheme: letters first, then letters, digits, '+', '-', '.', up to ':'. Length of
 * the scheme, or 0 when there is none. *bad is set for a ':' first (Go's "missing protocol
 * scheme"). */
static size_t scheme_len(const char *s, bool *bad)
{
    *bad = false;
    for (size_t i = 0; s[i]; i++) {
        char c = s[i];
        if (isalpha((unsigned char)c))
            continue;
        if (isdigit((unsigned char)c) || c == '+' || c == '-' || c == '.') {
            if (i == 0)
                return 0;
            continue;
        }
        if (c == ':') {
            if (i == 0)
                *bad = true;
            return i;
        }
        return 0;
    }
    return 0;
}

typedef struct {
    char *scheme;               /* lower case */
    const char *auth, *path;    /* into the source */
    size_t auth_len, path_len;
    const char *query, *frag;   /* after '?' and '#', or NULL */
    size_t query_len;
} url_parts;

/* Splits "scheme://authority/path?query#frag"; 1 when it has a host, 0 when not, 2 when
 * Go's url.Parse would fail on the host (a bad port), -1 on OOM. */
static int split_url(const char *s, size_t slen, url_parts *u)
{
    memset(u, 0, sizeof *u);
    u->scheme = strndup(s, slen);
    if (!u->scheme)
        return -1;
    for (char *p = u->scheme; *p; p++)
        *p = (char)tolower((unsigned char)*p);
    const char *p = s + slen + 1;
    if (strncmp(p, "//", 2) != 0)
        return 0; /* opaque: "host:port/path" read as scheme "host" */
    p += 2;
    u->auth = p;
    u->auth_len = strcspn(p, "/?#");
    p += u->auth_len;
    u->path = p;
    u->path_len = strcspn(p, "?#");
    p += u->path_len;
    if (*p == '?') {
        u->query = p + 1;
        u->query_len = strcspn(p + 1, "#");
        p += 1 + u->query_len;
    }
    if (*p == '#')
        u->frag = p + 1;
    /* the host is the authority without "user@" (Go takes the last '@') */
    const char *host = u->auth;
    for (size_t i = u->auth_len; i > 0; i--)
        if (u->auth[i - 1] == '@') {
            host = u->auth + i;
            break;
        }
    size_t host_len = u->auth_len - (size_t)(host - u->auth);
    if (host_len == 0)
        return 0;
    /* Go refuses a port that is not digits ("a:b" is then no URL) */
    const char *port = NULL;
    if (host[0] == '[') {
        const char *rb = memchr(host, ']', host_len);
        if (!rb)
            return 2;
        if (rb + 1 < host + host_len) {
            if (rb[1] != ':')
                return 2;
            port = rb + 2;
        }
    } else {
        for (size_t i = host_len; i > 0; i--)
            if (host[i - 1] == ':') {
                port = host + i;
                break;
            }
    }
    for (const char *p2 = port; port && p2 < host + host_len; p2++)
        if (*p2 < '0' || *p2 > '9')
            return 2;
    return 1;
}

static int hexv(char c)
{
    return c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
}

/* Go's QueryUnescape into a new string; NULL when the escape is invalid (*oom tells OOM). */
static char *query_unescape(const char *s, size_t n, bool *oom)
{
    char *o = malloc(n + 1);
    if (!o) {
        *oom = true;
        return NULL;
    }
    size_t k = 0;
    for (size_t i = 0; i < n; i++) {
        if (s[i] == '%') {
            if (i + 2 >= n) {
                free(o);
                return NULL;
            }
            int a = hexv(s[i + 1]), b = hexv(s[i + 2]);
            if (a < 0 || b < 0) {
                free(o);
                return NULL;
            }
            o[k++] = (char)(a * 16 + b);
            i += 2;
        } else {
            o[k++] = s[i] == '+' ? ' ' : s[i];
        }
    }
    o[k] = '\0';
    return o;
}

static int query_escape(sbuf *b, const char *s)
{
    for (; *s; s++) {
        unsigned char c = (unsigned char)*s;
        char t[4];
        if (isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~') {
            t[0] = (char)c;
            t[1] = '\0';
        } else if (c == ' ') {
            strcpy(t, "+");
        } else {
            snprintf(t, sizeof t, "%%%02X", c);
        }
        if (sb_str(b, t) != 0)
            return -1;
    }
    return 0;
}

typedef struct {
    char *key, *val;
    size_t order;
} qpair;

static int qpair_cmp(const void *a, const void *b)
{
    const qpair *x = a, *y = b;
    int c = strcmp(x->key, y->key);
    return c ? c : (x->order > y->order) - (x->order < y->order);
}

/* Go's ParseQuery then Values.Encode, with "seconds" set to seconds when it is > 0;
 * *url_seconds gets the query's own "seconds" (Values.Get), or 0. */
static int rebuild_query(sbuf *b, const char *q, size_t n, int seconds, long *url_seconds)
{
    qpair *pairs = NULL;
    size_t np = 0, cap = 0;
    bool oom = false;
    *url_seconds = 0;
    bool have_seconds = false;
    for (size_t i = 0; q && i <= n && !oom;) {
        size_t e = i;
        while (e < n && q[e] != '&')
            e++;
        const char *part = q + i;
        size_t plen = e - i;
        i = e + 1;
        if (plen == 0 || memchr(part, ';', plen))
            continue; /* Go skips a key with ';' (an error it then ignores) */
        const char *eq = memchr(part, '=', plen);
        size_t klen = eq ? (size_t)(eq - part) : plen;
        char *k = query_unescape(part, klen, &oom);
        char *v = eq ? query_unescape(eq + 1, plen - klen - 1, &oom) : strdup("");
        if (!eq && !v)
            oom = true;
        if (!k || !v) {
            free(k);
            free(v);
            continue;
        }
        if (!strcmp(k, "seconds")) {
            if (!have_seconds) {
                char *end;
                long sv = strtol(v, &end, 10);
                if (*v && !*end && sv >= -2147483647L - 1 && sv <= 2147483647L)
                    *url_seconds = sv;
                have_seconds = true;
            }
            if (seconds > 0) {
                free(k);
                free(v);
                continue;
            }
        }
        if (np == cap) {
            cap = cap ? cap * 2 : 8;
            qpair *t = realloc(pairs, cap * sizeof *t);
            if (!t) {
                free(k);
                free(v);
                oom = true;
                break;
            }
            pairs = t;
        }
        pairs[np] = (qpair){k, v, np};
        np++;
    }
    if (seconds > 0 && !oom) {
        char num[24];
        snprintf(num, sizeof num, "%d", seconds);
        qpair *t = realloc(pairs, (np + 1) * sizeof *t);
        char *k = strdup("seconds"), *v = strdup(num);
        if (!t || !k || !v) {
            free(k);
            free(v);
            if (t)
                pairs = t;
            oom = true;
        } else {
            pairs = t;
            pairs[np] = (qpair){k, v, np};
            np++;
        }
    }
    if (!oom && np > 1)
        qsort(pairs, np, sizeof *pairs, qpair_cmp);
    for (size_t i = 0; i < np && !oom; i++) {
        if ((i && sb_str(b, "&") != 0) || query_escape(b, pairs[i].key) != 0 || sb_str(b, "=") != 0 ||
            query_escape(b, pairs[i].val) != 0)
            oom = true;
    }
    for (size_t i = 0; i < np; i++) {
        free(pairs[i].key);
        free(pairs[i].val);
    }
    free(pairs);
    return oom ? -1 : 0;
}

int pv_fetch_adjust_url(const char *src, int seconds, int timeout, char **url, int *duration, long *timeout_ms)
{
    *url = NULL;
    *duration = 0;
    *timeout_ms = 0;
    bool bad;
    size_t sl = scheme_len(src, &bad);
    url_parts u;
    int r = 0;
    char *retry = NULL;
    if (sl > 0) {
        r = split_url(src, sl, &u);
        if (r < 0)
            return -1;
        if (r == 2)
            r = 0; /* url.Parse failed: pprof retries with "http://" */
        if (r == 0 && !strcmp(u.scheme, "file") && !strncmp(src + sl + 1, "//", 2)) {
            free(u.scheme);
            return 0; /* file:// with no host: a local path for pprof */
        }
    } else if (!bad) {
        /* no scheme: a path; Go refuses a colon in its first segment, and pprof retries */
        size_t seg = strcspn(src, "/?#");
        if (!memchr(src, ':', seg))
            return 0;
    }
    if (r == 0) {
        if (sl > 0)
            free(u.scheme);
        size_t n = strlen(src);
        retry = malloc(n + 8);
        if (!retry)
            return -1;
        memcpy(retry, "http://", 7);
        memcpy(retry + 7, src, n + 1);
        r = split_url(retry, 4, &u);
        if (r != 1) {
            if (r >= 0)
                free(u.scheme);
            free(retry);
            return r < 0 ? -1 : 0;
        }
    }
    sbuf b = {0};
    long url_seconds = 0;
    int oom = sb_str(&b, u.scheme) | sb_str(&b, "://") | sb_add(&b, u.auth, u.auth_len);
    if (u.path_len == 0 || (u.path_len == 1 && u.path[0] == '/'))
        oom |= sb_str(&b, "/debug/pprof/profile");
    else
        oom |= sb_add(&b, u.path, u.path_len);
    sbuf q = {0};
    oom |= rebuild_query(&q, u.query, u.query_len, seconds, &url_seconds);
    if (q.len)
        oom |= sb_str(&b, "?") | sb_add(&b, q.s, q.len);
    if (u.frag)
        oom |= sb_str(&b, "#") | sb_str(&b, u.frag);
    free(q.s);
    free(u.scheme);
    free(retry);
    if (oom) {
        free(b.s);
        return -1;
    }
    int d = seconds > 0 ? seconds : url_seconds > 0 ? (int)url_seconds : 0;
    *duration = d;
    *timeout_ms = timeout > 0 ? timeout * 1000L : d > 0 ? d * 1500L : 60000L;
    *url = b.s;
    return 1;
}
