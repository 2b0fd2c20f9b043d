import type { Database } from 'better-sqlite3-multiple-ciphers';
import { arrestDayOf, crimeCodeOf, type ArrestColumns } from '../../shared/domain/analysisModel';
import type { CrimeTypeId } from '../../shared/domain/crimeTypes';

/**
 * Reads every arrest as columns (person id, day number, crime code) for the arrest index.
 *
 * The cost of reading 2,000,000 arrests is not SQLite's (it scans them in well under a second) but
 * handing each row to JavaScript: a row object and two strings per arrest cost about a microsecond
 * each. So SQLite groups them first: one string per page of people, built from the
 * arrests table itself, keyed on (person, date, offence) (migration 011): it holds everything needed
 * and is already in person order. The string is split on the unit separator (U+001F); each distinct date and offence is
 * parsed or classified once, whatever the number of arrests that repeat it.
 *
 * Dates and offences are free text and could themselves hold a U+001F: every page is checked by
 * its number of fields, which any such character would raise, and a page that does not add up is
 * read again one row at a time. The result is the same either way, in every case.
 */

const SEPARATOR = '\x1f';

const PAGE_SQL = `
SELECT COUNT(*), MAX(person_id), SUM(n), group_concat(person_id || char(31) || n || char(31) || entries, char(31))
FROM (
  SELECT person_id, COUNT(*) AS n, group_concat(arrest_date || char(31) || offence, char(31)) AS entries
  FROM arrests WHERE person_id > ? GROUP BY person_id ORDER BY person_id LIMIT ?
)`;

const ROWS_SQL = 'SELECT person_id, arrest_date, offence FROM arrests WHERE person_id > ? AND person_id <= ?';

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

export interface ArrestColumnsRead {
  columns: ArrestColumns;
  /** Each distinct arrest date text read, with its day number (`NO_DAY` when invalid). */
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
  const page = db.prepare(PAGE_SQL).raw();
  const rows = db.prepare(ROWS_SQL).raw();
  const columns = new GrowingColumns(options.expectedArrests);
  const dayOfDate = new Map<string, number>();
  const codeOfOffence = new Map<string, number>();
  const dayOf = (date: string): number => {
    let day = dayOfDate.get(date);
    if (day === undefined) {
      day = arrestDayOf(date);
      dayOfDate.set(date, day);
    }
    return day;
  };
  const codeOf = (offence: string): number => {
    let code = codeOfOffence.get(offence);
    if (code === undefined) {
      code = crimeCodeOf(classify(offence));
      codeOfOffence.set(offence, code);
    }
    return code;
  };

  // -Infinity binds as a REAL below every integer, so no person id is left out.
  for (let afterId = Number.NEGATIVE_INFINITY; ; ) {
    const [people, lastId, arrests, text] = page.get(afterId, options.peoplePerPage) as [number, number | null, number | null, string | null];
    if (people === 0 || lastId === null || arrests === null || text === null) break;
    const fields = text.split(SEPARATOR);
    if (fields.length === 2 * people + 2 * arrests) {
      for (let i = 0; i < fields.length; ) {
        const personId = Number(fields[i]);
        const n = Number(fields[i + 1]);
        i += 2;
        for (let end = i + 2 * n; i < end; i += 2) columns.add(personId, dayOf(fields[i]!), codeOf(fields[i + 1]!));
      }
    } else {
      for (const [personId, date, offence] of rows.iterate(afterId, lastId) as IterableIterator<[number, string, string]>) {
        columns.add(personId, dayOf(date), codeOf(offence));
      }
    }
    if (people < options.peoplePerPage) break;
    afterId = lastId;
    yield columns.count;
  }
  return {
    columns: { count: columns.count, personIds: columns.personIds, days: columns.days, crimeCodes: columns.crimeCodes },
    dayOfDate,
    codeOfOffence,
  };
}
