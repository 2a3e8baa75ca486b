/* The disasm product: ELF symbols and bytes (libelf), lines (libdw), instructions
 * (capstone), annotated as pprof's PrintAssembly does. */
#include "symbolize/disasm.h"

#include <capstone/capstone.h>
#include <elfutils/libdw.h>
#include <errno.h>
#include <fcntl.h>
#include <gelf.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "profile/codenodes.h"
#include "profile/filter.h"
#include "profile/measure.h"
#include "profile/util.h"

/* ---------- one ELF file ---------- */

typedef struct {
    char *name;
    uint64_t addr, size;
} dsym;

typedef struct {
    uint64_t addr;
    const char *file; /* NULL: end of a sequence */
    int64_t line;
} dline;

typedef struct {
    int fd;
    Elf *elf;
    Dwarf *dwarf;
    dline *lines; /* every row of every CU's line table, by address; built on first use */
    size_t nlines;
    bool lines_read;
    GElf_Half type, machine;
    int elfclass;
    dsym *syms; /* .symtab, by address */
    size_t nsyms;
} objfile;

static void obj_close(objfile *o)
{
    if (!o)
        return;
    for (size_t i = 0; i < o->nsyms; i++)
        free(o->syms[i].name);
    free(o->syms);
    free(o->lines);
    if (o->dwarf)
        dwarf_end(o->dwarf);
    if (o->elf)
        elf_end(o->elf);
    if (o->fd >= 0)
        close(o->fd);
    free(o);
}

static int cmp_sym(const void *a, const void *b)
{
    const dsym *x = a, *y = b;
    return x->addr < y->addr ? -1 : x->addr > y->addr;
}

/* Opens path; NULL with Go's wording of the problem in *why (malloc'd; why may be NULL). */
static objfile *obj_open(const char *path, char **why)
{
    objfile *o = calloc(1, sizeof *o);
    if (!o)
        return NULL;
    o->fd = open(path, O_RDONLY | O_CLOEXEC);
    if (o->fd < 0) {
        char msg[128];
        snprintf(msg, sizeof msg, "%s", strerror(errno));
        msg[0] = (char)(msg[0] >= 'A' && msg[0] <= 'Z' ? msg[0] - 'A' + 'a' : msg[0]);
        if (why)
            *why = pv_asprintf("open %s: %s", path, msg);
        free(o);
        return NULL;
    }
    elf_version(EV_CURRENT);
    o->elf = elf_begin(o->fd, ELF_C_READ_MMAP, NULL);
    GElf_Ehdr eh;
    if (!o->elf || elf_kind(o->elf) != ELF_K_ELF || !gelf_getehdr(o->elf, &eh)) {
        if (why)
            *why = pv_asprintf("open %s: unrecognized object file", path);
        obj_close(o);
        return NULL;
    }
    o->type = eh.e_type;
    o->machine = eh.e_machine;
    o->elfclass = gelf_getclass(o->elf);
    Elf_Scn *scn = NULL;
    size_t cap = 0;
    while ((scn = elf_nextscn(o->elf, scn)) != NULL) {
        GElf_Shdr sh;
        if (!gelf_getshdr(scn, &sh) || sh.sh_type != SHT_SYMTAB || sh.sh_entsize == 0)
            continue;
        Elf_Data *data = elf_getdata(scn, NULL);
        if (!data)
            continue;
        size_t n = sh.sh_size / sh.sh_entsize;
        for (size_t i = 1; i < n; i++) { /* entry 0 is the null symbol, which Go skips too */
            GElf_Sym s;
            if (!gelf_getsym(data, (int)i, &s))
                continue;
            const char *nm = elf_strptr(o->elf, sh.sh_link, s.st_name);
            if (o->nsyms == cap && pv_grow((void **)&o->syms, &cap, o->nsyms + 1, sizeof *o->syms) != 0)
                goto oom;
            o->syms[o->nsyms].name = strdup(nm ? nm : "");
            if (!o->syms[o->nsyms].name)
                goto oom;
            o->syms[o->nsyms].addr = s.st_value;
            o->syms[o->nsyms].size = s.st_size;
            o->nsyms++;
        }
    }
    /* Go's sort is not stable either; ties keep no promised order */
    if (o->nsyms)
        qsort(o->syms, o->nsyms, sizeof *o->syms, cmp_sym);
    o->dwarf = dwarf_begin_elf(o->elf, DWARF_C_READ, NULL);
    return o;
oom:
    obj_close(o);
    return NULL;
}

