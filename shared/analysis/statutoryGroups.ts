import { z } from 'zod';
import { workingPercent } from '../domain/analysisModel';
import { workingPounds, workingShare } from '../domain/numberFormat';

/**
 * Statutory (on licence or order) and non-statutory clients offend at different rates with and
 * without IOM (seed 000), and the saving falls on different agencies. A scenario may give a rate per
 * group; each group's reduction is 1 − (reoffending with IOM ÷ reoffending without), applied to
 * that group's own arrests. People whose status no list gave keep the scenario's overall rate.
 */

const Rate = z.number().min(0).max(1);

export const GroupRatesSchema = z
  .object({
    statutory: z.object({ withIom: Rate, withoutIom: Rate.refine((v) => v > 0, { message: 'must be above 0' }) }).strict(),
    nonStatutory: z.object({ withIom: Rate, withoutIom: Rate.refine((v) => v > 0, { message: 'must be above 0' }) }).strict(),
    source: z.string().max(1000),
  })
  .strict();
export type GroupRates = z.infer<typeof GroupRatesSchema>;

/**
 * Seed 000 (IOM business case, "Savings and assumptions"): "40% for statutory clients (compared to
 * 55% without IOM) · 30% for non-statutory clients (compared to 58% without IOM)".
 * So 1 − 40/55 = 27.27% and 1 − 30/58 = 48.28%.
 */
export const SEED_GROUP_RATES: GroupRates = {
  statutory: { withIom: 0.4, withoutIom: 0.55 },
  nonStatutory: { withIom: 0.3, withoutIom: 0.58 },
  source: 'Seed 000 (IOM business case): reoffending 40% for statutory clients (55% without IOM), 30% for non-statutory (58% without IOM)',
};

export const AGENCIES = ['Police', 'CPS', 'Probation', 'Court', 'Prison', 'Council'] as const;
export type Agency = (typeof AGENCIES)[number];

export const AgencySharesSchema = z
  .object({
    shares: z.array(z.object({ agency: z.enum(AGENCIES), share: z.number().min(0).max(1) }).strict()).length(AGENCIES.length),
    source: z.string().max(1000),
  })
  .strict()
  .superRefine((value, ctx) => {
    const agencies = new Set(value.shares.map((s) => s.agency));
    if (agencies.size !== AGENCIES.length) ctx.addIssue({ code: 'custom', message: 'each agency once', path: ['shares'] });
    const total = value.shares.reduce((sum, s) => sum + s.share, 0);
    if (Math.abs(total - 1) > 0.0005) ctx.addIssue({ code: 'custom', message: `agency shares must add up to 100% (they add up to ${workingPercent(total)})`, path: ['shares'] });
  });
export type AgencyShares = z.infer<typeof AgencySharesSchema>;

/**
 * Seed 000's IOM savings table: gross saving Police £29,942, CPS £0, Probation £3,609, Court £0,
 * Prison £15,623, Council £0, total £49,174; each agency's share is its saving ÷ the total.
 */
const SEED_IOM_SAVINGS: Record<Agency, number> = { Police: 29942, CPS: 0, Probation: 3609, Court: 0, Prison: 15623, Council: 0 };
const SEED_IOM_SAVINGS_TOTAL = 49174;

export const SEED_AGENCY_SHARES: AgencyShares = {
  shares: AGENCIES.map((agency) => ({ agency, share: SEED_IOM_SAVINGS[agency] / SEED_IOM_SAVINGS_TOTAL })),
  source: 'Seed 000, IOM gross savings: Police £29,942, CPS £0, Probation £3,609, Court £0, Prison £15,623, Council £0 of £49,174',
};

export type StatutoryGroup = 'statutory' | 'nonStatutory' | 'unknown';

export const STATUTORY_GROUP_LABELS: Record<StatutoryGroup, string> = {
  statutory: 'Statutory',
  nonStatutory: 'Non-statutory',
  unknown: 'Status not recorded',
};

export function groupReductionRate(rates: GroupRates, group: 'statutory' | 'nonStatutory'): { rate: number; working: string } {
  const { withIom, withoutIom } = rates[group];
  const rate = Math.max(0, 1 - withIom / withoutIom);
  return { rate, working: `${workingShare(rate)} = 1 − ${workingShare(withIom)} / ${workingShare(withoutIom)}` };
}

export interface AgencySplit {
  source: string;
  total: number;
  rows: Array<{ agency: Agency; share: number; saving: number; working: string }>;
}

/** The cost saving shared among the agencies, as seed 000 reports it. */
export function splitByAgency(total: number, shares: AgencyShares): AgencySplit {
  return {
    source: shares.source,
    total,
    rows: shares.shares.map(({ agency, share }) => ({ agency, share, saving: total * share, working: `${workingPounds(total * share)} = ${workingPounds(total)} × ${workingShare(share)}` })),
  };
}
