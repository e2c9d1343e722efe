# alloc: a 3-element list per iteration, n = 10000000 short-lived arrays.
def run(n):
    s = 0
    for i in range(n):
        a = [i, i + 1, i + 2]
        s += (a[2] - a[0]) + a[1]
    return s


print(run(10000000))
