/* Separate debug information of a binary: by build id in the search directories and under
 * /usr/lib/debug, through .gnu_debuglink, dwz supplementary files, and from debuginfod servers
 * ($DEBUGINFOD_URLS) through libdebuginfod, loaded at run time when it is installed. */
#include <dlfcn.h>
#include <sys/stat.h>
#include <unistd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "symbolize/binary.h"

/* libdebuginfod's interface (elfutils/debuginfod.h), declared here so that pview builds and
 * runs without it: the library is opened with dlopen only when $DEBUGINFOD_URLS is set. */
typedef struct debuginfod_client debuginfod_client;
typedef debuginfod_client *(*dbgd_begin_fn)(void);
typedef int (*dbgd_find_fn)(debuginfod_client *c, const unsigned char *build_id, int build_id_len, char **path);
typedef void (*dbgd_end_fn)(debuginfod_client *c);
typedef int (*dbgd_progress_fn)(debuginfod_client *c, long a, long b);
typedef void (*dbgd_set_progress_fn)(debuginfod_client *c, dbgd_progress_fn fn);
typedef void (*dbgd_set_user_data_fn)(debuginfod_client *c, void *value);
typedef void *(*dbgd_get_user_data_fn)(debuginfod_client *c);

typedef struct {
    const pv_symbolize_hooks *hooks;
    bool canceled;
    char what[256];
} progress_state;

/* libdebuginfod's progress callback has only the client: its user data (our state) is read
 * through the already loaded library, looked up again here rather than kept in a global. */
static int on_progress(debuginfod_client *c, long done, long total)
{
    void *h = dlopen("libdebuginfod.so.1", RTLD_NOW | RTLD_LOCAL | RTLD_NOLOAD);
    if (!h)
        return 0;
    dbgd_get_user_data_fn get;
    void *sym = dlsym(h, "debuginfod_get_user_data");
    memcpy(&get, &sym, sizeof sym);
    progress_state *st = get ? get(c) : NULL;
    dlclose(h); /* only drops the reference taken just above */
    if (!st || !st->hooks || !st->hooks->progress)
        return 0;
    if (st->hooks->progress(st->hooks->ctx, st->what, done, total < 0 ? 0 : total))
        st->canceled = true;
    return st->canceled ? 1 : 0;
}

/* A download canceled through the progress callback leaves an empty file where libdebuginfod
 * caches the answer, which it then takes as "the server has none" for $cache_miss_s (10
 * minutes): the next run would not ask again. Removes that empty entry (never a real one),
 * from libdebuginfod's cache directory: $DEBUGINFOD_CACHE_PATH, else ~/.debuginfod_client_cache
 * when it exists, else $XDG_CACHE_HOME/debuginfod_client, else ~/.cache/debuginfod_client. */
static void drop_canceled_entry(const char *hex_id, bool executable)
{
    const char *env = getenv("DEBUGINFOD_CACHE_PATH"), *home = getenv("HOME"), *xdg = getenv("XDG_CACHE_HOME");
    char *dir = NULL;
    struct stat st;
    if (env && *env) {
        dir = strdup(env);
    } else if (home && *home) {
        if (asprintf(&dir, "%s/.debuginfod_client_cache", home) >= 0 && stat(dir, &st) != 0) {
            free(dir);
            dir = NULL;
            if (xdg && *xdg ? asprintf(&dir, "%s/debuginfod_client", xdg) < 0
                            : asprintf(&dir, "%s/.cache/debuginfod_client", home) < 0)
                dir = NULL;
        }
    } else if (xdg && *xdg && asprintf(&dir, "%s/debuginfod_client", xdg) < 0) {
        dir = NULL;
    }
    char *path = NULL;
    if (dir && asprintf(&path, "%s/%s/%s", dir, hex_id, executable ? "executable" : "debuginfo") >= 0) {
        if (lstat(path, &st) == 0 && S_ISREG(st.st_mode) && st.st_size == 0)
            unlink(path);
        free(path);
    }
    free(dir);
}

