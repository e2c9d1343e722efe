/* tak: Takeuchi function tak(3n + 1, 2n, n) = tak(28, 18, 9). Expected: 10 */
#include <stdio.h>

static long long tak(long long x, long long y, long long z) {
    if (y < x) return tak(tak(x - 1, y, z), tak(y - 1, z, x), tak(z - 1, x, y));
    return z;
}

static long long run(long long n) { return tak((n * 3) + 1, n * 2, n); }

int main(void) {
    printf("%lld\n", run(9));
    return 0;
}
