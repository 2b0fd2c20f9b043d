import { open, type FileHandle } from 'node:fs/promises';
import { fileSystemError } from './errors';

/**
 * Opens `path` for reading, runs `use` and always closes it again; a file that cannot be opened
 * throws the analyst's `not_found` / `unreadable` sentence, as every reader does.
 */
export async function withReadHandle<T>(path: string, use: (handle: FileHandle) => Promise<T>): Promise<T> {
  let handle;
  try {
    handle = await open(path, 'r');
  } catch (error) {
    fileSystemError(error, path);
  }
  try {
    return await use(handle);
  } finally {
    await handle.close();
  }
}

/** The first `length` bytes of the file, fewer where it is shorter. */
export async function readHead(handle: FileHandle, length: number): Promise<Uint8Array> {
  const head = new Uint8Array(length);
  const { bytesRead } = await handle.read(head, 0, length, 0);
  return head.subarray(0, bytesRead);
}
