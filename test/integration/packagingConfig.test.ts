/**
 * What `npm run package` puts in the installed app, read from electron-builder.yml the way
 * electron-builder reads it (its `files` globs over this repo, its `asarUnpack` globs over that
 * list), and checked against what the code asks for at run time in a packaged layout: the import
 * worker and the Electron binding from app.asar.unpacked, the window icon inside the archive.
 * Electron's binary cannot be fetched here, so the package itself is not built in the tests.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, copyFileSync, existsSync, readdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { minimatch } from 'minimatch';
import { z } from 'zod';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { unpackedPath } from '../../electron/runtime/appLayout';
import { chooseNativeBinding } from '../../electron/workspace/nativeBinding';
import { BACKGROUND_WORKER_FILE } from '../../electron/background/runBackgroundTask';
import { DEMO_WORKER_FILE } from '../../electron/workspace/demoMaker';
import { WINDOW_ICON } from '../../electron/runtime/appIcon';
import { makeTempDir, type TempDir } from '../support/tempWorkspace';

const root = resolve(__dirname, '../..');
const read = (path: string) => readFileSync(resolve(root, path), 'utf8');
const yaml = createRequire(__filename)('js-yaml') as { load(text: string): unknown };

const ExtraFiles = z.array(z.object({ from: z.string(), to: z.string() }));
const BuilderConfig = z.object({
  productName: z.string(),
  files: z.array(z.string()),
  asar: z.literal(true),
  asarUnpack: z.array(z.string()),
  npmRebuild: z.literal(false),
  electronFuses: z.record(z.string(), z.boolean()),
  win: z.object({ icon: z.string(), extraFiles: ExtraFiles, target: z.array(z.object({ target: z.string() })) }),
  nsis: z.object({ installerIcon: z.string(), uninstallerIcon: z.string() }),
  mac: z.object({ icon: z.string() }),
  linux: z.object({ icon: z.string(), executableName: z.string(), extraFiles: ExtraFiles, target: z.array(z.string()) }),
});
const config = BuilderConfig.parse(yaml.load(read('electron-builder.yml')));

const matches = (path: string, pattern: string) => minimatch(path, pattern, { dot: true });

/** electron-builder's `files`: included by a pattern, not excluded by a later `!` pattern. */
function packaged(path: string): boolean {
  let included = false;
  for (const pattern of config.files) {
    if (pattern.startsWith('!')) {
      if (matches(path, pattern.slice(1))) included = false;
    } else if (matches(path, pattern)) included = true;
  }
  return included;
}

const unpacked = (path: string) => config.asarUnpack.some((pattern) => matches(path, pattern));

function repoFiles(dir = root): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (['node_modules', '.git', 'release', 'test-output'].includes(entry.name)) continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...repoFiles(path));
    else out.push(relative(root, path).split(sep).join('/'));
  }
  return out;
}

let packagedFiles: string[];
beforeAll(() => {
  expect(existsSync(join(root, 'dist/electron/main.js')), 'run npm run build first').toBe(true);
  packagedFiles = repoFiles().filter(packaged);
});

