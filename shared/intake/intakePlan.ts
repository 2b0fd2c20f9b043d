import { z } from 'zod';
import { MonthKeySchema, monthRange } from '../analysis/arrestTrend';
import { workingNumber, workingPercent } from '../domain/analysisModel';
import { closedSet } from '../domain/closedSets';
import type { FlagName } from '../domain/flags';
import { existingExitsBefore, existingExitsBy, NO_RECORDED_EXITS, starterHasLeftBy, type RecordedExits } from '../tracking/caseloadExits';
import { expectedExits, newEntrantCapacity, type NewEntrantCapacity } from '../shortlist/newEntrantCapacity';
import { capacityFromStaffing } from '../shortlist/selectionRules';

/**
 * The staged intake plan (004, "Next steps / implementation plan"): the accepted cohort "will be a
 * mixture of statutory and non-statutory offenders", taken on in a "stepped expansion programme"
 * over January–May 2014, within what the team can hold ("set up to manage 90-100 clients … 3
 * probation offender managers … 2 police operational leads"). Priority groups start first, then
 * everyone else in shortlist order; each month starts as many as the caseload capacity, the chosen
 * pace and the optional cap on new starts allow. Clients already on the books leave at the given
 * monthly exit rate (none by default); the new starters are not assumed to leave within the period.
 */

/** 000 (IOM business case): "currently 55-60% stat, 40-45% non-stat". Shown, never enforced. */
export const STATUTORY_SHARE_BAND = { low: 0.55, high: 0.6, source: 'Seed 000: the existing IOM caseload is “55-60% stat, 40-45% non-stat”.' } as const;

/** The seed's period: "Suggested that this take place between Jan-May 2014" (004). */
export const SEED_INTAKE_PERIOD = { startMonth: '2014-01', endMonth: '2014-05' } as const;

/** The seed's "Current caseload: 72" (004, IOM performance), offered as a hint, not a default. */
export const SEED_EXISTING_CASELOAD = 72;

/** A plan longer than three years is not a staged intake; the bound also bounds the work. */
const MAX_INTAKE_MONTHS = 36;

const MONTH_NAMES = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'] as const;

/** "2014-01" → "Jan 2014". */
export function intakeMonthLabel(month: string): string {
  const m = /^(\d{4})-(\d{2})$/.exec(month);
  return m ? `${MONTH_NAMES[Number(m[2]) - 1] ?? m[2]} ${m[1]}` : month;
}

const StaffCount = z.number().min(0).max(1000);
const ClientsPerStaff = z.number().positive().max(10_000);

/** From `month` on the team has this many offender managers and police leads (new staff arriving, or leaving). */
const IntakeStaffChangeSchema = z
  .object({
    month: MonthKeySchema,
    offenderManagers: StaffCount,
    policeLeads: StaffCount,
  })
  .strict();

export const [INTAKE_PACES, INTAKE_PACE_LABELS] = closedSet({ even: 'Spread evenly over the period', asap: 'As fast as capacity allows' });
export type IntakePace = (typeof INTAKE_PACES)[number];

export const IntakeParamsSchema = z
  .object({
    startMonth: MonthKeySchema,
    endMonth: MonthKeySchema,
    offenderManagers: StaffCount,
    clientsPerManager: ClientsPerStaff,
    policeLeads: StaffCount,
    /** Null when police leads do not limit the caseload (as in the staffing setting). */
    clientsPerPoliceLead: ClientsPerStaff.nullable(),
    /** Clients already on the books when the period starts (the seed's current caseload was 72). */
    existingCaseload: z.number().int().min(0).max(100_000),
    /** Share of the existing caseload expected to leave each month (compounding); absent means none. */
    exitRatePerMonth: z.number().min(0).max(1).optional(),
    /** The most new clients the team can induct in one month; null for no such limit. */
    maxStartsPerMonth: z.number().int().positive().max(100_000).nullable(),
    pace: z.enum(INTAKE_PACES),
    staffChanges: z.array(IntakeStaffChangeSchema).max(MAX_INTAKE_MONTHS),
  })
  .strict()
  .superRefine((p, ctx) => {
    const months = monthRange(p.startMonth, p.endMonth).length;
    if (months === 0) ctx.addIssue({ code: 'custom', path: ['endMonth'], message: 'the last month cannot be before the first' });
    else if (months > MAX_INTAKE_MONTHS) ctx.addIssue({ code: 'custom', path: ['endMonth'], message: `a plan covers at most ${MAX_INTAKE_MONTHS} months` });
  });
