import type { AgencyComment } from '../../shared/panel/panelSchemas';
import type { OpenWorkspace } from '../workspace/workspaceFile';
import { agencyCommentsOnPeople } from '../data/panel';

interface AgencyCommentsRead {
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
  const rows = agencyCommentsOnPeople(db, personIds);
  if (rows === null) return { available: false, byPerson };
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
