import type { CanonicalField } from '../import/headerRecognition';
import { expandTwoDigitYear } from '../domain/pnc';
import { parseDateText, splitFullName } from '../import/valueParsing';

/**
 * Which leftover import rows name a person being purged. Rows an import set aside (rejected,
 * unmatched, queued for review) are not tied to the person by a key, yet they can hold the very
 * name and PNC a data subject asked to have erased, so they are found by what they say.
 *
 * A row belongs to a purged person when a PNC in any of its cells has the person's year and serial
 * (whatever its check letter: a mistyped letter is still their number), or when its surname and
 * first forename are the person's and its date of birth, if it has a readable one, is theirs too.
 */

export interface PurgeIdentity {
  pnc: string | null;
  surname: string | null;
  forenames: string | null;
  dob: string | null;
}

export interface MappedColumn {
  column: number;
  field: CanonicalField | null;
}

const PNC_TOKEN = /(?<![\d/])(\d{4}|\d{2})\s*\/\s*(\d{1,7})\s*[A-Za-z](?![A-Za-z])/g;

/** Year and serial of a PNC, the part a check letter only confirms: "2011/1234". */
function pncNumber(yearText: string, serialText: string, thisYear?: number): string {
  const year = yearText.length === 2 ? expandTwoDigitYear(Number(yearText), thisYear === undefined ? {} : { thisYear }) : Number(yearText);
  return `${year}/${Number(serialText)}`;
}

export function pncNumbersIn(text: string, thisYear?: number): string[] {
  const found: string[] = [];
  for (const m of text.matchAll(PNC_TOKEN)) found.push(pncNumber(m[1]!, m[2]!, thisYear));
  return found;
}

function normaliseName(name: string | null): string {
  return (name ?? '')
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\s'-]/gu, ' ')
    .replace(/['-]/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}

function nameKey(surname: string | null, forenames: string | null): string | null {
  const s = normaliseName(surname);
  const first = normaliseName(forenames).split(' ')[0] ?? '';
  return s && first ? `${s}|${first}` : null;
}

export class PurgeTargets {
  private readonly pncs = new Set<string>();
  /** Name key to the dates of birth of the purged people with that name (null: not known). */
  private readonly names = new Map<string, Array<string | null>>();

  constructor(people: readonly PurgeIdentity[], private readonly thisYear?: number) {
    for (const person of people) {
      if (person.pnc) for (const n of pncNumbersIn(person.pnc, thisYear)) this.pncs.add(n);
      const key = nameKey(person.surname, person.forenames);
      if (key) this.names.set(key, [...(this.names.get(key) ?? []), person.dob]);
    }
  }

  get empty(): boolean {
    return this.pncs.size === 0 && this.names.size === 0;
  }

  /** An identity already read from a row (a queued link review's record). */
  matchesIdentity(identity: PurgeIdentity): boolean {
    if (identity.pnc && pncNumbersIn(identity.pnc, this.thisYear).some((n) => this.pncs.has(n))) return true;
    const key = nameKey(identity.surname, identity.forenames);
    const dobs = key ? this.names.get(key) : undefined;
    if (!dobs) return false;
    return identity.dob === null || dobs.some((dob) => dob === null || dob === identity.dob);
  }

  /** A raw spreadsheet row as an import kept it (cell texts), read through that import's column mapping. */
  matchesRawRow(cells: readonly string[], mapping: readonly MappedColumn[]): boolean {
    if (this.pncs.size && cells.some((cell) => cell && pncNumbersIn(cell, this.thisYear).some((n) => this.pncs.has(n)))) return true;
    if (!this.names.size) return false;
    const column = (field: CanonicalField): string | null => {
      const mapped = mapping.find((m) => m.field === field);
      const text = mapped ? (cells[mapped.column] ?? '').trim() : '';
      return text === '' ? null : text;
    };
    let surname = column('surname');
    let forenames = column('firstNames');
    const full = column('fullName');
    if (!surname && full) ({ surname, forenames } = splitFullName(full));
    const dobText = column('dob');
    const dob = dobText ? parseDateText(dobText, this.thisYear === undefined ? {} : { thisYear: this.thisYear }) : null;
    return this.matchesIdentity({ pnc: null, surname, forenames, dob: dob && dob.ok ? dob.value : null });
  }
}
