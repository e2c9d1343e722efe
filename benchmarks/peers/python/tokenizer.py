# tokenizer: scans a generated source text of n = 40000 lines such as
# "let v12 = (alpha_12 + 1249) * 42;" character by character into (kind, text)
# tokens (numbers, identifiers, one-character punctuation; blanks skipped).
# Prints the token count and the sum of the numbers.


def tokenize(src):
    tokens = []
    n = len(src)
    i = 0
    while i < n:
        c = src[i]
        if c.isspace():
            i += 1
        elif c.isdigit():
            start = i
            while i < n and src[i].isdigit():
                i += 1
            tokens.append(("num", src[start:i]))
        elif c.isalpha() or c == "_":
            start = i
            while i < n and (src[i].isalnum() or src[i] == "_"):
                i += 1
            tokens.append(("ident", src[start:i]))
        else:
            tokens.append(("punct", c))
            i += 1
    return tokens


def run(n):
    lines = []
    for i in range(n):
        lines.append("let v%d = (alpha_%d + %d) * 42;" % (i, i % 13, (i * 7919) % 10007))
    src = "\n".join(lines)
    tokens = tokenize(src)
    total = 0
    for kind, text in tokens:
        if kind == "num":
            total += int(text)
    return "%d %d" % (len(tokens), total)


print(run(40000))
