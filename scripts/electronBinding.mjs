// `npm run electron:binding`: builds the SQLCipher binding for Electron's ABI into
// native/electron-<abi>-<platform>-<arch>/better_sqlite3.node, beside (never over) the Node build in
// node_modules/better-sqlite3-multiple-ciphers/build/Release that the CLI and the tests load.
// The module's source is copied to a temporary folder and compiled there against Electron's
// headers (a prebuilt binary first, as the package's own install does, then node-gyp); only the
// finished .node file is copied out. `npm start` and `npm run package` call it with --if-missing.
//
//   node scripts/electronBinding.mjs [--if-missing] [--electron-version V] [--abi N]
//        [--platform P] [--arch A] [--out DIR] [--compiler SCRIPT]
// --out is the app root that receives native/ (default: this repo). --compiler replaces the
// download-and-compile step with a node script run in the copied module folder (the tests use a
// stand-in, since Electron's headers cannot be fetched everywhere).
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const MODULE = 'better-sqlite3-multiple-ciphers';
const BINDING = 'better_sqlite3.node';

const { values } = parseArgs({
  options: {
    'if-missing': { type: 'boolean', default: false },
    'electron-version': { type: 'string' },
    abi: { type: 'string' },
    platform: { type: 'string', default: process.platform },
    arch: { type: 'string', default: process.arch },
    out: { type: 'string', default: root },
    compiler: { type: 'string' },
  },
});

let stage = null;

function fail(message) {
  console.error(`electron:binding: ${message}`);
  if (stage) rmSync(stage, { recursive: true, force: true });
  process.exit(1);
}

function electronPackage() {
  try {
    return dirname(require.resolve('electron/package.json'));
  } catch {
    return null;
  }
}

const electronDir = electronPackage();
const electronVersion = values['electron-version'] ?? (electronDir ? JSON.parse(readFileSync(join(electronDir, 'package.json'), 'utf8')).version : null);
if (!electronVersion) fail('the electron package is not installed and no --electron-version was given.');
// Electron's npm package names its ABI (abi_version); node-abi knows it for other versions.
let abi = values.abi ?? (electronDir && existsSync(join(electronDir, 'abi_version')) && !values['electron-version'] ? readFileSync(join(electronDir, 'abi_version'), 'utf8').trim() : null);
if (!abi) {
  try {
    abi = (await import('node-abi')).getAbi(electronVersion, 'electron');
  } catch {
    fail(`cannot tell the ABI of Electron ${electronVersion}; give --abi.`);
  }
}

const folder = `electron-${abi}-${values.platform}-${values.arch}`;
const target = join(values.out, 'native', folder, BINDING);
const marker = `node_register_module_v${abi}`;

/** A NAN module exports node_register_module_v<ABI>: the ABI it was built for, read without loading it. */
function builtForAbi(file) {
  return readFileSync(file).includes(marker);
}

if (values['if-missing'] && existsSync(target) && builtForAbi(target)) {
  console.log(`electron:binding: ${relative(process.cwd(), target) || target} is ready (Electron ${electronVersion}, ABI ${abi}).`);
  process.exit(0);
}

const moduleDir = dirname(require.resolve(`${MODULE}/package.json`));
const nodeBuild = join(moduleDir, 'build', 'Release', BINDING);
stage = mkdtempSync(join(tmpdir(), 'iom-electron-binding-'));
const stagedModule = join(stage, MODULE);
const started = Date.now();
const step = (n, text) => console.log(`electron:binding [${n}/3] ${text}`);

try {
  step(1, `copying the ${MODULE} source to a temporary folder (the Node build in node_modules is not touched)`);
  // The copy leaves build/ behind: whatever is compiled lands in the copy's own build/.
  cpSync(moduleDir, stagedModule, { recursive: true, filter: (src) => relative(moduleDir, src).split(/[\\/]/)[0] !== 'build' });

  step(2, `building for Electron ${electronVersion} (ABI ${abi}, ${values.platform}-${values.arch}); compiling SQLCipher takes a few minutes`);
  const run = (command, args) => spawnSync(command, args, { cwd: stagedModule, stdio: 'inherit', env: { ...process.env, npm_config_runtime: 'electron', npm_config_target: electronVersion } });
  const staged = join(stagedModule, 'build', 'Release', BINDING);
  if (values.compiler) {
    if (run(process.execPath, [values.compiler, '--runtime=electron', `--target=${electronVersion}`, `--abi=${abi}`, `--platform=${values.platform}`, `--arch=${values.arch}`]).status !== 0) fail('the compiler stand-in failed.');
  } else {
    const common = ['--runtime=electron', `--target=${electronVersion}`, `--arch=${values.arch}`];
    const prebuilt = run(process.execPath, [require.resolve('prebuild-install/bin.js'), ...common, `--platform=${values.platform}`]);
    if (prebuilt.status !== 0 || !existsSync(staged)) {
      console.log('electron:binding: no prebuilt binary; compiling from source with node-gyp.');
      const gyp = run(process.execPath, [require.resolve('node-gyp/bin/node-gyp.js'), 'rebuild', '--release', ...common, '--dist-url=https://electronjs.org/headers']);
      if (gyp.status !== 0) fail('node-gyp could not build the binding (it needs Electron\'s headers from electronjs.org and a C/C++ toolchain).');
    }
  }
  if (!existsSync(staged)) fail(`the build left no ${BINDING}.`);
  if (!builtForAbi(staged)) fail(`the built ${BINDING} is not for ABI ${abi}; it was not installed.`);

  step(3, `placing it at ${relative(root, target) || target}`);
  mkdirSync(dirname(target), { recursive: true });
  // Renamed into place, so an interrupted build never leaves half a binding where the app looks.
  const partial = `${target}.partial`;
  cpSync(staged, partial);
  renameSync(partial, target);
  writeFileSync(join(dirname(target), 'binding.json'), `${JSON.stringify({ module: MODULE, electron: electronVersion, abi, platform: values.platform, arch: values.arch }, null, 2)}\n`);
  if (!existsSync(nodeBuild)) console.warn(`electron:binding: note: there is no Node build at ${nodeBuild}; run "npm rebuild ${MODULE}" for the CLI and tests.`);
  console.log(`electron:binding: done in ${((Date.now() - started) / 1000).toFixed(1)} s.`);
} finally {
  rmSync(stage, { recursive: true, force: true });
}
