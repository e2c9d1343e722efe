/* spectral-norm: n = 400, 10 iterations. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

static double eval_a(long i, long j) {
    long ij = i + j;
    return 1.0 / (double)((((ij * (ij + 1)) / 2) + i) + 1);
}

static void mul_av(long n, const double *x, double *y) {
    for (long i = 0; i < n; i++) {
        double sum = 0.0;
        for (long j = 0; j < n; j++) sum = sum + (eval_a(i, j) * x[j]);
        y[i] = sum;
    }
}

static void mul_atv(long n, const double *x, double *y) {
    for (long i = 0; i < n; i++) {
        double sum = 0.0;
        for (long j = 0; j < n; j++) sum = sum + (eval_a(j, i) * x[j]);
        y[i] = sum;
    }
}

static void mul_atav(long n, const double *x, double *y, double *t) {
    mul_av(n, x, t);
    mul_atv(n, t, y);
}

static double run(long n) {
    double *u = malloc(n * sizeof *u), *v = malloc(n * sizeof *v), *t = malloc(n * sizeof *t);
    if (!u || !v || !t) abort();
    for (long i = 0; i < n; i++) {
        u[i] = 1.0;
        v[i] = 0.0;
        t[i] = 0.0;
    }
    for (int k = 0; k < 10; k++) {
        mul_atav(n, u, v, t);
        mul_atav(n, v, u, t);
    }
    double vbv = 0.0, vv = 0.0;
    for (long i = 0; i < n; i++) {
        vbv = vbv + (u[i] * v[i]);
        vv = vv + (v[i] * v[i]);
    }
    free(u);
    free(v);
    free(t);
    return sqrt(vbv / vv);
}

int main(void) {
    printf("%.9f\n", run(400));
    return 0;
}
