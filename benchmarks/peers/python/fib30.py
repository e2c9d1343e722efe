# fib30: naive recursive Fibonacci, fib(30). Expected: 832040
def fib(n):
    if n < 2:
        return n
    return fib(n - 1) + fib(n - 2)


def run(n):
    return fib(n)


print(run(30))
