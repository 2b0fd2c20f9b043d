import { CRIME_TYPE_IDS, CRIME_TYPE_LABELS, type CrimeTypeId } from '../domain/crimeTypes';

/**
 * The default gravity (harm) per arrest of each crime type in the RFG ranking score, from a
 * published harm index: the ONS Crime Severity Score. Each offence's weight is the average severity
 * of the sentences its offenders receive, in days of custody (a fine or community sentence counted
 * as its custody equivalent), so a weight means "this much harm" on one scale for every offence.
 *
 * Only weights that could be read from a copy of the published list are used, each with the Home
 * Office offence code it belongs to. The app's crime types are broader than the offence codes, so
 * each type takes the code that stands for what the seed counted under it (004: residential
 * burglary, personal robbery, theft from the person, violence with injury); the others are named
 * below. A type for which no weight could be read keeps a stated stand-in and says so.
 *
 * Copy B groups weights by police.uk category without codes; which codes make up a category (e.g.
 * "Theft from the person" is code 39 alone, "Robbery" is 34A and 34B) is the Home Office's mapping
 * of offence codes to those categories, applied here from knowledge, not read from a stored copy.
 * A weight is tied to a code only where that mapping leaves no doubt (a one-code category, or all
 * of a category's candidates weighing the same).
 */

export const HARM_INDEX_SOURCE = {
  name: 'ONS Crime Severity Score',
  edition: 'experimental statistics, the offence weights as first published',
  citation:
    'Office for National Statistics, "Research outputs: Developing a Crime Severity Score for England and Wales using data on crimes recorded by the police", 29 November 2016',
  short: 'ONS Crime Severity Score weights (29 Nov 2016)',
  /**
   * Where the numbers were read: not the ONS workbook itself (not reachable offline) but copies of
   * it that agree with each other to the last digit where they overlap (homicide 7,979; ABH 127).
   */
  readFrom: [
    'A: a public transcription of the weights by Home Office offence code (pastebin.com/p3SfA3L3), section "Victim based crime - violence"',
    'B: the same weights grouped by police.uk crime category in a public script that cites the ONS Crime Severity Score data tool',
    'C: i news on the launch (inews.co.uk/news/uk/crime-rates-show-severity-well-number-new-scheme-34128): "murder worth 7,979 points … three points per offence for cannabis possession"',
  ],
} as const;

interface HarmWeightRow {
  crimeType: CrimeTypeId;
  /** The published weight; null when none could be read for this type. */
  published: number | null;
  /** Home Office offence code(s) the weight belongs to; null when the copy read gives none. */
  offenceCode: string | null;
  offence: string;
  /** Which copy it was read from and how it was tied to the code. */
  readAs: string;
}

/** Stand-in for a type with no weight read: shoplifting's, the lowest acquisitive weight read. */
export const UNPUBLISHED_TYPE_STAND_IN = 13;

