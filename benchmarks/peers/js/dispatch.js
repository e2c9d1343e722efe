// dispatch: a small stack-machine interpreter. The program is an array of instructions
// such as ["push", 0] and ["store", "acc"], assembled once (labels into an object of
// positions), then run by a loop that dispatches on the instruction's name with a
// switch on strings. The VM program sums (i * i) mod 7 plus gcd(i, 360) (Euclid) over
// i = 1..n, n = 120000. Prints [result steps].
"use strict";
const PROGRAM = [
  ["push", 0], ["store", "acc"],
  ["push", 1], ["store", "i"],
  ["label", "loop"],
  ["load", "i"], ["load", "limit"], ["gt"], ["jnz", "done"],
  ["load", "i"], ["load", "i"], ["mul"], ["push", 7], ["mod"],
  ["load", "acc"], ["add"], ["store", "acc"],
  // gcd(i, 360) by Euclid
  ["load", "i"], ["store", "a"], ["push", 360], ["store", "b"],
  ["label", "gcd"],
  ["load", "b"], ["push", 0], ["eq"], ["jnz", "gcd_done"],
  ["load", "a"], ["load", "b"], ["mod"], ["load", "b"], ["store", "a"], ["store", "b"],
  ["jmp", "gcd"],
  ["label", "gcd_done"],
  ["load", "acc"], ["load", "a"], ["add"], ["store", "acc"],
  ["load", "i"], ["push", 1], ["add"], ["store", "i"],
  ["jmp", "loop"],
  ["label", "done"],
  ["load", "acc"], ["print"],
  ["halt"],
];

function assemble(program) {
  const code = [];
  const labels = {};
  for (const ins of program) {
    if (ins[0] === "label") {
      labels[ins[1]] = code.length;
    } else {
      code.push(ins);
    }
  }
  return [code, labels];
}

function execute(code, labels, limit) {
  const vars = { limit: limit };
  const stack = [];
  let pc = 0;
  let steps = 0;
  let out = null;
  let running = true;
  while (running) {
    const ins = code[pc];
    pc += 1;
    steps += 1;
    switch (ins[0]) {
      case "push":
        stack.push(ins[1]);
        break;
      case "load":
        stack.push(vars[ins[1]]);
        break;
      case "store":
        vars[ins[1]] = stack.pop();
        break;
      case "add": {
        const b = stack.pop();
        stack.push(stack.pop() + b);
        break;
      }
      case "mul": {
        const b = stack.pop();
        stack.push(stack.pop() * b);
        break;
      }
      case "mod": {
        const b = stack.pop();
        stack.push(stack.pop() % b);
        break;
      }
      case "gt": {
        const b = stack.pop();
        stack.push(stack.pop() > b);
        break;
      }
      case "eq": {
        const b = stack.pop();
        stack.push(stack.pop() === b);
        break;
      }
      case "jmp":
        pc = labels[ins[1]];
        break;
      case "jnz":
        if (stack.pop()) pc = labels[ins[1]];
        break;
      case "print":
        out = stack.pop();
        break;
      case "halt":
        running = false;
        break;
      default:
        throw new Error("bad instruction " + ins);
    }
  }
  return [out, steps];
}

function run(n) {
  const [code, labels] = assemble(PROGRAM);
  const [out, steps] = execute(code, labels, n);
  return "[" + out + " " + steps + "]";
}
console.log(run(120000));
