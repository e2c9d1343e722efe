/* nbody: Jovian n-body simulation, 500000 steps of dt = 0.01; final energy.
 * Each body is a heap array {x, y, z, vx, vy, vz, mass}. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#define NB 5
static const double PI = 3.141592653589793;
static const double DAYS_PER_YEAR = 365.24;
static double SOLAR_MASS;

static double *make_body(double x, double y, double z, double vx, double vy, double vz,
                         double mass) {
    double *b = malloc(7 * sizeof *b);
    if (!b) abort();
    b[0] = x;
    b[1] = y;
    b[2] = z;
    b[3] = vx * DAYS_PER_YEAR;
    b[4] = vy * DAYS_PER_YEAR;
    b[5] = vz * DAYS_PER_YEAR;
    b[6] = mass * SOLAR_MASS;
    return b;
}

static void make_bodies(double **bodies) {
    bodies[0] = make_body(0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 1.0);
    bodies[1] = make_body(4.84143144246472090e+00, -1.16032004402742839e+00, -1.03622044471123109e-01,
                          1.66007664274403694e-03, 7.69901118419740425e-03, -6.90460016972063023e-05,
                          9.54791938424326609e-04);
    bodies[2] = make_body(8.34336671824457987e+00, 4.12479856412430479e+00, -4.03523417114321381e-01,
                          -2.76742510726862411e-03, 4.99852801234917238e-03, 2.30417297573763929e-05,
                          2.85885980666130812e-04);
    bodies[3] = make_body(1.28943695621391310e+01, -1.51111514016986312e+01, -2.23307578892655734e-01,
                          2.96460137564761618e-03, 2.37847173959480950e-03, -2.96589568540237556e-05,
                          4.36624404335156298e-05);
    bodies[4] = make_body(1.53796971148509165e+01, -2.59193146099879641e+01, 1.79258772950371181e-01,
                          2.68067772490389322e-03, 1.62824170038242295e-03, -9.51592254519715870e-05,
                          5.15138902046611451e-05);
}

static void offset_momentum(double **bodies, int nb) {
    double px = 0.0, py = 0.0, pz = 0.0;
    for (int i = 0; i < nb; i++) {
        double *b = bodies[i];
        px = px + (b[3] * b[6]);
        py = py + (b[4] * b[6]);
        pz = pz + (b[5] * b[6]);
    }
    double *sun = bodies[0];
    sun[3] = (-px) / SOLAR_MASS;
    sun[4] = (-py) / SOLAR_MASS;
    sun[5] = (-pz) / SOLAR_MASS;
}

static double energy(double **bodies, int nb) {
    double e = 0.0;
    for (int i = 0; i < nb; i++) {
        double *b = bodies[i];
        e = e + ((0.5 * b[6]) * (((b[3] * b[3]) + (b[4] * b[4])) + (b[5] * b[5])));
        for (int j = i + 1; j < nb; j++) {
            double *b2 = bodies[j];
            double dx = b[0] - b2[0];
            double dy = b[1] - b2[1];
            double dz = b[2] - b2[2];
            e = e - ((b[6] * b2[6]) / sqrt(((dx * dx) + (dy * dy)) + (dz * dz)));
        }
    }
    return e;
}

static void advance(double **bodies, int nb, double dt) {
    for (int i = 0; i < nb; i++) {
        double *bi = bodies[i];
        for (int j = i + 1; j < nb; j++) {
            double *bj = bodies[j];
            double dx = bi[0] - bj[0];
            double dy = bi[1] - bj[1];
            double dz = bi[2] - bj[2];
            double d2 = ((dx * dx) + (dy * dy)) + (dz * dz);
            double mag = dt / (d2 * sqrt(d2));
            double bim = bi[6] * mag;
            double bjm = bj[6] * mag;
            bi[3] = bi[3] - (dx * bjm);
            bi[4] = bi[4] - (dy * bjm);
            bi[5] = bi[5] - (dz * bjm);
            bj[3] = bj[3] + (dx * bim);
            bj[4] = bj[4] + (dy * bim);
            bj[5] = bj[5] + (dz * bim);
        }
    }
    for (int i = 0; i < nb; i++) {
        double *b = bodies[i];
        b[0] = b[0] + (dt * b[3]);
        b[1] = b[1] + (dt * b[4]);
        b[2] = b[2] + (dt * b[5]);
    }
}

static double run(long n) {
    double *bodies[NB];
    make_bodies(bodies);
    offset_momentum(bodies, NB);
    for (long k = 0; k < n; k++) advance(bodies, NB, 0.01);
    double e = energy(bodies, NB);
    for (int i = 0; i < NB; i++) free(bodies[i]);
    return e;
}

int main(void) {
    SOLAR_MASS = (4.0 * PI) * PI;
    printf("%.9f\n", run(500000));
    return 0;
}
