/* Finding and reading source files as pprof's report/source.go does. */
#include "profile/source.h"

#include <ctype.h>
#include <errno.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "profile/util.h"

/* bufio.Scanner's limit: a line that does not fit in 64 KiB ends the reading */
#define SCAN_MAX (64 * 1024)

struct pv_source_reader {
    char *search, *trim;
    bool goroot;
    pv_source_file **files; /* open-addressing table keyed by the profile's path */
    char **keys;
    size_t nslots, nfiles;
};

/* Go's strings.Split-like filepath.SplitList: "" gives no element. */
static char **split_list(const char *s, size_t *n)
{
    char **v = NULL;
    *n = 0;
    if (!s || !*s)
        return NULL;
    const char *p = s;
    for (;;) {
        const char *c = strchr(p, ':');
        size_t l = c ? (size_t)(c - p) : strlen(p);
        pv_strv_add(&v, n, strndup(p, l));
        if (!c)
            break;
        p = c + 1;
    }
    return v;
}

/* Go's filepath.Base (malloc'd). */
static char *path_base(const char *p)
{
    size_t n = strlen(p);
    if (n == 0)
        return strdup(".");
    while (n > 0 && p[n - 1] == '/')
        n--;
    if (n == 0)
        return strdup("/");
    size_t s = n;
    while (s > 0 && p[s - 1] != '/')
        s--;
    return strndup(p + s, n - s);
}

/* Go's filepath.Dir (malloc'd). */
static char *path_dir(const char *p)
{
    const char *slash = strrchr(p, '/');
    if (!slash)
        return strdup(".");
    char *d = strndup(p, (size_t)(slash - p) + 1);
    if (!d)
        return NULL;
    char *c = pv_path_clean(d);
    free(d);
    return c;
}

/* Go's filepath.Join(dir, path) for a relative path (malloc'd). */
static char *path_join(const char *dir, const char *path)
{
    char *j = *dir ? pv_asprintf("%s/%s", dir, path) : strdup(path);
    if (!j)
        return NULL;
    char *c = pv_path_clean(j);
    free(j);
    return c;
}

char *pv_source_trim(const char *path, const char *trim, const char *search)
{
    char *out = NULL;
    size_t n = 0;
    if (!trim || !*trim) {
        char **dirs = split_list(search, &n);
        for (size_t i = 0; i < n && !out; i++) {
            char *b = path_base(dirs[i]);
            char *want = b ? pv_asprintf("/%s/", b) : NULL;
            const char *f = want ? strstr(path, want) : NULL;
            if (f)
                out = strdup(f + strlen(want));
            free(want);
            free(b);
        }
        pv_strv_free(dirs, n);
        if (out)
            return out;
    }
    char **prefixes = split_list(trim, &n);
    pv_strv_add(&prefixes, &n, strdup("/proc/self/cwd/./"));
    pv_strv_add(&prefixes, &n, strdup("/proc/self/cwd/"));
    for (size_t i = 0; i < n && !out; i++) {
        size_t l = strlen(prefixes[i]);
        bool slash = l > 0 && prefixes[i][l - 1] == '/';
        if (strncmp(path, prefixes[i], l) == 0 && (slash || path[l] == '/'))
            out = strdup(path + l + (slash ? 0 : 1));
    }
    pv_strv_free(prefixes, n);
    return out ? out : strdup(path);
}

pv_source_reader *pv_source_reader_new(const char *search, const char *trim, bool goroot)
{
    pv_source_reader *r = calloc(1, sizeof *r);
    if (!r)
        return NULL;
    if (search && *search) {
        r->search = strdup(search);
    } else {
        /* pprof: the working directory */
        size_t cap = 256;
        for (;;) {
            char *b = malloc(cap);
            if (!b)
                break;
            if (getcwd(b, cap)) {
                r->search = b;
                break;
            }
            free(b);
            if (errno != ERANGE) {
                r->search = strdup(".");
                break;
            }
            cap *= 2;
        }
    }
    r->trim = strdup(trim ? trim : "");
    r->goroot = goroot;
    r->nslots = 64;
    r->files = calloc(r->nslots, sizeof *r->files);
    r->keys = calloc(r->nslots, sizeof *r->keys);
    if (!r->search || !r->trim || !r->files || !r->keys) {
        pv_source_reader_free(r);
        return NULL;
    }
    return r;
}

