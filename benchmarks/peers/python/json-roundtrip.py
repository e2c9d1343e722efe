# json-roundtrip: build n records, serialise them to JSON text (about 10 MB), parse the text back
# and serialise the result again. n = 100000.
import json


def run(n):
    records = []
    for i in range(n):
        records.append({"id": i, "name": "item " + str(i), "tags": ["red", "green", "blue"],
                        "price": i + 0.5, "ok": True, "next": None})
    text = json.dumps(records, separators=(",", ":"), ensure_ascii=False)
    back = json.loads(text)
    again = json.dumps(back, separators=(",", ":"), ensure_ascii=False)
    return [len(text), len(again), "true" if text == again else "false", len(back)]


r = run(100000)
print(r[0], r[1], r[2], r[3])
