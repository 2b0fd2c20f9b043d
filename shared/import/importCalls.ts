import { z } from 'zod';
import { CANONICAL_FIELDS } from './headerRecognition';
import { COLUMN_CONTENTS } from './columnContent';
import { IMPORT_KINDS } from '../domain/importKinds';
import { workspaceCall } from '../api/defineCall';
import { idInput, NoInput, RecordIdSchema } from '../api/callInputs';
import { countFields } from '../api/callOutputs';
import { FilePickSchema, FileTokenSchema } from '../api/chosenFile';

export const ImportKindSchema = z.enum(IMPORT_KINDS);
export const CanonicalFieldSchema = z.enum(CANONICAL_FIELDS);

export const ColumnContentSchema = z.enum(COLUMN_CONTENTS);

/** A column the import did not read: unmapped, or mapped to a field this kind of list does not take. */
export const UnmappedColumnSchema = z.object({ column: z.number().int(), header: z.string(), field: CanonicalFieldSchema.nullable(), holds: ColumnContentSchema.nullable() });

export const ColumnChoiceSchema = z.object({ column: z.number().int().min(0).max(10_000), field: CanonicalFieldSchema.nullable() });
export type ColumnChoice = z.infer<typeof ColumnChoiceSchema>;

export const ImportPreviewSchema = z.object({
  fileName: z.string(),
  sha256: z.string(),
  sizeBytes: z.number().int(),
  format: z.string(),
  sheets: z.array(z.object({ name: z.string(), hidden: z.boolean() })),
  sheet: z.string().nullable(),
  /** 1-based sheet row of the header, as the analyst sees it in Excel; null when none was found. */
  headerRow: z.number().int().nullable(),
  /** `holds`: what the cells under the header hold, when they agree (see `columnContentOf`). */
  columns: z.array(z.object({ column: z.number().int(), header: z.string(), field: CanonicalFieldSchema.nullable(), confidence: z.number(), sample: z.array(z.string()), holds: ColumnContentSchema.nullable() })),
  mappingSource: z.enum(['remembered', 'recognised', 'none']),
  missingRequired: z.array(z.string()),
  duplicateColumns: z.array(z.string()),
  suggestedKind: ImportKindSchema.nullable(),
  alreadyImported: z.object({ importId: z.number().int(), importedAt: z.string() }).nullable(),
  /** Rows below the header; null for a CSV, which is not read to the end for a preview. */
  dataRows: z.number().int().nullable(),
  warnings: z.array(z.string()),
});
export type ImportPreview = z.infer<typeof ImportPreviewSchema>;

export const RowIssueSchema = z.object({ rowNumber: z.number().int(), disposition: z.enum(['rejected', 'skipped', 'unmatched', 'note']), reason: z.string() });

/** What an import did with its rows: the same counts in a fresh report and in the stored record. */
const ImportFileSchema = z.object({
  kind: ImportKindSchema,
  fileName: z.string(),
  sha256: z.string(),
  sheet: z.string().nullable(),
  ...countFields(['rowsRead', 'rowsImported', 'rowsLinked', 'rowsRejected', 'rowsSkipped', 'rowsUnmatched', 'peopleCreated']),
});

/**
 * What undoing an import takes away (or took away), the same for the preview and the act: the
 * preview runs the very removal and rolls it back.
 */
export const ImportRemovalSchema = z.object({
  importId: z.number().int(),
  kind: ImportKindSchema,
  fileName: z.string(),
  importedAt: z.string(),
  /** People the import created that nothing else names: they go. */
  peopleRemoved: z.number().int(),
  /** The first of them, for the preview to name. */
  peopleRemovedSample: z.array(z.object({ personId: z.number().int(), name: z.string(), pnc: z.string().nullable() })),
  /** People it created that another list, a link decision or the panel's work still names: kept. */
  peopleKept: z.number().int(),
  ...countFields(['arrestsRemoved', 'flagsRemoved']),
  /** People holding each flag before and after; only flags that change. */
  flagChanges: z.array(z.object({ flag: z.string(), before: z.number().int(), after: z.number().int() })),
  /** Values it set on people (address, OGRS, a date of birth it filled in…): each goes back to what an earlier list gave, or empty. */
  valuesRemoved: z.number().int(),
  ...countFields(['peopleLeavingLongList', 'reviewsPending', 'linkDecisionsUndone', 'rowsSetAsideRemoved']),
  /** The import it had replaced, whose data is not brought back by this undo. */
  replacedImportId: z.number().int().nullable(),
});
export type ImportRemoval = z.infer<typeof ImportRemovalSchema>;

