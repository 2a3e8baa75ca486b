/* Checks of the fetch API below the command line (tests/fetch/run.sh runs them):
 *   fetch-api adjust < CASES        for each "SECONDS<TAB>TIMEOUT<TAB>SOURCE" line, prints
 *                                   "SOURCE -> URL DURATION TIMEOUT_MS" or "SOURCE -> local",
 *                                   to compare with fetchsrv -adjust (Go's net/url)
 *   fetch-api cancel URL MS         fetches URL, sets the cancel flag after MS ms; prints the
 *                                   result and whether it stopped within MS + 2000 ms (the
 *                                   loop looks every 100 ms; the rest is room for a busy host)
 *   fetch-api countdown SECONDS URL fetches URL with -seconds; prints the countdown values
 *   fetch-api twice URL             fetches URL two times (as a refresh would), loads each
 *                                   from memory and prints the sample counts
 *   fetch-api symbolz-url < URLS    for each source URL, "SOURCE -> SYMBOL-URL" or "SOURCE -> none",
 *                                   to compare with fetchsrv -symbolz (Go's net/url and path)
 *   fetch-api symbolz-parse FILE    reads FILE as a symbol endpoint's answer: "0xADDR NAME" per
 *                                   symbol or "error: ...", to compare with fetchsrv -symparse
 *   fetch-api gunzip FILE CAP       inflates FILE (gzip) as a download would, fed in pieces of
 *                                   1, 2, 3, 7, 4096 bytes and whole, capped at CAP bytes; for
 *                                   each, "PIECE: LEN bytes, sum S" or "PIECE: error: LINE"
 *   fetch-api stream URL            fetches URL as pview does (inflated and decoded while it
 *                                   arrives) and prints "stream: yes|no" (the result holds a
 *                                   stream), "used: yes|no" (the load took its samples from it)
 *                                   and "same: yes|no" (the model equals the one loaded from
 *                                   the body as it came), or "error: LINE" for both loads
 *   fetch-api timing URL            (not a test: figures) seconds to fetch URL, to load the body
 *                                   into a model (the end of the download to a model a view can
 *                                   show), and to write the model back as profile.proto */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "fetch/fetch.h"
#include "fetch/symbolz.h"
#include "profile/load.h"
#include "profile/write.h"

static double now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* fn on each line of standard input, without its newline; stops at fn's first non-zero */
static int each_line(int (*fn)(char *line))
{
    char *line = NULL;
    size_t cap = 0;
    ssize_t n;
    int rc = 0;
    while (rc == 0 && (n = getline(&line, &cap, stdin)) > 0) {
        if (line[n - 1] == '\n')
            line[--n] = '\0';
        rc = fn(line);
    }
    free(line);
    return rc;
}

static int adjust_line(char *line)
{
    char *t1 = strchr(line, '\t'), *t2 = t1 ? strchr(t1 + 1, '\t') : NULL;
    if (!t2)
        return 0;
    char *url;
    int d;
    long tms;
    int r = pv_fetch_adjust_url(t2 + 1, atoi(line), atoi(t1 + 1), &url, &d, &tms);
    if (r < 0)
        return 1;
    if (r == 0)
        printf("%s -> local\n", t2 + 1);
    else
        printf("%s -> %s %d %ld\n", t2 + 1, url, d, tms);
    free(url);
    return 0;
}

static int symbolz_url_line(char *line)
{
    bool oom;
    char *u = pv_symbolz_url(line, &oom);
    if (oom)
        return 1;
    printf("%s -> %s\n", line, u ? u : "none");
    free(u);
    return 0;
}

static int symbolz_parse(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return 1;
    char *body = NULL;
    size_t len = 0;
    FILE *mem = open_memstream(&body, &len);
    int c;
    while (mem && (c = getc(f)) != EOF)
        putc(c, mem);
    fclose(f);
    if (!mem || fclose(mem) != 0)
        return 1;
    pv_sym_name *v;
    char *error;
    long n = pv_symbolz_parse(body, len, &v, &error);
    for (long i = 0; i < n; i++)
        printf("0x%llx %.*s\n", (unsigned long long)v[i].address, (int)v[i].name_len, v[i].name);
    if (n < 0)
        printf("error: %s\n", error ? error : "out of memory");
    free(v);
    free(error);
    free(body);
    return 0;
}

