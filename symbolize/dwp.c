/* Split DWARF packages (.dwp). libdw 0.188 links a skeleton unit to its split unit only
 * through a .dwo file it opens itself: DW_AT_dwo_name under the directory of the file the
 * skeleton Dwarf was opened from, then under DW_AT_comp_dir, and an absolute name as it is
 * (libdw_find_split_unit.c); it has no package support. So, for the skeleton units whose .dwo
 * is missing, this file rebuilds each unit's .dwo from the package's .debug_cu_index (its
 * section contributions, with its own string table) in a private temporary directory, next to
 * a copy of the skeleton file's DWARF sections (dwptree.c), opens the skeleton Dwarf on that
 * copy (so that libdw looks in that directory; an absolute DW_AT_dwo_name is pointed at a
 * relative name in the copy), lets elf.c build its unit table (libdw links every unit then,
 * reading each .dwo into memory) and removes the directory before returning. Compressed
 * package sections (SHF_COMPRESSED or .zdebug_) are inflated through libelf. Type units
 * (.debug_tu_index) are not unpacked: functions, lines and inline frames resolve through the
 * compile unit's own DIEs (gcc and clang keep DW_AT_specification and DW_AT_abstract_origin
 * inside the unit, with a declaration of the class there; the shapes-types e2e cases check it). */
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
#include "symbolize/dwp.h"

#define MAX_UPS 32 /* leading "../" components of a dwo name we make room for */

/* DW_SECT_* column ids of .debug_cu_index, version 2 (GNU, DWARF 4) and 5 */
enum { SECT_INFO = 1, SECT_ABBREV = 3, SECT_LINE = 4, SECT_LOC = 5, SECT_STR_OFFSETS = 6, SECT_RNGLISTS = 8 };

typedef struct {
    const unsigned char *buf; /* owned by the Elf (inflated by libelf when compressed) */
    size_t size;              /* 0 when absent */
} dwp_scn;

typedef struct {
    char *path;       /* the package, for warnings */
    int fd;
    Elf *elf;
    GElf_Ehdr ehdr;
    bool big;         /* big-endian data */
    unsigned version; /* of the index: 2 or 5 */
    const unsigned char *index;
    size_t index_size;
    uint32_t ncols, nunits, nslots;
    dwp_scn str;      /* .debug_str.dwo */
    dwp_scn info, abbrev, line, loc, str_offsets, rnglists;
    char why[256];    /* the first problem found */
    bool unreadable;  /* why: a compression this libelf cannot inflate, not a malformed file */
} dwp_file;

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

/* A copy of [off, off+len) of a section (len may be 0); NULL with d->why set. */
static unsigned char *read_part(dwp_file *d, const dwp_scn *sc, uint64_t off, uint64_t len, const char *name)
{
    if (off > sc->size || len > sc->size - off) {
        char msg[128];
        snprintf(msg, sizeof msg, "a contribution lies outside %s", name);
        bad(d, msg);
        return NULL;
    }
    unsigned char *buf = malloc(len ? len : 1);
    if (!buf) {
        bad(d, "out of memory");
        return NULL;
    }
    if (len)
        memcpy(buf, sc->buf + off, len);
    return buf;
}

/* Section .debug_<base> (or .zdebug_<base>) of the package, inflated when compressed. Absent:
 * out->size 0, and false only when required. */
