import { basename } from 'node:path';
import type { OpenWorkspace } from '../workspace/workspaceFile';
import type { ImportPreview } from '../../shared/import/importSchemas';
import type { RawRow } from '../../shared/domain/rawCell';
import { FLAG_NAMES } from '../../shared/domain/flags';
import { headerFamilyOf, type ImportKindId } from '../../shared/domain/importKinds';
import { findHeaderRow, headerCellsOf, type CanonicalField } from '../../shared/import/headerRecognition';
import { WorkspaceError } from '../workspace/workspaceErrors';
import { noHeaderReason, noPersonColumnReason } from './notAList';
import { columnLetter } from '../../shared/import/unmappedColumns';
import { cellText } from '../../shared/import/valueParsing';
import type { RawCell } from '../../shared/domain/rawCell';
import { resolveMapping, type HeaderOverride } from './columnMapping';
import { sha256OfFile } from './fileHash';
import { asWorkspaceError } from './importErrors';
import { openRowSource } from './rowSource';
import { earlierImportOfFile } from '../data/imports';

const PREVIEW_ROWS = 40;

/** A date cell is shown day-first, as Excel shows it to a UK analyst; other cells as their text. */
function sampleText(cell: RawCell): string {
  if (cell !== null && typeof cell === 'object') {
    const [year, month, day] = cell.date.split('-');
    return `${day}/${month}/${year}`;
  }
  return cellText(cell) ?? '';
}
const SAMPLE_VALUES = 3;

/** Words in file names that say which agency list a file is, e.g. "DTOA list Nov13.xlsx". */
const FILE_NAME_HINTS: Array<[RegExp, ImportKindId]> = [
  [/dtoa|drug.?test/i, 'list:dtoa'],
  [/gang.*(mid|low)|mid.?low/i, 'list:gangMidLow'],
  [/gang/i, 'list:gangHigh'],
  [/marac|\bdv\b|domestic/i, 'list:dv'],
  [/female|women/i, 'list:female'],
  [/\basb\b|anti.?social/i, 'list:asb'],
  [/\byos\b|youth/i, 'list:yos'],
  [/ogrs/i, 'list:ogrsMandatory'],
  [/\bppos?\b|prolific/i, 'list:ppo'],
  [/pins|custody/i, 'pins'],
  [/arrest.*extract|extract|arrests/i, 'arrests'],
  [/candidate|long.?list/i, 'candidates'],
];

function suggestKind(fileName: string, fields: ReadonlySet<CanonicalField>): ImportKindId | null {
  if (fields.has('arrestDetails') || FLAG_NAMES.filter((f) => fields.has(`flag_${f}`)).length >= 2) return 'candidates';
  if (fields.has('arrestDate') && fields.has('offence')) return 'arrests';
  if (fields.has('pinsResult') || fields.has('custody')) return 'pins';
  if (fields.has('cohortStartDate')) return 'cohort';
  for (const [pattern, kind] of FILE_NAME_HINTS) if (pattern.test(fileName)) return kind;
  if (fields.has('ogrsScore')) return 'list:ogrsMandatory';
  return null;
}

/** Reads only the top of the file: enough to find the header, propose a mapping and show samples. */
export async function previewImport(workspace: OpenWorkspace, input: { path: string; kind?: ImportKindId; sheet?: string; overrides?: HeaderOverride[] }): Promise<ImportPreview> {
  try {
    const source = await openRowSource(input.path, { sheet: input.sheet });
    const sha256 = await sha256OfFile(input.path);
    const head: RawRow[] = [];
    let totalRows: number | null = null;
    const rows = source.rows();
    // next() rather than for-await with break, which would close the stream before it is counted.
    while (head.length < PREVIEW_ROWS) {
      const item = await rows.next();
      if (item.done) break;
      head.push(item.value);
    }
    if (source.format !== 'csv') {
      totalRows = head.length;
      while (!(await rows.next()).done) totalRows += 1;
    } else {
      await rows.return(undefined);
    }
    const header = findHeaderRow(head);
    // A single sheet (or text file) with no header is no list: said at once, in one sentence.
    // Among several sheets the analyst may still pick another, so the preview shows the choice.
    if (!header && !source.sheetProblem) throw new WorkspaceError('bad_file', noHeaderReason(head, source, PREVIEW_ROWS));
    const headerCells = header ? headerCellsOf(head, header.rowIndex) : [];
    const fromAbove = header ? headerCells.flatMap((cell, column) => (cell !== (head[header.rowIndex]![column] ?? null) ? [columnLetter(column)] : [])) : [];
    const headerNote = header && fromAbove.length ? [`The headings of column${fromAbove.length === 1 ? '' : 's'} ${fromAbove.join(', ')} were taken from row ${header.rowIndex}, above the header row (a heading merged over two rows).`] : [];
    const dataRows = header ? head.slice(header.rowIndex + 1).filter((r) => r.some((c) => cellText(c) !== null)) : [];
    const provisional = resolveMapping(workspace.db, headerCells, input.kind ? headerFamilyOf(input.kind) : 'candidates', undefined, dataRows, input.overrides);
    const noPerson = header ? noPersonColumnReason(provisional.columns) : null;
    if (noPerson && !source.sheetProblem) throw new WorkspaceError('bad_file', noPerson);
    const mappedFields = new Set(provisional.columns.flatMap((c) => (c.field ? [c.field] : [])));
    const suggestedKind = suggestKind(basename(input.path), mappedFields);
    const kind = input.kind ?? suggestedKind;
    const mapping = kind ? resolveMapping(workspace.db, headerCells, headerFamilyOf(kind), undefined, dataRows, input.overrides) : provisional;
    const previous = kind ? earlierImportOfFile(workspace.db, kind, sha256) : undefined;
    return {
      fileName: source.fileName,
      sha256,
      sizeBytes: source.sizeBytes,
      format: source.format,
      sheets: source.sheets,
      sheet: source.sheetName,
      headerRow: header ? header.rowIndex + 1 : null,
      columns: mapping.columns.map((c) => ({
        column: c.column,
        header: c.header,
        field: c.field,
        confidence: c.confidence,
        sample: dataRows.slice(0, SAMPLE_VALUES).map((r) => sampleText(r[c.column] ?? null)),
        holds: mapping.holds[c.column] ?? null,
      })),
      mappingSource: header ? (mapping.source === 'remembered' ? 'remembered' : 'recognised') : 'none',
      missingRequired: header ? (kind ? mapping.missing : []) : ['a header row (none was recognised in the first rows)'],
      duplicateColumns: mapping.duplicates,
      suggestedKind,
      alreadyImported: previous ?? null,
      dataRows: totalRows === null || !header ? null : Math.max(0, totalRows - header.rowIndex - 1),
      warnings: [...(source.sheetProblem ? [source.sheetProblem] : []), ...(noPerson ? [noPerson] : []), ...headerNote, ...source.warnings],
    };
  } catch (error) {
    throw asWorkspaceError(error);
  }
}
