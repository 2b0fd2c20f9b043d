import { isAbsolute } from 'node:path';
import { z } from 'zod';
import { FilePurposeSchema, type ChosenFile } from '../../shared/api/chosenFile';
import type { CallResult } from '../../shared/api/defineCall';
import type { ChosenFiles } from '../security/chosenFiles';

/**
 * The browser preview's stand-in for the desktop app's file dialogs (development and test only,
 * never packaged): the path typed in the page is registered here for a token, so the contract's
 * calls take tokens in both hosts and the same refusals hold.
 */
export const TYPED_PATH_ENDPOINT = '/files/typed';

const TypedPathSchema = z.object({ path: z.string().trim().min(1, 'Type the full path of the file.').max(4096), purpose: FilePurposeSchema }).strict();

export function registerTypedPath(files: ChosenFiles, input: unknown): CallResult<ChosenFile> {
  const parsed = TypedPathSchema.safeParse(input);
  if (!parsed.success) return { ok: false, error: { code: 'invalid_input', message: parsed.error.issues[0]?.message ?? 'Type the full path of the file.' } };
  if (!isAbsolute(parsed.data.path)) return { ok: false, error: { code: 'invalid_input', message: 'Type the full path of the file, from the top folder (for example /home/you/list.xlsx).' } };
  return { ok: true, value: files.grant(parsed.data.path, parsed.data.purpose) };
}
