# levenshtein: edit distance of every pair of n = 250 pseudo-random words over
# "acgt" (4 to 15 letters; seed = seed * 16807 mod 2^31-1), two-row dynamic
# programming. Prints the sum of the distances.
LETTERS = "acgt"

def make_words(count)
  seed = 7
  words = []
  k = 0
  while k < count
    seed = (seed * 16807) % 2147483647
    len = 4 + seed % 12
    w = +""
    j = 0
    while j < len
      seed = (seed * 16807) % 2147483647
      w << LETTERS[seed % 4]
      j += 1
    end
    words << w
    k += 1
  end
  words
end

def distance(a, b)
  m = a.length
  n = b.length
  prev = Array.new(n + 1) { |j| j }
  cur = Array.new(n + 1, 0)
  i = 1
  while i <= m
    cur[0] = i
    ca = a[i - 1]
    j = 1
    while j <= n
      cost = ca == b[j - 1] ? 0 : 1
      cur[j] = [prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost].min
      j += 1
    end
    prev, cur = cur, prev
    i += 1
  end
  prev[n]
end

def run(n)
  words = make_words(n)
  total = 0
  i = 0
  while i < n
    j = i + 1
    while j < n
      total += distance(words[i], words[j])
      j += 1
    end
    i += 1
  end
  total
end

puts run(250)
