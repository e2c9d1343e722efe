// async: n zero-delay timers, each with a callback on its promise, awaited in batches
// of 1000 (Promise.all). n = 100000.
async function run(n) {
  let count = 0;
  const done = () => { count += 1; };
  for (let i = 0; i < n; i += 1000) {
    const batch = [];
    for (let j = 0; j < 1000; j++) {
      const p = new Promise((resolve) => setTimeout(resolve, 0));
      p.then(done);
      batch.push(p);
    }
    await Promise.all(batch);
  }
  return count;
}

run(100000).then((r) => console.log(r));