export type IntakeParams = z.infer<typeof IntakeParamsSchema>;

/** The seed's period and pace with a team's numbers (normally the workspace's staffing setting). */
export function defaultIntakeParams(
  team: { offenderManagers: number; clientsPerManager: number; policeLeads: number; clientsPerPoliceLead: number | null },
  onTheBooks: { existingCaseload: number; exitRatePerMonth: number } = { existingCaseload: 0, exitRatePerMonth: 0 },
): IntakeParams {
  return {
    ...SEED_INTAKE_PERIOD,
    offenderManagers: team.offenderManagers,
    clientsPerManager: team.clientsPerManager,
    policeLeads: team.policeLeads,
    clientsPerPoliceLead: team.clientsPerPoliceLead,
    existingCaseload: onTheBooks.existingCaseload,
    ...(onTheBooks.exitRatePerMonth > 0 ? { exitRatePerMonth: onTheBooks.exitRatePerMonth } : {}),
    maxStartsPerMonth: null,
    pace: 'even',
    staffChanges: [],
  };
}

export interface IntakeMember {
  personId: number;
  /** Null when no imported list said whether the person is statutory. */
  statutory: boolean | null;
  /** The shortlist's priority groups this person is in; empty for everyone else. */
  priorityGroups: readonly FlagName[];
  shortlistPosition: number | null;
}

type CapacityRole = 'offender managers' | 'police leads';
/** What held a month's starts below the people still waiting. */
type MonthLimit = 'capacity' | 'maxStarts' | 'pace';

export interface IntakeMonth {
  month: string;
  label: string;
  offenderManagers: number;
  policeLeads: number;
  capacity: number;
  /** The role whose limit sets the capacity; null when nothing limits it. */
  constrainedBy: CapacityRole | null;
  /** Another role whose limit is exactly as low (a tie, as with the seed's expanded team). */
  tiedWith: CapacityRole | null;
  capacityWorking: string;
  caseloadAtStart: number;
  /** Existing clients expected to have left by the start of this month's starts (cumulative): the forecast, or the recorded exits when more. */
  exitsSoFar: number;
  /** Of the existing clients, those recorded as leaving from the plan's first month to this one (cumulative). */
  recordedExitsSoFar: number;
  /** New starters of earlier months recorded as having left by this month (cumulative): their places are free again. */
  startersLeftSoFar: number;
  /** Places free at the start of the month (never below 0). */
  room: number;
  /** People waiting at the start of the month. */
  waiting: number;
  starts: number;
  statutory: number;
  nonStatutory: number;
  unknownStatutory: number;
  priority: number;
  caseloadAtEnd: number;
  /** Capacity minus the caseload at the end of the month (negative when over capacity). */
  spare: number;
  /** Null when everyone waiting started (or no one was waiting). */
  limitedBy: MonthLimit | null;
  personIds: number[];
  working: string;
}

interface IntakeStarter extends IntakeMember {
  month: string;
  /** 1-based place in the whole plan. */
  order: number;
}

interface IntakeNotFitting extends IntakeMember {
  order: number;
  reason: string;
}

interface StatutoryShare {
  statutory: number;
  nonStatutory: number;
  unknown: number;
  /** Statutory among the planned starters whose status is known; null when none is known. */
  share: number | null;
  /** If every unknown were non-statutory / statutory: the share's bounds among all starters. */
  lowest: number | null;
  highest: number | null;
  band: { low: number; high: number };
  /** Whether `share` lies in the source's 55–60% band; null when there is no share. Informative only. */
  inBand: boolean | null;
  text: string;
}

