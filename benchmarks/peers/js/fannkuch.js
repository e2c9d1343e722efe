// fannkuch-redux, n = 9. Prints [checksum max_flips].
"use strict";
function run(n) {
  const perm1 = new Array(n).fill(0);
  const perm = new Array(n).fill(0);
  const count = new Array(n).fill(0);
  let i = 0;
  while (i < n) {
    perm1[i] = i;
    i += 1;
  }
  let maxFlips = 0;
  let checksum = 0;
  let sign = 1;
  let r = n;
  let done = false;
  while (!done) {
    while (r !== 1) {
      count[r - 1] = r;
      r -= 1;
    }
    i = 0;
    while (i < n) {
      perm[i] = perm1[i];
      i += 1;
    }
    let flips = 0;
    let k = perm[0];
    while (k !== 0) {
      let lo = 0;
      let hi = k;
      while (lo < hi) {
        const tmp = perm[lo];
        perm[lo] = perm[hi];
        perm[hi] = tmp;
        lo += 1;
        hi -= 1;
      }
      flips += 1;
      k = perm[0];
    }
    if (flips > maxFlips) maxFlips = flips;
    checksum += sign * flips;
    sign = -sign;
    let more = true;
    while (more) {
      if (r === n) {
        done = true;
        more = false;
      } else {
        const perm0 = perm1[0];
        i = 0;
        while (i < r) {
          perm1[i] = perm1[i + 1];
          i += 1;
        }
        perm1[r] = perm0;
        count[r] = count[r] - 1;
        if (count[r] > 0) {
          more = false;
        } else {
          r += 1;
        }
      }
    }
  }
  return "[" + checksum + " " + maxFlips + "]";
}
console.log(run(9));
