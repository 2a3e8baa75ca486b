/* The insides of sym_binary, shared by elf.c and debugfile.c only. */
#ifndef PVIEW_SYMBOLIZE_BINARY_H
#define PVIEW_SYMBOLIZE_BINARY_H

#include <elfutils/libdw.h>
#include <gelf.h>

#include "symbolize/internal.h"

#ifndef ELFCOMPRESS_ZSTD
#define ELFCOMPRESS_ZSTD 2
#endif

#define NO_IDX UINT32_MAX

typedef struct {
    uint64_t lo, hi;
    uint32_t idx; /* CU index, or node index */
} addr_range;

typedef struct {
    Dwarf_Die die;
    uint32_t first_child, last_child, next_sibling;
    uint32_t range_start, range_count; /* into sym_cu.ranges */
} dnode;

typedef struct {
    Dwarf_Die cudie;   /* lines, files, comp_dir: the unit, or the skeleton of a split unit */
    Dwarf_Die walkdie; /* functions and inlined frames: the unit, or its split (.dwo) unit */
    uint16_t version; /* of the unit, for llvm-symbolizer's way of joining paths */
    bool indexed, index_failed;
    dnode *nodes;
    size_t nnodes, capnodes;
    addr_range *ranges; /* per node ranges (idx = node) */
    size_t nranges, capranges;
    addr_range *top; /* ranges of outermost functions, sorted by lo */
    uint64_t *top_maxhi; /* prefix maximum of hi over top */
    size_t ntop;
    Dwarf_Files *files;
    size_t nfiles;
    bool files_loaded;
} sym_cu;

typedef struct {
    int fd;
    Elf *elf;
    char *path;
} elf_file;

struct sym_binary {
    elf_file main;
    GElf_Ehdr ehdr;
    char gnu_id[2 * 64 + 1];
    char *go_id, *go_id_hex;

    bool prepared;
    elf_file debug;  /* separate debug file, fd -1 when none */
    elf_file alt;    /* dwz alt file, fd -1 when none */
    Dwarf *dwarf, *altdwarf;
    elf_file dwp_skel; /* with a .dwp: the (deleted) copy of the skeleton units dwarf reads */

    sym_cu *cus;
    size_t ncus;
    addr_range *cu_ranges; /* sorted by lo */
    uint64_t *cu_maxhi;
    size_t ncu_ranges;

    size_t missing_dwo;            /* skeleton units whose .dwo libdw did not find */
    const char *first_missing_dwo; /* its DW_AT_dwo_name, for the warning */

    sym_symtab *syms;       /* the binary's own table: names of outermost frames */
    sym_symtab *debug_syms; /* the debug file's .symtab, for addresses nothing else names */
};


/* elf.c */
void sym_elf_file_close(elf_file *f);
/* Opens an ELF file. 0 on success; -1 missing (why unset); -2 unusable (why set). */
int sym_elf_file_open(elf_file *f, const char *path, char *why, size_t whylen);
Elf_Scn *sym_find_section(Elf *elf, const char *name, GElf_Shdr *out);
void sym_hex_encode(char *dst, const unsigned char *src, size_t n); /* dst holds 2n+1 */

/* Frees the unit table (and the count of missing .dwo files); sym_build_cu_table() fills it
 * from b->dwarf, linking skeleton units to their split units through libdw. */
void sym_free_cus(sym_binary *b);
void sym_build_cu_table(sym_binary *b);

/* dwp.c: when skeleton units of b->dwarf (opened on dwelf) miss their .dwo, looks for a split
 * DWARF package <binary>.dwp (or <debug file>.dwp); if it holds them, replaces b->dwarf by one
 * whose units are linked to the package's, and rebuilds the unit table. Skeleton units with an
 * absolute DW_AT_dwo_name are linked too; compressed (zlib) package sections are inflated. A
 * malformed package, or one compressed in a way libelf cannot inflate, gives one warning and
 * leaves b as it was. No file stays behind. */
void sym_dwp_load(sym_binary *b, Elf *dwelf, pv_warn_fn warn, void *ctx);

/* debugfile.c */
bool sym_has_dwarf(Elf *elf);
/* Finds b's separate debug file (b->debug): by build id in dirs and /usr/lib/debug, through
 * .gnu_debuglink, then from debuginfod when $DEBUGINFOD_URLS is set. */
bool sym_find_debug_file(sym_binary *b, const char *const *dirs, pv_warn_fn warn, void *ctx,
                         const pv_symbolize_hooks *hooks);
/* dwz: opens the .gnu_debugaltlink file of elf and sets it as b->dwarf's alt; warns if missing. */
void sym_find_alt(sym_binary *b, Elf *elf, const char *elfpath, const char *const *dirs,
                  pv_warn_fn warn, void *ctx);
/* Refuses DWARF this libelf cannot or should not decompress (zstd, decompression bombs,
 * unterminated string sections), with a warning. */
bool sym_dwarf_sections_usable(Elf *elf, const char *path, pv_warn_fn warn, void *ctx);

#endif
