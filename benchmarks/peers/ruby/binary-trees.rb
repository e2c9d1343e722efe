# binary-trees: max depth 15; prints the sum of all item checks.
# A node is [left, right]; a leaf is the empty array [].
def make(depth)
  return [make(depth - 1), make(depth - 1)] if depth > 0
  []
end

def check(t)
  return 1 if t.size == 0
  (1 + check(t[0])) + check(t[1])
end

def run(n)
  min_depth = 4
  max_depth = n
  max_depth = min_depth + 2 if max_depth < min_depth + 2
  total = check(make(max_depth + 1))
  long_lived = make(max_depth)
  d = min_depth
  while d <= max_depth
    iters = 1
    e = 0
    while e < (max_depth - d) + min_depth
      iters = iters * 2
      e += 1
    end
    k = 0
    while k < iters
      total += check(make(d))
      k += 1
    end
    d += 2
  end
  total += check(long_lived)
  total
end

puts run(15)
