-- nbody: Jovian n-body simulation, 500000 steps of dt = 0.01; final energy.
-- Each body is an array {x, y, z, vx, vy, vz, mass} (Lua index = Gene index + 1).
local sqrt = math.sqrt
local PI = 3.141592653589793
local SOLAR_MASS = (4.0 * PI) * PI
local DAYS_PER_YEAR = 365.24

local function make_body(x, y, z, vx, vy, vz, mass)
  return {x, y, z, vx * DAYS_PER_YEAR, vy * DAYS_PER_YEAR, vz * DAYS_PER_YEAR,
          mass * SOLAR_MASS}
end

local function make_bodies()
  return {
    make_body(0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 1.0),
    make_body(4.84143144246472090e+00, -1.16032004402742839e+00, -1.03622044471123109e-01,
              1.66007664274403694e-03, 7.69901118419740425e-03, -6.90460016972063023e-05,
              9.54791938424326609e-04),
    make_body(8.34336671824457987e+00, 4.12479856412430479e+00, -4.03523417114321381e-01,
              -2.76742510726862411e-03, 4.99852801234917238e-03, 2.30417297573763929e-05,
              2.85885980666130812e-04),
    make_body(1.28943695621391310e+01, -1.51111514016986312e+01, -2.23307578892655734e-01,
              2.96460137564761618e-03, 2.37847173959480950e-03, -2.96589568540237556e-05,
              4.36624404335156298e-05),
    make_body(1.53796971148509165e+01, -2.59193146099879641e+01, 1.79258772950371181e-01,
              2.68067772490389322e-03, 1.62824170038242295e-03, -9.51592254519715870e-05,
              5.15138902046611451e-05),
  }
end

local function offset_momentum(bodies)
  local px, py, pz = 0.0, 0.0, 0.0
  local nb = #bodies
  for i = 1, nb do
    local b = bodies[i]
    px = px + (b[4] * b[7])
    py = py + (b[5] * b[7])
    pz = pz + (b[6] * b[7])
  end
  local sun = bodies[1]
  sun[4] = (-px) / SOLAR_MASS
  sun[5] = (-py) / SOLAR_MASS
  sun[6] = (-pz) / SOLAR_MASS
end

local function energy(bodies)
  local e = 0.0
  local nb = #bodies
  for i = 1, nb do
    local b = bodies[i]
    e = e + ((0.5 * b[7]) * (((b[4] * b[4]) + (b[5] * b[5])) + (b[6] * b[6])))
    for j = i + 1, nb do
      local b2 = bodies[j]
      local dx = b[1] - b2[1]
      local dy = b[2] - b2[2]
      local dz = b[3] - b2[3]
      e = e - ((b[7] * b2[7]) / sqrt(((dx * dx) + (dy * dy)) + (dz * dz)))
    end
  end
  return e
end

local function advance(bodies, dt)
  local nb = #bodies
  for i = 1, nb do
    local bi = bodies[i]
    for j = i + 1, nb do
      local bj = bodies[j]
      local dx = bi[1] - bj[1]
      local dy = bi[2] - bj[2]
      local dz = bi[3] - bj[3]
      local d2 = ((dx * dx) + (dy * dy)) + (dz * dz)
      local mag = dt / (d2 * sqrt(d2))
      local bim = bi[7] * mag
      local bjm = bj[7] * mag
      bi[4] = bi[4] - (dx * bjm)
      bi[5] = bi[5] - (dy * bjm)
      bi[6] = bi[6] - (dz * bjm)
      bj[4] = bj[4] + (dx * bim)
      bj[5] = bj[5] + (dy * bim)
      bj[6] = bj[6] + (dz * bim)
    end
  end
  for i = 1, nb do
    local b = bodies[i]
    b[1] = b[1] + (dt * b[4])
    b[2] = b[2] + (dt * b[5])
    b[3] = b[3] + (dt * b[6])
  end
end

local function run(n)
  local bodies = make_bodies()
  offset_momentum(bodies)
  for _ = 1, n do
    advance(bodies, 0.01)
  end
  return string.format("%.9f", energy(bodies))
end
print(run(500000))
