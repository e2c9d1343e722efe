# life: Game of Life on a 64x64 torus (edges wrap), n = 250 generations from a
# pseudo-random start (seed = seed * 16807 mod 2^31-1, alive when seed mod 3 == 0).
# Prints the number of live cells.
SIZE = 64

def make_grid(size)
  seed = 42
  grid = []
  y = 0
  while y < size
    row = []
    x = 0
    while x < size
      seed = (seed * 16807) % 2147483647
      row << (seed % 3 == 0 ? 1 : 0)
      x += 1
    end
    grid << row
    y += 1
  end
  grid
end

def step(grid, size)
  nxt = []
  y = 0
  while y < size
    row = []
    x = 0
    while x < size
      count = 0
      dy = -1
      while dy <= 1
        dx = -1
        while dx <= 1
          unless dx == 0 && dy == 0
            count += grid[(y + dy) % size][(x + dx) % size]
          end
          dx += 1
        end
        dy += 1
      end
      alive = grid[y][x]
      if count == 3 || (count == 2 && alive == 1)
        row << 1
      else
        row << 0
      end
      x += 1
    end
    nxt << row
    y += 1
  end
  nxt
end

def run(n)
  grid = make_grid(SIZE)
  g = 0
  while g < n
    grid = step(grid, SIZE)
    g += 1
  end
  grid.sum { |row| row.sum }
end

puts run(250)
