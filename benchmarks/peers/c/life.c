/* life: Game of Life on a 64x64 torus (edges wrap), n = 250 generations from a
 * pseudo-random start (seed = seed * 16807 mod 2^31-1, alive when seed mod 3 == 0).
 * Prints the number of live cells. The grid is an array of malloc'ed rows; every
 * generation allocates a new grid and frees the old one. C's % keeps the dividend's
 * sign, so the wrap adds size first. */
#include <stdio.h>
#include <stdlib.h>

#define SIZE 64

static int **alloc_grid(int size) {
    int **grid = malloc(size * sizeof(int *));
    if (!grid) abort();
    for (int y = 0; y < size; y++) {
        grid[y] = malloc(size * sizeof(int));
        if (!grid[y]) abort();
    }
    return grid;
}

static void free_grid(int **grid, int size) {
    for (int y = 0; y < size; y++) free(grid[y]);
    free(grid);
}

static int **make_grid(int size) {
    long long seed = 42;
    int **grid = alloc_grid(size);
    for (int y = 0; y < size; y++)
        for (int x = 0; x < size; x++) {
            seed = (seed * 16807) % 2147483647;
            grid[y][x] = seed % 3 == 0 ? 1 : 0;
        }
    return grid;
}

static int **step(int **grid, int size) {
    int **next = alloc_grid(size);
    for (int y = 0; y < size; y++) {
        for (int x = 0; x < size; x++) {
            int count = 0;
            for (int dy = -1; dy <= 1; dy++)
                for (int dx = -1; dx <= 1; dx++)
                    if (!(dx == 0 && dy == 0))
                        count += grid[(y + dy + size) % size][(x + dx + size) % size];
            int alive = grid[y][x];
            next[y][x] = (count == 3 || (count == 2 && alive == 1)) ? 1 : 0;
        }
    }
    return next;
}

static int run(int n) {
    int **grid = make_grid(SIZE);
    for (int g = 0; g < n; g++) {
        int **next = step(grid, SIZE);
        free_grid(grid, SIZE);
        grid = next;
    }
    int live = 0;
    for (int y = 0; y < SIZE; y++)
        for (int x = 0; x < SIZE; x++) live += grid[y][x];
    free_grid(grid, SIZE);
    return live;
}

int main(void) {
    printf("%d\n", run(250));
    return 0;
}