static bool find_scn(dwp_file *d, const char *base, dwp_scn *out, bool required)
{
    char msg[160];
    size_t shstrndx;
    memset(out, 0, sizeof *out);
    if (elf_getshdrstrndx(d->elf, &shstrndx) != 0)
        return bad(d, "no section names");
    for (Elf_Scn *scn = elf_nextscn(d->elf, NULL); scn; scn = elf_nextscn(d->elf, scn)) {
        GElf_Shdr sh;
        const char *nm = gelf_getshdr(scn, &sh) ? elf_strptr(d->elf, shstrndx, sh.sh_name) : NULL;
        bool gnu = nm && strncmp(nm, ".zdebug_", 8) == 0;
        if (!nm || (!gnu && strncmp(nm, ".debug_", 7) != 0) || strcmp(nm + (gnu ? 8 : 7), base) != 0)
            continue;
        if (sh.sh_type == SHT_NOBITS) {
            snprintf(msg, sizeof msg, "%s is empty (NOBITS)", nm);
            return bad(d, msg);
        }
        uint64_t usize = 0;
        if (sh.sh_flags & SHF_COMPRESSED) {
            GElf_Chdr ch;
            if (!gelf_getchdr(scn, &ch) || ch.ch_type != ELFCOMPRESS_ZLIB) {
                d->unreadable = !d->why[0] && gelf_getchdr(scn, &ch);
                snprintf(msg, sizeof msg, "%s is compressed with %s, which this libelf cannot read", nm,
                         !gelf_getchdr(scn, &ch) ? "a bad header" : ch.ch_type == ELFCOMPRESS_ZSTD ? "zstd" : "an unknown method");
                return bad(d, msg);
            }
            usize = ch.ch_size;
        } else if (gnu) {
            Elf_Data *raw = elf_rawdata(scn, NULL);
            if (!raw || raw->d_size < 12 || memcmp(raw->d_buf, "ZLIB", 4) != 0) {
                snprintf(msg, sizeof msg, "%s has no ZLIB header", nm);
                return bad(d, msg);
            }
            for (int i = 0; i < 8; i++)
                usize = usize << 8 | ((const unsigned char *)raw->d_buf)[4 + i];
        }
        if (usize > ((uint64_t)16 << 20) && usize / 256 > sh.sh_size) {
            snprintf(msg, sizeof msg, "%s claims to inflate %llu bytes to %llu (a decompression bomb)", nm,
                     (unsigned long long)sh.sh_size, (unsigned long long)usize);
            return bad(d, msg);
        }
        if ((gnu && elf_compress_gnu(scn, 0, 0) < 0) || ((sh.sh_flags & SHF_COMPRESSED) && elf_compress(scn, 0, 0) < 0)) {
            snprintf(msg, sizeof msg, "cannot inflate %s: %s", nm, elf_errmsg(-1));
            return bad(d, msg);
        }
        Elf_Data *data = elf_getdata(scn, NULL);
        if (!data || (sh.sh_size && !data->d_buf)) {
            snprintf(msg, sizeof msg, "cannot read %s: %s", nm, elf_errmsg(-1));
            return bad(d, msg);
        }
        out->buf = data->d_buf;
        out->size = data->d_size;
        return true;
    }
    if (required) {
        snprintf(msg, sizeof msg, "no .debug_%s section", base);
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
    d->elf = elf_begin(d->fd, ELF_C_READ_MMAP, NULL);
    if (!d->elf || elf_kind(d->elf) != ELF_K_ELF || !gelf_getehdr(d->elf, &d->ehdr))
        return bad(d, "not an ELF file");
    d->big = d->ehdr.e_ident[EI_DATA] == ELFDATA2MSB;
    dwp_scn ix;
    if (!find_scn(d, "cu_index", &ix, true) || !find_scn(d, "info.dwo", &d->info, true) ||
        !find_scn(d, "abbrev.dwo", &d->abbrev, true) || !find_scn(d, "line.dwo", &d->line, false) ||
        !find_scn(d, "str_offsets.dwo", &d->str_offsets, false) || !find_scn(d, "rnglists.dwo", &d->rnglists, false) ||
        !find_scn(d, "str.dwo", &d->str, false))
        return false;
    if (ix.size < 16)
        return bad(d, ".debug_cu_index is too short");
    d->index = ix.buf;
    d->index_size = ix.size;
    /* version: a 4-byte 2 (GNU), or a 2-byte 5 and 2 bytes of padding (DWARF 5) */
    uint64_t v4 = get_uint(d->index, 4, d->big), v2 = get_uint(d->index, 2, d->big);
    d->version = v4 == 2 ? 2 : v2 == 5 ? 5 : 0;
    if (!d->version) {
        char msg[80];
        snprintf(msg, sizeof msg, ".debug_cu_index version %u is not 2 or 5", (unsigned)(v4 == 0 ? v2 : v4 & 0xffff));
        return bad(d, msg);
    }
    if (!find_scn(d, d->version == 5 ? "loclists.dwo" : "loc.dwo", &d->loc, false))
        return false;
    d->ncols = (uint32_t)get_uint(d->index + 4, 4, d->big);
    d->nunits = (uint32_t)get_uint(d->index + 8, 4, d->big);
    d->nslots = (uint32_t)get_uint(d->index + 12, 4, d->big);
    /* header, hash table (8 + 4 per slot), column ids, offsets and sizes (4 each per column per unit) */
    uint64_t need = 16 + 12ull * d->nslots + 4ull * d->ncols + 8ull * d->ncols * d->nunits;
    if (d->ncols == 0 || d->ncols > 64 || (d->nslots & (d->nslots - 1)) || d->nunits > d->nslots ||
        need > d->index_size)
        return bad(d, ".debug_cu_index has an impossible size (columns, units or slots)");
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
        const unsigned char *nul = o < d->str.size ? memchr(d->str.buf + o, 0, d->str.size - o) : NULL;
        if (!nul) {
            free(out);
            return bad(d, "a string offset lies outside .debug_str.dwo");
        }
        size_t n = (size_t)(nul - (d->str.buf + o)) + 1;
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
        memcpy(out + len, d->str.buf + o, n);
        put_uint(offs + at, len, osz, d->big);
        len += n;
    }
    *str = out;
    *str_size = len;
    return true;
}

