# life: Game of Life on a 64x64 torus (edges wrap), n = 250 generations from a
# pseudo-random start (seed = seed * 16807 mod 2^31-1, alive when seed mod 3 == 0).
# Prints the number of live cells.
SIZE = 64


def make_grid(size):
    seed = 42
    grid = []
    for y in range(size):
        row = []
        for x in range(size):
            seed = (seed * 16807) % 2147483647
            row.append(1 if seed % 3 == 0 else 0)
        grid.append(row)
    return grid


def step(grid, size):
    nxt = []
    for y in range(size):
        row = []
        for x in range(size):
            count = 0
            for dy in (-1, 0, 1):
                for dx in (-1, 0, 1):
                    if not (dx == 0 and dy == 0):
                        count += grid[(y + dy) % size][(x + dx) % size]
            alive = grid[y][x]
            if count == 3 or (count == 2 and alive == 1):
                row.append(1)
            else:
                row.append(0)
        nxt.append(row)
    return nxt


def run(n):
    grid = make_grid(SIZE)
    for _ in range(n):
        grid = step(grid, SIZE)
    return sum(sum(row) for row in grid)


print(run(250))
