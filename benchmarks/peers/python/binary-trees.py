# binary-trees: max depth 15; prints the sum of all item checks.
# A node is [left, right]; a leaf is the empty list [].
def make(depth):
    if depth > 0:
        return [make(depth - 1), make(depth - 1)]
    return []


def check(t):
    if not t:
        return 1
    return (1 + check(t[0])) + check(t[1])


def run(n):
    min_depth = 4
    max_depth = n
    if max_depth < min_depth + 2:
        max_depth = min_depth + 2
    total = check(make(max_depth + 1))
    long_lived = make(max_depth)
    for d in range(min_depth, max_depth + 1, 2):
        iters = 2 ** ((max_depth - d) + min_depth)
        for _ in range(iters):
            total += check(make(d))
    total += check(long_lived)
    return total


print(run(15))
