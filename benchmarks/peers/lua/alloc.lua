-- alloc: a 3-element array per iteration, n = 10000000 short-lived arrays.
local function run(n)
  local s = 0
  for i = 0, n - 1 do
    local a = {i, i + 1, i + 2}
    s = s + ((a[3] - a[1]) + a[2])
  end
  return s
end
print(string.format("%d", run(10000000)))
