/* pview end-to-end fixture (non-PIE, -no-pie): a matrix product and a stencil whose inner
 * loops are static inline helpers that gcc -O2 inlines. Burns ~1.5 s of CPU. */
#include <stdio.h>
#include <stdlib.h>

#define N 96

static double a[N][N], b[N][N], c[N][N];

static inline double dot(const double *row, int col, int n)
{
    double s = 0;
    for (int k = 0; k < n; k++)
        s += row[k] * b[k][col];
    return s;
}

static inline double clampd(double x)
{
    return x > 1e6 ? 1e6 : x < -1e6 ? -1e6 : x;
}

static inline double avg4(int i, int j)
{
    return clampd(0.25 * (c[i - 1][j] + c[i + 1][j] + c[i][j - 1] + c[i][j + 1]));
}

__attribute__((noinline)) void matmul(int n)
{
    for (int i = 0; i < n; i++)
        for (int j = 0; j < n; j++)
            c[i][j] = dot(a[i], j, n);
}

__attribute__((noinline)) void smooth(int n)
{
    for (int i = 1; i < n - 1; i++)
        for (int j = 1; j < n - 1; j++)
            a[i][j] = avg4(i, j) * 1e-3 + a[i][j] * 0.999;
}

int main(int argc, char **argv)
{
    int rounds = argc > 1 ? atoi(argv[1]) : 4000;
    for (int i = 0; i < N; i++)
        for (int j = 0; j < N; j++) {
            a[i][j] = (double)(i * N + j) / (N * N);
            b[i][j] = (double)((i + 2 * j) % 7) / 7;
        }
    for (int r = 0; r < rounds; r++) {
        matmul(N);
        smooth(N);
    }
    printf("%g\n", a[N / 2][N / 2] + c[1][1]);
    return 0;
}
