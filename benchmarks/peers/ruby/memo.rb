# memo: Collatz sequence lengths of 1..n (n = 600000), memoised in a hash keyed by
# every value met (length(1) = 1). Each start walks until it meets a known value,
# then pops its path storing lengths. Prints the best start and its length.
def run(n)
  memo = { 1 => 1 }
  best = 1
  best_len = 1
  start = 1
  while start <= n
    path = []
    x = start
    len = memo[x]
    while len.nil?
      path << x
      if x.even?
        x /= 2
      else
        x = 3 * x + 1
      end
      len = memo[x]
    end
    until path.empty?
      len += 1
      memo[path.pop] = len
    end
    if len > best_len
      best = start
      best_len = len
    end
    start += 1
  end
  "#{best} #{best_len}"
end

puts run(600000)