/* The GNU build id as lowercase hex (malloc'd), or NULL. */
static char *obj_build_id(const objfile *o)
{
    Elf_Scn *scn = NULL;
    while ((scn = elf_nextscn(o->elf, scn)) != NULL) {
        GElf_Shdr sh;
        if (!gelf_getshdr(scn, &sh) || sh.sh_type != SHT_NOTE)
            continue;
        Elf_Data *d = elf_getdata(scn, NULL);
        size_t off = 0, noff, doff;
        GElf_Nhdr nh;
        while (d && (off = gelf_getnote(d, off, &nh, &noff, &doff)) > 0) {
            if (nh.n_type != NT_GNU_BUILD_ID || nh.n_namesz != 4 || memcmp((char *)d->d_buf + noff, "GNU", 4))
                continue;
            char *hex = malloc(nh.n_descsz * 2 + 1);
            if (!hex)
                return NULL;
            for (size_t i = 0; i < nh.n_descsz; i++)
                snprintf(hex + 2 * i, 3, "%02x", ((unsigned char *)d->d_buf)[doff + i]);
            return hex;
        }
    }
    return NULL;
}

/* pprof's locateBinaries for one mapping: the recorded file, else in each directory of
 * $PPROF_BINARY_PATH <dir>/<build id>/<base>, <dir>/<base>, <dir>/<path>, the first whose GNU
 * build id (when both are known) agrees. NULL with the recorded file's error in *why. */
static objfile *obj_find(const char *path, const char *build_id, char **why)
{
    objfile *o = obj_open(path, why);
    if (o)
        return o;
    const char *sp = getenv("PPROF_BINARY_PATH");
    if (!sp || !*sp)
        return NULL;
    const char *base = strrchr(path, '/');
    base = base ? base + 1 : path;
    for (const char *dir = sp; *dir;) {
        size_t dl = strcspn(dir, ":");
        char *cands[3] = {*build_id ? pv_asprintf("%.*s/%s/%s", (int)dl, dir, build_id, base) : NULL,
                          pv_asprintf("%.*s/%s", (int)dl, dir, base), pv_asprintf("%.*s/%s", (int)dl, dir, path)};
        for (size_t i = 0; i < 3 && !o; i++) {
            if (!cands[i] || !(o = obj_open(cands[i], NULL)))
                continue;
            char *id = obj_build_id(o);
            if (id && *build_id && strcmp(id, build_id)) {
                obj_close(o);
                o = NULL;
            }
            free(id);
        }
        for (size_t i = 0; i < 3; i++)
            free(cands[i]);
        if (o)
            return o;
        dir += dl;
        if (*dir == ':')
            dir++;
    }
    return NULL;
}

/* runtime address - bias = ELF virtual address, for a mapping [start, limit) at offset */
static uint64_t obj_bias(const objfile *o, uint64_t start, uint64_t offset)
{
    if (o->type != ET_DYN || start == 0)
        return 0;
    size_t n = 0;
    if (elf_getphdrnum(o->elf, &n) != 0)
        return 0;
    for (size_t i = 0; i < n; i++) {
        GElf_Phdr ph;
        if (!gelf_getphdr(o->elf, (int)i, &ph) || ph.p_type != PT_LOAD || !(ph.p_flags & PF_X))
            continue;
        uint64_t pagemask = ph.p_align > 1 ? ph.p_align - 1 : 0;
        if ((ph.p_offset & ~pagemask) <= offset && offset < ph.p_offset + ph.p_filesz)
            return start - offset + ph.p_offset - ph.p_vaddr;
    }
    return 0;
}

