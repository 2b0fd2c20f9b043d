/**
 * Which sheet of a workbook holds the list, when the analyst did not say. Agencies send workbooks
 * whose first sheet is blank, a cover note or a pivot, with the list on the second: taking the
 * first sheet would refuse a good file. The sheet whose header is recognised is taken (or, when
 * none is, the only sheet with data); when several qualify, or none does among several, the
 * choice is the analyst's, and one line lists the sheets and how to pick one.
 */
import type { RawRow } from '../../shared/domain/rawCell';
import { findHeaderRow } from '../../shared/import/headerRecognition';
import { isBlankRow } from '../../shared/import/valueParsing';
import { readSheetHeads } from './readers';
import type { ReaderLimits } from './readers/limits';

/** Rows of each sheet looked at: as many as the header is looked for in. */
const SHEET_SCAN_ROWS = 30;

interface SheetChoice {
  /** The sheet to read; undefined leaves the reader's default (the first visible sheet). */
  sheet: string | undefined;
  /** Why another sheet than the first was taken, for the report; null when nothing needs saying. */
  note: string | null;
  /** Set when the analyst must choose: the one line saying which sheets and how. */
  problem: string | null;
}

interface SheetFacts {
  name: string;
  hasData: boolean;
  headerFound: boolean;
}

function factsOf(name: string, rows: readonly RawRow[]): SheetFacts {
  return { name, hasData: rows.some((row) => !isBlankRow(row)), headerFound: findHeaderRow(rows, SHEET_SCAN_ROWS) !== null };
}

const HOW_TO_PICK = 'choose one (--sheet "NAME" on the command line, the Sheet choice in the app)';

function quoted(sheets: readonly SheetFacts[]): string {
  const names = sheets.map((s) => `"${s.name}"`);
  return names.length <= 1 ? names.join('') : `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
}

/** The choice among sheets already read (pure, for tests): see {@link chooseListSheet}. */
export function chooseAmong(sheets: readonly SheetFacts[]): SheetChoice {
  if (sheets.length <= 1) return { sheet: undefined, note: null, problem: null };
  const first = sheets[0]!;
  const withHeader = sheets.filter((s) => s.headerFound);
  const withData = sheets.filter((s) => s.hasData);
  const others = (chosen: SheetFacts) => sheets.filter((s) => s !== chosen).map((s) => `"${s.name}"${s.hasData ? '' : ' (blank)'}`).join(', ');
  const take = (chosen: SheetFacts, why: string): SheetChoice => ({
    sheet: chosen.name,
    note: chosen === first ? null : `Sheet "${chosen.name}" was read: ${why} (the workbook's other sheets: ${others(chosen)}).`,
    problem: null,
  });
  if (withHeader.length === 1) return take(withHeader[0]!, 'it is the only sheet with a recognised header row');
  if (withHeader.length > 1) {
    const verb = withHeader.length === 2 ? 'both hold' : 'all hold';
    return { sheet: withHeader[0]!.name, note: null, problem: `Sheets ${quoted(withHeader)} ${verb} a list with a recognised header: ${HOW_TO_PICK}.` };
  }
  if (withData.length === 1) return take(withData[0]!, 'it is the only sheet with data');
  if (withData.length === 0) return { sheet: undefined, note: null, problem: `Every sheet of the workbook (${quoted(sheets)}) is blank: there is nothing to import.` };
  return { sheet: withData[0]!.name, note: null, problem: `No sheet has a header row that was recognised (sheets with data: ${quoted(withData)}): ${HOW_TO_PICK}, or check that this is the list the agency meant to send.` };
}

/** Reads the top of every visible sheet once and chooses (see the module comment). */
export async function chooseListSheet(path: string, limits?: Partial<ReaderLimits>): Promise<SheetChoice> {
  const heads = await readSheetHeads(path, SHEET_SCAN_ROWS, { limits });
  return chooseAmong(heads.map((head) => factsOf(head.sheet.name, head.rows)));
}
