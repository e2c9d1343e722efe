// tokenizer: scans a generated source text of n = 40000 lines such as
// "let v12 = (alpha_12 + 1249) * 42;" character by character into [kind, text]
// tokens (numbers, identifiers, one-character punctuation; blanks skipped).
// Prints the token count and the sum of the numbers.
"use strict";
function isDigit(c) {
  return c >= "0" && c <= "9";
}

function isLetter(c) {
  return (c >= "a" && c <= "z") || (c >= "A" && c <= "Z") || c === "_";
}

function tokenize(src) {
  const tokens = [];
  const n = src.length;
  let i = 0;
  while (i < n) {
    const c = src[i];
    if (c === " " || c === "\n" || c === "\t") {
      i += 1;
    } else if (isDigit(c)) {
      const start = i;
      while (i < n && isDigit(src[i])) i += 1;
      tokens.push(["num", src.substring(start, i)]);
    } else if (isLetter(c)) {
      const start = i;
      while (i < n && (isLetter(src[i]) || isDigit(src[i]))) i += 1;
      tokens.push(["ident", src.substring(start, i)]);
    } else {
      tokens.push(["punct", c]);
      i += 1;
    }
  }
  return tokens;
}

function run(n) {
  const lines = [];
  for (let i = 0; i < n; i++) {
    lines.push(`let v${i} = (alpha_${i % 13} + ${(i * 7919) % 10007}) * 42;`);
  }
  const src = lines.join("\n");
  const tokens = tokenize(src);
  let sum = 0;
  for (const [kind, text] of tokens) {
    if (kind === "num") sum += parseInt(text, 10);
  }
  return tokens.length + " " + sum;
}
console.log(run(40000));
