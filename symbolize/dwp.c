/* Split DWARF packages (.dwp). libdw 0.188 links a skeleton unit to its split unit only
 * through a .dwo file it opens itself: DW_AT_dwo_name under the directory of the file the
 * skeleton Dwarf was opened from, then under DW_AT_comp_dir (libdw_find_split_unit.c); it has
 * no package support. So, for the skeleton units whose .dwo is missing, this file rebuilds each
 * unit's .dwo from the package's .debug_cu_index (its section contributions, with its own
 * string table) in a private temporary directory, next to a copy of the skeleton file's DWARF
 * sections, opens the skeleton Dwarf on that copy (so that libdw looks in that directory),
 * lets elf.c build its unit table (libdw links every unit then, reading each .dwo into memory)
 * and removes the directory before returning. */
#include <dwarf.h>
#include <elfutils/libdw.h>
#include <errno.h>
#include <fcntl.h>
#include <gelf.h>
#include <limits.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "symbolize/binary.h"

#define MAX_UPS 32 /* leading "../" components of a dwo name we make room for */

/* DW_SECT_* column ids of .debug_cu_index, version 2 (GNU, DWARF 4) and 5 */
enum { SECT_INFO = 1, SECT_ABBREV = 3, SECT_LINE = 4, SECT_LOC = 5, SECT_STR_OFFSETS = 6, SECT_RNGLISTS = 8 };

typedef struct {
    char *path;       /* the package, for warnings */
    int fd;
    Elf *elf;
    GElf_Ehdr ehdr;
    bool big;         /* big-endian data */
    unsigned version; /* of the index: 2 or 5 */
    unsigned char *index;
    size_t index_size;
    uint32_t ncols, nunits, nslots;
    unsigned char *str; /* .debug_str.dwo */
    size_t str_size;
    GElf_Shdr info, abbrev, line, loc, str_offsets, rnglists; /* sh_size 0 when absent */
    char why[256];      /* the first problem found */
} dwp_file;

typedef struct {
    char *base;    /* the temporary directory */
    char **made;   /* files and directories created under it, in creation order */
    bool *is_dir;
    size_t nmade, capmade;
} tmp_tree;

/* ---------- reading the package ---------- */

static uint64_t get_uint(const unsigned char *p, int size, bool big)
{
    uint64_t v = 0;
    for (int i = 0; i < size; i++)
        v |= (uint64_t)p[big ? size - 1 - i : i] << (8 * i);
    return v;
}

static void put_uint(unsigned char *p, uint64_t v, int size, bool big)
{
    for (int i = 0; i < size; i++)
        p[big ? size - 1 - i : i] = (unsigned char)(v >> (8 * i));
}

static bool bad(dwp_file *d, const char *what)
{
    if (!d->why[0])
        snprintf(d->why, sizeof d->why, "%s", what);
    return false;
}

/* Reads [off, off+len) of a section (len may be 0) into a new buffer; NULL with d->why set. */
static unsigned char *read_part(dwp_file *d, const GElf_Shdr *sh, uint64_t off, uint64_t len, const char *name)
{
    char msg[128];
    if (off > sh->sh_size || len > sh->sh_size - off) {
        snprintf(msg, sizeof msg, "a contribution lies outside %s", name);
        bad(d, msg);
        return NULL;
    }
    unsigned char *buf = malloc(len ? len : 1);
    if (!buf) {
        bad(d, "out of memory");
        return NULL;
    }
    size_t done = 0;
    while (done < len) {
        ssize_t r = pread(d->fd, buf + done, len - done, (off_t)(sh->sh_offset + off + done));
        if (r <= 0) {
            snprintf(msg, sizeof msg, "cannot read %s: %s", name, r < 0 ? strerror(errno) : "file truncated");
            bad(d, msg);
            free(buf);
            return NULL;
        }
        done += (size_t)r;
    }
    return buf;
}

