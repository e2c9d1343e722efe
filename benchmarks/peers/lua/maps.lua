-- maps: create a 4-entry table per iteration, keyed reads and writes. n = 3000000.
local function run(n)
  local total = 0
  for i = 0, n - 1 do
    local m = {a = i, b = i + 1, c = 0, d = 0}
    m.c = m.a + m.b
    m.d = m.c * 2
    m.a = m.d - m.b
    total = total + m.a
  end
  return total
end
print(string.format("%d", run(3000000)))
