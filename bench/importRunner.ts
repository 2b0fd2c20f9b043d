/**
 * Runs one import the way the app runs it, for the import and encryption benchmarks: in a fresh
 * child process (so its peak memory is its own), in a worker thread with the app's import-worker
 * limits, on its own connection opened in the worker, through the real `importFile`.
 *
 * The bench bundle is its own child and worker: `--import-child` starts a child, which starts a
 * worker on the same file with `workerData`.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync, statSync } from 'node:fs';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import type { ImportKindId } from '../shared/domain/importKinds';
import { importFile } from '../electron/import/importEngine';
import { ReadingWorkerStart, runCsvLineWorkerIfAsked } from '../electron/import/codedCsvRows';
import { IMPORT_WORKER_LIMITS } from '../electron/import/startImportJob';
import { closeWorkspace, createWorkspaceFile, openWorkspaceFile, type OpenWorkspace } from '../electron/workspace/workspaceFile';
import { createPlainBenchWorkspace, openPlainBenchWorkspace } from './plainWorkspace';

export const BENCH_PASSPHRASE = 'benchmark passphrase 2013';

export type WorkspaceMode = 'encrypted' | 'plain';

export interface ImportRun {
  mode: WorkspaceMode;
  /** `importFile` alone: reading, linking, writing, indexes and the commit (durable when it returns). */
  importMs: number;
  /** Opening the workspace in the worker (key derivation for an encrypted one). */
  openMs: number;
  /**
   * After the report, as the import worker does it: the checkpoint that copies the committed pages
   * from the write-ahead log into the workspace file, and closing the connection.
   */
  checkpointCloseMs: number;
  /** Each phase `importFile` reports, in order: wall time and CPU time of the importing thread. */
  phases: Array<{ phase: string; ms: number; cpuMs: number }>;
  /** CPU time of the whole child (both threads), user + system. */
  cpuMs: number;
  maxRssKiB: number;
  rowsRead: number;
  rowsRejected: number;
  peopleCreated: number;
  arrestsAdded: number;
  reviewsQueued: number;
  workspaceBytes: number;
}

interface WorkerInput {
  csv: string;
  workspace: string;
  mode: WorkspaceMode;
  kind: ImportKindId;
}

type WorkerOutput = Omit<ImportRun, 'cpuMs' | 'maxRssKiB' | 'workspaceBytes' | 'mode'>;

/** CPU time (user + system) of the calling thread alone, from Linux's /proc; NaN elsewhere. */
function threadCpuMs(): number {
  try {
    const stat = readFileSync('/proc/thread-self/stat', 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
  } catch {
    return Number.NaN;
  }
}

function open(path: string, mode: WorkspaceMode): OpenWorkspace {
  return mode === 'encrypted' ? openWorkspaceFile(path, BENCH_PASSPHRASE) : openPlainBenchWorkspace(path);
}

async function workerMain(input: WorkerInput): Promise<void> {
  // As the import worker does (electron/import/importWorker.ts): the reading worker starts while the workspace opens.
  const readingWorker = new ReadingWorkerStart(__filename);
  const opening = performance.now();
  const workspace = open(input.workspace, input.mode);
  const openMs = performance.now() - opening;
  const started = performance.now();
  const phases: WorkerOutput['phases'] = [];
  let phaseStart = { at: started, cpu: threadCpuMs() };
  const endPhase = () => {
    const now = { at: performance.now(), cpu: threadCpuMs() };
    const last = phases[phases.length - 1];
    if (last) {
      last.ms = now.at - phaseStart.at;
      last.cpuMs = now.cpu - phaseStart.cpu;
    }
    phaseStart = now;
  };
  // The same connection settings and reading worker as the import worker (importWorker.ts).
  const report = await importFile(workspace, { path: input.csv, kind: input.kind }, {
    actor: 'bench',
    readingWorker,
    privateConnection: true,
    onProgress: (p) => {
      if (phases[phases.length - 1]?.phase === p.phase) return;
      endPhase();
      phases.push({ phase: p.phase, ms: 0, cpuMs: 0 });
    },
  });
  endPhase();
  const importMs = performance.now() - started;
  const closing = performance.now();
  // As the import worker does after posting its report (electron/import/importWorker.ts).
  workspace.db.pragma('wal_checkpoint(PASSIVE)');
  closeWorkspace(workspace);
  const output: WorkerOutput = {
    importMs,
    openMs,
    checkpointCloseMs: performance.now() - closing,
    phases,
    rowsRead: report.rowsRead,
    rowsRejected: report.rowsRejected,
    peopleCreated: report.peopleCreated,
    arrestsAdded: report.arrestsAdded,
    reviewsQueued: report.reviewsQueued,
  };
  parentPort!.postMessage(output);
}

async function childMain(csv: string, workspacePath: string, mode: WorkspaceMode, kind: ImportKindId): Promise<void> {
  // Created and closed first, so the figures are those of importing into an existing workspace.
  closeWorkspace(mode === 'encrypted' ? createWorkspaceFile(workspacePath, 'Benchmark', BENCH_PASSPHRASE, BENCH_PASSPHRASE) : createPlainBenchWorkspace(workspacePath, 'Benchmark'));
  const cpuBefore = process.cpuUsage();
  const output = await new Promise<WorkerOutput>((resolve, reject) => {
    const worker = new Worker(__filename, { workerData: { csv, workspace: workspacePath, mode, kind } satisfies WorkerInput, resourceLimits: { ...IMPORT_WORKER_LIMITS } });
    worker.once('message', resolve);
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`import worker exited with ${code}`)));
  });
  const cpu = process.cpuUsage(cpuBefore);
  const run: ImportRun = { ...output, mode, cpuMs: (cpu.user + cpu.system) / 1000, maxRssKiB: process.resourceUsage().maxRSS, workspaceBytes: statSync(workspacePath).size };
  process.stdout.write(`${JSON.stringify(run)}\n`);
}

/**
 * Call first in a bench's main: true when this process is an import child or worker (which then
 * does its part and exits), false in the bench itself.
 */
export function runImportRole(): boolean {
  if (runCsvLineWorkerIfAsked()) return true;
  if (!isMainThread && (workerData as WorkerInput | undefined)?.csv) {
    void workerMain(workerData as WorkerInput).catch((error: unknown) => {
      throw error;
    });
    return true;
  }
  if (process.argv[2] === '--import-child') {
    void childMain(process.argv[3]!, process.argv[4]!, process.argv[5] as WorkspaceMode, (process.argv[6] ?? 'arrests') as ImportKindId).catch((error: unknown) => {
      console.error(error);
      process.exitCode = 1;
    });
    return true;
  }
  return false;
}

/** One import in a fresh child process; throws when it fails. */
export function importInChild(csv: string, workspacePath: string, mode: WorkspaceMode, kind: ImportKindId = 'arrests'): ImportRun {
  const child = spawnSync(process.execPath, [process.argv[1]!, '--import-child', csv, workspacePath, mode, kind], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 1 << 20 });
  if (child.status !== 0) throw new Error(`the ${mode} import failed (exit ${child.status})`);
  return JSON.parse(child.stdout.trim().split('\n').pop()!) as ImportRun;
}
