# dispatch: a small stack-machine interpreter. The program is an array of instructions
# such as [:push, 0] and [:store, :acc], assembled once (labels into a hash of
# positions), then run by a loop that dispatches on the instruction's name with
# case/when on symbols. The VM program sums (i * i) mod 7 plus gcd(i, 360) (Euclid)
# over i = 1..n, n = 120000. Prints [result steps].
PROGRAM = [
  [:push, 0], [:store, :acc],
  [:push, 1], [:store, :i],
  [:label, :loop],
  [:load, :i], [:load, :limit], [:gt], [:jnz, :done],
  [:load, :i], [:load, :i], [:mul], [:push, 7], [:mod],
  [:load, :acc], [:add], [:store, :acc],
  # gcd(i, 360) by Euclid
  [:load, :i], [:store, :a], [:push, 360], [:store, :b],
  [:label, :gcd],
  [:load, :b], [:push, 0], [:eq], [:jnz, :gcd_done],
  [:load, :a], [:load, :b], [:mod], [:load, :b], [:store, :a], [:store, :b],
  [:jmp, :gcd],
  [:label, :gcd_done],
  [:load, :acc], [:load, :a], [:add], [:store, :acc],
  [:load, :i], [:push, 1], [:add], [:store, :i],
  [:jmp, :loop],
  [:label, :done],
  [:load, :acc], [:print],
  [:halt],
].freeze

def assemble(program)
  code = []
  labels = {}
  program.each do |ins|
    if ins[0] == :label
      labels[ins[1]] = code.size
    else
      code << ins
    end
  end
  [code, labels]
end

def execute(code, labels, limit)
  vars = { limit: limit }
  stack = []
  pc = 0
  steps = 0
  out = nil
  running = true
  while running
    ins = code[pc]
    pc += 1
    steps += 1
    case ins[0]
    when :push
      stack << ins[1]
    when :load
      stack << vars[ins[1]]
    when :store
      vars[ins[1]] = stack.pop
    when :add
      b = stack.pop
      stack << (stack.pop + b)
    when :mul
      b = stack.pop
      stack << (stack.pop * b)
    when :mod
      b = stack.pop
      stack << (stack.pop % b)
    when :gt
      b = stack.pop
      stack << (stack.pop > b)
    when :eq
      b = stack.pop
      stack << (stack.pop == b)
    when :jmp
      pc = labels[ins[1]]
    when :jnz
      pc = labels[ins[1]] if stack.pop
    when :print
      out = stack.pop
    when :halt
      running = false
    else
      raise "bad instruction #{ins.inspect}"
    end
  end
  [out, steps]
end

def run(n)
  code, labels = assemble(PROGRAM)
  out, steps = execute(code, labels, n)
  "[#{out} #{steps}]"
end

puts run(120000)
