/* ELF symbol tables, read the way llvm-symbolizer reads them for the names of outermost frames:
 * .symtab (or .dynsym when there is none) in table order; function, object, untyped and ifunc
 * symbols of a real section; at one address the largest symbol wins, and among equals the last
 * in the table (globals follow locals, so `random` wins over `__random` and `qsort_r` over
 * `__GI___qsort_r`). A local symbol's file is the STT_FILE symbol before it. */
#include <gelf.h>
#include <stdlib.h>
#include <string.h>

#include "symbolize/internal.h"

typedef struct {
    uint64_t lo, size;
    const char *name;
    uint32_t index; /* in the table; for the order among equals */
    uint32_t file;  /* index into files + 1 for a local symbol with an STT_FILE before it, else 0 */
} tsym;

struct sym_symtab {
    tsym *syms; /* sorted by lo, one per address */
    size_t nsyms;
    const char **files;
    size_t nfiles;
};

static int tsym_cmp(const void *a, const void *b)
{
    const tsym *x = a, *y = b;
    if (x->lo != y->lo)
        return x->lo < y->lo ? -1 : 1;
    if (x->size != y->size)
        return x->size < y->size ? -1 : 1;
    return x->index < y->index ? -1 : x->index > y->index;
}

static Elf_Scn *table_of(Elf *elf, Elf64_Word type, GElf_Shdr *sh)
{
    for (Elf_Scn *scn = elf_nextscn(elf, NULL); scn; scn = elf_nextscn(elf, scn))
        if (gelf_getshdr(scn, sh) && sh->sh_type == type && sh->sh_entsize > 0 && sh->sh_size > 0)
            return scn;
    return NULL;
}

sym_symtab *sym_symtab_load(Elf *elf, bool symtab_only, bool *oom)
{
    *oom = false;
    GElf_Shdr sh;
    Elf_Scn *scn = table_of(elf, SHT_SYMTAB, &sh);
    if (!scn && !symtab_only)
        scn = table_of(elf, SHT_DYNSYM, &sh);
    if (!scn)
        return NULL;
    Elf_Data *d = elf_getdata(scn, NULL);
    if (!d || !d->d_buf)
        return NULL;
    size_t n = d->d_size / sh.sh_entsize; /* what was read, not what the header claims */
    if (n < 2 || n > UINT32_MAX)
        return NULL;
    sym_symtab *t = calloc(1, sizeof *t);
    tsym *syms = t ? malloc(n * sizeof *syms) : NULL;
    if (!syms) {
        free(t);
        *oom = true;
        return NULL;
    }
    t->syms = syms;
    size_t capfiles = 0, nsyms = 0;
    for (size_t i = 1; i < n; i++) { /* entry 0 is the null symbol */
        GElf_Sym s;
        if (!gelf_getsym(d, (int)i, &s))
            break;
        int type = GELF_ST_TYPE(s.st_info);
        const char *name = elf_strptr(elf, sh.sh_link, s.st_name);
        if (type == STT_FILE) {
            if (!name)
                continue;
            if (t->nfiles == capfiles) {
                size_t nc = capfiles ? capfiles * 2 : 16;
                const char **nf = realloc(t->files, nc * sizeof *nf);
                if (!nf) {
                    *oom = true;
                    sym_symtab_free(t);
                    return NULL;
                }
                t->files = nf;
                capfiles = nc;
            }
            t->files[t->nfiles++] = name;
            continue;
        }
        if (type != STT_FUNC && type != STT_GNU_IFUNC && type != STT_OBJECT && type != STT_NOTYPE)
            continue;
        if (s.st_shndx == SHN_UNDEF || (s.st_shndx >= SHN_LORESERVE && s.st_shndx != SHN_XINDEX))
            continue; /* undefined, absolute or common */
        if (!name || !name[0])
            continue;
        bool local = GELF_ST_BIND(s.st_info) == STB_LOCAL;
        syms[nsyms++] = (tsym){s.st_value, s.st_size, name, (uint32_t)i, local ? (uint32_t)t->nfiles : 0};
    }
    if (nsyms == 0) {
        sym_symtab_free(t);
        return NULL;
    }
    qsort(syms, nsyms, sizeof *syms, tsym_cmp);
    /* one per address: the last of the group (largest size, then last in the table) */
    size_t w = 0;
    for (size_t i = 0; i < nsyms; i++) {
        if (i + 1 < nsyms && syms[i + 1].lo == syms[i].lo)
            continue;
        syms[w++] = syms[i];
    }
    t->nsyms = w;
    return t;
}

void sym_symtab_free(sym_symtab *t)
{
    if (!t)
        return;
    free(t->syms);
    free(t->files);
    free(t);
}

const char *sym_symtab_lookup(const sym_symtab *t, uint64_t addr, const char **file)
{
    if (file)
        *file = NULL;
    if (!t)
        return NULL;
    size_t lo = 0, hi = t->nsyms;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (t->syms[mid].lo <= addr)
            lo = mid + 1;
        else
            hi = mid;
    }
    if (lo == 0)
        return NULL;
    const tsym *s = &t->syms[lo - 1];
    /* a symbol without a size reaches up to the next one */
    if (s->size != 0 && addr - s->lo >= s->size)
        return NULL;
    if (file && s->file)
        *file = t->files[s->file - 1];
    return s->name;
}