static bool find_scn(dwp_file *d, const char *name, GElf_Shdr *out, bool required)
{
    memset(out, 0, sizeof *out);
    if (!sym_find_section(d->elf, name, out)) {
        if (required) {
            char msg[80];
            snprintf(msg, sizeof msg, "no %s section", name);
            return bad(d, msg);
        }
        return true;
    }
    if (out->sh_type == SHT_NOBITS || (out->sh_flags & SHF_COMPRESSED)) {
        char msg[80];
        snprintf(msg, sizeof msg, "%s is %s", name, out->sh_type == SHT_NOBITS ? "empty (NOBITS)" : "compressed");
        return bad(d, msg);
    }
    return true;
}

static void dwp_close(dwp_file *d)
{
    if (d->elf)
        elf_end(d->elf);
    if (d->fd >= 0)
        close(d->fd);
    free(d->index);
    free(d->str);
    free(d->path);
}

/* Opens and checks the package: sections, index header and table sizes. false with d->why
 * set when it is unusable. */
static bool dwp_open(dwp_file *d, const char *path)
{
    memset(d, 0, sizeof *d);
    d->fd = -1;
    d->path = strdup(path);
    if (!d->path)
        return bad(d, "out of memory");
    d->fd = open(path, O_RDONLY | O_CLOEXEC);
    if (d->fd < 0)
        return bad(d, strerror(errno));
    d->elf = elf_begin(d->fd, ELF_C_READ, NULL);
    if (!d->elf || elf_kind(d->elf) != ELF_K_ELF || !gelf_getehdr(d->elf, &d->ehdr))
        return bad(d, "not an ELF file");
    d->big = d->ehdr.e_ident[EI_DATA] == ELFDATA2MSB;
    GElf_Shdr ish;
    if (!find_scn(d, ".debug_cu_index", &ish, true) || !find_scn(d, ".debug_info.dwo", &d->info, true) ||
        !find_scn(d, ".debug_abbrev.dwo", &d->abbrev, true) || !find_scn(d, ".debug_line.dwo", &d->line, false) ||
        !find_scn(d, ".debug_str_offsets.dwo", &d->str_offsets, false) ||
        !find_scn(d, ".debug_rnglists.dwo", &d->rnglists, false))
        return false;
    GElf_Shdr strsh;
    if (!find_scn(d, ".debug_str.dwo", &strsh, false))
        return false;
    if (ish.sh_size < 16)
        return bad(d, ".debug_cu_index is too short");
    d->index = read_part(d, &ish, 0, ish.sh_size, ".debug_cu_index");
    if (!d->index)
        return false;
    d->index_size = ish.sh_size;
    /* version: a 4-byte 2 (GNU), or a 2-byte 5 and 2 bytes of padding (DWARF 5) */
    uint64_t v4 = get_uint(d->index, 4, d->big), v2 = get_uint(d->index, 2, d->big);
    d->version = v4 == 2 ? 2 : v2 == 5 ? 5 : 0;
    if (!d->version) {
        char msg[80];
        snprintf(msg, sizeof msg, ".debug_cu_index version %u is not 2 or 5", (unsigned)(v4 == 0 ? v2 : v4 & 0xffff));
        return bad(d, msg);
    }
    if (!find_scn(d, d->version == 5 ? ".debug_loclists.dwo" : ".debug_loc.dwo", &d->loc, false))
        return false;
    d->ncols = (uint32_t)get_uint(d->index + 4, 4, d->big);
    d->nunits = (uint32_t)get_uint(d->index + 8, 4, d->big);
    d->nslots = (uint32_t)get_uint(d->index + 12, 4, d->big);
    /* header, hash table (8 + 4 per slot), column ids, offsets and sizes (4 each per column per unit) */
    uint64_t need = 16 + 12ull * d->nslots + 4ull * d->ncols + 8ull * d->ncols * d->nunits;
    if (d->ncols == 0 || d->ncols > 64 || (d->nslots & (d->nslots - 1)) || d->nunits > d->nslots ||
        need > d->index_size)
        return bad(d, ".debug_cu_index has an impossible size (columns, units or slots)");
    if (strsh.sh_size) {
        d->str = read_part(d, &strsh, 0, strsh.sh_size, ".debug_str.dwo");
        if (!d->str)
            return false;
        d->str_size = strsh.sh_size;
    }
    return true;
}