/* Writes the .dwo of package row row to path. false with d->why set when the package is
 * malformed, false with d->why empty when the file could not be written. */
static bool write_unit(dwp_file *d, sym_tmp_tree *t, uint32_t row, const char *path)
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
    sym_out_scn s[NCOLS + 1];
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
        bufs[i] = read_part(d, (const dwp_scn *)((const char *)d + cols[i].shdr), off, size, name);
        if (!bufs[i])
            goto out;
        if (cols[i].sect == SECT_INFO)
            info_size = size;
        if (cols[i].sect == SECT_STR_OFFSETS) {
            if (!bufs[0] || !unit_strings(d, bufs[0], info_size, bufs[i], size, &str, &str_size))
                goto out;
            s[n++] = (sym_out_scn){".debug_str.dwo", str, str_size};
        }
        s[n++] = (sym_out_scn){name, bufs[i], size};
    }
    if (!bufs[0] || !bufs[1]) {
        bad(d, "a unit has no .debug_info.dwo or .debug_abbrev.dwo contribution");
        goto out;
    }
    ok = sym_write_elf(t, path, &d->ehdr, s, n);
out:
    for (size_t i = 0; i < NCOLS; i++)
        free(bufs[i]);
    free(str);
    return ok;
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

/* Points DW_AT_dwo_name of skeleton unit cu at a new name, relative, in the copy of the
 * skeleton file dwelf (edits): an absolute name is the one place libdw looks. *out is the new
 * name (malloc'ed). 1 done, 0 not possible (the unit stays unlinked), -1 out of memory. */
static int rename_dwo(Elf *dwelf, Dwarf_CU *cu, Dwarf_Die *cudie, unsigned k, sym_skel_edits *ed, char **out)
{
    Dwarf_Attribute a;
    Dwarf_Die die;
    Dwarf_Half version;
    uint8_t osz;
    GElf_Ehdr eh;
    *out = NULL;
    if ((!dwarf_attr(cudie, DW_AT_dwo_name, &a) && !dwarf_attr(cudie, DW_AT_GNU_dwo_name, &a)) ||
        !dwarf_cu_die(cu, &die, &version, NULL, NULL, &osz, NULL, NULL) || (osz != 4 && osz != 8) ||
        !gelf_getehdr(dwelf, &eh))
        return 0;
    bool big = eh.e_ident[EI_DATA] == ELFDATA2MSB;
    Elf_Data *info = sym_skel_data(dwelf, "info");
    const unsigned char *v = a.valp, *start = info ? info->d_buf : NULL;
    if (!start || v < start || v >= start + info->d_size)
        return 0;
    uint64_t at = (uint64_t)(v - start), left = info->d_size - at, off, idx = 0;
    unsigned char ref[8];
    char name[32];
    snprintf(name, sizeof name, "pview-abs-%u.dwo", k);
    switch (a.form) {
    case DW_FORM_string: { /* inline: a name of the same length, digits, in place */
        size_t len = strnlen((const char *)v, left);
        if (len >= left || len > 255)
            return 0;
        char *digits = malloc(len + 1);
        if (!digits)
            return -1;
        if ((size_t)snprintf(digits, len + 1, "%0*u", (int)len, k) != len) {
            free(digits);
            return 0;
        }
        if (!sym_skel_patch(ed, SKEL_INFO, at, digits, len)) {
            free(digits);
            return -1;
        }
        *out = digits;
        return 1;
    }
    case DW_FORM_strp:
    case DW_FORM_line_strp:
        if (left < osz)
            return 0;
        if (!sym_skel_add_string(ed, dwelf, a.form == DW_FORM_strp ? SKEL_STR : SKEL_LINE_STR, name, &off))
            return -1;
        put_uint(ref, off, osz, big);
        if (!sym_skel_patch(ed, SKEL_INFO, at, ref, osz))
            return -1;
        break;
    case DW_FORM_strx:
    case DW_FORM_GNU_str_index:
    case DW_FORM_strx1:
    case DW_FORM_strx2:
    case DW_FORM_strx3:
    case DW_FORM_strx4: {
        if (a.form == DW_FORM_strx || a.form == DW_FORM_GNU_str_index) {
            int shift = 0;
            for (uint64_t i = 0;; i++) {
                if (i >= left || shift > 63)
                    return 0;
                idx |= (uint64_t)(v[i] & 0x7f) << shift;
                shift += 7;
                if (!(v[i] & 0x80))
                    break;
            }
        } else {
            int size = a.form == DW_FORM_strx1 ? 1 : a.form == DW_FORM_strx2 ? 2 : a.form == DW_FORM_strx3 ? 3 : 4;
            if (left < (uint64_t)size)
                return 0;
            idx = get_uint(v, size, big);
        }
        Dwarf_Attribute ba;
        Dwarf_Word base;
        if (!dwarf_attr(cudie, DW_AT_str_offsets_base, &ba) || dwarf_formudata(&ba, &base) != 0)
            base = version >= 5 ? 2u * osz : 0;
        Elf_Data *so = sym_skel_data(dwelf, "str_offsets");
        if (!so || base > so->d_size || idx >= (so->d_size - base) / osz)
            return 0;
        if (!sym_skel_add_string(ed, dwelf, SKEL_STR, name, &off))
            return -1;
        put_uint(ref, off, osz, big);
        if (!sym_skel_patch(ed, SKEL_STR_OFFSETS, base + idx * osz, ref, osz))
            return -1;
        break;
    }
    default:
        return 0;
    }
    *out = strdup(name);
    return *out ? 1 : -1;
}

