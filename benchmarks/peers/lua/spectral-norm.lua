-- spectral-norm: n = 400, 10 iterations. Arrays are 1-based here; i and j in
-- eval_a are the 0-based indices used by every other implementation.
local sqrt = math.sqrt
local floor = math.floor

local function eval_a(i, j)
  local ij = i + j
  return 1.0 / ((floor((ij * (ij + 1)) / 2) + i) + 1)
end

local function mul_av(n, x, y)
  local i = 0
  while i < n do
    local sum = 0.0
    local j = 0
    while j < n do
      sum = sum + (eval_a(i, j) * x[j + 1])
      j = j + 1
    end
    y[i + 1] = sum
    i = i + 1
  end
end

local function mul_atv(n, x, y)
  local i = 0
  while i < n do
    local sum = 0.0
    local j = 0
    while j < n do
      sum = sum + (eval_a(j, i) * x[j + 1])
      j = j + 1
    end
    y[i + 1] = sum
    i = i + 1
  end
end

local function mul_atav(n, x, y, t)
  mul_av(n, x, t)
  mul_atv(n, t, y)
end

local function run(n)
  local u, v, t = {}, {}, {}
  for i = 1, n do u[i] = 1.0; v[i] = 0.0; t[i] = 0.0 end
  local k = 0
  while k < 10 do
    mul_atav(n, u, v, t)
    mul_atav(n, v, u, t)
    k = k + 1
  end
  local vbv, vv = 0.0, 0.0
  local i = 1
  while i <= n do
    vbv = vbv + (u[i] * v[i])
    vv = vv + (v[i] * v[i])
    i = i + 1
  end
  return string.format("%.9f", sqrt(vbv / vv))
end
print(run(400))
