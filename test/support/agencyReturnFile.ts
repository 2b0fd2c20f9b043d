import { readFileSync, writeFileSync } from 'node:fs';
import * as XLSX from 'xlsx';
import { COMMENTS_HEADER, REF_HEADER, ROW_REF_PATTERN } from '../../shared/exports/agencySheets';

const MAIN_SHEET = 'Pre-review';

/**
 * An agency's return of an exported pre-review sheet, as the agency's own spreadsheet software
 * would save it (SheetJS reads the sheet and writes its own xlsx): `comment(i)` is typed into the
 * Comments cell of the i-th person's row, null leaves it empty. Returns the rows' Refs in order.
 */
export function writeAgencyReturn(exportedPath: string, returnPath: string, comment: (i: number) => string | null): string[] {
  const wb = XLSX.read(readFileSync(exportedPath), { type: 'buffer' });
  const rows = XLSX.utils.sheet_to_json<unknown[]>(wb.Sheets[MAIN_SHEET]!, { header: 1, defval: null, blankrows: true });
  const headerIndex = rows.findIndex((r) => r.includes(REF_HEADER) && r.includes(COMMENTS_HEADER));
  if (headerIndex < 0) throw new Error('no header row on the exported sheet');
  const refColumn = rows[headerIndex]!.indexOf(REF_HEADER);
  const commentColumn = rows[headerIndex]!.indexOf(COMMENTS_HEADER);
  const refs: string[] = [];
  for (let r = headerIndex + 1; r < rows.length; r++) {
    const ref = rows[r]![refColumn];
    if (typeof ref !== 'string' || !ROW_REF_PATTERN.test(ref)) continue;
    const text = comment(refs.length);
    if (text !== null) rows[r]![commentColumn] = text;
    refs.push(ref);
  }
  wb.Sheets[MAIN_SHEET] = XLSX.utils.aoa_to_sheet(rows);
  writeFileSync(returnPath, XLSX.write(wb, { type: 'buffer', bookType: 'xlsx' }) as Buffer);
  return refs;
}
