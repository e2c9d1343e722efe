// closures: create a closure per iteration and call it; a long-lived closure
// mutates a captured variable. n = 5000000.
"use strict";
function makeAdder(k) {
  return function (x) { return x + k; };
}
function run(n) {
  let total = 0;
  const bump = function (d) { total += d; return total; };
  let i = 0;
  while (i < n) {
    const add = makeAdder(i);
    bump(add(1));
    i += 1;
  }
  return total;
}
console.log(String(run(5000000)));
