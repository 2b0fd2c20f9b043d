import { z } from 'zod';
import {
  type AnalysisPerson,
  type ArrestIndex,
  CRIME_TYPE_CODE,
  CRIME_TYPE_COUNT,
  FLAG_BIT,
  flagMaskOf,
  flagsOfMask,
  windowCounts,
} from '../domain/analysisModel';
import { CRIME_TYPE_IDS } from '../domain/crimeTypes';
import { FLAG_NAMES, type FlagName } from '../domain/flags';
import { isIsoDate, ymdOfIso } from '../domain/isoDate';
import { readTypedDate } from '../domain/dateDisplay';

/**
 * The candidate filter: every criterion is optional (an empty list or null means "any"), and all
 * criteria must hold together. Counting criteria use the filter's window; per-person window counts
 * are computed once per (referenceDate, windowMonths) and cached on the index, so re-evaluating a
 * filter over 200,000 people is a single pass over typed arrays.
 */

// Strict at every level: a misspelt key (from a saved preset or a hand-written URL) is refused with
// a message rather than silently dropped, which would quietly widen the filter.
const CountRangeSchema = z.strictObject({
  min: z.number().int().nonnegative().nullable().default(null),
  max: z.number().int().nonnegative().nullable().default(null),
});

export const GENDER_FILTER_VALUES = ['M', 'F', 'X', 'unknown'] as const;
export const CUSTODY_VALUES = ['in_custody', 'not_in_custody', 'unknown'] as const;

/** Flags that the priority-group overlap table combines (004's priority groups). */
export const PRIORITY_OVERLAP_FLAGS: readonly FlagName[] = ['dtoa', 'gangHigh', 'gangMidLow', 'female', 'ogrsMandatory'];

export const FilterSchema = z.strictObject({
  referenceDate: z.string().refine(isIsoDate, { message: 'referenceDate must be YYYY-MM-DD' }),
  windowMonths: z.number().int().positive(),
  flags: z
    .strictObject({
      any: z.array(z.enum(FLAG_NAMES)).default([]),
      all: z.array(z.enum(FLAG_NAMES)).default([]),
      none: z.array(z.enum(FLAG_NAMES)).default([]),
    })
    .default({ any: [], all: [], none: [] }),
  /** Arrests in the window. */
  arrests: CountRangeSchema.default({ min: null, max: null }),
  /** Arrests in the last `months` months before the reference date (seed: "of which in last 10 months"). */
  recentArrests: CountRangeSchema.extend({ months: z.number().int().positive() }).nullable().default(null),
  /** At least one arrest of any of these types in the window. */
  crimeTypes: z.array(z.enum(CRIME_TYPE_IDS)).default([]),
  /** Age in whole years on the reference date; people without a date of birth fail an age filter. */
  age: z
    .strictObject({ min: z.number().int().nonnegative().nullable().default(null), max: z.number().int().nonnegative().nullable().default(null) })
    .default({ min: null, max: null }),
  genders: z.array(z.enum(GENDER_FILTER_VALUES)).default([]),
  /** Boroughs, matched case- and space-insensitively; "unknown" matches people without one. */
  boroughs: z.array(z.string()).default([]),
  custody: z.array(z.enum(CUSTODY_VALUES)).default([]),
  /** On at least one of these lists (import ids or list names). */
  lists: z.array(z.string()).default([]),
  ogrsMin: z.number().nullable().default(null),
  /** Name or PNC contains this text (ignoring case, accents, apostrophes and hyphens; PNC also without punctuation), or a date of birth typed dd/mm/yyyy. */
  text: z.string().default(''),
});
export type Filter = z.infer<typeof FilterSchema>;
export type FilterInput = z.input<typeof FilterSchema>;

export function emptyFilter(referenceDate: string, windowMonths: number): Filter {
  return FilterSchema.parse({ referenceDate, windowMonths });
}

export interface FilterCounts {
  total: number;
  perFlag: Record<FlagName, number>;
  /** Each combination of priority flags held by matching people, most common first. */
  overlaps: Array<{ flags: FlagName[]; count: number }>;
  /** Matching people in none of the overlap flags. */
  inNoPriorityGroup: number;
}

