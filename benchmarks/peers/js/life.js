// life: Game of Life on a 64x64 torus (edges wrap), n = 250 generations from a
// pseudo-random start (seed = seed * 16807 mod 2^31-1, alive when seed mod 3 == 0).
// Prints the number of live cells. JS's % keeps the dividend's sign, so the wrap
// adds size first.
"use strict";
const SIZE = 64;

function makeGrid(size) {
  let seed = 42;
  const grid = [];
  for (let y = 0; y < size; y++) {
    const row = [];
    for (let x = 0; x < size; x++) {
      seed = (seed * 16807) % 2147483647;
      row.push(seed % 3 === 0 ? 1 : 0);
    }
    grid.push(row);
  }
  return grid;
}

function step(grid, size) {
  const next = [];
  for (let y = 0; y < size; y++) {
    const row = [];
    for (let x = 0; x < size; x++) {
      let count = 0;
      for (let dy = -1; dy <= 1; dy++) {
        for (let dx = -1; dx <= 1; dx++) {
          if (!(dx === 0 && dy === 0)) {
            count += grid[(y + dy + size) % size][(x + dx + size) % size];
          }
        }
      }
      const alive = grid[y][x];
      if (count === 3 || (count === 2 && alive === 1)) {
        row.push(1);
      } else {
        row.push(0);
      }
    }
    next.push(row);
  }
  return next;
}

function run(n) {
  let grid = makeGrid(SIZE);
  for (let g = 0; g < n; g++) {
    grid = step(grid, SIZE);
  }
  let live = 0;
  for (const row of grid) {
    for (const cell of row) live += cell;
  }
  return live;
}
console.log(String(run(250)));
