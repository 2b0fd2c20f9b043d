/**
 * Crash safety of exports (issue 8, point 4: "no truncated file left under the final name"). A
 * process is killed with SIGKILL (no handler, no cleanup, as a power cut or the task manager would)
 * at seeded random moments, and afterwards the name the user chose either does not exist or holds a
 * whole, readable file: never a truncated one, never a mix of an old and a new one.
 *
 * Two layers:
 * - writeFileAtomic itself, writing a 32 MB file in a child process, killed 24 times across the
 *   write (new files, and replacements of an existing file with --force semantics);
 * - the real CLI export of a 1,500-person shortlist to .xlsx, killed at moments spread over its
 *   whole run (opening the workspace, building the workbook, writing), read back with SheetJS. A file
 *   under the final name must also have its audit entry.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import * as esbuild from 'esbuild';
import * as XLSX from 'xlsx';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyAuditChain } from '../../electron/workspace/auditLog';
import { closeWorkspace, createWorkspaceFile, openWorkspaceFile } from '../../electron/workspace/workspaceFile';
import { mulberry32 } from '../../shared/domain/seededRandom';
import { fillExportWorkspace } from '../support/exportWorkspace';
import { ensureNodeBuild } from '../support/nodeBuild';
import { CLI_PATH } from '../support/runCli';
import { makeTempDir, TEST_PASSPHRASE, type TempDir } from '../support/tempWorkspace';

const ROOT = resolve(__dirname, '../..');
const SEED = 0xe4_9047;
const FILE_BYTES = 32 * 1024 * 1024;
const WRITER_KILLS = 24;
const CLI_PEOPLE = 1_500;
const CLI_KILLS = 6;

let temp: TempDir;
let writerScript: string;

/**
 * The bytes of generation `generation`: every 64 KiB block starts with its index and the generation,
 * so a truncated file, a file with a hole, or one mixing two generations all fail the comparison.
 */
function generationBytes(generation: number): Buffer {
  const bytes = Buffer.alloc(FILE_BYTES, (generation * 37 + 11) & 0xff);
  for (let block = 0; block * 65_536 < FILE_BYTES; block++) {
    bytes.writeUInt32LE(block, block * 65_536);
    bytes.writeUInt32LE(generation, block * 65_536 + 4);
  }
  return bytes;
}

interface Run {
  code: number | null;
  signal: NodeJS.Signals | null;
  stderr: string;
  /** Milliseconds from the start marker (or the spawn) to the end marker (or the exit). */
  ms: number;
}

/**
 * Spawns a child; `startMarker` (a stdout line) starts the kill clock, so kills land in the phase
 * being tested rather than in Node's start-up. Killed `killAfterMs` after that, when given.
 */
function runChild(args: string[], env: Record<string, string>, startMarker: string | null, killAfterMs: number | null, endMarker: string | null = null): Promise<Run> {
  return new Promise((resolveRun, reject) => {
    const child = spawn(process.execPath, args, { env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    let stdout = '';
    let started = startMarker === null ? performance.now() : 0;
    let ended = 0;
    let timer: NodeJS.Timeout | undefined;
    const arm = () => {
      started = performance.now();
      if (killAfterMs !== null) timer = setTimeout(() => child.kill('SIGKILL'), killAfterMs);
    };
    if (startMarker === null) arm();
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString('utf8');
      if (startMarker !== null && started === 0 && stdout.includes(`${startMarker}\n`)) arm();
      if (endMarker !== null && ended === 0 && stdout.includes(`${endMarker}\n`)) ended = performance.now();
    });
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      resolveRun({ code, signal, stderr, ms: started === 0 ? 0 : (ended || performance.now()) - started });
    });
  });
}

function partialsIn(dir: string): string[] {
  return readdirSync(dir).filter((name) => name.endsWith('.partial'));
}