export interface IntakePlan {
  params: IntakeParams;
  months: IntakeMonth[];
  starters: IntakeStarter[];
  notFitting: IntakeNotFitting[];
  /** Why the people left over do not fit, once for all of them; null when everyone fits. */
  notFittingReason: { limit: 'capacity' | 'maxStarts'; text: string } | null;
  totals: { cohort: number; planned: number; notFitting: number; priority: number; statutory: number; nonStatutory: number; unknownStatutory: number };
  statutoryShare: StatutoryShare;
  /** The role that caps the caseload: where capacity held starts back, or else at the period's end. */
  binding: { role: CapacityRole | null; capacity: number; limitedMonths: string[]; text: string };
  /** The places for new entrants over the whole period, with the last month's team (as on the Shortlist). */
  newEntrants: NewEntrantCapacity;
  working: string[];
}

/** What the recorded exits did to the plan, in words; nothing when none is recorded. */
function recordedExitsWorking(existingInPeriod: number, startersLeft: number, existingBefore: number, firstLabel: string): string[] {
  const lines: string[] = [];
  if (existingInPeriod > 0) lines.push(`Recorded exits: ${existingInPeriod} existing client${existingInPeriod === 1 ? '' : 's'} left during the period, each freeing a place from the month of the exit (the expected exits are never fewer).`);
  if (startersLeft > 0) lines.push(`Recorded exits: ${startersLeft} new starter${startersLeft === 1 ? '' : 's'} left after starting, each freeing a place from the month of the exit.`);
  if (existingBefore > 0) lines.push(`${existingBefore} existing client${existingBefore === 1 ? ' was' : 's were'} recorded as leaving before ${firstLabel}: a caseload counted from the workspace leaves them out; a figure typed in should too.`);
  return lines;
}

/** Priority groups first, then shortlist position (people without one last), then id for a stable order. */
export function intakeOrder(members: readonly IntakeMember[]): IntakeMember[] {
  return [...members].sort((a, b) => {
    const pa = a.priorityGroups.length > 0 ? 0 : 1;
    const pb = b.priorityGroups.length > 0 ? 0 : 1;
    if (pa !== pb) return pa - pb;
    const sa = a.shortlistPosition ?? Number.POSITIVE_INFINITY;
    const sb = b.shortlistPosition ?? Number.POSITIVE_INFINITY;
    if (sa !== sb) return sa < sb ? -1 : 1;
    return a.personId - b.personId;
  });
}

interface Team {
  offenderManagers: number;
  policeLeads: number;
}

/** The team in each month: the base numbers, then each change from its month on (a later entry for the same month wins). */
function teamByMonth(params: IntakeParams, months: readonly string[]): Team[] {
  const changes = params.staffChanges.map((c, i) => ({ ...c, i })).sort((a, b) => (a.month === b.month ? a.i - b.i : a.month < b.month ? -1 : 1));
  return months.map((month) => {
    let team: Team = { offenderManagers: params.offenderManagers, policeLeads: params.policeLeads };
    for (const c of changes) if (c.month <= month) team = { offenderManagers: c.offenderManagers, policeLeads: c.policeLeads };
    return team;
  });
}

function roleOf(role: string | null): CapacityRole | null {
  return role === 'offender managers' || role === 'police leads' ? role : null;
}

/** "the police leads", or "the offender managers and police leads alike" on a tie. */
function limitingWords(month: IntakeMonth): string {
  if (!month.constrainedBy) return 'the staffing';
  return month.tiedWith ? `the ${month.constrainedBy} and ${month.tiedWith} alike` : `the ${month.constrainedBy}`;
}

function countStatus(members: readonly IntakeMember[]): { statutory: number; nonStatutory: number; unknown: number } {
  let statutory = 0;
  let nonStatutory = 0;
  let unknown = 0;
  for (const m of members) {
    if (m.statutory === true) statutory++;
    else if (m.statutory === false) nonStatutory++;
    else unknown++;
  }
  return { statutory, nonStatutory, unknown };
}