describe('what gets packaged', () => {
  it('ships the built app, its icon and nothing of the sources, tests, maps or the browser-preview bridge', () => {
    for (const file of ['package.json', 'dist/electron/main.js', 'dist/electron/preload.js', 'dist/electron/importWorker.js', 'dist/renderer/index.html', 'assets/icons/256x256.png']) {
      expect(packagedFiles, file).toContain(file);
    }
    expect(packagedFiles.some((f) => f.startsWith('dist/renderer/assets/') && f.endsWith('.js'))).toBe(true);
    for (const file of packagedFiles) {
      expect(file, file).toMatch(/^(package\.json|dist\/(electron|renderer)\/|native\/|assets\/icons\/256x256\.png$)/);
      expect(file, file).not.toMatch(/\.map$|devBridge/);
    }
    expect(packaged('dist/devBridge/preview.js')).toBe(false);
    // Nor is the bridge bundled into the main process.
    expect(read('dist/electron/main.js')).not.toContain('startBridge');
    expect(packaged('dist/cli.js')).toBe(false);
    // The module's JavaScript goes; its Node build and C sources stay behind.
    expect(config.files.some((p) => p.startsWith('!') && matches('node_modules/better-sqlite3-multiple-ciphers/lib/database.js', p.slice(1)))).toBe(false);
    for (const dropped of ['node_modules/better-sqlite3-multiple-ciphers/build/Release/better_sqlite3.node', 'node_modules/better-sqlite3-multiple-ciphers/deps/sqlite3/sqlite3.c', 'node_modules/better-sqlite3-multiple-ciphers/src/better_sqlite3.cpp']) {
      expect(config.files.some((p) => p.startsWith('!') && matches(dropped, p.slice(1))), dropped).toBe(true);
    }
  });

  it('unpacks from the archive exactly what is loaded from disk: the import, CSV reading, background and demo workers and the Electron binding', () => {
    expect(packagedFiles.filter(unpacked).filter((f) => !f.startsWith('native/'))).toEqual(['dist/electron/backgroundWorker.js', 'dist/electron/csvLineWorker.js', 'dist/electron/demoWorker.js', 'dist/electron/importWorker.js']);
    // The paths the code asks for in an installed app, relative to app.asar.unpacked.
    const resources = join(sep, 'opt', 'IOM', 'resources');
    const worker = unpackedPath(join(resources, 'app.asar', 'dist', 'electron', 'importWorker.js'));
    const workerInPackage = relative(join(resources, 'app.asar.unpacked'), worker).split(sep).join('/');
    expect(workerInPackage).toBe('dist/electron/importWorker.js');
    expect(unpacked(workerInPackage) && packaged(workerInPackage)).toBe(true);
    // The background worker is found beside the import worker (backgroundWorkerPath).
    const backgroundInPackage = relative(join(resources, 'app.asar.unpacked'), join(dirname(worker), BACKGROUND_WORKER_FILE)).split(sep).join('/');
    expect(unpacked(backgroundInPackage) && packaged(backgroundInPackage)).toBe(true);
    // And the demo worker too (demoWorkerPath).
    const demoInPackage = relative(join(resources, 'app.asar.unpacked'), join(dirname(worker), DEMO_WORKER_FILE)).split(sep).join('/');
    expect(unpacked(demoInPackage) && packaged(demoInPackage)).toBe(true);
    const choice = chooseNativeBinding({ electron: '45.4.1', modules: '150', platform: 'linux', arch: 'x64' }, join(resources, 'app.asar'), () => true);
    expect(choice.runtime).toBe('electron');
    const bindingInPackage = relative(join(resources, 'app.asar.unpacked'), choice.runtime === 'electron' ? choice.path : '').split(sep).join('/');
    expect(bindingInPackage).toBe('native/electron-150-linux-x64/better_sqlite3.node');
    expect(packaged(bindingInPackage) && unpacked(bindingInPackage)).toBe(true);
    // And nothing rebuilds node_modules in place for Electron (that would break the CLI and the tests).
    expect(config.npmRebuild).toBe(false);
    const scripts = (JSON.parse(read('package.json')) as { scripts: Record<string, string> }).scripts;
    expect(scripts.package).toMatch(/^npm run build && node scripts\/electronBinding\.mjs --if-missing && electron-builder /);
  });

  it('flips the Electron fuses DESIGN.md lists, RunAsNode off', () => {
    expect(config.electronFuses).toEqual({
      runAsNode: false,
      enableCookieEncryption: true,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      grantFileProtocolExtraPrivileges: false,
    });
    expect(config.win.target.map((t) => t.target)).toEqual(['nsis']);
    expect(config.linux.target).toEqual(['AppImage', 'deb']);
  });

  it('gives the installers, the window and every platform the generated icon', () => {
    for (const file of [config.win.icon, config.nsis.installerIcon, config.nsis.uninstallerIcon, config.mac.icon]) expect(existsSync(join(root, file)), file).toBe(true);
    const linuxIcons = readdirSync(join(root, config.linux.icon));
    for (const size of [16, 32, 48, 64, 128, 256, 512]) expect(linuxIcons, `${size}`).toContain(`${size}x${size}.png`);
    expect(linuxIcons.every((name) => /^\d+x\d+\.png$/.test(name))).toBe(true);
    // The window's icon is the one the package carries.
    expect(relative(root, WINDOW_ICON).split(sep).join('/')).toBe('assets/icons/256x256.png');
    expect(packaged('assets/icons/256x256.png')).toBe(true);
  });

  it('pins SheetJS 0.20.3 through the alias, not the registry 0.18.5', () => {
    const pkg = JSON.parse(read('package.json')) as { dependencies: Record<string, string> };
    expect(pkg.dependencies.xlsx).toBe('npm:@e965/xlsx@0.20.3');
  });
});

describe('the CLI launcher installed beside the executable', () => {
  let temp: TempDir;
  beforeAll(() => {
    temp = makeTempDir('iom-launcher-');
  });
  afterAll(() => temp.remove());

  it('is in the Linux and Windows packages and names the executable each one installs', () => {
    expect(config.linux.extraFiles).toEqual([{ from: 'packaging/launchers/iom-cohort', to: 'iom-cohort' }]);
    expect(config.win.extraFiles).toEqual([{ from: 'packaging/launchers/iom-cohort.cmd', to: 'iom-cohort.cmd' }]);
    expect(statSync(join(root, 'packaging/launchers/iom-cohort')).mode & 0o111).not.toBe(0);
    expect(read('packaging/launchers/iom-cohort')).toContain(`"$here/${config.linux.executableName}" --cli "$@"`);
    expect(read('packaging/launchers/iom-cohort.cmd')).toContain(`"%~dp0${config.productName}.exe" --cli %*`);
  });

  it('passes every argument unchanged after --cli and returns the app\'s exit code, also through a link on the PATH', () => {
    const install = temp.path('install');
    const bin = temp.path('bin');
    spawnSync('mkdir', ['-p', install, bin]);
    copyFileSync(join(root, 'packaging/launchers/iom-cohort'), join(install, 'iom-cohort'));
    chmodSync(join(install, 'iom-cohort'), 0o755);
    // Stands in for the app's executable: prints what it was given, one argument a line.
    writeFileSync(join(install, config.linux.executableName), '#!/bin/sh\nfor a in "$@"; do printf "%s\\n" "$a"; done\nexit 3\n');
    chmodSync(join(install, config.linux.executableName), 0o755);
    symlinkSync(join(install, 'iom-cohort'), join(bin, 'iom-cohort'));
    for (const launcher of [join(install, 'iom-cohort'), join(bin, 'iom-cohort')]) {
      const run = spawnSync(launcher, ['summary', 'my cohort.iomdb', '--json'], { encoding: 'utf8' });
      expect(run.status, launcher).toBe(3);
      expect(run.stdout.split('\n').slice(0, -1), launcher).toEqual(['--cli', 'summary', 'my cohort.iomdb', '--json']);
    }
  });
});
