// records: n = 150000 records {id, name, age, city} as object literals (age and city
// pseudo-random, seed = seed * 16807 mod 2^31-1), sorted by age then id with a
// comparator, grouped into an object of arrays keyed by city. Prints the number of
// groups and a checksum over the groups in CITIES order: c = (c * 31 + j * id +
// name.length) mod 1000000007 for the j-th record of each group (all below 2^53).
"use strict";
const CITIES = ["Paris", "Tokyo", "Lima", "Oslo", "Cairo", "Perth", "Quito", "Seoul"];

function makeRecords(n) {
  let seed = 42;
  const records = [];
  for (let i = 0; i < n; i++) {
    seed = (seed * 16807) % 2147483647;
    const age = 18 + (seed % 60);
    seed = (seed * 16807) % 2147483647;
    const city = CITIES[seed % 8];
    records.push({ id: i, name: "user" + i, age: age, city: city });
  }
  return records;
}

function run(n) {
  const records = makeRecords(n);
  records.sort((a, b) => (a.age !== b.age ? a.age - b.age : a.id - b.id));
  const groups = {};
  for (const r of records) {
    let g = groups[r.city];
    if (g === undefined) {
      g = [];
      groups[r.city] = g;
    }
    g.push(r);
  }
  let checksum = 0;
  for (const city of CITIES) {
    let j = 0;
    for (const r of groups[city]) {
      j += 1;
      checksum = (checksum * 31 + j * r.id + r.name.length) % 1000000007;
    }
  }
  return Object.keys(groups).length + " " + checksum;
}
console.log(run(150000));
