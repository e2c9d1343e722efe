# strings: build a short string per iteration with 20 concatenations, sum lengths.
# n = 300000.
def run(n):
    total = 0
    for i in range(n):
        s = str(i)
        for j in range(10):
            s += "-"
            s += str(j)
        total += len(s)
    return total


print(run(300000))
