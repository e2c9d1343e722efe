-- strings: build a short string per iteration with 20 concatenations, sum lengths.
-- n = 300000. (.. converts the number j to its decimal text by itself.)
local function run(n)
  local total = 0
  for i = 0, n - 1 do
    local s = tostring(i)
    for j = 0, 9 do
      s = s .. "-"
      s = s .. j
    end
    total = total + #s
  end
  return total
end
print(string.format("%d", run(300000)))
