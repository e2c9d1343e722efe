-- tokenizer: scans a generated source text of n = 40000 lines such as
-- "let v12 = (alpha_12 + 1249) * 42;" character by character into {kind, text}
-- tokens (numbers, identifiers, one-character punctuation; blanks skipped).
-- Prints the token count and the sum of the numbers.
-- Strings are 1-based here: Gene's position i is Lua's i + 1.
local function is_digit(c)
  return c >= "0" and c <= "9"
end

local function is_letter(c)
  return (c >= "a" and c <= "z") or (c >= "A" and c <= "Z") or c == "_"
end

local function tokenize(src)
  local tokens = {}
  local n = #src
  local i = 1
  while i <= n do
    local c = src:sub(i, i)
    if c == " " or c == "\n" or c == "\t" then
      i = i + 1
    elseif is_digit(c) then
      local start = i
      while i <= n and is_digit(src:sub(i, i)) do i = i + 1 end
      tokens[#tokens + 1] = {"num", src:sub(start, i - 1)}
    elseif is_letter(c) then
      local start = i
      while i <= n do
        local d = src:sub(i, i)
        if not (is_letter(d) or is_digit(d)) then break end
        i = i + 1
      end
      tokens[#tokens + 1] = {"ident", src:sub(start, i - 1)}
    else
      tokens[#tokens + 1] = {"punct", c}
      i = i + 1
    end
  end
  return tokens
end

local function run(n)
  local lines = {}
  for i = 0, n - 1 do
    lines[#lines + 1] = "let v" .. i .. " = (alpha_" .. (i % 13) .. " + " ..
      ((i * 7919) % 10007) .. ") * 42;"
  end
  local src = table.concat(lines, "\n")
  local tokens = tokenize(src)
  local sum = 0
  for _, t in ipairs(tokens) do
    if t[1] == "num" then sum = sum + tonumber(t[2]) end
  end
  return string.format("%d %d", #tokens, sum)
end
print(run(40000))
