/* maps: C has no maps, so this uses a small open-addressing hash map keyed by
 * interned symbols (like Gene's map keys), allocated per iteration.
 * n = 3000000. */
#include <stdio.h>
#include <stdlib.h>

typedef struct { unsigned id; const char *name; } Sym;
static const Sym SYM_A = {1, "a"}, SYM_B = {2, "b"}, SYM_C = {3, "c"}, SYM_D = {4, "d"};

typedef struct { const Sym *key; long long value; } Entry;
typedef struct { unsigned cap, count; Entry *entries; } Map;

static Map *map_new(unsigned cap) {
    Map *m = malloc(sizeof *m);
    if (!m) abort();
    m->cap = cap;
    m->count = 0;
    m->entries = calloc(cap, sizeof(Entry));
    if (!m->entries) abort();
    return m;
}

static void map_free(Map *m) {
    free(m->entries);
    free(m);
}

static Entry *map_slot(Map *m, const Sym *key) {
    unsigned mask = m->cap - 1;
    unsigned h = (key->id * 2654435761u) & mask;
    while (m->entries[h].key && m->entries[h].key != key) h = (h + 1) & mask;
    return &m->entries[h];
}

static void map_set(Map *m, const Sym *key, long long v) {
    Entry *e = map_slot(m, key);
    if (!e->key) {
        e->key = key;
        m->count += 1;
    }
    e->value = v;
}

static long long map_get(Map *m, const Sym *key) {
    Entry *e = map_slot(m, key);
    return e->key ? e->value : 0;
}

static long long run(long long n) {
    long long total = 0;
    long long i = 0;
    while (i < n) {
        Map *m = map_new(8);
        map_set(m, &SYM_A, i);
        map_set(m, &SYM_B, i + 1);
        map_set(m, &SYM_C, 0);
        map_set(m, &SYM_D, 0);
        map_set(m, &SYM_C, map_get(m, &SYM_A) + map_get(m, &SYM_B));
        map_set(m, &SYM_D, map_get(m, &SYM_C) * 2);
        map_set(m, &SYM_A, map_get(m, &SYM_D) - map_get(m, &SYM_B));
        total += map_get(m, &SYM_A);
        map_free(m);
        i += 1;
    }
    return total;
}

int main(void) {
    printf("%lld\n", run(3000000));
    return 0;
}
