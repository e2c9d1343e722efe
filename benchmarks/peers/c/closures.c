/* closures: C has no closures, so each one is a heap-allocated environment
 * plus a function pointer, created per iteration and called indirectly; a
 * long-lived closure mutates a captured variable. n = 5000000. */
#include <stdio.h>
#include <stdlib.h>

typedef struct Closure Closure;
struct Closure {
    long long (*fn)(Closure *self, long long arg);
    long long k;        /* captured value (adder) */
    long long *cell;    /* captured variable (bump) */
};

static long long adder_fn(Closure *self, long long x) { return x + self->k; }

static Closure *make_adder(long long k) {
    Closure *c = malloc(sizeof *c);
    if (!c) abort();
    c->fn = adder_fn;
    c->k = k;
    c->cell = NULL;
    return c;
}

static long long bump_fn(Closure *self, long long d) {
    *self->cell += d;
    return *self->cell;
}

static long long run(long long n) {
    long long *total = malloc(sizeof *total);
    if (!total) abort();
    *total = 0;
    Closure *bump = malloc(sizeof *bump);
    if (!bump) abort();
    bump->fn = bump_fn;
    bump->k = 0;
    bump->cell = total;
    long long i = 0;
    while (i < n) {
        Closure *add = make_adder(i);
        bump->fn(bump, add->fn(add, 1));
        free(add);
        i += 1;
    }
    long long result = *total;
    free(bump);
    free(total);
    return result;
}

int main(void) {
    printf("%lld\n", run(5000000));
    return 0;
}
