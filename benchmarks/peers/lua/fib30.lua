-- fib30: naive recursive Fibonacci, fib(30). Expected: 832040
local function fib(n)
  if n < 2 then return n end
  return fib(n - 1) + fib(n - 2)
end
local function run(n) return fib(n) end
print(string.format("%d", run(30)))
