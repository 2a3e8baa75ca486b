/* Private to dwp.c and dwptree.c: the temporary directory a split DWARF package is unpacked
 * into, and the ELF files written there. Not for use elsewhere. */
#ifndef PVIEW_SYMBOLIZE_DWP_H
#define PVIEW_SYMBOLIZE_DWP_H

#include <gelf.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Files and directories made under a private temporary directory, removed together. */
typedef struct {
    char *base;  /* the temporary directory */
    char **made; /* files and directories created under it, in creation order */
    bool *is_dir;
    size_t nmade, capmade;
} sym_tmp_tree;

/* Records path (copied) as made under t; false on allocation failure. */
bool sym_tmp_record(sym_tmp_tree *t, const char *path, bool dir);
/* Removes everything recorded, newest first, then t->base; frees t's memory and zeroes it. */
void sym_tmp_remove(sym_tmp_tree *t);

/* a + "/" + b, malloc'ed (caller frees), or NULL. */
char *sym_path_join(const char *a, const char *b);
/* How many directories name climbs above its starting directory ("../../x.dwo": 2). */
int sym_name_ups(const char *name);
/* Creates (and records) the directories the path dir/name goes through (dir exists) and
 * returns that path (malloc'ed, caller frees), or NULL with errno set. */
char *sym_make_parents(sym_tmp_tree *t, const char *dir, const char *name);

typedef struct {
    const char *name;
    const void *buf;
    size_t size;
} sym_out_scn;

/* Writes a relocatable ELF file of like's class, byte order and machine holding the given
 * sections; the file is recorded in t before it is written. false with errno on failure. */
bool sym_write_elf(sym_tmp_tree *t, const char *path, const GElf_Ehdr *like, const sym_out_scn *s, size_t n);

/* Changes to the copy of the skeleton file's DWARF (sym_write_skeleton): bytes replaced in
 * .debug_info or .debug_str_offsets, strings added at the end of .debug_str or
 * .debug_line_str. The DWARF itself is never changed in memory. */
enum { SKEL_INFO, SKEL_STR_OFFSETS, SKEL_NPATCHED };
enum { SKEL_STR, SKEL_LINE_STR, SKEL_NSTRS };
typedef struct {
    int sect; /* SKEL_INFO or SKEL_STR_OFFSETS */
    uint64_t off;
    size_t len;
    unsigned char bytes[8]; /* len <= 8 */
    char *text;             /* or, when not NULL, len bytes of text (malloc'ed) */
} sym_skel_patch_rec;

typedef struct {
    sym_skel_patch_rec *patch;
    size_t npatch, cappatch;
    struct {
        char *buf; /* added strings, NUL-terminated one after another */
        size_t len, cap;
    } add[SKEL_NSTRS];
} sym_skel_edits;

/* The data (decompressed, as libdw reads it) of .debug_<base> or .zdebug_<base> of elf, or
 * NULL. */
Elf_Data *sym_skel_data(Elf *elf, const char *base);
/* Records a replacement of len bytes at off of section sect (bytes are copied); false on
 * allocation failure. */
bool sym_skel_patch(sym_skel_edits *e, int sect, uint64_t off, const void *bytes, size_t len);
/* Adds string s at the end of string section which (SKEL_STR...) of elf and sets *off to
 * its offset there; false on allocation failure or when elf has no such section. */
bool sym_skel_add_string(sym_skel_edits *e, Elf *elf, int which, const char *s, uint64_t *off);
void sym_skel_edits_free(sym_skel_edits *e);

/* The DWARF sections of the skeleton file elf, decompressed and with edits applied (may be
 * NULL), written to path. false on failure (errno), or when an edit lies outside its section
 * (errno EINVAL). */
bool sym_write_skeleton(sym_tmp_tree *t, Elf *elf, const char *path, const sym_skel_edits *edits);

#endif
