# leibniz: pi by the Leibniz series, 30000000 terms.
def run(n):
    s = 0.0
    sign = 1.0
    for k in range(n):
        s += sign / ((2.0 * k) + 1.0)
        sign = -sign
    return "%.9f" % (4.0 * s)


print(run(30000000))
