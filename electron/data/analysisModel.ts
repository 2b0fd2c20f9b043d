/**
 * What the analysis model's cache is keyed on, and the stored copy of its arrest index
 * (`analysis_model_snapshot`, `analysis_model_changes`; migration 008).
 *
 * Part of the workspace data layer (see workspaceDb.ts).
 */

import { cachedStatement, type WorkspaceDb } from './workspaceDb';

/**
 * The highest import and person ids and the count of decided link reviews, as one string: each an
 * index lookup, and notes, presets or audit entries do not move them.
 */
export function modelCacheCounters(db: WorkspaceDb): string {
  return cachedStatement(
    db,
    `SELECT (SELECT COALESCE(MAX(id), 0) FROM imports) || ':' || (SELECT COALESCE(MAX(id), 0) FROM people) || ':' ||
        (SELECT COUNT(*) FROM link_reviews WHERE status <> 'pending')`,
  )
    .pluck()
    .get() as string;
}

/** Moves whenever another connection commits (SQLite's own counter, per connection). */
export function dataVersion(db: WorkspaceDb): number {
  return db.pragma('data_version', { simple: true }) as number;
}

/** The highest import and person ids, and the generation counter the importer and merges bump (null before any). */
export function modelSourceCounters(db: WorkspaceDb): [maxImportId: number, maxPersonId: number, generation: number | null] {
  return cachedStatement(db, 'SELECT (SELECT COALESCE(MAX(id), 0) FROM imports), (SELECT COALESCE(MAX(id), 0) FROM people), (SELECT generation FROM analysis_model_changes WHERE id = 1)')
    .raw()
    .get() as [number, number, number | null];
}

/** The stored index's description and bytes, when it was stored for `sourceKey`. */
export function modelSnapshotFor(db: WorkspaceDb, sourceKey: string): [meta: string, data: Buffer] | undefined {
  return cachedStatement(db, 'SELECT meta, data FROM analysis_model_snapshot WHERE id = 1 AND source_key = ?').raw().get(sourceKey) as [string, Buffer] | undefined;
}

/** Replaces the stored index with this one (there is only ever one). */
export function replaceModelSnapshot(db: WorkspaceDb, sourceKey: string, meta: string, data: Buffer, createdAt: string): void {
  deleteModelSnapshotRow(db);
  cachedStatement(db, 'INSERT INTO analysis_model_snapshot (id, source_key, meta, data, created_at) VALUES (1, ?, ?, ?, ?)').run(sourceKey, meta, data, createdAt);
}

export function deleteModelSnapshotRow(db: WorkspaceDb): void {
  cachedStatement(db, 'DELETE FROM analysis_model_snapshot').run();
}
