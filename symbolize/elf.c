/* One binary: ELF headers, build ids, a lazily built DWARF index (CU ranges, then per CU a
 * tree of subprograms and inlined subroutines) and the lookup of an address; separate debug
 * files are found by debugfile.c, symbol tables read by symtab.c. */
#include <dwarf.h>
#include <elfutils/libdw.h>
#include <errno.h>
#include <fcntl.h>
#include <gelf.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "symbolize/binary.h"

/* ---------- small helpers ---------- */

void sym_elf_file_close(elf_file *f)
{
    if (f->elf)
        elf_end(f->elf);
    if (f->fd >= 0)
        close(f->fd);
    free(f->path);
    f->elf = NULL;
    f->fd = -1;
    f->path = NULL;
}

/* Opens an ELF file. 0 on success; -1 missing (why unset); -2 unusable (why set). */
int sym_elf_file_open(elf_file *f, const char *path, char *why, size_t whylen)
{
    f->fd = -1;
    f->elf = NULL;
    f->path = NULL;
    struct stat st;
    if (stat(path, &st) != 0)
        return -1;
    if (!S_ISREG(st.st_mode)) {
        snprintf(why, whylen, "%s: not a regular file", path);
        return -2;
    }
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        snprintf(why, whylen, "%s: %s", path, strerror(errno));
        return -2;
    }
    /* ELF_C_READ (not _MMAP): a truncated file then gives read errors instead of SIGBUS. */
    Elf *elf = elf_begin(fd, ELF_C_READ, NULL);
    if (!elf || elf_kind(elf) != ELF_K_ELF) {
        snprintf(why, whylen, "%s: not an ELF file", path);
        if (elf)
            elf_end(elf);
        close(fd);
        return -2;
    }
    GElf_Ehdr eh;
    size_t shnum;
    if (!gelf_getehdr(elf, &eh) || elf_getshdrnum(elf, &shnum) != 0) {
        snprintf(why, whylen, "%s: corrupt ELF header (%s)", path, elf_errmsg(-1));
        elf_end(elf);
        close(fd);
        return -2;
    }
    f->path = strdup(path);
    if (!f->path) {
        elf_end(elf);
        close(fd);
        snprintf(why, whylen, "out of memory");
        return -2;
    }
    f->fd = fd;
    f->elf = elf;
    return 0;
}

Elf_Scn *sym_find_section(Elf *elf, const char *name, GElf_Shdr *out)
{
    size_t shstrndx;
    if (elf_getshdrstrndx(elf, &shstrndx) != 0)
        return NULL;
    for (Elf_Scn *scn = elf_nextscn(elf, NULL); scn; scn = elf_nextscn(elf, scn)) {
        GElf_Shdr sh;
        if (!gelf_getshdr(scn, &sh))
            continue;
        const char *n = elf_strptr(elf, shstrndx, sh.sh_name);
        if (n && strcmp(n, name) == 0) {
            if (out)
                *out = sh;
            return scn;
        }
    }
    return NULL;
}

void sym_hex_encode(char *dst, const unsigned char *src, size_t n)
{
    static const char digits[] = "0123456789abcdef";
    for (size_t i = 0; i < n; i++) {
        dst[2 * i] = digits[src[i] >> 4];
        dst[2 * i + 1] = digits[src[i] & 15];
    }
    dst[2 * n] = 0;
}

