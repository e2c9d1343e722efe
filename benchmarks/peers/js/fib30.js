// fib30: naive recursive Fibonacci, fib(30). Expected: 832040
"use strict";
function fib(n) {
  if (n < 2) return n;
  return fib(n - 1) + fib(n - 2);
}
function run(n) { return fib(n); }
console.log(String(run(30)));
