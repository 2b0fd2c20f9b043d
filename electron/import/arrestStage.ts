import type { Database } from 'better-sqlite3-multiple-ciphers';
import { ymdOfIso, type IsoDate } from '../../shared/domain/isoDate';
import { ArrestTermIds } from '../workspace/arrestTerms';
import { lastArrestId, recordLastArrestId } from '../workspace/rowIds';
import { TextCodes } from './textCodes';
import { ARREST_ROWS_PER_STATEMENT as ROWS_PER_STATEMENT, ARREST_VALUES_PER_ROW as VALUES_PER_ROW, importArrestWriters } from '../data/arrests';

/**
 * The arrests of one import, held in typed arrays and written once, at the end, grouped by person
 * and sorted by (date, offence) within each person: the order of the arrests table's key (person,
 * date, offence term). Written in file order, every insert lands somewhere random in that B-tree
 * and each page is split and rewritten again and again; in key order the inserts for a new
 * person append, and the inserts for someone already in the workspace share that person's pages.
 *
 * A repeated arrest (same person, date and offence) is kept once, from its first row in the file,
 * exactly as inserting row by row with INSERT OR IGNORE would keep it; an arrest already in the
 * workspace stays as it was, and only the arrests that were new are counted.
 */
export class ArrestStage {
  private capacity = 4096;
  private count = 0;
  private person = new Int32Array(this.capacity);
  private date = new Int32Array(this.capacity);
  private offence = new Int32Array(this.capacity);
  private borough = new Int32Array(this.capacity);
  private row = new Int32Array(this.capacity);
  private readonly offences = new TextCodes();
  private readonly boroughs = new TextCodes();
  private lastBorough: string | null = null;
  private lastBoroughId = -1;
  /** For {@link addCoded}: the interned offence and borough of each text id of the coded lines. */
  private readonly offenceOfText: number[] = [];
  private readonly boroughOfText: number[] = [];

  get size(): number {
    return this.count;
  }

  add(personId: number, date: IsoDate, offence: string, borough: string | null, rowNumber: number): void {
    if (this.count === this.capacity) this.grow();
    const i = this.count++;
    // Every date the importer gives is ISO; anything else would be stored as a wrong day.
    if (date.length !== 10 || date.charCodeAt(4) !== 45 || date.charCodeAt(7) !== 45) throw new Error('An arrest date must be an ISO date.');
    this.person[i] = personId;
    this.date[i] = ymdOfIso(date);
    this.offence[i] = this.offences.id(offence);
    // Extracts name the same borough row after row: compare with the last before looking it up.
    if (borough !== this.lastBorough) {
      this.lastBoroughId = borough === null ? -1 : this.boroughs.id(borough);
      this.lastBorough = borough;
    }
    this.borough[i] = this.lastBoroughId;
    this.row[i] = rowNumber;
  }

  /**
   * {@link add} for a coded line (see `arrestLines.ts`): the date as its YYYYMMDD integer and the
   * offence and borough by the line coder's text ids, each looked up once per import rather than
   * once per row.
   */
  addCoded(personId: number, ymd: number, offenceText: number, boroughText: number, texts: readonly string[], rowNumber: number): void {
    if (this.count === this.capacity) this.grow();
    const i = this.count++;
    let offence = this.offenceOfText[offenceText];
    if (offence === undefined) {
      offence = this.offences.id(texts[offenceText]!);
      this.offenceOfText[offenceText] = offence;
    }
    let borough = -1;
    if (boroughText >= 0) {
      borough = this.boroughOfText[boroughText] ?? -1;
      if (borough === -1) {
        borough = this.boroughs.id(texts[boroughText]!);
        this.boroughOfText[boroughText] = borough;
      }
    }
    this.person[i] = personId;
    this.date[i] = ymd;
    this.offence[i] = offence;
    this.borough[i] = borough;
    this.row[i] = rowNumber;
  }

  private grow(): void {
    this.capacity *= 2;
    const bigger = (old: Int32Array) => {
      const array = new Int32Array(this.capacity);
      array.set(old);
      return array;
    };
    this.person = bigger(this.person);
    this.date = bigger(this.date);
    this.offence = bigger(this.offence);
    this.borough = bigger(this.borough);
    this.row = bigger(this.row);
  }

