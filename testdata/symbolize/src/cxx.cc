// Fixture: C++ names for demangling (namespace, class template, const method, operator).
#include <cstdio>

volatile int cxx_sink;

namespace ns {
template <typename T> struct Box {
    T v;
    __attribute__((noinline)) T get(int k) const { cxx_sink = k; return v + (T)k; }
    __attribute__((noinline)) bool operator<(const Box &o) const { cxx_sink = 1; return v < o.v; }
};
}

int main(int argc, char **)
{
    ns::Box<int> a{argc}, b{2};
    std::printf("%d %d\n", a.get(argc), (int)(a < b));
    return 0;
}
