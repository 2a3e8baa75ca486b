/* Prints the man page's key section from the key table (tests/tui checks pview.1 with it). */
#include <stdio.h>

#include "tui/keys.h"

int main(void)
{
    pv_keytable_man(stdout);
    return ferror(stdout) ? 1 : 0;
}
