/* dispatch: a small stack-machine interpreter. The program is an array of
 * {op, number, name} structs such as {PUSH, 0, NULL} and {STORE, 0, "acc"}, assembled
 * once, then run by a loop that dispatches with a switch on the enum. The VM program
 * sums (i * i) mod 7 plus gcd(i, 360) (Euclid) over i = 1..n, n = 120000.
 * Prints [result steps].
 * As a C programmer writes it, the assembler resolves every name once: a label becomes
 * the target position stored in the jump, a variable name becomes a slot in a small
 * array of variables, so the loop itself does no lookups by name. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef enum { PUSH, LOAD, STORE, ADD, MUL, MOD, GT, EQ, JMP, JNZ, PRINT, HALT, LABEL } Op;

typedef struct {
    Op op;
    long long num;
    const char *name;
} Source;

typedef struct {
    Op op;
    long long arg; /* the number, the variable's slot or the jump target */
} Ins;

static const Source PROGRAM[] = {
    {PUSH, 0, NULL}, {STORE, 0, "acc"},
    {PUSH, 1, NULL}, {STORE, 0, "i"},
    {LABEL, 0, "loop"},
    {LOAD, 0, "i"}, {LOAD, 0, "limit"}, {GT, 0, NULL}, {JNZ, 0, "done"},
    {LOAD, 0, "i"}, {LOAD, 0, "i"}, {MUL, 0, NULL}, {PUSH, 7, NULL}, {MOD, 0, NULL},
    {LOAD, 0, "acc"}, {ADD, 0, NULL}, {STORE, 0, "acc"},
    /* gcd(i, 360) by Euclid */
    {LOAD, 0, "i"}, {STORE, 0, "a"}, {PUSH, 360, NULL}, {STORE, 0, "b"},
    {LABEL, 0, "gcd"},
    {LOAD, 0, "b"}, {PUSH, 0, NULL}, {EQ, 0, NULL}, {JNZ, 0, "gcd_done"},
    {LOAD, 0, "a"}, {LOAD, 0, "b"}, {MOD, 0, NULL}, {LOAD, 0, "b"}, {STORE, 0, "a"}, {STORE, 0, "b"},
    {JMP, 0, "gcd"},
    {LABEL, 0, "gcd_done"},
    {LOAD, 0, "acc"}, {LOAD, 0, "a"}, {ADD, 0, NULL}, {STORE, 0, "acc"},
    {LOAD, 0, "i"}, {PUSH, 1, NULL}, {ADD, 0, NULL}, {STORE, 0, "i"},
    {JMP, 0, "loop"},
    {LABEL, 0, "done"},
    {LOAD, 0, "acc"}, {PRINT, 0, NULL},
    {HALT, 0, NULL},
};
#define PROGRAM_SIZE ((int)(sizeof PROGRAM / sizeof PROGRAM[0]))
#define MAX_NAMES 32

typedef struct {
    const char *names[MAX_NAMES];
    long long values[MAX_NAMES];
    int count;
} Table;

static int find(const Table *t, const char *name) {
    for (int k = 0; k < t->count; k++)
        if (strcmp(t->names[k], name) == 0) return k;
    return -1;
}

static int intern(Table *t, const char *name) {
    int k = find(t, name);
    if (k >= 0) return k;
    if (t->count == MAX_NAMES) abort();
    t->names[t->count] = name;
    t->values[t->count] = 0;
    return t->count++;
}

/* Drops the labels, stores their targets in the jumps and numbers the variables. */
static int assemble(const Source *program, int size, Ins *code, Table *vars) {
    Table labels = {.count = 0};
    int n = 0;
    for (int k = 0; k < size; k++) {
        if (program[k].op == LABEL)
            labels.values[intern(&labels, program[k].name)] = n;
        else
            n++;
    }
    n = 0;
    for (int k = 0; k < size; k++) {
        const Source *s = &program[k];
        Ins ins = {s->op, s->num};
        switch (s->op) {
        case LABEL:
            continue;
        case LOAD:
        case STORE:
            ins.arg = intern(vars, s->name);
            break;
        case JMP:
        case JNZ: {
            int l = find(&labels, s->name);
            if (l < 0) abort();
            ins.arg = labels.values[l];
            break;
        }
        default:
            break;
        }
        code[n++] = ins;
    }
    return n;
}

static void execute(const Ins *code, Table *vars, long long *out_p, long long *steps_p) {
    long long *v = vars->values;
    long long stack[64];
    int sp = 0;
    int pc = 0;
    long long steps = 0;
    long long out = 0;
    int running = 1;
    while (running) {
        const Ins *ins = &code[pc];
        pc += 1;
        steps += 1;
        switch (ins->op) {
        case PUSH: stack[sp++] = ins->arg; break;
        case LOAD: stack[sp++] = v[ins->arg]; break;
        case STORE: v[ins->arg] = stack[--sp]; break;
        case ADD: sp--; stack[sp - 1] = stack[sp - 1] + stack[sp]; break;
        case MUL: sp--; stack[sp - 1] = stack[sp - 1] * stack[sp]; break;
        case MOD: sp--; stack[sp - 1] = stack[sp - 1] % stack[sp]; break;
        case GT: sp--; stack[sp - 1] = stack[sp - 1] > stack[sp]; break;
        case EQ: sp--; stack[sp - 1] = stack[sp - 1] == stack[sp]; break;
        case JMP: pc = (int)ins->arg; break;
        case JNZ: if (stack[--sp]) pc = (int)ins->arg; break;
        case PRINT: out = stack[--sp]; break;
        case HALT: running = 0; break;
        default:
            fprintf(stderr, "bad instruction %d\n", (int)ins->op);
            exit(1);
        }
    }
    *out_p = out;
    *steps_p = steps;
}

static void run(int n, long long *out, long long *steps) {
    Ins code[PROGRAM_SIZE];
    Table vars = {.count = 0};
    vars.values[intern(&vars, "limit")] = n;
    assemble(PROGRAM, PROGRAM_SIZE, code, &vars);
    execute(code, &vars, out, steps);
}

int main(void) {
    long long out, steps;
    run(120000, &out, &steps);
    printf("[%lld %lld]\n", out, steps);
    return 0;
}
