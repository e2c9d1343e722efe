// binary-trees: max depth 15; prints the sum of all item checks.
// A node is [left, right]; a leaf is the empty array [].
"use strict";
function make(depth) {
  if (depth > 0) return [make(depth - 1), make(depth - 1)];
  return [];
}
function check(t) {
  if (t.length === 0) return 1;
  return (1 + check(t[0])) + check(t[1]);
}
function run(n) {
  const minDepth = 4;
  let maxDepth = n;
  if (maxDepth < minDepth + 2) maxDepth = minDepth + 2;
  let total = check(make(maxDepth + 1));
  const longLived = make(maxDepth);
  let d = minDepth;
  while (d <= maxDepth) {
    let iters = 1;
    let e = 0;
    while (e < (maxDepth - d) + minDepth) {
      iters = iters * 2;
      e += 1;
    }
    let k = 0;
    while (k < iters) {
      total += check(make(d));
      k += 1;
    }
    d += 2;
  }
  total += check(longLived);
  return total;
}
console.log(String(run(15)));
