# fib30: naive recursive Fibonacci, fib(30). Expected: 832040
def fib(n)
  return n if n < 2
  fib(n - 1) + fib(n - 2)
end

def run(n)
  fib(n)
end

puts run(30)
