// lru: an LRU cache of capacity 1000 over n = 1000000 pseudo-random keys
// (seed = seed * 16807 mod 2^31-1 from seed 42, key = seed mod 2000). A hit moves the
// key to the most-recent end; a miss evicts the least recently used entry when the
// cache is full, then inserts the key with the step index i (from 0) as its value.
// Prints the number of hits and the sum of the values left in the cache.
// A Map keeps insertion order: delete + set moves a key to the end, and
// cache.keys().next().value is the oldest key.
"use strict";
function run(n) {
  const capacity = 1000;
  const cache = new Map();
  let seed = 42;
  let hits = 0;
  for (let i = 0; i < n; i++) {
    seed = (seed * 16807) % 2147483647;
    const key = seed % 2000;
    const v = cache.get(key);
    if (v !== undefined) {
      hits++;
      cache.delete(key);
      cache.set(key, v);
    } else {
      if (cache.size >= capacity) {
        cache.delete(cache.keys().next().value);
      }
      cache.set(key, i);
    }
  }
  let total = 0;
  for (const v of cache.values()) total += v;
  return hits + " " + total;
}
console.log(run(1000000));