static void scan_notes(Elf_Data *data, sym_binary *b)
{
    size_t off = 0, name_off, desc_off;
    GElf_Nhdr nh;
    while (off < data->d_size && (off = gelf_getnote(data, off, &nh, &name_off, &desc_off)) > 0) {
        const char *name = (const char *)data->d_buf + name_off;
        const unsigned char *desc = (const unsigned char *)data->d_buf + desc_off;
        if (nh.n_type == NT_GNU_BUILD_ID && nh.n_namesz == 4 && memcmp(name, "GNU", 4) == 0 &&
            nh.n_descsz > 0 && nh.n_descsz <= 64 && !b->gnu_id[0]) {
            sym_hex_encode(b->gnu_id, desc, nh.n_descsz);
        } else if (nh.n_type == 4 && (nh.n_namesz == 3 || nh.n_namesz == 4) && memcmp(name, "Go", 3) == 0 && !b->go_id &&
                   nh.n_descsz > 0 && nh.n_descsz < 4096) {
            b->go_id = malloc(nh.n_descsz + 1);
            b->go_id_hex = malloc(2 * nh.n_descsz + 1);
            if (b->go_id && b->go_id_hex) {
                memcpy(b->go_id, desc, nh.n_descsz);
                b->go_id[nh.n_descsz] = 0;
                sym_hex_encode(b->go_id_hex, desc, nh.n_descsz);
            } else {
                free(b->go_id);
                free(b->go_id_hex);
                b->go_id = b->go_id_hex = NULL;
            }
        }
    }
}

static void read_build_ids(sym_binary *b)
{
    Elf *elf = b->main.elf;
    bool any = false;
    for (Elf_Scn *scn = elf_nextscn(elf, NULL); scn; scn = elf_nextscn(elf, scn)) {
        GElf_Shdr sh;
        if (!gelf_getshdr(scn, &sh) || sh.sh_type != SHT_NOTE)
            continue;
        Elf_Data *d = elf_getdata(scn, NULL);
        if (d && d->d_buf) {
            scan_notes(d, b);
            any = true;
        }
    }
    if (any)
        return;
    size_t phnum;
    if (elf_getphdrnum(elf, &phnum) != 0)
        return;
    for (size_t i = 0; i < phnum; i++) {
        GElf_Phdr ph;
        if (!gelf_getphdr(elf, (int)i, &ph) || ph.p_type != PT_NOTE)
            continue;
        Elf_Data *d = elf_getdata_rawchunk(elf, (int64_t)ph.p_offset, ph.p_filesz, ELF_T_NHDR);
        if (d && d->d_buf)
            scan_notes(d, b);
    }
}

sym_binary *sym_binary_open(const char *path, char *why, size_t whylen)
{
    why[0] = 0;
    if (elf_version(EV_CURRENT) == EV_NONE) {
        snprintf(why, whylen, "libelf is too old: %s", elf_errmsg(-1));
        return NULL;
    }
    sym_binary *b = calloc(1, sizeof *b);
    if (!b) {
        snprintf(why, whylen, "out of memory");
        return NULL;
    }
    b->debug.fd = b->alt.fd = b->dwp_skel.fd = -1;
    if (sym_elf_file_open(&b->main, path, why, whylen) != 0) {
        free(b);
        return NULL;
    }
    gelf_getehdr(b->main.elf, &b->ehdr);
    read_build_ids(b);
    return b;
}

void sym_free_cus(sym_binary *b)
{
    for (size_t i = 0; i < b->ncus; i++) {
        free(b->cus[i].nodes);
        free(b->cus[i].ranges);
        free(b->cus[i].top);
        free(b->cus[i].top_maxhi);
    }
    free(b->cus);
    free(b->cu_ranges);
    free(b->cu_maxhi);
    b->cus = NULL;
    b->cu_ranges = NULL;
    b->cu_maxhi = NULL;
    b->ncus = b->ncu_ranges = 0;
    b->missing_dwo = 0;
    b->first_missing_dwo = NULL;
}

void sym_binary_close(sym_binary *b)
{
    if (!b)
        return;
    sym_free_cus(b);
    sym_symtab_free(b->syms);
    sym_symtab_free(b->debug_syms);
    if (b->dwarf)
        dwarf_end(b->dwarf);
    if (b->altdwarf)
        dwarf_end(b->altdwarf);
    sym_elf_file_close(&b->dwp_skel);
    sym_elf_file_close(&b->alt);
    sym_elf_file_close(&b->debug);
    sym_elf_file_close(&b->main);
    free(b->go_id);
    free(b->go_id_hex);
    free(b);
}

