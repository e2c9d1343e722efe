// memo: Collatz sequence lengths of 1..n (n = 600000), memoised in a Map keyed by
// every value met (length(1) = 1). Each start walks until it meets a known value,
// then pops its path storing lengths. Prints the best start and its length.
// Values stay below 2^53, so x / 2 and 3 * x + 1 are exact doubles.
"use strict";
function run(n) {
  const memo = new Map();
  memo.set(1, 1);
  let best = 1;
  let bestLen = 1;
  for (let start = 1; start <= n; start++) {
    const path = [];
    let x = start;
    let len = memo.get(x);
    while (len === undefined) {
      path.push(x);
      if (x % 2 === 0) {
        x = x / 2;
      } else {
        x = 3 * x + 1;
      }
      len = memo.get(x);
    }
    while (path.length > 0) {
      len += 1;
      memo.set(path.pop(), len);
    }
    if (len > bestLen) {
      best = start;
      bestLen = len;
    }
  }
  return best + " " + bestLen;
}
console.log(run(600000));
