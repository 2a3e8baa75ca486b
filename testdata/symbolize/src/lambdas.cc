// Local names, lambdas, ref-qualifiers, conversion operators and symbol versions for the
// demangling lists (testdata/symbolize/demangle/cxx-local-names.txt: nm of g++ -O0 -g of this).
#include <functional>
#include <map>
#include <string>
#include <vector>
#include <algorithm>
namespace outer { namespace {
template <class T> struct Box { T v; auto get() const { return [this](int k) { return v + k; }; } T operator()(T x) const { return x; } operator bool() const { return v != T(); } };
} }
struct S { int x; static int count(const std::vector<std::string>& v) { return std::count_if(v.begin(), v.end(), [](const std::string& s) { return s.size() > 2; }); } int f() & { return x; } int f() && { return -x; } };
template <typename F> int apply(F f, int n) { return f(n); }
int g(int a, int (*fp)(int), int S::*pm) { struct Local { static int h(int q) { return q * 2; } }; return Local::h(a) + fp(a) + (S{4}.*pm); }
int twice(int q) { return 2 * q; }
int main(int argc, char**) {
  outer::Box<int> b{argc}; auto l = b.get();
  std::map<std::string, std::vector<int>> m; m["a"].push_back(l(3));
  std::function<int(int)> fn = [&](int z) { return apply([z](int y) { return y + z; }, z); };
  S s{1};
  return fn(2) + b(3) + bool(b) + S::count({"aaa"}) + g(1, twice, &S::x) + s.f() + S{2}.f() + (int)m.size();
}