const char *sym_binary_gnu_id(const sym_binary *b) { return b->gnu_id; }
const char *sym_binary_go_id_hex(const sym_binary *b) { return b->go_id_hex ? b->go_id_hex : ""; }
const char *sym_binary_go_id(const sym_binary *b) { return b->go_id ? b->go_id : ""; }
const char *sym_binary_path(const sym_binary *b) { return b->main.path; }

/* ---------- address translation ---------- */

uint64_t sym_binary_bias(const sym_binary *b, uint64_t start, uint64_t limit, uint64_t offset)
{
    if (start == 0 && limit == 0)
        return 0; /* no runtime layout recorded: addresses are file addresses */
    size_t phnum;
    if (elf_getphdrnum(b->main.elf, &phnum) != 0)
        phnum = 0;
    GElf_Phdr best, first_x;
    bool have_best = false, have_x = false;
    /* A separate debug file keeps the program headers but zeroes the file layout of the
     * segments it dropped; rebuild it from the addresses, as the linker laid them out. */
    uint64_t first_vaddr = 0;
    bool have_first = false;
    for (size_t i = 0; i < phnum && !have_first; i++) {
        GElf_Phdr ph;
        if (gelf_getphdr(b->main.elf, (int)i, &ph) && ph.p_type == PT_LOAD) {
            first_vaddr = ph.p_vaddr;
            have_first = true;
        }
    }
    for (int pass = 0; pass < 2 && !have_best; pass++) {
        for (size_t i = 0; i < phnum; i++) {
            GElf_Phdr ph;
            if (!gelf_getphdr(b->main.elf, (int)i, &ph) || ph.p_type != PT_LOAD)
                continue;
            if (ph.p_filesz == 0 && ph.p_memsz > 0 && ph.p_vaddr >= first_vaddr &&
                (ph.p_flags & PF_W) == 0) {
                ph.p_offset = ph.p_vaddr - first_vaddr;
                ph.p_filesz = ph.p_memsz;
            }
            bool exec = (ph.p_flags & PF_X) != 0;
            if (exec && !have_x) {
                first_x = ph;
                have_x = true;
            }
            if (pass == 0 && !exec)
                continue;
            uint64_t align = ph.p_align > 1 && ph.p_align <= 0x200000 ? ph.p_align : 0x1000;
            uint64_t lo = ph.p_offset & ~(align - 1);
            uint64_t hi = ph.p_offset + (ph.p_filesz ? ph.p_filesz : ph.p_memsz);
            if (offset >= lo && offset < hi) {
                /* the mapping may start at the page-aligned offset below p_offset */
                best = ph;
                best.p_offset = ph.p_offset - (ph.p_offset - lo);
                best.p_vaddr = ph.p_vaddr - (ph.p_offset - lo);
                have_best = true;
                break;
            }
        }
    }
    if (!have_best && have_x) {
        best = first_x;
        have_best = true;
    }
    if (!have_best)
        return start - offset;
    if (b->ehdr.e_type == ET_EXEC && start >= 0x8000000000000000ull)
        return 0; /* a kernel image: addresses are link-time addresses */
    return start - offset + best.p_offset - best.p_vaddr;
}

void sym_binary_prepare(sym_binary *b, const char *const *dirs, pv_warn_fn warn, void *ctx,
                        const pv_symbolize_hooks *hooks)
{
    if (b->prepared)
        return;
    b->prepared = true;
    Elf *dwelf = NULL;
    const char *dwpath = NULL;
    if (sym_has_dwarf(b->main.elf)) {
        dwelf = b->main.elf;
        dwpath = b->main.path;
    } else if (sym_find_debug_file(b, dirs, warn, ctx, hooks)) {
        dwelf = b->debug.elf;
        dwpath = b->debug.path;
    }
    if (dwelf && sym_dwarf_sections_usable(dwelf, dwpath, warn, ctx)) {
        b->dwarf = dwarf_begin_elf(dwelf, DWARF_C_READ, NULL);
        if (!b->dwarf && warn) {
            char msg[600];
            snprintf(msg, sizeof msg, "%s: cannot read DWARF: %s", dwpath, dwarf_errmsg(-1));
            warn(ctx, msg);
        }
        if (b->dwarf)
            sym_find_alt(b, dwelf, dwpath, dirs, warn, ctx);
        if (b->dwarf)
            sym_build_cu_table(b);
        if (b->dwarf && b->missing_dwo) /* a .dwp package may hold them */
            sym_dwp_load(b, dwelf, warn, ctx);
        if (b->missing_dwo && warn) {
            char msg[1024];
            snprintf(msg, sizeof msg, "%s: split DWARF: %zu .dwo file%s not found (first: %s); inlined frames missing",
                     dwpath, b->missing_dwo, b->missing_dwo == 1 ? "" : "s",
                     b->first_missing_dwo ? b->first_missing_dwo : "unnamed");
            warn(ctx, msg);
        }
    }
    /* Out of memory here only costs names: lookups then fall back to DWARF's. */
    bool oom;
    b->syms = sym_symtab_load(b->main.elf, false, &oom);
    if (b->debug.elf)
        b->debug_syms = sym_symtab_load(b->debug.elf, true, &oom);
}

