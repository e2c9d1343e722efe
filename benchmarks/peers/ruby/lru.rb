# lru: an LRU cache of capacity 1000 over n = 1000000 pseudo-random keys
# (seed = seed * 16807 mod 2^31-1 from seed 42, key = seed mod 2000). A hit moves the
# key to the most-recent end; a miss evicts the least recently used entry when the
# cache is full, then inserts the key with the step index i (from 0) as its value.
# Prints the number of hits and the sum of the values left in the cache.
# A Hash keeps insertion order: delete + store moves a key to the end, shift removes
# the oldest entry.
def run(n)
  capacity = 1000
  cache = {}
  seed = 42
  hits = 0
  i = 0
  while i < n
    seed = seed * 16807 % 2147483647
    key = seed % 2000
    v = cache.delete(key)
    if v
      hits += 1
      cache[key] = v
    else
      cache.shift if cache.size >= capacity
      cache[key] = i
    end
    i += 1
  end
  "#{hits} #{cache.values.sum}"
end

puts run(1000000)