export const HARM_WEIGHT_TABLE: readonly HarmWeightRow[] = [
  {
    crimeType: 'residential_burglary',
    published: 438,
    offenceCode: '28A–28H',
    offence: 'Burglary in a dwelling / residential burglary, attempts and distraction burglary included',
    readAs: 'B: the burglary category weighs eight offences 438, four 117 and two pairs (aggravated) 2,127 and 1,513; the eight dwelling codes 28A–28H are taken to be the eight at 438 (B names no codes)',
  },
  {
    crimeType: 'non_residential_burglary',
    published: 117,
    offenceCode: '30A–30D',
    offence: 'Burglary in a building other than a dwelling, attempts included',
    readAs: 'B: the four non-dwelling codes 30A–30D are taken to be the four at 117 (B names no codes)',
  },
  {
    crimeType: 'robbery',
    published: 746,
    offenceCode: '34B',
    offence: 'Robbery of personal property',
    readAs: 'B: the robbery category, codes 34A (business) and 34B (personal), has two offences, both 746',
  },
  {
    crimeType: 'business_robbery',
    published: 746,
    offenceCode: '34A',
    offence: 'Robbery of business property',
    readAs: 'B: the robbery category, codes 34A (business) and 34B (personal), has two offences, both 746',
  },
  {
    crimeType: 'theft_from_person',
    published: 86,
    offenceCode: '39',
    offence: 'Theft from the person',
    readAs: 'B: the category is the one code 39, weight 86',
  },
  {
    crimeType: 'shoplifting',
    published: 13,
    offenceCode: '46',
    offence: 'Shoplifting',
    readAs: 'B: the category is the one code 46, weight 13',
  },
  {
    crimeType: 'violence',
    published: 184,
    offenceCode: '8N',
    offence: 'Assault with injury (violence with injury; 8G "actual bodily harm and other injury", its pre-2012 code, weighs 127)',
    readAs: 'A: "8N Assault with injury 184"',
  },
  {
    crimeType: 'drugs',
    published: 3,
    offenceCode: null,
    offence: 'Possession of cannabis, the drug offence the source names (supply weighs far more, but its code could not be tied to a weight)',
    readAs: 'C: "three points per offence for cannabis possession"; the copy gives no offence code',
  },
  {
    crimeType: 'vehicle_crime',
    published: null,
    offenceCode: null,
    offence: 'Theft of or from a vehicle',
    readAs: 'B lists eight vehicle offences (7, 19, 8, 722, 48, 34, 124, 12) without codes; only 722 is identified (A: 37.1 causing death by aggravated vehicle taking), so no theft of/from vehicle weight could be read',
  },
  {
    crimeType: 'criminal_damage',
    published: null,
    offenceCode: null,
    offence: 'Criminal damage and arson',
    readAs: 'B lists twelve damage offences without codes; none could be tied to a code',
  },
  {
    crimeType: 'other',
    published: null,
    offenceCode: null,
    offence: 'Everything else',
    readAs: 'no single offence stands for it',
  },
];

const ROW_OF: ReadonlyMap<CrimeTypeId, HarmWeightRow> = new Map(HARM_WEIGHT_TABLE.map((row) => [row.crimeType, row]));

export function harmWeightRow(crimeType: CrimeTypeId): HarmWeightRow {
  const row = ROW_OF.get(crimeType);
  if (!row) throw new Error(`no harm weight row for ${crimeType}`);
  return row;
}

/** The default gravity per arrest of each crime type: the published weight, else the stand-in. */
export const DEFAULT_GRAVITY_BY_CRIME_TYPE: Readonly<Record<CrimeTypeId, number>> = Object.fromEntries(
  CRIME_TYPE_IDS.map((id) => [id, harmWeightRow(id).published ?? UNPUBLISHED_TYPE_STAND_IN]),
) as Record<CrimeTypeId, number>;

/** Where one type's gravity comes from, in a few words, for the form beside its field. */
export function gravitySourceNote(crimeType: CrimeTypeId, value: number): string {
  const row = harmWeightRow(crimeType);
  if (row.published === null) {
    return value === UNPUBLISHED_TYPE_STAND_IN
      ? `no published weight read: stand-in ${UNPUBLISHED_TYPE_STAND_IN} (shoplifting's)`
      : `edited (no published weight read)`;
  }
  const code = row.offenceCode === null ? `${row.offence.split(',')[0]!.toLowerCase()} (no code given)` : `code ${row.offenceCode}`;
  return value === row.published ? `CSS ${code}` : `edited (CSS ${code}: ${row.published})`;
}

/**
 * The source of a ranking's gravity weights, for the score's working: the index named, each type's
 * weight with its offence code, and any the analyst changed.
 */
export function gravityWeightsSource(edited: Partial<Record<CrimeTypeId, number>> | undefined): string {
  const parts = CRIME_TYPE_IDS.map((id) => {
    const row = harmWeightRow(id);
    const value = edited?.[id] ?? DEFAULT_GRAVITY_BY_CRIME_TYPE[id];
    const label = CRIME_TYPE_LABELS[id].toLowerCase();
    if (value !== DEFAULT_GRAVITY_BY_CRIME_TYPE[id]) return `${label} ${value} (edited)`;
    if (row.published === null) return `${label} ${value} (no published weight; stand-in)`;
    return `${label} ${value}${row.offenceCode === null ? '' : ` (${row.offenceCode})`}`;
  });
  return `source: ${HARM_INDEX_SOURCE.short}; ${parts.join(', ')}`;
}
