// strings: build a short string per iteration with 20 concatenations, sum lengths.
// n = 300000.
"use strict";
function run(n) {
  let total = 0;
  let i = 0;
  while (i < n) {
    let s = String(i);
    let j = 0;
    while (j < 10) {
      s = s + "-";
      s = s + String(j);
      j += 1;
    }
    total += s.length;
    i += 1;
  }
  return total;
}
console.log(String(run(300000)));
