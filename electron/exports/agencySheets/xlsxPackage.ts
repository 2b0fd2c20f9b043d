import * as XLSX from 'xlsx';

/**
 * Edits parts of an .xlsx package (a zip of XML files) that SheetJS wrote. The community build of
 * SheetJS (@e965/xlsx 0.20.3) writes `<sheetProtection>` from `ws['!protect']` but has no way to
 * unlock a cell (its styles carry number formats only) and writes no frozen panes, so a protected
 * sheet would lock its Comments column too. The few XML edits that add those are made here, on the
 * zip SheetJS's own CFB module reads and writes.
 */

interface ZipEntry {
  content?: Uint8Array | number[] | null;
  size?: number;
}
interface ZipContainer {
  FullPaths: string[];
  FileIndex: ZipEntry[];
}
interface ZipApi {
  read(data: Uint8Array, options: { type: 'buffer' }): ZipContainer;
  write(container: ZipContainer, options: { fileType: 'zip'; type: 'buffer'; compression: boolean }): Uint8Array;
}
const ZIP = XLSX.CFB as ZipApi;

function entryIndex(container: ZipContainer, part: string): number {
  return container.FullPaths.findIndex((p) => p.endsWith(`/${part}`));
}

export function readPackagePart(bytes: Uint8Array, part: string): string | null {
  const container = ZIP.read(bytes, { type: 'buffer' });
  const i = entryIndex(container, part);
  const content = i < 0 ? null : container.FileIndex[i]!.content;
  return content ? Buffer.from(content).toString('utf8') : null;
}

/** Applies each edit to its part; a part that is missing or an edit that changes nothing is a bug, so it throws. */
export function patchPackage(bytes: Uint8Array, edits: Record<string, (xml: string) => string>): Uint8Array {
  const container = ZIP.read(bytes, { type: 'buffer' });
  for (const [part, edit] of Object.entries(edits)) {
    const i = entryIndex(container, part);
    const entry = i < 0 ? undefined : container.FileIndex[i];
    if (!entry?.content) throw new Error(`the workbook has no ${part}`);
    const before = Buffer.from(entry.content).toString('utf8');
    const after = edit(before);
    if (after === before) throw new Error(`the edit of ${part} did not apply`);
    const content = Buffer.from(after, 'utf8');
    entry.content = content;
    entry.size = content.length;
  }
  return ZIP.write(container, { fileType: 'zip', type: 'buffer', compression: true });
}

/**
 * In styles.xml, the cell format with the given number format id (SheetJS makes one per format in
 * use) becomes unlocked: only cells formatted so are editable once the sheet is protected.
 */
export function unlockCellFormat(numFmtId: number): (xml: string) => string {
  return (xml) =>
    xml.replace(new RegExp(`<xf numFmtId="${numFmtId}"([^>]*?)/>`), (_match, attributes: string) => `<xf numFmtId="${numFmtId}"${attributes} applyProtection="1"><protection locked="0"/></xf>`);
}

/** Freezes the rows above `firstDataRow` (1-based) so the title block and header stay in view. */
export function freezeRowsAbove(firstDataRow: number, activeCell: string): (xml: string) => string {
  const pane = `<pane ySplit="${firstDataRow - 1}" topLeftCell="A${firstDataRow}" activePane="bottomLeft" state="frozen"/><selection pane="bottomLeft" activeCell="${activeCell}" sqref="${activeCell}"/>`;
  return (xml) => xml.replace(/<sheetView workbookViewId="0"\/>/, `<sheetView workbookViewId="0">${pane}</sheetView>`);
}

/** Gives a column (1-based) a default cell format, so cells typed below the last row are unlocked too. */
export function styleColumn(column: number, styleIndex: number): (xml: string) => string {
  return (xml) => xml.replace(new RegExp(`<col min="${column}" max="${column}"([^>]*?)/>`), (_m, attributes: string) => `<col min="${column}" max="${column}"${attributes} style="${styleIndex}"/>`);
}

/** Locks the workbook's structure: sheets cannot be added, deleted, renamed or unhidden. */
export function lockWorkbookStructure(xml: string): string {
  return xml.replace(/(<workbookPr[^>]*\/>)/, '$1<workbookProtection lockStructure="1"/>');
}
