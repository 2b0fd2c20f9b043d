import { z } from 'zod';
import { workspaceCall } from '../api/defineCall';
import { idInput, NoInput, RecordIdSchema } from '../api/callInputs';
import { FilePickSchema, FileTokenSchema } from '../api/chosenFile';
import { ImportKindSchema, ColumnChoiceSchema, ImportPreviewSchema, RowIssueSchema, ImportRemovalSchema, ImportRecordSchema } from './importSchemas';

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
