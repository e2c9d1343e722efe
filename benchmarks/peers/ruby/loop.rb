# loop: while loop summing 1..n, n = 50000000.
def run(n)
  i = 0
  s = 0
  while i < n
    i += 1
    s += i
  end
  s
end

puts run(50_000_000)
