// Tokenises Gene programs with the TextMate grammar, as VS Code does, and checks that
//  - a program the reader accepts ends with every begin/end region closed and has no
//    invalid.illegal token;
//  - a program the reader rejects because a string, regex or block comment never ends
//    also ends inside a region of the grammar.
// The reader (`gene parse FILE`) is the judge of what is valid.
//
// Usage: node check-grammar.js GRAMMAR GENE FILE_OR_DIR…
'use strict';
const fs = require('fs');
const path = require('path');
const { spawnSync } = require('child_process');
const vsctm = require('vscode-textmate');
const oniguruma = require('vscode-oniguruma');

const [grammarPath, gene, ...roots] = process.argv.slice(2);
if (!grammarPath || !gene || roots.length === 0) {
  console.error('usage: node check-grammar.js GRAMMAR GENE FILE_OR_DIR…');
  process.exit(2);
}

function geneFiles(root) {
  if (fs.statSync(root).isFile()) return [root];
  return fs.readdirSync(root, { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? geneFiles(path.join(root, e.name))
                                     : e.name.endsWith('.gene') ? [path.join(root, e.name)] : []))
    .sort();
}

// The reader's verdict on each file: 'valid', 'unterminated' (it hit EOF inside a string,
// regex or block comment) or 'invalid'. `gene parse` takes many files and stops at the first
// bad one, whose name starts its error message, so a few runs judge the whole suite.
function readerVerdicts(files) {
  const verdicts = new Map();
  let rest = files;
  while (rest.length > 0) {
    const r = spawnSync(gene, ['parse', ...rest], { encoding: 'utf8', maxBuffer: 1 << 30 });
    if (r.status === 0) break;
    const bad = rest.findIndex((f) => r.stderr.startsWith(`${f}:`));
    if (bad < 0) throw new Error(`gene parse failed without naming a file: ${r.stderr || r.error}`);
    verdicts.set(rest[bad], /EOF while reading (string|regex literal|block comment)/.test(r.stderr)
      ? 'unterminated' : 'invalid');
    rest.slice(0, bad).forEach((f) => verdicts.set(f, 'valid'));
    rest = rest.slice(bad + 1);
  }
  rest.forEach((f) => verdicts.set(f, 'valid'));
  return verdicts;
}

async function loadGrammar() {
  const wasm = fs.readFileSync(require.resolve('vscode-oniguruma/release/onig.wasm')).buffer;
  await oniguruma.loadWASM(wasm);
  const registry = new vsctm.Registry({
    onigLib: Promise.resolve({
      createOnigScanner: (sources) => new oniguruma.OnigScanner(sources),
      createOnigString: (s) => new oniguruma.OnigString(s),
    }),
    loadGrammar: async () => vsctm.parseRawGrammar(fs.readFileSync(grammarPath, 'utf8'), grammarPath),
  });
  return registry.loadGrammar('source.gene');
}

// Returns the problems found in one file, as "file:line:col: message" strings.
function check(grammar, file, verdict) {
  const lines = fs.readFileSync(file, 'utf8').split(/\r?\n/);
  const problems = [];
  let stack = vsctm.INITIAL;
  lines.forEach((line, k) => {
    const result = grammar.tokenizeLine(line, stack);
    for (const t of result.tokens) {
      const illegal = t.scopes.find((s) => s.startsWith('invalid.illegal'));
      if (illegal && verdict === 'valid') {
        problems.push(`${file}:${k + 1}:${t.startIndex + 1}: ${illegal} token ` +
                      JSON.stringify(line.slice(t.startIndex, t.endIndex)));
      }
    }
    stack = result.ruleStack;
  });
  const open = stack.depth - vsctm.INITIAL.depth;
  if (verdict === 'valid' && open > 0) {
    problems.push(`${file}: ${open} region(s) still open at end of file: ${stack.getScopeNames?.() ?? ''}`);
  }
  if (verdict === 'unterminated' && open === 0) {
    problems.push(`${file}: the reader finds an unterminated literal, but the grammar closed every region`);
  }
  return { problems, verdict };
}

(async () => {
  const grammar = await loadGrammar();
  const files = roots.flatMap(geneFiles);
  const counts = { valid: 0, unterminated: 0, invalid: 0 };
  const problems = [];
  const verdicts = readerVerdicts(files);
  for (const file of files) {
    const r = check(grammar, file, verdicts.get(file));
    counts[r.verdict]++;
    problems.push(...r.problems);
  }
  for (const p of problems) console.log(p);
  console.log(`${files.length} files tokenised (${counts.valid} valid, ${counts.unterminated} ` +
              `unterminated, ${counts.invalid} other parse errors): ${problems.length} problems`);
  if (files.length === 0) process.exit(1);
  process.exit(problems.length ? 1 : 0);
})().catch((e) => {
  console.error(e);
  process.exit(1);
});
