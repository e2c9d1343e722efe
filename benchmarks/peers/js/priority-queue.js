// priority-queue: a binary min-heap class; pushes n = 400000 pseudo-random Ints
// (seed = seed * 16807 mod 2^31-1, value = seed mod 1000000), then pops them all.
// Prints the sum of the popped values and a checksum of their order,
// sum of (k * value) mod 1000000007 over the k-th pop. Every intermediate stays
// below 2^53, so doubles hold them exactly.
"use strict";
class MinHeap {
  constructor() {
    this.items = [];
  }

  size() {
    return this.items.length;
  }

  push(v) {
    const items = this.items;
    items.push(v);
    let i = items.length - 1;
    while (i > 0) {
      const p = (i - 1) >> 1;
      const pv = items[p];
      if (pv <= v) break;
      items[i] = pv;
      i = p;
    }
    items[i] = v;
  }

  pop() {
    const items = this.items;
    const top = items[0];
    const last = items.pop();
    const n = items.length;
    if (n > 0) {
      let i = 0;
      while (true) {
        const l = 2 * i + 1;
        if (l >= n) break;
        const r = l + 1;
        let c = l;
        if (r < n && items[r] < items[l]) c = r;
        if (items[c] >= last) break;
        items[i] = items[c];
        i = c;
      }
      items[i] = last;
    }
    return top;
  }
}

function run(n) {
  const heap = new MinHeap();
  let seed = 42;
  for (let k = 0; k < n; k++) {
    seed = (seed * 16807) % 2147483647;
    heap.push(seed % 1000000);
  }
  let total = 0;
  let checksum = 0;
  let k = 0;
  while (heap.size() > 0) {
    const v = heap.pop();
    k += 1;
    total += v;
    checksum = (checksum + k * v) % 1000000007;
  }
  return total + " " + checksum;
}
console.log(run(400000));
