-- memo: Collatz sequence lengths of 1..n (n = 600000), memoised in a table keyed by
-- every value met (length(1) = 1). Each start walks until it meets a known value,
-- then unwinds its path storing lengths. Prints the best start and its length.
-- x / 2 is exact for even x (a float in Lua 5.4, whose tables normalise float keys
-- with integral values to integer keys).
local function run(n)
  local memo = {[1] = 1}
  local best, best_len = 1, 1
  for start = 1, n do
    local path = {}
    local x = start
    local len = memo[x]
    while len == nil do
      path[#path + 1] = x
      if x % 2 == 0 then
        x = x / 2
      else
        x = 3 * x + 1
      end
      len = memo[x]
    end
    for k = #path, 1, -1 do
      len = len + 1
      memo[path[k]] = len
    end
    if len > best_len then
      best = start
      best_len = len
    end
  end
  return string.format("%d %d", best, best_len)
end
print(run(600000))
