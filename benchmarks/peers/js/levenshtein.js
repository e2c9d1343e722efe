// levenshtein: edit distance of every pair of n = 250 pseudo-random words over
// "acgt" (4 to 15 letters; seed = seed * 16807 mod 2^31-1), two-row dynamic
// programming. Prints the sum of the distances.
"use strict";
const LETTERS = "acgt";

function makeWords(count) {
  let seed = 7;
  const words = [];
  for (let k = 0; k < count; k++) {
    seed = (seed * 16807) % 2147483647;
    const len = 4 + (seed % 12);
    let w = "";
    for (let j = 0; j < len; j++) {
      seed = (seed * 16807) % 2147483647;
      w += LETTERS[seed % 4];
    }
    words.push(w);
  }
  return words;
}

function distance(a, b) {
  const m = a.length;
  const n = b.length;
  let prev = new Array(n + 1).fill(0);
  let cur = new Array(n + 1).fill(0);
  for (let j = 0; j <= n; j++) prev[j] = j;
  for (let i = 1; i <= m; i++) {
    cur[0] = i;
    const ca = a[i - 1];
    for (let j = 1; j <= n; j++) {
      const cost = ca === b[j - 1] ? 0 : 1;
      cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost);
    }
    const tmp = prev;
    prev = cur;
    cur = tmp;
  }
  return prev[n];
}

function run(n) {
  const words = makeWords(n);
  let total = 0;
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      total += distance(words[i], words[j]);
    }
  }
  return total;
}
console.log(String(run(250)));
