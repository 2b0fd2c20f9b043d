import type { AgencyComment } from '../../shared/api/panelCalls';
import type { OpenWorkspace } from '../workspace/workspaceFile';

/** Columns that may say when a comment came back, in the order they are preferred. */
const TIME_COLUMNS = ['received_at', 'returned_at', 'imported_at', 'created_at', 'commented_at'] as const;

export interface AgencyCommentsRead {
  /** False when the workspace has no agency_comments table (no returned pre-review sheets yet). */
  available: boolean;
  byPerson: Map<number, AgencyComment[]>;
}

/**
 * The hook between the agency pre-review sheets and the panel: comments the agencies wrote in their
 * returned sheets, read from `agency_comments(person_id, agency, comment, …)`. That table belongs to
 * the agency-sheet import (migration 006), so it is read defensively: absent, or without the three
 * columns, means "no comments" rather than an error; the optional columns (the agency's own name,
 * when the comment came back, whether other cells of the returned row were edited) are used when
 * present.
 */
export function agencyCommentsFor(workspace: OpenWorkspace, personIds: readonly number[]): AgencyCommentsRead {
  const { db } = workspace;
  const byPerson = new Map<number, AgencyComment[]>();
  const exists = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'agency_comments'").get();
  if (!exists) return { available: false, byPerson };
  const columns = new Set((db.prepare("SELECT name FROM pragma_table_info('agency_comments')").pluck().all() as string[]));
  if (!columns.has('person_id') || !columns.has('agency') || !columns.has('comment')) return { available: false, byPerson };
  if (personIds.length === 0) return { available: true, byPerson };
  const time = TIME_COLUMNS.find((c) => columns.has(c)) ?? null;
  const timeExpression = time === null ? 'NULL' : `c.${time}`;
  const entryOrder = columns.has('id') ? 'c.id' : 'c.rowid';
  const nameExpression = columns.has('agency_name') ? 'CAST(c.agency_name AS TEXT)' : 'NULL';
  const editedExpression = columns.has('row_edited') ? 'c.row_edited' : '0';
  const rows = db
    .prepare(
      `SELECT c.person_id AS personId, CAST(c.agency AS TEXT) AS agency, ${nameExpression} AS agencyName, CAST(c.comment AS TEXT) AS comment,
              ${timeExpression} AS receivedAt, ${editedExpression} AS rowEdited
         FROM agency_comments c
        WHERE c.person_id IN (SELECT value FROM json_each(?)) AND c.comment IS NOT NULL AND trim(c.comment) <> ''
        ORDER BY c.person_id, ${time === null ? '' : `${timeExpression} DESC, `}${entryOrder} DESC`,
    )
    .all(JSON.stringify(personIds)) as Array<{ personId: number; agency: string | null; agencyName: string | null; comment: string; receivedAt: unknown; rowEdited: unknown }>;
  for (const row of rows) {
    const list = byPerson.get(row.personId) ?? [];
    list.push({
      agency: row.agency ?? '',
      agencyName: row.agencyName?.trim() ? row.agencyName : null,
      comment: row.comment,
      receivedAt: typeof row.receivedAt === 'string' ? row.receivedAt : null,
      rowEdited: row.rowEdited === 1,
    });
    byPerson.set(row.personId, list);
  }
  return { available: true, byPerson };
}
