// alloc: a 3-element array per iteration, n = 10000000 short-lived arrays.
"use strict";
function run(n) {
  let s = 0;
  let i = 0;
  while (i < n) {
    const a = [i, i + 1, i + 2];
    s += (a[2] - a[0]) + a[1];
    i += 1;
  }
  return s;
}
console.log(String(run(10000000)));
