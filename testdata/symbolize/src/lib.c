/* Fixture: a shared object with an inlined helper. */
volatile int lib_sink;

static inline __attribute__((always_inline)) void lib_helper(int x)
{
    lib_sink = x * 7;
}

__attribute__((noinline)) int lib_entry(int n)
{
    for (int i = 0; i < n; i++)
        lib_helper(i);
    return lib_sink;
}
