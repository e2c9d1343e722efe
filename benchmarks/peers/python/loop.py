# loop: a loop summing 1..n, n = 50000000 (a for loop over a range, as Python is written).
def run(n):
    s = 0
    for i in range(1, n + 1):
        s += i
    return s


print(run(50000000))
