/* libFuzzer harness: fetching without a network. One input is a source as given on the
 * command line, the header lines of the responses a server sent for it (redirects give
 * several responses) and the last response's body:
 *
 *     [SECONDS '\t' TIMEOUT '\t'] SOURCE '\n' HEADER-LINES ['\0' BODY]
 *
 * SECONDS and TIMEOUT (decimal; -seconds and -timeout, -1 when absent) go with SOURCE to
 * pv_fetch_adjust_url(), whose promises are checked (a URL when it says 1, none when 0, a
 * sane duration and timeout). HEADER-LINES, up to the first NUL byte, are cut after each
 * '\n' and handed one by one to pv_http_response_header(), each in a buffer of its own
 * exact size (libcurl's header lines are not NUL-terminated). Then, as fetch.c does with a
 * finished transfer, a response other than 200 must give one error line ("server response:
 * ...", no control byte but tab), and a 200's body is loaded as a profile (pv_load_buffer,
 * small gzip cap) whose model must keep model.h's promises, or which is refused in one line.
 * The body is also read as a symbol endpoint's answer (pv_symbolz_parse: entries inside the
 * body, names on one line, or one error line), the URL's symbol endpoint is derived
 * (pv_symbolz_url), and when the body loaded as a profile, each mapping's request body is
 * made (pv_symbolz_query) and the answer's names are written into mapping 0
 * (pv_symbolize_names): the model must still keep its promises. */
#include <stddef.h>
#include <stdint.h>

#include "fetch/fetch.h"
#include "fetch/response.h"
#include "fetch/symbolz.h"
#include "fuzz/common.h"
#include "profile/load.h"

/* a decimal int of s[0..n), clamped to [-1, 1e9] as pv_fetch_opts_set() allows */
static int fz_number(const char *s, size_t n)
{
    long v = 0;
    int neg = n && s[0] == '-';
    for (size_t i = neg; i < n && s[i] >= '0' && s[i] <= '9'; i++)
        v = v > 100000000L ? 1000000000L : v * 10 + (s[i] - '0');
    v = neg ? -v : v;
    return v < -1 ? -1 : v > 1000000000L ? 1000000000 : (int)v;
}

