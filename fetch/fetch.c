/* Fetching N sources at once with libcurl's multi interface: see fetch.h. */
#include "fetch/fetch.h"

#include <errno.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <curl/curl.h>

#include "fetch/response.h"
#include "fetch/symbolz.h"
#include "profile/util.h"

#define MAX_BODY (4ull << 30)      /* a profile body larger than this is refused */
#define MAX_ERROR_BODY (64u << 10) /* what is kept of an error page */

void pv_fetch_opts_init(pv_fetch_opts *o)
{
    memset(o, 0, sizeof *o);
    o->seconds = -1;
    o->timeout = -1;
}

static int set_err(char *err, size_t errlen, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static int set_err(char *err, size_t errlen, const char *fmt, ...)
{
    if (err && errlen) {
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(err, errlen, fmt, ap);
        va_end(ap);
    }
    return -1;
}

int pv_fetch_opts_set(pv_fetch_opts *o, const char *name, const char *value, char *err, size_t errlen)
{
    if (!strcmp(name, "seconds") || !strcmp(name, "timeout")) {
        char *end;
        errno = 0;
        long v = strtol(value, &end, 10);
        if (errno || end == value || *end || v < -1 || v > 1000000000L)
            return set_err(err, errlen, "want a number of seconds");
        *(!strcmp(name, "seconds") ? &o->seconds : &o->timeout) = (int)v;
        return 1;
    }
    const char **slot = !strcmp(name, "tls_cert") ? &o->tls_cert
                        : !strcmp(name, "tls_key") ? &o->tls_key
                        : !strcmp(name, "tls_ca")  ? &o->tls_ca
                                                   : NULL;
    if (!slot)
        return 0;
    *slot = *value ? value : NULL;
    return 1;
}

typedef struct {
    CURL *h;
    pv_fetch_result *r;
    char *fetch_url; /* https+insecure:// becomes https:// */
    unsigned char *body;
    size_t len, cap;
    bool too_big;
    uint64_t inflate_cap;   /* pv_fetch_opts.inflate_cap */
    pv_gunzip *gz;          /* inflating the body as it arrives, or NULL */
    bool want_stream;       /* pv_fetch_opts.stream */
    const pv_stream_sizes *sizes; /* pv_fetch_opts.sizes[i], or NULL */
    pv_stream *stream;      /* decoding what gz gives, or NULL */
    size_t streamed;        /* bytes of gz's output given to stream */
    bool gz_tried;          /* the body's first bytes were looked at */
    pv_http_response resp; /* the last response's status line and headers */
    bool done;
    double t_start; /* of the current request, for the header timeout */
    long timeout_ms;
    const char *verb;                     /* "Get", or "Post", in messages as Go words them */
    const volatile sig_atomic_t *cancel; /* a POST's: stop when it becomes non-zero, or NULL */
    char errbuf[CURL_ERROR_SIZE];
} xfer;

static double now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static size_t on_body(char *p, size_t size, size_t nmemb, void *ud)
{
    xfer *x = ud;
    size_t n = size * nmemb;
    uint64_t limit = x->resp.status == 200 ? MAX_BODY : MAX_ERROR_BODY;
    if (x->len + n > limit) {
        if (x->resp.status == 200) {
            x->too_big = true;
            return 0; /* aborts the transfer */
        }
        n = limit > x->len ? (size_t)(limit - x->len) : 0;
        if (n == 0)
            return size * nmemb;
    }
    if (x->len + n > x->cap) {
        size_t c = x->cap ? x->cap : 1 << 16;
        while (c < x->len + n)
            c *= 2;
        unsigned char *t = realloc(x->body, c);
        if (!t)
            return 0;
        x->body = t;
        x->cap = c;
    }
    memcpy(x->body + x->len, p, n);
    x->len += n;
    /* a gzipped profile is inflated while it arrives, so that loading it after the download
     * does not wait for that (a live view's delay); any trouble leaves it to the loader */
    if (x->resp.status == 200 && x->inflate_cap && !x->gz_tried && x->len >= 2) {
        x->gz_tried = true;
        size_t hint = x->sizes ? x->sizes->plain + x->sizes->plain / 16 : 0; /* the last profile's size */
        if (x->body[0] == 0x1f && x->body[1] == 0x8b && (x->gz = pv_gunzip_new(x->inflate_cap, hint)) != NULL)
            p = (char *)x->body, n = x->len; /* from the start */
    }
    if (x->gz && pv_gunzip_feed(x->gz, (const uint8_t *)p, n) != 0) {
        pv_gunzip_free(x->gz);
        x->gz = NULL;
        pv_stream_free(x->stream);
        x->stream = NULL;
    }
    if (x->gz && x->want_stream) { /* and decoded as it comes, by the stream's thread */
        size_t have;
        const uint8_t *out = pv_gunzip_output(x->gz, &have);
        if (!x->stream && !x->streamed)
            x->stream = pv_stream_new_sized(x->sizes);
        if (x->stream && have > x->streamed)
            pv_stream_feed(x->stream, out + x->streamed, have - x->streamed);
        x->streamed = have;
    }
    return size * nmemb;
}

static size_t on_header(char *p, size_t size, size_t nmemb, void *ud)
{
    xfer *x = ud;
    size_t n = size * nmemb;
    if (pv_http_response_header(&x->resp, p, n) == 1) { /* a new response (after a redirect) */
        x->len = 0;
        pv_gunzip_free(x->gz);
        x->gz = NULL;
        x->gz_tried = false;
        pv_stream_free(x->stream);
        x->stream = NULL;
        x->streamed = 0;
        x->t_start = now_s();
    }
    return n;
}

static int on_progress(void *ud, curl_off_t dlt, curl_off_t dln, curl_off_t ult, curl_off_t uln)
{
    (void)dlt, (void)dln, (void)ult, (void)uln;
    xfer *x = ud;
    if (x->cancel && *x->cancel)
        return 1;
    /* go tool pprof waits timeout + 5s for the response headers, then as long as the body takes */
    return !x->resp.headers_done && (now_s() - x->t_start) * 1000 > (double)x->timeout_ms + 5000;
}


/* The result of a finished transfer into x->r. */
static void finish(xfer *x, CURLcode rc, bool canceled)
{
    pv_fetch_result *r = x->r;
    x->done = true;
    bool ok = false;
    if (canceled || (x->cancel && *x->cancel)) {
        r->error = strdup("canceled");
    } else if (!x->resp.headers_done && (rc == CURLE_ABORTED_BY_CALLBACK ||
                                         (rc == CURLE_OPERATION_TIMEDOUT && strstr(x->errbuf, "too slow")))) {
        r->error = pv_asprintf("%s \"%s\": timeout awaiting response headers (%.0fs; see -timeout)", x->verb,
                               r->url, (double)x->timeout_ms / 1000 + 5);
    } else if (x->too_big) {
        r->error = pv_asprintf("%s \"%s\": the body is larger than %llu bytes", x->verb, r->url,
                               (unsigned long long)MAX_BODY);
    } else if (rc != CURLE_OK) {
        long os_errno = 0;
        curl_easy_getinfo(x->h, CURLINFO_OS_ERRNO, &os_errno);
        const char *why = x->errbuf[0] ? x->errbuf : curl_easy_strerror(rc);
        if (rc == CURLE_COULDNT_CONNECT && os_errno > 0)
            r->error = pv_asprintf("%s \"%s\": %s (%s)", x->verb, r->url, why, strerror((int)os_errno));
        else
            r->error = pv_asprintf("%s \"%s\": %s", x->verb, r->url, why);
    } else if (pv_http_response_error(&x->resp, x->body, x->len, &r->error) != 0) {
        /* not 200: the error line, or no memory for it (below) */
    } else {
        r->data = x->body;
        r->len = x->len;
        x->body = NULL;
        ok = true;
        char why[160];
        if (x->gz && pv_gunzip_end(x->gz, &r->plain, &r->plain_len, why, sizeof why) != 0)
            r->plain = NULL;
        if (r->plain && x->stream && x->streamed == r->plain_len) { /* its thread may be at work still */
            r->stream = x->stream;
            x->stream = NULL;
        }
    }
    pv_gunzip_free(x->gz);
    x->gz = NULL;
    pv_stream_free(x->stream);
    x->stream = NULL;
    if (!ok && !r->error)
        r->error = strdup("out of memory");
    free(r->content_type);
    r->content_type = x->resp.content_type;
    x->resp.content_type = NULL;
}

/* "localhost,127.0.0.1,::1" plus the environment's no_proxy: Go never proxies loopback. */
static char *no_proxy_list(void)
{
    const char *env = getenv("no_proxy");
    if (!env || !*env)
        env = getenv("NO_PROXY");
    if (env && !strcmp(env, "*"))
        return strdup("*");
    return pv_asprintf("localhost,127.0.0.1,::1%s%s", env && *env ? "," : "", env && *env ? env : "");
}

static int check_tls(const pv_fetch_opts *o, char *err, size_t errlen)
{
    if (o->tls_key && !o->tls_cert)
        return set_err(err, errlen, "-tls_key is specified, so -tls_cert must also be specified");
    if (o->tls_cert && !o->tls_key)
        return set_err(err, errlen, "-tls_cert is specified, so -tls_key must also be specified");
    const char *files[3] = {o->tls_cert, o->tls_key, o->tls_ca};
    const char *what[3] = {"certificate specified by -tls_cert", "key specified by -tls_key", "CA specified by -tls_ca"};
    for (int i = 0; i < 3; i++) {
        if (files[i] && access(files[i], R_OK) != 0)
            return set_err(err, errlen, "could not load %s: %s: %s", what[i], files[i], strerror(errno));
    }
    return 0;
}

static int setup(xfer *x, const pv_fetch_opts *o, const char *no_proxy)
{
    CURL *h = x->h;
    bool insecure = !strncmp(x->r->url, "https+insecure://", 17);
    x->fetch_url = insecure ? pv_asprintf("https://%s", x->r->url + 17) : strdup(x->r->url);
    if (!x->fetch_url)
        return -1;
    int bad = 0;
    bad |= curl_easy_setopt(h, CURLOPT_URL, x->fetch_url) != CURLE_OK;
    bad |= curl_easy_setopt(h, CURLOPT_PROTOCOLS_STR, "http,https") != CURLE_OK;
    bad |= curl_easy_setopt(h, CURLOPT_REDIR_PROTOCOLS_STR, "http,https") != CURLE_OK;
    bad |= curl_easy_setopt(h, CURLOPT_FOLLOWLOCATION, 1L) != CURLE_OK;
    bad |= curl_easy_setopt(h, CURLOPT_MAXREDIRS, 10L) != CURLE_OK;
    bad |= curl_easy_setopt(h, CURLOPT_ACCEPT_ENCODING, "") != CURLE_OK;
    bad |= curl_easy_setopt(h, CURLOPT_USERAGENT, "pview") != CURLE_OK;
    bad |= curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L) != CURLE_OK;
    bad |= curl_easy_setopt(h, CURLOPT_NOPROXY, no_proxy) != CURLE_OK;
    bad |= curl_easy_setopt(h, CURLOPT_CONNECTTIMEOUT_MS, x->timeout_ms + 5000) != CURLE_OK;
    /* beyond pprof, which waits for ever: a body that stops coming for as long is given up (a
     * second more than the header limit, which is the one to say why while no header came) */
    bad |= curl_easy_setopt(h, CURLOPT_LOW_SPEED_LIMIT, 1L) != CURLE_OK;
    bad |= curl_easy_setopt(h, CURLOPT_LOW_SPEED_TIME, (x->timeout_ms + 6000 + 999) / 1000) != CURLE_OK;
    bad |= curl_easy_setopt(h, CURLOPT_ERRORBUFFER, x->errbuf) != CURLE_OK;
    bad |= curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, on_body) != CURLE_OK;
    bad |= curl_easy_setopt(h, CURLOPT_WRITEDATA, x) != CURLE_OK;
    bad |= curl_easy_setopt(h, CURLOPT_HEADERFUNCTION, on_header) != CURLE_OK;
    bad |= curl_easy_setopt(h, CURLOPT_HEADERDATA, x) != CURLE_OK;
    bad |= curl_easy_setopt(h, CURLOPT_XFERINFOFUNCTION, on_progress) != CURLE_OK;
    bad |= curl_easy_setopt(h, CURLOPT_XFERINFODATA, x) != CURLE_OK;
    bad |= curl_easy_setopt(h, CURLOPT_NOPROGRESS, 0L) != CURLE_OK;
    bad |= curl_easy_setopt(h, CURLOPT_PRIVATE, x) != CURLE_OK;
    if (o->tls_cert) {
        bad |= curl_easy_setopt(h, CURLOPT_SSLCERT, o->tls_cert) != CURLE_OK;
        bad |= curl_easy_setopt(h, CURLOPT_SSLKEY, o->tls_key) != CURLE_OK;
    }
    if (o->tls_ca)
        bad |= curl_easy_setopt(h, CURLOPT_CAINFO, o->tls_ca) != CURLE_OK;
    if (insecure) {
        bad |= curl_easy_setopt(h, CURLOPT_SSL_VERIFYPEER, 0L) != CURLE_OK;
        bad |= curl_easy_setopt(h, CURLOPT_SSL_VERIFYHOST, 0L) != CURLE_OK;
    }
    return bad ? -1 : 0;
}

