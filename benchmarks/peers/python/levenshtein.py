# levenshtein: edit distance of every pair of n = 250 pseudo-random words over
# "acgt" (4 to 15 letters; seed = seed * 16807 mod 2^31-1), two-row dynamic
# programming. Prints the sum of the distances.
LETTERS = "acgt"


def make_words(count):
    seed = 7
    words = []
    for _ in range(count):
        seed = (seed * 16807) % 2147483647
        length = 4 + seed % 12
        w = ""
        for _ in range(length):
            seed = (seed * 16807) % 2147483647
            w += LETTERS[seed % 4]
        words.append(w)
    return words


def distance(a, b):
    m = len(a)
    n = len(b)
    prev = list(range(n + 1))
    cur = [0] * (n + 1)
    for i in range(1, m + 1):
        cur[0] = i
        ca = a[i - 1]
        for j in range(1, n + 1):
            cost = 0 if ca == b[j - 1] else 1
            cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost)
        prev, cur = cur, prev
    return prev[n]


def run(n):
    words = make_words(n)
    total = 0
    for i in range(n):
        for j in range(i + 1, n):
            total += distance(words[i], words[j])
    return total


print(run(250))