/* The index row (1-based) of unit id, 0 when the package does not hold it. */
static uint32_t dwp_row(const dwp_file *d, uint64_t id)
{
    if (d->nslots == 0)
        return 0;
    uint32_t mask = d->nslots - 1;
    uint32_t h = (uint32_t)id & mask, step = ((uint32_t)(id >> 32) & mask) | 1;
    const unsigned char *sigs = d->index + 16, *rows = sigs + 8ull * d->nslots;
    for (uint32_t probe = 0; probe < d->nslots; probe++, h = (h + step) & mask) {
        uint32_t row = (uint32_t)get_uint(rows + 4ull * h, 4, d->big);
        if (row == 0)
            return 0;
        if (get_uint(sigs + 8ull * h, 8, d->big) == id)
            return row <= d->nunits ? row : 0;
    }
    return 0;
}

/* The contribution of row to section column sect; false when absent. */
static bool dwp_contrib(const dwp_file *d, uint32_t row, unsigned sect, uint64_t *off, uint64_t *size)
{
    const unsigned char *cols = d->index + 16 + 12ull * d->nslots;
    const unsigned char *offs = cols + 4ull * d->ncols, *sizes = offs + 4ull * d->ncols * d->nunits;
    for (uint32_t c = 0; c < d->ncols; c++) {
        if (get_uint(cols + 4ull * c, 4, d->big) != sect)
            continue;
        size_t at = 4ull * ((uint64_t)(row - 1) * d->ncols + c);
        *off = get_uint(offs + at, 4, d->big);
        *size = get_uint(sizes + at, 4, d->big);
        return true;
    }
    return false;
}

/* ---------- writing ELF files ---------- */

typedef struct {
    const char *name;
    const void *buf;
    size_t size;
} out_scn;

/* Writes a relocatable ELF file of like's class, byte order and machine holding the given
 * sections; the file is recorded in t before it is written. */
static bool write_elf(tmp_tree *t, const char *path, const GElf_Ehdr *like, const out_scn *s, size_t n);

static bool tmp_record(tmp_tree *t, const char *path, bool dir)
{
    if (t->nmade == t->capmade) {
        size_t nc = t->capmade ? 2 * t->capmade : 32;
        char **m = realloc(t->made, nc * sizeof *m);
        if (!m)
            return false;
        t->made = m;
        bool *d = realloc(t->is_dir, nc * sizeof *d);
        if (!d)
            return false;
        t->is_dir = d;
        t->capmade = nc;
    }
    char *p = strdup(path);
    if (!p)
        return false;
    t->made[t->nmade] = p;
    t->is_dir[t->nmade++] = dir;
    return true;
}

static void tmp_remove(tmp_tree *t)
{
    for (size_t i = t->nmade; i-- > 0;) {
        if (t->is_dir[i])
            rmdir(t->made[i]);
        else
            unlink(t->made[i]);
        free(t->made[i]);
    }
    if (t->base)
        rmdir(t->base);
    free(t->made);
    free(t->is_dir);
    free(t->base);
    memset(t, 0, sizeof *t);
}

