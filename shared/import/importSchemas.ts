import { z } from 'zod';
import { CANONICAL_FIELDS } from './headerRecognition';
import { COLUMN_CONTENTS } from './columnContent';
import { IMPORT_KINDS } from '../domain/importKinds';
import { countFields } from '../api/callOutputs';

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
