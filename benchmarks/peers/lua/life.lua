-- life: Game of Life on a 64x64 torus (edges wrap), n = 250 generations from a
-- pseudo-random start (seed = seed * 16807 mod 2^31-1, alive when seed mod 3 == 0).
-- Prints the number of live cells.
-- Tables are 1-based here: Gene's cell (x, y) is Lua's grid[y + 1][x + 1].
local SIZE = 64

local function make_grid(size)
  local seed = 42
  local grid = {}
  for y = 1, size do
    local row = {}
    for x = 1, size do
      seed = (seed * 16807) % 2147483647
      if seed % 3 == 0 then row[x] = 1 else row[x] = 0 end
    end
    grid[y] = row
  end
  return grid
end

local function step(grid, size)
  local nxt = {}
  for y = 0, size - 1 do
    local row = {}
    for x = 0, size - 1 do
      local count = 0
      for dy = -1, 1 do
        for dx = -1, 1 do
          if not (dx == 0 and dy == 0) then
            count = count + grid[(y + dy) % size + 1][(x + dx) % size + 1]
          end
        end
      end
      local alive = grid[y + 1][x + 1]
      if count == 3 or (count == 2 and alive == 1) then
        row[x + 1] = 1
      else
        row[x + 1] = 0
      end
    end
    nxt[y + 1] = row
  end
  return nxt
end

local function run(n)
  local grid = make_grid(SIZE)
  for _ = 1, n do
    grid = step(grid, SIZE)
  end
  local live = 0
  for y = 1, SIZE do
    for x = 1, SIZE do
      live = live + grid[y][x]
    end
  end
  return live
end
print(string.format("%d", run(250)))