static bool write_elf(tmp_tree *t, const char *path, const GElf_Ehdr *like, const out_scn *s, size_t n)
{
    size_t strsz = 1 + strlen(".shstrtab") + 1;
    for (size_t i = 0; i < n; i++)
        strsz += strlen(s[i].name) + 1;
    char *names = malloc(strsz);
    if (!names || !tmp_record(t, path, false)) {
        free(names);
        return false;
    }
    int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    if (fd < 0) {
        free(names);
        return false;
    }
    bool ok = false;
    Elf *e = elf_begin(fd, ELF_C_WRITE, NULL);
    GElf_Ehdr eh;
    if (!e || !gelf_newehdr(e, like->e_ident[EI_CLASS]) || !gelf_getehdr(e, &eh))
        goto out;
    eh.e_ident[EI_DATA] = like->e_ident[EI_DATA];
    eh.e_machine = like->e_machine;
    eh.e_type = ET_REL;
    eh.e_version = EV_CURRENT;
    size_t pos = 1;
    names[0] = 0;
    for (size_t i = 0; i <= n; i++) {
        const char *nm = i < n ? s[i].name : ".shstrtab";
        Elf_Scn *scn = elf_newscn(e);
        Elf_Data *data = scn ? elf_newdata(scn) : NULL;
        GElf_Shdr sh;
        if (!data || !gelf_getshdr(scn, &sh))
            goto out;
        sh.sh_name = (GElf_Word)pos;
        sh.sh_type = i < n ? SHT_PROGBITS : SHT_STRTAB;
        sh.sh_addralign = 1;
        sh.sh_flags = 0;
        memcpy(names + pos, nm, strlen(nm) + 1);
        pos += strlen(nm) + 1;
        data->d_buf = i < n ? (void *)s[i].buf : names;
        data->d_size = i < n ? s[i].size : strsz;
        data->d_type = ELF_T_BYTE;
        data->d_align = 1;
        if (!gelf_update_shdr(scn, &sh))
            goto out;
        if (i == n)
            eh.e_shstrndx = (GElf_Half)elf_ndxscn(scn);
    }
    ok = gelf_update_ehdr(e, &eh) && elf_update(e, ELF_C_WRITE) >= 0;
out:
    if (e)
        elf_end(e);
    ok = close(fd) == 0 && ok;
    free(names);
    return ok;
}

/* ---------- one split unit ---------- */

/* The unit's string offsets with their strings copied into a table of its own. */
static bool unit_strings(dwp_file *d, const unsigned char *info, uint64_t info_size, unsigned char *offs,
                         uint64_t offs_size, unsigned char **str, size_t *str_size)
{
    *str = NULL;
    *str_size = 0;
    if (info_size < 11)
        return bad(d, "a unit in .debug_info.dwo is too short");
    bool dw64 = get_uint(info, 4, d->big) == 0xffffffff;
    int osz = dw64 ? 8 : 4;
    unsigned version = (unsigned)get_uint(info + (dw64 ? 12 : 4), 2, d->big);
    uint64_t hdr = version >= 5 ? (dw64 ? 16 : 8) : 0;
    if (offs_size < hdr)
        return bad(d, "a .debug_str_offsets.dwo contribution is too short");
    size_t cap = 256, len = 0;
    unsigned char *out = malloc(cap);
    if (!out)
        return bad(d, "out of memory");
    for (uint64_t at = hdr; at + (uint64_t)osz <= offs_size; at += (uint64_t)osz) {
        uint64_t o = get_uint(offs + at, osz, d->big);
        const unsigned char *nul = o < d->str_size ? memchr(d->str + o, 0, d->str_size - o) : NULL;
        if (!nul) {
            free(out);
            return bad(d, "a string offset lies outside .debug_str.dwo");
        }
        size_t n = (size_t)(nul - (d->str + o)) + 1;
        if (len + n > cap) {
            while (len + n > cap)
                cap *= 2;
            unsigned char *nb = realloc(out, cap);
            if (!nb) {
                free(out);
                return bad(d, "out of memory");
            }
            out = nb;
        }
        memcpy(out + len, d->str + o, n);
        put_uint(offs + at, len, osz, d->big);
        len += n;
    }
    *str = out;
    *str_size = len;
    return true;
}

/* Writes the .dwo of package row row to path. false with d->why set when the package is
 * malformed, false with d->why empty when the file could not be written. */
