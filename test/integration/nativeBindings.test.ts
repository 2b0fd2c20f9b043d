/**
 * One SQLCipher binding per runtime (issue 14, point 1) on real files: the Electron build is made
 * in a copy and placed beside the Node build, which stays byte for byte and inode for inode as it
 * was, so the CLI and this suite still load it afterwards; and the explicit choice really loads the
 * file it names. Electron's headers cannot be fetched here, so the compile step is a stand-in
 * (test/support/standInBindingCompiler.mjs); everything around it is the real script.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve, sep } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { electronBindingRelativePath, type RuntimeIdentity } from '../../electron/workspace/nativeBinding';
import { openSqliteDatabaseFor } from '../../electron/workspace/sqliteConnection';
import { closeWorkspace, createWorkspaceFile, openWorkspaceFile } from '../../electron/workspace/workspaceFile';
import { ensureNodeBuild } from '../support/nodeBuild';
import { runCli } from '../support/runCli';
import { makeTempDir, TEST_PASSPHRASE, type TempDir } from '../support/tempWorkspace';

const ROOT = resolve(__dirname, '../..');
const SCRIPT = join(ROOT, 'scripts/electronBinding.mjs');
const STAND_IN = join(ROOT, 'test/support/standInBindingCompiler.mjs');
const MODULE_DIR = dirname(createRequire(__filename).resolve('better-sqlite3-multiple-ciphers/package.json'));
const NODE_BUILD = join(MODULE_DIR, 'build/Release/better_sqlite3.node');
const ELECTRON = { electron: '45.4.1', modules: '150', platform: process.platform, arch: process.arch } as const;

function fingerprint(path: string): { sha256: string; ino: number; mtimeMs: number; size: number } {
  const stat = statSync(path);
  return { sha256: createHash('sha256').update(readFileSync(path)).digest('hex'), ino: stat.ino, mtimeMs: stat.mtimeMs, size: stat.size };
}

function runScript(args: string[], env: Record<string, string> = {}) {
  const result = spawnSync(process.execPath, [SCRIPT, ...args], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, ...env }, timeout: 120_000 });
  return { status: result.status, out: `${result.stdout}${result.stderr}` };
}

let temp: TempDir;
beforeAll(() => {
  ensureNodeBuild();
  temp = makeTempDir('iom-binding-');
});
afterAll(() => temp.remove());

describe('the Electron binding is built beside the Node build, never over it', () => {
  it('builds in a copy, places native/electron-<abi>-<os>-<cpu>/better_sqlite3.node, and leaves the Node build as it was', () => {
    const before = fingerprint(NODE_BUILD);
    const out = temp.path('app');
    const log = temp.path('stand-in.log');
    const run = runScript(['--electron-version', ELECTRON.electron, '--abi', ELECTRON.modules, '--out', out, '--compiler', STAND_IN], { STAND_IN_LOG: log });
    expect(run.status, run.out).toBe(0);
    expect(run.out).toMatch(/\[1\/3\][\s\S]*\[2\/3\] building for Electron 45\.4\.1 \(ABI 150[\s\S]*\[3\/3\]/);

    const placed = join(out, electronBindingRelativePath(ELECTRON));
    expect(readFileSync(placed, 'utf8')).toContain('node_register_module_v150');
    expect(JSON.parse(readFileSync(join(dirname(placed), 'binding.json'), 'utf8'))).toMatchObject({ electron: '45.4.1', abi: '150' });
    // The compile ran in a temporary copy, not in node_modules, and the copy is gone.
    const ran = readFileSync(log, 'utf8').trim().split('\n').map((line) => JSON.parse(line) as { cwd: string; args: string[] });
    expect(ran).toHaveLength(1);
    expect(ran[0]!.cwd.startsWith(MODULE_DIR + sep)).toBe(false);
    expect(ran[0]!.cwd).not.toBe(MODULE_DIR);
    expect(ran[0]!.args).toContain('--target=45.4.1');
    expect(existsSync(ran[0]!.cwd)).toBe(false);
    expect(fingerprint(NODE_BUILD)).toEqual(before);

    // npm start asks again each time: with the binding in place nothing is rebuilt.
    const again = runScript(['--if-missing', '--electron-version', ELECTRON.electron, '--abi', ELECTRON.modules, '--out', out, '--compiler', STAND_IN], { STAND_IN_LOG: log });
    expect(again.status, again.out).toBe(0);
    expect(again.out).toContain('is ready');
    expect(readFileSync(log, 'utf8').trim().split('\n')).toHaveLength(1);
    expect(fingerprint(NODE_BUILD)).toEqual(before);
  });

  it('refuses a build for another ABI and places nothing', () => {
    const out = temp.path('wrong');
    const run = runScript(['--electron-version', ELECTRON.electron, '--abi', ELECTRON.modules, '--out', out, '--compiler', STAND_IN], { STAND_IN_ABI: '115' });
    expect(run.status).toBe(1);
    expect(run.out).toContain('is not for ABI 150; it was not installed');
    expect(existsSync(join(out, electronBindingRelativePath(ELECTRON)))).toBe(false);
  });

  it('after the packaging step the CLI and this suite still open workspaces with the Node build', () => {
    const path = temp.path('after.iomdb');
    const created = runCli(['init', path, '--name', 'After packaging'], { IOM_NEW_PASSPHRASE: TEST_PASSPHRASE });
    expect(created.status, created.stderr).toBe(0);
    const summary = runCli(['summary', path, '--json'], { IOM_PASSPHRASE: TEST_PASSPHRASE });
    expect(summary.status, summary.stderr).toBe(0);
    expect(JSON.parse(summary.stdout)).toMatchObject({ people: 0 });
    const workspace = openWorkspaceFile(path, TEST_PASSPHRASE);
    expect(workspace.name).toBe('After packaging');
    closeWorkspace(workspace);
  });
});

describe('the workspace opener loads the binding it chose', () => {
  it('under Electron it loads native/… by path (here a copy of a loadable build), never the package default', () => {
    const appRoot = temp.path('electron-app');
    // Under this Node the only loadable binary is the Node build; copied to where the Electron one
    // goes for this ABI, it shows the path is what gets loaded.
    const runtime: RuntimeIdentity = { electron: '45.4.1', modules: process.versions.modules, platform: process.platform, arch: process.arch };
    const binding = join(appRoot, electronBindingRelativePath(runtime));
    mkdirSync(dirname(binding), { recursive: true });
    copyFileSync(NODE_BUILD, binding);
    const db = openSqliteDatabaseFor(runtime, appRoot, ':memory:');
    expect(db.prepare('SELECT 1 AS one').get()).toEqual({ one: 1 });
    db.close();
    expect(Object.keys(createRequire(__filename).cache)).toContain(binding);
  });

  it('a missing or wrong Electron build is one line naming the command that fixes it', () => {
    const appRoot = temp.path('no-binding');
    mkdirSync(appRoot, { recursive: true });
    expect(() => openSqliteDatabaseFor(ELECTRON, appRoot, ':memory:')).toThrow(
      `The SQLCipher library for Electron 45.4.1 (ABI 150, ${process.platform}-${process.arch}) is missing: run "npm run electron:binding" in ${appRoot}.`,
    );
    const runtime: RuntimeIdentity = { ...ELECTRON, modules: '151' };
    const binding = join(appRoot, electronBindingRelativePath(runtime));
    mkdirSync(dirname(binding), { recursive: true });
    writeFileSync(binding, Buffer.alloc(4096, 7));
    let message = '';
    try {
      openSqliteDatabaseFor(runtime, appRoot, ':memory:');
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toBe(`The SQLCipher library does not fit Electron 45.4.1, ABI 151: run "npm run electron:binding" in ${appRoot}.`);
    expect(message).not.toContain('\n');
  });

  it('under Node the package\'s own build opens a real encrypted workspace', () => {
    const path = temp.path('node.iomdb');
    closeWorkspace(createWorkspaceFile(path, 'Node runtime', TEST_PASSPHRASE, TEST_PASSPHRASE));
    const db = openSqliteDatabaseFor({ electron: undefined, modules: process.versions.modules, platform: process.platform, arch: process.arch }, temp.path('nowhere'), path, { fileMustExist: true });
    expect(() => db.prepare('SELECT count(*) FROM sqlite_master').get()).toThrow();
    db.close();
  });
});
