/**
 * What encryption costs (issue 8 point 6): the same 1,000,000-row arrests import and the same
 * queries on an encrypted workspace (SQLCipher 4 settings, as the app always uses) and on an
 * unencrypted one built by the bench-only `plainWorkspace` (same connection settings, same
 * migrations, same import engine in the same worker). Goal: encrypted at most 1.3× the time.
 *
 * Imports alternate which goes first (E P, P E, E P …) and each pair gives one ratio. The queries
 * run on the workspaces of the last pair (everyone put on the long list, the same way on both),
 * each side in a fresh process, alternating too: unlock
 * (key derivation, migrations check), the analysis model load, the first candidates page, the
 * offence summary, and 300 person profiles. Unlocking is reported apart: the key derivation
 * (PBKDF2-HMAC-SHA512, 256,000 iterations) is slow on purpose, and the plain side has none.
 *
 * BENCH_ROWS overrides the row count, BENCH_RUNS the number of pairs (default 3).
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadAnalysisModel } from '../electron/analysis/analysisModelLoader';
import { offenceSummary } from '../electron/analysis/analysisService';
import { defaultWindow, queryCandidates } from '../electron/shortlist/candidateQuery';
import { personProfile } from '../electron/shortlist/personProfile';
import { closeWorkspace, openWorkspaceFile } from '../electron/workspace/workspaceFile';
import { DEFAULT_CANDIDATE_SORT } from '../shared/shortlist/candidateSchemas';
import { writeLargeArrestsCsv } from '../test/fixtures/writeFixtures';
import { describeLoad, describeMachine, goalLine, median, millis, seconds, spread, times, printBenchReport, benchRuns, benchRows } from './benchReport';
import { BENCH_PASSPHRASE, importInChild, runImportRole, type ImportRun, type WorkspaceMode } from './importRunner';
import { openPlainBenchWorkspace } from './plainWorkspace';

const ROWS = benchRows();
const RUNS = benchRuns();
const PROFILES = 300;
const GOAL_RATIO = 1.3;

interface QueryRun {
  unlockMs: number;
  modelMs: number;
  candidatesMs: number;
  offencesMs: number;
  profilesMs: number;
}

const QUERY_STEPS: ReadonlyArray<readonly [keyof QueryRun, string]> = [
  ['modelMs', 'analysis model load (all people and arrests)'],
  ['candidatesMs', 'first candidates page (default window, by arrests)'],
  ['offencesMs', 'offence summary (GROUP BY over every arrest)'],
  ['profilesMs', `${PROFILES} person profiles (fields with provenance, flags, arrests, linked records)`],
];

function queryChild(path: string, mode: WorkspaceMode): void {
  const timed = <T>(run: () => T): [T, number] => {
    const started = performance.now();
    const value = run();
    return [value, performance.now() - started];
  };
  const [workspace, unlockMs] = timed(() => (mode === 'encrypted' ? openWorkspaceFile(path, BENCH_PASSPHRASE) : openPlainBenchWorkspace(path)));
  const [model, modelMs] = timed(() => loadAnalysisModel(workspace));
  const window = defaultWindow(workspace);
  const [, candidatesMs] = timed(() => queryCandidates(workspace, { filter: { ...window }, sort: DEFAULT_CANDIDATE_SORT, offset: 0, limit: 100 }));
  const [, offencesMs] = timed(() => offenceSummary(workspace));
  const people = model.longList;
  const [, profilesMs] = timed(() => {
    for (let i = 0; i < PROFILES; i++) personProfile(workspace, people[Math.floor((i * people.length) / PROFILES)]!.id, window);
  });
  closeWorkspace(workspace);
  const run: QueryRun = { unlockMs, modelMs, candidatesMs, offencesMs, profilesMs };
  process.stdout.write(`${JSON.stringify(run)}\n`);
}

/**
 * An arrests extract puts nobody on the long list, which the explorer ranks; both workspaces get
 * everyone on it, the same way, so the candidates query has 166,000 people to filter and sort.
 */
function markLongListChild(path: string, mode: WorkspaceMode): void {
  const workspace = mode === 'encrypted' ? openWorkspaceFile(path, BENCH_PASSPHRASE) : openPlainBenchWorkspace(path);
  workspace.db.prepare('UPDATE people SET on_long_list = 1').run();
  closeWorkspace(workspace);
}

