-- levenshtein: edit distance of every pair of n = 250 pseudo-random words over
-- "acgt" (4 to 15 letters; seed = seed * 16807 mod 2^31-1), two-row dynamic
-- programming. Prints the sum of the distances.
local LETTERS = "acgt"

local function make_words(count)
  local seed = 7
  local words = {}
  for k = 1, count do
    seed = (seed * 16807) % 2147483647
    local len = 4 + seed % 12
    local w = ""
    for _ = 1, len do
      seed = (seed * 16807) % 2147483647
      local c = seed % 4 + 1
      w = w .. LETTERS:sub(c, c)
    end
    words[k] = w
  end
  return words
end

local function distance(a, b)
  local m, n = #a, #b
  local prev, cur = {}, {}
  for j = 0, n do prev[j + 1] = j; cur[j + 1] = 0 end
  for i = 1, m do
    cur[1] = i
    local ca = a:byte(i)
    for j = 1, n do
      local cost = 1
      if ca == b:byte(j) then cost = 0 end
      cur[j + 1] = math.min(prev[j + 1] + 1, cur[j] + 1, prev[j] + cost)
    end
    prev, cur = cur, prev
  end
  return prev[n + 1]
end

local function run(n)
  local words = make_words(n)
  local total = 0
  for i = 1, n do
    for j = i + 1, n do
      total = total + distance(words[i], words[j])
    end
  end
  return total
end
print(string.format("%d", run(250)))
