// `npm start`: the Electron app when its binary is present, otherwise the browser preview.
import { existsSync } from 'node:fs';
import { spawn, spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { electronBinary } from './electronBinary.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

if (!existsSync(join(root, 'dist', 'renderer', 'index.html'))) {
  console.error('The app is not built yet: run "npm run build".');
  process.exit(1);
}

const preview = process.argv.includes('--preview');
const binary = preview ? null : electronBinary();
if (binary) {
  // The window's first unlock needs SQLCipher built for Electron's ABI: built once, beside the
  // Node build (which the CLI and the tests keep using), with the script's own progress lines.
  const binding = spawnSync(process.execPath, [join(root, 'scripts', 'electronBinding.mjs'), '--if-missing'], { stdio: 'inherit' });
  if (binding.status !== 0) process.exit(binding.status ?? 1);
  const child = spawn(binary, [root, ...process.argv.slice(2)], { stdio: 'inherit' });
  child.on('exit', (code) => process.exit(code ?? 0));
} else {
  if (!preview) console.log('Electron binary not available on this machine; starting the browser preview instead (npx install-electron fetches it where allowed).');
  const child = spawn(process.execPath, [join(root, 'dist', 'devBridge', 'preview.js'), ...process.argv.slice(2).filter((a) => a !== '--preview')], { stdio: 'inherit' });
  child.on('exit', (code) => process.exit(code ?? 0));
}
