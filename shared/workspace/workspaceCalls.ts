import { z } from 'zod';
import { defineCall, workspaceCall } from '../api/defineCall';
import { NoInput } from '../api/callInputs';
import { FilePickSchema, FileTokenSchema } from '../api/chosenFile';
import { Passphrase, WorkspaceInfoSchema, WorkspaceStatusSchema, WorkspaceSummarySchema } from './workspaceSchemas';

export const workspaceCalls = {
  'workspace.status': defineCall({
    summary: 'Whether a workspace is unlocked, and which one.',
    requiresWorkspace: false,
    input: NoInput,
    output: WorkspaceStatusSchema,
  }),
  'workspace.create': defineCall({
    summary: 'Create a new encrypted workspace file and unlock it.',
    requiresWorkspace: false,
    input: z.object({ file: FileTokenSchema, name: z.string().trim().min(1, 'Give the workspace a name').max(200), passphrase: Passphrase, confirmation: Passphrase }).strict(),
    output: WorkspaceInfoSchema,
  }),
  'workspace.unlock': defineCall({
    summary: 'Unlock an existing workspace with its passphrase.',
    requiresWorkspace: false,
    input: z.object({ file: FileTokenSchema, passphrase: Passphrase }).strict(),
    output: WorkspaceInfoSchema,
  }),
  'workspace.lock': defineCall({
    summary: 'Close the workspace and forget the key.',
    requiresWorkspace: false,
    input: NoInput,
    output: WorkspaceStatusSchema,
  }),
  'workspace.changePassphrase': workspaceCall({
    summary: 'Re-encrypt the open workspace under a new passphrase.',
    input: z.object({ current: Passphrase, next: Passphrase, confirmation: Passphrase }).strict(),
    output: z.object({ changed: z.literal(true) }),
  }),
  'workspace.summary': workspaceCall({
    summary: 'Counts of people, arrests, imports and flags in the open workspace.',
    input: NoInput,
    output: WorkspaceSummarySchema,
  }),
  'workspace.demoStatus': defineCall({
    summary: 'Whether this host can keep the synthetic demo workspace in its data folder, and whether it is there yet.',
    requiresWorkspace: false,
    input: NoInput,
    output: z.object({ available: z.boolean(), exists: z.boolean() }),
  }),
  'workspace.openDemo': defineCall({
    summary: 'Open the demo workspace in the app’s data folder, creating and filling it first (with this passphrase) if it is not there; poll jobs.status.',
    requiresWorkspace: false,
    input: z.object({ passphrase: Passphrase, confirmation: Passphrase.optional() }).strict(),
    output: z.object({ jobId: z.string(), creating: z.boolean() }),
  }),
  'workspace.chooseFile': defineCall({
    summary: 'Ask the host’s own dialog for a workspace file, answered as a token for workspace.unlock or workspace.create (unsupported in the browser preview, whose picker is the bridge’s).',
    requiresWorkspace: false,
    input: z.object({ mode: z.enum(['open', 'create']) }).strict(),
    output: FilePickSchema,
  }),
};