/* The bytes of [vaddr, ...) in an executable section; NULL if none holds vaddr. */
static const uint8_t *obj_code(const objfile *o, uint64_t vaddr, uint64_t *avail)
{
    Elf_Scn *scn = NULL;
    while ((scn = elf_nextscn(o->elf, scn)) != NULL) {
        GElf_Shdr sh;
        if (!gelf_getshdr(scn, &sh) || sh.sh_type != SHT_PROGBITS || !(sh.sh_flags & SHF_EXECINSTR))
            continue;
        if (vaddr < sh.sh_addr || vaddr >= sh.sh_addr + sh.sh_size)
            continue;
        Elf_Data *d = elf_getdata(scn, NULL);
        if (!d || !d->d_buf || d->d_size < sh.sh_size)
            return NULL;
        *avail = sh.sh_addr + sh.sh_size - vaddr;
        return (const uint8_t *)d->d_buf + (vaddr - sh.sh_addr);
    }
    return NULL;
}

static int cmp_dline(const void *a, const void *b)
{
    const dline *x = a, *y = b;
    if (x->addr != y->addr)
        return x->addr < y->addr ? -1 : 1;
    /* at one address a sequence's end sorts before the next sequence's first row */
    return (x->file != NULL) - (y->file != NULL);
}

/* Reads every CU's line table (Go binaries have no .debug_aranges to find a CU by address). */
static void read_lines(objfile *o)
{
    o->lines_read = true;
    if (!o->dwarf)
        return;
    size_t cap = 0;
    Dwarf_Off off = 0, next;
    size_t hsize;
    while (dwarf_nextcu(o->dwarf, off, &next, &hsize, NULL, NULL, NULL) == 0) {
        Dwarf_Die cu;
        Dwarf_Lines *lines;
        size_t n;
        if (dwarf_offdie(o->dwarf, off + hsize, &cu) && dwarf_getsrclines(&cu, &lines, &n) == 0) {
            for (size_t i = 0; i < n; i++) {
                Dwarf_Line *l = dwarf_onesrcline(lines, i);
                Dwarf_Addr a;
                bool end = false;
                int ln = 0;
                if (!l || dwarf_lineaddr(l, &a) != 0)
                    continue;
                dwarf_lineendsequence(l, &end);
                const char *f = end ? NULL : dwarf_linesrc(l, NULL, NULL);
                if (!end && (!f || dwarf_lineno(l, &ln) != 0))
                    continue;
                if (o->nlines == cap && pv_grow((void **)&o->lines, &cap, o->nlines + 1, sizeof *o->lines) != 0)
                    return;
                o->lines[o->nlines++] = (dline){a, f, ln};
            }
        }
        off = next;
    }
    if (o->nlines)
        qsort(o->lines, o->nlines, sizeof *o->lines, cmp_dline);
}

/* The DWARF line of vaddr: file (borrowed from libdw) and line; false when unknown. */
static bool obj_line(objfile *o, uint64_t vaddr, const char **file, int64_t *line)
{
    if (!o->lines_read)
        read_lines(o);
    size_t lo = 0, hi = o->nlines;
    while (lo < hi) { /* first row above vaddr */
        size_t mid = lo + (hi - lo) / 2;
        if (o->lines[mid].addr <= vaddr)
            lo = mid + 1;
        else
            hi = mid;
    }
    if (lo == 0 || !o->lines[lo - 1].file)
        return false;
    *file = o->lines[lo - 1].file;
    *line = o->lines[lo - 1].line;
    return true;
}

/* ---------- the report ---------- */

typedef struct {
    pv_code_nodes *nodes;
    char **strings; /* owned names for instruction locations */
    size_t nstrings;
} dpriv;

int64_t pv_disasm_value(int64_t v, int64_t div)
{
    return div != 0 ? pv_div64(v, div) : v;
}

