import { caseloadCountedBySummary, caseloadOn, type CaseloadCount, type RecordedExits } from '../../shared/tracking/caseloadExits';
import { caseloadClientRows, recordedExitRows } from '../data/cohortMembership';
import { shortlistSummaryText } from '../data/shortlists';
import type { OpenWorkspace } from '../workspace/workspaceFile';

/**
 * The caseload as the Home page, the Shortlist's places and the intake plan count it: everyone with
 * an IOM start date, less those recorded as having left by the day counted (today when not given).
 */
export function workspaceCaseload(workspace: OpenWorkspace, asOf: string = new Date().toISOString().slice(0, 10)): CaseloadCount {
  return caseloadOn(caseloadClientRows(workspace.db), asOf);
}

/** The recorded exits the intake plan frees places with: clients on the books, and the accepted people. */
export function recordedExitsForPlan(workspace: OpenWorkspace): RecordedExits {
  const existingClients: string[] = [];
  const members = new Map<number, string>();
  for (const row of recordedExitRows(workspace.db)) {
    if (row.existingClient === 1) existingClients.push(row.exitDate);
    else members.set(row.personId, row.exitDate);
  }
  return { existingClients, members };
}

/**
 * The caseload a shortlist counted and the caseload now, so the panel and Home see that exits
 * recorded since have freed places; null when the shortlist's rule set gave its own figure.
 */
export function caseloadSinceShortlist(workspace: OpenWorkspace, shortlistId: number): { counted: number; now: number } | null {
  const text = shortlistSummaryText(workspace.db, shortlistId);
  let counted: number | null = null;
  try {
    counted = caseloadCountedBySummary(JSON.parse(text ?? 'null'));
  } catch {
    // An unreadable summary says nothing about the caseload.
  }
  return counted === null ? null : { counted, now: workspaceCaseload(workspace).onTheBooks };
}
