import { IntakeParamsSchema, type IntakePace, type IntakeParams } from '../../../shared/intake/intakePlan';

/**
 * The intake form as typed: every number is text until it parses, so a half-typed value is shown
 * with its problem instead of being lost or rounded.
 */
interface StaffChangeDraft {
  /** A stable key for React while rows are added and removed. */
  key: number;
  month: string;
  offenderManagers: string;
  policeLeads: string;
}

export interface IntakeDraft {
  startMonth: string;
  endMonth: string;
  offenderManagers: string;
  clientsPerManager: string;
  policeLeads: string;
  clientsPerPoliceLead: string;
  existingCaseload: string;
  /** Percent of the caseload on the books leaving each month; blank for none. */
  exitRatePercent: string;
  maxStartsPerMonth: string;
  pace: IntakePace;
  staffChanges: StaffChangeDraft[];
}

export type DraftField = Exclude<keyof IntakeDraft, 'pace' | 'staffChanges'>;
const DRAFT_FIELDS: readonly DraftField[] = ['startMonth', 'endMonth', 'offenderManagers', 'clientsPerManager', 'policeLeads', 'clientsPerPoliceLead', 'existingCaseload', 'exitRatePercent', 'maxStartsPerMonth'];

export type DraftProblems = Partial<Record<DraftField, string>> & { staffChanges?: Record<number, string> };

const text = (v: number | null): string => (v === null ? '' : String(v));

export function draftFromParams(params: IntakeParams): IntakeDraft {
  return {
    startMonth: params.startMonth,
    endMonth: params.endMonth,
    offenderManagers: text(params.offenderManagers),
    clientsPerManager: text(params.clientsPerManager),
    policeLeads: text(params.policeLeads),
    clientsPerPoliceLead: text(params.clientsPerPoliceLead),
    existingCaseload: text(params.existingCaseload),
    exitRatePercent: params.exitRatePerMonth === undefined ? '' : String(Math.round(params.exitRatePerMonth * 1e6) / 1e4),
    maxStartsPerMonth: text(params.maxStartsPerMonth),
    pace: params.pace,
    staffChanges: params.staffChanges.map((c, i) => ({ key: i + 1, month: c.month, offenderManagers: text(c.offenderManagers), policeLeads: text(c.policeLeads) })),
  };
}

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

/** The parameters the draft stands for, or the problem with each field that stops it. */
export function paramsFromDraft(draft: IntakeDraft): { params: IntakeParams | null; problems: DraftProblems } {
  const problems: DraftProblems = {};
  const number = (field: DraftField, value: string, opts: { blank: 'null' | 'needed'; positive?: boolean; whole?: boolean }): number | null => {
    const t = value.trim();
    if (t === '') {
      if (opts.blank === 'needed') problems[field] = 'Needed.';
      return null;
    }
    const v = Number(t);
    if (!Number.isFinite(v) || v < 0) problems[field] = 'A number, 0 or more.';
    else if (opts.whole && !Number.isInteger(v)) problems[field] = 'A whole number.';
    else if (opts.positive && v === 0) problems[field] = opts.blank === 'null' ? 'More than 0, or blank.' : 'More than 0.';
    else return v;
    return null;
  };
  for (const field of ['startMonth', 'endMonth'] as const) if (!MONTH.test(draft[field].trim())) problems[field] = 'A month, e.g. 2014-01.';
  const offenderManagers = number('offenderManagers', draft.offenderManagers, { blank: 'needed' });
  const clientsPerManager = number('clientsPerManager', draft.clientsPerManager, { blank: 'needed', positive: true });
  const policeLeads = number('policeLeads', draft.policeLeads, { blank: 'needed' });
  const clientsPerPoliceLead = number('clientsPerPoliceLead', draft.clientsPerPoliceLead, { blank: 'null', positive: true });
  const existingCaseload = number('existingCaseload', draft.existingCaseload, { blank: 'needed', whole: true });
  const exitRatePercent = number('exitRatePercent', draft.exitRatePercent, { blank: 'null' });
  if (exitRatePercent !== null && exitRatePercent > 100) problems.exitRatePercent = 'A percentage, 0 to 100.';
  const maxStartsPerMonth = number('maxStartsPerMonth', draft.maxStartsPerMonth, { blank: 'null', positive: true, whole: true });
  const staffChanges = draft.staffChanges.map((c) => {
    const om = Number(c.offenderManagers.trim());
    const pl = Number(c.policeLeads.trim());
    const bad = !MONTH.test(c.month.trim()) ? 'A month, e.g. 2014-03.' : c.offenderManagers.trim() === '' || !Number.isFinite(om) || om < 0 || c.policeLeads.trim() === '' || !Number.isFinite(pl) || pl < 0 ? 'Staff numbers, 0 or more.' : null;
    if (bad) problems.staffChanges = { ...problems.staffChanges, [c.key]: bad };
    return { month: c.month.trim(), offenderManagers: om, policeLeads: pl };
  });
  if (Object.keys(problems).length) return { params: null, problems };
  const parsed = IntakeParamsSchema.safeParse({
    startMonth: draft.startMonth.trim(),
    endMonth: draft.endMonth.trim(),
    offenderManagers,
    clientsPerManager,
    policeLeads,
    clientsPerPoliceLead,
    existingCaseload,
    ...(exitRatePercent !== null && exitRatePercent > 0 ? { exitRatePerMonth: exitRatePercent / 100 } : {}),
    maxStartsPerMonth,
    pace: draft.pace,
    staffChanges,
  });
  if (parsed.success) return { params: parsed.data, problems };
  // The schema's own checks (the period's order and length) belong to the last month.
  const issue = parsed.error.issues[0];
  const field = DRAFT_FIELDS.find((f) => f === issue?.path[0]) ?? 'endMonth';
  return { params: null, problems: { [field]: issue ? `${issue.message.charAt(0).toUpperCase()}${issue.message.slice(1)}.` : 'Not valid.' } };
}