/* ---------- DWARF index ---------- */

static int range_cmp(const void *a, const void *b)
{
    const addr_range *x = a, *y = b;
    if (x->lo != y->lo)
        return x->lo < y->lo ? -1 : 1;
    if (x->hi != y->hi)
        return x->hi > y->hi ? -1 : 1; /* wider first */
    return x->idx < y->idx ? -1 : x->idx > y->idx;
}

static uint64_t *prefix_max(const addr_range *r, size_t n)
{
    uint64_t *m = malloc((n ? n : 1) * sizeof *m);
    if (!m)
        return NULL;
    uint64_t cur = 0;
    for (size_t i = 0; i < n; i++) {
        if (r[i].hi > cur)
            cur = r[i].hi;
        m[i] = cur;
    }
    return m;
}

/* All entries containing addr, visited from the highest lo downwards; returns the first
 * (innermost-starting) match or NO_IDX. */
static uint32_t range_find(const addr_range *r, const uint64_t *maxhi, size_t n, uint64_t addr)
{
    size_t lo = 0, hi = n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (r[mid].lo <= addr)
            lo = mid + 1;
        else
            hi = mid;
    }
    for (size_t i = lo; i-- > 0;) {
        if (maxhi[i] <= addr)
            break;
        if (r[i].lo <= addr && addr < r[i].hi)
            return r[i].idx;
    }
    return NO_IDX;
}

static bool push_range(addr_range **arr, size_t *n, size_t *cap, uint64_t lo, uint64_t hi, uint32_t idx)
{
    if (*n == *cap) {
        size_t nc = *cap ? *cap * 2 : 16;
        addr_range *a = realloc(*arr, nc * sizeof *a);
        if (!a)
            return false;
        *arr = a;
        *cap = nc;
    }
    (*arr)[(*n)++] = (addr_range){lo, hi, idx};
    return true;
}

/* Walks one CU's DIE tree once, recording subprograms and inlined subroutines that have code,
 * each under its nearest recorded ancestor. */
