// leibniz: pi by the Leibniz series, 30000000 terms.
"use strict";
function run(n) {
  let s = 0.0;
  let sign = 1.0;
  let k = 0;
  while (k < n) {
    s = s + (sign / ((2.0 * k) + 1.0));
    sign = -sign;
    k += 1;
  }
  return (4.0 * s).toFixed(9);
}
console.log(run(30000000));
