/* levenshtein: edit distance of every pair of n = 250 pseudo-random words over
 * "acgt" (4 to 15 letters; seed = seed * 16807 mod 2^31-1), two-row dynamic
 * programming. Prints the sum of the distances. Words are malloc'ed C strings; each
 * call allocates its two rows, as the other programs do. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char LETTERS[] = "acgt";

static char **make_words(int count) {
    long long seed = 7;
    char **words = malloc(count * sizeof(char *));
    if (!words) abort();
    for (int k = 0; k < count; k++) {
        seed = (seed * 16807) % 2147483647;
        int len = 4 + (int)(seed % 12);
        char *w = malloc(len + 1);
        if (!w) abort();
        for (int j = 0; j < len; j++) {
            seed = (seed * 16807) % 2147483647;
            w[j] = LETTERS[seed % 4];
        }
        w[len] = '\0';
        words[k] = w;
    }
    return words;
}

static int min3(int a, int b, int c) {
    int m = a < b ? a : b;
    return m < c ? m : c;
}

static int distance(const char *a, const char *b) {
    int m = (int)strlen(a), n = (int)strlen(b);
    int *prev = malloc((n + 1) * sizeof(int)), *cur = malloc((n + 1) * sizeof(int));
    if (!prev || !cur) abort();
    for (int j = 0; j <= n; j++) { prev[j] = j; cur[j] = 0; }
    for (int i = 1; i <= m; i++) {
        cur[0] = i;
        char ca = a[i - 1];
        for (int j = 1; j <= n; j++) {
            int cost = ca == b[j - 1] ? 0 : 1;
            cur[j] = min3(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost);
        }
        int *tmp = prev;
        prev = cur;
        cur = tmp;
    }
    int d = prev[n];
    free(prev);
    free(cur);
    return d;
}

static long long run(int n) {
    char **words = make_words(n);
    long long total = 0;
    for (int i = 0; i < n; i++)
        for (int j = i + 1; j < n; j++) total += distance(words[i], words[j]);
    for (int i = 0; i < n; i++) free(words[i]);
    free(words);
    return total;
}

int main(void) {
    printf("%lld\n", run(250));
    return 0;
}
