-- closures: create a closure per iteration and call it; a long-lived closure
-- mutates a captured variable. n = 5000000.
local function make_adder(k)
  return function(x) return x + k end
end
local function run(n)
  local total = 0
  local function bump(d) total = total + d; return total end
  for i = 0, n - 1 do
    local add = make_adder(i)
    bump(add(1))
  end
  return total
end
print(string.format("%d", run(5000000)))