static void file_free(pv_source_file *f)
{
    if (!f)
        return;
    pv_strv_free(f->lines, f->nlines);
    pv_strv_free(f->tried, f->ntried);
    free(f->found);
    free(f->error);
    free(f);
}

void pv_source_reader_free(pv_source_reader *r)
{
    if (!r)
        return;
    for (size_t i = 0; i < r->nslots; i++) {
        if (r->keys && r->keys[i])
            free(r->keys[i]);
        if (r->files && r->files[i])
            file_free(r->files[i]);
    }
    free(r->files);
    free(r->keys);
    free(r->search);
    free(r->trim);
    free(r);
}

const char *pv_source_search_path(const pv_source_reader *r)
{
    return r->search;
}

/* Reads the lines of an open file as bufio.Scanner does (a final "\r" dropped; stops at a
 * line over 64 KiB or a read error, keeping what was read). */
static int read_lines(FILE *fp, pv_source_file *f)
{
    size_t cap = 256, len = 0;
    char *buf = malloc(cap);
    if (!buf)
        return -1;
    int c;
    bool pending = false;
    for (;;) {
        c = getc(fp);
        if (c == EOF || c == '\n') {
            if (c == EOF && !pending)
                break;
            if (len > 0 && buf[len - 1] == '\r')
                len--;
            char *line = strndup(buf, len);
            if (!line) {
                free(buf);
                return -1;
            }
            size_t before = f->nlines;
            pv_strv_add(&f->lines, &f->nlines, line);
            if (f->nlines == before) {
                free(buf);
                return -1;
            }
            len = 0;
            pending = false;
            if (c == EOF)
                break;
            continue;
        }
        if (len + 1 >= SCAN_MAX)
            break;
        if (len + 1 >= cap) {
            char *nb = realloc(buf, cap * 2);
            if (!nb) {
                free(buf);
                return -1;
            }
            buf = nb;
            cap *= 2;
        }
        buf[len++] = (char)c;
        pending = true;
    }
    free(buf);
    return 0;
}

/* Opens path for f, recording the attempt. */
static FILE *try_open(pv_source_file *f, const char *path)
{
    pv_strv_add(&f->tried, &f->ntried, strdup(path));
    return fopen(path, "r");
}

static bool is_dir(const char *p)
{
    struct stat st;
    return stat(p, &st) == 0 && S_ISDIR(st.st_mode);
}

/* The local GOROOT, looked for once per process (it runs `go env GOROOT`, which takes tens of
 * milliseconds: a TUI that opens many listings, or a fuzzer, must not pay it each time). */
static char *goroot_dir;
static pthread_once_t goroot_once = PTHREAD_ONCE_INIT;

static void goroot_find(void)
{
    char *cands[4] = {NULL, NULL, NULL, NULL};
    const char *env = getenv("GOROOT");
    if (env && *env)
        cands[0] = strdup(env);
    FILE *p = popen("go env GOROOT 2>/dev/null", "r");
    if (p) {
        char *line = NULL;
        size_t cap = 0;
        if (getline(&line, &cap, p) > 0) {
            line[strcspn(line, "\n")] = 0;
            if (*line)
                cands[1] = strdup(line);
        }
        free(line);
        pclose(p);
    }
    cands[2] = strdup("/usr/lib/go");
    cands[3] = strdup("/usr/local/go");
    for (size_t i = 0; i < 4; i++) {
        if (!cands[i] || goroot_dir)
            continue;
        char *rt = pv_asprintf("%s/src/runtime", cands[i]);
        if (rt && is_dir(rt)) {
            goroot_dir = cands[i];
            cands[i] = NULL;
        }
        free(rt);
    }
    for (size_t i = 0; i < 4; i++)
        free(cands[i]);
}

static const char *local_goroot(void)
{
    pthread_once(&goroot_once, goroot_find);
    return goroot_dir;
}

/* Beyond pprof: a Go standard library file named with another machine's GOROOT
 * (".../src/pkg/file.go") or as a -trimpath build names it ("pkg/file.go"). */
