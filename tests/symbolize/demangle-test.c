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
    sym_demangler_free(d);
    if (failures)
        return 1;
    printf("ok\n");
    return 0;
}