beforeAll(async () => {
  temp = makeTempDir('iom-export-crash-');
  // The child runs the very writeFileAtomic the app uses, bundled from the sources.
  writerScript = temp.path('writer.cjs');
  await esbuild.build({
    stdin: {
      contents: `
        const { writeFileAtomic } = require('./electron/exports/atomicFile');
        const [target, size, generation, mode] = process.argv.slice(2);
        const bytes = Buffer.alloc(Number(size), (Number(generation) * 37 + 11) & 0xff);
        for (let block = 0; block * 65536 < bytes.length; block++) {
          bytes.writeUInt32LE(block, block * 65536);
          bytes.writeUInt32LE(Number(generation), block * 65536 + 4);
        }
        process.stdout.write('writing\\n');
        writeFileAtomic(target, bytes, { overwrite: mode === 'replace' });
        process.stdout.write('done\\n');
      `,
      resolveDir: ROOT,
      loader: 'ts',
    },
    bundle: true,
    platform: 'node',
    format: 'cjs',
    outfile: writerScript,
    logLevel: 'silent',
  });
}, 60_000);

afterAll(() => temp?.remove());

describe('writeFileAtomic killed mid-write', () => {
  it(`never leaves a truncated or mixed file under the final name (${WRITER_KILLS} SIGKILLs)`, async () => {
    const dir = temp.path('writer');
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir);
    const target = join(dir, 'OFFICIAL-SENSITIVE IOM decided cohort 2013-11-25.xlsx');
    const bytesOf = generationBytes;

    // Uninterrupted runs set the kill window: the write's own duration on this machine now.
    let writeMs = Infinity;
    for (let i = 0; i < 2; i++) {
      rmSync(target, { force: true });
      const run = await runChild([writerScript, target, String(FILE_BYTES), '1', 'new'], {}, 'writing', null, 'done');
      expect(run.code, run.stderr).toBe(0);
      writeMs = Math.min(writeMs, run.ms);
    }
    expect(readFileSync(target).equals(bytesOf(1))).toBe(true);

    const rng = mulberry32(SEED);
    let killedWithPartial = 0;
    let published = 0;
    for (let i = 0; i < WRITER_KILLS; i++) {
      const generation = i + 2;
      const mode = i % 2 === 0 ? 'new' : 'replace';
      // A replacement starts from a complete earlier generation under the final name.
      const previous = generation - 1;
      if (mode === 'new') rmSync(target, { force: true });
      else writeFileSync(target, bytesOf(previous));
      const partialsBefore = new Set(partialsIn(dir));
      // Stratified over 0–150% of the write, so the start, the middle, the fsync, the rename and
      // just after it all get hit.
      const delay = writeMs * ((1.5 / WRITER_KILLS) * (i + rng()));
      const run = await runChild([writerScript, target, String(FILE_BYTES), String(generation), mode], {}, 'writing', delay);
      if (run.code !== 0) expect(run.signal, `run ${i}: ${run.stderr}`).toBe('SIGKILL');

      if (existsSync(target)) {
        const onDisk = readFileSync(target);
        const isNew = onDisk.equals(bytesOf(generation));
        const isOld = mode === 'replace' && onDisk.equals(bytesOf(previous));
        expect(isNew || isOld, `run ${i} (${mode}, kill at ${Math.round(delay)} ms): ${onDisk.length} bytes under the final name, neither whole generation`).toBe(true);
        if (isNew) published++;
      } else {
        expect(mode, `run ${i}: a replacement must never remove the file it replaces`).toBe('new');
      }
      // Whatever else is in the folder is a hidden .partial of this very name.
      for (const name of readdirSync(dir)) {
        if (name === 'OFFICIAL-SENSITIVE IOM decided cohort 2013-11-25.xlsx') continue;
        expect(name).toMatch(/^\.OFFICIAL-SENSITIVE IOM decided cohort 2013-11-25\.xlsx\.[0-9a-f]{12}\.partial$/);
      }
      if (partialsIn(dir).some((name) => !partialsBefore.has(name))) killedWithPartial++;
    }
    // The kills did land inside writes: at least one left its partial behind.
    expect(killedWithPartial).toBeGreaterThan(0);
    console.log(`export crash safety: ${WRITER_KILLS} kills over a ${Math.round(writeMs)} ms write of ${FILE_BYTES / 1024 / 1024} MB; ${killedWithPartial} interrupted the write, ${published} came after the publish`);

    // The next export to the same name completes and clears what the killed ones left.
    rmSync(target, { force: true });
    const clean = await runChild([writerScript, target, String(FILE_BYTES), '999', 'new'], {}, null, null);
    expect(clean.code, clean.stderr).toBe(0);
    expect(readFileSync(target).equals(generationBytes(999))).toBe(true);
    expect(readdirSync(dir)).toEqual(['OFFICIAL-SENSITIVE IOM decided cohort 2013-11-25.xlsx']);
  }, 120_000);
});

