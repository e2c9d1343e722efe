# spectral-norm: n = 400, 10 iterations.
from math import sqrt


def eval_a(i, j):
    ij = i + j
    return 1.0 / ((((ij * (ij + 1)) // 2) + i) + 1)


def mul_av(n, x, y):
    i = 0
    while i < n:
        sum_ = 0.0
        j = 0
        while j < n:
            sum_ = sum_ + (eval_a(i, j) * x[j])
            j += 1
        y[i] = sum_
        i += 1


def mul_atv(n, x, y):
    i = 0
    while i < n:
        sum_ = 0.0
        j = 0
        while j < n:
            sum_ = sum_ + (eval_a(j, i) * x[j])
            j += 1
        y[i] = sum_
        i += 1


def mul_atav(n, x, y, t):
    mul_av(n, x, t)
    mul_atv(n, t, y)


def run(n):
    u = [1.0] * n
    v = [0.0] * n
    t = [0.0] * n
    k = 0
    while k < 10:
        mul_atav(n, u, v, t)
        mul_atav(n, v, u, t)
        k += 1
    vbv = 0.0
    vv = 0.0
    i = 0
    while i < n:
        vbv = vbv + (u[i] * v[i])
        vv = vv + (v[i] * v[i])
        i += 1
    return "%.9f" % sqrt(vbv / vv)


print(run(400))
