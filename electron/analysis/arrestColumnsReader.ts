import type { Database } from 'better-sqlite3-multiple-ciphers';
import { arrestDayOf, crimeCodeOf, INVALID_CRIME_CODE, type ArrestColumns } from '../../shared/domain/analysisModel';
import type { CrimeTypeId } from '../../shared/domain/crimeTypes';
import { isoOfYmd } from '../../shared/domain/isoDate';
import { arrestTermTexts } from '../workspace/arrestTerms';
import { arrestsPageGroupedByPerson } from '../data/arrests';

/**
 * Reads every arrest as columns (person id, day number, crime code) for the arrest index.
 *
 * The cost of reading 2,000,000 arrests is not SQLite's (it scans them in well under a second) but
 * handing each row to JavaScript: a row object per arrest costs about a microsecond. So SQLite
 * groups them first: one string of numbers per page of people, built from the arrests table itself,
 * keyed on (person, date, offence) (migrations 011 and 012): it holds everything needed and is
 * already in person order. Each distinct date and offence term is turned into a day or classified
 * once, whatever the number of arrests that repeat it.
 */

/** Columns that grow as arrests are added (the count is only estimated before reading). */
class GrowingColumns {
  count = 0;
  personIds: Float64Array;
  days: Int32Array;
  crimeCodes: Uint8Array;

  constructor(capacity: number) {
    const size = Math.max(16, capacity);
    this.personIds = new Float64Array(size);
    this.days = new Int32Array(size);
    this.crimeCodes = new Uint8Array(size);
  }

  add(personId: number, day: number, code: number): void {
    if (this.count === this.days.length) this.grow();
    const i = this.count++;
    this.personIds[i] = personId;
    this.days[i] = day;
    this.crimeCodes[i] = code;
  }

  private grow(): void {
    const size = this.days.length * 2;
    const personIds = new Float64Array(size);
    personIds.set(this.personIds);
    const days = new Int32Array(size);
    days.set(this.days);
    const crimeCodes = new Uint8Array(size);
    crimeCodes.set(this.crimeCodes);
    this.personIds = personIds;
    this.days = days;
    this.crimeCodes = crimeCodes;
  }
}

interface ArrestColumnsRead {
  columns: ArrestColumns;
  /** Each distinct arrest date read, as ISO text, with its day number. */
  dayOfDate: ReadonlyMap<string, number>;
  /** Each distinct offence text read, with its crime code. */
  codeOfOffence: ReadonlyMap<string, number>;
}

/**
 * A generator so a paced build can stop between pages: it yields the number of arrests read so
 * far after each page and returns the columns. No statement stays open across a yield.
 */
export function* readArrestColumns(
  db: Database,
  classify: (offence: string) => CrimeTypeId,
  options: { peoplePerPage: number; expectedArrests: number },
): Generator<number, ArrestColumnsRead, void> {
  const terms = arrestTermTexts(db);
  const columns = new GrowingColumns(options.expectedArrests);
  const dayOfYmd = new Map<number, number>();
  const codeOfTerm = new Map<number, number>();
  const dayOf = (ymd: number): number => {
    let day = dayOfYmd.get(ymd);
    if (day === undefined) {
      day = arrestDayOf(isoOfYmd(ymd));
      dayOfYmd.set(ymd, day);
    }
    return day;
  };
  const codeOf = (termId: number): number => {
    let code = codeOfTerm.get(termId);
    if (code === undefined) {
      const offence = terms.get(termId);
      code = offence === undefined ? INVALID_CRIME_CODE : crimeCodeOf(classify(offence));
      codeOfTerm.set(termId, code);
    }
    return code;
  };

  // -Infinity binds as a REAL below every integer, so no person id is left out.
  for (let afterId = Number.NEGATIVE_INFINITY; ; ) {
    const [people, lastId, text] = arrestsPageGroupedByPerson(db, afterId, options.peoplePerPage);
    if (people === 0 || lastId === null || text === null) break;
    const fields = text.split(',');
    for (let i = 0; i < fields.length; ) {
      const personId = Number(fields[i]);
      const n = Number(fields[i + 1]);
      i += 2;
      for (let end = i + 2 * n; i < end; i += 2) columns.add(personId, dayOf(Number(fields[i])), codeOf(Number(fields[i + 1])));
    }
    if (people < options.peoplePerPage) break;
    afterId = lastId;
    yield columns.count;
  }
  const dayOfDate = new Map<string, number>();
  for (const [ymd, day] of dayOfYmd) dayOfDate.set(isoOfYmd(ymd), day);
  const codeOfOffence = new Map<string, number>();
  for (const [termId, code] of codeOfTerm) {
    const offence = terms.get(termId);
    if (offence !== undefined) codeOfOffence.set(offence, code);
  }
  return { columns: { count: columns.count, personIds: columns.personIds, days: columns.days, crimeCodes: columns.crimeCodes }, dayOfDate, codeOfOffence };
}
