/* methods: a Point "class" (struct + method table) with a method called
 * n = 10000000 times through the class's function pointer. */
#include <stdio.h>
#include <stdlib.h>

typedef struct Point Point;
typedef struct {
    const char *name;
    long long (*sum)(const Point *self);
} PointClass;

struct Point {
    const PointClass *cls;
    long long x, y;
};

static long long point_sum(const Point *self) { return self->x + self->y; }

static const PointClass POINT_CLASS = {"Point", point_sum};

static Point *point_new(long long x, long long y) {
    Point *p = malloc(sizeof *p);
    if (!p) abort();
    p->cls = &POINT_CLASS;
    p->x = x;
    p->y = y;
    return p;
}

static long long run(long long n) {
    Point *p = point_new(1, 2);
    long long s = 0;
    long long i = 0;
    while (i < n) {
        s += p->cls->sum(p);
        i += 1;
    }
    free(p);
    return s;
}

int main(void) {
    printf("%lld\n", run(10000000));
    return 0;
}
