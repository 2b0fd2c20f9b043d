import { existsSync } from 'node:fs';
import { basename } from 'node:path';
import { CliError } from './cliError';
import type { CliIo } from './cli';

/**
 * Refuses to replace a file without --force before the passphrase is asked for, so the mistake
 * costs no prompt. A courtesy: the atomic write is what really refuses, a file made in between too.
 */
export function refuseToReplace(path: string, force: boolean | undefined): void {
  if (!force && existsSync(path)) throw new CliError(`${basename(path)} already exists; nothing was written (add --force to replace it).`, 73);
}

/** A note when a marked file's name does not start with its marking, as the name the app gives it would. */
export function noteUnmarkedName(io: CliIo, out: string, file: { marking: string; fileName: string }): void {
  if (!basename(out).toUpperCase().startsWith(file.marking.toUpperCase())) io.err(`note: the file name does not start with the marking ${file.marking}; the app would name it "${file.fileName}".`);
}
