/* Header lines and the error line of an HTTP response: see response.h. */
#include "fetch/response.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "profile/util.h"

static char *dup_trim(const char *p, size_t n)
{
    while (n && isspace((unsigned char)*p)) {
        p++;
        n--;
    }
    while (n && isspace((unsigned char)p[n - 1]))
        n--;
    return strndup(p, n);
}

/* The status code at p[0..n) (digits after blanks, as atoi reads them, but within n: the line
 * is not NUL-terminated); 0 when there are none, 999999999 at most. */
static int status_code(const char *p, size_t n)
{
    size_t i = 0;
    while (i < n && (p[i] == ' ' || p[i] == '\t'))
        i++;
    int v = 0;
    for (; i < n && p[i] >= '0' && p[i] <= '9'; i++)
        v = v >= 100000000 ? 999999999 : v * 10 + (p[i] - '0');
    return v;
}

int pv_http_response_header(pv_http_response *r, const char *p, size_t n)
{
    if (n >= 5 && !strncmp(p, "HTTP/", 5)) { /* a status line: a new response (after a redirect) */
        pv_http_response_free(r);
        r->status = 0;
        r->go_pprof = false;
        r->headers_done = false;
        const char *sp = memchr(p, ' ', n);
        if (sp) {
            r->status = status_code(sp + 1, n - (size_t)(sp + 1 - p));
            const char *sp2 = memchr(sp + 1, ' ', n - (size_t)(sp + 1 - p));
            if (sp2)
                r->reason = dup_trim(sp2 + 1, n - (size_t)(sp2 + 1 - p));
        }
        return 1;
    }
    if (n <= 2 && (n == 0 || p[0] == '\r' || p[0] == '\n')) {
        r->headers_done = true;
        return 0;
    }
    const char *colon = memchr(p, ':', n);
    if (!colon)
        return 0;
    size_t kl = (size_t)(colon - p);
    if (kl == 12 && !strncasecmp(p, "content-type", 12)) {
        free(r->content_type);
        r->content_type = dup_trim(colon + 1, n - kl - 1);
    } else if (kl == 10 && !strncasecmp(p, "x-go-pprof", 10)) {
        r->go_pprof = true;
    }
    return 0;
}

static const char *status_text(int code)
{
    switch (code) {
    case 400: return "Bad Request";
    case 401: return "Unauthorized";
    case 403: return "Forbidden";
    case 404: return "Not Found";
    case 405: return "Method Not Allowed";
    case 408: return "Request Timeout";
    case 500: return "Internal Server Error";
    case 502: return "Bad Gateway";
    case 503: return "Service Unavailable";
    case 504: return "Gateway Timeout";
    default: return "";
    }
}


int pv_http_response_error(const pv_http_response *r, const unsigned char *body, size_t len, char **line)
{
    *line = NULL;
    if (r->status == 200)
        return 0;
    const char *reason = r->reason && *r->reason ? r->reason : status_text(r->status);
    if (r->go_pprof && r->content_type && strstr(r->content_type, "text/plain") && len) {
        /* the error text of a Go pprof handler: its first line */
        size_t n = 0;
        while (n < len && body[n] != '\n' && body[n] != '\r')
            n++;
        *line = pv_asprintf("server response: %d %s - %.*s", r->status, reason, (int)n, (const char *)body);
    } else {
        *line = pv_asprintf("server response: %d%s%s", r->status, *reason ? " " : "", reason);
    }
    if (!*line)
        return -1;
    /* what the server wrote stays on one line and cannot drive the terminal */
    for (unsigned char *c = (unsigned char *)*line; *c; c++)
        if ((*c < 0x20 && *c != '\t') || *c == 0x7f)
            *c = '?';
    return 1;
}

void pv_http_response_free(pv_http_response *r)
{
    free(r->reason);
    r->reason = NULL;
    free(r->content_type);
    r->content_type = NULL;
}
