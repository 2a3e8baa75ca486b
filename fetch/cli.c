/* The command line's fetch step and pprof's saving of fetched profiles: see fetch.h. */
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>

#include "fetch/fetch.h"
#include "fetch/symbolz.h"
#include "profile/load.h"
#include "profile/write.h"

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

/* mkdir -p with mode 0755; 0 or -1 (errno set). */
static int mkdir_all(const char *dir)
{
    char *d = strdup(dir);
    if (!d)
        return -1;
    for (char *p = d + 1;; p++) {
        if (*p != '/' && *p)
            continue;
        char c = *p;
        *p = '\0';
        if (mkdir(d, 0755) != 0 && errno != EEXIST) {
            free(d);
            return -1;
        }
        *p = c;
        if (!c)
            break;
    }
    struct stat st;
    int r = stat(d, &st);
    if (r == 0 && !S_ISDIR(st.st_mode)) {
        r = -1;
        errno = ENOTDIR;
    }
    free(d);
    return r;
}

char *pv_fetch_save_dir(void (*warn)(void *ctx, const char *line), void *ctx, char *err, size_t errlen)
{
    const char *env_dir = getenv("PPROF_TMPDIR"), *home = getenv("HOME"), *tmp = getenv("TMPDIR");
    char *cands[3] = {NULL, NULL, NULL};
    size_t nc = 0;
    if (env_dir && *env_dir)
        cands[nc++] = strdup(env_dir);
    if (home && *home && asprintf(&cands[nc], "%s/pprof", home) >= 0)
        nc++;
    cands[nc++] = strdup(tmp && *tmp ? tmp : "/tmp");
    char *found = NULL;
    for (size_t i = 0; i < nc; i++) {
        if (!cands[i])
            continue;
        if (!found) {
            if (mkdir_all(cands[i]) == 0) {
                found = cands[i];
                continue;
            }
            if (warn) {
                char line[4096];
                snprintf(line, sizeof line, "Could not use temp dir %s: %s", cands[i], strerror(errno));
                warn(ctx, line);
            }
        }
        free(cands[i]);
    }
    if (!found)
        set_err(err, errlen, "failed to identify temp dir");
    return found;
}

/* Appends s to *p (a malloc'd string). */
static int append(char **p, const char *s)
{
    size_t a = strlen(*p), b = strlen(s);
    char *t = realloc(*p, a + b + 1);
    if (!t)
        return -1;
    memcpy(t + a, s, b + 1);
    *p = t;
    return 0;
}

/* pprof's name prefix: "pprof." + base(main mapping file) + "." + each sample type + ".". */
static char *name_prefix(const pv_model *m, const char *binary)
{
    char *p = strdup("pprof.");
    if (!p)
        return NULL;
    const char *file = binary;
    if (!file && m->nmappings)
        file = pv_str(m, m->mappings[0].file);
    if (file && *file) {
        const char *base = strrchr(file, '/');
        base = base && base[1] ? base + 1 : file;
        if (append(&p, base) != 0 || append(&p, ".") != 0)
            goto oom;
    }
    for (size_t i = 0; i < m->ntypes; i++)
        if (append(&p, pv_str(m, m->sample_types[i].type)) != 0 || append(&p, ".") != 0)
            goto oom;
    return p;
oom:
    free(p);
    return NULL;
}

/* data gzipped (or as is, when it already is) to fd. */
static int write_gz(int fd, const unsigned char *data, size_t len)
{
    if (len >= 2 && data[0] == 0x1f && data[1] == 0x8b) {
        for (size_t off = 0; off < len;) {
            ssize_t w = write(fd, data + off, len - off);
            if (w < 0 && errno == EINTR)
                continue;
            if (w <= 0)
                return -1;
            off += (size_t)w;
        }
        return 0;
    }
    z_stream zs;
    memset(&zs, 0, sizeof zs);
    if (deflateInit2(&zs, Z_BEST_SPEED, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) != Z_OK)
        return -1;
    unsigned char out[1 << 16];
    const unsigned char *p = data;
    size_t left = len;
    int zr = Z_OK, rc = 0;
    while (zr != Z_STREAM_END && rc == 0) {
        size_t chunk = left > (1u << 30) ? (1u << 30) : left;
        zs.next_in = (unsigned char *)p;
        zs.avail_in = (uInt)chunk;
        int flush = chunk == left ? Z_FINISH : Z_NO_FLUSH;
        do {
            zs.next_out = out;
            zs.avail_out = sizeof out;
            zr = deflate(&zs, flush);
            size_t have = sizeof out - zs.avail_out;
            for (size_t off = 0; off < have && rc == 0;) {
                ssize_t w = write(fd, out + off, have - off);
                if (w < 0 && errno == EINTR)
                    continue;
                if (w <= 0)
                    rc = -1;
                else
                    off += (size_t)w;
            }
        } while (zs.avail_out == 0 && rc == 0);
        p += chunk - zs.avail_in;
        left -= chunk - zs.avail_in;
    }
    deflateEnd(&zs);
    return rc;
}