static void fz_check_url(const char *src, int seconds, int timeout)
{
    char *url = (char *)1;
    int duration = -7;
    long timeout_ms = -7;
    int r = pv_fetch_adjust_url(src, seconds, timeout, &url, &duration, &timeout_ms);
    if (r != 1) {
        if (r != 0 && r != -1)
            fz_fail("pv_fetch_adjust_url returned neither 1, 0 nor -1");
        if (url)
            fz_fail("pv_fetch_adjust_url gave a URL without returning 1");
        return;
    }
    if (!url)
        fz_fail("pv_fetch_adjust_url returned 1 without a URL");
    const char *sep = strstr(url, "://");
    if (!sep || sep == url)
        fz_fail("the URL has no scheme://");
    if (strchr(url, '\n'))
        fz_fail("the URL spans lines");
    bool oom;
    char *symz = pv_symbolz_url(url, &oom);
    if (symz) {
        const char *q = strchr(symz, '?'), *h = strchr(symz, '#');
        size_t end = h ? (size_t)(h - symz) : strlen(symz);
        if ((q && (!h || q < h)) || !strstr(symz, "://"))
            fz_fail("the symbol endpoint keeps a query or has no scheme");
        if (!(end >= 7 && !memcmp(symz + end - 7, "/symbol", 7)) && !(end >= 8 && !memcmp(symz + end - 8, "/symbolz", 8)))
            fz_fail("the symbol endpoint is neither .../symbol nor /symbolz");
        free(symz);
    } else if (!oom) {
        fz_fail("a fetched URL has no symbol endpoint");
    }
    if (duration < 0 || (seconds > 0 && duration != seconds))
        fz_fail("the duration is negative or not -seconds");
    if (seconds > 0 && !strstr(url, "seconds="))
        fz_fail("-seconds is not in the URL");
    if (timeout_ms <= 0 || (timeout > 0 && timeout_ms != timeout * 1000L))
        fz_fail("the header timeout is not positive or not -timeout");
    /* the same source gives the same URL */
    char *again = NULL;
    int d2;
    long t2;
    if (pv_fetch_adjust_url(src, seconds, timeout, &again, &d2, &t2) == 1 &&
        (strcmp(again, url) || d2 != duration || t2 != timeout_ms))
        fz_fail("pv_fetch_adjust_url differs on the same source");
    free(again);
    free(url);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *p = (const char *)data, *end = p + size;

    /* the source line */
    const char *nl = memchr(p, '\n', size);
    const char *le = nl ? nl : end;
    int seconds = -1, timeout = -1;
    const char *t1 = memchr(p, '\t', (size_t)(le - p));
    const char *t2 = t1 ? memchr(t1 + 1, '\t', (size_t)(le - t1 - 1)) : NULL;
    if (t2) {
        seconds = fz_number(p, (size_t)(t1 - p));
        timeout = fz_number(t1 + 1, (size_t)(t2 - t1 - 1));
        p = t2 + 1;
    }
    char *src = strndup(p, (size_t)(le - p)); /* stops at a NUL too, as a C string would */
    if (!src)
        return 0;
    fz_check_url(src, seconds, timeout);
    free(src);
    p = nl ? nl + 1 : end;

    /* the header lines, then the body */
    const char *nul = memchr(p, '\0', (size_t)(end - p));
    const char *hend = nul ? nul : end;
    const unsigned char *body = nul ? (const unsigned char *)nul + 1 : NULL;
    size_t blen = nul ? (size_t)(end - nul - 1) : 0;
    pv_http_response resp = {0};
    while (p < hend) {
        const char *e = memchr(p, '\n', (size_t)(hend - p));
        size_t n = e ? (size_t)(e - p) + 1 : (size_t)(hend - p);
        char *line = malloc(n ? n : 1);
        if (!line)
            break;
        memcpy(line, p, n);
        int r = pv_http_response_header(&resp, line, n);
        free(line);
        if (r != 0 && r != 1)
            fz_fail("pv_http_response_header returned neither 0 nor 1");
        p += n;
    }
    char *line = (char *)1;
    int r = pv_http_response_error(&resp, body, blen, &line);
    if (r == 1) {
        if (!line || strncmp(line, "server response: ", 17))
            fz_fail("the error line does not start with \"server response: \"");
        fz_check_error(line);
        for (const char *c = line; *c; c++)
            if (((unsigned char)*c < 0x20 && *c != '\t') || *c == 0x7f)
                fz_fail("the error line holds a control byte");
        free(line);
    } else if (r == 0) {
        if (line)
            fz_fail("a 200 response gave an error line");
        if (resp.status != 200)
            fz_fail("a response other than 200 gave no error line");
        pv_load_opts lo = {.max_decompressed = 1u << 20};
        char err[1024];
        pv_model *m = pv_load_buffer("fuzz", body ? body : (const unsigned char *)"", blen, &lo, err, sizeof err);
        pv_sym_name *names = NULL;
        char *serr = NULL;
        long nn = pv_symbolz_parse((const char *)body, blen, &names, &serr);
        if (nn < 0 && serr) {
            if (strncmp(serr, "unexpected parse failure 0x", 27))
                fz_fail("a symbol answer's error is not pprof's");
            fz_check_error(serr);
        }
        for (long i = 0; i < nn; i++) {
            const char *nm = names[i].name;
            if (nm < (const char *)body || nm + names[i].name_len > (const char *)body + blen ||
                memchr(nm, '\n', names[i].name_len))
                fz_fail("a symbol's name is outside the answer or spans lines");
        }
        if (!m) {
            fz_check_error(err);
        } else {
            fz_check_model(m);
            for (uint32_t mi = 0; mi < m->nmappings; mi++) {
                char *qerr = NULL;
                char *q = pv_symbolz_query(m, mi, mi == 1 ? -4096 : 0, &qerr);
                if (q && (q[0] == '+' || strstr(q, "++") || (q[0] && strncmp(q, "0x", 2))))
                    fz_fail("a symbol request is not 0x... joined by +");
                free(q);
                free(qerr);
            }
            if (m->nmappings > 0 && pv_symbolize_names(m, 0, names, nn > 0 ? (size_t)nn : 0, blen & 1) >= 0)
                fz_check_model(m);
            pv_model_free(m);
        }
        free(names);
        free(serr);
    } else if (r != -1 || line) {
        fz_fail("pv_http_response_error returned neither 1, 0 nor -1, or a line with -1");
    }
    pv_http_response_free(&resp);
    return 0;
}