static bool index_cu(sym_cu *cu)
{
    cu->indexed = true;
    size_t captop = 0;
    struct frame {
        Dwarf_Die die;
        uint32_t parent; /* nearest recorded ancestor node */
        uint32_t last_child;
    };
    size_t cap = 64, depth = 0;
    struct frame *stack = malloc(cap * sizeof *stack);
    if (!stack)
        return false;
    Dwarf_Die child;
    if (dwarf_child(&cu->walkdie, &child) != 0) {
        free(stack);
        return true;
    }
    stack[depth++] = (struct frame){child, NO_IDX, NO_IDX};
    bool ok = true;
    /* Each stack entry holds the current DIE at its level; we advance siblings in place. */
    while (depth > 0 && ok) {
        struct frame *f = &stack[depth - 1];
        Dwarf_Die die = f->die;
        int tag = dwarf_tag(&die);
        uint32_t me = NO_IDX;
        if (tag == DW_TAG_subprogram || tag == DW_TAG_inlined_subroutine) {
            Dwarf_Addr base, start, end;
            ptrdiff_t off = 0;
            uint32_t rstart = (uint32_t)cu->nranges;
            uint32_t node = (uint32_t)cu->nnodes;
            while ((off = dwarf_ranges(&die, off, &base, &start, &end)) > 0) {
                if (end <= start || start == 0)
                    continue;
                if (!push_range(&cu->ranges, &cu->nranges, &cu->capranges, start, end, node)) {
                    ok = false;
                    break;
                }
            }
            if (cu->nranges > rstart) {
                if (cu->nnodes == cu->capnodes) {
                    size_t nc = cu->capnodes ? cu->capnodes * 2 : 64;
                    dnode *nn = realloc(cu->nodes, nc * sizeof *nn);
                    if (!nn) {
                        ok = false;
                        break;
                    }
                    cu->nodes = nn;
                    cu->capnodes = nc;
                }
                /* a nested subprogram is its own top-level function */
                uint32_t parent = tag == DW_TAG_subprogram ? NO_IDX : f->parent;
                cu->nodes[node] = (dnode){die, NO_IDX, NO_IDX, NO_IDX, rstart, (uint32_t)(cu->nranges - rstart)};
                cu->nnodes++;
                if (parent == NO_IDX) {
                    for (uint32_t r = rstart; r < cu->nranges; r++)
                        if (!push_range(&cu->top, &cu->ntop, &captop, cu->ranges[r].lo, cu->ranges[r].hi, node))
                            ok = false;
                } else {
                    dnode *p = &cu->nodes[parent];
                    if (p->first_child == NO_IDX)
                        p->first_child = node;
                    else
                        cu->nodes[p->last_child].next_sibling = node;
                    p->last_child = node;
                }
                me = node;
            }
        }
        /* descend */
        bool descend = false;
        if (dwarf_haschildren(&die) > 0 && tag != DW_TAG_base_type && tag != DW_TAG_enumeration_type &&
            tag != DW_TAG_array_type && tag != DW_TAG_subroutine_type) {
            if (dwarf_child(&die, &child) == 0) {
                if (depth == cap) {
                    cap *= 2;
                    struct frame *ns = realloc(stack, cap * sizeof *ns);
                    if (!ns) {
                        ok = false;
                        break;
                    }
                    stack = ns;
                    f = &stack[depth - 1];
                }
                uint32_t parent = me != NO_IDX ? me : f->parent;
                stack[depth++] = (struct frame){child, parent, NO_IDX};
                descend = true;
            }
        }
        if (descend)
            continue;
        /* advance to the next sibling, popping finished levels */
        while (depth > 0) {
            struct frame *t = &stack[depth - 1];
            Dwarf_Die sib;
            if (dwarf_siblingof(&t->die, &sib) == 0) {
                t->die = sib;
                break;
            }
            depth--;
        }
    }
    free(stack);
    if (!ok)
        return false;
    if (cu->ntop > 1)
        qsort(cu->top, cu->ntop, sizeof *cu->top, range_cmp);
    cu->top_maxhi = prefix_max(cu->top, cu->ntop);
    return cu->top_maxhi != NULL;
}