/* Writes the .dwo files the skeleton units of b->dwarf (opened on dwelf) miss into skeldir,
 * with the edits the copy of dwelf needs. Returns how many; -1 when the package is malformed
 * (d->why), -2 when a file could not be written (errno). */
static int write_units(sym_binary *b, Elf *dwelf, dwp_file *d, sym_tmp_tree *t, sym_skel_edits *ed,
                       const char *skeldir, const char *origdir)
{
    int written = 0;
    unsigned nabs = 0;
    Dwarf_CU *cu = NULL, *next;
    uint8_t unit_type;
    Dwarf_Die cudie, subdie;
    while (dwarf_get_units(b->dwarf, cu, &next, NULL, &unit_type, &cudie, &subdie) == 0) {
        cu = next;
        uint64_t id;
        const char *name = dwo_name(&cudie);
        char *renamed = NULL;
        if (unit_type != DW_UT_skeleton || !name || sym_name_ups(name) > MAX_UPS ||
            dwarf_cu_info(cu, NULL, NULL, NULL, NULL, &id, NULL, NULL) != 0)
            continue;
        if (name[0] == '/') { /* found there by libdw, or renamed when the package holds it */
            int r = subdie.addr || !dwp_row(d, id) ? 0 : rename_dwo(dwelf, cu, &cudie, nabs++, ed, &renamed);
            if (r < 0)
                return -2;
            if (r == 0)
                continue;
            name = renamed;
        }
        char *path = sym_make_parents(t, skeldir, name);
        if (!path) {
            free(renamed);
            return -2;
        }
        int r = 0;
        uint32_t row = subdie.addr ? 0 : dwp_row(d, id);
        if (file_exists(path)) { /* another unit of the same name: libdw takes the first */
        } else if (row) {
            r = write_unit(d, t, row, path) ? 1 : d->why[0] ? -1 : -2;
        } else if (origdir) {
            /* a .dwo libdw found beside the skeleton file stays reachable */
            char *orig = sym_path_join(origdir, name);
            if (orig && file_exists(orig) && sym_tmp_record(t, path, false) && symlink(orig, path) != 0)
                r = -2;
            free(orig);
        }
        free(path);
        free(renamed);
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
    sym_tmp_tree t = {0};
    sym_skel_edits edits = {0};
    char *skeldir = NULL, *skelpath = NULL, *origdir = NULL;
    elf_file skel = {.fd = -1};
    Dwarf *dw = NULL;
    bool ok = dwp_open(&d, pkg);
    if (!ok) {
        char what[320];
        snprintf(what, sizeof what, "%s split DWARF package: %s",
                 d.unreadable ? "cannot read the" : "malformed", d.why);
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
            int u = name ? sym_name_ups(name) : 0;
            if (u > ups && u <= MAX_UPS)
                ups = u;
        }
    }
    const char *tmpdir = getenv("TMPDIR");
    t.base = sym_path_join(tmpdir && tmpdir[0] == '/' ? tmpdir : "/tmp", "pview-dwp-XXXXXX");
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
        char *s = sym_path_join(skeldir, "u");
        free(skeldir);
        skeldir = s;
        if (s && (mkdir(s, 0700) != 0 || !sym_tmp_record(&t, s, true)))
            break;
    }
    skelpath = skeldir ? sym_path_join(skeldir, "skeleton") : NULL;
    int n = skelpath ? write_units(b, dwelf, &d, &t, &edits, skeldir, origdir) : -2;
    if (n == -1) {
        char what[320];
        snprintf(what, sizeof what, "malformed split DWARF package: %s", d.why);
        warn_line(warn, ctx, pkg, what);
    } else if (n < 0 || (n > 0 && !sym_write_skeleton(&t, dwelf, skelpath, &edits))) {
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
    sym_tmp_remove(&t);
    sym_skel_edits_free(&edits);
    free(skeldir);
    free(skelpath);
    free(origdir);
    dwp_close(&d);
    free(pkg);
}
