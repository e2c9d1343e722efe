-- methods: a Point class with a method called n = 10000000 times.
local Point = {}
Point.__index = Point
function Point.new(x, y)
  local self = setmetatable({}, Point)
  self.x = x
  self.y = y
  return self
end
function Point:sum()
  return self.x + self.y
end
local function run(n)
  local p = Point.new(1, 2)
  local s = 0
  local i = 0
  while i < n do
    s = s + p:sum()
    i = i + 1
  end
  return s
end
print(string.format("%d", run(10000000)))