void sym_build_cu_table(sym_binary *b)
{
    size_t cap = 0, capr = 0;
    Dwarf_CU *cu = NULL, *next;
    Dwarf_Half version;
    uint8_t unit_type;
    Dwarf_Die cudie, subdie;
    while (dwarf_get_units(b->dwarf, cu, &next, &version, &unit_type, &cudie, &subdie) == 0) {
        cu = next;
        if (unit_type != DW_UT_compile && unit_type != DW_UT_partial && unit_type != DW_UT_skeleton)
            continue;
        if (dwarf_tag(&cudie) != DW_TAG_compile_unit && dwarf_tag(&cudie) != DW_TAG_skeleton_unit)
            continue;
        if (b->ncus == cap) {
            size_t nc = cap ? cap * 2 : 64;
            sym_cu *ncus = realloc(b->cus, nc * sizeof *ncus);
            if (!ncus)
                goto fail;
            b->cus = ncus;
            cap = nc;
        }
        uint32_t idx = (uint32_t)b->ncus++;
        sym_cu *c = &b->cus[idx];
        memset(c, 0, sizeof *c);
        c->cudie = c->walkdie = cudie;
        c->version = version;
        if (unit_type == DW_UT_skeleton) {
            /* split DWARF: functions and inlined frames live in the .dwo unit libdw found
             * (beside the binary, or under DW_AT_comp_dir); lines stay in the skeleton */
            if (subdie.addr)
                c->walkdie = subdie;
            else if (b->missing_dwo++ == 0) {
                Dwarf_Attribute a;
                const char *dwo = dwarf_formstring(dwarf_attr(&cudie, DW_AT_dwo_name, &a));
                if (!dwo)
                    dwo = dwarf_formstring(dwarf_attr(&cudie, DW_AT_GNU_dwo_name, &a));
                b->first_missing_dwo = dwo;
            }
        }
        Dwarf_Addr base, start, end;
        ptrdiff_t off = 0;
        bool any = false;
        while ((off = dwarf_ranges(&cudie, off, &base, &start, &end)) > 0) {
            if (end <= start || start == 0)
                continue;
            if (!push_range(&b->cu_ranges, &b->ncu_ranges, &capr, start, end, idx))
                goto fail;
            any = true;
        }
        if (!any) {
            /* no CU ranges: index it now and use its functions' ranges */
            if (!index_cu(c)) {
                c->index_failed = true;
                continue;
            }
            for (size_t i = 0; i < c->ntop; i++)
                if (!push_range(&b->cu_ranges, &b->ncu_ranges, &capr, c->top[i].lo, c->top[i].hi, idx))
                    goto fail;
        }
    }
    if (b->ncu_ranges > 1)
        qsort(b->cu_ranges, b->ncu_ranges, sizeof *b->cu_ranges, range_cmp);
    b->cu_maxhi = prefix_max(b->cu_ranges, b->ncu_ranges);
    if (!b->cu_maxhi)
        b->ncu_ranges = 0;
    return;
fail: /* out of memory: no DWARF lookups, the symbol table still answers */
    b->ncu_ranges = 0;
}

static bool node_contains(const sym_cu *cu, uint32_t node, uint64_t addr)
{
    const dnode *n = &cu->nodes[node];
    for (uint32_t r = n->range_start; r < n->range_start + n->range_count; r++)
        if (cu->ranges[r].lo <= addr && addr < cu->ranges[r].hi)
            return true;
    return false;
}

static const char *die_string(Dwarf_Die *die, int at)
{
    Dwarf_Attribute attr;
    if (!dwarf_attr_integrate(die, at, &attr))
        return NULL;
    return dwarf_formstring(&attr);
}

static int64_t die_udata(Dwarf_Die *die, int at, bool integrate)
{
    Dwarf_Attribute attr;
    Dwarf_Word w;
    Dwarf_Attribute *a = integrate ? dwarf_attr_integrate(die, at, &attr) : dwarf_attr(die, at, &attr);
    if (!a || dwarf_formudata(a, &w) != 0)
        return 0;
    return (int64_t)w;
}

static const char *die_raw_name(Dwarf_Die *die)
{
    const char *n = die_string(die, DW_AT_linkage_name);
    if (!n)
        n = die_string(die, DW_AT_MIPS_linkage_name);
    if (!n)
        n = die_string(die, DW_AT_name);
    return n;
}

static const char *cu_file(sym_cu *cu, int64_t idx)
{
    if (!cu->files_loaded) {
        cu->files_loaded = true;
        if (dwarf_getsrcfiles(&cu->cudie, &cu->files, &cu->nfiles) != 0)
            cu->files = NULL;
    }
    if (!cu->files || idx < 0 || (size_t)idx >= cu->nfiles)
        return NULL;
    return dwarf_filesrc(cu->files, (size_t)idx, NULL, NULL);
}

#define MAX_DEPTH 256

/* The directory llvm-symbolizer (LLVM 14) puts before a file name of this CU's line table, or
 * NULL: the CU's comp_dir before every relative path (even a relative comp_dir, as glibc's
 * "./csu" gives "./csu/./csu/init-first.c"). libdw already joined a DWARF 4 file of directory
 * 0 with comp_dir; LLVM joins it once, so that one is left alone. */