char *sym_debuginfod_fetch(const char *hex_id, bool executable, const pv_symbolize_hooks *hooks, char *why,
                           size_t whylen)
{
    why[0] = 0;
    const char *urls = getenv("DEBUGINFOD_URLS");
    size_t idlen = hex_id ? strlen(hex_id) : 0;
    if (!urls || !urls[strspn(urls, " ")] || idlen < 2 || idlen > 128 || idlen % 2 ||
        strspn(hex_id, "0123456789abcdefABCDEF") != idlen) /* a GNU build id, nothing else */
        return NULL;
    void *h = dlopen("libdebuginfod.so.1", RTLD_NOW | RTLD_LOCAL);
    if (!h) {
        snprintf(why, whylen, "DEBUGINFOD_URLS is set but libdebuginfod.so.1 cannot be loaded (Debian: libdebuginfod1)");
        return NULL;
    }
    dbgd_begin_fn begin;
    dbgd_find_fn find;
    dbgd_end_fn end;
    void *sym = dlsym(h, "debuginfod_begin");
    memcpy(&begin, &sym, sizeof sym); /* POSIX permits this conversion */
    sym = dlsym(h, executable ? "debuginfod_find_executable" : "debuginfod_find_debuginfo");
    memcpy(&find, &sym, sizeof sym);
    sym = dlsym(h, "debuginfod_end");
    memcpy(&end, &sym, sizeof sym);
    char *path = NULL;
    debuginfod_client *c = begin && find && end ? begin() : NULL;
    progress_state st = {hooks, false, ""};
    snprintf(st.what, sizeof st.what, "debuginfod: %s of build id %s", executable ? "executable" : "debug information",
             hex_id);
    if (c && hooks && hooks->progress) {
        dbgd_set_progress_fn set_progress;
        dbgd_set_user_data_fn set_user_data;
        sym = dlsym(h, "debuginfod_set_progressfn");
        memcpy(&set_progress, &sym, sizeof sym);
        sym = dlsym(h, "debuginfod_set_user_data");
        memcpy(&set_user_data, &sym, sizeof sym);
        if (set_progress && set_user_data) {
            set_user_data(c, &st);
            set_progress(c, on_progress);
        }
    }
    if (!c) {
        snprintf(why, whylen, "libdebuginfod could not start a client");
    } else {
        char *got = NULL;
        int fd = find(c, (const unsigned char *)hex_id, 0, &got); /* length 0: a hex string */
        if (fd >= 0) {
            close(fd);
            path = got ? strdup(got) : NULL;
        } else {
            snprintf(why, whylen, "%s", st.canceled ? "download canceled" : strerror(-fd));
            if (st.canceled)
                drop_canceled_entry(hex_id, executable);
        }
        free(got);
        end(c);
    }
    /* Never dlclose'd: libdebuginfod initialises libcurl once per process, and that global state
     * must stay mapped (unloading it would leak it, and later loads would redo it). */
    return path;
}


bool sym_has_dwarf(Elf *elf)
{
    GElf_Shdr sh;
    if (sym_find_section(elf, ".debug_info", &sh) && sh.sh_type != SHT_NOBITS && sh.sh_size > 0)
        return true;
    if (sym_find_section(elf, ".zdebug_info", &sh) && sh.sh_type != SHT_NOBITS && sh.sh_size > 0)
        return true;
    return false;
}

static char *path_join3(const char *a, const char *b, const char *c)
{
    size_t n = strlen(a) + strlen(b) + strlen(c) + 3;
    char *p = malloc(n);
    if (p)
        snprintf(p, n, "%s%s%s", a, b, c);
    return p;
}

/* Opens path as the debug file of b if its GNU build id matches (or either side has none). */
static bool try_debug_file(sym_binary *b, elf_file *out, const char *path, bool need_dwarf,
                           pv_warn_fn warn, void *ctx)
{
    if (!path || strcmp(path, b->main.path) == 0)
        return false;
    char why[512];
    why[0] = 0;
    sym_binary *d = sym_binary_open(path, why, sizeof why);
    if (!d) {
        if (why[0] && warn)
            warn(ctx, why);
        return false;
    }
    bool ok = (!b->gnu_id[0] || !d->gnu_id[0] || strcmp(b->gnu_id, d->gnu_id) == 0) &&
              (!need_dwarf || sym_has_dwarf(d->main.elf));
    if (ok) {
        *out = d->main;
        d->main.fd = -1;
        d->main.elf = NULL;
        d->main.path = NULL;
    }
    sym_binary_close(d);
    return ok;
}

static bool find_by_build_id(sym_binary *b, elf_file *out, const char *id, const char *const *dirs,
                             bool need_dwarf, pv_warn_fn warn, void *ctx)
{
    if (!id[0] || strlen(id) < 3)
        return false;
    char head[3] = {id[0], id[1], 0};
    char rest[200];
    snprintf(rest, sizeof rest, "%s.debug", id + 2);
    for (size_t i = 0; dirs && dirs[i]; i++) {
        const char *layouts[][2] = {{"/", "/"}, {"/.build-id/", "/"}};
        for (int l = 0; l < 2; l++) {
            char *p1 = path_join3(dirs[i], layouts[l][0], head);
            char *p = p1 ? path_join3(p1, layouts[l][1], rest) : NULL;
            bool ok = try_debug_file(b, out, p, need_dwarf, warn, ctx);
            free(p1);
            free(p);
            if (ok)
                return true;
        }
        char *p = path_join3(dirs[i], "/", id);
        char *q = p ? path_join3(p, "/", "debuginfo") : NULL;
        bool ok = try_debug_file(b, out, q, need_dwarf, warn, ctx);
        free(p);
        free(q);
        if (ok)
            return true;
    }
    char path[512];
    snprintf(path, sizeof path, "/usr/lib/debug/.build-id/%s/%s", head, rest);
    return try_debug_file(b, out, path, need_dwarf, warn, ctx);
}

