-- binary-trees: max depth 15; prints the sum of all item checks.
-- A node is {left, right}; a leaf is the empty table {}.
local function make(depth)
  if depth > 0 then
    return {make(depth - 1), make(depth - 1)}
  end
  return {}
end

local function check(t)
  if #t == 0 then return 1 end
  return (1 + check(t[1])) + check(t[2])
end

local function run(n)
  local min_depth = 4
  local max_depth = n
  if max_depth < min_depth + 2 then max_depth = min_depth + 2 end
  local total = check(make(max_depth + 1))
  local long_lived = make(max_depth)
  for d = min_depth, max_depth, 2 do
    local iters = 1
    for _ = 1, (max_depth - d) + min_depth do
      iters = iters * 2
    end
    for _ = 1, iters do
      total = total + check(make(d))
    end
  end
  total = total + check(long_lived)
  return total
end
print(string.format("%d", run(15)))
