# records: n = 150000 records {id, name, age, city} as dicts (age and city
# pseudo-random, seed = seed * 16807 mod 2^31-1), sorted by age then id,
# grouped into a dict of lists keyed by city. Prints the number of groups and a
# checksum over the groups in CITIES order: c = (c * 31 + j * id + len(name)) mod
# 1000000007 for the j-th record of each group.
CITIES = ["Paris", "Tokyo", "Lima", "Oslo", "Cairo", "Perth", "Quito", "Seoul"]


def make_records(n):
    seed = 42
    records = []
    for i in range(n):
        seed = (seed * 16807) % 2147483647
        age = 18 + seed % 60
        seed = (seed * 16807) % 2147483647
        city = CITIES[seed % 8]
        records.append({"id": i, "name": "user%d" % i, "age": age, "city": city})
    return records


def run(n):
    records = make_records(n)
    records.sort(key=lambda r: (r["age"], r["id"]))
    groups = {}
    for r in records:
        g = groups.get(r["city"])
        if g is None:
            g = []
            groups[r["city"]] = g
        g.append(r)
    checksum = 0
    for city in CITIES:
        for j, r in enumerate(groups[city], 1):
            checksum = (checksum * 31 + j * r["id"] + len(r["name"])) % 1000000007
    return "%d %d" % (len(groups), checksum)


print(run(150000))
