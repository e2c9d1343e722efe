// methods: a Point class with a method called n = 10000000 times.
"use strict";
class Point {
  constructor(x, y) {
    this.x = x;
    this.y = y;
  }
  sum() { return this.x + this.y; }
}
function run(n) {
  const p = new Point(1, 2);
  let s = 0;
  let i = 0;
  while (i < n) {
    s += p.sum();
    i += 1;
  }
  return s;
}
console.log(String(run(10000000)));