describe('the CLI shortlist export killed at any moment', () => {
  it(`leaves each output absent or whole and readable, and never unaudited (${CLI_KILLS} SIGKILLs)`, async () => {
    ensureNodeBuild();
    const workspacePath = temp.path('cli.iomdb');
    const workspace = createWorkspaceFile(workspacePath, 'Crash export', TEST_PASSPHRASE, TEST_PASSPHRASE);
    try {
      fillExportWorkspace(workspace, CLI_PEOPLE);
    } finally {
      closeWorkspace(workspace);
    }
    const outDir = temp.path('cli-out');
    mkdirSync(outDir);
    const env = { IOM_PASSPHRASE: TEST_PASSPHRASE };
    const exportTo = (name: string, killAfterMs: number | null) => runChild([CLI_PATH, 'export', workspacePath, '--shortlist', join(outDir, name), '--columns', 'position,surname,forenames,dob,pnc,address,flags,arrestsInWindow,arrestsByCrimeType,selectionReason'], env, null, killAfterMs);

    const whole = (name: string): boolean => {
      const book = XLSX.read(readFileSync(join(outDir, name)), { type: 'buffer' });
      const sheet = book.Sheets.Shortlist!;
      const rows = XLSX.utils.sheet_to_json<unknown[]>(sheet, { header: 1, blankrows: true });
      // Marking, title, gap, header, the people, gap, marking.
      return rows[0]?.[0] === 'OFFICIAL-SENSITIVE' && rows.length === 4 + CLI_PEOPLE + 2 && rows[rows.length - 1]?.[0] === 'OFFICIAL-SENSITIVE' && book.SheetNames.includes('Metadata');
    };

    let runMs = Infinity;
    for (const name of ['complete-1.xlsx', 'complete-2.xlsx']) {
      const run = await exportTo(name, null);
      expect(run.code, run.stderr).toBe(0);
      expect(whole(name)).toBe(true);
      runMs = Math.min(runMs, run.ms);
    }

    const rng = mulberry32(SEED + 1);
    const outcomes: string[] = [];
    for (let i = 0; i < CLI_KILLS; i++) {
      const name = `killed-${i}.xlsx`;
      // Weighted to the end of the run (50–150%), where the workbook is built and written; runs vary, so some land after it.
      const delay = runMs * (0.5 + (1.0 / CLI_KILLS) * (i + rng()));
      const run = await exportTo(name, delay);
      if (run.code !== 0) expect(run.signal, `run ${i}: ${run.stderr}`).toBe('SIGKILL');
      const exists = existsSync(join(outDir, name));
      if (exists) expect(whole(name), `run ${i}: ${name} is not a whole export`).toBe(true);
      outcomes.push(exists ? 'written' : 'absent');
    }

    // Every file under a final name has its audit entry; the workspace itself is unharmed.
    const check = openWorkspaceFile(workspacePath, TEST_PASSPHRASE);
    try {
      expect(check.db.pragma('integrity_check', { simple: true })).toBe('ok');
      expect(verifyAuditChain(check.db).ok).toBe(true);
      const audited = check.db.prepare("SELECT COUNT(*) FROM audit_log WHERE action = 'export.shortlist'").pluck().get() as number;
      const written = readdirSync(outDir).filter((n) => n.endsWith('.xlsx')).length;
      expect(audited).toBeGreaterThanOrEqual(written);
    } finally {
      closeWorkspace(check);
    }
    console.log(`export crash safety: CLI export of ${CLI_PEOPLE.toLocaleString('en-GB')} people took ${Math.round(runMs)} ms; after kills: ${outcomes.join(', ')}`);
  }, 120_000);
});
