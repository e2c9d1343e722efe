# nbody: Jovian n-body simulation, 500000 steps of dt = 0.01; final energy.
# Each body is a list [x, y, z, vx, vy, vz, mass].
from math import sqrt

PI = 3.141592653589793
SOLAR_MASS = (4.0 * PI) * PI
DAYS_PER_YEAR = 365.24


def make_body(x, y, z, vx, vy, vz, mass):
    return [x, y, z, vx * DAYS_PER_YEAR, vy * DAYS_PER_YEAR, vz * DAYS_PER_YEAR,
            mass * SOLAR_MASS]


def make_bodies():
    return [
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
    ]


def offset_momentum(bodies):
    px = 0.0
    py = 0.0
    pz = 0.0
    for b in bodies:
        px += b[3] * b[6]
        py += b[4] * b[6]
        pz += b[5] * b[6]
    sun = bodies[0]
    sun[3] = (-px) / SOLAR_MASS
    sun[4] = (-py) / SOLAR_MASS
    sun[5] = (-pz) / SOLAR_MASS


def energy(bodies):
    e = 0.0
    nb = len(bodies)
    for i in range(nb):
        b = bodies[i]
        e += (0.5 * b[6]) * (((b[3] * b[3]) + (b[4] * b[4])) + (b[5] * b[5]))
        for j in range(i + 1, nb):
            b2 = bodies[j]
            dx = b[0] - b2[0]
            dy = b[1] - b2[1]
            dz = b[2] - b2[2]
            e -= (b[6] * b2[6]) / sqrt(((dx * dx) + (dy * dy)) + (dz * dz))
    return e


def advance(bodies, dt):
    nb = len(bodies)
    for i in range(nb):
        bi = bodies[i]
        for j in range(i + 1, nb):
            bj = bodies[j]
            dx = bi[0] - bj[0]
            dy = bi[1] - bj[1]
            dz = bi[2] - bj[2]
            d2 = ((dx * dx) + (dy * dy)) + (dz * dz)
            mag = dt / (d2 * sqrt(d2))
            bim = bi[6] * mag
            bjm = bj[6] * mag
            bi[3] = bi[3] - (dx * bjm)
            bi[4] = bi[4] - (dy * bjm)
            bi[5] = bi[5] - (dz * bjm)
            bj[3] = bj[3] + (dx * bim)
            bj[4] = bj[4] + (dy * bim)
            bj[5] = bj[5] + (dz * bim)
    for b in bodies:
        b[0] = b[0] + (dt * b[3])
        b[1] = b[1] + (dt * b[4])
        b[2] = b[2] + (dt * b[5])


def run(n):
    bodies = make_bodies()
    offset_momentum(bodies)
    for _ in range(n):
        advance(bodies, 0.01)
    return "%.9f" % energy(bodies)


print(run(500000))
