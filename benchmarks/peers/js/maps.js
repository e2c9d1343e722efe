// maps: create a 4-entry object literal per iteration, keyed reads and writes.
// n = 3000000.
"use strict";
function run(n) {
  let total = 0;
  let i = 0;
  while (i < n) {
    const m = {a: i, b: i + 1, c: 0, d: 0};
    m.c = m.a + m.b;
    m.d = m.c * 2;
    m.a = m.d - m.b;
    total += m.a;
    i += 1;
  }
  return total;
}
console.log(String(run(3000000)));
