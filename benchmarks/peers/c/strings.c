/* strings: build a short string per iteration with 20 concatenations, each
 * producing a new heap string (like Gene's .append), sum lengths. n = 300000. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
    size_t len;
    char data[];
} Str;

static Str *str_new(const char *s, size_t len) {
    Str *r = malloc(sizeof(Str) + len + 1);
    if (!r) abort();
    r->len = len;
    memcpy(r->data, s, len);
    r->data[len] = '\0';
    return r;
}

static Str *str_append(const Str *a, const Str *b) {
    Str *r = malloc(sizeof(Str) + a->len + b->len + 1);
    if (!r) abort();
    r->len = a->len + b->len;
    memcpy(r->data, a->data, a->len);
    memcpy(r->data + a->len, b->data, b->len + 1);
    return r;
}

static Str *int_to_s(long long v) {
    char buf[32];
    int len = snprintf(buf, sizeof buf, "%lld", v);
    return str_new(buf, (size_t)len);
}

static long long run(long long n) {
    long long total = 0;
    Str *dash = str_new("-", 1);
    long long i = 0;
    while (i < n) {
        Str *s = int_to_s(i);
        long long j = 0;
        while (j < 10) {
            Str *t = str_append(s, dash);
            free(s);
            s = t;
            Str *js = int_to_s(j);
            t = str_append(s, js);
            free(js);
            free(s);
            s = t;
            j += 1;
        }
        total += (long long)s->len;
        free(s);
        i += 1;
    }
    free(dash);
    return total;
}

int main(void) {
    printf("%lld\n", run(300000));
    return 0;
}
