/**
 * People who leave the IOM cohort (issue 20, point 1): the reasons offered when an exit is recorded,
 * and how recorded exits take people off the caseload, so capacity and the caseload chart follow.
 *
 * A person counts against the team's capacity from their start until their exit date; from the
 * exit date on, their place is free for a new entrant. The intake plan works in months, so an exit
 * frees its place from the month it falls in (exits are counted before a month's starts).
 */

/**
 * The reasons offered on the Tracking screen. The stored reason is free text (the CLI takes any
 * `--reason`), so "Other" asks for the words and any reason can carry a note after a colon.
 */
export const EXIT_REASONS = [
  'Completed the programme',
  'No longer meets the criteria',
  'Sentenced to custody',
  'Recalled to prison',
  'Moved out of the borough',
  'Transferred to another scheme',
  'Died',
  'Other',
] as const;
export type ExitReasonChoice = (typeof EXIT_REASONS)[number];

/** The longest stored reason, as the contract allows. */
export const MAX_EXIT_REASON_LENGTH = 500;

/**
 * The reason as stored: the chosen reason, with the note after a colon; "Other" is the note alone.
 * Null when "Other" has no note (there is then no reason to store).
 */
export function exitReasonText(choice: ExitReasonChoice, note: string): string | null {
  const words = note.trim().replace(/\s+/g, ' ');
  if (choice === 'Other') return words === '' ? null : words;
  return words === '' ? choice : `${choice}: ${words}`;
}

/** "2014-03-17" → "2014-03". */
function monthOfDate(isoDate: string): string {
  return isoDate.slice(0, 7);
}

interface CaseloadClient {
  personId: number;
  /** The recorded exit date, or null while the person is still on the caseload. */
  exitDate: string | null;
}

export interface CaseloadCount {
  /** Everyone with an IOM start date. */
  started: number;
  /** Of them, those whose recorded exit is on or before the day counted. */
  left: number;
  /** Still on the caseload: started − left. */
  onTheBooks: number;
  asOf: string;
  working: string;
}

/** The caseload on a day: everyone who started, less those recorded as having left by that day. */
export function caseloadOn(clients: readonly CaseloadClient[], asOf: string): CaseloadCount {
  let left = 0;
  for (const c of clients) if (c.exitDate !== null && c.exitDate <= asOf) left++;
  const started = clients.length;
  const onTheBooks = started - left;
  const working = left === 0 ? `${started} people with an IOM start date, none recorded as having left by ${asOf}` : `${started} people with an IOM start date − ${left} recorded as having left by ${asOf} = ${onTheBooks}`;
  return { started, left, onTheBooks, asOf, working };
}

/**
 * Exits recorded for the intake plan: the exit dates of clients already on the books, and of the
 * accepted people the plan starts (by person).
 */
export interface RecordedExits {
  existingClients: readonly string[];
  members: ReadonlyMap<number, string>;
}

export const NO_RECORDED_EXITS: RecordedExits = { existingClients: [], members: new Map() };

/** Existing clients recorded as leaving from the plan's first month up to and including `month`. */
export function existingExitsBy(recorded: RecordedExits, firstMonth: string, month: string): number {
  let n = 0;
  for (const date of recorded.existingClients) {
    const m = monthOfDate(date);
    if (m >= firstMonth && m <= month) n++;
  }
  return n;
}

/** Existing clients recorded as leaving before the plan's first month (already off a counted caseload). */
export function existingExitsBefore(recorded: RecordedExits, firstMonth: string): number {
  let n = 0;
  for (const date of recorded.existingClients) if (monthOfDate(date) < firstMonth) n++;
  return n;
}

/**
 * Whether a starter's place is free by `month`: they started in an earlier month and their exit
 * falls in `month` or before. A starter who leaves in the month they start still held a place
 * that month (the month's room was counted before its starts), so it is free from the next.
 */
export function starterHasLeftBy(exitDate: string | undefined, startMonth: string, month: string): boolean {
  return exitDate !== undefined && startMonth < month && monthOfDate(exitDate) <= month;
}

/** "2014-01" → "2013-12-31": the last day a caseload counted before a month's starts takes exits from. */
export function lastDayBefore(month: string): string {
  const [year, mon] = month.split('-').map(Number) as [number, number];
  return new Date(Date.UTC(year, mon - 1, 0)).toISOString().slice(0, 10);
}

/**
 * The clients on the books a stored shortlist summary counted from the workspace; null when its
 * rule set gave its own figure, reviewed the whole caseload, or the summary predates the count.
 * Compared with the caseload now, it says whether exits recorded since have freed places.
 */
export function caseloadCountedBySummary(summary: unknown): number | null {
  if (typeof summary !== 'object' || summary === null || !('newEntrants' in summary)) return null;
  const n = (summary as { newEntrants: unknown }).newEntrants;
  if (typeof n !== 'object' || n === null) return null;
  const { caseloadSource, currentCaseload } = n as { caseloadSource?: unknown; currentCaseload?: unknown };
  return caseloadSource === 'workspace' && typeof currentCaseload === 'number' && Number.isInteger(currentCaseload) ? currentCaseload : null;
}
