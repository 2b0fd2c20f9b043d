import { statSync } from 'node:fs';
import { isAbsolute } from 'node:path';
import { z } from 'zod';
import type { ChosenFile } from '../../shared/api/chosenFile';
import type { CallResult } from '../../shared/api/defineCall';
import { DROP_PURPOSES } from '../../shared/api/preloadApi';
import type { ChosenFiles } from './chosenFiles';

const DroppedFileInputSchema = z.object({ path: z.string().min(1).max(4096), purpose: z.enum(DROP_PURPOSES) }).strict();

/**
 * A file the preload reports as dropped on the window: registered for a token when it is an
 * existing regular file. Only for reading or opening: a drop never chooses where to write.
 */
export function registerDroppedFile(files: ChosenFiles, input: unknown): CallResult<ChosenFile> {
  const parsed = DroppedFileInputSchema.safeParse(input);
  if (!parsed.success || !isAbsolute(parsed.data.path)) {
    return { ok: false, error: { code: 'invalid_input', message: 'That drop could not be read as a file. Drop the file itself, or choose it with Browse….' } };
  }
  let regular = false;
  try {
    regular = statSync(parsed.data.path).isFile();
  } catch {
    regular = false;
  }
  if (!regular) return { ok: false, error: { code: 'not_found', message: 'That is not a file that can be opened (a folder, or something no longer there). Drop a file, or choose it with Browse….' } };
  return { ok: true, value: files.grant(parsed.data.path, parsed.data.purpose) };
}
