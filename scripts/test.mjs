// `npm test`: build, typecheck, lint, then every vitest project (unit, integration, e2e in Chromium).
// Ends with one plain "N passed, N failed" line so any CI reader can count the tests.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const bin = (name) => join(root, 'node_modules', '.bin', name);
const extra = process.argv.slice(2);

function step(label, command, args) {
  const started = Date.now();
  console.log(`\n▶ ${label}`);
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit' });
  console.log(`  ${label}: ${result.status === 0 ? 'ok' : 'FAILED'} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return result.status === 0;
}

let ok = step('build', process.execPath, [join(root, 'scripts', 'build.mjs')]);
ok = step('typecheck', bin('tsc'), ['-p', 'tsconfig.json', '--noEmit']) && ok;
ok = step('lint', bin('eslint'), ['--max-warnings', '0', 'shared', 'electron', 'renderer', 'test', 'scripts', 'bench']) && ok;

mkdirSync(join(root, 'test-output'), { recursive: true });
const report = join(root, 'test-output', 'vitest-report.json');
const testsOk = step('tests', bin('vitest'), ['run', '--reporter=default', '--reporter=json', `--outputFile.json=${report}`, ...extra]);
ok = testsOk && ok;

let passed = 0;
let failed = 0;
let skipped = 0;
try {
  const results = JSON.parse(readFileSync(report, 'utf8'));
  passed = results.numPassedTests;
  failed = results.numFailedTests + (results.numRuntimeErrorTestSuites ?? 0);
  skipped = results.numPendingTests + results.numTodoTests;
} catch {
  failed += 1;
}
if (!ok && failed === 0) failed = 1;
console.log(`\n${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exit(ok && failed === 0 ? 0 : 1);
