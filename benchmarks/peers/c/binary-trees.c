/* binary-trees: max depth 15; prints the sum of all item checks.
 * A node has two children; a leaf has none (both NULL). Trees are freed
 * explicitly after use, since C has no GC. */
#include <stdio.h>
#include <stdlib.h>

typedef struct Node {
    struct Node *left, *right;
} Node;

static Node *make(int depth) {
    Node *t = malloc(sizeof *t);
    if (!t) abort();
    if (depth > 0) {
        t->left = make(depth - 1);
        t->right = make(depth - 1);
    } else {
        t->left = t->right = NULL;
    }
    return t;
}

static long long check(const Node *t) {
    if (!t->left) return 1;
    return (1 + check(t->left)) + check(t->right);
}

static void release(Node *t) {
    if (t->left) {
        release(t->left);
        release(t->right);
    }
    free(t);
}

static long long run(int n) {
    int min_depth = 4;
    int max_depth = n;
    if (max_depth < min_depth + 2) max_depth = min_depth + 2;
    Node *stretch = make(max_depth + 1);
    long long total = check(stretch);
    release(stretch);
    Node *long_lived = make(max_depth);
    for (int d = min_depth; d <= max_depth; d += 2) {
        long long iters = 1;
        for (int e = 0; e < (max_depth - d) + min_depth; e++) iters = iters * 2;
        for (long long k = 0; k < iters; k++) {
            Node *t = make(d);
            total += check(t);
            release(t);
        }
    }
    total += check(long_lived);
    release(long_lived);
    return total;
}

int main(void) {
    printf("%lld\n", run(15));
    return 0;
}
