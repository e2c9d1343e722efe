-- methods: a Point class with a method called n = 10000000 times.
local Point = {}
Point.__index = Point
function Point.new(x, y)
  return setmetatable({x = x, y = y}, Point)
end
function Point:sum()
  return self.x + self.y
end
local function run(n)
  local p = Point.new(1, 2)
  local s = 0
  for _ = 1, n do
    s = s + p:sum()
  end
  return s
end
print(string.format("%d", run(10000000)))
