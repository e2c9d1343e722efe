-- closures: create a closure per iteration and call it; a long-lived closure
-- mutates a captured variable. n = 5000000.
local function make_adder(k)
  return function(x) return x + k end
end
local function run(n)
  local total = 0
  local bump = function(d) total = total + d; return total end
  local i = 0
  while i < n do
    local add = make_adder(i)
    bump(add(1))
    i = i + 1
  end
  return total
end
print(string.format("%d", run(5000000)))
