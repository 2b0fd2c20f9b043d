/**
 * The cross-agency selection panel (004, "Next steps": "taking each individual on a case by case
 * basis to decide on suitability"). The decisions, the reasons the seed's key considerations give
 * and the agencies at the table, with the one rule for what a decision must carry, so the contract,
 * the service and the form all check the same thing.
 */
import { closedSet } from '../domain/closedSets';

export const [PANEL_DECISIONS, PANEL_DECISION_LABELS] = closedSet({ accept: 'Accept', reject: 'Reject', defer: 'Defer' });
export type PanelDecision = (typeof PANEL_DECISIONS)[number];

/** Past tense, for a decision already taken ("Accepted by … on …"). */
export const PANEL_DECISION_DONE: Readonly<Record<PanelDecision, string>> = { accept: 'Accepted', reject: 'Rejected', defer: 'Deferred' };

/** The seed's questions: still living in the borough? unsuitable? tactical concerns (e.g. DV)? */
export const [PANEL_REASONS, PANEL_REASON_LABELS] = closedSet({
  no_longer_in_borough: 'No longer living in the borough',
  in_custody: 'In custody',
  unsuitable: 'Unsuitable for the scheme',
  tactical_concern: 'Tactical concern (e.g. DV risk)',
  managed_elsewhere: 'Already managed elsewhere',
  other: 'Other',
});
export type PanelReason = (typeof PANEL_REASONS)[number];

export const [PANEL_AGENCIES, PANEL_AGENCY_LABELS] = closedSet({ police: 'Police', probation: 'Probation', yos: 'Youth offending service', council: 'Council', other: 'Other agency' });
export type PanelAgency = (typeof PANEL_AGENCIES)[number];

export const PANEL_NOTE_MAX_LENGTH = 1000;
export const PANEL_TITLE_MAX_LENGTH = 120;
export const PANEL_MEMBER_NAME_MAX_LENGTH = 80;
export const PANEL_MAX_MEMBERS = 30;
/** A panel walks people one by one; beyond this a session is not a meeting any more. */
export const PANEL_MAX_PEOPLE = 2000;
export const PANEL_MAX_RESERVES = 200;

interface PanelDecisionInput {
  decision: PanelDecision;
  reason: PanelReason | null;
  note: string;
}

/**
 * What a decision must carry: a reject or a defer says why (a reason from the list), "other" is
 * explained in the note, and an accept takes no reason (its note may still say something).
 * Returns the problem in words, or null when the decision can be recorded.
 */
export function decisionProblem(input: PanelDecisionInput): string | null {
  const note = input.note.trim();
  if (note.length > PANEL_NOTE_MAX_LENGTH) return `Keep the note to ${PANEL_NOTE_MAX_LENGTH} characters.`;
  if (input.decision === 'accept') return input.reason === null ? null : 'An accept takes no reason; put anything to add in the note.';
  if (input.reason === null) return `Choose a reason to ${input.decision}.`;
  if (input.reason === 'other' && note === '') return 'Say in the note why (the reason is “Other”).';
  return null;
}

export interface PanelProgress {
  /** People the session walks (proposed and reserves). */
  agenda: number;
  proposed: number;
  reserves: number;
  /** People with a current decision of any kind. */
  decided: number;
  accepted: number;
  rejected: number;
  deferred: number;
  capacity: number;
}

/** "12 of 100 decided", and how the accepted set stands against capacity, in words. */
export function capacityStanding(progress: Pick<PanelProgress, 'accepted' | 'capacity'>): string {
  const { accepted, capacity } = progress;
  if (accepted === capacity) return `${accepted} accepted: capacity of ${capacity} exactly filled`;
  if (accepted < capacity) return `${accepted} accepted of a capacity of ${capacity}: ${capacity - accepted} ${capacity - accepted === 1 ? 'place' : 'places'} left`;
  return `${accepted} accepted: ${accepted - capacity} over the capacity of ${capacity}`;
}
