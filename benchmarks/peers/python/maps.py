# maps: create a 4-entry dict per iteration, keyed reads and writes. n = 3000000.
def run(n):
    total = 0
    for i in range(n):
        m = {"a": i, "b": i + 1, "c": 0, "d": 0}
        m["c"] = m["a"] + m["b"]
        m["d"] = m["c"] * 2
        m["a"] = m["d"] - m["b"]
        total += m["a"]
    return total


print(run(3000000))
