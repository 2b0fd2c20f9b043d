import { randomBytes } from 'node:crypto';
import { closeSync, fsyncSync, linkSync, openSync, renameSync, unlinkSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { WorkspaceError } from '../workspace/workspaceErrors';

/**
 * Writes an export so that the final name only ever holds a complete file: the bytes go to a hidden
 * temporary file in the same folder (same file system, so the rename is atomic), are flushed to disk,
 * and only then take the final name. A crash part-way leaves at most a `.partial` file, never a
 * truncated export under the name the user chose.
 *
 * Without `overwrite` an existing file is never replaced: the final step is a hard link, which the
 * operating system refuses if the name exists, so there is no window between checking and writing.
 */
export function writeFileAtomic(finalPath: string, data: Uint8Array | string, options: { overwrite: boolean }): void {
  const temp = join(dirname(finalPath), `.${basename(finalPath)}.${randomBytes(6).toString('hex')}.partial`);
  let fd: number | null = null;
  try {
    fd = openSync(temp, 'wx', 0o600);
    const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
    let offset = 0;
    while (offset < bytes.length) offset += writeSync(fd, bytes, offset, bytes.length - offset);
    fsyncSync(fd);
    closeSync(fd);
    fd = null;
    if (options.overwrite) {
      renameSync(temp, finalPath);
    } else {
      try {
        linkSync(temp, finalPath);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'EEXIST') {
          throw new WorkspaceError('already_exists', `${basename(finalPath)} already exists. Choose another name or confirm that it should be replaced.`);
        }
        throw error;
      }
      unlinkSync(temp);
    }
    syncDirectory(dirname(finalPath));
  } catch (error) {
    if (fd !== null) closeSync(fd);
    try {
      unlinkSync(temp);
    } catch {
      // Already renamed or never created.
    }
    if (error instanceof WorkspaceError) throw error;
    const code = (error as NodeJS.ErrnoException).code ?? 'unknown';
    throw new WorkspaceError('bad_file', `Could not write ${basename(finalPath)} (${code}). Check the folder exists and is writable.`);
  }
}

/** Makes the rename itself durable; some platforms (Windows) cannot open a folder, which is fine there. */
function syncDirectory(dir: string): void {
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