typedef struct {
    volatile sig_atomic_t flag;
    int ms;
} canceler;

static void *cancel_later(void *arg)
{
    canceler *c = arg;
    usleep((useconds_t)c->ms * 1000);
    c->flag = 1;
    return NULL;
}

static void print_countdown(void *ctx, int left)
{
    (void)ctx;
    printf("countdown %d\n", left);
}

static int fetch(const char *url, int seconds, int cancel_ms, pv_fetch_result *r)
{
    pv_fetch_opts o;
    pv_fetch_opts_init(&o);
    o.seconds = seconds;
    if (cancel_ms < 0) { /* as pview fetches: inflated and decoded while it arrives */
        o.inflate_cap = PV_DEFAULT_MAX_DECOMPRESSED;
        o.stream = true;
        cancel_ms = 0;
    }
    canceler c = {0, cancel_ms};
    pv_fetch_hooks hk = {.countdown = print_countdown, .cancel = cancel_ms > 0 ? &c.flag : NULL};
    pthread_t th;
    if (cancel_ms > 0 && pthread_create(&th, NULL, cancel_later, &c) != 0)
        return -1;
    char err[512];
    long got = pv_fetch_all(&url, 1, &o, &hk, r, err, sizeof err);
    if (cancel_ms > 0)
        pthread_join(th, NULL);
    if (got < 0)
        fprintf(stderr, "fetch-api: %s\n", err);
    return got < 0 ? -1 : 0;
}

static int gunzip_pieces(const char *path, unsigned long long cap)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return 1;
    static unsigned char in[1 << 22];
    size_t n = fread(in, 1, sizeof in, f);
    fclose(f);
    const size_t pieces[] = {1, 2, 3, 7, 4096, sizeof in};
    for (size_t k = 0; k < sizeof pieces / sizeof *pieces; k++) {
        pv_gunzip *g = pv_gunzip_new(cap, 0);
        if (!g)
            return 1;
        for (size_t off = 0; off < n; off += pieces[k])
            if (pv_gunzip_feed(g, in + off, n - off < pieces[k] ? n - off : pieces[k]) != 0)
                break;
        unsigned char *out = NULL;
        size_t len = 0;
        char err[256];
        if (k + 1 < sizeof pieces / sizeof *pieces)
            printf("%zu: ", pieces[k]);
        else
            printf("whole: ");
        if (pv_gunzip_end(g, &out, &len, err, sizeof err) == 0) {
            unsigned long long sum = 0;
            for (size_t i = 0; i < len; i++)
                sum = sum * 31 + out[i];
            printf("%zu bytes, sum %llu\n", len, sum);
            free(out);
        } else {
            printf("error: %s\n", err);
        }
        pv_gunzip_free(g);
    }
    return 0;
}

