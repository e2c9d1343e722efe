/* memo: Collatz sequence lengths of 1..n (n = 600000), memoised in a hash table keyed
 * by every value met (length(1) = 1). Each start walks until it meets a known value,
 * then pops its path storing lengths. Prints the best start and its length.
 * C has no map: the table is a small open-addressing hash map from long long keys
 * to int values (linear probing, doubled when 3/4 full), and the path is a
 * growable array, as the other languages' maps and lists are. */
#include <stdio.h>
#include <stdlib.h>

typedef struct {
    long long *keys; /* 0 marks an empty slot (every key is >= 1) */
    int *vals;
    size_t cap, count;
} Map;

static size_t hash_key(long long k) {
    unsigned long long h = (unsigned long long)k * 0x9E3779B97F4A7C15ULL;
    return (size_t)(h ^ (h >> 29));
}

static void map_init(Map *m, size_t cap) {
    m->cap = cap;
    m->count = 0;
    m->keys = calloc(cap, sizeof(long long));
    m->vals = malloc(cap * sizeof(int));
    if (!m->keys || !m->vals) abort();
}

/* 0 when absent (every stored length is >= 1) */
static int map_get(const Map *m, long long k) {
    size_t mask = m->cap - 1, i = hash_key(k) & mask;
    while (m->keys[i] != 0) {
        if (m->keys[i] == k) return m->vals[i];
        i = (i + 1) & mask;
    }
    return 0;
}

static void map_put(Map *m, long long k, int v);

static void map_grow(Map *m) {
    Map bigger;
    map_init(&bigger, m->cap * 2);
    for (size_t i = 0; i < m->cap; i++)
        if (m->keys[i] != 0) map_put(&bigger, m->keys[i], m->vals[i]);
    free(m->keys);
    free(m->vals);
    *m = bigger;
}

static void map_put(Map *m, long long k, int v) {
    if ((m->count + 1) * 4 > m->cap * 3) map_grow(m);
    size_t mask = m->cap - 1, i = hash_key(k) & mask;
    while (m->keys[i] != 0) {
        if (m->keys[i] == k) { m->vals[i] = v; return; }
        i = (i + 1) & mask;
    }
    m->keys[i] = k;
    m->vals[i] = v;
    m->count++;
}

static void run(int n, int *best_out, int *best_len_out) {
    Map memo;
    map_init(&memo, 16);
    map_put(&memo, 1, 1);
    int best = 1, best_len = 1;
    size_t path_cap = 16, path_len;
    long long *path = malloc(path_cap * sizeof(long long));
    if (!path) abort();
    for (int start = 1; start <= n; start++) {
        path_len = 0;
        long long x = start;
        int len = map_get(&memo, x);
        while (len == 0) {
            if (path_len == path_cap) {
                path_cap *= 2;
                path = realloc(path, path_cap * sizeof(long long));
                if (!path) abort();
            }
            path[path_len++] = x;
            if (x % 2 == 0)
                x = x / 2;
            else
                x = 3 * x + 1;
            len = map_get(&memo, x);
        }
        while (path_len > 0) {
            len += 1;
            map_put(&memo, path[--path_len], len);
        }
        if (len > best_len) {
            best = start;
            best_len = len;
        }
    }
    free(path);
    free(memo.keys);
    free(memo.vals);
    *best_out = best;
    *best_len_out = best_len;
}

int main(void) {
    int best, best_len;
    run(600000, &best, &best_len);
    printf("%d %d\n", best, best_len);
    return 0;
}
