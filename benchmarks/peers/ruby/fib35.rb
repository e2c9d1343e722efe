# fib35: naive recursive Fibonacci, fib(35). Expected: 9227465
def fib(n)
  return n if n < 2
  fib(n - 1) + fib(n - 2)
end

def run(n)
  fib(n)
end

puts run(35)
