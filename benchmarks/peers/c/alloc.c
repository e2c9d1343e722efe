/* alloc: a heap-allocated 3-element array per iteration, n = 10000000. */
#include <stdio.h>
#include <stdlib.h>

static long long run(long long n) {
    long long s = 0;
    long long i = 0;
    while (i < n) {
        long long *a = malloc(3 * sizeof *a);
        if (!a) abort();
        a[0] = i;
        a[1] = i + 1;
        a[2] = i + 2;
        s += (a[2] - a[0]) + a[1];
        free(a);
        i += 1;
    }
    return s;
}

int main(void) {
    printf("%lld\n", run(10000000));
    return 0;
}
