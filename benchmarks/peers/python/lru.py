# lru: an LRU cache of capacity 1000 over n = 1000000 pseudo-random keys
# (seed = seed * 16807 mod 2^31-1 from seed 42, key = seed mod 2000). A hit moves the
# key to the most-recent end; a miss evicts the least recently used entry when the
# cache is full, then inserts the key with the step index i as its value. Prints the
# number of hits and the sum of the values left in the cache.
from collections import OrderedDict


def run(n):
    capacity = 1000
    cache = OrderedDict()
    seed = 42
    hits = 0
    for i in range(n):
        seed = seed * 16807 % 2147483647
        key = seed % 2000
        if key in cache:
            hits += 1
            cache.move_to_end(key)
        else:
            if len(cache) >= capacity:
                cache.popitem(last=False)
            cache[key] = i
    return "%d %d" % (hits, sum(cache.values()))


print(run(1000000))
