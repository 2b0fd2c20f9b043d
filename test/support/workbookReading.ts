/**
 * One-call readings of a workbook for tests: its sheets, or one sheet's rows. The app itself opens
 * a workbook once with `openWorkbookReader` and asks it for what it needs (heads, then rows), so
 * these moved here from electron/import/readers/readWorkbook.ts, where only tests called them.
 */
import { openWorkbookReader, type SheetInfo, type SheetRows } from '../../electron/import/readers/readWorkbook';

type WorkbookReadOptions = NonNullable<Parameters<typeof openWorkbookReader>[1]>;

export interface ReadSheetOptions extends WorkbookReadOptions {
  /** Sheet name (exact, then case-insensitive). Default: the first visible sheet. */
  sheet?: string;
}

/** Sheet names with their visibility; hidden sheets are listed and marked. */
export async function listSheets(path: string, options: WorkbookReadOptions = {}): Promise<SheetInfo[]> {
  return (await openWorkbookReader(path, options)).sheets;
}

export async function readSheetRows(path: string, options: ReadSheetOptions = {}): Promise<SheetRows> {
  return (await openWorkbookReader(path, options)).readRows(options.sheet);
}