static void say(const pv_fetch_hooks *hk, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void say(const pv_fetch_hooks *hk, const char *fmt, ...)
{
    if (!hk || !hk->message)
        return;
    va_list ap;
    va_start(ap, fmt);
    char *s = NULL;
    if (vasprintf(&s, fmt, ap) >= 0) {
        hk->message(hk->ctx, s);
        free(s);
    }
    va_end(ap);
}

/* Go's Duration.String for whole seconds: 30s, 1m30s, 1h0m0s. */
static void go_duration(int s, char *out, size_t len)
{
    if (s >= 3600)
        snprintf(out, len, "%dh%dm%ds", s / 3600, s / 60 % 60, s % 60);
    else if (s >= 60)
        snprintf(out, len, "%dm%ds", s / 60, s % 60);
    else
        snprintf(out, len, "%ds", s);
}

long pv_fetch_all(const char *const *srcs, size_t n, const pv_fetch_opts *o, const pv_fetch_hooks *hk,
                  pv_fetch_result *out, char *err, size_t errlen)
{
    memset(out, 0, n * sizeof *out);
    if (check_tls(o, err, errlen) != 0)
        return -1;
    xfer *xs = calloc(n ? n : 1, sizeof *xs);
    char *no_proxy = no_proxy_list();
    if (!xs || !no_proxy || curl_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK) {
        free(xs);
        free(no_proxy);
        return set_err(err, errlen, "out of memory");
    }
    CURLM *multi = curl_multi_init();
    long rc = multi ? 0 : -1;
    int max_duration = 0;
    for (size_t i = 0; i < n && rc == 0; i++) {
        pv_fetch_result *r = &out[i];
        xfer *x = &xs[i];
        x->r = r;
        x->verb = "Get";
        x->inflate_cap = o->inflate_cap;
        x->want_stream = o->stream;
        x->sizes = o->sizes && i < o->nsizes ? &o->sizes[i] : NULL;
        r->source = strdup(srcs[i]);
        if (!r->source || pv_fetch_adjust_url(srcs[i], o->seconds, o->timeout, &r->url, &r->duration,
                                              &x->timeout_ms) != 1) {
            rc = r->source && !r->url ? set_err(err, errlen, "%s: not a URL", srcs[i]) : -1;
            break;
        }
        if (r->duration > max_duration)
            max_duration = r->duration;
        say(hk, "Fetching profile over HTTP from %s", r->url);
        if (r->duration > 0) {
            char d[32];
            go_duration(r->duration, d, sizeof d);
            say(hk, "Please wait... (%s)", d);
        }
        x->h = curl_easy_init();
        x->t_start = now_s();
        if (!x->h || setup(x, o, no_proxy) != 0 || curl_multi_add_handle(multi, x->h) != CURLM_OK)
            rc = -1;
    }
    if (rc != 0 && err && errlen && !*err)
        set_err(err, errlen, "out of memory");

    double t0 = now_s();
    int last_left = -1;
    int running = rc == 0 && n > 0;
    while (running) {
        if (curl_multi_perform(multi, &running) != CURLM_OK)
            break;
        CURLMsg *msg;
        int left;
        while ((msg = curl_multi_info_read(multi, &left))) {
            if (msg->msg != CURLMSG_DONE)
                continue;
            xfer *x = NULL;
            curl_easy_getinfo(msg->easy_handle, CURLINFO_PRIVATE, (char **)&x);
            if (x && !x->done)
                finish(x, msg->data.result, false);
        }
        if (!running)
            break;
        if (hk && hk->cancel && *hk->cancel)
            break;
        if (hk && hk->countdown && max_duration > 0) {
            int secs = max_duration - (int)(now_s() - t0);
            if (secs < 0)
                secs = 0;
            if (secs != last_left) {
                last_left = secs;
                hk->countdown(hk->ctx, secs);
            }
        }
        curl_multi_poll(multi, NULL, 0, 100, NULL);
    }
    bool canceled = hk && hk->cancel && *hk->cancel;
    if (rc == 0 && !canceled && hk && hk->countdown && max_duration > 0 && last_left != 0)
        hk->countdown(hk->ctx, 0); /* the end, also when the last second went by unseen */
    long fetched = 0;
    for (size_t i = 0; i < n; i++) {
        xfer *x = &xs[i];
        if (rc == 0 && !x->done)
            finish(x, CURLE_ABORTED_BY_CALLBACK, true);
        if (x->h) {
            curl_multi_remove_handle(multi, x->h);
            curl_easy_cleanup(x->h);
        }
        free(x->fetch_url);
        free(x->body);
        pv_gunzip_free(x->gz);
        pv_stream_free(x->stream);
        pv_http_response_free(&x->resp);
        fetched += out[i].error == NULL && out[i].data != NULL;
    }
    curl_multi_cleanup(multi);
    curl_global_cleanup();
    free(xs);
    free(no_proxy);
    return rc == 0 ? fetched : -1;
}

void pv_fetch_timing(const char *what)
{
    const char *ltp = getenv("PVIEW_LIVE_TIMINGS");
    FILE *lt = ltp && *ltp ? fopen(ltp, "a") : NULL;
    if (!lt)
        return;
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    fprintf(lt, "%s\t%.3f\n", what, (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6);
    fclose(lt);
}

void pv_fetch_results_free(pv_fetch_result *r, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        free(r[i].source);
        free(r[i].url);
        free(r[i].data);
        free(r[i].plain);
        pv_stream_free(r[i].stream);
        free(r[i].content_type);
        free(r[i].error);
    }
}

int pv_fetch_post(const char *url, const char *body, size_t len, const pv_fetch_opts *o,
                  const volatile sig_atomic_t *cancel, unsigned char **reply, size_t *reply_len, char **error)
{
    *reply = NULL;
    *reply_len = 0;
    *error = NULL;
    char err[1024];
    if (check_tls(o, err, sizeof err) != 0) {
        *error = pv_asprintf("http post %s: %s", url, err);
        return -1;
    }
    pv_fetch_result r = {0};
    xfer x = {0};
    x.r = &r;
    x.verb = "Post";
    x.cancel = cancel;
    x.timeout_ms = o->timeout > 0 ? o->timeout * 1000L : 60000L;
    r.url = strdup(url);
    char *no_proxy = no_proxy_list();
    struct curl_slist *hdrs = NULL;
    int rc = -1;
    if (!r.url || !no_proxy || curl_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK)
        goto out;
    x.h = curl_easy_init();
    hdrs = curl_slist_append(NULL, "Content-Type: application/octet-stream");
    x.t_start = now_s();
    if (!x.h || !hdrs || setup(&x, o, no_proxy) != 0 || curl_easy_setopt(x.h, CURLOPT_POST, 1L) != CURLE_OK ||
        curl_easy_setopt(x.h, CURLOPT_POSTFIELDSIZE_LARGE, (curl_off_t)len) != CURLE_OK ||
        curl_easy_setopt(x.h, CURLOPT_POSTFIELDS, body) != CURLE_OK ||
        curl_easy_setopt(x.h, CURLOPT_HTTPHEADER, hdrs) != CURLE_OK) {
        curl_easy_cleanup(x.h);
        curl_global_cleanup();
        goto out;
    }
    CURLcode cc = curl_easy_perform(x.h);
    finish(&x, cc, false);
    curl_easy_cleanup(x.h);
    curl_global_cleanup();
    if (r.error) { /* Go's "http post URL: " before the transport's or the server's words */
        *error = pv_asprintf("http post %s: %s", url, r.error);
        rc = *error ? -1 : -2;
    } else {
        unsigned char *b = realloc(r.data, r.len + 1); /* room for the NUL */
        if (b) {
            b[r.len] = '\0';
            *reply = b;
            *reply_len = r.len;
            r.data = NULL;
            rc = 0;
        }
    }
out:
    if (rc == -2)
        rc = -1;
    curl_slist_free_all(hdrs);
    free(x.fetch_url);
    free(x.body);
    pv_http_response_free(&x.resp);
    pv_fetch_results_free(&r, 1);
    free(no_proxy);
    return rc;
}