static bool write_unit(dwp_file *d, tmp_tree *t, uint32_t row, const char *path)
{
    static const struct {
        unsigned sect;
        const char *v2, *v5;
        size_t shdr;
    } cols[] = {
        {SECT_INFO, ".debug_info.dwo", ".debug_info.dwo", offsetof(dwp_file, info)},
        {SECT_ABBREV, ".debug_abbrev.dwo", ".debug_abbrev.dwo", offsetof(dwp_file, abbrev)},
        {SECT_LINE, ".debug_line.dwo", ".debug_line.dwo", offsetof(dwp_file, line)},
        {SECT_LOC, ".debug_loc.dwo", ".debug_loclists.dwo", offsetof(dwp_file, loc)},
        {SECT_STR_OFFSETS, ".debug_str_offsets.dwo", ".debug_str_offsets.dwo", offsetof(dwp_file, str_offsets)},
        {SECT_RNGLISTS, NULL, ".debug_rnglists.dwo", offsetof(dwp_file, rnglists)},
    };
    enum { NCOLS = sizeof cols / sizeof cols[0] };
    unsigned char *bufs[NCOLS] = {0};
    out_scn s[NCOLS + 1];
    size_t n = 0;
    unsigned char *str = NULL;
    size_t str_size = 0;
    uint64_t info_size = 0;
    bool ok = false;
    for (size_t i = 0; i < NCOLS; i++) {
        const char *name = d->version == 5 ? cols[i].v5 : cols[i].v2;
        uint64_t off, size;
        if (!name || !dwp_contrib(d, row, cols[i].sect, &off, &size))
            continue;
        bufs[i] = read_part(d, (const GElf_Shdr *)((const char *)d + cols[i].shdr), off, size, name);
        if (!bufs[i])
            goto out;
        if (cols[i].sect == SECT_INFO)
            info_size = size;
        if (cols[i].sect == SECT_STR_OFFSETS) {
            if (!bufs[0] || !unit_strings(d, bufs[0], info_size, bufs[i], size, &str, &str_size))
                goto out;
            s[n++] = (out_scn){".debug_str.dwo", str, str_size};
        }
        s[n++] = (out_scn){name, bufs[i], size};
    }
    if (!bufs[0] || !bufs[1]) {
        bad(d, "a unit has no .debug_info.dwo or .debug_abbrev.dwo contribution");
        goto out;
    }
    ok = write_elf(t, path, &d->ehdr, s, n);
out:
    for (size_t i = 0; i < NCOLS; i++)
        free(bufs[i]);
    free(str);
    return ok;
}

/* ---------- the temporary tree ---------- */

static char *path_join(const char *a, const char *b)
{
    size_t la = strlen(a), lb = strlen(b);
    char *p = malloc(la + lb + 2);
    if (p) {
        memcpy(p, a, la);
        p[la] = '/';
        memcpy(p + la + 1, b, lb + 1);
    }
    return p;
}

/* How many directories name climbs above its starting directory ("../../x.dwo": 2). */
static int name_ups(const char *name)
{
    int depth = 0, ups = 0;
    for (const char *p = name; *p;) {
        const char *e = strchr(p, '/');
        size_t len = e ? (size_t)(e - p) : strlen(p);
        if (len == 2 && p[0] == '.' && p[1] == '.') {
            if (--depth < -ups)
                ups = -depth;
        } else if (len && !(len == 1 && p[0] == '.') && e)
            depth++;
        p = e ? e + 1 : p + len;
    }
    return ups;
}

/* Creates the directories the path dir/name goes through (dir exists) and returns that path
 * (malloc'ed), or NULL. */
static char *make_parents(tmp_tree *t, const char *dir, const char *name)
{
    char *path = path_join(dir, name);
    if (!path)
        return NULL;
    size_t start = strlen(dir) + 1;
    for (char *p = path + start; (p = strchr(p, '/')) != NULL; p++) {
        *p = 0;
        const char *last = strrchr(path, '/') + 1;
        bool skip = !*last || strcmp(last, ".") == 0 || strcmp(last, "..") == 0;
        if (!skip) {
            if (mkdir(path, 0700) == 0) {
                if (!tmp_record(t, path, true)) {
                    rmdir(path);
                    *p = '/';
                    free(path);
                    return NULL;
                }
            } else if (errno != EEXIST) {
                *p = '/';
                free(path);
                return NULL;
            }
        }
        *p = '/';
    }
    return path;
}

