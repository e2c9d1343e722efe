# binary-trees: max depth 15; prints the sum of all item checks.
# A node is [left, right]; a leaf is the empty list [].
def make(depth):
    if depth > 0:
        return [make(depth - 1), make(depth - 1)]
    return []


def check(t):
    if len(t) == 0:
        return 1
    return (1 + check(t[0])) + check(t[1])


def run(n):
    min_depth = 4
    max_depth = n
    if max_depth < min_depth + 2:
        max_depth = min_depth + 2
    total = check(make(max_depth + 1))
    long_lived = make(max_depth)
    d = min_depth
    while d <= max_depth:
        iters = 1
        e = 0
        while e < (max_depth - d) + min_depth:
            iters = iters * 2
            e += 1
        k = 0
        while k < iters:
            total += check(make(d))
            k += 1
        d += 2
    total += check(long_lived)
    return total


print(run(15))
