import type { z } from 'zod';
import type { FilePickSchema } from '../../shared/api/chosenFile';
import type { AppContext } from '../runtime/appContext';

/** The host's open dialog for a spreadsheet (a list to import, a returned agency sheet), answered as a token to read it. */
export async function chooseFileToRead(ctx: AppContext): Promise<z.infer<typeof FilePickSchema>> {
  if (!ctx.host.chooseFile) return { file: null, supported: false };
  const path = await ctx.host.chooseFile('open', 'import');
  return { file: path ? ctx.session.files.grant(path, 'read') : null, supported: true };
}