  /**
   * Entry numbers grouped by person, people in ascending id, each person's entries in file order:
   * a counting sort when person ids are dense (as the importer gives them), else a sort.
   */
  private byPerson(): Int32Array {
    const n = this.count;
    const person = this.person;
    let min = Infinity;
    let max = -Infinity;
    for (let i = 0; i < n; i++) {
      const p = person[i]!;
      if (p < min) min = p;
      if (p > max) max = p;
    }
    const order = new Int32Array(n);
    if (max - min > 8 * n + 1024) {
      const sorted = Array.from({ length: n }, (_, i) => i).sort((a, b) => person[a]! - person[b]! || a - b);
      order.set(sorted);
      return order;
    }
    const starts = new Int32Array(max - min + 2);
    for (let i = 0; i < n; i++) starts[person[i]! - min + 1]! += 1;
    for (let k = 1; k < starts.length; k++) starts[k]! += starts[k - 1]!;
    for (let i = 0; i < n; i++) order[starts[person[i]! - min]!++] = i;
    return order;
  }

  /**
   * Writes everything staged under `importId` and empties the stage; returns how many arrests were
   * new. Call it inside the import's transaction: it adds the wordings it needs to `arrest_terms`.
   */
  write(db: Database, importId: number): number {
    const n = this.count;
    if (n === 0) return 0;
    const writers = importArrestWriters(db, importId);
    const terms = new ArrestTermIds(db);
    const offenceTerm = Int32Array.from(this.offences.values, (text) => terms.idOf(text));
    const boroughTerm = Int32Array.from(this.boroughs.values, (text) => terms.idOf(text));
    // A table without rowid gives no ids: each row gets the next (one skipped by OR IGNORE is unused).
    let nextId = lastArrestId(db) + 1;
    const params: Array<number | null> = new Array<number | null>(ROWS_PER_STATEMENT * VALUES_PER_ROW);
    let filled = 0;
    let added = 0;
    const put = (i: number) => {
      const at = filled * VALUES_PER_ROW;
      params[at] = this.person[i]!;
      params[at + 1] = this.date[i]!;
      params[at + 2] = offenceTerm[this.offence[i]!]!;
      params[at + 3] = nextId++;
      params[at + 4] = this.borough[i] === -1 ? null : boroughTerm[this.borough[i]!]!;
      params[at + 5] = this.row[i]!;
      filled += 1;
      if (filled === ROWS_PER_STATEMENT) {
        added += writers.insertRows(params);
        filled = 0;
      }
    };

    // The key's order within a person, (date, offence term), ties kept in file order, so the first
    // of a repeated arrest comes first and the repeats after it are skipped.
    const before = (a: number, b: number): boolean => {
      const da = this.date[a]!;
      const db_ = this.date[b]!;
      if (da !== db_) return da < db_;
      return offenceTerm[this.offence[a]!]! < offenceTerm[this.offence[b]!]!;
    };
    const order = this.byPerson();
    const group: number[] = [];
    let start = 0;
    while (start < n) {
      const personId = this.person[order[start]!]!;
      let end = start;
      group.length = 0;
      while (end < n && this.person[order[end]!] === personId) group.push(order[end++]!);
      start = end;
      if (group.length > 32) {
        group.sort((a, b) => (before(a, b) ? -1 : before(b, a) ? 1 : a - b));
      } else {
        // Insertion sort: a person has a handful of arrests, and it keeps file order on ties.
        for (let k = 1; k < group.length; k++) {
          const item = group[k]!;
          let j = k - 1;
          while (j >= 0 && before(item, group[j]!)) {
            group[j + 1] = group[j]!;
            j -= 1;
          }
          group[j + 1] = item;
        }
      }
      let previous = -1;
      for (const i of group) {
        if (previous !== -1 && this.date[i] === this.date[previous] && this.offence[i] === this.offence[previous]) continue;
        put(i);
        previous = i;
      }
    }
    for (let k = 0; k < filled; k++) added += writers.insertRowAt(params, k * VALUES_PER_ROW);
    recordLastArrestId(db, nextId - 1);
    this.count = 0;
    return added;
  }
}