/* The DWARF sections of the skeleton file, decompressed, written to path. */
static bool write_skeleton(tmp_tree *t, Elf *elf, const char *path)
{
    static const char *const keep[] = {"info", "abbrev", "line", "line_str", "str", "str_offsets",
                                       "addr", "ranges", "rnglists", "types"};
    enum { NKEEP = sizeof keep / sizeof keep[0] };
    out_scn s[NKEEP];
    char names[NKEEP][24];
    size_t n = 0, shstrndx;
    GElf_Ehdr eh;
    if (elf_getshdrstrndx(elf, &shstrndx) != 0 || !gelf_getehdr(elf, &eh))
        return false;
    for (Elf_Scn *scn = elf_nextscn(elf, NULL); scn && n < NKEEP; scn = elf_nextscn(elf, scn)) {
        GElf_Shdr sh;
        const char *nm = gelf_getshdr(scn, &sh) ? elf_strptr(elf, shstrndx, sh.sh_name) : NULL;
        if (!nm || sh.sh_type == SHT_NOBITS)
            continue;
        bool gnu = strncmp(nm, ".zdebug_", 8) == 0;
        if (!gnu && strncmp(nm, ".debug_", 7) != 0)
            continue;
        const char *rest = nm + (gnu ? 8 : 7);
        size_t k = 0;
        while (k < NKEEP && strcmp(rest, keep[k]) != 0)
            k++;
        if (k == NKEEP)
            continue;
        /* as libdw does when it opens the file: decompress in place (already done by it) */
        if (gnu)
            elf_compress_gnu(scn, 0, 0);
        if ((sh.sh_flags & SHF_COMPRESSED) && elf_compress(scn, 0, 0) < 0)
            continue;
        Elf_Data *data = elf_getdata(scn, NULL);
        if (!data || !data->d_buf)
            continue;
        snprintf(names[n], sizeof names[n], ".debug_%s", keep[k]);
        s[n] = (out_scn){names[n], data->d_buf, data->d_size};
        n++;
    }
    return write_elf(t, path, &eh, s, n);
}

/* ---------- the whole ---------- */

