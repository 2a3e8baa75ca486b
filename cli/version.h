/* pview's version and the versions of the libraries it links, for --version and bug reports. */
#ifndef PVIEW_CLI_VERSION_H
#define PVIEW_CLI_VERSION_H

#include <stdio.h>

/* The version from CMake's project(VERSION), e.g. "0.1.0". Static storage, never NULL. */
const char *pv_version(void);

/* `git describe --always --dirty` of the checkout the binary was built from, or "" when it was
 * not built from a git checkout. Static storage, never NULL. */
const char *pv_version_git(void);

/* Prints "pview VERSION (git DESCRIBE)" (without the parenthesis when not built from a
 * checkout), then one line per linked library: its run-time version and, where the library
 * says, the version of the headers pview was compiled against. */
void pv_print_version(FILE *out);

#endif
