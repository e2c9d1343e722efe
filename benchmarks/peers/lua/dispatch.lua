-- dispatch: a small stack-machine interpreter. The program is a table of instructions
-- such as {"push", 0} and {"store", "acc"}, assembled once (labels into a table of
-- positions), then run by a loop that dispatches on the instruction's name with an
-- if/elseif chain of string comparisons. The VM program sums (i * i) mod 7 plus
-- gcd(i, 360) (Euclid) over i = 1..n, n = 120000. Prints [result steps].
-- Tables are 1-based here: a label holds the Lua index of the instruction after it,
-- and the stack is a table with an explicit top index sp.
local PROGRAM = {
  {"push", 0}, {"store", "acc"},
  {"push", 1}, {"store", "i"},
  {"label", "loop"},
  {"load", "i"}, {"load", "limit"}, {"gt"}, {"jnz", "done"},
  {"load", "i"}, {"load", "i"}, {"mul"}, {"push", 7}, {"mod"},
  {"load", "acc"}, {"add"}, {"store", "acc"},
  -- gcd(i, 360) by Euclid
  {"load", "i"}, {"store", "a"}, {"push", 360}, {"store", "b"},
  {"label", "gcd"},
  {"load", "b"}, {"push", 0}, {"eq"}, {"jnz", "gcd_done"},
  {"load", "a"}, {"load", "b"}, {"mod"}, {"load", "b"}, {"store", "a"}, {"store", "b"},
  {"jmp", "gcd"},
  {"label", "gcd_done"},
  {"load", "acc"}, {"load", "a"}, {"add"}, {"store", "acc"},
  {"load", "i"}, {"push", 1}, {"add"}, {"store", "i"},
  {"jmp", "loop"},
  {"label", "done"},
  {"load", "acc"}, {"print"},
  {"halt"},
}

local function assemble(program)
  local code, labels = {}, {}
  for _, ins in ipairs(program) do
    if ins[1] == "label" then
      labels[ins[2]] = #code + 1
    else
      code[#code + 1] = ins
    end
  end
  return code, labels
end

local function execute(code, labels, limit)
  local vars = {limit = limit}
  local stack, sp = {}, 0
  local pc = 1
  local steps = 0
  local out = nil
  while true do
    local ins = code[pc]
    local op = ins[1]
    pc = pc + 1
    steps = steps + 1
    if op == "push" then
      sp = sp + 1; stack[sp] = ins[2]
    elseif op == "load" then
      sp = sp + 1; stack[sp] = vars[ins[2]]
    elseif op == "store" then
      vars[ins[2]] = stack[sp]; sp = sp - 1
    elseif op == "add" then
      stack[sp - 1] = stack[sp - 1] + stack[sp]; sp = sp - 1
    elseif op == "mul" then
      stack[sp - 1] = stack[sp - 1] * stack[sp]; sp = sp - 1
    elseif op == "mod" then
      stack[sp - 1] = stack[sp - 1] % stack[sp]; sp = sp - 1
    elseif op == "gt" then
      stack[sp - 1] = stack[sp - 1] > stack[sp]; sp = sp - 1
    elseif op == "eq" then
      stack[sp - 1] = stack[sp - 1] == stack[sp]; sp = sp - 1
    elseif op == "jmp" then
      pc = labels[ins[2]]
    elseif op == "jnz" then
      local v = stack[sp]; sp = sp - 1
      if v then pc = labels[ins[2]] end
    elseif op == "print" then
      out = stack[sp]; sp = sp - 1
    elseif op == "halt" then
      break
    else
      error("bad instruction " .. tostring(op))
    end
  end
  return out, steps
end

local function run(n)
  local code, labels = assemble(PROGRAM)
  local out, steps = execute(code, labels, n)
  return string.format("[%d %d]", out, steps)
end
print(run(120000))
