-- leibniz: pi by the Leibniz series, 30000000 terms.
local function run(n)
  local s, sign = 0.0, 1.0
  for k = 0, n - 1 do
    s = s + (sign / ((2.0 * k) + 1.0))
    sign = -sign
  end
  return string.format("%.9f", 4.0 * s)
end
print(run(30000000))
