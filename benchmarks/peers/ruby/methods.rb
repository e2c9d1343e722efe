# methods: a Point class with a method called n = 10000000 times.
class Point
  def initialize(x, y)
    @x = x
    @y = y
  end

  def sum
    @x + @y
  end
end

def run(n)
  p = Point.new(1, 2)
  s = 0
  i = 0
  while i < n
    s += p.sum
    i += 1
  end
  s
end

puts run(10_000_000)
