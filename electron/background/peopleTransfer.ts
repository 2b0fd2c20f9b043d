import type { AnalysisPerson } from '../../shared/domain/analysisModel';
import type { IsoDate } from '../../shared/domain/isoDate';
import type { FlagName } from '../../shared/domain/flags';

/**
 * The analysis model's people as they cross from the background worker to the main thread, in
 * columns rather than as objects. A structured clone of 5,000 people makes some 60,000 objects on
 * the receiving heap (each person's strings and arrays too), and at 100,000 people the garbage
 * collections that follow held the main loop for 150–250 ms at a time. Here a batch is one
 * ArrayBuffer of numbers (moved, not copied) and one JSON text of its distinct strings, so the main
 * thread makes only the people themselves, their own names, and one shared string or list per
 * distinct value (boroughs, dates of birth, flag sets…).
 */
export interface PeopleBatch {
  count: number;
  /** `COLUMNS` Int32 columns of `count` rows, then `count` Float64 OGRS scores (NaN for none). */
  buffer: ArrayBuffer;
  /** JSON of [strings, lists]: each distinct string once; each distinct flag or list set as indices into strings. */
  text: string;
}

const TEXT_COLUMNS = ['surname', 'forenames', 'pnc', 'dob', 'gender', 'ethnicity', 'borough', 'custody', 'cohortStartDate'] as const;
const BOOLEAN_COLUMNS = ['livesInBorough', 'statutory'] as const;
const LIST_COLUMNS = ['flags', 'lists'] as const;
const COLUMNS = ['id', ...TEXT_COLUMNS, ...BOOLEAN_COLUMNS, ...LIST_COLUMNS] as const;
type Column = (typeof COLUMNS)[number];
const AT = Object.fromEntries(COLUMNS.map((c, i) => [c, i])) as Record<Column, number>;
const NONE = -1;

function booleanCode(value: boolean | null): number {
  return value === null ? NONE : value ? 1 : 0;
}

function booleanOf(code: number): boolean | null {
  return code === NONE ? null : code === 1;
}

export function encodePeople(people: readonly AnalysisPerson[]): { batch: PeopleBatch; transfer: ArrayBuffer[] } {
  const count = people.length;
  const buffer = new ArrayBuffer(COLUMNS.length * count * 4 + count * 8);
  const ints = new Int32Array(buffer, 0, COLUMNS.length * count);
  const scores = new Float64Array(buffer, COLUMNS.length * count * 4, count);
  const strings: string[] = [];
  const stringIndex = new Map<string, number>();
  const lists: number[][] = [];
  const listIndex = new Map<string, number>();
  const stringCode = (value: string | null): number => {
    if (value === null) return NONE;
    let code = stringIndex.get(value);
    if (code === undefined) {
      code = strings.push(value) - 1;
      stringIndex.set(value, code);
    }
    return code;
  };
  const listCode = (values: readonly string[]): number => {
    const codes = values.map(stringCode);
    const key = codes.join(',');
    let code = listIndex.get(key);
    if (code === undefined) {
      code = lists.push(codes) - 1;
      listIndex.set(key, code);
    }
    return code;
  };
  people.forEach((p, row) => {
    const set = (column: Column, value: number) => {
      ints[AT[column] * count + row] = value;
    };
    set('id', p.id);
    for (const column of TEXT_COLUMNS) set(column, stringCode(p[column]));
    for (const column of BOOLEAN_COLUMNS) set(column, booleanCode(p[column]));
    for (const column of LIST_COLUMNS) set(column, listCode(p[column]));
    scores[row] = p.ogrsScore ?? Number.NaN;
  });
  return { batch: { count, buffer, text: JSON.stringify([strings, lists]) }, transfer: [buffer] };
}

export function decodePeople(batch: PeopleBatch): AnalysisPerson[] {
  const { count } = batch;
  const ints = new Int32Array(batch.buffer, 0, COLUMNS.length * count);
  const scores = new Float64Array(batch.buffer, COLUMNS.length * count * 4, count);
  const [strings, listCodes] = JSON.parse(batch.text) as [string[], number[][]];
  // One list per distinct set, shared by everyone who has it: frozen, so no caller can change one person's by mistake.
  const lists = listCodes.map((codes) => Object.freeze(codes.map((c) => strings[c]!)) as string[]);
  const column = (name: Column) => ints.subarray(AT[name] * count, (AT[name] + 1) * count);
  const [ids, surnames, forenames, pncs, dobs, genders, ethnicities, boroughs, custodies, cohortStarts, lives, statutories, flagSets, listSets] = COLUMNS.map(column) as Int32Array[];
  const text = (code: number): string | null => (code === NONE ? null : strings[code]!);
  const people = new Array<AnalysisPerson>(count);
  for (let row = 0; row < count; row++) {
    const score = scores[row]!;
    // The same properties in the same order as the loader's, so both make one shape of object.
    people[row] = {
      id: ids![row]!,
      surname: text(surnames![row]!),
      forenames: text(forenames![row]!),
      pnc: text(pncs![row]!),
      dob: text(dobs![row]!) as IsoDate | null,
      gender: text(genders![row]!) as AnalysisPerson['gender'],
      ethnicity: text(ethnicities![row]!),
      borough: text(boroughs![row]!),
      livesInBorough: booleanOf(lives![row]!),
      custody: text(custodies![row]!) as AnalysisPerson['custody'],
      ogrsScore: Number.isNaN(score) ? null : score,
      flags: lists[flagSets![row]!] as FlagName[],
      lists: lists[listSets![row]!]!,
      statutory: booleanOf(statutories![row]!),
      cohortStartDate: text(cohortStarts![row]!) as IsoDate | null,
    };
  }
  return people;
}
