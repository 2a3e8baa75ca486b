/* Unit test of symbolize/demangle.c: pprof's simplified C++ names and legacy Rust names. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "symbolize/internal.h"

static int failures;

static void check(const char *what, const char *got, const char *want)
{
    if (!got || strcmp(got, want) != 0) {
        printf("FAIL %s: got \"%s\", want \"%s\"\n", what, got ? got : "(null)", want);
        failures++;
    }
}

static void simplify(const char *in, const char *want)
{
    char *s = sym_simplify_cxx(in);
    check(in, s, want);
    free(s);
}

static void demangle(sym_demangler *d, const char *raw, bool full, const char *want)
{
    char *s = sym_demangle(d, raw, full);
    check(raw, s, want);
    free(s);
}

/* Each line of names gets sym_demangle(full); the result must equal the same line of want
 * (made by go tool pprof, see tests/symbolize/README.md). Returns the number of differences. */
static int compare_lists(const char *names, const char *want, bool full)
{
    FILE *fn = fopen(names, "r"), *fw = fopen(want, "r");
    if (!fn || !fw) {
        printf("FAIL: cannot open %s or %s\n", names, want);
        return 1;
    }
    sym_demangler *d = sym_demangler_new();
    char *ln = NULL, *lw = NULL;
    size_t cn = 0, cw = 0;
    int bad = 0, total = 0;
    ssize_t a, b;
    while ((a = getline(&ln, &cn, fn)) > 0 && (b = getline(&lw, &cw, fw)) > 0) {
        ln[strcspn(ln, "\n")] = 0;
        lw[strcspn(lw, "\n")] = 0;
        char *got = sym_demangle(d, ln, full);
        total++;
        if (!got || strcmp(got, lw) != 0) {
            if (++bad <= 30)
                printf("FAIL %s\n  got  %s\n  want %s\n", ln, got ? got : "(null)", lw);
        }
        free(got);
    }
    printf("%s: %d of %d names differ from pprof's (%s)\n", names, bad, total, full ? "demangle=full" : "default");
    free(ln);
    free(lw);
    fclose(fn);
    fclose(fw);
    sym_demangler_free(d);
    return bad;
}

int main(int argc, char **argv)
{
    if (argc >= 3)
        return compare_lists(argv[1], argv[2], argc > 3 && strcmp(argv[3], "full") == 0) ? 1 : 0;
    simplify("ns::Class<int>::method(int) const", "ns::Class::method");
    simplify("void std::vector<int, std::allocator<int> >::push_back(int const&)", "std::vector::push_back");
    simplify("(anonymous namespace)::helper(char*)", "(anonymous namespace)::helper");
    simplify("ns::Box<int>::operator<(ns::Box<int> const&) const", "ns::Box::operator<");
    simplify("ns::Box<int>::operator<<(int)", "ns::Box::operator<<");
    simplify("Foo::operator()(int) &&", "Foo::operator()");
    simplify("operator new(unsigned long)", "operator new");
    simplify("int max<int>(int, int)", "max");
    simplify("main", "main");

    sym_demangler *d = sym_demangler_new();
    /* Rust legacy: decoded here, hash dropped, with or without libstdc++ */
    demangle(d, "_ZN4core3fmt5write17h0123456789abcdefE", false, "core::fmt::write");
    demangle(d, "_ZN3std2rt10lang_start28_$u7b$$u7b$closure$u7d$$u7d$17h1f2e3d4c5b6a7980E", false,
             "std::rt::lang_start::{{closure}}");
    demangle(d, "_ZN49_$LT$alloc..vec..Vec$LT$T$GT$$u20$as$u20$Drop$GT$4drop17haaaaaaaaaaaaaaaaE", false,
             "<alloc::vec::Vec<T> as Drop>::drop");
    /* not mangled: unchanged */
    demangle(d, "main.main", false, "main.main");
    demangle(d, "_Zgarbage", false, "_Zgarbage");
    if (d) {
        /* C++ through __cxa_demangle, when libstdc++ is installed (it is on the test machines) */
        demangle(d, "_ZNK2ns3BoxIiE3getEi", false, "ns::Box::get");
        demangle(d, "_ZNK2ns3BoxIiE3getEi", true, "ns::Box<int>::get(int) const");
        demangle(d, "_ZNSt6vectorIiSaIiEE9push_backERKi", false, "std::vector::push_back");
        demangle(d, "_ZZ4mainENKUlvE_clEv", false, "main::{lambda()#1}::operator()");
        demangle(d, "_ZN12_GLOBAL__N_16helperEPc", false, "(anonymous namespace)::helper");
    }
    /* hostile input: every prefix and deterministic mutations of real v0 names never crash
     * (run under ASan for memory errors) and return either a name or the input */
    static const char *const v0[] = {
        "_RNvXCs32gj3y4fnmh_4mainNtB2_7CollatzNtB2_6Kernel3run",
        "_RINvNtCsgEmfK2I1SDS_4core3ptr13drop_in_placeINtNtCslNYArtu3iFV_5alloc3vec3VecINtNtBL_5boxed3BoxDNtNtCsjCeegCv1yzo_7collatz7kernels6KernelEL_EEEB1A_",
        "_RNSNvYNCINvNtCsjrHSEGnQ3l9_3std2rt10lang_startuE0INtNtNtCsgEmfK2I1SDS_4core3ops8function6FnOnceuE9call_once6vtableCs4eYjyvNHrqb_3uni",
        "_RNvCs4eYjyvNHrqb_3uniu8gdel_5qa",
        "_RINvCs1_1fFG0_KCRL0_uEB2_",
    };
    /* back-references to themselves (depth limit) or doubling at every level (size cap) */
    {
        static const char *const bombs[] = {"_RIC1aB_B_E", "_RIC1aB_E", "_RNvB_1a", "_RTB_B_E",
                                            "_RINvC1a1bIB2_B2_EIB5_B5_EIB7_B7_EIB9_B9_EIBb_BbEE"};
        for (size_t k = 0; k < sizeof bombs / sizeof bombs[0]; k++) {
            char *out = sym_demangle(d, bombs[k], false);
            if (!out) {
                printf("FAIL: NULL for %s\n", bombs[k]);
                failures++;
            }
            free(out);
        }
    }
    unsigned seed = 12345;
    for (size_t k = 0; k < sizeof v0 / sizeof v0[0]; k++) {
        size_t n = strlen(v0[k]);
        char *buf = malloc(n + 1);
        for (size_t cut = 0; buf && cut <= n; cut++) {
            memcpy(buf, v0[k], cut);
            buf[cut] = 0;
            free(sym_demangle(d, buf, false));
        }
        for (int round = 0; buf && round < 3000; round++) {
            memcpy(buf, v0[k], n + 1);
            for (int m = 0; m < 3; m++) {
                seed = seed * 1103515245u + 12345u;
                size_t at = 2 + (seed >> 8) % (n - 2);
                seed = seed * 1103515245u + 12345u;
                buf[at] = "0123456789_BCDEGIKLMNOPQRSTUXYZabcdefhijlmnopstuvxyz"[(seed >> 8) % 52];
            }
            char *out = sym_demangle(d, buf, round & 1);
            if (!out) {
                printf("FAIL: NULL for %s\n", buf);
                failures++;
            }
            free(out);
        }
        free(buf);
    }
    sym_demangler_free(d);
    if (failures)
        return 1;
    printf("ok\n");
    return 0;
}