function statutoryShareOf(starters: readonly IntakeMember[]): StatutoryShare {
  const { statutory, nonStatutory, unknown } = countStatus(starters);
  const known = statutory + nonStatutory;
  const all = known + unknown;
  const share = known > 0 ? statutory / known : null;
  const band = { low: STATUTORY_SHARE_BAND.low, high: STATUTORY_SHARE_BAND.high };
  // A hair of tolerance so 11 of 20 (exactly 55%) counts as inside the band.
  const inBand = share === null ? null : share >= band.low - 1e-9 && share <= band.high + 1e-9;
  const lowest = all > 0 ? statutory / all : null;
  const highest = all > 0 ? (statutory + unknown) / all : null;
  let text: string;
  if (all === 0) text = 'No one starts in the plan, so there is no statutory share.';
  else if (share === null) text = `The statutory status of all ${all} planned starters is unknown (import a list with a statutory column).`;
  else {
    text = `Statutory share of the plan: ${workingPercent(share)} (${statutory} of ${known} with a known status)`;
    if (unknown > 0) text += `; ${unknown} unknown, so between ${workingPercent(lowest ?? 0)} and ${workingPercent(highest ?? 0)} of all ${all}`;
    text += `. The existing caseload was about 55–60% statutory: ${inBand ? 'within' : share < band.low ? 'below' : 'above'} that band.`;
  }
  return { statutory, nonStatutory, unknown, share, lowest, highest, band, inBand, text };
}

function statusWords(c: { statutory: number; nonStatutory: number; unknown: number }): string {
  return `${c.statutory} statutory, ${c.nonStatutory} non-statutory${c.unknown ? `, ${c.unknown} unknown` : ''}`;
}

/**
 * Plans the intake month by month. Each month:
 *   capacity = min(offender managers × clients per manager, police leads × clients per lead), floored
 *   exits    = ⌊existing caseload × (1 − (1 − exit rate)^(months so far, this one included))⌋
 *   room     = max(0, capacity − (existing caseload − exits + starts so far))
 *   pace     = ⌈waiting / months left⌉ when spreading evenly, else everyone waiting
 *   starts   = min(waiting, room, pace, max new starts a month)
 * and the caseload grows by the starts. Whoever is still waiting after the last month does not fit.
 * Recorded exits (issue 20) free places from the month they fall in: an existing client's exit
 * counts towards the month's exits (never fewer than the forecast), a starter's from the month
 * after their start on.
 */
