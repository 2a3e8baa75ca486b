/* The live source behind -refresh. */
#include "cli/live.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fetch/symbolz.h"
#include "profile/selection.h"

typedef struct {
    unsigned char **data;
    size_t *lens;
    pv_stream **streams; /* data[i] decoded as it arrived (for the first load of it), or NULL */
    size_t n;
} fetch_set;

struct pv_live {
    const char *const *sources;
    size_t n;
    const pv_fetch_opts *fo;
    const pv_load_opts *lo;
    const pv_symbolize_opts *so;
    fetch_set cur, prev; /* cur.n == 0: nothing fetched yet */
    /* per source, the sizes of the profile it last gave, for the next fetch's buffers */
    pv_stream_sizes *sizes;
};

static void set_free(fetch_set *s)
{
    for (size_t i = 0; i < s->n; i++) {
        free(s->data[i]);
        if (s->streams)
            pv_stream_free(s->streams[i]);
    }
    free(s->data);
    free(s->lens);
    free(s->streams);
    memset(s, 0, sizeof *s);
}

pv_live *pv_live_new(const char *const *sources, size_t n, const pv_fetch_opts *fo, const pv_load_opts *lo,
                     const pv_symbolize_opts *so)
{
    pv_live *l = calloc(1, sizeof *l);
    if (!l)
        return NULL;
    *l = (pv_live){sources, n, fo, lo, so, {0}, {0}, calloc(n ? n : 1, sizeof *l->sizes)};
    if (!l->sizes) {
        free(l);
        return NULL;
    }
    return l;
}

pv_stream_sizes *pv_live_sizes(pv_live *l)
{
    return l->sizes;
}

void pv_live_free(pv_live *l)
{
    if (!l)
        return;
    set_free(&l->cur);
    set_free(&l->prev);
    free(l->sizes);
    free(l);
}

static int read_file(const char *path, unsigned char **out, size_t *len, char *err, size_t errlen)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        snprintf(err, errlen, "%s: %s", path, strerror(errno));
        return -1;
    }
    size_t cap = 1 << 16, n = 0;
    unsigned char *b = malloc(cap);
    while (b) {
        size_t r = fread(b + n, 1, cap - n, f);
        n += r;
        if (n < cap)
            break;
        unsigned char *nb = realloc(b, cap * 2);
        if (!nb) {
            free(b);
            b = NULL;
            break;
        }
        b = nb;
        cap *= 2;
    }
    bool bad = ferror(f);
    fclose(f);
    if (!b || bad) {
        free(b);
        snprintf(err, errlen, "%s: %s", path, b ? "read error" : "out of memory");
        return -1;
    }
    *out = b;
    *len = n;
    return 0;
}

int pv_live_fetch(pv_live *l, const volatile sig_atomic_t *cancel, char *err, size_t errlen)
{
    fetch_set s = {calloc(l->n ? l->n : 1, sizeof *s.data), calloc(l->n ? l->n : 1, sizeof *s.lens),
                   calloc(l->n ? l->n : 1, sizeof *s.streams), l->n};
    const char **urls = calloc(l->n ? l->n : 1, sizeof *urls);
    size_t *url_at = calloc(l->n ? l->n : 1, sizeof *url_at), nurls = 0;
    pv_stream_sizes *sizes = calloc(l->n ? l->n : 1, sizeof *sizes); /* in the order of urls */
    pv_fetch_result *res = NULL;
    int rc = -1;
    if (!s.data || !s.lens || !s.streams || !urls || !url_at || !sizes) {
        snprintf(err, errlen, "out of memory");
        goto out;
    }
    for (size_t i = 0; i < l->n; i++) {
        char *url = NULL;
        int d;
        long t;
        int k = pv_fetch_adjust_url(l->sources[i], -1, -1, &url, &d, &t);
        free(url);
        if (k == 1) {
            url_at[nurls] = i;
            sizes[nurls] = l->sizes[i];
            urls[nurls++] = l->sources[i];
        } else if (k == 0 && read_file(l->sources[i], &s.data[i], &s.lens[i], err, errlen) != 0) {
            goto out;
        }
    }
    if (nurls) {
        res = calloc(nurls, sizeof *res);
        pv_fetch_hooks hooks = {NULL, NULL, NULL, cancel};
        if (!res) {
            snprintf(err, errlen, "out of memory");
            goto out;
        }
        pv_fetch_timing("started"); /* the live view's benchmark (bench/live.sh) */
        pv_fetch_opts fo = *l->fo;
        fo.sizes = sizes;
        fo.nsizes = nurls;
        long ok = pv_fetch_all(urls, nurls, &fo, &hooks, res, err, errlen);
        if (ok < 0)
            goto out;
        pv_fetch_timing("fetched");
        for (size_t k = 0; k < nurls; k++) {
            if (res[k].error) {
                snprintf(err, errlen, "%s: %s", res[k].source, res[k].error);
                goto out;
            }
            /* the bytes to load: inflated during the download when they could be */
            bool plain = res[k].plain != NULL;
            s.data[url_at[k]] = plain ? res[k].plain : res[k].data;
            s.lens[url_at[k]] = plain ? res[k].plain_len : res[k].len;
            *(plain ? &res[k].plain : &res[k].data) = NULL;
            s.streams[url_at[k]] = plain ? res[k].stream : NULL;
            if (plain)
                res[k].stream = NULL;
        }
    }
    set_free(&l->prev);
    l->prev = l->cur;
    l->cur = s;
    memset(&s, 0, sizeof s);
    rc = 0;
out:
    if (res)
        pv_fetch_results_free(res, nurls);
    free(res);
    set_free(&s);
    free(urls);
    free(url_at);
    free(sizes);
    return rc;
}

