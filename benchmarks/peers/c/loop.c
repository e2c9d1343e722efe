/* loop: while loop summing 1..n, n = 50000000.
 * Note: gcc -O2 may reduce this loop to a closed form; the C time is then
 * little more than process start-up. */
#include <stdio.h>

static long long run(long long n) {
    long long i = 0, s = 0;
    while (i < n) {
        i += 1;
        s += i;
    }
    return s;
}

int main(void) {
    printf("%lld\n", run(50000000));
    return 0;
}
