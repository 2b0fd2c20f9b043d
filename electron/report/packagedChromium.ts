import { chmodSync, createReadStream, createWriteStream, existsSync, mkdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { createBrotliDecompress } from 'node:zlib';

/**
 * The Chromium that comes through npm (`@sparticuz/chromium`: a headless build with its binary in
 * the package, brotli-compressed), for a machine with no Chromium, Chrome or Edge of its own, so
 * that `npm install` alone is enough to print a report and run the UI tests. Only Linux x64 builds
 * exist. The package's own unpacking code is not used: it writes to a fixed `/tmp/chromium` that
 * a second process may run while it is still being written, and it loads a download client. Here
 * the binary is unpacked once into the package's own cache folder under node_modules, written to a
 * temporary name and renamed, so a concurrent start sees a whole binary or none.
 */

const PACKAGE = '@sparticuz/chromium';

/** The folder of the installed package, or null where it is not installed (a packaged app, Windows). */
function packagedChromiumDir(resolve: (id: string) => string = require.resolve): string | null {
  try {
    // The package exports only its entry point (build/cjs/index.cjs): the package folder is three up.
    const dir = dirname(dirname(dirname(resolve(PACKAGE))));
    return existsSync(join(dir, 'bin', 'chromium.br')) ? dir : null;
  } catch {
    return null;
  }
}

export function packagedChromiumSupported(platform: NodeJS.Platform = process.platform, arch: string = process.arch): boolean {
  return platform === 'linux' && arch === 'x64';
}

/** Where the unpacked binary goes: beside the package, keyed by its version, never outside node_modules. */
function packagedChromiumBinaryPath(packageDir: string): string {
  const version = (JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf8')) as { version?: string }).version ?? 'unknown';
  return join(dirname(dirname(packageDir)), '.cache', 'iom-cohort-chromium', version, 'chromium');
}

/**
 * The path of the packaged Chromium, unpacked on first use (about 190 MB, 1–3 s); null where there
 * is none for this machine. `onUnpack` is told before the one-off unpacking starts.
 */
export async function packagedChromium(onUnpack?: () => void): Promise<string | null> {
  if (!packagedChromiumSupported()) return null;
  const packageDir = packagedChromiumDir();
  if (!packageDir) return null;
  const binary = packagedChromiumBinaryPath(packageDir);
  if (existsSync(binary)) return binary;
  onUnpack?.();
  mkdirSync(dirname(binary), { recursive: true, mode: 0o700 });
  const partial = `${binary}.${process.pid}.partial`;
  try {
    await pipeline(createReadStream(join(packageDir, 'bin', 'chromium.br')), createBrotliDecompress(), createWriteStream(partial, { mode: 0o700 }));
    chmodSync(partial, 0o700);
    renameSync(partial, binary);
  } finally {
    rmSync(partial, { force: true });
  }
  return binary;
}
