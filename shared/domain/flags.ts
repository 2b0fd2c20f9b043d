import { isOneOf } from './closedSets';

/**
 * Agency flag lists a person can be on. The order is the order the seed's long list shows them
 * and the order screens and exports use.
 */
export const FLAG_NAMES = [
  'dtoa',
  'gangHigh',
  'gangMidLow',
  'dv',
  'female',
  'asb',
  'yos',
  'ogrsMandatory',
  /** Prolific and other Priority Offender: the scheme IOM grew out of (seed 000); not on the seed's long list. */
  'ppo',
] as const;

export type FlagName = (typeof FLAG_NAMES)[number];

export const FLAG_LABELS: Record<FlagName, string> = {
  dtoa: 'DTOA (drug test on arrest)',
  gangHigh: 'Gangs matrix (high)',
  gangMidLow: 'Gangs matrix (mid-low)',
  dv: 'Repeat DV / MARAC',
  female: 'Repeat female offender',
  asb: 'Repeat ASB arrests',
  yos: 'YOS referral',
  ogrsMandatory: 'Mandatory OGRS',
  ppo: 'PPO (prolific and other priority offender)',
};

export const FLAG_SHORT_LABELS: Record<FlagName, string> = {
  dtoa: 'DTOA',
  gangHigh: 'Gang H',
  gangMidLow: 'Gang M/L',
  dv: 'DV',
  female: 'Female',
  asb: 'ASB',
  yos: 'YOS',
  ogrsMandatory: 'OGRS',
  ppo: 'PPO',
};

export function isFlagName(value: string): value is FlagName {
  return isOneOf(FLAG_NAMES, value);
}

export type FlagCounts = Record<FlagName, number>;

export function emptyFlagCounts(): FlagCounts {
  return Object.fromEntries(FLAG_NAMES.map((f) => [f, 0])) as FlagCounts;
}