export interface FilterResult {
  personIds: number[];
  counts: FilterCounts;
}

function normaliseBorough(value: string): string {
  return value.toLowerCase().replace(/\s+/g, ' ').trim();
}

function compact(value: string): string {
  return value.toLowerCase().replace(/[^a-z0-9]/g, '');
}

interface SearchText {
  /** Forenames, surname and PNC folded (see foldForSearch), words kept apart. */
  text: string;
  /** The same without spaces, so "vanderberg" finds "Van der Berg". */
  joined: string;
  pnc: string;
  dob: string | null;
}

/**
 * Text as a search compares it: lower case, accents dropped (Zoë → zoe), apostrophes and hyphens
 * removed (O'Brien → obrien, Smith-Jones → smithjones), runs of space made one.
 */
function foldForSearch(value: string): string {
  return value
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/['’‘`´\-‐‑–—]/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}

function searchTextOf(p: AnalysisPerson): SearchText {
  const text = foldForSearch(`${p.forenames ?? ''} ${p.surname ?? ''} ${p.pnc ?? ''}`);
  return { text, joined: text.replace(/ /g, ''), pnc: p.pnc === null ? '' : compact(p.pnc), dob: p.dob };
}

/** Name and PNC text per person, folded once per index and reused by every text filter. */
const searchTextCache = new WeakMap<readonly AnalysisPerson[], SearchText[]>();

function searchTexts(index: ArrestIndex): SearchText[] {
  let texts = searchTextCache.get(index.people);
  if (!texts) {
    texts = index.people.map(searchTextOf);
    searchTextCache.set(index.people, texts);
  }
  return texts;
}

interface TextQuery {
  words: string[];
  /** The query without punctuation, for a PNC typed with or without its slash. */
  compact: string;
  /** The query read as a date typed the UK way (31/10/1990), for a date of birth. */
  dob: string | null;
}

function textQueryOf(raw: string): TextQuery {
  const folded = foldForSearch(raw);
  const typed = /\d/.test(raw) ? readTypedDate(raw) : null;
  return { words: folded.length > 0 ? folded.split(' ') : [], compact: compact(raw), dob: typed?.kind === 'date' ? typed.iso : null };
}

/**
 * Every word of the query in the name or PNC (any order: "john smith" finds "Smith, John"; case,
 * accents, apostrophes and hyphens ignored), or the PNC without punctuation, or the date of birth.
 */
function textMatches(entry: SearchText, query: TextQuery): boolean {
  if (query.dob !== null) return entry.dob === query.dob;
  if (query.compact.length > 0 && entry.pnc.includes(query.compact)) return true;
  for (const word of query.words) if (!entry.text.includes(word) && !entry.joined.includes(word)) return false;
  return true;
}

function inRange(value: number, min: number | null, max: number | null): boolean {
  return (min === null || value >= min) && (max === null || value <= max);
}

/**
 * Evaluates a filter over `people` (all of the index's people, or a subset such as the long
 * list). People missing from the index count as having no arrests.
 */
export function evaluateFilter(
  filterInput: FilterInput,
  people: readonly AnalysisPerson[],
  index: ArrestIndex,
  options: { overlapFlags?: readonly FlagName[] } = {},
): FilterResult {
  const filter = FilterSchema.parse(filterInput);
  const counts = windowCounts(index, { referenceDate: filter.referenceDate, windowMonths: filter.windowMonths });
  const recent = filter.recentArrests
    ? windowCounts(index, { referenceDate: filter.referenceDate, windowMonths: filter.recentArrests.months })
    : null;

  const anyMask = flagMaskOf(filter.flags.any);
  const allMask = flagMaskOf(filter.flags.all);
  const noneMask = flagMaskOf(filter.flags.none);
  const typeCodes = filter.crimeTypes.map((t) => CRIME_TYPE_CODE[t]);
  const checkArrests = filter.arrests.min !== null || filter.arrests.max !== null;
  const checkAge = filter.age.min !== null || filter.age.max !== null;
  const refYmd = ymdOfIso(filter.referenceDate);
  const genders = new Set<string>(filter.genders);
  const boroughs = new Set(filter.boroughs.map(normaliseBorough));
  const custody = new Set<string>(filter.custody);
  const lists = new Set(filter.lists);
  const query = filter.text.trim().length > 0 ? textQueryOf(filter.text) : null;
  const texts = query ? searchTexts(index) : null;

  const overlapFlags = options.overlapFlags ?? PRIORITY_OVERLAP_FLAGS;
  const overlapMask = flagMaskOf(overlapFlags);
  const perFlagBits = new Int32Array(FLAG_NAMES.length);
  const overlapCounts = new Map<number, number>();
  let inNoPriorityGroup = 0;
  const personIds: number[] = [];
  const sameList = people === index.people;

  for (let i = 0; i < people.length; i++) {
    const person = people[i]!;
    const row = sameList ? i : index.rowOf(person.id);
    const mask = row >= 0 ? index.flagMasks[row]! : flagMaskOf(person.flags);

    if (anyMask !== 0 && (mask & anyMask) === 0) continue;
    if ((mask & allMask) !== allMask) continue;
    if ((mask & noneMask) !== 0) continue;

    const arrests = row >= 0 ? counts.total[row]! : 0;
    if (checkArrests && !inRange(arrests, filter.arrests.min, filter.arrests.max)) continue;
    if (recent && filter.recentArrests) {
      const n = row >= 0 ? recent.total[row]! : 0;
      if (!inRange(n, filter.recentArrests.min, filter.recentArrests.max)) continue;
    }
    if (typeCodes.length > 0) {
      if (row < 0) continue;
      const base = row * CRIME_TYPE_COUNT;
      let hasType = false;
      for (const code of typeCodes) {
        if (counts.byType[base + code]! > 0) {
          hasType = true;
          break;
        }
      }
      if (!hasType) continue;
    }
    if (checkAge) {
      const dob = row >= 0 ? index.dobYmd[row]! : person.dob ? ymdOfIso(person.dob) : -1;
      if (dob < 0) continue;
      // Whole years between yyyymmdd numbers: the month-day part decides whether the birthday has passed.
      const age = Math.floor((refYmd - dob) / 10000);
      if (!inRange(age, filter.age.min, filter.age.max)) continue;
    }
    if (genders.size > 0 && !genders.has(person.gender ?? 'unknown')) continue;
    if (boroughs.size > 0 && !boroughs.has(person.borough ? normaliseBorough(person.borough) : 'unknown')) continue;
    if (custody.size > 0 && !custody.has(person.custody)) continue;
    if (lists.size > 0 && !person.lists.some((l) => lists.has(l))) continue;
    if (filter.ogrsMin !== null && (person.ogrsScore === null || person.ogrsScore < filter.ogrsMin)) continue;
    if (texts && query && !textMatches(row >= 0 ? texts[row]! : searchTextOf(person), query)) continue;

    personIds.push(person.id);
    for (let b = 0; b < FLAG_NAMES.length; b++) if ((mask & (1 << b)) !== 0) perFlagBits[b]!++;
    const overlap = mask & overlapMask;
    if (overlap === 0) inNoPriorityGroup++;
    else overlapCounts.set(overlap, (overlapCounts.get(overlap) ?? 0) + 1);
  }

  const perFlag = Object.fromEntries(FLAG_NAMES.map((f) => [f, perFlagBits[Math.log2(FLAG_BIT[f])]!])) as Record<
    FlagName,
    number
  >;
  const overlaps = [...overlapCounts.entries()]
    .map(([mask, count]) => ({ mask, flags: flagsOfMask(mask), count }))
    .sort((a, b) => b.count - a.count || a.flags.length - b.flags.length || a.mask - b.mask)
    .map(({ flags, count }) => ({ flags, count }));

  return { personIds, counts: { total: personIds.length, perFlag, overlaps, inNoPriorityGroup } };
}
