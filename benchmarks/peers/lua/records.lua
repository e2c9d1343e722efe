-- records: n = 150000 records {id, name, age, city} (age and city pseudo-random,
-- seed = seed * 16807 mod 2^31-1), sorted by age then id with a comparator,
-- grouped into a table of arrays keyed by city. Prints the number of groups and a
-- checksum over the groups in CITIES order: c = (c * 31 + j * id + #name) mod
-- 1000000007 for the j-th record of each group.
local CITIES = {"Paris", "Tokyo", "Lima", "Oslo", "Cairo", "Perth", "Quito", "Seoul"}

local function make_records(n)
  local seed = 42
  local records = {}
  for i = 0, n - 1 do
    seed = (seed * 16807) % 2147483647
    local age = 18 + seed % 60
    seed = (seed * 16807) % 2147483647
    local city = CITIES[seed % 8 + 1]
    records[#records + 1] = {id = i, name = "user" .. i, age = age, city = city}
  end
  return records
end

local function run(n)
  local records = make_records(n)
  table.sort(records, function(a, b)
    if a.age ~= b.age then return a.age < b.age end
    return a.id < b.id
  end)
  local groups = {}
  local ngroups = 0
  for _, r in ipairs(records) do
    local g = groups[r.city]
    if not g then
      g = {}
      groups[r.city] = g
      ngroups = ngroups + 1
    end
    g[#g + 1] = r
  end
  local checksum = 0
  for _, city in ipairs(CITIES) do
    for j, r in ipairs(groups[city]) do
      checksum = (checksum * 31 + j * r.id + #r.name) % 1000000007
    end
  end
  return string.format("%d %d", ngroups, checksum)
end
print(run(150000))
