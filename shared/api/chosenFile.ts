import { z } from 'zod';

/**
 * The renderer never names a file for main to read or write (issue 17.4). Main's own dialogs, a
 * file dropped on the window (whose path the preload, not the page, reads) and the browser
 * preview's picker hand the page an opaque token instead; each call that reads or writes a file
 * takes one, spends it, and refuses anything else.
 */

/** What a token may be used for: a file chosen to read is never written, and the reverse. */
const FILE_PURPOSES = ['read', 'write', 'workspace-open', 'workspace-create'] as const;
export type FilePurpose = (typeof FILE_PURPOSES)[number];
export const FilePurposeSchema = z.enum(FILE_PURPOSES);

/** How each purpose is named in a refusal ("chosen for opening a workspace, not for …"). */
export const FILE_PURPOSE_LABELS: Record<FilePurpose, string> = {
  read: 'reading',
  write: 'saving',
  'workspace-open': 'opening a workspace',
  'workspace-create': 'creating a workspace',
};

/** 32 random bytes, base64url: what main issues, and nothing that looks like a path. */
export const FILE_TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;

export const FileTokenSchema = z
  .string()
  .regex(FILE_TOKEN_PATTERN, 'This file was not chosen in this window: choose it with Browse… (or drop it on the window) and try again.');

/** A chosen file as the page sees it: the token to hand back, and where the file is, to show. */
export const ChosenFileSchema = z.object({
  token: FileTokenSchema,
  /** The file's name, e.g. `PotentialCandidateList.xlsx`. */
  name: z.string(),
  /** Its full path, for display only: a call given this instead of the token is refused. */
  location: z.string(),
});
export type ChosenFile = z.infer<typeof ChosenFileSchema>;

/** What a host's file picker answers: a chosen file, nothing (cancelled), or that it has no dialog. */
export const FilePickSchema = z.object({ file: ChosenFileSchema.nullable(), supported: z.boolean() });