/* data saved in dir under pprof's name for prefix (NULL: out of memory): its path, or NULL
 * with err. */
static char *save_named(const unsigned char *data, size_t len, const char *prefix, const char *dir, char *err,
                        size_t errlen)
{
    if (!prefix) {
        set_err(err, errlen, "out of memory");
        return NULL;
    }
    char *path = NULL;
    int fd = -1;
    for (int i = 1; i < 10000; i++) {
        free(path);
        if (asprintf(&path, "%s/%s%03d.pb.gz", dir, prefix, i) < 0) {
            path = NULL;
            break;
        }
        fd = open(path, O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
        if (fd >= 0 || errno != EEXIST)
            break;
    }
    if (fd < 0) {
        if (!path)
            set_err(err, errlen, "out of memory");
        else if (errno == EEXIST)
            set_err(err, errlen, "could not create file of the form %s/%s001.pb.gz", dir, prefix);
        else
            set_err(err, errlen, "open %s: %s", path, strerror(errno));
        free(path);
        return NULL;
    }
    int w = write_gz(fd, data, len);
    int saved_errno = errno;
    if (close(fd) != 0 && w == 0) {
        w = -1;
        saved_errno = errno;
    }
    if (w != 0) {
        set_err(err, errlen, "write %s: %s", path, saved_errno ? strerror(saved_errno) : "compression failed");
        unlink(path);
        free(path);
        return NULL;
    }
    return path;
}

char *pv_fetch_save(const unsigned char *data, size_t len, const pv_model *m, const char *dir, const char *binary,
                    char *err, size_t errlen)
{
    char *prefix = name_prefix(m, binary);
    char *path = save_named(data, len, prefix, dir, err, errlen);
    free(prefix);
    return path;
}

struct pv_fetch_later {
    unsigned char *data; /* the body as fetched */
    size_t len;
    char *dir, *prefix;
};

void pv_fetch_later_free(pv_fetch_later *l)
{
    if (!l)
        return;
    free(l->data);
    free(l->dir);
    free(l->prefix);
    free(l);
}

char *pv_fetch_later_run(pv_fetch_later *l)
{
    char msg[4096], *line = NULL;
    char *path = save_named(l->data, l->len, l->prefix, l->dir, msg, sizeof msg);
    if (asprintf(&line, path ? "Saved profile in %s" : "Could not save profile: %s", path ? path : msg) < 0)
        line = NULL;
    free(path);
    pv_fetch_later_free(l);
    return line;
}

/* Where the lines go: stderr as pprof prints them, or the caller's hooks. */
typedef struct {
    const pv_fetch_cli_hooks *hooks; /* NULL: stderr */
    bool countdown_shown;            /* stderr: a countdown line is on the terminal */
} out_ctx;

/* A line on stderr with control bytes escaped: a source or a server's text can hold any. */
static void print_escaped(const char *prefix, const char *line)
{
    fputs(prefix, stderr);
    for (const unsigned char *p = (const unsigned char *)line; *p; p++) {
        if (*p < 0x20 || *p == 0x7f)
            fprintf(stderr, "\\x%02x", *p);
        else
            fputc(*p, stderr);
    }
    fputc('\n', stderr);
}

static void progress_line(void *ctx, const char *line)
{
    out_ctx *oc = ctx;
    if (!oc->hooks)
        fprintf(stderr, "%s\n", line);
    else if (oc->hooks->progress)
        oc->hooks->progress(oc->hooks->ctx, line);
}

/* On a terminal, a countdown on one line that rewrites itself. */
static void countdown(void *ctx, int left)
{
    out_ctx *oc = ctx;
    if (oc->hooks) {
        if (oc->hooks->countdown)
            oc->hooks->countdown(oc->hooks->ctx, left);
        return;
    }
    oc->countdown_shown = true;
    fprintf(stderr, "\r%d s left ", left);
    fflush(stderr);
}

/* A problem: "pview: LINE" on stderr (prefix "" for pprof's own unprefixed lines), or the
 * warn hook. */
static void warn_line(out_ctx *oc, const char *prefix, const char *line)
{
    if (!oc->hooks)
        print_escaped(prefix, line);
    else if (oc->hooks->warn)
        oc->hooks->warn(oc->hooks->ctx, line);
}

static void warn_temp_dir(void *ctx, const char *line) { warn_line(ctx, "", line); }

static void warnf(out_ctx *oc, const char *prefix, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static void warnf(out_ctx *oc, const char *prefix, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char *line = NULL;
    int r = vasprintf(&line, fmt, ap);
    va_end(ap);
    warn_line(oc, prefix, r >= 0 ? line : "out of memory");
    if (r >= 0)
        free(line);
}

pv_model *pv_fetch_cli_load(const char *const *srcs, size_t n, const pv_fetch_opts *o, const char *binary,
                            const pv_load_opts *lo, const pv_base_opts *base, const pv_fetch_cli_hooks *hooks,
                            const pv_fetch_prepare *prep, char *err, size_t errlen)
{
    out_ctx oc = {hooks, false};
    if (err && errlen)
        err[0] = '\0';
    char msg[1024];
    size_t nurl = 0;
    const char **urls = calloc(n ? n : 1, sizeof *urls);
    const char **names = calloc(n ? n : 1, sizeof *names);
    const unsigned char **data = calloc(n ? n : 1, sizeof *data);
    size_t *lens = calloc(n ? n : 1, sizeof *lens);
    pv_fetch_result *res = calloc(n ? n : 1, sizeof *res);
    pv_model *m = NULL, *only = NULL;
    char *dir = NULL;
    pv_symbolz_sources msrc = {0};
    bool ok = urls && names && data && lens && res;
    for (size_t i = 0; i < n && ok; i++) {
        char *u = NULL;
        int d;
        long t;
        int r = pv_fetch_adjust_url(srcs[i], o->seconds, o->timeout, &u, &d, &t);
        free(u);
        ok = r >= 0;
        if (r == 1)
            urls[nurl++] = srcs[i];
    }
    if (!ok)
        goto oom;
    if (nurl == 0) { /* nothing to fetch */
        m = base ? pv_load_with_base(srcs, n, base, lo, err, errlen) : pv_load(srcs, n, lo, err, errlen);
        goto out;
    }
    pv_fetch_hooks hk = {.message = progress_line,
                         .countdown = hooks || isatty(STDERR_FILENO) ? countdown : NULL,
                         .ctx = &oc,
                         .cancel = hooks ? hooks->cancel : NULL};
    pv_fetch_timing("first_started"); /* the benchmark's (bench/live.sh) */
    long got = pv_fetch_all(urls, nurl, o, &hk, res, msg, sizeof msg);
    pv_fetch_timing("first_fetched");
    if (oc.countdown_shown) /* the countdown's line is blanked for what follows */
        fputs("\r               \r", stderr);
    if (got < 0) {
        warn_line(&oc, "pview: ", msg);
        goto out;
    }
    size_t k = 0, fetched = 0;
    pv_fetch_result *body0 = NULL; /* the first fetched source: its body is saved as it came */
    for (size_t i = 0, j = 0; i < n; i++) {
        if (j >= nurl || urls[j] != srcs[i]) { /* a local source */
            names[k++] = srcs[i];
            continue;
        }
        pv_fetch_result *r = &res[j++];
        if (r->error) { /* "SOURCE: problem", as pprof prints it */
            warnf(&oc, "pview: ", "%s: %s", r->source, r->error);
            continue;
        }
        /* a profile? read as the loader reads it; pprof drops what fails */
        const unsigned char *ld = r->plain ? r->plain : r->data; /* inflated during the download */
        size_t ldlen = r->plain ? r->plain_len : r->len;
        pv_model *pm = pv_load_buffers_streamed((const char *const *)&r->url, &ld, &ldlen, r->plain ? &r->stream : NULL,
                                                1, NULL, lo, msg, sizeof msg);
        if (hooks && hooks->sizes && r->stream)
            pv_stream_get_sizes(r->stream, &hooks->sizes[i]);
        if (!pm) { /* the loader's message names the URL */
            bool html = r->content_type && strstr(r->content_type, "text/html");
            warnf(&oc, "pview: ", "%s%s", msg, html ? " (the server sent an HTML page)" : "");
            continue;
        }
        /* where its mappings came from (pprof's mapping sources, after [binary] renamed the
         * main one), for the symbol endpoints */
        if ((binary && pv_model_set_main_binary(pm, binary) != 0) || pv_symbolz_sources_add(&msrc, pm, r->url) != 0) {
            pv_model_free(pm);
            goto oom;
        }
        names[k] = r->url;
        data[k] = ld;
        lens[k] = ldlen;
        if (k == 0)
            body0 = r;
        k++;
        fetched++;
        if (n == 1 && !base)
            only = pm; /* the one source: its model is the answer, not read twice */
        else
            pv_model_free(pm);
    }
    if (k == 0) {
        if (n > 1) /* with one source, its own line said it all */
            warn_line(&oc, "pview: ", "failed to fetch any source profiles");
        goto out;
    }
    if (k < n)
        warnf(&oc, "", "Fetched %zu source profiles out of %zu", k, n);
    if (only) {
        m = only;
        only = NULL;
    } else if (!(m = pv_load_buffers_with_base(names, data, lens, k, base, lo, err, errlen))) {
        goto out; /* a base file's problem, said in err */
    }
    /* pprof saves the merged profile, after the [binary] argument renamed its main mapping */
    if (binary && pv_model_set_main_binary(m, binary) != 0) {
        pv_model_free(m);
        m = NULL;
        goto oom;
    }
    /* pprof saves the profile symbolized, its uninteresting frames dropped */
    int changed = 0;
    if (prep && prep->fn) {
        msg[0] = '\0';
        changed = prep->fn(prep->ctx, m, &msrc, msg, sizeof msg);
        if (changed < 0) {
            if (msg[0])
                warn_line(&oc, "pview: ", msg);
            pv_model_free(m);
            m = NULL;
            goto out;
        }
    }
    if (!(dir = pv_fetch_save_dir(warn_temp_dir, &oc, msg, sizeof msg))) { /* fatal for pprof too */
        warn_line(&oc, "pview: ", msg);
        pv_model_free(m);
        m = NULL;
        goto out;
    }
    unsigned char *pb = NULL;
    size_t pblen = 0;
    char *path = NULL;
    bool as_fetched = n == 1 && k == 1 && !binary && !base && !m->not_proto && !changed;
    if (as_fetched && hooks && hooks->later) { /* written once the caller has shown it */
        pv_fetch_later *l = calloc(1, sizeof *l);
        if (!l || !(l->prefix = name_prefix(m, binary))) {
            free(l);
            pv_model_free(m);
            m = NULL;
            goto oom;
        }
        l->data = body0->data;
        l->len = body0->len;
        l->dir = dir;
        body0->data = NULL;
        dir = NULL;
        *hooks->later = l;
        goto out;
    }
    if (as_fetched) {
        /* one profile.proto as fetched: its body is what pprof's re-encoding would hold, and
         * saving it as is (gzipped already, as Go serves it) costs a write, not an encoding
         * and a compression as long as the loading */
        path = pv_fetch_save(body0->data, body0->len, m, dir, binary, msg, sizeof msg);
    } else if (pv_model_write(m, &pb, &pblen, msg, sizeof msg) == 0) {
        path = pv_fetch_save(pb, pblen, m, dir, binary, msg, sizeof msg);
    }
    free(pb);
    if (path && !hooks) {
        print_escaped("Saved profile in ", path);
    } else if (path) {
        char *line = NULL;
        if (hooks->saved && asprintf(&line, "Saved profile in %s", path) >= 0) {
            hooks->saved(hooks->ctx, line);
            free(line);
        }
    } else { /* pprof carries on without its copy */
        warnf(&oc, "", "Could not save profile: %s", msg);
    }
    free(path);
    goto out;
oom:
    warn_line(&oc, "pview: ", "out of memory");
out:
    pv_symbolz_sources_free(&msrc);
    pv_model_free(only);
    free(dir);
    pv_fetch_results_free(res, res ? nurl : 0);
    free(urls);
    free(names);
    free(data);
    free(lens);
    free(res);
    return m;
}
