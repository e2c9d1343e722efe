# tokenizer: scans a generated source text of n = 40000 lines such as
# "let v12 = (alpha_12 + 1249) * 42;" character by character into [kind, text]
# tokens (numbers, identifiers, one-character punctuation; blanks skipped).
# Prints the token count and the sum of the numbers.
def digit?(c)
  c >= "0" && c <= "9"
end

def letter?(c)
  (c >= "a" && c <= "z") || (c >= "A" && c <= "Z") || c == "_"
end

def tokenize(src)
  tokens = []
  n = src.length
  i = 0
  while i < n
    c = src[i]
    if c == " " || c == "\n" || c == "\t"
      i += 1
    elsif digit?(c)
      start = i
      i += 1 while i < n && digit?(src[i])
      tokens << [:num, src[start...i]]
    elsif letter?(c)
      start = i
      i += 1 while i < n && (letter?(src[i]) || digit?(src[i]))
      tokens << [:ident, src[start...i]]
    else
      tokens << [:punct, c]
      i += 1
    end
  end
  tokens
end

def run(n)
  lines = []
  i = 0
  while i < n
    lines << "let v#{i} = (alpha_#{i % 13} + #{(i * 7919) % 10007}) * 42;"
    i += 1
  end
  src = lines.join("\n")
  tokens = tokenize(src)
  sum = 0
  tokens.each do |kind, text|
    sum += text.to_i if kind == :num
  end
  "#{tokens.size} #{sum}"
end

puts run(40000)
