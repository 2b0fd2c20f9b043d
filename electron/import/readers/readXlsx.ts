/**
 * An .xlsx package read without SheetJS: the parts it needs (workbook, relationships, shared
 * strings, styles, the chosen sheet) come from the zip the guard has already unpacked and checked
 * (zipGuard.ts `inflateCheckedEntries`), and the sheet's rows are scanned a batch at a time
 * (xlsxSheetScanner.ts), so an import's rows start flowing as soon as the file is open and no
 * cell object per cell is ever built.
 *
 * It reads the packages spreadsheet programs write. A package laid out in a way it does not
 * expect (no package relationships, a sheet part missing, a chartsheet, UTF-16 XML) is not
 * refused here: {@link XlsxNotHandled} sends it to the SheetJS reader, which has always read it.
 */
import type { ReaderWarning } from './errors';
import type { ReaderLimits } from './limits';
import { SheetRowScanner } from './xlsxSheetScanner';
import { dateStylesOf, parseRelationships, parseSharedStrings, parseWorkbookXml, type Relationship } from './xlsxXml';

/** The package is readable, but not by this reader: the SheetJS reader takes it. */
export class XlsxNotHandled extends Error {}

/** Which unpacked parts the reader may need: the XML parts and their relationships. */
export function isXlsxTextPart(name: string): boolean {
  return /\.(xml|rels)$/i.test(name);
}

export interface XlsxSheet {
  name: string;
  index: number;
  visibility: 'visible' | 'hidden' | 'veryHidden';
  /** The sheet's part in the package. */
  path: string;
}

export interface XlsxPackage {
  sheets: XlsxSheet[];
  date1904: boolean;
  /** A scanner over one sheet's rows (see SheetScanContext for `lastRow`). */
  scanSheet(sheet: XlsxSheet, limits: ReaderLimits, warnings: ReaderWarning[], lastRow?: number): SheetRowScanner;
}

const UTF8_BOM = '\ufeff';

/** A part's XML text; UTF-16 parts (legal, never written by Excel) are left to SheetJS. */
function partText(bytes: Buffer): string {
  if (bytes.length >= 2 && ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff))) throw new XlsxNotHandled('UTF-16 part');
  const text = bytes.toString('utf8');
  return text.startsWith(UTF8_BOM) ? text.slice(1) : text;
}

function folderOf(path: string): string {
  const slash = path.lastIndexOf('/');
  return slash < 0 ? '' : path.slice(0, slash);
}

function relationshipsPathOf(path: string): string {
  const folder = folderOf(path);
  const file = path.slice(folder.length === 0 ? 0 : folder.length + 1);
  return `${folder === '' ? '' : `${folder}/`}_rels/${file}.rels`;
}

/** The package's parts as SheetJS finds them, or XlsxNotHandled. `parts` maps part names to their unpacked bytes. */
export function openXlsxPackage(parts: ReadonlyMap<string, Buffer>): XlsxPackage {
  // Part names in a zip are case-sensitive; packages written on Windows sometimes differ in case
  // from their relationships, so a name is looked up exactly, then case-insensitively.
  const folded = new Map<string, Buffer>();
  for (const [name, bytes] of parts) folded.set(name.toLowerCase(), bytes);
  const part = (path: string): Buffer | undefined => parts.get(path) ?? folded.get(path.toLowerCase());
  const text = (path: string): string | null => {
    const bytes = part(path);
    return bytes === undefined ? null : partText(bytes);
  };

  const rootRelationships = text('_rels/.rels');
  if (rootRelationships === null) throw new XlsxNotHandled('no package relationships');
  const office = parseRelationships(rootRelationships, '').find((r) => r.type === 'officeDocument' && !r.external);
  if (!office) throw new XlsxNotHandled('no office document');
  const workbookXml = text(office.path);
  const workbookRelationshipsXml = text(relationshipsPathOf(office.path));
  if (workbookXml === null || workbookRelationshipsXml === null) throw new XlsxNotHandled('workbook part missing');
  const workbook = parseWorkbookXml(workbookXml);
  const relationships = parseRelationships(workbookRelationshipsXml, folderOf(office.path));
  const byId = new Map<string, Relationship>(relationships.map((r) => [r.id, r]));

  const sheets = workbook.sheets.map((entry, index): XlsxSheet => {
    const relationship = byId.get(entry.relationId);
    if (!relationship || relationship.type !== 'worksheet' || relationship.external || part(relationship.path) === undefined) {
      throw new XlsxNotHandled('a sheet that is not a worksheet part');
    }
    return { name: entry.name, index, visibility: entry.state, path: relationship.path };
  });

  const optionalPart = (type: string, fallback: string): string | null => {
    const relationship = relationships.find((r) => r.type === type && !r.external);
    return text(relationship?.path ?? fallback);
  };
  // Read when a sheet is first scanned: listing the sheets needs neither.
  let shared: { strings: string[]; dateStyles: boolean[] } | null = null;
  const sharedParts = () => (shared ??= { strings: parseSharedStrings(optionalPart('sharedStrings', 'xl/sharedStrings.xml') ?? ''), dateStyles: dateStylesOf(optionalPart('styles', 'xl/styles.xml')) });

  return {
    sheets,
    date1904: workbook.date1904,
    scanSheet(sheet, limits, warnings, lastRow) {
      const { strings, dateStyles } = sharedParts();
      const xml = text(sheet.path) ?? '';
      return new SheetRowScanner(xml, { sharedStrings: strings, dateStyles, date1904: workbook.date1904, limits, warnings, ...(lastRow === undefined ? {} : { lastRow }) });
    },
  };
}
