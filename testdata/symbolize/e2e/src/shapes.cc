// pview end-to-end fixture: C++ names. Virtual calls into classes of an anonymous namespace,
// a class template, std::sort with a lambda comparator (std::__introsort_loop and friends),
// a lambda called through std::function, and gcc's clones of static functions (.constprop,
// .isra, .part, .cold). Burns ~1.5 s of CPU.
#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <functional>
#include <memory>
#include <vector>

struct Shape {
    virtual ~Shape() = default;
    virtual double area(int steps) const = 0;
};

namespace {

struct Circle : Shape {
    double r;
    explicit Circle(double radius) : r(radius) {}
    __attribute__((noinline)) double area(int steps) const override
    {
        double acc = 0; // a slow series for pi, so that the samples land here
        for (int k = 0; k < steps; k++)
            acc += (k & 1 ? -4.0 : 4.0) / (2 * k + 1);
        return acc * r * r;
    }
};

struct Square : Shape {
    double s;
    explicit Square(double side) : s(side) {}
    __attribute__((noinline)) double area(int steps) const override
    {
        double acc = 0;
        for (int k = 1; k <= steps; k++)
            acc += s * s / steps;
        return acc;
    }
};

} // namespace

namespace geo {

template <typename T> struct Grid {
    std::vector<T> cells;
    explicit Grid(size_t n) : cells(n) {}
    template <typename F> __attribute__((noinline)) T reduce(F f) const
    {
        T acc{};
        for (const T &c : cells)
            acc = f(acc, c);
        return acc;
    }
};

} // namespace geo

struct Point {
    long x, y, z, w;
};

// gcc makes sort_phase.constprop.0 (n is always the same), mix.isra.0 (the struct passed by
// reference is split into scalars) and checksum.part.0 with a .cold part (partial inlining of
// the cheap test in front of the loop)
static __attribute__((noinline)) void sort_phase(std::vector<long> &v, int rounds, unsigned seed)
{
    for (int r = 0; r < rounds; r++) {
        for (auto &x : v)
            x = (long)(seed = seed * 1103515245u + 12345u) % 100000;
        std::sort(v.begin(), v.end(), [](long a, long b) { return (a % 1000) < (b % 1000) || ((a % 1000) == (b % 1000) && a < b); });
    }
}

static __attribute__((noinline)) long mix(const Point &p, int n)
{
    long h = p.x;
    for (int i = 0; i < n; i++)
        h = (h * 31 + p.y) ^ (h >> 7);
    return h;
}

static long checksum(const std::vector<long> &v, int n)
{
    if (__builtin_expect(v.empty(), 0)) {
        std::fprintf(stderr, "empty\n");
        std::abort();
    }
    long s = 0;
    for (int k = 0; k < n; k++)
        for (long x : v)
            s = s * 1315423911 + x;
    return s;
}

int main(int argc, char **argv)
{
    int scale = argc > 1 ? std::atoi(argv[1]) : 1;
    std::vector<std::unique_ptr<Shape>> shapes;
    shapes.push_back(std::make_unique<Circle>(1.5));
    shapes.push_back(std::make_unique<Square>(2.0));
    double total = 0;
    for (int i = 0; i < 40 * scale; i++)
        for (auto &s : shapes)
            total += s->area(400000);

    std::vector<long> v(200000);
    sort_phase(v, 6 * scale, 1);
    sort_phase(v, 6 * scale, 7);

    geo::Grid<double> g(1 << 16);
    std::function<double(double, double)> add = [scale](double a, double b) { return a + b * scale + 1; };
    for (int i = 0; i < 300 * scale; i++)
        total += g.reduce([&](double a, double b) { return add(a, b); });

    Point p{argc, 3, 5, 7};
    long h = 0;
    for (int i = 0; i < 20 * scale; i++)
        h += mix(p, 2000000);
    h += checksum(v, 60 * scale);
    std::printf("%g %ld\n", total, h);
    return 0;
}