void pv_disasm_free(pv_disasm *d)
{
    if (!d)
        return;
    for (size_t i = 0; i < d->nroutines; i++) {
        pv_disasm_routine *r = &d->routines[i];
        for (size_t k = 0; k < r->ninsts; k++)
            free(r->insts[k].text);
        free(r->insts);
        free(r->name);
    }
    free(d->routines);
    pv_strv_free(d->notes, d->nnotes);
    dpriv *p = d->priv;
    if (p) {
        pv_code_nodes_free(p->nodes);
        pv_strv_free(p->strings, p->nstrings);
        free(p);
    }
    pv_selection_free(d->sel);
    free(d->unit);
    free(d);
}

/* pprof's PrintableName of a node at granularity addresses. */
static char *printable_name(const pv_model *m, const pv_code_nodes *c, const pv_code_node *n)
{
    char addr[32] = "";
    if (n->address)
        snprintf(addr, sizeof addr, "%016" PRIx64, n->address);
    const char *name = pv_str(m, n->name);
    const char *file = c->files[n->file];
    char *tail;
    if (n->lineno)
        tail = pv_asprintf("%s:%" PRId64, file, n->lineno);
    else if (*file)
        tail = strdup(file);
    else if (*name)
        tail = strdup("");
    else if (n->objfile) {
        const char *of = pv_str(m, n->objfile);
        const char *b = strrchr(of, '/');
        tail = pv_asprintf("[%s]", b && b[1] ? b + 1 : of);
    } else
        tail = strdup("<unknown>");
    if (!tail)
        return NULL;
    char *out = pv_asprintf("%s%s%s%s%s", addr, *addr && (*name || *tail) ? " " : "", name,
                            *name && *tail ? " " : "", tail);
    free(tail);
    return out;
}

static const char *base_name(const char *p)
{
    const char *b = strrchr(p, '/');
    return b && b[1] ? b + 1 : p;
}

typedef struct {
    uint64_t vaddr;
    uint32_t node;
} vnode;

static int cmp_vnode(const void *a, const void *b)
{
    const vnode *x = a, *y = b;
    return x->vaddr < y->vaddr ? -1 : x->vaddr > y->vaddr;
}

static int cmp_routine(const void *a, const void *b)
{
    const pv_disasm_routine *x = a, *y = b;
    int c = strcmp(x->name, y->name);
    if (c)
        return c;
    return x->start < y->start ? -1 : x->start > y->start;
}

