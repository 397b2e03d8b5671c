// npm run mutate: mutation testing of the verdict modules (docs/testing.md).
//
// Two passes. The first runs every mutant against only the tests that reach it. Mutants of
// values computed when a module loads (rule tables, block-code maps) cannot be switched on after
// the module has loaded, and Stryker's vitest runner switches them on too late when it filters
// tests (stryker-js issues #6144, #6209): they would be reported as survivors whatever the tests.
// The second pass runs those static mutants alone, each against every test, so that they are
// switched on before the modules load. The results are merged into reports/mutation/.
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const REPORTS = join(ROOT, 'reports', 'mutation');
const started = Date.now();

function stryker(configFile) {
  const run = spawnSync(process.execPath, [join(ROOT, 'node_modules/@stryker-mutator/core/bin/stryker.js'), 'run', configFile], { cwd: ROOT, stdio: 'inherit' });
  if (run.status !== 0) process.exit(run.status ?? 1);
}

const readReport = (name) => JSON.parse(readFileSync(join(REPORTS, name), 'utf8'));
const locationKey = (file, m) => `${file}:${m.location.start.line}:${m.location.start.column}:${m.mutatorName}:${m.replacement ?? ''}`;

stryker('stryker.config.mjs');
const first = readReport('mutation.json');

// The lines of every static mutant that did not die: the second pass mutates those lines only.
// A mutant is in a range only when all of it is, so the range spans the mutant's every line.
const ranges = new Set();
for (const [file, result] of Object.entries(first.files)) {
  for (const m of result.mutants) {
    if (m.static && m.status !== 'Killed' && m.status !== 'Timeout') ranges.add(`${file}:${m.location.start.line}-${m.location.end.line}`);
  }
}
if (ranges.size) {
  const mutate = [...ranges];
  writeFileSync(join(REPORTS, 'static.config.json'), JSON.stringify({ mutate }));
  stryker('stryker.static.config.mjs');
  const second = readReport('static.json');
  const rerun = new Map();
  for (const [file, result] of Object.entries(second.files)) for (const m of result.mutants) rerun.set(locationKey(file, m), m.status);
  for (const [file, result] of Object.entries(first.files)) {
    for (const m of result.mutants) {
      const status = m.static ? rerun.get(locationKey(file, m)) : undefined;
      if (status) m.status = status;
    }
  }
  writeFileSync(join(REPORTS, 'mutation.json'), JSON.stringify(first));
}

// The score per module, after both passes: killed (or timed out) out of all that ran or were not covered.
const rows = Object.entries(first.files).map(([file, result]) => {
  const count = (...states) => result.mutants.filter((m) => states.includes(m.status)).length;
  const killed = count('Killed', 'Timeout');
  const survived = count('Survived');
  const uncovered = count('NoCoverage');
  const total = killed + survived + uncovered;
  return { file, killed, survived, uncovered, score: total ? (100 * killed) / total : 100 };
});
const sum = (key) => rows.reduce((n, r) => n + r[key], 0);
const all = { file: 'all', killed: sum('killed'), survived: sum('survived'), uncovered: sum('uncovered') };
all.score = (100 * all.killed) / (all.killed + all.survived + all.uncovered);
const minutes = Math.round((Date.now() - started) / 60_000);
const table = [
  '| module | score | killed | survived | not covered |',
  '|---|---|---|---|---|',
  ...[...rows, all].map((r) => `| ${r.file} | ${r.score.toFixed(1)} % | ${r.killed} | ${r.survived} | ${r.uncovered} |`),
].join('\n');
const survivors = Object.entries(first.files).flatMap(([file, result]) =>
  result.mutants.filter((m) => m.status === 'Survived' || m.status === 'NoCoverage').map((m) => `- ${file}:${m.location.start.line} ${m.mutatorName}: \`${(m.replacement ?? '').replace(/\s+/g, ' ').slice(0, 100)}\``),
);
const summary = `# Mutation testing, ${new Date().toISOString().slice(0, 10)}\n\n${minutes} minutes on ${(await import('node:os')).cpus().length} cores.\n\n${table}\n\n## Surviving mutants\n\n${survivors.join('\n')}\n`;
writeFileSync(join(REPORTS, 'summary.md'), summary);
process.stdout.write(`\n${table}\n\nreports/mutation/summary.md lists the ${survivors.length} surviving mutants.\n`);
// Below 90 % on the verdict modules, the run fails.
process.exitCode = all.score >= 90 ? 0 : 1;