export function planIntake(members: readonly IntakeMember[], paramsInput: IntakeParams, recorded: RecordedExits = NO_RECORDED_EXITS): IntakePlan {
  const params = IntakeParamsSchema.parse(paramsInput);
  const monthKeys = monthRange(params.startMonth, params.endMonth);
  const teams = teamByMonth(params, monthKeys);
  const queue = intakeOrder(members);
  const cohortStatus = countStatus(queue);
  const priorityCount = queue.filter((m) => m.priorityGroups.length > 0).length;

  const months: IntakeMonth[] = [];
  const starters: IntakeStarter[] = [];
  let next = 0;
  let started = 0;
  const exitRate = params.exitRatePerMonth ?? 0;
  monthKeys.forEach((month, k) => {
    const team = teams[k]!;
    // Exits over a month are counted before its starts, so the last month's room matches the
    // places for new entrants over the whole period.
    const recordedExitsSoFar = existingExitsBy(recorded, monthKeys[0]!, month);
    const exitsSoFar = Math.min(params.existingCaseload, Math.max(expectedExits(params.existingCaseload, exitRate, k + 1), recordedExitsSoFar));
    let startersLeftSoFar = 0;
    for (const s of starters) if (starterHasLeftBy(recorded.members.get(s.personId), s.month, month)) startersLeftSoFar++;
    let caseload = params.existingCaseload - exitsSoFar + started - startersLeftSoFar;
    const cap = capacityFromStaffing({ mode: 'staffing', offenderManagers: team.offenderManagers, clientsPerManager: params.clientsPerManager, policeLeads: team.policeLeads, clientsPerPoliceLead: params.clientsPerPoliceLead });
    const waiting = queue.length - next;
    const room = Math.max(0, cap.capacity - caseload);
    const monthsLeft = monthKeys.length - k;
    const paceTarget = params.pace === 'even' ? Math.ceil(waiting / monthsLeft) : waiting;
    const maxStarts = params.maxStartsPerMonth ?? Number.POSITIVE_INFINITY;
    const starts = Math.min(waiting, room, paceTarget, maxStarts);
    // The tightest limit below the people waiting; on a tie capacity is named first, as it is the hard one.
    let limitedBy: MonthLimit | null = null;
    if (starts < waiting) limitedBy = room === starts ? 'capacity' : maxStarts === starts ? 'maxStarts' : 'pace';
    const taken = queue.slice(next, next + starts);
    next += starts;
    const status = countStatus(taken);
    const caseloadAtStart = caseload;
    caseload += starts;
    started += starts;
    for (const m of taken) starters.push({ ...m, month, order: starters.length + 1 });

    const label = intakeMonthLabel(month);
    const leftWords = exitsSoFar > 0 ? ` − ${exitsSoFar} ${recordedExitsSoFar >= exitsSoFar ? 'recorded as having left' : recordedExitsSoFar > 0 ? `expected to have left (${recordedExitsSoFar} of them recorded)` : 'expected to have left'}` : '';
    const starterWords = startersLeftSoFar > 0 ? ` − ${startersLeftSoFar} of them recorded as having left` : '';
    const exitWords = exitsSoFar > 0 || startersLeftSoFar > 0 ? ` (${params.existingCaseload} on the books${leftWords} + ${started - starts} started${starterWords})` : '';
    const terms = [`waiting ${waiting}`, `room ${cap.capacity} − ${caseloadAtStart}${exitWords} = ${cap.capacity - caseloadAtStart}${cap.capacity - caseloadAtStart < 0 ? ' (none)' : ''}`];
    if (params.pace === 'even') terms.push(`even pace ⌈${waiting} / ${monthsLeft}⌉ = ${paceTarget}`);
    if (params.maxStartsPerMonth !== null) terms.push(`at most ${params.maxStartsPerMonth} a month`);
    const working =
      `${label}: capacity ${cap.working}. Starts = min(${terms.join('; ')}) = ${starts} (${statusWords(status)}); ` +
      `caseload ${caseloadAtStart} + ${starts} = ${caseload} of ${cap.capacity}.`;
    months.push({
      month,
      label,
      offenderManagers: team.offenderManagers,
      policeLeads: team.policeLeads,
      capacity: cap.capacity,
      constrainedBy: roleOf(cap.constrainedBy),
      tiedWith: roleOf(cap.perRole.find((r) => r.role !== cap.constrainedBy && r.capacity === cap.capacity)?.role ?? null),
      capacityWorking: cap.working,
      caseloadAtStart,
      exitsSoFar,
      recordedExitsSoFar,
      startersLeftSoFar,
      room,
      waiting,
      starts,
      statutory: status.statutory,
      nonStatutory: status.nonStatutory,
      unknownStatutory: status.unknown,
      priority: taken.filter((m) => m.priorityGroups.length > 0).length,
      caseloadAtEnd: caseload,
      spare: cap.capacity - caseload,
      limitedBy,
      personIds: taken.map((m) => m.personId),
      working,
    });
  });

  const last = months[months.length - 1]!;
  const left = queue.slice(next);
  let notFittingReason: IntakePlan['notFittingReason'] = null;
  if (left.length > 0) {
    // Spreading evenly asks for everyone in the last month, so only capacity or the cap on starts can leave people over.
    if (last.limitedBy === 'maxStarts') {
      notFittingReason = { limit: 'maxStarts', text: `Not reached by ${last.label}: at most ${params.maxStartsPerMonth} new starts a month.` };
    } else if (last.capacity === 0) {
      notFittingReason = { limit: 'capacity', text: `No room by ${last.label}: the capacity is 0 (${last.capacityWorking}).` };
    } else if (params.existingCaseload >= last.capacity && months.every((m) => m.starts === 0)) {
      notFittingReason = { limit: 'capacity', text: `No room by ${last.label}: the caseload already on the books (${params.existingCaseload}) fills the capacity of ${last.capacity}, limited by ${limitingWords(last)}.` };
    } else {
      notFittingReason = { limit: 'capacity', text: `No room by ${last.label}: the caseload (${last.caseloadAtEnd}) reaches the capacity of ${last.capacity}, limited by ${limitingWords(last)}.` };
    }
  }
  const notFitting: IntakeNotFitting[] = left.map((m, i) => ({ ...m, order: next + i + 1, reason: notFittingReason!.text }));

  const limitedMonths = months.filter((m) => m.limitedBy === 'capacity');
  const bindingMonth = limitedMonths[0] ?? last;
  const role = bindingMonth.constrainedBy;
  const bindingText = limitedMonths.length
    ? `Capacity held starts back in ${limitedMonths.map((m) => m.label).join(', ')}: ${limitingWords(bindingMonth)} limit the caseload to ${bindingMonth.capacity} (${bindingMonth.capacityWorking}).`
    : `Capacity did not hold any start back; at the end of the period ${limitingWords(last)} set the limit: ${last.capacityWorking}.`;

  const statutoryShare = statutoryShareOf(starters);
  const newEntrants = newEntrantCapacity(last.capacity, { include: false, currentCaseload: params.existingCaseload, exitRatePerMonth: exitRate, intakeMonths: months.length }, params.existingCaseload, last.recordedExitsSoFar);
  const exitsBefore = existingExitsBefore(recorded, params.startMonth);
  const startersLeft = last.startersLeftSoFar;
  const working = [
    `Accepted cohort: ${queue.length} people (${priorityCount} in a priority group; ${statusWords(cohortStatus)}). Order: priority groups first, then shortlist position.`,
    `Period: ${intakeMonthLabel(params.startMonth)} to ${last.label} (${months.length} month${months.length === 1 ? '' : 's'}); pace: ${INTAKE_PACE_LABELS[params.pace].toLowerCase()}` +
      `${params.maxStartsPerMonth !== null ? `; at most ${params.maxStartsPerMonth} new starts a month` : ''}; caseload already on the books: ${params.existingCaseload}.`,
    `Clients per offender manager ${workingNumber(params.clientsPerManager)}; ${params.clientsPerPoliceLead === null ? 'police leads do not limit the caseload' : `clients per police lead ${workingNumber(params.clientsPerPoliceLead)}`}.`,
    ...months.map((m) => m.working),
    left.length ? `${left.length} ${left.length === 1 ? 'person does' : 'people do'} not fit: ${notFittingReason!.text}` : `Everyone accepted starts by ${last.label}.`,
    bindingText,
    statutoryShare.text,
    `Places for new entrants over the period: ${newEntrants.working}.`,
    exitRate > 0
      ? `Clients already on the books leave at ${workingPercent(exitRate)} a month; new starters are not assumed to leave during the period.`
      : 'No one is assumed to leave the caseload during the period.',
    ...recordedExitsWorking(last.recordedExitsSoFar, startersLeft, exitsBefore, intakeMonthLabel(params.startMonth)),
  ];

  return {
    params,
    months,
    starters,
    notFitting,
    notFittingReason,
    totals: {
      cohort: queue.length,
      planned: starters.length,
      notFitting: left.length,
      priority: priorityCount,
      statutory: cohortStatus.statutory,
      nonStatutory: cohortStatus.nonStatutory,
      unknownStatutory: cohortStatus.unknown,
    },
    statutoryShare,
    binding: { role, capacity: bindingMonth.capacity, limitedMonths: limitedMonths.map((m) => m.month), text: bindingText },
    newEntrants,
    working,
  };
}