int main(int argc, char **argv)
{
    if (argc == 4 && !strcmp(argv[1], "gunzip"))
        return gunzip_pieces(argv[2], strtoull(argv[3], NULL, 10));
    if (argc == 2 && !strcmp(argv[1], "adjust"))
        return each_line(adjust_line);
    if (argc == 2 && !strcmp(argv[1], "symbolz-url"))
        return each_line(symbolz_url_line);
    if (argc == 3 && !strcmp(argv[1], "symbolz-parse"))
        return symbolz_parse(argv[2]);
    pv_fetch_result r;
    if (argc == 4 && !strcmp(argv[1], "cancel")) {
        int ms = atoi(argv[3]);
        double t0 = now_s();
        if (fetch(argv[2], -1, ms, &r) != 0)
            return 1;
        double took = now_s() - t0;
        printf("error: %s\n", r.error ? r.error : "(none)");
        printf("stopped in time: %s\n", took < ms / 1000.0 + 2 ? "yes" : "no");
        pv_fetch_results_free(&r, 1);
        return 0;
    }
    if (argc == 4 && !strcmp(argv[1], "countdown")) {
        if (fetch(argv[3], atoi(argv[2]), 0, &r) != 0)
            return 1;
        printf("error: %s\n", r.error ? r.error : "(none)");
        pv_fetch_results_free(&r, 1);
        return 0;
    }
    if (argc == 3 && !strcmp(argv[1], "twice")) {
        for (int i = 0; i < 2; i++) {
            if (fetch(argv[2], -1, 0, &r) != 0 || r.error)
                return 1;
            char err[512];
            const char *name = r.url;
            const unsigned char *data = r.data;
            pv_model *m = pv_load_buffers(&name, &data, &r.len, 1, NULL, err, sizeof err);
            if (!m) {
                fprintf(stderr, "fetch-api: %s\n", err);
                return 1;
            }
            printf("fetch %d: %zu sample types, samples: %s\n", i + 1, m->ntypes, m->nsamples > 0 ? "yes" : "no");
            pv_model_free(m);
            pv_fetch_results_free(&r, 1);
        }
        return 0;
    }
    if (argc == 3 && !strcmp(argv[1], "stream")) {
        if (fetch(argv[2], -1, -1, &r) != 0 || r.error)
            return 1;
        printf("stream: %s\n", r.stream ? "yes" : "no");
        char err[2][512] = {"", ""};
        const char *name = r.url;
        const unsigned char *plain = r.plain ? r.plain : r.data, *body = r.data;
        size_t plen = r.plain ? r.plain_len : r.len;
        pv_model *m[2] = {pv_load_buffers_streamed(&name, &plain, &plen, r.stream ? &r.stream : NULL, 1, NULL, NULL,
                                                   err[0], sizeof err[0]),
                          pv_load_buffers(&name, &body, &r.len, 1, NULL, err[1], sizeof err[1])};
        printf("used: %s\n", pv_stream_used(r.stream) ? "yes" : "no");
        unsigned char *pb[2] = {NULL, NULL};
        size_t pblen[2] = {0, 0};
        for (int k = 0; k < 2; k++)
            if (m[k] && pv_model_write(m[k], &pb[k], &pblen[k], err[k], sizeof err[k]) != 0)
                return 1;
        if (!m[0] && !m[1] && !strcmp(err[0], err[1]))
            printf("error: %s\n", err[0]);
        else
            printf("same: %s\n", m[0] && m[1] && pblen[0] == pblen[1] && !memcmp(pb[0], pb[1], pblen[0]) ? "yes" : "no");
        for (int k = 0; k < 2; k++) {
            free(pb[k]);
            pv_model_free(m[k]);
        }
        pv_fetch_results_free(&r, 1);
        return 0;
    }
    if (argc == 3 && !strcmp(argv[1], "timing")) {
        double t0 = now_s();
        if (fetch(argv[2], -1, 0, &r) != 0 || r.error)
            return 1;
        double t1 = now_s();
        char err[512];
        pv_model *m = pv_load_buffer(r.url, r.data, r.len, NULL, err, sizeof err);
        double t2 = now_s();
        if (!m)
            return 1;
        unsigned char *pb;
        size_t pblen;
        if (pv_model_write(m, &pb, &pblen, err, sizeof err) != 0)
            return 1;
        double t3 = now_s();
        printf("body %zu bytes, %zu samples: fetch %.3f s, load %.3f s, write %.3f s (%zu bytes)\n", r.len,
               m->nsamples, t1 - t0, t2 - t1, t3 - t2, pblen);
        free(pb);
        pv_model_free(m);
        pv_fetch_results_free(&r, 1);
        return 0;
    }
    fprintf(stderr, "usage: fetch-api adjust | symbolz-url | symbolz-parse FILE | cancel URL MS | countdown SECONDS URL | twice URL | stream URL | timing URL\n");
    return 2;
}
