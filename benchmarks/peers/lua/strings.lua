-- strings: build a short string per iteration with 20 concatenations, sum lengths.
-- n = 300000.
local function run(n)
  local total = 0
  local i = 0
  while i < n do
    local s = tostring(i)
    local j = 0
    while j < 10 do
      s = s .. "-"
      s = s .. tostring(j)
      j = j + 1
    end
    total = total + #s
    i = i + 1
  end
  return total
end
print(string.format("%d", run(300000)))
