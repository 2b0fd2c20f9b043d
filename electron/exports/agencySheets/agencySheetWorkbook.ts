import * as XLSX from 'xlsx';
import { COMMENTS_HEADER, REF_HEADER, sheetDate } from '../../../shared/exports/agencySheets';
import type { SheetValue } from './agencySheetPeople';
import { freezeRowsAbove, lockWorkbookStructure, patchPackage, readPackagePart, styleColumn, unlockCellFormat } from './xlsxPackage';

/**
 * The bytes of one agency's pre-review workbook:
 *
 *   1  OFFICIAL-SENSITIVE                               (the workspace's protective marking)
 *   2  IOM cohort expansion: pre-review sheet for Probation
 *   3  Sheet reference: S-XXXX-XXXX-XXXX-XXXX           (how a returned file is recognised)
 *   4  what the list is, when and where from
 *   5  what to write in Comments, and what not to touch
 *   6  handling under the marking
 *   8  Ref | chosen columns … | Comments                 (header; rows 1–8 frozen)
 *   9… one row per person, the Ref a random reference, never the internal id
 *      "End of list" line with the marking again
 *
 * Every text is a string cell (a name such as "=HYPERLINK(…)" stays text, never a formula). The
 * sheet is protected with only the Comments column unlocked (text-formatted, so what an agency
 * types there stays text too). A very hidden "Sheet id" sheet carries the sheet's token, agency and
 * date; the workbook structure is locked so it cannot be deleted or unhidden by accident.
 *
 * Protection is without a password: it stops accidental edits, while edits made on purpose are
 * caught on return by each row's fingerprint. (A password would have to be shared with every
 * agency, and SheetJS can only write Excel's legacy 16-bit password hash, which protects nothing.)
 */

export const MAIN_SHEET_NAME = 'Pre-review';
export const META_SHEET_NAME = 'Sheet id';
export const SHEET_FORMAT = 'iom-agency-sheet/1';
export const HEADER_ROW = 8;
/** Excel's built-in "@" (Text) number format; the Comments cells carry it, and only it is unlocked. */
const TEXT_FORMAT_ID = 49;

interface AgencySheetContent {
  marking: string;
  agencyId: string;
  agencyName: string;
  token: string;
  originId: string;
  exportedAt: string;
  shortlistId: number;
  shortlistSize: number;
  ruleSet: string;
  headers: string[];
  rows: Array<{ ref: string; values: SheetValue[] }>;
}

export interface MetaEntries {
  format: string;
  token: string;
  origin: string;
  agency: string;
  agencyName: string;
  exportedAt: string;
  shortlist: string;
  rows: string;
  mainSheet: string;
  headerRow: string;
}

/** Keys of the metadata sheet, as written in its first column. */
export const META_KEYS: Record<keyof MetaEntries, string> = {
  format: 'Format',
  token: 'Sheet reference',
  origin: 'Workspace',
  agency: 'Agency id',
  agencyName: 'Agency',
  exportedAt: 'Exported at',
  shortlist: 'Shortlist',
  rows: 'Rows',
  mainSheet: 'Sheet',
  headerRow: 'Header row',
};

function textCell(v: string): XLSX.CellObject {
  return { t: 's', v };
}

function valueCell(value: SheetValue): XLSX.CellObject | null {
  if (value === null) return null;
  return typeof value === 'number' ? { t: 'n', v: value } : textCell(value);
}

function setCell(ws: XLSX.WorkSheet, row: number, column: number, cell: XLSX.CellObject | null): void {
  if (cell) ws[XLSX.utils.encode_cell({ r: row - 1, c: column - 1 })] = cell;
}

/** Style index (position in cellXfs) of the format SheetJS made for a number format id. */
function cellFormatIndex(stylesXml: string, numFmtId: number): number {
  const xfs = /<cellXfs[^>]*>([\s\S]*?)<\/cellXfs>/.exec(stylesXml)?.[1] ?? '';
  const ids = [...xfs.matchAll(/<xf numFmtId="(\d+)"/g)].map((m) => Number(m[1]));
  const index = ids.indexOf(numFmtId);
  if (index < 0) throw new Error('the text cell format is missing from the workbook');
  return index;
}

