/* A scratch directory for harnesses whose inputs can write files (":save NAME",
 * "output=NAME", "top >NAME"): from its first input on, the harness runs in a directory of its
 * own under /tmp, emptied after each input and removed at exit, not in the fuzzer's (so paths
 * the harness opens after the first input must be absolute). */
#ifndef PVIEW_FUZZ_SCRATCH_H
#define PVIEW_FUZZ_SCRATCH_H

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static char fz_scratch[] = "/tmp/pview-fuzz-XXXXXX";

static void fz_scratch_remove(void)
{
    if (chdir("/") == 0)
        rmdir(fz_scratch);
}

/* Makes the directory and enters it; aborts when it cannot. */
static inline void fz_scratch_enter(void)
{
    if (!mkdtemp(fz_scratch) || chdir(fz_scratch) != 0)
        abort();
    atexit(fz_scratch_remove);
}

/* Removes what the last input wrote. */
static inline void fz_scratch_empty(void)
{
    DIR *d = opendir(".");
    if (!d)
        return;
    struct dirent *e;
    while ((e = readdir(d)))
        if (strcmp(e->d_name, ".") && strcmp(e->d_name, ".."))
            remove(e->d_name);
    closedir(d);
}

#endif
