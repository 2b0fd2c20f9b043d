import { z } from 'zod';
import { FLAG_NAMES } from '../domain/flags';
import { countFields } from '../api/callOutputs';
import { ChosenFileSchema } from '../api/chosenFile';

export const Passphrase = z.string().min(1, 'Enter the passphrase').max(1024);

export const WorkspaceInfoSchema = z.object({
  path: z.string(),
  name: z.string(),
  schemaVersion: z.number().int(),
  createdAt: z.string(),
});
export type WorkspaceInfo = z.infer<typeof WorkspaceInfoSchema>;

export const WorkspaceStatusSchema = z.discriminatedUnion('state', [
  z.object({
    state: z.literal('locked'),
    /** The workspace last opened in this window, with a token main issued to open it again. */
    lastWorkspace: ChosenFileSchema.nullable(),
    reason: z.enum(['never_opened', 'user', 'idle', 'suspend']).nullable(),
  }),
  z.object({ state: z.literal('unlocked'), workspace: WorkspaceInfoSchema }),
]);
export type WorkspaceStatus = z.infer<typeof WorkspaceStatusSchema>;

export const FlagCountsSchema = z.object(countFields(FLAG_NAMES));

export const WorkspaceSummarySchema = z.object({
  name: z.string(),
  path: z.string(),
  schemaVersion: z.number().int(),
  ...countFields(['people', 'arrests', 'imports']),
  flags: FlagCountsSchema,
  ...countFields(['pendingLinkReviews', 'rejectedRows']),
});
export type WorkspaceSummary = z.infer<typeof WorkspaceSummarySchema>;
