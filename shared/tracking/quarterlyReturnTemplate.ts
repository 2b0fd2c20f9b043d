/**
 * The quarterly return's template (issue 20, point 5): the counts a police and crime commissioner's
 * office asks of an IOM scheme, as sections of labelled rows, each with the definition printed
 * beside it on the Definitions sheet, and the caveats printed under the figures. Kept apart from
 * the arithmetic (quarterlyReturn.ts) so the office's wording can change without touching a figure,
 * and every label the file shows is written here once.
 */

export const QUARTERLY_RETURN_TITLE = 'IOM quarterly return';

/** The ids of a section's rows (CASELOAD_ROWS, COMPARISON_ROWS), which the figures are keyed by. */
export type RowIdOf<Rows extends ReadonlyArray<{ id: string }>> = Rows[number]['id'];

export const CASELOAD_ROWS = [
  { id: 'atStart', label: 'On the cohort at the start of the quarter', definition: 'Members whose start date is before the quarter’s first day and who had not left by then (a member leaving on a day is off the cohort from that day).' },
  { id: 'starts', label: 'Starts in the quarter', definition: 'Members whose start date falls in the quarter: the recorded start date, else the intake-plan tranche’s first day (new cohort) or the list’s IOM start date (existing cohort).' },
  { id: 'exits', label: 'Exits in the quarter', definition: 'Members with a recorded exit dated in the quarter (the reasons are not printed: they are personal data).' },
  { id: 'atEnd', label: 'On the cohort at the end of the quarter', definition: 'Members who had started by the quarter’s last day and had not left by its end. Equals the start of the quarter plus starts minus exits.' },
] as const;

export const CASELOAD_COLUMNS = ['Statutory', 'Non-statutory', 'Not recorded', 'Total'] as const;

export const OFFENDING_COLUMNS = [
  'Members followed',
  'Arrests before',
  'Person-months before',
  'Arrests after',
  'Person-months after',
  'Arrests a person-month, before',
  'Arrests a person-month, after',
  'Change in the rate (%)',
  'Allegations per arrest',
  'Est. offences a month, before',
  'Est. offences a month, after',
] as const;

export const COST_COLUMNS = [
  'Unit cost (£)',
  'Est. offences avoided, before/after',
  'Cost avoided, before/after (£)',
  'Comparison group’s change in the rate',
  'Est. offences avoided, allowing for the comparison',
  'Cost avoided, allowing for the comparison (£)',
] as const;

export const COMPARISON_ROWS = [
  { id: 'pairs', label: 'Members matched to a comparison', definition: 'Members with a person from the long list who was not taken on, of the same priority group and age band, with the nearest arrests in the selection window by crime type.' },
  { id: 'exact', label: 'of which matched exactly', definition: 'Same arrests in the window, crime type by crime type.' },
  { id: 'nearest', label: 'of which matched to the nearest', definition: 'The closest arrest counts available; the mean and largest distance are in the method.' },
  { id: 'unmatched', label: 'Members without a comparison', definition: 'Nobody on the long list shares their priority group and age band; they are left out of the effect.' },
  { id: 'cohortBefore', label: 'Matched members: arrests a person-month, before', definition: 'Pooled over the matched members: arrests ÷ person-months.' },
  { id: 'cohortAfter', label: 'Matched members: arrests a person-month, after', definition: 'As above, after each start date up to the quarter’s end.' },
  { id: 'comparisonBefore', label: 'Comparison: arrests a person-month, before', definition: 'The comparison people, each followed over their member’s own before period.' },
  { id: 'comparisonAfter', label: 'Comparison: arrests a person-month, after', definition: 'The comparison people over their member’s own after period.' },
  { id: 'naive', label: 'Fall in the matched members’ own rate, before/after (%)', definition: '1 − after ÷ before for the matched members alone: the kind of figure the seed’s 36% is. It includes regression to the mean.' },
  { id: 'difference', label: 'Difference in differences (arrests a person-month)', definition: 'The members’ change in rate minus the comparison’s change: negative means the members fell further.' },
  { id: 'attributable', label: 'Fall attributable to joining (%)', definition: '1 − members’ after rate ÷ the rate they would have had, changing as their comparison did.' },
  { id: 'intervalLow', label: 'Fall attributable: 95% interval, low (%)', definition: 'From resampling whole pairs (bootstrap, fixed seed, so the same workspace gives the same interval).' },
  { id: 'intervalHigh', label: 'Fall attributable: 95% interval, high (%)', definition: 'As above.' },
] as const;

export const SECTION_TITLES = {
  caseload: '1. Cohort size, starts and exits, by group',
  notStarted: 'Accepted but not started by the quarter’s end, or without a start date',
  offendingByType: '2. Arrests and estimated offences before and after joining, by crime type',
  offendingByGroup: '3. Arrests and estimated offences before and after joining, by group (all arrests)',
  cost: '4. Cost of crime avoided since joining, to the quarter’s end',
  comparison: '5. Against a comparison group',
  caveats: 'What these figures can and cannot show',
} as const;

/** What the offending and cost columns mean, for the Definitions sheet. */
export const COLUMN_DEFINITIONS: ReadonlyArray<readonly [string, string]> = [
  ['Arrests before', 'Arrests in the months before each member’s start date (the period is in the method), counted by arrest date.'],
  ['Arrests after', 'Arrests from the start date (the start day counts as after) to the quarter’s last day, at most the after period; members who left are still followed (intention to treat).'],
  ['Person-months', 'Months of follow-up summed over members; a month the quarter’s end cuts counts as the share of its days that lie before it.'],
  ['Change in the rate (%)', '1 − after rate ÷ before rate: positive is a fall.'],
  ['Est. offences a month', 'The arrest rate × allegations per arrest for the crime type, from the projection scenario the panel was shown: the same estimate the projection makes.'],
  ['Est. offences avoided, before/after', '(before rate − after rate) × person-months after × allegations per arrest. Overstates the effect: it counts the fall that regression to the mean brings anyway.'],
  ['Est. offences avoided, allowing for the comparison', '(the members’ before rate + the comparison group’s change in rate − the members’ after rate) × person-months after × allegations per arrest.'],
  ['Cost avoided (£)', 'Offences avoided × the scenario’s unit cost for the crime type (defaults: Home Office, The economic and social costs of crime, 2018, 2015/16 prices). Negative means more offences than the basis expects. The total adds the costed crime types only.'],
];

export const QUARTERLY_RETURN_CAVEATS: readonly string[] = [
  'Arrests are not convictions or proven offences; estimated offences are arrests × allegations per arrest, an estimate, not a count.',
  'People are selected for IOM at a peak of their offending, so their arrests fall afterwards whether or not IOM works (regression to the mean): the before/after figures overstate the effect; the comparison group’s change is there to take that part out.',
  'The comparison group is matched on what the workspace holds (priority group, age band, arrests by crime type); it cannot allow for anything else that led the panel to choose these members.',
  'Small numbers: with a cohort of a few dozen, a handful of arrests moves every rate; read the interval, not the central figure alone.',
  'Time in custody is not known and is not taken off the months followed, so rates after joining may be low because members were in prison.',
];
