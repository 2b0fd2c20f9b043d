/**
 * The log file written by the desktop app and the browser preview: rotated by size, private to the
 * analyst's account (0700 folder, 0600 files), and named in unexpected-error messages only while
 * it is actually being written.
 */
import { existsSync, mkdirSync, readFileSync, readdirSync, statSync, writeFileSync, chmodSync } from 'node:fs';
import { spawn } from 'node:child_process';
import { join, resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { dispatchCall } from '../../electron/callDispatcher';
import { createRotatingFileSink, installFileLog, LOG_FILE_NAME } from '../../electron/logFile';
import { createLogger, logFileHint, logFileLocation, setLogFile, setLogSink, stackFrames, errorFromWorker } from '../../electron/logging';
import type { AppContext } from '../../electron/runtime/appContext';
import { AppSession } from '../../electron/runtime/appSession';
import { JobRegistry } from '../../electron/jobs/jobRegistry';
import { ensureNodeBuild } from '../support/nodeBuild';
import { makeTempDir, type TempDir } from '../support/tempWorkspace';

const mode = (path: string): number => statSync(path).mode & 0o777;
const lines = (path: string): string[] => readFileSync(path, 'utf8').split('\n').filter(Boolean);

let temp: TempDir;
beforeEach(() => {
  temp = makeTempDir('iom-logfile-');
});
afterEach(() => {
  setLogSink((line) => process.stderr.write(`${line}\n`), 'warn');
  setLogFile(null);
  temp.remove();
});

describe('the rotating log file', () => {
  it('is created 0600 in a 0700 folder, also when they existed wider', () => {
    const dir = temp.path('logs');
    mkdirSync(dir, { mode: 0o755 });
    chmodSync(dir, 0o755);
    writeFileSync(join(dir, LOG_FILE_NAME), 'older line\n', { mode: 0o644 });
    chmodSync(join(dir, LOG_FILE_NAME), 0o644);
    const { sink, path } = createRotatingFileSink({ dir });
    sink('{"message":"one"}');
    expect(path).toBe(join(dir, LOG_FILE_NAME));
    expect(mode(dir)).toBe(0o700);
    expect(mode(path)).toBe(0o600);
    // Nothing already there is lost: the sink appends.
    expect(lines(path)).toEqual(['older line', '{"message":"one"}']);
  });

  it('creates missing folders 0700', () => {
    const dir = temp.path('userData/logs');
    createRotatingFileSink({ dir }).sink('x');
    expect(mode(dir)).toBe(0o700);
    expect(mode(join(dir, LOG_FILE_NAME))).toBe(0o600);
  });

  it('rotates by size into app.log.1, app.log.2 and drops the oldest, every file 0600', () => {
    const dir = temp.path('logs');
    const { sink, path } = createRotatingFileSink({ dir, maxBytes: 100, filesKept: 3 });
    const line = (n: number): string => `{"n":${String(n).padStart(3, '0')},"pad":"${'x'.repeat(21)}"}`; // 40 bytes with the newline
    expect(Buffer.byteLength(line(1)) + 1).toBe(40);
    for (let n = 1; n <= 9; n += 1) sink(line(n));
    // Two lines fit in 100 bytes, the third starts a new file: 1-2, 3-4, 5-6, 7-8, 9.
    expect(readdirSync(dir).sort()).toEqual(['app.log', 'app.log.1', 'app.log.2']);
    expect(lines(path)).toEqual([line(9)]);
    expect(lines(`${path}.1`)).toEqual([line(7), line(8)]);
    expect(lines(`${path}.2`)).toEqual([line(5), line(6)]);
    for (const file of readdirSync(dir)) {
      expect(statSync(join(dir, file)).size).toBeLessThanOrEqual(100);
      expect(mode(join(dir, file)), file).toBe(0o600);
    }
  });

  it('keeps its size across restarts: a full file is rotated by the next process', () => {
    const dir = temp.path('logs');
    createRotatingFileSink({ dir, maxBytes: 50 }).sink('a'.repeat(45));
    createRotatingFileSink({ dir, maxBytes: 50 }).sink('b'.repeat(10));
    expect(lines(join(dir, 'app.log.1'))).toEqual(['a'.repeat(45)]);
    expect(lines(join(dir, 'app.log'))).toEqual(['b'.repeat(10)]);
  });

  it('stops quietly when it cannot write, and tells who pointed to it', () => {
    const dir = temp.path('logs');
    let broken = 0;
    const { sink, path } = createRotatingFileSink({ dir, onBroken: () => (broken += 1) });
    chmodSync(dir, 0o500);
    chmodSync(path, 0o400);
    try {
      // Root ignores permissions: there the write succeeds and there is nothing to show.
      if (process.getuid?.() === 0) return;
      expect(() => sink('one')).not.toThrow();
      expect(() => sink('two')).not.toThrow();
      expect(broken).toBe(1);
    } finally {
      chmodSync(dir, 0o700);
    }
  });
});

describe('installFileLog', () => {
  it('writes what createLogger emits to dataDir/logs/app.log and the unexpected-error messages name it', async () => {
    const dataDir = temp.path('data');
    expect(logFileHint()).toBe('');
    const path = installFileLog(dataDir);
    expect(path).toBe(join(dataDir, 'logs', 'app.log'));
    expect(logFileLocation()).toBe(path);
    createLogger('test').error('something failed', { code: 'x1' });
    expect(lines(path!).map((l) => JSON.parse(l) as Record<string, unknown>)).toEqual([expect.objectContaining({ level: 'error', module: 'test', message: 'something failed', code: 'x1' })]);

    // A call that throws an unexpected error: the message points to the file that now holds its entry.
    const ctx: AppContext = {
      session: new AppSession(),
      host: { kind: 'test', chooseFile: () => Promise.reject(new TypeError('private detail')) },
      actor: 'log-file',
      jobs: new JobRegistry(),
      importWorkerPath: 'unused',
    };
    const result = await dispatchCall(ctx, 'workspace.chooseFile', { mode: 'open' });
    expect(result).toMatchObject({ ok: false, error: { code: 'internal' } });
    if (result.ok) throw new Error('expected a failure');
    expect(result.error.message).toContain(`The app log (${path}) has the details`);
    const logged = lines(path!).map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(logged.at(-1)).toMatchObject({ level: 'error', message: 'call failed', call: 'workspace.chooseFile', kind: 'TypeError' });
    expect(String(logged.at(-1)!.frames)).toMatch(/workspaceHandlers\.ts:\d+/);
    // Frames name files without their folders, which can hold the account name.
    expect(String(logged.at(-1)!.frames)).not.toMatch(/[\\/]/);
    expect(readFileSync(path!, 'utf8')).not.toContain('private detail');

    // A job that stops unexpectedly says the same, and logs its kind.
    const jobId = ctx.jobs.start('import', () => Promise.reject(new RangeError('row of a person')));
    const state = await ctx.jobs.settle(jobId);
    expect(state.error?.message).toMatch(/^The import stopped unexpectedly \(RangeError\); the workspace is as it was before\. The app log \(.*\) has the details/);
    expect(lines(path!).at(-1)).toContain('"message":"job failed"');
    expect(readFileSync(path!, 'utf8')).not.toContain('row of a person');
  });

  it('logs stack frames without folders, even with spaces in them', () => {
    const error = new Error('quoted data');
    error.stack = 'Error: quoted data\n    at run (C:\\Users\\Jo Smith\\AppData\\Local\\app.asar\\main.js:1:2)\n    at /home/jo smith/app/worker.js:3:4\n    at new Promise (<anonymous>)';
    expect(stackFrames(error)).toBe('run (main.js:1:2) < worker.js:3:4 < new Promise (<anonymous>)');
  });

  it('keeps a worker\'s frames, not its message, for the main process\'s log', () => {
    const inWorker = new TypeError('quoted data');
    const rebuilt = errorFromWorker('import worker failed', inWorker.name, stackFrames(inWorker));
    expect(rebuilt.name).toBe('TypeError');
    expect(stackFrames(rebuilt)).toBe(stackFrames(inWorker));
    expect(stackFrames(rebuilt)).toMatch(/logFile\.test\.ts:\d+/);
    expect(rebuilt.stack).not.toContain('quoted data');
    expect(stackFrames(errorFromWorker('import worker failed', 'Error', null))).not.toBeNull();
  });

  it('claims no log file where none is written', async () => {
    const ctx: AppContext = { session: new AppSession(), host: { kind: 'test', chooseFile: () => Promise.reject(new TypeError('x')) }, actor: 't', jobs: new JobRegistry(), importWorkerPath: 'unused' };
    const result = await dispatchCall(ctx, 'workspace.chooseFile', { mode: 'open' });
    if (result.ok) throw new Error('expected a failure');
    expect(result.error.message).not.toMatch(/log/i);
    const state = await ctx.jobs.settle(ctx.jobs.start('export', () => Promise.reject(new Error('x'))));
    expect(state.error?.message).toBe('The work stopped unexpectedly (Error); nothing was changed.');
  });

  it('falls back to the console, claiming nothing, when the folder cannot be made', () => {
    const blocker = temp.path('file-not-folder');
    writeFileSync(blocker, '');
    expect(installFileLog(blocker)).toBeNull();
    expect(logFileHint()).toBe('');
    expect(existsSync(join(blocker, 'logs'))).toBe(false);
  });
});

describe('the browser preview', () => {
  it('writes its log in its data folder and says where', async () => {
    ensureNodeBuild();
    const dataDir = temp.path('preview-data');
    const preview = spawn(process.execPath, [resolve(__dirname, '../../dist/devBridge/preview.js'), `--data-dir=${dataDir}`], { stdio: ['ignore', 'pipe', 'pipe'], env: { PATH: process.env.PATH, HOME: temp.path('home') } });
    try {
      const out = await new Promise<string>((resolveOut, reject) => {
        let text = '';
        preview.stdout.on('data', (chunk: Buffer) => {
          text += chunk.toString();
          if (text.includes('Log (no personal data):')) resolveOut(text);
        });
        preview.once('exit', (code) => reject(new Error(`preview exited with ${code}: ${text}`)));
      });
      const logFile = join(dataDir, 'logs', 'app.log');
      expect(out).toContain(`Log (no personal data): ${logFile}\n`);
      expect(mode(join(dataDir, 'logs'))).toBe(0o700);
      expect(mode(logFile)).toBe(0o600);
    } finally {
      preview.kill('SIGTERM');
      await new Promise((r) => (preview.exitCode === null ? preview.once('exit', r) : r(null)));
    }
  }, 120_000);
});
