# leibniz: pi by the Leibniz series, 30000000 terms.
def run(n)
  s = 0.0
  sign = 1.0
  k = 0
  while k < n
    s = s + (sign / ((2.0 * k) + 1.0))
    sign = -sign
    k += 1
  end
  format("%.9f", 4.0 * s)
end

puts run(30_000_000)
