# priority-queue: a binary min-heap class; pushes n = 400000 pseudo-random Ints
# (seed = seed * 16807 mod 2^31-1, value = seed mod 1000000), then pops them all.
# Prints the sum of the popped values and a checksum of their order,
# sum of (k * value) mod 1000000007 over the k-th pop.
# The heap is written out by hand (not heapq, whose loops run in C), like the others.


class MinHeap:
    def __init__(self):
        self.items = []

    def size(self):
        return len(self.items)

    def push(self, v):
        items = self.items
        items.append(v)
        i = len(items) - 1
        while i > 0:
            p = (i - 1) // 2
            pv = items[p]
            if pv <= v:
                break
            items[i] = pv
            i = p
        items[i] = v

    def pop(self):
        items = self.items
        top = items[0]
        last = items.pop()
        n = len(items)
        if n > 0:
            i = 0
            while True:
                l = 2 * i + 1
                if l >= n:
                    break
                r = l + 1
                c = l
                if r < n and items[r] < items[l]:
                    c = r
                if items[c] >= last:
                    break
                items[i] = items[c]
                i = c
            items[i] = last
        return top


def run(n):
    heap = MinHeap()
    seed = 42
    for _ in range(n):
        seed = (seed * 16807) % 2147483647
        heap.push(seed % 1000000)
    total = 0
    checksum = 0
    k = 0
    while heap.size() > 0:
        v = heap.pop()
        k += 1
        total += v
        checksum = (checksum + k * v) % 1000000007
    return "%d %d" % (total, checksum)


print(run(400000))
