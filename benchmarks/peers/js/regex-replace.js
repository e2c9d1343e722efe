// regex-replace: build n log lines (about 9.5 MB of text), count the dates and the e-mail
// addresses with a regex, and rewrite every date from YYYY-MM-DD to DD/MM/YYYY with
// groups. n = 125000.
function pad2(k) {
  return k < 10 ? "0" + String(k) : String(k);
}

function run(n) {
  const lines = [];
  for (let i = 0; i < n; i++) {
    const id = String(i);
    lines.push("user" + id + " <user" + id + "@example.com> visited /page/" + String(i % 1000) +
               " on 2024-" + pad2(1 + (i % 12)) + "-" + pad2(1 + (i % 28)) + " status ok\n");
  }
  const text = lines.join("");
  const dates = (text.match(/\d{4}-\d{2}-\d{2}/g) || []).length;
  const mails = (text.match(/[a-z0-9]+@[a-z]+\.com/g) || []).length;
  const swapped = text.replace(/(\d{4})-(\d{2})-(\d{2})/g, "$3/$2/$1");
  return [dates, mails, swapped.length];
}

const r = run(125000);
console.log(r[0], r[1], r[2]);
