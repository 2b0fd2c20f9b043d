/**
 * Ethnicity as the fixed high-level groups of the 2021 Census of England and Wales, whatever an
 * agency's list carried: the police "self-defined ethnicity" codes (W1, B2, A1 …), the older
 * officer-defined IC codes, or words. Lists carry free text in this column, and a report or chart
 * must never print a cell as typed (one reading "W1 (aka <name>, <PNC>, <address>)" was printed
 * word for word as a category of one); so a cell only ever becomes one of these labels.
 */

export const ETHNICITY_GROUPS = {
  asian: 'Asian, Asian British or Asian Welsh',
  black: 'Black, Black British, Black Welsh, Caribbean or African',
  mixed: 'Mixed or multiple ethnic groups',
  white: 'White',
  other: 'Other ethnic group',
  notStated: 'Not stated or not recognised',
} as const;
type EthnicityGroupId = keyof typeof ETHNICITY_GROUPS;

/** The order groups are shown in: the census's, then "not stated". */
export const ETHNICITY_GROUP_ORDER: readonly string[] = (['asian', 'black', 'mixed', 'white', 'other', 'notStated'] as const).map((id) => ETHNICITY_GROUPS[id]);

/**
 * The codes agencies use, with the group each belongs to: the 18+1 self-defined ethnicity codes
 * (2011 Census based, as police and probation record them) and the IC codes of the Police National
 * Computer (officer-defined: IC1 White North European … IC6 Arab or North African, IC0/IC9 unknown).
 */
const ETHNICITY_CODES: Readonly<Record<string, EthnicityGroupId>> = {
  W1: 'white', W2: 'white', W3: 'white', W4: 'white', W5: 'white', W9: 'white',
  M1: 'mixed', M2: 'mixed', M3: 'mixed', M9: 'mixed',
  A1: 'asian', A2: 'asian', A3: 'asian', A4: 'asian', A9: 'asian',
  B1: 'black', B2: 'black', B9: 'black',
  O1: 'asian', // Chinese in the older 16+1 list; Chinese is in the Asian group in 2021
  O2: 'other', O9: 'other',
  NS: 'notStated',
  IC1: 'white', IC2: 'white', IC3: 'black', IC4: 'asian', IC5: 'asian', IC6: 'other', IC0: 'notStated', IC9: 'notStated',
};

/** Words, tried in this order (mixed first: "White and Black Caribbean" is Mixed, not White). */
const GROUP_WORDS: ReadonlyArray<[EthnicityGroupId, RegExp]> = [
  ['notStated', /\b(not stated|not known|unknown|refused|prefer not|declined)\b/],
  ['mixed', /\b(mixed|multiple|dual heritage|white and (black|asian))\b/],
  ['black', /\b(black|caribbean|african)\b/],
  ['asian', /\b(asian|indian|pakistani|bangladeshi|chinese|sri lankan|nepali)\b/],
  ['white', /\b(white|british|english|welsh|scottish|irish|gypsy|traveller|roma|european)\b/],
  ['other', /\b(arab|other ethnic|any other)\b/],
];

/** The group of one cell as imported; blank, unknown words and anything else are "not stated". */
export function ethnicityGroupOf(raw: string | null | undefined): string {
  const text = (raw ?? '').trim();
  if (text === '') return ETHNICITY_GROUPS.notStated;
  // A code first, alone or leading the cell ("W1", "W1 - White British", "IC3").
  const code = /^([A-Z]{1,2}\d|NS)(?![A-Z0-9])/i.exec(text)?.[1]?.toUpperCase();
  if (code !== undefined && ETHNICITY_CODES[code] !== undefined) return ETHNICITY_GROUPS[ETHNICITY_CODES[code]];
  const lower = text.toLowerCase();
  for (const [group, words] of GROUP_WORDS) if (words.test(lower)) return ETHNICITY_GROUPS[group];
  return ETHNICITY_GROUPS.notStated;
}
