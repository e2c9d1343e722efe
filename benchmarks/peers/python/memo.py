# memo: Collatz sequence lengths of 1..n (n = 600000), memoised in a dict keyed by
# every value met (length(1) = 1). Each start walks until it meets a known value,
# then pops its path storing lengths. Prints the best start and its length.


def run(n):
    memo = {1: 1}
    best = 1
    best_len = 1
    for start in range(1, n + 1):
        path = []
        x = start
        length = memo.get(x)
        while length is None:
            path.append(x)
            if x % 2 == 0:
                x //= 2
            else:
                x = 3 * x + 1
            length = memo.get(x)
        while path:
            length += 1
            memo[path.pop()] = length
        if length > best_len:
            best = start
            best_len = length
    return "%d %d" % (best, best_len)


print(run(600000))
