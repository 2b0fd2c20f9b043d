import type { Database } from 'better-sqlite3-multiple-ciphers';
import type { RawCell } from '../../shared/domain/rawCell';
import { cellText } from '../../shared/valueParsing';
import { mappingSignature, missingRequiredFields, recogniseHeaders, type CanonicalField, type ColumnMapping, type ImportKind } from '../../shared/headerRecognition';
import type { ColumnChoice } from '../../shared/api/importCalls';

export interface ResolvedMapping {
  columns: ColumnMapping[];
  source: 'request' | 'remembered' | 'recognised';
  signature: string;
  duplicates: string[];
  missing: string[];
}

export function headerTexts(cells: readonly RawCell[]): string[] {
  return cells.map((cell) => cellText(cell) ?? '');
}

/**
 * The analyst's choice wins, then the mapping confirmed for the same header wording before, then
 * what recognition proposes; whichever is used is checked for the fields the kind needs.
 */
export function resolveMapping(db: Database, headerCells: readonly RawCell[], family: ImportKind, requested?: readonly ColumnChoice[]): ResolvedMapping {
  const headers = headerTexts(headerCells);
  const signature = mappingSignature(headers);
  const recognition = recogniseHeaders(headerCells);
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
    const remembered = db.prepare('SELECT mapping FROM header_mappings WHERE source_key = ?').pluck().get(signature) as string | undefined;
    if (remembered) {
      columns = apply(JSON.parse(remembered) as ColumnChoice[]);
      source = 'remembered';
    }
  }
  const seen = new Set<CanonicalField>();
  const duplicates: string[] = [];
  for (const c of columns) {
    if (!c.field) continue;
    if (seen.has(c.field)) duplicates.push(`"${c.header}" is a second ${c.field} column and is ignored`);
    seen.add(c.field);
  }
  if (source === 'recognised') for (const d of recognition.duplicates) duplicates.push(`"${d.header}" looks like ${d.field} too; the column "${headers[d.keptColumn] ?? ''}" is used`);
  return { columns, source, signature, duplicates, missing: missingRequiredFields(family, columns).map((r) => r.label) };
}

export function rememberMapping(db: Database, signature: string, kind: string, columns: readonly ColumnMapping[], actor: string, at: string): void {
  const choices: ColumnChoice[] = columns.filter((c) => c.field !== null).map((c) => ({ column: c.column, field: c.field }));
  db.prepare(
    'INSERT INTO header_mappings (source_key, kind, mapping, confirmed_by, confirmed_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT(source_key) DO UPDATE SET kind = excluded.kind, mapping = excluded.mapping, confirmed_by = excluded.confirmed_by, confirmed_at = excluded.confirmed_at',
  ).run(signature, kind, JSON.stringify(choices), actor, at);
}
