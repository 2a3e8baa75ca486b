/* The disasm product: pprof's `disasm RE` (report.go PrintAssembly) over a selection, with
 * the instructions decoded in process by the capstone library from the ELF files the
 * profile's mappings name (x86-64, x86, arm64). No curses, no printing here but
 * pv_disasm_print().
 *
 * As go1.19's `go tool pprof`: nodes at granularity addresses with noinlines; the
 * mappings whose nodes' printable names match the regex are opened; every ELF symbol
 * (.symtab) whose raw name matches and that holds at least one node becomes a routine,
 * sorted by name then address; its instructions are those starting in [start, start+size-1)
 * (pprof's range ends one byte before the symbol's end); the samples of the addresses from
 * one instruction up to the next are that instruction's. Instruction text: capstone's, AT&T
 * syntax unless intel_syntax. Source locations per instruction: the DWARF line table when
 * the file has one (go1.19 uses Go's line table; objdump -l the DWARF one), else the
 * samples' (function, file, line), as pprof fills them in. Addresses are ELF virtual
 * addresses (runtime address minus the mapping's load bias). */
#ifndef PVIEW_SYMBOLIZE_DISASM_H
#define PVIEW_SYMBOLIZE_DISASM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "profile/model.h"
#include "profile/options.h"
#include "profile/selection.h"

typedef struct {
    uint64_t address;
    char *text;           /* capstone's "mnemonic operands" */
    const char *function; /* "" when unknown; valid until pv_disasm_free() */
    const char *file;     /* base name, "" when unknown */
    int64_t line;
    int64_t flat, cum;    /* raw sums */
    int64_t flatdiv, cumdiv; /* -mean divisors (0 without -mean) */
} pv_disasm_inst;

typedef struct {
    char *name;
    uint64_t start, end; /* ELF virtual addresses; end = start + size - 1 as pprof */
    int64_t flat, cum;
    pv_disasm_inst *insts;
    size_t ninsts;
} pv_disasm_routine;

typedef struct pv_disasm {
    pv_disasm_routine *routines;
    size_t nroutines;
    char **notes; /* lines pprof prints on stdout before "Total:" (files it could not open) */
    size_t nnotes;
    int64_t total;
    pv_selection *sel; /* owned */
    char *unit;
    void *priv;
} pv_disasm;

/* Builds the annotated disassembly of the symbols matching regex. NULL with a one-line
 * message in err on bad settings, a bad regex, or no match ("no matches found for regexp:
 * RE", followed by the first file that could not be opened, in parentheses). */
pv_disasm *pv_disasm_build(const pv_model *m, const pv_options *o, const char *regex, char *err, size_t errlen);
void pv_disasm_free(pv_disasm *d);

/* The value shown for an instruction (flat or cum divided by its -mean divisor). */
int64_t pv_disasm_value(int64_t v, int64_t div);

/* Prints the report as `go tool pprof -disasm` does (with capstone's instruction text). */
void pv_disasm_print(FILE *out, const pv_disasm *d);

#endif
