import { z } from 'zod';
import { defineCall, workspaceCall } from '../api/defineCall';
import { NoInput, RecordIdSchema } from '../api/callInputs';
import { FileTokenSchema } from '../api/chosenFile';
import { RetentionPolicySchema, RetentionPreviewSchema, CompactionSchema, PURGE_REASONS, PurgeResultSchema, RetentionApplyResultSchema, MaintenanceOverviewSchema, BackupResultSchema, RestoreResultSchema, Confirmation } from './maintenanceSchemas';

export const maintenanceCalls = {
  'maintenance.overview': workspaceCall({
    summary: 'The workspace name and file size, the last backup, and whether the host has file dialogs.',
    input: NoInput,
    output: MaintenanceOverviewSchema,
  }),
  'maintenance.retentionPreview': workspaceCall({
    summary: 'The retention rules with how many people they would purge today, and why; no names.',
    input: NoInput,
    output: RetentionPreviewSchema,
  }),
  'maintenance.setRetentionPolicy': workspaceCall({
    summary: 'Save the retention rules (each off or a number of days); audited with the numbers.',
    input: z.object({ policy: RetentionPolicySchema }).strict(),
    output: RetentionPreviewSchema,
  }),
  'maintenance.applyRetention': workspaceCall({
    summary: 'Purge everyone the retention rules say is due, in one transaction, then compact the file; refused if the count changed since the preview.',
    input: z.object({ expectedPeople: z.number().int().min(0).max(10_000_000), confirmation: Confirmation }).strict(),
    output: RetentionApplyResultSchema,
  }),
  'maintenance.purgePerson': workspaceCall({
    summary: 'Remove one person and everything derived from them (arrests, flags, notes, decisions, import rows naming them), then compact the file.',
    input: z.object({ personId: RecordIdSchema, reason: z.enum(PURGE_REASONS), confirmation: Confirmation }).strict(),
    output: PurgeResultSchema,
  }),
  'maintenance.compact': workspaceCall({
    summary: 'Rewrite the workspace file (VACUUM) so deleted data is no longer in it.',
    input: NoInput,
    output: CompactionSchema,
  }),
  'maintenance.backup': workspaceCall({
    summary: 'Write an encrypted copy of the workspace (same passphrase), verified by reopening it; a dialog asks where, or the preview’s picker gives a token for a typed path.',
    input: z.object({ file: FileTokenSchema.optional(), replace: z.boolean().default(false) }).strict(),
    output: BackupResultSchema,
  }),
  'maintenance.restore': defineCall({
    summary: 'Check a backup (passphrase, integrity, schema) and only then copy it to a chosen workspace file; desktop app only. Also from the unlock screen, for when the workspace itself is lost or will not open.',
    requiresWorkspace: false,
    input: z.object({ passphrase: z.string().min(1, 'Enter the backup’s passphrase').max(1024), replace: z.boolean() }).strict(),
    output: RestoreResultSchema,
  }),
  'maintenance.deleteWorkspace': workspaceCall({
    summary: 'Lock and delete the open workspace file (and its journal files) after its name is typed to confirm.',
    input: z.object({ confirmation: Confirmation }).strict(),
    output: z.object({ deleted: z.literal(true), filesRemoved: z.number().int(), guarantee: z.string() }),
  }),
};
