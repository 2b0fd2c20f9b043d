import { randomBytes } from 'node:crypto';
import { closeSync, existsSync, fsyncSync, linkSync, openSync, readdirSync, renameSync, unlinkSync, writeSync } from 'node:fs';
import { open, rename, unlink, type FileHandle } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { WorkspaceError } from '../workspace/workspaceErrors';

/**
 * Writes an export so that the final name only ever holds a complete file: the bytes go to a hidden
 * temporary file in the same folder (same file system, so the rename is atomic), are flushed to disk,
 * and only then take the final name. A crash part-way leaves at most a `.partial` file, never a
 * truncated export under the name the user chose; the next export to that name removes it, as it
 * holds the same kind of restricted data unencrypted.
 *
 * Without `overwrite` an existing file is never replaced: the final step is a hard link, which the
 * operating system refuses if the name exists, so there is no window between checking and writing.
 * File systems without hard links (FAT and exFAT memory sticks, some network shares) fall back to a
 * check and a rename.
 *
 * `beforePublish` runs once the bytes are safely on disk and before they take the final name; if it
 * throws, nothing is published. The CLI commits its audit entry there, so a file under the final
 * name always has its audit entry, even when the process is killed between the two.
 */
export function writeFileAtomic(finalPath: string, data: Uint8Array | string, options: { overwrite: boolean; beforePublish?: () => void }): void {
  const temp = freshPartialPath(finalPath);
  let fd: number | null = null;
  try {
    fd = openSync(temp, 'wx', 0o600);
    const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
    let offset = 0;
    while (offset < bytes.length) offset += writeSync(fd, bytes, offset, bytes.length - offset);
    fsyncSync(fd);
    const open = fd;
    fd = null;
    closeSync(open);
    options.beforePublish?.();
    if (options.overwrite) {
      renameSync(temp, finalPath);
    } else {
      publishWithoutReplacing(temp, finalPath);
    }
    syncDirectory(dirname(finalPath));
  } catch (error) {
    if (fd !== null) {
      try {
        closeSync(fd);
      } catch {
        // The original error is the one worth reporting.
      }
    }
    try {
      unlinkSync(temp);
    } catch {
      // Already renamed or never created.
    }
    throw writeFailure(finalPath, error);
  }
}

function writeFailure(finalPath: string, error: unknown): WorkspaceError {
  if (error instanceof WorkspaceError) return error;
  const code = (error as NodeJS.ErrnoException).code ?? 'unknown';
  return new WorkspaceError('bad_file', `Could not write ${basename(finalPath)} (${code}). Check the folder exists and is writable.`);
}

/**
 * `writeFileAtomic` for the app's main thread: the same steps and guarantees, but the writing, the
 * flush to disk and the rename wait on the file system off the event loop (a 40,000-row export's
 * flush took a second on a busy disk, with the window frozen). `beforePublish` still runs in one go.
 */
export async function writeFileAtomicInBackground(finalPath: string, data: Uint8Array | string, options: { overwrite: boolean; beforePublish?: () => void }): Promise<void> {
  const temp = freshPartialPath(finalPath);
  let handle: FileHandle | null = null;
  try {
    handle = await open(temp, 'wx', 0o600);
    await handle.writeFile(typeof data === 'string' ? Buffer.from(data, 'utf8') : data);
    await handle.sync();
    const opened = handle;
    handle = null;
    await opened.close();
    options.beforePublish?.();
    if (options.overwrite) {
      await rename(temp, finalPath);
    } else {
      publishWithoutReplacing(temp, finalPath);
    }
    await syncDirectoryInBackground(dirname(finalPath));
  } catch (error) {
    await handle?.close().catch(() => undefined);
    // Already renamed or never created, when this fails.
    await unlink(temp).catch(() => undefined);
    throw writeFailure(finalPath, error);
  }
}

/** Errors meaning "this file system cannot make hard links", not "the name exists". */
const NO_HARD_LINKS = new Set(['EPERM', 'ENOTSUP', 'EOPNOTSUPP', 'ENOSYS', 'EXDEV', 'EMLINK']);

function alreadyExists(finalPath: string): WorkspaceError {
  return new WorkspaceError('already_exists', `${basename(finalPath)} already exists. Choose another name or confirm that it should be replaced.`);
}

/** Gives `temp` the final name unless that name exists (also for the workspace backup's large files). */
export function publishWithoutReplacing(temp: string, finalPath: string): void {
  try {
    linkSync(temp, finalPath);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? '';
    if (code === 'EEXIST') throw alreadyExists(finalPath);
    if (!NO_HARD_LINKS.has(code)) throw error;
    if (existsSync(finalPath)) throw alreadyExists(finalPath);
    renameSync(temp, finalPath);
    return;
  }
  unlinkSync(temp);
}

/**
 * The temporary name's fixed part: hidden, and tied to the final name so a later export to the same
 * name can find what a crash left. The final name is cut short so the temporary one stays within
 * the 255 bytes a file name may have.
 */
function partialPrefix(finalPath: string): string {
  return `.${basename(finalPath).slice(0, 120)}.`;
}

const PARTIAL_SUFFIX = /^[0-9a-f]{12}\.partial$/;

/** A new temporary name beside `finalPath`, after clearing what earlier writes to that name left behind. */
function freshPartialPath(finalPath: string): string {
  const dir = dirname(finalPath);
  const prefix = partialPrefix(finalPath);
  removeStalePartials(dir, prefix);
  return join(dir, `${prefix}${randomBytes(6).toString('hex')}.partial`);
}

function removeStalePartials(dir: string, prefix: string): void {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return; // The write below reports a missing or unreadable folder.
  }
  for (const name of names) {
    if (!name.startsWith(prefix) || !PARTIAL_SUFFIX.test(name.slice(prefix.length))) continue;
    try {
      unlinkSync(join(dir, name));
    } catch {
      // Another process's, or already gone: not this write's business.
    }
  }
}

async function syncDirectoryInBackground(dir: string): Promise<void> {
  let handle: FileHandle | null = null;
  try {
    handle = await open(dir, 'r');
    await handle.sync();
  } catch {
    // Not supported on this platform.
  } finally {
    await handle?.close().catch(() => undefined);
  }
}

/** Makes the rename itself durable; some platforms (Windows) cannot open a folder, which is fine there. */
export function syncDirectory(dir: string): void {
  let fd: number | null = null;
  try {
    fd = openSync(dir, 'r');
    fsyncSync(fd);
  } catch {
    // Not supported on this platform.
  } finally {
    if (fd !== null) closeSync(fd);
  }
}
