-- tak: Takeuchi function tak(3n + 1, 2n, n) = tak(28, 18, 9). Expected: 10
local function tak(x, y, z)
  if y < x then
    return tak(tak(x - 1, y, z), tak(y - 1, z, x), tak(z - 1, x, y))
  end
  return z
end
local function run(n) return tak((n * 3) + 1, n * 2, n) end
print(string.format("%d", run(9)))