/* Decodes [r->start, r->end) and spreads the routine's nodes (vn, by address) over it. */
static int annotate(pv_disasm *d, objfile *o, csh cs, pv_disasm_routine *r, const vnode *vn, size_t nvn)
{
    dpriv *p = d->priv;
    const pv_model *m = d->sel->m;
    uint64_t avail = 0;
    const uint8_t *code = r->end > r->start ? obj_code(o, r->start, &avail) : NULL;
    size_t cap = 0;
    uint64_t pc = r->start;
    const char *last_file = NULL;
    cs_insn *insn = code ? cs_malloc(cs) : NULL;
    while (code && insn && pc < r->end) {
        const uint8_t *bp = code + (pc - r->start);
        /* pprof decodes from bytes cut at the routine's end: a last instruction that crosses
         * it does not decode */
        uint64_t lim = r->end - pc < avail - (pc - r->start) ? r->end - pc : avail - (pc - r->start);
        size_t left = (size_t)lim;
        uint64_t at = pc;
        char *text;
        uint64_t size;
        if (left > 0 && cs_disasm_iter(cs, &bp, &left, &at, insn)) {
            size = insn->size;
            text = insn->op_str[0] ? pv_asprintf("%s %s", insn->mnemonic, insn->op_str) : strdup(insn->mnemonic);
        } else {
            size = o->machine == EM_AARCH64 ? 4 : 1;
            text = strdup("(bad)");
        }
        if (!text || (r->ninsts == cap && pv_grow((void **)&r->insts, &cap, r->ninsts + 1, sizeof *r->insts) != 0)) {
            free(text);
            cs_free(insn, 1);
            return -1;
        }
        pv_disasm_inst *in = &r->insts[r->ninsts++];
        memset(in, 0, sizeof *in);
        in->address = pc;
        in->text = text;
        in->function = "";
        in->file = "";
        const char *f;
        int64_t line;
        if (obj_line(o, pc, &f, &line)) {
            /* libdw's strings die with the file: keep a copy, shared by consecutive rows */
            f = base_name(f);
            if (!last_file || strcmp(last_file, f)) {
                size_t before = p->nstrings;
                pv_strv_add(&p->strings, &p->nstrings, strdup(f));
                if (p->nstrings == before) {
                    cs_free(insn, 1);
                    return -1;
                }
                last_file = p->strings[before];
            }
            in->file = last_file;
            in->line = line;
        }
        pc += size;
        if (left == 0 && size == 0)
            break;
    }
    if (insn)
        cs_free(insn, 1);
    /* pprof's annotateAssembly: samples up to the next instruction's address */
    size_t s = 0;
    for (size_t i = 0; i < r->ninsts; i++) {
        pv_disasm_inst *in = &r->insts[i];
        uint64_t next = i + 1 < r->ninsts ? r->insts[i + 1].address : UINT64_MAX;
        for (; s < nvn && vn[s].vaddr < next; s++) {
            const pv_code_node *n = &p->nodes->nodes[vn[s].node];
            in->flat = pv_wadd(in->flat, n->flat);
            in->cum = pv_wadd(in->cum, n->cum);
            in->flatdiv = pv_wadd(in->flatdiv, n->flatdiv);
            in->cumdiv = pv_wadd(in->cumdiv, n->cumdiv);
            const char *nf = p->nodes->files[n->file];
            if (*nf && !*in->file)
                in->file = base_name(nf);
            if (n->lineno && !in->line)
                in->line = n->lineno;
            if (n->name && !*in->function)
                in->function = pv_str(m, n->name);
        }
    }
    return 0;
}

static bool open_cs(const objfile *o, bool intel, csh *cs)
{
    cs_arch arch;
    cs_mode mode;
    switch (o->machine) {
    case EM_X86_64: arch = CS_ARCH_X86; mode = CS_MODE_64; break;
    case EM_386: arch = CS_ARCH_X86; mode = CS_MODE_32; break;
    case EM_AARCH64: arch = CS_ARCH_ARM64; mode = CS_MODE_ARM; break;
    default: return false;
    }
    if (cs_open(arch, mode, cs) != CS_ERR_OK)
        return false;
    if (arch == CS_ARCH_X86)
        cs_option(*cs, CS_OPT_SYNTAX, intel ? CS_OPT_SYNTAX_INTEL : CS_OPT_SYNTAX_ATT);
    return true;
}

