# closures: create a closure per iteration and call it; a long-lived closure
# mutates a captured variable. n = 5000000.
def make_adder(k):
    return lambda x: x + k


def run(n):
    total = 0

    def bump(d):
        nonlocal total
        total += d
        return total

    for i in range(n):
        add = make_adder(i)
        bump(add(1))
    return total


print(run(5000000))
