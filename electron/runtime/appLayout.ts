import { existsSync } from 'node:fs';
import { dirname, join, sep } from 'node:path';

/**
 * Where the app's files sit, the same question in a clone (`<repo>/dist/electron/main.js`), the
 * built CLI (`<repo>/dist/cli.js`), the tests (`<repo>/electron/…` from source) and an installed
 * app (`<resources>/app.asar/dist/electron/main.js`). Answered from the running file's folder, so a
 * worker thread answers it the same way as the main process.
 */
export function findAppRoot(fromDir: string, exists: (path: string) => boolean = existsSync): string {
  // In an installed app the archive (or its unpacked twin, where the import worker runs from and
  // which holds no package.json) is the root.
  const archive = /^(.*[\\/]app\.asar(?:\.unpacked)?)(?:[\\/]|$)/.exec(fromDir);
  if (archive) return archive[1]!;
  let dir = fromDir;
  for (;;) {
    if (exists(join(dir, 'package.json'))) return dir;
    const parent = dirname(dir);
    if (parent === dir) return fromDir;
    dir = parent;
  }
}

const ASAR_SEGMENT = `${sep}app.asar${sep}`;

/**
 * The on-disk twin of a path inside `app.asar`: files electron-builder lists in `asarUnpack` are
 * written to `app.asar.unpacked` and must be loaded from there (a native binding cannot be
 * dlopen'ed from inside an archive; a worker thread's script is read with the real file system).
 */
export function unpackedPath(path: string): string {
  const withSlash = path.endsWith(`${sep}app.asar`) ? `${path}${sep}` : path;
  const at = withSlash.lastIndexOf(ASAR_SEGMENT);
  if (at === -1) return path;
  const unpacked = `${withSlash.slice(0, at)}${sep}app.asar.unpacked${sep}${withSlash.slice(at + ASAR_SEGMENT.length)}`;
  return withSlash === path ? unpacked : unpacked.slice(0, -1);
}

/** True when the path lies inside an installed app's archive. */
export function isInsideAsar(path: string): boolean {
  return path.includes(ASAR_SEGMENT) || path.endsWith(`${sep}app.asar`);
}
