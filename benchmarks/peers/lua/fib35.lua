-- fib35: naive recursive Fibonacci, fib(35). Expected: 9227465
local function fib(n)
  if n < 2 then return n end
  return fib(n - 1) + fib(n - 2)
end
local function run(n) return fib(n) end
print(string.format("%d", run(35)))