export const ImportReportSchema = ImportFileSchema.extend({
  status: z.enum(['imported', 'duplicate']),
  importId: z.number().int(),
  ...countFields(['arrestsAdded', 'flagsSet', 'reviewsQueued']),
  supersededImportId: z.number().int().nullable(),
  /** With `replaceImportId`: what replacing that import took away (or, in a preview, would). */
  replaced: ImportRemovalSchema.nullable(),
  /** True for a preview (`dryRun`): everything was worked out and then rolled back. */
  dryRun: z.boolean(),
  /** Plain sentences for the result screen and the CLI, e.g. "1 DTOA row matched no candidate". */
  messages: z.array(z.string()),
  issues: z.array(RowIssueSchema),
  issuesTruncated: z.boolean(),
  /** Every column the import did not read, each also named in `messages`. */
  unmappedColumns: z.array(UnmappedColumnSchema),
});
export type ImportReport = z.infer<typeof ImportReportSchema>;

export const ImportRecordSchema = ImportFileSchema.extend({
  id: z.number().int(),
  importedBy: z.string(),
  importedAt: z.string(),
  supersedesImportId: z.number().int().nullable(),
  undoneAt: z.string().nullable(),
  undoneBy: z.string().nullable(),
});
export type ImportRecord = z.infer<typeof ImportRecordSchema>;

export const importCalls = {
  'import.preview': workspaceCall({
    summary: 'Read a file far enough to show its sheets, header row, detected column mapping and a sample.',
    input: z.object({ file: FileTokenSchema, kind: ImportKindSchema.optional(), sheet: z.string().max(255).optional() }).strict(),
    /** `file`: a fresh token for the same file (the one given is spent), for the next preview or the import. */
    output: ImportPreviewSchema.extend({ file: FileTokenSchema }),
  }),
  'import.start': workspaceCall({
    summary: 'Start importing a file as one transaction, off the UI thread; poll jobs.status for progress.',
    input: z
      .object({
        file: FileTokenSchema,
        kind: ImportKindSchema,
        sheet: z.string().max(255).optional(),
        mapping: z.array(ColumnChoiceSchema).max(2000).optional(),
        rememberMapping: z.boolean().default(true),
        /** Replace this earlier import: its data goes in the same transaction (see import.undoPreview). */
        replaceImportId: RecordIdSchema.optional(),
        /** Work the whole import out and roll it back: the preview of a replacement. */
        dryRun: z.boolean().default(false),
      })
      .strict(),
    /** `file`: a fresh token for the same file, to import it again (after a dry run, or a failed run). */
    output: z.object({ jobId: z.string(), file: FileTokenSchema }),
  }),
  'import.undoPreview': workspaceCall({
    summary: 'What undoing one import would take away: its people, flags, arrests, values and link decisions. Changes nothing.',
    input: idInput('importId'),
    output: ImportRemovalSchema,
  }),
  'import.undo': workspaceCall({
    summary: 'Undo one import in one audited transaction; refused if what it would remove changed since the preview.',
    input: z.object({ importId: RecordIdSchema, expectPeopleRemoved: z.number().int().min(0), expectArrestsRemoved: z.number().int().min(0), expectFlagsRemoved: z.number().int().min(0) }).strict(),
    output: ImportRemovalSchema,
  }),
  'import.list': workspaceCall({
    summary: 'Every import recorded in the workspace, newest first.',
    input: NoInput,
    output: z.array(ImportRecordSchema),
  }),
  'import.issues': workspaceCall({
    summary: 'Rows of one import that were rejected, skipped or unmatched, with their reasons.',
    input: z.object({ importId: RecordIdSchema, offset: z.number().int().min(0).default(0), limit: z.number().int().min(1).max(1000).default(200) }).strict(),
    output: z.object({ total: z.number().int(), rows: z.array(RowIssueSchema.extend({ raw: z.array(z.string()) })) }),
  }),
  'import.rejectedRowsCsv': workspaceCall({
    summary: 'The rows of one import that were not taken, as CSV for the sender to fix (formula-safe).',
    input: idInput('importId'),
    output: z.object({ fileName: z.string(), csv: z.string() }),
  }),
  'import.chooseFile': workspaceCall({
    summary: 'Ask the host’s own dialog for a spreadsheet to import, answered as a token for import.preview (unsupported in the browser preview, whose picker is the bridge’s).',
    input: NoInput,
    output: FilePickSchema,
  }),
};