function queriesInChild(path: string, mode: WorkspaceMode): QueryRun {
  const child = spawnSync(process.execPath, [process.argv[1]!, '--query-child', path, mode], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
  if (child.status !== 0) throw new Error(`the ${mode} queries failed (exit ${child.status})`);
  return JSON.parse(child.stdout.trim().split('\n').pop()!) as QueryRun;
}

function removeWorkspace(path: string): void {
  for (const suffix of ['', '-wal', '-shm']) rmSync(`${path}${suffix}`, { force: true });
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'iom-bench-encryption-'));
  try {
    const csv = join(dir, 'arrests_extract.csv');
    const file = await writeLargeArrestsCsv(csv, ROWS);
    console.log(`generated ${file.rows.toLocaleString('en-GB')} rows (${(file.bytes / 2 ** 20).toFixed(0)} MiB)`);

    const pairs: Array<{ encrypted: ImportRun; plain: ImportRun }> = [];
    const paths = { encrypted: join(dir, 'encrypted.iomdb'), plain: join(dir, 'plain.iomdb') };
    for (let i = 0; i < RUNS; i++) {
      removeWorkspace(paths.encrypted);
      removeWorkspace(paths.plain);
      const order: WorkspaceMode[] = i % 2 === 0 ? ['encrypted', 'plain'] : ['plain', 'encrypted'];
      const runs = {} as Record<WorkspaceMode, ImportRun>;
      for (const mode of order) runs[mode] = importInChild(csv, paths[mode], mode);
      pairs.push(runs);
      console.log(`import pair ${i + 1}: encrypted ${seconds(runs.encrypted.importMs)}, plain ${seconds(runs.plain.importMs)}`);
    }
    for (const pair of pairs) {
      if (pair.encrypted.arrestsAdded !== pair.plain.arrestsAdded || pair.encrypted.peopleCreated !== pair.plain.peopleCreated) throw new Error('the two imports stored different data');
    }

    for (const mode of ['encrypted', 'plain'] as const) {
      if (spawnSync(process.execPath, [process.argv[1]!, '--mark-child', paths[mode], mode], { stdio: 'inherit' }).status !== 0) throw new Error('could not prepare the long list');
    }
    const queries: Record<WorkspaceMode, QueryRun[]> = { encrypted: [], plain: [] };
    for (let i = 0; i < RUNS; i++) {
      const order: WorkspaceMode[] = i % 2 === 0 ? ['encrypted', 'plain'] : ['plain', 'encrypted'];
      for (const mode of order) queries[mode].push(queriesInChild(paths[mode], mode));
    }

    const importRatios = pairs.map((p) => p.encrypted.importMs / p.plain.importMs);
    const importCpuRatios = pairs.map((p) => p.encrypted.cpuMs / p.plain.cpuMs);
    const queryTotal = (r: QueryRun) => r.modelMs + r.candidatesMs + r.offencesMs + r.profilesMs;
    const queryRatios = queries.encrypted.map((r, i) => queryTotal(r) / queryTotal(queries.plain[i]!));
    const importRatio = median(importRatios);
    const queryRatio = median(queryRatios);
    const worst = Math.max(importRatio, queryRatio);
    const ratioOf = (key: keyof QueryRun) => spread(queries.encrypted.map((r, i) => r[key] / queries.plain[i]![key]), times);

    const lines = [
      '# Encryption overhead benchmark',
      '',
      `The same ${ROWS.toLocaleString('en-GB')}-row arrests import, and the same queries on its result, on an encrypted workspace (SQLCipher 4: AES-256-CBC, HMAC-SHA512 per page, PBKDF2 256,000 iterations) and on an unencrypted one built only by the benchmark (same connection settings, migrations and import engine, in the same import worker).`,
      '',
      '| measure | encrypted | unencrypted | ratio encrypted / unencrypted |',
      '| --- | --- | --- | --- |',
      `| **import** (\`importFile\`, wall) | ${spread(pairs.map((p) => p.encrypted.importMs), seconds)} | ${spread(pairs.map((p) => p.plain.importMs), seconds)} | **${spread(importRatios, times)}** |`,
      `| import, CPU time | ${spread(pairs.map((p) => p.encrypted.cpuMs), seconds)} | ${spread(pairs.map((p) => p.plain.cpuMs), seconds)} | ${spread(importCpuRatios, times)} |`,
      `| workspace file | ${(pairs[0]!.encrypted.workspaceBytes / 2 ** 20).toFixed(0)} MiB | ${(pairs[0]!.plain.workspaceBytes / 2 ** 20).toFixed(0)} MiB | |`,
      ...QUERY_STEPS.map(([key, label]) => `| ${label} | ${spread(queries.encrypted.map((r) => r[key]), millis)} | ${spread(queries.plain.map((r) => r[key]), millis)} | ${ratioOf(key)} |`),
      `| **queries together** | ${spread(queries.encrypted.map(queryTotal), millis)} | ${spread(queries.plain.map(queryTotal), millis)} | **${spread(queryRatios, times)}** |`,
      `| unlock (key derivation by design; migrations check), not in the ratio | ${spread(queries.encrypted.map((r) => r.unlockMs), millis)} | ${spread(queries.plain.map((r) => r.unlockMs), millis)} | |`,
      '',
      `Goal: encrypted at most ${GOAL_RATIO}× unencrypted, for the import (median ${times(importRatio)}) and for the queries (median ${times(queryRatio)}): ${worst <= GOAL_RATIO ? 'met' : 'NOT met'}.`,
      '',
      `Machine: ${describeMachine()}; ${describeLoad()} at the end of the run.`,
      '',
      goalLine('encryption', `encrypted / unencrypted = import ${times(importRatio)}, queries ${times(queryRatio)} (medians of ${RUNS})`, `≤ ${GOAL_RATIO}×`, worst <= GOAL_RATIO),
    ];
    printBenchReport('encryption', lines);
  } finally {
    if (existsSync(dir)) rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[2] === '--query-child') {
  queryChild(process.argv[3]!, process.argv[4] as WorkspaceMode);
} else if (process.argv[2] === '--mark-child') {
  markLongListChild(process.argv[3]!, process.argv[4] as WorkspaceMode);
} else if (!runImportRole()) {
  void main().catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
}
