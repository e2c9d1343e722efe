/* priority-queue: a binary min-heap; pushes n = 400000 pseudo-random Ints
 * (seed = seed * 16807 mod 2^31-1, value = seed mod 1000000), then pops them all.
 * Prints the sum of the popped values and a checksum of their order,
 * sum of (k * value) mod 1000000007 over the k-th pop.
 * The heap is a struct with a growable array (doubling with realloc), the
 * counterpart of the other languages' growable lists. */
#include <stdio.h>
#include <stdlib.h>

typedef struct {
    long long *items;
    int size, cap;
} MinHeap;

static void heap_init(MinHeap *h) {
    h->size = 0;
    h->cap = 16;
    h->items = malloc(h->cap * sizeof(long long));
    if (!h->items) abort();
}

static void heap_push(MinHeap *h, long long v) {
    if (h->size == h->cap) {
        h->cap *= 2;
        h->items = realloc(h->items, h->cap * sizeof(long long));
        if (!h->items) abort();
    }
    long long *items = h->items;
    int i = h->size++;
    items[i] = v;
    while (i > 0) {
        int p = (i - 1) / 2;
        long long pv = items[p];
        if (pv <= v) break;
        items[i] = pv;
        i = p;
    }
    items[i] = v;
}

static long long heap_pop(MinHeap *h) {
    long long *items = h->items;
    long long top = items[0];
    long long last = items[--h->size];
    int n = h->size;
    if (n > 0) {
        int i = 0;
        for (;;) {
            int l = 2 * i + 1;
            if (l >= n) break;
            int r = l + 1;
            int c = l;
            if (r < n && items[r] < items[l]) c = r;
            if (items[c] >= last) break;
            items[i] = items[c];
            i = c;
        }
        items[i] = last;
    }
    return top;
}

static void run(int n, long long *total_out, long long *checksum_out) {
    MinHeap heap;
    heap_init(&heap);
    long long seed = 42;
    for (int k = 0; k < n; k++) {
        seed = (seed * 16807) % 2147483647;
        heap_push(&heap, seed % 1000000);
    }
    long long total = 0, checksum = 0, k = 0;
    while (heap.size > 0) {
        long long v = heap_pop(&heap);
        k += 1;
        total += v;
        checksum = (checksum + k * v) % 1000000007;
    }
    free(heap.items);
    *total_out = total;
    *checksum_out = checksum;
}

int main(void) {
    long long total, checksum;
    run(400000, &total, &checksum);
    printf("%lld %lld\n", total, checksum);
    return 0;
}
