# closures: create a closure (lambda) per iteration and call it; a long-lived
# closure mutates a captured variable. n = 5000000.
def make_adder(k)
  ->(x) { x + k }
end

def run(n)
  total = 0
  bump = ->(d) { total += d }
  i = 0
  while i < n
    add = make_adder(i)
    bump.call(add.call(1))
    i += 1
  end
  total
end

puts run(5_000_000)
