/* leibniz: pi by the Leibniz series, 30000000 terms. */
#include <stdio.h>

static double run(long long n) {
    double s = 0.0, sign = 1.0;
    long long k = 0;
    while (k < n) {
        s = s + (sign / ((2.0 * (double)k) + 1.0));
        sign = -sign;
        k += 1;
    }
    return 4.0 * s;
}

int main(void) {
    printf("%.9f\n", run(30000000));
    return 0;
}
