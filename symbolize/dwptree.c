/* The temporary tree a split DWARF package is unpacked into (dwp.c): the files made there,
 * relocatable ELF files holding given sections, and the copy of the skeleton file's DWARF
 * libdw reads (with DW_AT_dwo_name pointed at the unpacked units where it was absolute). */
#include <errno.h>
#include <fcntl.h>
#include <gelf.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "symbolize/dwp.h"

bool sym_tmp_record(sym_tmp_tree *t, const char *path, bool dir)
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

void sym_tmp_remove(sym_tmp_tree *t)
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

bool sym_write_elf(sym_tmp_tree *t, const char *path, const GElf_Ehdr *like, const sym_out_scn *s, size_t n)
{
    size_t strsz = 1 + strlen(".shstrtab") + 1;
    for (size_t i = 0; i < n; i++)
        strsz += strlen(s[i].name) + 1;
    char *names = malloc(strsz);
    if (!names || !sym_tmp_record(t, path, false)) {
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


char *sym_path_join(const char *a, const char *b)
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
int sym_name_ups(const char *name)
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
char *sym_make_parents(sym_tmp_tree *t, const char *dir, const char *name)
{
    char *path = sym_path_join(dir, name);
    if (!path)
        return NULL;
    size_t start = strlen(dir) + 1;
    for (char *p = path + start; (p = strchr(p, '/')) != NULL; p++) {
        *p = 0;
        const char *last = strrchr(path, '/') + 1;
        bool skip = !*last || strcmp(last, ".") == 0 || strcmp(last, "..") == 0;
        if (!skip) {
            if (mkdir(path, 0700) == 0) {
                if (!sym_tmp_record(t, path, true)) {
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

Elf_Data *sym_skel_data(Elf *elf, const char *base)
{
    size_t shstrndx;
    if (elf_getshdrstrndx(elf, &shstrndx) != 0)
        return NULL;
    for (Elf_Scn *scn = elf_nextscn(elf, NULL); scn; scn = elf_nextscn(elf, scn)) {
        GElf_Shdr sh;
        const char *nm = gelf_getshdr(scn, &sh) ? elf_strptr(elf, shstrndx, sh.sh_name) : NULL;
        if (!nm || sh.sh_type == SHT_NOBITS)
            continue;
        bool gnu = strncmp(nm, ".zdebug_", 8) == 0;
        if ((!gnu && strncmp(nm, ".debug_", 7) != 0) || strcmp(nm + (gnu ? 8 : 7), base) != 0)
            continue;
        /* as libdw does when it opens the file: decompress in place (already done by it) */
        if (gnu)
            elf_compress_gnu(scn, 0, 0);
        if ((sh.sh_flags & SHF_COMPRESSED) && elf_compress(scn, 0, 0) < 0)
            return NULL;
        Elf_Data *data = elf_getdata(scn, NULL);
        return data && data->d_buf ? data : NULL;
    }
    return NULL;
}

static bool add_patch(sym_skel_edits *e, int sect, uint64_t off, size_t len)
{
    if (e->npatch == e->cappatch) {
        size_t nc = e->cappatch ? 2 * e->cappatch : 8;
        void *np = realloc(e->patch, nc * sizeof *e->patch);
        if (!np)
            return false;
        e->patch = np;
        e->cappatch = nc;
    }
    memset(&e->patch[e->npatch], 0, sizeof *e->patch);
    e->patch[e->npatch].sect = sect;
    e->patch[e->npatch].off = off;
    e->patch[e->npatch].len = len;
    return true;
}

bool sym_skel_patch(sym_skel_edits *e, int sect, uint64_t off, const void *bytes, size_t len)
{
    char *text = NULL;
    if (len > sizeof e->patch->bytes && !(text = malloc(len)))
        return false;
    if (!add_patch(e, sect, off, len)) {
        free(text);
        return false;
    }
    if (text)
        e->patch[e->npatch].text = memcpy(text, bytes, len);
    else
        memcpy(e->patch[e->npatch].bytes, bytes, len);
    e->npatch++;
    return true;
}

bool sym_skel_add_string(sym_skel_edits *e, Elf *elf, int which, const char *s, uint64_t *off)
{
    Elf_Data *d = sym_skel_data(elf, which == SKEL_STR ? "str" : "line_str");
    if (!d)
        return false;
    size_t n = strlen(s) + 1;
    if (e->add[which].len + n > e->add[which].cap) {
        size_t nc = e->add[which].cap ? e->add[which].cap : 256;
        while (e->add[which].len + n > nc)
            nc *= 2;
        char *nb = realloc(e->add[which].buf, nc);
        if (!nb)
            return false;
        e->add[which].buf = nb;
        e->add[which].cap = nc;
    }
    *off = d->d_size + e->add[which].len;
    memcpy(e->add[which].buf + e->add[which].len, s, n);
    e->add[which].len += n;
    return true;
}

void sym_skel_edits_free(sym_skel_edits *e)
{
    for (size_t i = 0; i < e->npatch; i++)
        free(e->patch[i].text);
    free(e->patch);
    for (int i = 0; i < SKEL_NSTRS; i++)
        free(e->add[i].buf);
    memset(e, 0, sizeof *e);
}

/* A copy of data with the edits of section sect (patched) or string section str (added to)
 * applied; NULL with errno set. */
static unsigned char *edited_copy(const Elf_Data *data, const sym_skel_edits *e, int sect, int str, size_t *size)
{
    size_t extra = str >= 0 ? e->add[str].len : 0;
    unsigned char *buf = malloc(data->d_size + extra + 1);
    if (!buf)
        return NULL;
    memcpy(buf, data->d_buf, data->d_size);
    if (extra)
        memcpy(buf + data->d_size, e->add[str].buf, extra);
    *size = data->d_size + extra;
    for (size_t i = 0; sect >= 0 && i < e->npatch; i++) {
        const sym_skel_patch_rec *p = &e->patch[i];
        if (p->sect != sect)
            continue;
        if (p->off > data->d_size || p->len > data->d_size - p->off) {
            free(buf);
            errno = EINVAL;
            return NULL;
        }
        memcpy(buf + p->off, p->text ? (const void *)p->text : p->bytes, p->len);
    }
    return buf;
}

bool sym_write_skeleton(sym_tmp_tree *t, Elf *elf, const char *path, const sym_skel_edits *edits)
{
    static const char *const keep[] = {"info", "abbrev", "line", "line_str", "str", "str_offsets",
                                       "addr", "ranges", "rnglists", "types"};
    enum { NKEEP = sizeof keep / sizeof keep[0] };
    sym_out_scn s[NKEEP];
    unsigned char *copies[NKEEP] = {0};
    char names[NKEEP][24];
    size_t n = 0;
    GElf_Ehdr eh;
    bool ok = false;
    if (!gelf_getehdr(elf, &eh))
        return false;
    for (size_t k = 0; k < NKEEP; k++) {
        Elf_Data *data = sym_skel_data(elf, keep[k]);
        if (!data)
            continue;
        snprintf(names[n], sizeof names[n], ".debug_%s", keep[k]);
        s[n] = (sym_out_scn){names[n], data->d_buf, data->d_size};
        int sect = strcmp(keep[k], "info") == 0 ? SKEL_INFO : strcmp(keep[k], "str_offsets") == 0 ? SKEL_STR_OFFSETS : -1;
        int str = strcmp(keep[k], "str") == 0 ? SKEL_STR : strcmp(keep[k], "line_str") == 0 ? SKEL_LINE_STR : -1;
        if (edits && (sect >= 0 || str >= 0)) {
            size_t size;
            if (!(copies[n] = edited_copy(data, edits, sect, str, &size)))
                goto out;
            s[n].buf = copies[n];
            s[n].size = size;
        }
        n++;
    }
    ok = sym_write_elf(t, path, &eh, s, n);
out:
    for (size_t i = 0; i < NKEEP; i++)
        free(copies[i]);
    return ok;
}
