// json-roundtrip: build n records, serialise them to JSON text (about 10 MB), parse the text back
// and serialise the result again. n = 100000.
function run(n) {
  const records = [];
  for (let i = 0; i < n; i++) {
    records.push({ id: i, name: "item " + String(i), tags: ["red", "green", "blue"], price: i + 0.5, ok: true, next: null });
  }
  const text = JSON.stringify(records);
  const back = JSON.parse(text);
  const again = JSON.stringify(back);
  return [text.length, again.length, text === again, back.length];
}

const r = run(100000);
console.log(r[0], r[1], r[2], r[3]);
