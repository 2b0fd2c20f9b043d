import { TRACKED_COHORTS } from '../../shared/tracking/trackingSchemas';
import { isIsoDate } from '../../shared/domain/isoDate';
import { CliError } from './cliError';
import { isOneOf } from '../../shared/domain/closedSets';

/**
 * Whom tracking follows and over which months: `track` and `quarterly-return` measure the same
 * follow-up, so they take these options in one spelling and check them in one place.
 */
export const FOLLOW_UP_OPTIONS = {
  cohort: { type: 'string' },
  scenario: { type: 'string' },
  before: { type: 'string' },
  after: { type: 'string' },
  'data-to': { type: 'string' },
} as const;

interface FollowUpValues {
  cohort?: string | undefined;
  scenario?: string | undefined;
  before?: string | undefined;
  after?: string | undefined;
  'data-to'?: string | undefined;
}

export function wholeNumber(text: string | undefined, name: string): number | undefined {
  if (text === undefined) return undefined;
  const value = Number(text);
  if (!Number.isInteger(value)) throw new CliError(`--${name} must be a whole number.`, 64);
  return value;
}

/** The follow-up options as the tracking request's fields, only those given (the contract fills the rest in). */
export function followUpRequestFields(values: FollowUpValues): { cohort?: string; scenarioName?: string; beforeMonths?: number; afterMonths?: number; dataTo?: string } {
  if (values.cohort !== undefined && !isOneOf(TRACKED_COHORTS, values.cohort)) throw new CliError(`--cohort must be ${TRACKED_COHORTS.join(', ')}.`, 64);
  if (values['data-to'] !== undefined && !isIsoDate(values['data-to'])) throw new CliError('--data-to: the date must be given as YYYY-MM-DD.', 64);
  return {
    ...(values.cohort ? { cohort: values.cohort } : {}),
    ...(values.scenario ? { scenarioName: values.scenario } : {}),
    ...(values.before ? { beforeMonths: wholeNumber(values.before, 'before') } : {}),
    ...(values.after ? { afterMonths: wholeNumber(values.after, 'after') } : {}),
    ...(values['data-to'] ? { dataTo: values['data-to'] } : {}),
  };
}

/** A contract's refusal of the options, each named as the option the analyst typed. */
export function optionIssues(issues: ReadonlyArray<{ path: ReadonlyArray<PropertyKey>; message: string }>): CliError {
  return new CliError(issues.map((i) => `--${String(i.path[0] ?? '')}: ${i.message}`).join('; '), 64);
}
