import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

/**
 * The feature-folder move (issue 19.3) is a script so it can be rerun on a tree others changed: run
 * here on a small git repo shaped like this one, it must move the files, rewrite every kind of
 * reference, place a new handler file by its group, stop on a file it cannot place, and do nothing
 * the second time.
 */
const SCRIPT = join(__dirname, '..', '..', 'scripts', 'restructure', 'featureFolders.mjs');

const FILES: Record<string, string> = {
  'shared/pnc.ts': 'export const pnc = 1;\n',
  'shared/projection.ts': "import { pnc } from './pnc';\nexport const projection = pnc;\n",
  'shared/api/contract.ts': "import { importCalls } from './importCalls';\nexport const contract = importCalls;\n",
  'shared/api/importCalls.ts': "import { pnc } from '../pnc';\nexport const importCalls = { pnc };\nexport type JobState = { id: string };\n",
  'shared/api/jobCalls.ts': 'export type JobState = { id: string };\n',
  'electron/handlers/index.ts': "import { analysisHandlers } from './analysisHandlers';\nimport { calibrationHandlers } from './calibrationHandlers';\nexport const handlers = { ...analysisHandlers, ...calibrationHandlers };\n",
  'electron/handlers/analysisHandlers.ts': "import { projection } from '../../shared/projection';\nimport { appContext } from '../services/appContext';\nexport const analysisHandlers = { projection, appContext };\n",
  // Not in the mapping: placed by its name's group.
  'electron/handlers/calibrationHandlers.ts': "import type { contract } from '../../shared/api/contract';\nexport const calibrationHandlers = {} as Partial<typeof contract>;\n",
  'electron/services/appContext.ts': 'export const appContext = {};\n',
  'electron/retention/personPurge.ts': "import { appContext } from '../services/appContext';\nexport const purge = appContext;\n",
  'renderer/useJob.ts': "import type { JobState } from '../shared/api/importCalls';\nexport type Job = JobState;\n",
  'test/unit/some.test.ts': [
    "import { vi } from 'vitest';",
    "import { readFileSync } from 'node:fs';",
    "vi.mock('../../electron/handlers/analysisHandlers');",
    "export const source = readFileSync('shared/projection.ts', 'utf8');",
    "export const child = `require('./electron/retention/personPurge')`;",
    "export const typed: typeof import('../../shared/pnc') | null = null;",
    '',
  ].join('\n'),
  'scripts/eslint/list.json': '["electron/retention/personPurge.ts", "dist/electron/main.js"]\n',
  'README.md': ['# App', '', '| what | where | example |', '| a domain rule | old | `shared/projection.ts` |', '| a call | old | old |', '', 'See `shared/projection.ts` and `electron/retention/`.', ''].join('\n'),
};

// Each case spawns the script (parsing with the TypeScript compiler) once or twice.
const SLOW = 60_000;

let repo: string;

function git(...args: string[]): string {
  const run = spawnSync('git', ['-c', 'user.name=test', '-c', 'user.email=test@example.invalid', ...args], { cwd: repo, encoding: 'utf8' });
  expect(run.status, run.stderr).toBe(0);
  return run.stdout;
}

function restructure(...flags: string[]): { status: number | null; out: string } {
  const run = spawnSync(process.execPath, [SCRIPT, '--root', repo, ...flags], { encoding: 'utf8', timeout: 120_000 });
  return { status: run.status, out: run.stdout + run.stderr };
}

const read = (path: string): string => readFileSync(join(repo, path), 'utf8');

beforeEach(() => {
  repo = mkdtempSync(join(tmpdir(), 'iom-restructure-'));
  for (const [path, text] of Object.entries(FILES)) {
    mkdirSync(dirname(join(repo, path)), { recursive: true });
    writeFileSync(join(repo, path), text);
  }
  git('init', '-q');
  git('add', '-A');
  git('commit', '-qm', 'before');
});

afterEach(() => rmSync(repo, { recursive: true, force: true }));

