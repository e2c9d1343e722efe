/* fannkuch-redux, n = 9. Prints [checksum max_flips]. */
#include <stdio.h>
#include <stdlib.h>

static void run(int n, long long *checksum_out, int *max_flips_out) {
    int *perm1 = calloc(n, sizeof(int)), *perm = calloc(n, sizeof(int)),
        *count = calloc(n, sizeof(int));
    if (!perm1 || !perm || !count) abort();
    for (int i = 0; i < n; i++) perm1[i] = i;
    int max_flips = 0;
    long long checksum = 0;
    int sign = 1;
    int r = n;
    int done = 0;
    while (!done) {
        while (r != 1) {
            count[r - 1] = r;
            r -= 1;
        }
        for (int i = 0; i < n; i++) perm[i] = perm1[i];
        int flips = 0;
        int k = perm[0];
        while (k != 0) {
            int lo = 0, hi = k;
            while (lo < hi) {
                int tmp = perm[lo];
                perm[lo] = perm[hi];
                perm[hi] = tmp;
                lo += 1;
                hi -= 1;
            }
            flips += 1;
            k = perm[0];
        }
        if (flips > max_flips) max_flips = flips;
        checksum += sign * flips;
        sign = -sign;
        int more = 1;
        while (more) {
            if (r == n) {
                done = 1;
                more = 0;
            } else {
                int perm0 = perm1[0];
                for (int i = 0; i < r; i++) perm1[i] = perm1[i + 1];
                perm1[r] = perm0;
                count[r] = count[r] - 1;
                if (count[r] > 0) more = 0;
                else r += 1;
            }
        }
    }
    free(perm1);
    free(perm);
    free(count);
    *checksum_out = checksum;
    *max_flips_out = max_flips;
}

int main(void) {
    long long checksum;
    int max_flips;
    run(9, &checksum, &max_flips);
    printf("[%lld %d]\n", checksum, max_flips);
    return 0;
}
