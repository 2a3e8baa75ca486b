/* Fixture for pview's symbolizer tests: a chain of inlined functions and an out-of-line one. */
#include <stdio.h>
#include <stdlib.h>

volatile int sink;

static inline __attribute__((always_inline)) void leaf(int x)
{
    sink = x * 3;
}

static inline __attribute__((always_inline)) void middle(int x)
{
    leaf(x + 1);
    sink += 2;
}

static inline __attribute__((always_inline)) void outer(int x)
{
    middle(x * 2);
    sink ^= 5;
}

__attribute__((noinline)) int work(int n)
{
    for (int i = 0; i < n; i++)
        outer(i);
    return sink;
}

int main(int argc, char **argv)
{
    int n = argc > 1 ? atoi(argv[1]) : 10;
    printf("%d\n", work(n));
    return 0;
}
