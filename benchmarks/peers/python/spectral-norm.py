# spectral-norm: n = 400, 10 iterations.
from math import sqrt


def eval_a(i, j):
    ij = i + j
    return 1.0 / ((((ij * (ij + 1)) // 2) + i) + 1)


def mul_av(n, x, y):
    for i in range(n):
        sum_ = 0.0
        for j in range(n):
            sum_ += eval_a(i, j) * x[j]
        y[i] = sum_


def mul_atv(n, x, y):
    for i in range(n):
        sum_ = 0.0
        for j in range(n):
            sum_ += eval_a(j, i) * x[j]
        y[i] = sum_


def mul_atav(n, x, y, t):
    mul_av(n, x, t)
    mul_atv(n, t, y)


def run(n):
    u = [1.0] * n
    v = [0.0] * n
    t = [0.0] * n
    for _ in range(10):
        mul_atav(n, u, v, t)
        mul_atav(n, v, u, t)
    vbv = 0.0
    vv = 0.0
    for i in range(n):
        vbv += u[i] * v[i]
        vv += v[i] * v[i]
    return "%.9f" % sqrt(vbv / vv)


print(run(400))
