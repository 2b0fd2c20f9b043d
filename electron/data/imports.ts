/**
 * Imports and provenance: each import, its rows' dispositions, rejected rows and column mappings.
 *
 * Part of the workspace data layer (see workspaceDb.ts). Sections below are grouped by the callers
 * that moved their statements here first; keep each function's SQL beside its row type.
 */

import { cachedStatement, type WorkspaceDb } from './workspaceDb';

// Used by panel, intake, tracking, agency sheets, report, CLI, handlers and services.

// Used by analysis, export, workspace and audit.

// Used by import, links and retention.

export interface ImportMappingText {
  id: number;
  /** JSON of the import's column mapping. */
  mapping: string;
}

/** Every import's column mapping, to read set-aside rows' cells by. */
export function everyImportMapping(db: WorkspaceDb): ImportMappingText[] {
  return cachedStatement(db, 'SELECT id, mapping FROM imports').all() as ImportMappingText[];
}

/** The column mapping an import was made with (JSON of `{ column, header, field }`), if the import exists. */
export function importMappingText(db: WorkspaceDb, importId: number): string | undefined {
  const row = cachedStatement(db, 'SELECT mapping FROM imports WHERE id = ?').get(importId) as { mapping: string } | undefined;
  return row?.mapping;
}

/** A row of an import that was rejected, skipped, matched nobody or noted, with its raw cells (JSON). */
export interface SetAsideRow {
  rowNumber: number;
  disposition: string;
  reason: string;
  raw: string;
}

/** One import's set-aside rows, in file order. */
export function setAsideRowsOfImport(db: WorkspaceDb, importId: number): SetAsideRow[] {
  return cachedStatement(db, 'SELECT row_number AS rowNumber, disposition, reason, raw FROM rejected_rows WHERE import_id = ? ORDER BY row_number, id').all(importId) as SetAsideRow[];
}

/** The column choices the analyst confirmed for files with these headers (JSON), if any. */
export function rememberedHeaderMapping(db: WorkspaceDb, signature: string): string | undefined {
  return cachedStatement(db, 'SELECT mapping FROM header_mappings WHERE source_key = ?').pluck(true).get(signature) as string | undefined;
}

export interface ConfirmedHeaderMapping {
  signature: string;
  kind: string;
  /** JSON of the column choices. */
  mapping: string;
  confirmedBy: string;
  confirmedAt: string;
}

/** Remembers (or replaces) the column choices for files with these headers. */
export function rememberHeaderMapping(db: WorkspaceDb, confirmed: ConfirmedHeaderMapping): void {
  cachedStatement(
    db,
    'INSERT INTO header_mappings (source_key, kind, mapping, confirmed_by, confirmed_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT(source_key) DO UPDATE SET kind = excluded.kind, mapping = excluded.mapping, confirmed_by = excluded.confirmed_by, confirmed_at = excluded.confirmed_at',
  ).run(confirmed.signature, confirmed.kind, confirmed.mapping, confirmed.confirmedBy, confirmed.confirmedAt);
}

export interface EarlierImportOfFile {
  importId: number;
  importedAt: string;
}

/** The import that already brought in this file (same kind, same SHA-256), if any. */
export function earlierImportOfFile(db: WorkspaceDb, kind: string, sha256: string): EarlierImportOfFile | undefined {
  return cachedStatement(db, 'SELECT id AS importId, imported_at AS importedAt FROM imports WHERE kind = ? AND sha256 = ?').get(kind, sha256) as EarlierImportOfFile | undefined;
}

// Used by the import's hot path (linking and writing rows).

export {};
