# records: n = 150000 records {id, name, age, city} as hashes with symbol keys (age
# and city pseudo-random, seed = seed * 16807 mod 2^31-1), sorted by age then id,
# grouped into a hash of arrays keyed by city. Prints the number of groups and a
# checksum over the groups in CITIES order: c = (c * 31 + j * id + name.length) mod
# 1000000007 for the j-th record of each group.
CITIES = ["Paris", "Tokyo", "Lima", "Oslo", "Cairo", "Perth", "Quito", "Seoul"]

def make_records(n)
  seed = 42
  records = []
  i = 0
  while i < n
    seed = (seed * 16807) % 2147483647
    age = 18 + seed % 60
    seed = (seed * 16807) % 2147483647
    city = CITIES[seed % 8]
    records << { id: i, name: "user#{i}", age: age, city: city }
    i += 1
  end
  records
end

def run(n)
  records = make_records(n)
  records.sort_by! { |r| [r[:age], r[:id]] }
  groups = {}
  records.each do |r|
    (groups[r[:city]] ||= []) << r
  end
  checksum = 0
  CITIES.each do |city|
    groups[city].each_with_index do |r, j|
      checksum = (checksum * 31 + (j + 1) * r[:id] + r[:name].length) % 1000000007
    end
  end
  "#{groups.size} #{checksum}"
end

puts run(150000)
