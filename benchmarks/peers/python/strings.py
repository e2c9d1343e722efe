# strings: build a short string per iteration with 20 concatenations, sum lengths.
# n = 300000.
def run(n):
    total = 0
    i = 0
    while i < n:
        s = str(i)
        j = 0
        while j < 10:
            s = s + "-"
            s = s + str(j)
            j += 1
        total += len(s)
        i += 1
    return total


print(run(300000))
