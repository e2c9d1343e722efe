-- loop: while loop summing 1..n, n = 50000000.
local function run(n)
  local i, s = 0, 0
  while i < n do
    i = i + 1
    s = s + i
  end
  return s
end
print(string.format("%d", run(50000000)))
