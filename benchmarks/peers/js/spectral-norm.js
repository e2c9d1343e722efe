// spectral-norm: n = 400, 10 iterations. Plain arrays of numbers (no typed
// arrays), like the other implementations.
"use strict";
function evalA(i, j) {
  const ij = i + j;
  return 1.0 / ((Math.floor((ij * (ij + 1)) / 2) + i) + 1);
}
function mulAv(n, x, y) {
  let i = 0;
  while (i < n) {
    let sum = 0.0;
    let j = 0;
    while (j < n) {
      sum = sum + (evalA(i, j) * x[j]);
      j += 1;
    }
    y[i] = sum;
    i += 1;
  }
}
function mulAtv(n, x, y) {
  let i = 0;
  while (i < n) {
    let sum = 0.0;
    let j = 0;
    while (j < n) {
      sum = sum + (evalA(j, i) * x[j]);
      j += 1;
    }
    y[i] = sum;
    i += 1;
  }
}
function mulAtAv(n, x, y, t) {
  mulAv(n, x, t);
  mulAtv(n, t, y);
}
function run(n) {
  const u = new Array(n).fill(1.0);
  const v = new Array(n).fill(0.0);
  const t = new Array(n).fill(0.0);
  let k = 0;
  while (k < 10) {
    mulAtAv(n, u, v, t);
    mulAtAv(n, v, u, t);
    k += 1;
  }
  let vbv = 0.0;
  let vv = 0.0;
  let i = 0;
  while (i < n) {
    vbv = vbv + (u[i] * v[i]);
    vv = vv + (v[i] * v[i]);
    i += 1;
  }
  return Math.sqrt(vbv / vv).toFixed(9);
}
console.log(run(400));
