# strings: build a short string per iteration with 20 concatenations (each one
# makes a new string, like Gene's .append), sum lengths. n = 300000.
def run(n)
  total = 0
  i = 0
  while i < n
    s = i.to_s
    j = 0
    while j < 10
      s = s + "-"
      s = s + j.to_s
      j += 1
    end
    total += s.length
    i += 1
  end
  total
end

puts run(300_000)