export function buildAgencySheetWorkbook(content: AgencySheetContent): Uint8Array {
  const ws: XLSX.WorkSheet = {};
  const commentsColumn = content.headers.length + 2;
  const lastRow = HEADER_ROW + content.rows.length + 2;

  setCell(ws, 1, 1, textCell(content.marking));
  setCell(ws, 2, 1, textCell(`IOM cohort expansion: pre-review sheet for ${content.agencyName}`));
  setCell(ws, 3, 1, textCell(`Sheet reference: ${content.token}  (keep this line and the Ref column: they attach your comments to the right people)`));
  setCell(
    ws,
    4,
    1,
    textCell(
      `The proposed shortlist of ${content.shortlistSize} people (${content.ruleSet}), exported ${sheetDate(content.exportedAt.slice(0, 10))}; questions about it quote the sheet reference above. Only the columns ${content.agencyName} needs are included.`,
    ),
  );
  setCell(
    ws,
    5,
    1,
    textCell(
      'For each person your agency knows, write in Comments: are they still living in the borough? In custody? Any reason they are not suitable? Any problem joining could cause, or a tactical concern (e.g. DV)? Leave every other cell as it is and return this file to the analyst.',
    ),
  );
  setCell(ws, 6, 1, textCell(`${content.marking}: keep within secure systems, do not forward outside your agency, and delete securely after the panel.`));

  const headers = [REF_HEADER, ...content.headers, COMMENTS_HEADER];
  headers.forEach((h, i) => setCell(ws, HEADER_ROW, i + 1, textCell(h)));
  content.rows.forEach((row, i) => {
    const r = HEADER_ROW + 1 + i;
    setCell(ws, r, 1, textCell(row.ref));
    row.values.forEach((value, c) => setCell(ws, r, c + 2, valueCell(value)));
    setCell(ws, r, commentsColumn, { t: 's', v: '', z: '@' });
  });
  setCell(ws, lastRow, 1, textCell(`End of list: ${content.rows.length} people. ${content.marking}`));
  ws['!ref'] = XLSX.utils.encode_range({ s: { r: 0, c: 0 }, e: { r: lastRow - 1, c: commentsColumn - 1 } });
  ws['!cols'] = headers.map((h, i) => {
    if (i === 0) return { wch: 11 };
    if (i === headers.length - 1) return { wch: 60 };
    const longest = Math.max(h.length, ...content.rows.map((r) => String(r.values[i - 1] ?? '').length));
    return { wch: Math.min(40, Math.max(8, longest + 1)) };
  });
  // Selecting and resizing stay allowed; everything else is locked but the unlocked Comments cells.
  ws['!protect'] = { formatColumns: false, formatRows: false };

  const meta: MetaEntries = {
    format: SHEET_FORMAT,
    token: content.token,
    origin: content.originId,
    agency: content.agencyId,
    agencyName: content.agencyName,
    exportedAt: content.exportedAt,
    shortlist: String(content.shortlistId),
    rows: String(content.rows.length),
    mainSheet: MAIN_SHEET_NAME,
    headerRow: String(HEADER_ROW),
  };
  const metaRows = [[content.marking, ''], ...(Object.keys(META_KEYS) as Array<keyof MetaEntries>).map((k) => [META_KEYS[k], meta[k]])];
  const metaSheet: XLSX.WorkSheet = {};
  metaRows.forEach((pair, r) => pair.forEach((v, c) => v !== '' && setCell(metaSheet, r + 1, c + 1, textCell(v))));
  metaSheet['!ref'] = XLSX.utils.encode_range({ s: { r: 0, c: 0 }, e: { r: metaRows.length - 1, c: 1 } });
  metaSheet['!protect'] = {};

  const wb = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(wb, ws, MAIN_SHEET_NAME);
  XLSX.utils.book_append_sheet(wb, metaSheet, META_SHEET_NAME);
  wb.Workbook = { Sheets: [{ name: MAIN_SHEET_NAME, Hidden: 0 }, { name: META_SHEET_NAME, Hidden: 2 }] };
  // The file goes to another agency: it names the sheet, never the analyst's login or the workspace.
  wb.Props = { Title: `${content.marking} IOM pre-review sheet for ${content.agencyName}`, Author: 'IOM Cohort Expansion Workbench' };
  const written = XLSX.write(wb, { type: 'buffer', bookType: 'xlsx', bookSST: true, compression: true }) as Buffer;

  const textStyle = cellFormatIndex(readPackagePart(written, 'xl/styles.xml') ?? '', TEXT_FORMAT_ID);
  const commentsCell = XLSX.utils.encode_cell({ r: HEADER_ROW, c: commentsColumn - 1 });
  return patchPackage(written, {
    'xl/styles.xml': unlockCellFormat(TEXT_FORMAT_ID),
    'xl/worksheets/sheet1.xml': (xml) => styleColumn(commentsColumn, textStyle)(freezeRowsAbove(HEADER_ROW + 1, commentsCell)(xml)),
    'xl/workbook.xml': lockWorkbookStructure,
  });
}

