/* fib30: naive recursive Fibonacci, fib(30). Expected: 832040 */
#include <stdio.h>

static long long fib(long long n) {
    if (n < 2) return n;
    return fib(n - 1) + fib(n - 2);
}

static long long run(long long n) { return fib(n); }

int main(void) {
    printf("%lld\n", run(30));
    return 0;
}