/* The routines of one mapping: its symbols matching rx that hold nodes. */
static int mapping_routines(pv_disasm *d, uint32_t mi, const pv_regex *rx, bool intel, size_t *cap)
{
    dpriv *p = d->priv;
    const pv_model *m = d->sel->m;
    const pv_mapping *mp = &m->mappings[mi];
    const char *path = pv_str(m, mp->file);
    char *why = NULL;
    objfile *o = obj_find(path, pv_str(m, mp->build_id), &why);
    if (!o) {
        pv_strv_add(&d->notes, &d->nnotes, why ? why : strdup("out of memory"));
        return 0;
    }
    free(why); /* the recorded file's error when a search-path copy was used */
    uint64_t bias = obj_bias(o, mp->start, mp->offset);
    /* this mapping's nodes by ELF address */
    vnode *vn = malloc((p->nodes->nnodes ? p->nodes->nnodes : 1) * sizeof *vn);
    if (!vn) {
        obj_close(o);
        return -1;
    }
    size_t nvn = 0;
    for (size_t i = 0; i < p->nodes->nnodes; i++) {
        const pv_code_node *n = &p->nodes->nodes[i];
        if (n->objfile == mp->file && pv_code_node_kept(p->nodes, i, d->sel->o.drop_negative))
            vn[nvn++] = (vnode){n->address - bias, (uint32_t)i};
    }
    qsort(vn, nvn, sizeof *vn, cmp_vnode);
    csh cs = 0;
    bool have_cs = false;
    int rc = 0;
    for (size_t i = 0; i < o->nsyms && rc == 0; i++) {
        const dsym *sy = &o->syms[i];
        if ((sy->addr == 0 && sy->size == 0) || !pv_regex_match(rx, sy->name))
            continue;
        uint64_t start = sy->addr, end = sy->addr + sy->size - 1;
        /* nodes in [start, end) */
        size_t lo = 0, hi = nvn;
        while (lo < hi) {
            size_t mid = lo + (hi - lo) / 2;
            if (vn[mid].vaddr < start)
                lo = mid + 1;
            else
                hi = mid;
        }
        size_t e = lo;
        while (e < nvn && vn[e].vaddr < end)
            e++;
        if (e == lo)
            continue;
        if (!have_cs && !(have_cs = open_cs(o, intel, &cs))) {
            pv_strv_add(&d->notes, &d->nnotes, pv_asprintf("%s: cannot disassemble this architecture", path));
            break;
        }
        if (d->nroutines == *cap && pv_grow((void **)&d->routines, cap, d->nroutines + 1, sizeof *d->routines) != 0) {
            rc = -1;
            break;
        }
        pv_disasm_routine *r = &d->routines[d->nroutines++];
        memset(r, 0, sizeof *r);
        r->name = strdup(sy->name);
        r->start = start;
        r->end = end;
        for (size_t k = lo; k < e; k++) {
            r->flat = pv_wadd(r->flat, p->nodes->nodes[vn[k].node].flat);
            r->cum = pv_wadd(r->cum, p->nodes->nodes[vn[k].node].cum);
        }
        if (!r->name || annotate(d, o, cs, r, vn + lo, e - lo) != 0)
            rc = -1;
    }
    if (have_cs)
        cs_close(&cs);
    free(vn);
    obj_close(o);
    return rc;
}

pv_disasm *pv_disasm_build(const pv_model *m, const pv_options *opts, const char *regex, char *err, size_t errlen)
{
    pv_disasm *d = calloc(1, sizeof *d);
    dpriv *p = calloc(1, sizeof *p);
    pv_regex rx = {.ok = 0};
    uint8_t *want = NULL;
    pv_options o;
    bool have_o = false;
    if (!d || !p) {
        free(d);
        free(p);
        snprintf(err, errlen, "out of memory");
        return NULL;
    }
    d->priv = p;
    if (pv_options_copy(&o, opts) != 0)
        goto oom;
    have_o = true;
    /* pprof's command overrides for disasm */
    o.granularity = PV_GRAN_ADDRESSES;
    o.noinlines = true;
    o.nodecount = 0;
    o.nodefraction = 0;
    o.edgefraction = 0;
    char rerr[256];
    if (pv_regex_compile(&rx, regex ? regex : "", rerr, sizeof rerr) != 0) {
        snprintf(err, errlen, "parsing argument regexp %s: %s", regex ? regex : "", rerr);
        goto fail;
    }
    d->sel = pv_selection_build(m, &o, err, errlen);
    if (!d->sel)
        goto fail;
    m = d->sel->m; /* with tagroot/tagleaf, the selection's own model */
    d->total = d->sel->total;
    d->unit = strdup(o.unit ? o.unit : "minimum");
    p->nodes = pv_code_nodes_build(d->sel, NULL, true);
    want = calloc(pv_nstrings(m) + 1, 1);
    if (!d->unit || !p->nodes || !want)
        goto oom;
    /* mappings with a node whose printable name matches */
    for (size_t i = 0; i < p->nodes->nnodes; i++) {
        const pv_code_node *n = &p->nodes->nodes[i];
        if (!n->objfile || want[n->objfile] || !*pv_str(m, n->objfile) || !pv_code_node_kept(p->nodes, i, o.drop_negative))
            continue;
        char *pn = printable_name(m, p->nodes, n);
        if (!pn)
            goto oom;
        if (pv_regex_match(&rx, pn))
            want[n->objfile] = 1;
        free(pn);
    }
    size_t cap = 0;
    for (uint32_t mi = 0; mi < m->nmappings; mi++)
        if (want[m->mappings[mi].file] && mapping_routines(d, mi, &rx, o.intel_syntax, &cap) != 0)
            goto oom;
    if (d->nroutines == 0) {
        /* pprof prints the files it could not open on stdout, then this */
        snprintf(err, errlen, "no matches found for regexp: %s%s%s%s", regex ? regex : "", d->nnotes ? " (" : "",
                 d->nnotes ? d->notes[0] : "", d->nnotes ? ")" : "");
        goto fail;
    }
    qsort(d->routines, d->nroutines, sizeof *d->routines, cmp_routine);
    free(want);
    pv_regex_free(&rx);
    pv_options_free(&o);
    return d;
oom:
    snprintf(err, errlen, "out of memory");
fail:
    free(want);
    pv_regex_free(&rx);
    if (have_o)
        pv_options_free(&o);
    pv_disasm_free(d);
    return NULL;
}

