# tak: Takeuchi function tak(3n + 1, 2n, n) = tak(28, 18, 9). Expected: 10
def tak(x, y, z)
  return tak(tak(x - 1, y, z), tak(y - 1, z, x), tak(z - 1, x, y)) if y < x
  z
end

def run(n)
  tak((n * 3) + 1, n * 2, n)
end

puts run(9)
