// loop: while loop summing 1..n, n = 50000000.
"use strict";
function run(n) {
  let i = 0;
  let s = 0;
  while (i < n) {
    i += 1;
    s += i;
  }
  return s;
}
console.log(String(run(50000000)));
