import type { Database } from 'better-sqlite3-multiple-ciphers';
import type { RawCell, RawRow } from '../../shared/domain/rawCell';
import { cellText } from '../../shared/import/valueParsing';
import { mappingSignature, missingRequiredFields, normaliseHeader, type CanonicalField, type ColumnMapping, type ImportKind } from '../../shared/import/headerRecognition';
import { columnLetter } from '../../shared/import/unmappedColumns';
import { fieldLabel } from '../../shared/import/fieldLabels';
import { WorkspaceError } from '../workspace/workspaceErrors';
import { recogniseColumns } from '../../shared/import/columnRecognition';
import type { ColumnContent } from '../../shared/import/columnContent';
import type { ColumnChoice } from '../../shared/import/importSchemas';
import { rememberedHeaderMapping, rememberHeaderMapping } from '../data/imports';

export interface ResolvedMapping {
  columns: ColumnMapping[];
  source: 'request' | 'remembered' | 'recognised';
  signature: string;
  duplicates: string[];
  missing: string[];
  /** What each column's cells hold (by column index), whichever mapping is used. */
  holds: Array<ColumnContent | null>;
}

function headerTexts(cells: readonly RawCell[]): string[] {
  return cells.map((cell) => cellText(cell) ?? '');
}

/** A column named by its header (or its letter) and the field it is to fill; null ignores it. */
export interface HeaderOverride {
  header: string;
  field: CanonicalField | null;
}

function columnsNamed(columns: readonly ColumnMapping[], name: string): ColumnMapping[] {
  const wanted = normaliseHeader(name);
  const byHeader = columns.filter((c) => c.header !== '' && normaliseHeader(c.header) === wanted);
  if (byHeader.length) return byHeader;
  const letter = name.trim().toUpperCase();
  return /^[A-Z]{1,3}$/.test(letter) ? columns.filter((c) => columnLetter(c.column) === letter) : [];
}

/**
 * The analyst's `--map "Offence history=arrestDetails"` on top of the mapping otherwise used: the
 * named column takes the field, and a column that held it before gives it up. A name that matches
 * no column, or several, is refused rather than guessed.
 */
function applyOverrides(columns: readonly ColumnMapping[], overrides: readonly HeaderOverride[]): ColumnMapping[] {
  const result = columns.map((c) => ({ ...c }));
  for (const override of overrides) {
    const named = columnsNamed(result, override.header);
    const list = result.filter((c) => c.header !== '').map((c) => `"${c.header}"`).join(', ');
    if (named.length === 0) throw new WorkspaceError('invalid_input', `No column is headed "${override.header}" (the columns are ${list}).`);
    if (named.length > 1) throw new WorkspaceError('invalid_input', `Several columns are headed "${override.header}"; name the one meant by its letter (${named.map((c) => columnLetter(c.column)).join(' or ')}).`);
    const target = named[0]!;
    if (override.field !== null) for (const c of result) if (c !== target && c.field === override.field) Object.assign(c, { field: null, confidence: 0 });
    Object.assign(target, { field: override.field, confidence: override.field === null ? 0 : 1 });
  }
  return result;
}

/**
 * The analyst's choice wins, then the mapping confirmed for the same header wording before, then
 * what recognition proposes from the headers and the cells under them (`dataRows`); whichever is
 * used is checked for the fields the kind needs. Columns that have data but no header are listed
 * too, so that none can be left out unnamed.
 */
export function resolveMapping(
  db: Database,
  headerCells: readonly RawCell[],
  family: ImportKind,
  requested?: readonly ColumnChoice[],
  dataRows: readonly RawRow[] = [],
  overrides: readonly HeaderOverride[] = [],
): ResolvedMapping {
  const signature = mappingSignature(headerTexts(headerCells));
  const recognition = recogniseColumns(headerCells, dataRows);
  const headers = recognition.mapping.map((c) => c.header);
  let columns = recognition.mapping;
  let source: ResolvedMapping['source'] = 'recognised';
  const apply = (choices: readonly ColumnChoice[]) =>
    headers.map((header, column) => {
      const choice = choices.find((c) => c.column === column);
      const field: CanonicalField | null = choice ? choice.field : null;
      return { column, header, field, confidence: field ? 1 : 0 };
    });
  if (requested && requested.length) {
    columns = apply(requested);
    source = 'request';
  } else {
    const remembered = rememberedHeaderMapping(db, signature);
    if (remembered) {
      columns = apply(JSON.parse(remembered) as ColumnChoice[]);
      source = 'remembered';
    }
  }
  if (overrides.length) {
    columns = applyOverrides(columns, overrides);
    source = 'request';
  }
  const seen = new Set<CanonicalField>();
  const duplicates: string[] = [];
  for (const c of columns) {
    if (!c.field) continue;
    if (seen.has(c.field)) duplicates.push(`"${c.header}" is a second ${c.field} column and is ignored`);
    seen.add(c.field);
  }
  if (source === 'recognised') for (const d of recognition.duplicates) duplicates.push(`"${d.header}" looks like ${fieldLabel(d.field)} too; the column "${headers[d.keptColumn] ?? ''}" is used.`);
  return { columns, source, signature, duplicates, missing: missingRequiredFields(family, columns).map((r) => r.label), holds: recognition.holds };
}

export function rememberMapping(db: Database, signature: string, kind: string, columns: readonly ColumnMapping[], actor: string, at: string): void {
  const choices: ColumnChoice[] = columns.filter((c) => c.field !== null).map((c) => ({ column: c.column, field: c.field }));
  rememberHeaderMapping(db, { signature, kind, mapping: JSON.stringify(choices), confirmedBy: actor, confirmedAt: at });
}
