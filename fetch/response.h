/* The HTTP side of a fetch without the transport: the response's header lines as libcurl
 * hands them over (status line, "Name: value" lines, the blank line; one response after
 * another when redirects are followed), and the one error line pprof prints for a response
 * other than 200. No libcurl here: fetch.c feeds it, the fetch fuzz harness too. */
#ifndef PVIEW_FETCH_RESPONSE_H
#define PVIEW_FETCH_RESPONSE_H

#include <stdbool.h>
#include <stddef.h>

/* The last response seen. Zero it (= {0}) before the first header line; free its strings
 * with pv_http_response_free(). */
typedef struct {
    int status;         /* the status line's code, 0 before any status line */
    char *reason;       /* its reason phrase, blanks trimmed, or NULL (none, or no memory) */
    char *content_type; /* the Content-Type header, blanks trimmed, or NULL */
    bool go_pprof;      /* an X-Go-Pprof header came (a Go net/http/pprof error) */
    bool headers_done;  /* the blank line after the headers came */
} pv_http_response;

/* Reads one header line p[0..n) (not NUL-terminated; its "\r\n" may be there). A status line
 * ("HTTP/...") starts a new response: every field is reset and the function returns 1 (the
 * body received so far belonged to an earlier response: drop it). Otherwise returns 0. A
 * field whose copy runs out of memory stays NULL. */
int pv_http_response_header(pv_http_response *r, const char *p, size_t n);

/* The error of a completed response whose body is body[0..len): 0 when the status is 200
 * (the body is the profile; *line is NULL); 1 with *line (caller frees) one line without a
 * newline, pprof's "server response: 404 Not Found", with " - " and the body's first line
 * when a Go pprof handler sent text/plain; the server's control bytes (but tab) in it are
 * shown as '?'; -1 when memory ran out (*line NULL). */
int pv_http_response_error(const pv_http_response *r, const unsigned char *body, size_t len, char **line);

void pv_http_response_free(pv_http_response *r);

#endif