static char *dir_of(const char *path)
{
    const char *slash = strrchr(path, '/');
    if (!slash)
        return strdup(".");
    size_t n = (size_t)(slash - path);
    char *d = malloc(n + 2);
    if (!d)
        return NULL;
    memcpy(d, path, n);
    d[n] = 0;
    if (n == 0)
        strcpy(d, "/");
    return d;
}

static bool find_by_debuglink(sym_binary *b, pv_warn_fn warn, void *ctx)
{
    GElf_Shdr sh;
    Elf_Scn *scn = sym_find_section(b->main.elf, ".gnu_debuglink", &sh);
    if (!scn)
        return false;
    Elf_Data *d = elf_getdata(scn, NULL);
    if (!d || !d->d_buf || d->d_size < 2)
        return false;
    const char *name = d->d_buf;
    if (!memchr(name, 0, d->d_size) || !name[0] || strchr(name, '/'))
        return false;
    char *dir = dir_of(b->main.path);
    if (!dir)
        return false;
    char *cands[3];
    cands[0] = path_join3(dir, "/", name);
    char *dotdebug = path_join3(dir, "/.debug/", "");
    cands[1] = dotdebug ? path_join3(dotdebug, name, "") : NULL;
    char *usr = path_join3("/usr/lib/debug", dir[0] == '/' ? "" : "/", dir);
    cands[2] = usr ? path_join3(usr, "/", name) : NULL;
    bool ok = false;
    for (int i = 0; i < 3 && !ok; i++)
        ok = try_debug_file(b, &b->debug, cands[i], true, warn, ctx);
    for (int i = 0; i < 3; i++)
        free(cands[i]);
    free(dotdebug);
    free(usr);
    free(dir);
    return ok;
}

/* dwz: .gnu_debugaltlink holds a path and the alt file's build id. */
void sym_find_alt(sym_binary *b, Elf *elf, const char *elfpath, const char *const *dirs,
                     pv_warn_fn warn, void *ctx)
{
    GElf_Shdr sh;
    Elf_Scn *scn = sym_find_section(elf, ".gnu_debugaltlink", &sh);
    if (!scn)
        return;
    Elf_Data *d = elf_getdata(scn, NULL);
    if (!d || !d->d_buf)
        return;
    const char *name = d->d_buf;
    const char *nul = memchr(name, 0, d->d_size);
    if (!nul)
        return;
    size_t idlen = d->d_size - (size_t)(nul + 1 - name);
    char id[129] = "";
    if (idlen > 0 && idlen <= 64)
        sym_hex_encode(id, (const unsigned char *)nul + 1, idlen);
    /* Reuse try_debug_file's build-id check by comparing against the alt id. */
    char saved[sizeof b->gnu_id];
    memcpy(saved, b->gnu_id, sizeof saved);
    memcpy(b->gnu_id, id, sizeof id);
    bool ok = false;
    char *dir = dir_of(elfpath);
    if (name[0] == '/') {
        ok = try_debug_file(b, &b->alt, name, true, warn, ctx);
    } else if (dir) {
        char *p = path_join3(dir, "/", name);
        ok = try_debug_file(b, &b->alt, p, true, warn, ctx);
        free(p);
    }
    if (!ok && id[0])
        ok = find_by_build_id(b, &b->alt, id, dirs, true, warn, ctx);
    if (!ok && id[0] && dir) {
        /* a supplementary file kept beside the binary under another name (e.g. BIN.dwp) */
        char *p = path_join3(elfpath, ".dwp", "");
        char *q = path_join3(elfpath, ".dwz", "");
        ok = try_debug_file(b, &b->alt, p, true, warn, ctx) ||
             try_debug_file(b, &b->alt, q, true, warn, ctx);
        free(p);
        free(q);
    }
    memcpy(b->gnu_id, saved, sizeof saved);
    free(dir);
    if (ok) {
        b->altdwarf = dwarf_begin_elf(b->alt.elf, DWARF_C_READ, NULL);
        if (b->altdwarf)
            dwarf_setalt(b->dwarf, b->altdwarf);
    } else if (warn) {
        char msg[600];
        snprintf(msg, sizeof msg, "%s: dwz supplementary file %s (build id %s) not found; inlined names may be missing",
                 elfpath, name, id[0] ? id : "unknown");
        warn(ctx, msg);
    }
}