static void fmt_value(const pv_disasm *d, int64_t v, bool dot, char *out, size_t len)
{
    if (dot && v == 0)
        snprintf(out, len, ".");
    else
        pv_selection_format(d->sel, d->unit, v, out, len);
}

void pv_disasm_print(FILE *out, const pv_disasm *d)
{
    char a[64], b[64], pct[32];
    /* pprof prints these straight to stdout while the report is still being buffered */
    for (size_t i = 0; i < d->nnotes; i++)
        fprintf(out, "%s\n", d->notes[i]);
    fmt_value(d, d->total, false, a, sizeof a);
    fprintf(out, "Total: %s\n", a);
    for (size_t i = 0; i < d->nroutines; i++) {
        const pv_disasm_routine *r = &d->routines[i];
        fprintf(out, "ROUTINE ======================== %s\n", r->name);
        fmt_value(d, r->flat, false, a, sizeof a);
        fmt_value(d, r->cum, false, b, sizeof b);
        pv_percentage(pct, sizeof pct, r->cum, d->total);
        fprintf(out, "%10s %10s (flat, cum) %s of Total\n", a, b, pct);
        const char *function = "", *file = "";
        int64_t line = 0;
        for (size_t k = 0; k < r->ninsts; k++) {
            const pv_disasm_inst *in = &r->insts[k];
            char *loc = NULL;
            if (strcmp(in->function, function) || strcmp(in->file, file) || in->line != line) {
                function = in->function;
                file = in->file;
                line = in->line;
                char ln[32] = "";
                if (*in->file && in->line)
                    snprintf(ln, sizeof ln, ":%" PRId64, in->line);
                loc = pv_asprintf("%s%s%s%s", in->function, *in->function ? " " : "", in->file, *in->file ? ln : "");
            }
            fmt_value(d, pv_disasm_value(in->flat, in->flatdiv), true, a, sizeof a);
            fmt_value(d, pv_disasm_value(in->cum, in->cumdiv), true, b, sizeof b);
            if (!loc || !*loc)
                fprintf(out, "%10s %10s %10" PRIx64 ": %s\n", a, b, in->address, in->text);
            else if (strlen(in->text) < 40)
                fprintf(out, "%10s %10s %10" PRIx64 ": %-40s;%s\n", a, b, in->address, in->text, loc);
            else
                fprintf(out, "%74s;%s\n%10s %10s %10" PRIx64 ": %s\n", "", loc, a, b, in->address, in->text);
            free(loc);
        }
    }
}
