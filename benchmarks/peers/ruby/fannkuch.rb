# fannkuch-redux, n = 9. Prints [checksum max_flips].
def run(n)
  perm1 = Array.new(n, 0)
  perm = Array.new(n, 0)
  count = Array.new(n, 0)
  i = 0
  while i < n
    perm1[i] = i
    i += 1
  end
  max_flips = 0
  checksum = 0
  sign = 1
  r = n
  done = false
  until done
    while r != 1
      count[r - 1] = r
      r -= 1
    end
    i = 0
    while i < n
      perm[i] = perm1[i]
      i += 1
    end
    flips = 0
    k = perm[0]
    while k != 0
      lo = 0
      hi = k
      while lo < hi
        tmp = perm[lo]
        perm[lo] = perm[hi]
        perm[hi] = tmp
        lo += 1
        hi -= 1
      end
      flips += 1
      k = perm[0]
    end
    max_flips = flips if flips > max_flips
    checksum += sign * flips
    sign = -sign
    more = true
    while more
      if r == n
        done = true
        more = false
      else
        perm0 = perm1[0]
        i = 0
        while i < r
          perm1[i] = perm1[i + 1]
          i += 1
        end
        perm1[r] = perm0
        count[r] = count[r] - 1
        if count[r] > 0
          more = false
        else
          r += 1
        end
      end
    end
  end
  "[#{checksum} #{max_flips}]"
end

puts run(9)
