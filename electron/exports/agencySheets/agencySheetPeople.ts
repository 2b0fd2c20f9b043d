import { agencySheetColumnLabel, sheetDate, type AgencySheetColumnId } from '../../../shared/exports/agencySheets';
import { SelectionRuleSetSchema } from '../../../shared/shortlist/selectionRules';
import { arrestsOfRow, isInWindow, type AnalysisWindow } from '../../../shared/domain/analysisModel';
import { CRIME_TYPE_IDS, CRIME_TYPE_LABELS, type CrimeTypeId } from '../../../shared/domain/crimeTypes';
import { isFlagName } from '../../../shared/domain/flags';
import { ageOn, isIsoDate } from '../../../shared/domain/isoDate';
import type { OpenWorkspace } from '../../workspace/workspaceFile';
import { WorkspaceError } from '../../workspace/workspaceErrors';
import { latestShortlistId } from '../../analysis/analysisService';
import { loadAnalysisModel } from '../../analysis/analysisModelLoader';
import { agencySheetPerson, type AgencySheetPersonRow } from '../../data/agencySheets';
import { activeFlagsOfPerson } from '../../data/lists';
import { includedPeopleInShortlistOrder, shortlistHeading } from '../../data/shortlists';

/** A value as written into a sheet cell: text, a number, or nothing. */
export type SheetValue = string | number | null;

interface ProposedShortlist {
  id: number;
  createdAt: string;
  ruleSetName: string;
  ruleSetVersion: number;
  window: AnalysisWindow;
  /** Included people in shortlist order (priority groups first). */
  personIds: number[];
}

export function proposedShortlist(workspace: OpenWorkspace): ProposedShortlist | null {
  const id = latestShortlistId(workspace);
  if (id === null) return null;
  const row = shortlistHeading(workspace.db, id)!;
  const parsed = SelectionRuleSetSchema.safeParse(JSON.parse(row.definition));
  if (!parsed.success) throw new WorkspaceError('internal', 'The rule set of the latest shortlist cannot be read; run the selection rules again.');
  const personIds = includedPeopleInShortlistOrder(workspace.db, id);
  return {
    id,
    createdAt: row.createdAt,
    ruleSetName: row.ruleSetName,
    ruleSetVersion: row.ruleSetVersion,
    window: { referenceDate: parsed.data.referenceDate, windowMonths: parsed.data.windowMonths },
    personIds,
  };
}

export function requireProposedShortlist(workspace: OpenWorkspace): ProposedShortlist {
  const shortlist = proposedShortlist(workspace);
  if (!shortlist) throw new WorkspaceError('not_found', 'No shortlist has been proposed yet: run the selection rules first, then export the agency sheets.');
  if (shortlist.personIds.length === 0) throw new WorkspaceError('conflict', 'The proposed shortlist has nobody on it, so there is nothing for the agencies to review.');
  return shortlist;
}

const CUSTODY_TEXT: Record<AgencySheetPersonRow['custody'], string> = { in_custody: 'In custody', not_in_custody: 'Not in custody', unknown: 'Not known' };
const GENDER_TEXT: Record<string, string> = { M: 'Male', F: 'Female', X: 'Other' };

function text(value: string | null): SheetValue {
  const trimmed = value?.trim() ?? '';
  return trimmed === '' ? null : trimmed;
}

/**
 * The values of the chosen columns for each person on the proposed shortlist, in shortlist order.
 * Offence types are classified by the analysis model, so they match the explorer and the profile.
 */
export function shortlistSheetValues(workspace: OpenWorkspace, shortlist: ProposedShortlist, columns: readonly AgencySheetColumnId[]): Array<{ personId: number; values: SheetValue[] }> {
  const { db } = workspace;
  const needsOffences = columns.includes('offenceTypes');
  const model = needsOffences ? loadAnalysisModel(workspace) : null;

  return shortlist.personIds.map((personId) => {
    const person = agencySheetPerson(db, shortlist.id, personId);
    if (!person) throw new WorkspaceError('internal', 'A person on the shortlist is no longer in the workspace; run the selection rules again.');
    const flags = new Set(activeFlagsOfPerson(db, personId).filter(isFlagName));
    let offenceTypes: SheetValue = null;
    if (model) {
      const row = model.index.rowOf(personId);
      const counts = new Map<CrimeTypeId, number>();
      if (row >= 0) for (const a of arrestsOfRow(model.index, row)) if (isInWindow(a.date, shortlist.window)) counts.set(a.crimeType, (counts.get(a.crimeType) ?? 0) + 1);
      const parts = CRIME_TYPE_IDS.filter((t) => counts.has(t))
        .sort((a, b) => counts.get(b)! - counts.get(a)! || CRIME_TYPE_IDS.indexOf(a) - CRIME_TYPE_IDS.indexOf(b))
        .map((t) => `${CRIME_TYPE_LABELS[t]} ${counts.get(t)}`);
      offenceTypes = parts.length ? parts.join('; ') : null;
    }
    const values = columns.map((column): SheetValue => {
      switch (column) {
        case 'surname':
          return text(person.surname);
        case 'forenames':
          return text(person.forenames);
        case 'dob':
          return person.dob ? sheetDate(person.dob) : null;
        case 'age':
          return person.dob && isIsoDate(person.dob) ? ageOn(person.dob, shortlist.window.referenceDate) : person.approxAge;
        case 'gender':
          return person.gender ? (GENDER_TEXT[person.gender] ?? text(person.gender)) : null;
        case 'ethnicity':
          return text(person.ethnicity);
        case 'pnc':
          return text(person.pnc);
        case 'address':
          return text(person.address);
        case 'borough':
          return text(person.borough);
        case 'custody':
          return person.pinsResult?.trim() ? `${CUSTODY_TEXT[person.custody]} (PINS: ${person.pinsResult.trim()})` : CUSTODY_TEXT[person.custody];
        case 'ogrsScore':
          return person.ogrsScore;
        case 'statutory':
          return person.statutory === null ? null : person.statutory === 1 ? 'Yes' : 'No';
        case 'arrestsInWindow':
          return person.arrestsInWindow;
        case 'offenceTypes':
          return offenceTypes;
        case 'selectionReason':
          return text(person.reason);
        default: {
          const flag = column.slice('flag.'.length);
          return isFlagName(flag) && flags.has(flag) ? 'Yes' : null;
        }
      }
    });
    return { personId, values };
  });
}

/** Header text of each column, with the arrest window spelt out where the column depends on it. */
export function sheetColumnHeaders(columns: readonly AgencySheetColumnId[], window: AnalysisWindow): string[] {
  const windowText = `${window.windowMonths} months to ${sheetDate(window.referenceDate)}`;
  return columns.map((c) => {
    if (c === 'arrestsInWindow') return `Arrests (${windowText})`;
    if (c === 'offenceTypes') return `Offence types (${windowText})`;
    return agencySheetColumnLabel(c);
  });
}
