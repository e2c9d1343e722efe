-- lru: an LRU cache of capacity 1000 over n = 1000000 pseudo-random keys
-- (seed = seed * 16807 mod 2^31-1 from seed 42, key = seed mod 2000). A hit moves the
-- key to the most-recent end; a miss evicts the least recently used entry when the
-- cache is full, then inserts the key with the step index i (from 0) as its value.
-- Prints the number of hits and the sum of the values left in the cache.
-- Lua tables have no order, so this is the classic LRU: a table from key to node plus
-- a circular doubly-linked list of node tables around a sentinel, whose next is the
-- least and whose prev is the most recently used node.
local function unlink(node)
  node.prev.next = node.next
  node.next.prev = node.prev
end

local function push_back(head, node)
  local last = head.prev
  last.next = node
  node.prev = last
  node.next = head
  head.prev = node
end

local function run(n)
  local capacity = 1000
  local head = {}
  head.prev, head.next = head, head
  local index = {}
  local size = 0
  local seed = 42
  local hits = 0
  for i = 0, n - 1 do
    seed = seed * 16807 % 2147483647
    local key = seed % 2000
    local node = index[key]
    if node then
      hits = hits + 1
      unlink(node)
      push_back(head, node)
    else
      if size >= capacity then
        local oldest = head.next
        unlink(oldest)
        index[oldest.key] = nil
        size = size - 1
      end
      node = {key = key, value = i}
      index[key] = node
      push_back(head, node)
      size = size + 1
    end
  end
  local total = 0
  local node = head.next
  while node ~= head do
    total = total + node.value
    node = node.next
  end
  return string.format("%d %d", hits, total)
end
print(run(1000000))
