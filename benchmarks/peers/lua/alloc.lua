-- alloc: a 3-element array per iteration, n = 10000000 short-lived arrays.
local function run(n)
  local s = 0
  local i = 0
  while i < n do
    local a = {i, i + 1, i + 2}
    s = s + ((a[3] - a[1]) + a[2])
    i = i + 1
  end
  return s
end
print(string.format("%d", run(10000000)))
