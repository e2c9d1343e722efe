# priority-queue: a binary min-heap class; pushes n = 400000 pseudo-random Ints
# (seed = seed * 16807 mod 2^31-1, value = seed mod 1000000), then pops them all.
# Prints the sum of the popped values and a checksum of their order,
# sum of (k * value) mod 1000000007 over the k-th pop.
class MinHeap
  def initialize
    @items = []
  end

  def size
    @items.size
  end

  def push(v)
    items = @items
    items << v
    i = items.size - 1
    while i > 0
      p = (i - 1) / 2
      pv = items[p]
      break if pv <= v
      items[i] = pv
      i = p
    end
    items[i] = v
  end

  def pop
    items = @items
    top = items[0]
    last = items.pop
    n = items.size
    if n > 0
      i = 0
      while true
        l = 2 * i + 1
        break if l >= n
        r = l + 1
        c = l
        c = r if r < n && items[r] < items[l]
        break if items[c] >= last
        items[i] = items[c]
        i = c
      end
      items[i] = last
    end
    top
  end
end

def run(n)
  heap = MinHeap.new
  seed = 42
  k = 0
  while k < n
    seed = (seed * 16807) % 2147483647
    heap.push(seed % 1000000)
    k += 1
  end
  total = 0
  checksum = 0
  k = 0
  while heap.size > 0
    v = heap.pop
    k += 1
    total += v
    checksum = (checksum + k * v) % 1000000007
  end
  "#{total} #{checksum}"
end

puts run(400000)