/* Refuses DWARF that this libelf cannot or should not decompress: zstd, and decompression
 * bombs (a tiny section that claims to inflate to many megabytes). */
bool sym_dwarf_sections_usable(Elf *elf, const char *path, pv_warn_fn warn, void *ctx)
{
    size_t shstrndx;
    if (elf_getshdrstrndx(elf, &shstrndx) != 0)
        return false;
    for (Elf_Scn *scn = elf_nextscn(elf, NULL); scn; scn = elf_nextscn(elf, scn)) {
        GElf_Shdr sh;
        if (!gelf_getshdr(scn, &sh) || sh.sh_type == SHT_NOBITS)
            continue;
        const char *n = elf_strptr(elf, shstrndx, sh.sh_name);
        if (!n || (strncmp(n, ".debug_", 7) != 0 && strncmp(n, ".zdebug_", 8) != 0))
            continue;
        uint64_t usize = 0;
        if (sh.sh_flags & SHF_COMPRESSED) {
            GElf_Chdr ch;
            if (!gelf_getchdr(scn, &ch)) {
                char msg[600];
                snprintf(msg, sizeof msg, "%s: bad compressed section %s: %s", path, n, elf_errmsg(-1));
                if (warn)
                    warn(ctx, msg);
                return false;
            }
            if (ch.ch_type != ELFCOMPRESS_ZLIB) {
                char msg[600];
                snprintf(msg, sizeof msg,
                         "%s: %s is compressed with %s, which this libelf cannot read; using the symbol table only",
                         path, n, ch.ch_type == ELFCOMPRESS_ZSTD ? "zstd" : "an unknown method");
                if (warn)
                    warn(ctx, msg);
                return false;
            }
            usize = ch.ch_size;
        } else if (n[1] == 'z') {
            Elf_Data *raw = elf_rawdata(scn, NULL);
            if (raw && raw->d_size >= 12 && memcmp(raw->d_buf, "ZLIB", 4) == 0) {
                const unsigned char *p = (const unsigned char *)raw->d_buf + 4;
                for (int i = 0; i < 8; i++)
                    usize = usize << 8 | p[i];
            }
        }
        if (usize > ((uint64_t)16 << 20) && usize / 256 > sh.sh_size) {
            char msg[600];
            snprintf(msg, sizeof msg,
                     "%s: %s claims to inflate %llu bytes to %llu; refusing it as a decompression bomb",
                     path, n, (unsigned long long)sh.sh_size, (unsigned long long)usize);
            if (warn)
                warn(ctx, msg);
            return false;
        }
        /* libdw 0.188 runs strlen over string sections without bounds: refuse one whose last
         * byte is not NUL (inflating it here first, as libdw would). */
        const char *base = n + (n[1] == 'z' ? 2 : 1); /* "debug_..." */
        bool is_str = strcmp(base, "debug_str") == 0 || strcmp(base, "debug_line_str") == 0;
        if (is_str) {
            if (sh.sh_flags & SHF_COMPRESSED)
                elf_compress(scn, 0, 0);
            else if (n[1] == 'z')
                elf_compress_gnu(scn, 0, 0);
            Elf_Data *d = elf_getdata(scn, NULL);
            if (!d || !d->d_buf || d->d_size == 0 || ((const char *)d->d_buf)[d->d_size - 1] != 0) {
                char msg[600];
                snprintf(msg, sizeof msg, "%s: %s is corrupt (unreadable or not NUL-terminated); using the symbol table only",
                         path, n);
                if (warn)
                    warn(ctx, msg);
                return false;
            }
        }
    }
    return true;
}

bool sym_find_debug_file(sym_binary *b, const char *const *dirs, pv_warn_fn warn, void *ctx,
                         const pv_symbolize_hooks *hooks)
{
    if (find_by_build_id(b, &b->debug, b->gnu_id, dirs, true, warn, ctx) || find_by_debuglink(b, warn, ctx))
        return true;
    char why[512];
    char *path = sym_debuginfod_fetch(b->gnu_id, false, hooks, why, sizeof why);
    bool ok = path && try_debug_file(b, &b->debug, path, true, warn, ctx);
    if (!ok && why[0] && warn) {
        char msg[1024];
        snprintf(msg, sizeof msg, "symbolize: debuginfod: no debug information for %s (build id %s): %s",
                 b->main.path, b->gnu_id, why);
        warn(ctx, msg);
    }
    free(path);
    return ok;
}
