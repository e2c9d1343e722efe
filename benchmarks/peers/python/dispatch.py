# dispatch: a small stack-machine interpreter. The program is a list of instruction
# tuples such as ("push", 0) and ("store", "acc"), assembled once (labels into a dict
# of positions), then run by a loop that dispatches on the instruction's name with an
# if/elif chain of string comparisons. The VM program sums (i * i) mod 7 plus
# gcd(i, 360) (Euclid) over i = 1..n, n = 120000. Prints [result steps].

PROGRAM = [
    ("push", 0), ("store", "acc"),
    ("push", 1), ("store", "i"),
    ("label", "loop"),
    ("load", "i"), ("load", "limit"), ("gt",), ("jnz", "done"),
    ("load", "i"), ("load", "i"), ("mul",), ("push", 7), ("mod",),
    ("load", "acc"), ("add",), ("store", "acc"),
    # gcd(i, 360) by Euclid
    ("load", "i"), ("store", "a"), ("push", 360), ("store", "b"),
    ("label", "gcd"),
    ("load", "b"), ("push", 0), ("eq",), ("jnz", "gcd_done"),
    ("load", "a"), ("load", "b"), ("mod",), ("load", "b"), ("store", "a"), ("store", "b"),
    ("jmp", "gcd"),
    ("label", "gcd_done"),
    ("load", "acc"), ("load", "a"), ("add",), ("store", "acc"),
    ("load", "i"), ("push", 1), ("add",), ("store", "i"),
    ("jmp", "loop"),
    ("label", "done"),
    ("load", "acc"), ("print",),
    ("halt",),
]


def assemble(program):
    code = []
    labels = {}
    for ins in program:
        if ins[0] == "label":
            labels[ins[1]] = len(code)
        else:
            code.append(ins)
    return code, labels


def execute(code, labels, limit):
    variables = {"limit": limit}
    stack = []
    pc = 0
    steps = 0
    out = None
    while True:
        ins = code[pc]
        op = ins[0]
        pc += 1
        steps += 1
        if op == "push":
            stack.append(ins[1])
        elif op == "load":
            stack.append(variables[ins[1]])
        elif op == "store":
            variables[ins[1]] = stack.pop()
        elif op == "add":
            b = stack.pop()
            stack.append(stack.pop() + b)
        elif op == "mul":
            b = stack.pop()
            stack.append(stack.pop() * b)
        elif op == "mod":
            b = stack.pop()
            stack.append(stack.pop() % b)
        elif op == "gt":
            b = stack.pop()
            stack.append(stack.pop() > b)
        elif op == "eq":
            b = stack.pop()
            stack.append(stack.pop() == b)
        elif op == "jmp":
            pc = labels[ins[1]]
        elif op == "jnz":
            if stack.pop():
                pc = labels[ins[1]]
        elif op == "print":
            out = stack.pop()
        elif op == "halt":
            break
        else:
            raise ValueError("bad instruction %r" % (ins,))
    return out, steps


def run(n):
    code, labels = assemble(PROGRAM)
    out, steps = execute(code, labels, n)
    return "[%d %d]" % (out, steps)


print(run(120000))
