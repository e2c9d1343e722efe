-- loop: a loop summing 1..n, n = 50000000 (a numeric for, as Lua code is written).
local function run(n)
  local s = 0
  for i = 1, n do
    s = s + i
  end
  return s
end
print(string.format("%d", run(50000000)))
