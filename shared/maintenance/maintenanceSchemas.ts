import { z } from 'zod';
import { countFields } from '../api/callOutputs';
import { closedSet } from '../domain/closedSets';
import { ChosenFileSchema } from '../api/chosenFile';

/**
 * Looking after the workspace itself: retention (people kept no longer than the purpose needs),
 * purging one person on a data subject request, encrypted backup and restore, and deleting the
 * workspace. Every change here removes data, so each one is confirmed by something the user types.
 */

/** Typed to confirm a purge: a word, so it cannot be confirmed by pressing Enter twice. */
export const PURGE_CONFIRMATION = 'PURGE';

export const RETENTION_DAYS_MAX = 3650;
const RetentionDays = z.number().int().min(1).max(RETENTION_DAYS_MAX).nullable();

/** Each rule is off (null) or a number of days; both off means nobody is ever purged automatically. */
export const RetentionPolicySchema = z
  .object({
    /** People the panel considered and did not accept, this many days after the last panel that considered them. */
    notAcceptedAfterPanelDays: RetentionDays,
    /** People never put on a shortlist nor decided by a panel, this many days after the last list that named them. */
    neverShortlistedAfterImportDays: RetentionDays,
  })
  .strict();
export type RetentionPolicy = z.infer<typeof RetentionPolicySchema>;

export const DEFAULT_RETENTION_POLICY: RetentionPolicy = { notAcceptedAfterPanelDays: null, neverShortlistedAfterImportDays: null };

export const RetentionPreviewSchema = z.object({
  policy: RetentionPolicySchema,
  /** The day the rules were evaluated for (yyyy-mm-dd). */
  asOf: z.string(),
  people: z.number().int(),
  due: z.object(countFields(['notAcceptedAfterPanel', 'neverShortlisted', 'total'])),
  /** People the rules never purge: accepted by a panel, in the existing IOM cohort, or under review in an open panel. */
  protectedPeople: z.number().int(),
  panelSessions: z.object({ open: z.number().int(), closed: z.number().int() }),
  lastApplied: z.object({ at: z.string(), purged: z.number().int() }).nullable(),
});
export type RetentionPreview = z.infer<typeof RetentionPreviewSchema>;

export const CompactionSchema = z.object({
  /** VACUUM ran: the file was rewritten, so deleted rows are no longer in it. */
  compacted: z.boolean(),
  /** The write-ahead log was emptied too (false while another connection is still reading). */
  walCleared: z.boolean(),
  bytesBefore: z.number().int(),
  bytesAfter: z.number().int(),
});
export type Compaction = z.infer<typeof CompactionSchema>;

export const [PURGE_REASONS, PURGE_REASON_LABELS] = closedSet({
  data_subject_request: 'Data subject request (right to erasure)',
  recorded_in_error: 'Recorded in error (not this cohort’s business)',
  no_longer_needed: 'No longer needed for the purpose',
});
export type PurgeReason = (typeof PURGE_REASONS)[number];

/** Rows removed per table; names of tables only, never of people. */
const RemovedRowsSchema = z.record(z.string(), z.number().int());

export const PurgeResultSchema = z.object({
  personId: z.number().int(),
  removed: RemovedRowsSchema,
  compaction: CompactionSchema,
});
export type PurgeResult = z.infer<typeof PurgeResultSchema>;

export const RetentionApplyResultSchema = z.object({
  purged: z.number().int(),
  removed: RemovedRowsSchema,
  compaction: CompactionSchema.nullable(),
  preview: RetentionPreviewSchema,
});
export type RetentionApplyResult = z.infer<typeof RetentionApplyResultSchema>;

export const MaintenanceOverviewSchema = z.object({
  lastBackupAt: z.string().nullable(),
  /** The desktop app has file dialogs; the browser preview has none and asks for typed paths. */
  hostHasDialogs: z.boolean(),
  workspaceName: z.string(),
  fileBytes: z.number().int(),
});
export type MaintenanceOverview = z.infer<typeof MaintenanceOverviewSchema>;

export const BackupResultSchema = z.discriminatedUnion('state', [
  z.object({ state: z.literal('saved'), path: z.string(), fileName: z.string(), bytes: z.number().int(), people: z.number().int(), auditEntries: z.number().int() }),
  z.object({ state: z.literal('cancelled') }),
]);

export const RestoreResultSchema = z.discriminatedUnion('state', [
  z.object({
    state: z.literal('restored'),
    path: z.string(),
    /** The restored workspace, with a token to unlock it. */
    file: ChosenFileSchema,
    people: z.number().int(),
    schemaVersion: z.number().int(),
    replacedOpenWorkspace: z.boolean(),
  }),
  z.object({ state: z.literal('cancelled') }),
  z.object({ state: z.literal('unsupported'), message: z.string() }),
]);
export type RestoreResult = z.infer<typeof RestoreResultSchema>;

/** What deleting a workspace can and cannot promise; shown before and after, and printed by the CLI. */
export const DELETION_GUARANTEE =
  'The workspace file and its journal files are removed from the folder. Everything in them was encrypted, so what may remain on the disk is ciphertext that needs the passphrase. ' +
  'The app does not overwrite the old blocks: on SSDs and modern file systems overwriting cannot be relied on to reach them. Backups are separate files and are not touched.';

export const Confirmation = z.string().max(200);