static FILE *open_goroot(pv_source_file *f, const char *path)
{
    const char *root = local_goroot();
    if (!root)
        return NULL;
    FILE *fp = NULL;
    if (path[0] != '/') {
        char *c = pv_asprintf("%s/src/%s", root, path);
        if (c && !is_dir(c))
            fp = try_open(f, c);
        if (fp)
            f->found = c;
        else
            free(c);
        return fp;
    }
    for (const char *s = strstr(path, "/src/"); s && !fp; s = strstr(s + 1, "/src/")) {
        char *c = pv_asprintf("%s%s", root, s);
        if (c && !is_dir(c))
            fp = try_open(f, c);
        if (fp)
            f->found = c;
        else
            free(c);
    }
    return fp;
}

/* pprof's openSourceFile. */
static FILE *open_source(pv_source_reader *r, pv_source_file *f, const char *orig)
{
    char *path = pv_source_trim(orig, r->trim, r->search);
    if (!path)
        return NULL;
    FILE *fp = NULL;
    if (path[0] == '/') {
        fp = try_open(f, path);
        if (fp) {
            f->found = path;
            return fp;
        }
        int e = errno;
        char msg[256];
        snprintf(msg, sizeof msg, "%s", strerror(e));
        msg[0] = (char)tolower((unsigned char)msg[0]); /* Go's errno texts are lower case */
        f->error = pv_asprintf("open %s: %s", path, msg);
    } else {
        size_t n = 0;
        char **dirs = split_list(r->search, &n);
        for (size_t i = 0; i < n && !fp; i++) {
            char *dir = strdup(dirs[i]);
            while (dir && !fp) {
                char *fn = path_join(dir, path);
                if (fn && (fp = try_open(f, fn)) != NULL) {
                    f->found = fn;
                    break;
                }
                free(fn);
                char *parent = path_dir(dir);
                bool same = !parent || !strcmp(parent, dir);
                free(dir);
                dir = same ? NULL : parent;
                if (same)
                    free(parent);
            }
            free(dir);
        }
        pv_strv_free(dirs, n);
        if (!fp)
            f->error = pv_asprintf("could not find file %s on path %s", path, r->search);
    }
    if (!fp && r->goroot && (fp = open_goroot(f, orig)) != NULL) {
        free(f->error);
        f->error = NULL;
    }
    free(path);
    return fp;
}

static uint64_t str_hash(const char *s)
{
    uint64_t h = 1469598103934665603ull;
    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * 1099511628211ull;
    return h;
}

const pv_source_file *pv_source_get(pv_source_reader *r, const char *path)
{
    size_t j = str_hash(path) & (r->nslots - 1);
    while (r->keys[j]) {
        if (!strcmp(r->keys[j], path))
            return r->files[j];
        j = (j + 1) & (r->nslots - 1);
    }
    if ((r->nfiles + 1) * 2 > r->nslots) {
        size_t ns = r->nslots * 2;
        char **nk = calloc(ns, sizeof *nk);
        pv_source_file **nf = calloc(ns, sizeof *nf);
        if (!nk || !nf) {
            free(nk);
            free(nf);
            return NULL;
        }
        for (size_t i = 0; i < r->nslots; i++) {
            if (!r->keys[i])
                continue;
            size_t k = str_hash(r->keys[i]) & (ns - 1);
            while (nk[k])
                k = (k + 1) & (ns - 1);
            nk[k] = r->keys[i];
            nf[k] = r->files[i];
        }
        free(r->keys);
        free(r->files);
        r->keys = nk;
        r->files = nf;
        r->nslots = ns;
        j = str_hash(path) & (ns - 1);
        while (r->keys[j])
            j = (j + 1) & (ns - 1);
    }
    pv_source_file *f = calloc(1, sizeof *f);
    char *key = strdup(path);
    if (!f || !key) {
        free(f);
        free(key);
        return NULL;
    }
    FILE *fp = open_source(r, f, path);
    if (fp) {
        int rc = read_lines(fp, f);
        fclose(fp);
        if (rc != 0) {
            file_free(f);
            free(key);
            return NULL;
        }
    } else if (!f->error) {
        f->error = pv_asprintf("could not find file %s on path %s", path, r->search);
    }
    r->keys[j] = key;
    r->files[j] = f;
    r->nfiles++;
    return f;
}
