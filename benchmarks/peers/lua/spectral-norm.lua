-- spectral-norm: n = 400, 10 iterations. Arrays are 1-based here; i and j in
-- eval_a are the 0-based indices used by every other implementation.
local sqrt = math.sqrt

-- ij * (ij + 1) is even and below 2^53, so * 0.5 is exact: the same double as the
-- integer division of the other peers, without a math.floor call (LuaJIT has no //).
local function eval_a(i, j)
  local ij = i + j
  return 1.0 / ((((ij * (ij + 1)) * 0.5) + i) + 1)
end

local function mul_av(n, x, y)
  for i = 0, n - 1 do
    local sum = 0.0
    for j = 0, n - 1 do
      sum = sum + (eval_a(i, j) * x[j + 1])
    end
    y[i + 1] = sum
  end
end

local function mul_atv(n, x, y)
  for i = 0, n - 1 do
    local sum = 0.0
    for j = 0, n - 1 do
      sum = sum + (eval_a(j, i) * x[j + 1])
    end
    y[i + 1] = sum
  end
end

local function mul_atav(n, x, y, t)
  mul_av(n, x, t)
  mul_atv(n, t, y)
end

local function run(n)
  local u, v, t = {}, {}, {}
  for i = 1, n do u[i] = 1.0; v[i] = 0.0; t[i] = 0.0 end
  for _ = 1, 10 do
    mul_atav(n, u, v, t)
    mul_atav(n, v, u, t)
  end
  local vbv, vv = 0.0, 0.0
  for i = 1, n do
    vbv = vbv + (u[i] * v[i])
    vv = vv + (v[i] * v[i])
  end
  return string.format("%.9f", sqrt(vbv / vv))
end
print(run(400))
