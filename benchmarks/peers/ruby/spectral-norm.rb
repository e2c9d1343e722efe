# spectral-norm: n = 400, 10 iterations.
def eval_a(i, j)
  ij = i + j
  1.0 / ((((ij * (ij + 1)) / 2) + i) + 1)
end

def mul_av(n, x, y)
  i = 0
  while i < n
    sum = 0.0
    j = 0
    while j < n
      sum = sum + (eval_a(i, j) * x[j])
      j += 1
    end
    y[i] = sum
    i += 1
  end
end

def mul_atv(n, x, y)
  i = 0
  while i < n
    sum = 0.0
    j = 0
    while j < n
      sum = sum + (eval_a(j, i) * x[j])
      j += 1
    end
    y[i] = sum
    i += 1
  end
end

def mul_atav(n, x, y, t)
  mul_av(n, x, t)
  mul_atv(n, t, y)
end

def run(n)
  u = Array.new(n, 1.0)
  v = Array.new(n, 0.0)
  t = Array.new(n, 0.0)
  k = 0
  while k < 10
    mul_atav(n, u, v, t)
    mul_atav(n, v, u, t)
    k += 1
  end
  vbv = 0.0
  vv = 0.0
  i = 0
  while i < n
    vbv = vbv + (u[i] * v[i])
    vv = vv + (v[i] * v[i])
    i += 1
  end
  format("%.9f", Math.sqrt(vbv / vv))
end

puts run(400)