static void quiet(void *ctx, const char *msg)
{
    (void)ctx;
    (void)msg;
}

/* The servers' symbol endpoints for what local symbolization left unnamed. The merged model's
 * mappings are taken to come from each URL source in turn (the first one asked, as pprof asks
 * the first source of a mapping): replicas of one service have the same mappings. */
static int remote_symbolize(pv_live *l, pv_model *m, char *err, size_t errlen)
{
    pv_symbolz_sources ms = {0};
    int rc = 0;
    for (size_t i = 0; i < l->n && rc == 0; i++) {
        char *url = NULL;
        int d;
        long t;
        if (pv_fetch_adjust_url(l->sources[i], l->fo->seconds, l->fo->timeout, &url, &d, &t) == 1 &&
            pv_symbolz_sources_add(&ms, m, url) != 0) {
            snprintf(err, errlen, "out of memory");
            rc = -1;
        }
        free(url);
    }
    char *e = NULL;
    if (rc == 0 && ms.n &&
        pv_fetch_symbolz(m, &ms, l->fo, l->so->mode == PV_SYM_FORCE || l->so->demangle_full, l->so->demangle_full,
                         NULL, &e) < 0) {
        snprintf(err, errlen, "%s", e ? e : "out of memory");
        rc = -1;
    }
    free(e);
    pv_symbolz_sources_free(&ms);
    return rc;
}

pv_model *pv_live_model(pv_live *l, bool diff, char *err, size_t errlen)
{
    if (!l->cur.n && l->n) {
        snprintf(err, errlen, "nothing fetched yet");
        return NULL;
    }
    pv_base_opts b = {l->sources, l->prev.n, true, false, (const unsigned char *const *)l->prev.data, l->prev.lens};
    bool with_base = diff && l->prev.n;
    pv_model *m = pv_load_buffers_streamed(l->sources, (const unsigned char *const *)l->cur.data, l->cur.lens,
                                           l->cur.streams, l->n, with_base ? &b : NULL, l->lo, err, errlen);
    for (size_t i = 0; l->cur.streams && i < l->n; i++) { /* a stream serves one load */
        if (l->cur.streams[i])
            pv_stream_get_sizes(l->cur.streams[i], &l->sizes[i]);
        pv_stream_free(l->cur.streams[i]);
        l->cur.streams[i] = NULL;
    }
    if (!m)
        return NULL;
    if (l->so->binary && pv_model_set_main_binary(m, l->so->binary) != 0) {
        snprintf(err, errlen, "out of memory");
        pv_model_free(m);
        return NULL;
    }
    if (l->so->mode != PV_SYM_NONE && !l->so->no_local && pv_symbolize(m, l->so, quiet, NULL) < 0) {
        snprintf(err, errlen, "out of memory while symbolizing");
        pv_model_free(m);
        return NULL;
    }
    if (l->so->mode != PV_SYM_NONE && !l->so->no_remote && remote_symbolize(l, m, err, errlen) != 0) {
        pv_model_free(m);
        return NULL;
    }
    char e2[512];
    pv_model_drop_frames(m, e2, sizeof e2);
    pv_fetch_timing("model");
    return m;
}