describe('featureFolders.mjs', () => {
  it('changes nothing with --dry-run', () => {
    const { status, out } = restructure('--dry-run');
    expect(status, out).toBe(0);
    expect(out).toContain('shared/projection.ts → shared/analysis/projection.ts');
    expect(git('status', '--porcelain')).toBe('');
  }, SLOW);

  it('moves the files and rewrites every kind of reference to them', () => {
    const { status, out } = restructure();
    expect(status, out).toBe(0);
    for (const gone of ['shared/pnc.ts', 'shared/projection.ts', 'shared/api/importCalls.ts', 'electron/handlers/analysisHandlers.ts', 'electron/services/appContext.ts', 'electron/retention/personPurge.ts']) {
      expect(existsSync(join(repo, gone)), gone).toBe(false);
    }
    expect(read('shared/analysis/projection.ts')).toContain("from '../domain/pnc'");
    expect(read('shared/import/importCalls.ts')).toContain("from '../domain/pnc'");
    expect(read('shared/api/contract.ts')).toContain("from '../import/importCalls'");
    expect(read('electron/handlers/index.ts')).toContain("from '../analysis/analysisHandlers'");
    expect(read('electron/handlers/index.ts')).toContain("from '../analysis/calibrationHandlers'");
    expect(read('electron/analysis/analysisHandlers.ts')).toContain("from '../../shared/analysis/projection'");
    expect(read('electron/analysis/analysisHandlers.ts')).toContain("from '../runtime/appContext'");
    expect(read('electron/analysis/calibrationHandlers.ts')).toContain("from '../../shared/api/contract'");
    expect(read('electron/maintenance/personPurge.ts')).toContain("from '../runtime/appContext'");
    // The declaration that moved between modules first, then its module's folder.
    expect(read('renderer/useJob.ts')).toContain("import type { JobState } from '../shared/jobs/jobCalls';");
    const test = read('test/unit/some.test.ts');
    expect(test).toContain("vi.mock('../../electron/analysis/analysisHandlers')");
    expect(test).toContain("readFileSync('shared/analysis/projection.ts'");
    expect(test).toContain("require('./electron/maintenance/personPurge')");
    expect(test).toContain("import('../../shared/domain/pnc')");
    expect(read('scripts/eslint/list.json')).toBe('["electron/maintenance/personPurge.ts", "dist/electron/main.js"]\n');
    const readme = read('README.md');
    expect(readme).toContain('See `shared/analysis/projection.ts` and `electron/maintenance/`.');
    expect(readme).toMatch(/\| a call \| declared with its zod schemas in its group's folder, `shared\/<group>\/<group>Calls\.ts`/);
    expect(out).toContain('placed by the group rule: electron/handlers/calibrationHandlers.ts → electron/analysis/calibrationHandlers.ts');
    expect(out).toContain('loose modules in shared/ root: 2 → 0');
    // git records moves, so history follows each file.
    expect(git('status', '--porcelain')).toMatch(/^R[ M] shared\/projection\.ts -> shared\/analysis\/projection\.ts$/m);
  }, SLOW);

  it('does nothing when run again on the moved tree', () => {
    expect(restructure().status).toBe(0);
    git('add', '-A');
    git('commit', '-qm', 'moved');
    const { status, out } = restructure();
    expect(status, out).toBe(0);
    expect(out).toContain('already in place: shared/projection.ts');
    expect(out).toContain('0 file(s) to move');
    expect(git('status', '--porcelain')).toBe('');
  }, SLOW);

  it('stops before changing anything on a file the mapping cannot place', () => {
    writeFileSync(join(repo, 'shared/newRule.ts'), "import { pnc } from './pnc';\nexport const rule = pnc;\n");
    writeFileSync(join(repo, 'electron/services/helper.ts'), 'export const helper = 1;\n');
    const { status, out } = restructure();
    expect(status).toBe(1);
    expect(out).toContain('NOT IN THE MAPPING: shared/newRule.ts');
    expect(out).toContain('NOT IN THE MAPPING: electron/services/helper.ts');
    expect(git('status', '--porcelain')).toBe('?? electron/services/helper.ts\n?? shared/newRule.ts\n');
  }, SLOW);
});
