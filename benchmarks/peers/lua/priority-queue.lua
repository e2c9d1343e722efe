-- priority-queue: a binary min-heap class; pushes n = 400000 pseudo-random Ints
-- (seed = seed * 16807 mod 2^31-1, value = seed mod 1000000), then pops them all.
-- Prints the sum of the popped values and a checksum of their order,
-- sum of (k * value) mod 1000000007 over the k-th pop.
-- Tables are 1-based here: Gene's index i is Lua's index i + 1, so the parent of
-- Lua index i is math.floor(i / 2) and its children are 2i and 2i + 1.
local MinHeap = {}
MinHeap.__index = MinHeap

function MinHeap.new()
  return setmetatable({items = {}}, MinHeap)
end

function MinHeap:size()
  return #self.items
end

function MinHeap:push(v)
  local items = self.items
  local i = #items + 1
  items[i] = v
  while i > 1 do
    local p = math.floor(i / 2)
    local pv = items[p]
    if pv <= v then break end
    items[i] = pv
    i = p
  end
  items[i] = v
end

function MinHeap:pop()
  local items = self.items
  local top = items[1]
  local n = #items
  local last = items[n]
  items[n] = nil
  n = n - 1
  if n > 0 then
    local i = 1
    while true do
      local l = 2 * i
      if l > n then break end
      local r = l + 1
      local c = l
      if r <= n and items[r] < items[l] then c = r end
      if items[c] >= last then break end
      items[i] = items[c]
      i = c
    end
    items[i] = last
  end
  return top
end

local function run(n)
  local heap = MinHeap.new()
  local seed = 42
  for _ = 1, n do
    seed = (seed * 16807) % 2147483647
    heap:push(seed % 1000000)
  end
  local total, checksum, k = 0, 0, 0
  while heap:size() > 0 do
    local v = heap:pop()
    k = k + 1
    total = total + v
    checksum = (checksum + k * v) % 1000000007
  end
  return string.format("%d %d", total, checksum)
end
print(run(400000))
