import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findAppRoot, isInsideAsar, unpackedPath } from '../../electron/runtime/appLayout';
import { chooseNativeBinding, wrongBindingError, type RuntimeIdentity } from '../../electron/workspace/nativeBinding';

const NODE: RuntimeIdentity = { electron: undefined, modules: '115', platform: 'linux', arch: 'x64' };
const ELECTRON: RuntimeIdentity = { electron: '45.4.1', modules: '150', platform: 'win32', arch: 'x64' };
const p = (...parts: string[]) => join(sep, ...parts);

describe('choosing the SQLCipher binding for the runtime', () => {
  it('Node (CLI, tests) takes the package\'s own build, whatever sits in native/', () => {
    expect(chooseNativeBinding(NODE, p('repo'), () => true)).toEqual({ runtime: 'node' });
    expect(chooseNativeBinding(NODE, p('repo'), () => false)).toEqual({ runtime: 'node' });
  });

  it('Electron takes native/electron-<abi>-<os>-<cpu>/ in a clone, and the unpacked copy in an installed app', () => {
    expect(chooseNativeBinding(ELECTRON, p('repo'), () => true)).toEqual({ runtime: 'electron', path: p('repo', 'native', 'electron-150-win32-x64', 'better_sqlite3.node') });
    const installed = p('opt', 'IOM', 'resources', 'app.asar');
    expect(chooseNativeBinding(ELECTRON, installed, () => true)).toEqual({ runtime: 'electron', path: p('opt', 'IOM', 'resources', 'app.asar.unpacked', 'native', 'electron-150-win32-x64', 'better_sqlite3.node') });
    // Another Electron, another ABI, another folder: a stale build is never picked up.
    const seen: string[] = [];
    expect(() => chooseNativeBinding({ ...ELECTRON, electron: '46.0.0', modules: '151' }, p('repo'), (path) => (seen.push(path), path.includes('electron-150')))).toThrow('ABI 151');
    expect(seen).toEqual([p('repo', 'native', 'electron-151-win32-x64', 'better_sqlite3.node')]);
  });

  it('says in one line what to run when it is missing: the script in a clone, a reinstall when installed', () => {
    expect(() => chooseNativeBinding(ELECTRON, p('repo'), () => false)).toThrow(`The SQLCipher library for Electron 45.4.1 (ABI 150, win32-x64) is missing: run "npm run electron:binding" in ${p('repo')}.`);
    expect(() => chooseNativeBinding(ELECTRON, p('opt', 'IOM', 'resources', 'app.asar'), () => false)).toThrow('is missing: reinstall the app.');
  });

  it('turns a wrong-ABI load failure into that line, and leaves other errors alone', () => {
    const abiError = new Error("The module '/x/better_sqlite3.node' was compiled against a different Node.js version using NODE_MODULE_VERSION 115. This version of Node.js requires NODE_MODULE_VERSION 150. Please try re-compiling or re-installing the module.");
    expect(wrongBindingError(abiError, ELECTRON, p('repo'))?.message).toBe(`The SQLCipher library does not fit Electron 45.4.1, ABI 150 (it was built for ABI 115): run "npm run electron:binding" in ${p('repo')}.`);
    expect(wrongBindingError(abiError, NODE, p('repo'))?.message).toMatch(/does not fit Node [\d.]+, ABI 115 \(it was built for ABI 115\): run "npm rebuild better-sqlite3-multiple-ciphers" in /);
    expect(wrongBindingError(new Error('SQLITE_CANTOPEN: unable to open database file'), ELECTRON, p('repo'))).toBeNull();
    expect(wrongBindingError('text', ELECTRON, p('repo'))).toBeNull();
  });
});

describe('the app layout', () => {
  it('maps a path inside app.asar to app.asar.unpacked, and leaves other paths alone', () => {
    expect(unpackedPath(p('r', 'app.asar', 'dist', 'electron', 'importWorker.js'))).toBe(p('r', 'app.asar.unpacked', 'dist', 'electron', 'importWorker.js'));
    expect(unpackedPath(p('r', 'app.asar'))).toBe(p('r', 'app.asar.unpacked'));
    expect(unpackedPath(p('repo', 'dist', 'electron', 'importWorker.js'))).toBe(p('repo', 'dist', 'electron', 'importWorker.js'));
    expect(unpackedPath(p('r', 'app.asar.unpacked', 'x'))).toBe(p('r', 'app.asar.unpacked', 'x'));
    expect(isInsideAsar(p('r', 'app.asar', 'x'))).toBe(true);
    expect(isInsideAsar(p('r', 'app.asar.unpacked', 'x'))).toBe(false);
  });

  it('finds the app root as the nearest folder with a package.json, from any bundle', () => {
    const roots = new Set([p('repo', 'package.json'), p('r', 'app.asar', 'package.json')]);
    const exists = (path: string) => roots.has(path);
    expect(findAppRoot(p('repo', 'dist', 'electron'), exists)).toBe(p('repo'));
    expect(findAppRoot(p('repo', 'dist'), exists)).toBe(p('repo'));
    expect(findAppRoot(p('r', 'app.asar', 'dist', 'electron'), exists)).toBe(p('r', 'app.asar'));
    expect(findAppRoot(p('elsewhere', 'x'), exists)).toBe(p('elsewhere', 'x'));
    // The import worker runs from app.asar.unpacked, which has no package.json of its own.
    expect(findAppRoot(p('r', 'app.asar.unpacked', 'dist', 'electron'), exists)).toBe(p('r', 'app.asar.unpacked'));
    expect(findAppRoot(p('r', 'app.asar'), exists)).toBe(p('r', 'app.asar'));
    const fromWorker = chooseNativeBinding(ELECTRON, findAppRoot(p('r', 'app.asar.unpacked', 'dist', 'electron'), exists), () => true);
    const fromMain = chooseNativeBinding(ELECTRON, findAppRoot(p('r', 'app.asar', 'dist', 'electron'), exists), () => true);
    expect(fromWorker).toEqual(fromMain);
  });
});

describe('one place opens SQLite', () => {
  it('no module of the app loads better-sqlite3 itself: every connection goes through sqliteConnection.ts and its binding choice', () => {
    const root = resolve(__dirname, '../../electron');
    const files = (dir: string): string[] => readdirSync(dir).flatMap((name) => (statSync(join(dir, name)).isDirectory() ? files(join(dir, name)) : name.endsWith('.ts') ? [join(dir, name)] : []));
    const loaders = files(root).filter((file) => /^import (?!type\b)[^;]*from 'better-sqlite3-multiple-ciphers'|require\(['"]better-sqlite3-multiple-ciphers['"]\)/m.test(readFileSync(file, 'utf8')));
    expect(loaders.map((file) => relative(root, file).split(sep).join('/'))).toEqual(['workspace/sqliteConnection.ts']);
  });
});