static const char *join_dir(const sym_cu *cu, const char *comp_dir, const char *file)
{
    if (!file || file[0] == '/' || !comp_dir || !comp_dir[0])
        return NULL;
    size_t n = strlen(comp_dir);
    if (cu->version < 5 && strncmp(file, comp_dir, n) == 0 && (file[n] == '/' || comp_dir[n - 1] == '/'))
        return NULL;
    return comp_dir;
}

int sym_binary_lookup(sym_binary *b, uint64_t vaddr, sym_frame *frames, int max)
{
    if (max <= 0)
        return 0;
    sym_cu *cu = NULL;
    if (b->dwarf && b->ncu_ranges) {
        uint32_t ci = range_find(b->cu_ranges, b->cu_maxhi, b->ncu_ranges, vaddr);
        if (ci != NO_IDX)
            cu = &b->cus[ci];
    }
    const char *line_file = NULL;
    int64_t line_no = 0;
    uint32_t chain[MAX_DEPTH];
    int nchain = 0;
    const char *comp_dir = NULL;
    if (cu) {
        Dwarf_Attribute cd;
        comp_dir = dwarf_formstring(dwarf_attr(&cu->cudie, DW_AT_comp_dir, &cd));
        if (!cu->indexed && !index_cu(cu))
            cu->index_failed = true;
        Dwarf_Line *ln = dwarf_getsrc_die(&cu->cudie, vaddr);
        if (ln) {
            int l = 0;
            line_file = dwarf_linesrc(ln, NULL, NULL);
            if (dwarf_lineno(ln, &l) == 0)
                line_no = l;
        }
        if (!cu->index_failed && cu->ntop) {
            uint32_t node = range_find(cu->top, cu->top_maxhi, cu->ntop, vaddr);
            while (node != NO_IDX && nchain < MAX_DEPTH) {
                chain[nchain++] = node;
                uint32_t next = NO_IDX;
                for (uint32_t c = cu->nodes[node].first_child; c != NO_IDX; c = cu->nodes[c].next_sibling)
                    if (node_contains(cu, c, vaddr)) {
                        next = c;
                        break;
                    }
                node = next;
            }
        }
    }
    /* As llvm-symbolizer: the outermost frame is named by the binary's symbol table, DWARF
     * naming it only where no symbol covers the address (then the debug file's .symtab). */
    const char *sym_file;
    const char *sym_name = sym_symtab_lookup(b->syms, vaddr, &sym_file);
    if (nchain == 0) {
        if (!sym_name)
            sym_name = sym_symtab_lookup(b->debug_syms, vaddr, &sym_file);
        if (!sym_name && !line_file)
            return 0;
        if (!line_file && cu) /* as llvm-symbolizer: the CU's name, line 0 */
            line_file = dwarf_diename(&cu->cudie);
        else if (!line_file) /* no DWARF: a local symbol's STT_FILE */
            line_file = sym_file;
        frames[0] = (sym_frame){sym_name, line_file, cu ? join_dir(cu, comp_dir, line_file) : NULL, line_no, 0};
        return 1;
    }
    /* chain[0] is the outermost function, chain[nchain-1] the innermost inlined frame */
    int n = 0;
    const char *file = line_file;
    int64_t line = line_no;
    for (int i = nchain - 1; i >= 0 && n < max; i--) {
        Dwarf_Die *die = &cu->nodes[chain[i]].die;
        const char *name = i == 0 && sym_name ? sym_name : die_raw_name(die);
        if (!name && i == 0)
            name = sym_symtab_lookup(b->debug_syms, vaddr, NULL);
        frames[n++] = (sym_frame){name, file, join_dir(cu, comp_dir, file), line, die_udata(die, DW_AT_decl_line, true)};
        /* the caller's position is where this inlined frame was called from */
        file = cu_file(cu, die_udata(die, DW_AT_call_file, false));
        line = die_udata(die, DW_AT_call_line, false);
    }
    return n;
}