static bool file_exists(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

/* The package beside the binary, or beside its separate debug file: <file>.dwp. */
static char *find_package(const sym_binary *b)
{
    const char *cands[2] = {b->main.path, b->debug.elf ? b->debug.path : NULL};
    for (int i = 0; i < 2; i++) {
        if (!cands[i])
            continue;
        size_t n = strlen(cands[i]);
        char *p = malloc(n + 5);
        if (!p)
            return NULL;
        memcpy(p, cands[i], n);
        memcpy(p + n, ".dwp", 5);
        if (file_exists(p))
            return p;
        free(p);
    }
    return NULL;
}

static const char *dwo_name(Dwarf_Die *cudie)
{
    Dwarf_Attribute a;
    const char *n = dwarf_formstring(dwarf_attr(cudie, DW_AT_dwo_name, &a));
    return n ? n : dwarf_formstring(dwarf_attr(cudie, DW_AT_GNU_dwo_name, &a));
}

static void warn_line(pv_warn_fn warn, void *ctx, const char *path, const char *what)
{
    if (!warn)
        return;
    size_t n = strlen(path) + strlen(what) + 64;
    char *msg = malloc(n);
    if (!msg)
        return;
    snprintf(msg, n, "%s: %s", path, what);
    warn(ctx, msg);
    free(msg);
}

/* Writes the .dwo files the skeleton units of b->dwarf miss into skeldir. Returns how many;
 * -1 when the package is malformed (d->why), -2 when a file could not be written (errno). */
static int write_units(sym_binary *b, dwp_file *d, tmp_tree *t, const char *skeldir, const char *origdir)
{
    int written = 0;
    Dwarf_CU *cu = NULL, *next;
    uint8_t unit_type;
    Dwarf_Die cudie, subdie;
    while (dwarf_get_units(b->dwarf, cu, &next, NULL, &unit_type, &cudie, &subdie) == 0) {
        cu = next;
        uint64_t id;
        const char *name = dwo_name(&cudie);
        if (unit_type != DW_UT_skeleton || !name || name[0] == '/' || name_ups(name) > MAX_UPS ||
            dwarf_cu_info(cu, NULL, NULL, NULL, NULL, &id, NULL, NULL) != 0)
            continue;
        char *path = make_parents(t, skeldir, name);
        if (!path)
            return -2;
        if (file_exists(path)) { /* another unit of the same name: libdw takes the first */
            free(path);
            continue;
        }
        uint32_t row = subdie.addr ? 0 : dwp_row(d, id);
        int r = 0;
        if (row) {
            r = write_unit(d, t, row, path) ? 1 : d->why[0] ? -1 : -2;
        } else if (origdir) {
            /* a .dwo libdw found beside the skeleton file stays reachable */
            char *orig = path_join(origdir, name);
            if (orig && file_exists(orig) && tmp_record(t, path, false) && symlink(orig, path) != 0)
                r = -2;
            free(orig);
        }
        free(path);
        if (r < 0)
            return r;
        written += r;
    }
    return written;
}

void sym_dwp_load(sym_binary *b, Elf *dwelf, pv_warn_fn warn, void *ctx)
{
    char *pkg = find_package(b);
    if (!pkg)
        return;
    dwp_file d;
    tmp_tree t = {0};
    char *skeldir = NULL, *skelpath = NULL, *origdir = NULL;
    elf_file skel = {.fd = -1};
    Dwarf *dw = NULL;
    bool ok = dwp_open(&d, pkg);
    if (!ok) {
        char what[320];
        snprintf(what, sizeof what, "malformed split DWARF package: %s", d.why);
        warn_line(warn, ctx, pkg, what);
        goto done;
    }
    /* where the skeleton file is, for the .dwo files libdw found there */
    char *real = realpath(dwelf == b->main.elf ? b->main.path : b->debug.path, NULL);
    if (real) {
        char *slash = strrchr(real, '/');
        if (slash)
            *slash = 0;
        origdir = real;
    }
    int ups = 0;
    {
        Dwarf_CU *cu = NULL, *next;
        Dwarf_Die cudie;
        while (dwarf_get_units(b->dwarf, cu, &next, NULL, NULL, &cudie, NULL) == 0) {
            cu = next;
            const char *name = dwo_name(&cudie);
            int u = name ? name_ups(name) : 0;
            if (u > ups && u <= MAX_UPS)
                ups = u;
        }
    }
    const char *tmpdir = getenv("TMPDIR");
    t.base = path_join(tmpdir && tmpdir[0] == '/' ? tmpdir : "/tmp", "pview-dwp-XXXXXX");
    if (!t.base || !mkdtemp(t.base)) {
        char what[320];
        snprintf(what, sizeof what, "cannot read the split DWARF package: temporary directory: %s", strerror(errno));
        warn_line(warn, ctx, pkg, what);
        free(t.base);
        t.base = NULL;
        goto done;
    }
    skeldir = strdup(t.base);
    for (int i = 0; skeldir && i < ups; i++) {
        char *s = path_join(skeldir, "u");
        free(skeldir);
        skeldir = s;
        if (s && (mkdir(s, 0700) != 0 || !tmp_record(&t, s, true)))
            break;
    }
    skelpath = skeldir ? path_join(skeldir, "skeleton") : NULL;
    int n = skelpath ? write_units(b, &d, &t, skeldir, origdir) : -2;
    if (n == -1) {
        char what[320];
        snprintf(what, sizeof what, "malformed split DWARF package: %s", d.why);
        warn_line(warn, ctx, pkg, what);
    } else if (n < 0 || (n > 0 && !write_skeleton(&t, dwelf, skelpath))) {
        char what[320];
        snprintf(what, sizeof what, "cannot read the split DWARF package: writing under %s: %s", t.base,
                 strerror(errno));
        warn_line(warn, ctx, pkg, what);
    } else if (n > 0) {
        char why[256];
        if (sym_elf_file_open(&skel, skelpath, why, sizeof why) == 0)
            dw = dwarf_begin_elf(skel.elf, DWARF_C_READ, NULL);
        if (dw) {
            /* libdw looks for .dwo files beside skel.path from now on */
            if (b->altdwarf)
                dwarf_setalt(dw, b->altdwarf);
            sym_free_cus(b);
            dwarf_end(b->dwarf);
            b->dwarf = dw;
            sym_build_cu_table(b); /* links every unit it can: the .dwo files are read now */
            free(skel.path);
            skel.path = NULL;
            b->dwp_skel = skel;
            skel.fd = -1;
            skel.elf = NULL;
        }
    }
done:
    sym_elf_file_close(&skel);
    tmp_remove(&t);
    free(skeldir);
    free(skelpath);
    free(origdir);
    dwp_close(&d);
    free(pkg);
}
