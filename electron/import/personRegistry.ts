import type { Database } from 'better-sqlite3-multiple-ciphers';
import { ymdOfIso, type IsoDate } from '../../shared/domain/isoDate';
import { pncCode } from '../../shared/domain/pnc';
import { isPlaceholderYmd } from '../../shared/import/placeholderDates';
import { PairMemo } from '../../shared/domain/pairMemo';
import {
  classifyLink,
  differentSurnamesBound,
  dobWeightOfYmds,
  forenamesWeight,
  linkNames,
  prepareLinkRecord,
  scorePair,
  soundex,
  surnamesMayBeVariants,
  UPPER_BOUND_WEIGHTS,
  type LinkRecord,
  type LinkThresholds,
  DEFAULT_LINK_THRESHOLDS,
  type PairScore,
  type PreparedLinkRecord,
} from '../../shared/links/recordLinkage';
import { Blocks, KEY_DOB, KEY_EXACT, KEY_SOUNDEX_INITIAL, KEY_SOUNDEX_YEAR, KeyTable } from './blockingKeys';
import { grown } from './grownArray';
import { everyPersonIdentity } from '../data/people';
import { detach, TextCodes } from './textCodes';

interface KnownPerson extends LinkRecord {
  id: number;
}

export type PersonMatch =
  | { kind: 'pnc'; personId: number }
  /** The PNC is this person's, but surname and date of birth both disagree: a probable keying slip. */
  | { kind: 'pncConflict'; personId: number; score: PairScore }
  | { kind: 'auto'; personId: number; score: PairScore }
  | { kind: 'review'; personId: number; score: PairScore }
  | { kind: 'none' };

/**
 * The automatic link of a row to the one person holding its very surname, forenames and date of
 * birth, with the score worked out when first read: the importer reads only whom such a row links
 * to, and this is the usual PNC-less row of someone already known. Both records are copied as
 * they stand, so the score is the one they give now even if the person gains a PNC later.
 */
function identicalMatch(personId: number, record: LinkRecord, person: LinkRecord): PersonMatch {
  const query: LinkRecord = { pnc: record.pnc, surname: record.surname, forenames: record.forenames, dob: record.dob };
  const held: LinkRecord = { pnc: person.pnc, surname: person.surname, forenames: person.forenames, dob: person.dob };
  let score: PairScore | null = null;
  const match = { kind: 'auto', personId } as { kind: 'auto'; personId: number; score: PairScore };
  Object.defineProperty(match, 'score', { enumerable: true, get: () => (score ??= scorePair(query, held)) });
  return match;
}

/**
 * People under one blocking key beyond which the key is too common to compare everyone under it
 * (a placeholder-like date of birth, one surname shared by a fifth of an extract): the block stops
 * growing and is no longer searched, so no input makes linking quadratic. The exact key (same
 * surname, first forename and date of birth) still finds a person whose other keys are too
 * common, unless it is itself that common; every saturated key is counted in
 * the import report.
 */
export const BLOCK_LIMIT = 200;

/**
 * Whether `scorePair(query, a)` and `scorePair(query, b)` are the same score with the same
 * explanations: the same surname, forenames and date-of-birth texts, and the same PNC text unless
 * the query has none (a PNC missing on one side is no evidence, whatever the other holds).
 */
function scoreAlike(query: LinkRecord, a: LinkRecord, b: LinkRecord): boolean {
  return a.surname === b.surname && a.forenames === b.forenames && a.dob === b.dob && (!query.pnc || a.pnc === b.pnc);
}

/** What `prepareLinkRecord` makes of a date-of-birth text: the linkable date and the one with day and month swapped. */
function dobOfText(text: string): { dob: IsoDate | null; swappedDob: IsoDate | null } {
  const prepared = prepareLinkRecord({ dob: text });
  return { dob: prepared.dob, swappedDob: prepared.swappedDob };
}

/** A text as part of a key: length-prefixed, so no two lists of texts make one key; a missing one `-`. */
function textKey(text: string | null | undefined): string {
  return text == null ? '-' : `${text.length}:${text}`;
}

/**
 * Non-negative integer keys to non-negative integer values in two typed arrays (open addressing):
 * the PNC index an extract asks a million times. A lookup reads one slot's key and value side by
 * side, where a Map follows a bucket to an entry elsewhere in memory.
 */
class IntIndex {
  private keys = new Int32Array(1024).fill(-1);
  private values = new Int32Array(1024);
  private count = 0;

  get(key: number): number | undefined {
    const keys = this.keys;
    const mask = keys.length - 1;
    let slot = Math.imul(key, 0x9e3779b1) & mask;
    for (;;) {
      const found = keys[slot]!;
      if (found === key) return this.values[slot];
      if (found === -1) return undefined;
      slot = (slot + 1) & mask;
    }
  }

  set(key: number, value: number): void {
    const keys = this.keys;
    const mask = keys.length - 1;
    let slot = Math.imul(key, 0x9e3779b1) & mask;
    for (;;) {
      const found = keys[slot]!;
      if (found === key) {
        this.values[slot] = value;
        return;
      }
      if (found === -1) break;
      slot = (slot + 1) & mask;
    }
    keys[slot] = key;
    this.values[slot] = value;
    this.count += 1;
    if (this.count * 2 > keys.length) this.grow();
  }

  private grow(): void {
    const oldKeys = this.keys;
    const oldValues = this.values;
    this.keys = new Int32Array(oldKeys.length * 2).fill(-1);
    this.values = new Int32Array(oldKeys.length * 2);
    this.count = 0;
    for (let slot = 0; slot < oldKeys.length; slot++) if (oldKeys[slot] !== -1) this.set(oldKeys[slot]!, oldValues[slot]!);
  }
}

/** Index into the registry by person id: in an {@link IntIndex} while ids fit one, as a workspace's always do. */
class PersonIndexById {
  private readonly small = new IntIndex();
  private readonly large = new Map<number, number>();

  get(id: number): number | undefined {
    return id >= 0 && id <= 0x7fffffff ? this.small.get(id) : this.large.get(id);
  }

  set(id: number, index: number): void {
    if (id >= 0 && id <= 0x7fffffff) this.small.set(id, index);
    else this.large.set(id, index);
  }
}

/**
 * What the registry's bound reads of a record, as integer codes; -1 for a missing value. `forename`
 * is the first forename only when longer than an initial, the only case the transposition test
 * looks at it; `surname` codes the normalised surname, `compact` the same without spaces, coded
 * with the forenames so that a surname equal to a first forename gets the same code; `forenames`
 * codes all the normalised forenames, `ymd` is the linkable date of birth as YYYYMMDD.
 */
interface BoundCodes {
  pnc: number;
  ymd: number;
  surname: number;
  compact: number;
  forename: number;
  forenames: number;
}

/** What a name gives the blocking keys (see `PersonRegistry.nameKeys`): Soundex codes by number, the initial's char code or -1. */
interface NameKeys {
  soundexes: number[];
  initial: number;
}

/** Bit per identity field, for what a person's record still lacks. */
const MISSING_PNC = 1;
export const MISSING_SURNAME = 2;
export const MISSING_FORENAMES = 4;
export const MISSING_DOB = 8;

function missingMask(person: LinkRecord): number {
  return (person.pnc ? 0 : MISSING_PNC) | (person.surname ? 0 : MISSING_SURNAME) | (person.forenames ? 0 : MISSING_FORENAMES) | (person.dob ? 0 : MISSING_DOB);
}

/** Entries in the surname-variant memo, and in the forenames-weight memo, before it is emptied, to bound its memory. */
const MAX_VARIANT_ENTRIES = 500_000;
/**
 * Slack below the review threshold within which a pair is scored anyway: the bound adds the same
 * weights as `scorePair` but in another order, and a pair exactly at the threshold must not be
 * lost to the last bit of a floating-point sum.
 */
const BOUND_SLACK = 1e-9;
/** Distinct name and date-of-birth texts the registry shares between people (see `PersonRegistry.hold`). */
const MAX_HELD_TEXTS = 200_000;
/** Entries in the name and date-of-birth memos together before they are emptied. */
const MAX_MEMO_ENTRIES = 500_000;

/**
 * The workspace's people held in memory for one import, so each row links in constant time by PNC
 * and through blocking keys by name and date of birth. People the import creates are added as it
 * goes, so the 40 rows of one person in an arrests extract become one person.
 *
 * Built for a million-row extract as much as for a 20-row list: a row whose valid PNC nobody holds
 * yet is compared only with people without a valid PNC, since two different valid PNCs are two
 * people (the possible duplicate PNC records report lists look-alikes instead); a pair is scored
 * in full only when the score its codes give reaches review (see {@link mayReachReview}), and
 * candidates with the very same texts once per query; and a block of more than
 * {@link BLOCK_LIMIT} people is not searched (see there). A placeholder date of birth is no
 * blocking key at all (shared/import/placeholderDates.ts).
 *
 * The score and the blocking keys are worked out from integer codes kept per person in plain
 * arrays (PNC, date of birth, names; see {@link BoundCodes}) rather than from each person's
 * objects and strings: a new person in a million-row extract is checked against everyone born the
 * same day or sharing a surname's sound, and reading a few adjacent numbers per candidate costs far
 * less than following pointers to objects spread over the heap and normalising their names again.
 * Each field's weight is the one `scorePair` gives (`dobWeightOfYmds`, `forenamesWeight`, the
 * surname variant test), so the pairs left out are exactly those that could not reach review.
 */
export class PersonRegistry {
  /** Index into `people` by valid canonical PNC, as {@link pncCode}. */
  private readonly byPncCode = new IntIndex();
  /** Index into `people` by a stored PNC text that is not a valid canonical PNC. */
  private readonly byPnc = new Map<string, number>();
  private readonly people: KnownPerson[] = [];
  private readonly indexById = new PersonIndexById();
  /** Every blocking key seen, by number (see blockingKeys.ts). */
  private readonly keyTable = new KeyTable();
  /** People without a valid PNC, under every blocking key. */
  private readonly withoutPnc = new Blocks(BLOCK_LIMIT);
  /** Everyone under every blocking key; built the first time a row without a valid PNC needs it. */
  private allBlocks: Blocks | null = null;
  /** The keys of the person or query in hand, reused so that working them out allocates nothing. */
  private readonly keyBuffer: number[] = [];
  /** Per person, the query that last looked at them, so a person in two blocks is scored once. */
  private readonly visited: number[] = [];
  private query = 0;
  /** Blocking keys that reached {@link BLOCK_LIMIT}. */
  private readonly saturated = new Set<number>();
  private lastQuery: PreparedLinkRecord | null = null;
  /** The codes of {@link lastQuery}, which the person created for it is stored with. */
  private lastCodes: BoundCodes | null = null;
  /**
   * What the codes and the preparation make of each surname, forenames and date-of-birth text
   * seen: an extract repeats a few thousand of each across a hundred thousand people, and rows
   * coded by the importer hand over the very same string each time.
   */
  private readonly surnameMemo = new Map<string, { surname: number; compact: number }>();
  private readonly forenameMemo = new Map<string, { first: number; all: number }>();
  private readonly dobMemo = new Map<string, { dob: IsoDate | null; swappedDob: IsoDate | null }>();
  private memoEntries = 0;
  /** See {@link hold}. */
  private readonly heldTexts = new Map<string, string>();
  /** Per person (same index as `people`): id, what the record lacks, and the codes of the bound. */
  private readonly ids: number[] = [];
  private readonly missing: number[] = [];
  private readonly pncCodes: number[] = [];
  /** The linkable date of birth as YYYYMMDD, -1 for none or a placeholder. */
  private readonly dobYmds: number[] = [];
  private readonly surnameCodes: number[] = [];
  private readonly compactCodes: number[] = [];
  private readonly forenameCodes: number[] = [];
  private readonly forenamesCodes: number[] = [];
  /** Normalised forenames, all of them, as codes. */
  private readonly forenamesTexts = new TextCodes();
  /** By forenames code: the first text seen with it, what `forenamesWeight` is given (the verdict depends only on the normalised text). */
  private readonly forenamesSamples: string[] = [];
  private readonly nameTexts = new TextCodes();
  private readonly surnameTexts = new TextCodes();
  /**
   * By surname code: the compacted surname and its parts, for the variant test, and for the
   * blocking keys the Soundex codes of the parts and the first letter.
   */
  private readonly surnameParts: Array<{ compactSurname: string; surnameTokens: string[] } & NameKeys> = [];
  /** By forenames code: for the blocking keys, the Soundex codes of the forenames and the initial. */
  private readonly forenamesParts: NameKeys[] = [];
  /** Soundex of each name part seen, by number in {@link soundexTexts} ('' for none). */
  private readonly soundexMemo = new Map<string, number>();
  private readonly soundexTexts = new TextCodes();
  /** Whether two surnames (by code, query's first) may be variants, worked out once per pair. */
  private readonly variants = new PairMemo<number, number, boolean>((query, stored) => surnamesMayBeVariants(this.surnameParts[query]!, this.surnameParts[stored]!), MAX_VARIANT_ENTRIES);
  /** The forenames' weight of a pair (by code, query's first), worked out once per pair. */
  private readonly forenamesWeights = new PairMemo<number, number, number>((query, stored) => forenamesWeight(this.forenamesSamples[query]!, this.forenamesSamples[stored]!), MAX_VARIANT_ENTRIES);
  /** The index of the person the last PNC match found, or -1. */
  private lastHit = -1;
  /** The best candidate of the query in progress. */
  private best: { person: KnownPerson; score: PairScore } | null = null;
  /** The scores of the query {@link scoresQuery} by the texts they read (see {@link scoreOf}). */
  private readonly scores = new Map<string, PairScore>();
  private scoresQuery = -1;
  /** The candidate the query in progress scored last. */
  private lastScored: { person: KnownPerson; score: PairScore } | null = null;

  /**
   * The date-of-birth weight below which a pair cannot reach review whatever its names: no
   * candidate a block brings shares the query's valid PNC (whoever holds it is found by PNC before
   * any block is searched), so the PNC adds nothing or takes away. A hair below the exact figure,
   * so that rounding never passes over a pair {@link mayReachReview} would keep.
   */
  private readonly dobFloor: number;

  constructor(private readonly thresholds: LinkThresholds = DEFAULT_LINK_THRESHOLDS) {
    this.dobFloor = thresholds.review - BOUND_SLACK - UPPER_BOUND_WEIGHTS.prior - UPPER_BOUND_WEIGHTS.namesBest - BOUND_SLACK;
  }

  /** How many blocking keys were too common to search (see {@link BLOCK_LIMIT}). */
  get saturatedKeys(): number {
    return this.saturated.size;
  }

  static load(db: Database, thresholds?: LinkThresholds): PersonRegistry {
    const registry = new PersonRegistry(thresholds);
    for (const row of everyPersonIdentity(db)) registry.add(row);
    return registry;
  }

  get size(): number {
    return this.people.length;
  }

  add(person: KnownPerson): void {
    // Always the same shape, so the hot paths reading these objects stay monomorphic; strings
    // detached from the file chunk they were cut from, which would otherwise stay in memory as
    // long as the registry does.
    const index = this.people.push({ id: person.id, pnc: detach(person.pnc), surname: this.hold(person.surname), forenames: this.hold(person.forenames), dob: this.hold(person.dob) }) - 1;
    this.indexById.set(person.id, index);
    this.visited.push(0);
    // The importer adds the person the row it just matched describes: reuse its codes. What the
    // preparation gives is held as codes alone, not kept per person.
    const last = this.lastQuery;
    const same = last !== null && last.record.pnc === person.pnc && last.record.surname === person.surname && last.record.forenames === person.forenames && last.record.dob === person.dob;
    const stored = this.people[index]!;
    const prepared = same ? last : this.prepareRecord(stored);
    const codes = (same ? this.lastCodes : null) ?? this.codesOf(prepared);
    this.ids.push(person.id);
    this.missing.push(0);
    this.pncCodes.push(-1);
    this.dobYmds.push(-1);
    this.surnameCodes.push(-1);
    this.compactCodes.push(-1);
    this.forenameCodes.push(-1);
    this.forenamesCodes.push(-1);
    this.storeCodes(index, codes);
    this.fileKeys(index, prepared.pnc, false);
  }

  /**
   * One detached copy of a name or date-of-birth text for everyone who holds it: an extract repeats
   * a few thousand of each over a hundred thousand people, each of whom would otherwise keep a copy
   * of their own. Past {@link MAX_HELD_TEXTS} distinct texts (an extract of unique names), texts are
   * copied without being remembered.
   */
  private hold(text: string | null | undefined): string | null {
    if (text == null) return null;
    const held = this.heldTexts.get(text);
    if (held !== undefined) return held;
    const fresh = detach(text)!;
    if (this.heldTexts.size < MAX_HELD_TEXTS) this.heldTexts.set(fresh, fresh);
    return fresh;
  }

  /** `prepareLinkRecord(record)`, with the date of birth's part remembered per text. */
  private prepareRecord(record: LinkRecord): PreparedLinkRecord {
    // A valid canonical PNC is its own canonical form; anything else as prepareLinkRecord reads it.
    const pnc = record.pnc ? (pncCode(record.pnc) >= 0 ? record.pnc : prepareLinkRecord({ pnc: record.pnc }).pnc) : null;
    if (!record.dob) return { record, pnc, dob: null, swappedDob: null };
    const dob = this.memoised(this.dobMemo, record.dob, dobOfText);
    return { record, pnc, dob: dob.dob, swappedDob: dob.swappedDob };
  }

  private remember<V>(memo: Map<string, V>, key: string, value: V): void {
    if (this.memoEntries >= MAX_MEMO_ENTRIES) {
      this.surnameMemo.clear();
      this.forenameMemo.clear();
      this.dobMemo.clear();
      this.memoEntries = 0;
    }
    memo.set(detach(key)!, value);
    this.memoEntries += 1;
  }

  /** The codes of a prepared record (see {@link BoundCodes}). */
  private codesOf(prepared: PreparedLinkRecord): BoundCodes {
    const record = prepared.record;
    const surname = record.surname ? this.memoised(this.surnameMemo, record.surname, this.surnameCodesOf) : null;
    const given = record.forenames ? this.memoised(this.forenameMemo, record.forenames, this.forenameCodesOf) : null;
    const dob = prepared.dob;
    return {
      pnc: prepared.pnc ? pncCode(prepared.pnc) : -1,
      ymd: dob ? ymdOfIso(dob) : -1,
      surname: surname?.surname ?? -1,
      compact: surname?.compact ?? -1,
      forename: given?.first ?? -1,
      forenames: given?.all ?? -1,
    };
  }

  /** The memo's value for `text`, made by `make` and remembered the first time it is asked for. */
  private memoised<V>(memo: Map<string, V>, text: string, make: (text: string) => V): V {
    let value = memo.get(text);
    if (value === undefined) {
      value = make(text);
      this.remember(memo, text, value);
    }
    return value;
  }

  /** A surname text's codes, with its parts and blocking keys kept by code the first time the normalised surname is seen. */
  private readonly surnameCodesOf = (text: string): { surname: number; compact: number } => {
    const names = linkNames({ surname: text });
    if (names.compactSurname === '') return { surname: -1, compact: -1 };
    const surname = this.surnameTexts.id(names.normalisedSurname);
    if (surname === this.surnameParts.length) this.surnameParts.push({ compactSurname: names.compactSurname, surnameTokens: names.surnameTokens, ...this.nameKeys(names.normalisedSurname) });
    return { surname, compact: this.nameTexts.id(names.compactSurname) };
  };

  /** A forenames text's codes (first forename, all of them), with a sample and blocking keys kept by code the first time they are seen. */
  private readonly forenameCodesOf = (text: string): { first: number; all: number } => {
    const names = linkNames({ forenames: text });
    const known = { first: names.firstForename.length > 1 ? this.nameTexts.id(names.firstForename) : -1, all: names.normalisedForenames === '' ? -1 : this.forenamesTexts.id(names.normalisedForenames) };
    if (known.all === this.forenamesSamples.length) {
      this.forenamesSamples.push(detach(text)!);
      this.forenamesParts.push(this.nameKeys(names.normalisedForenames));
    }
    return known;
  };

  private storeCodes(index: number, codes: BoundCodes): void {
    this.missing[index] = missingMask(this.people[index]!);
    this.pncCodes[index] = codes.pnc;
    this.dobYmds[index] = codes.ymd;
    this.surnameCodes[index] = codes.surname;
    this.compactCodes[index] = codes.compact;
    this.forenameCodes[index] = codes.forename;
    this.forenamesCodes[index] = codes.forenames;
  }

  /**
   * Files a person (whose PNC reads as `canonicalPnc`, null for none or an invalid one) under the
   * keys their current values give; old keys stay (a harmless extra look). `refiling` a person
   * whose keys are `unchanged` (an update that only gave a PNC) finds them under every one already.
   */
  private fileKeys(index: number, canonicalPnc: string | null, refiling: boolean, unchanged = false): void {
    const person = this.people[index]!;
    const code = canonicalPnc ? pncCode(canonicalPnc) : -1;
    if (code >= 0) this.byPncCode.set(code, index);
    if (person.pnc && person.pnc !== canonicalPnc) this.byPnc.set(person.pnc, index);
    if (!canonicalPnc || this.allBlocks) {
      const dobYmd = this.dobYmds[index]!;
      for (const key of this.keysOf(index)) {
        if (unchanged) {
          if (!canonicalPnc) this.withoutPnc.refile(key, this.saturated);
          if (this.allBlocks) this.allBlocks.refile(key, this.saturated);
          continue;
        }
        if (!canonicalPnc) this.withoutPnc.file(key, index, dobYmd, refiling, this.saturated);
        if (this.allBlocks) this.allBlocks.file(key, index, dobYmd, refiling, this.saturated);
      }
    }
  }

  /** What a normalised name gives the blocking keys: the Soundex of each part (none empty) and its first letter. */
  private nameKeys(normalised: string): NameKeys {
    const soundexes: number[] = [];
    for (const part of normalised.split(' ')) {
      let code = this.soundexMemo.get(part);
      if (code === undefined) {
        const text = soundex(part);
        code = text === '' ? -1 : this.soundexTexts.id(text);
        this.soundexMemo.set(part, code);
      }
      if (code !== -1) soundexes.push(code);
    }
    return { soundexes, initial: normalised === '' ? -1 : normalised.charCodeAt(0) };
  }

  /**
   * The blocking keys of a person: those of `indexKeys` (same date of birth; same-sounding surname
   * part with the same birth year or forename initial), worked out from the codes, and the exact
   * key. `indexKeys`' PNC key is left out: whoever holds a valid PNC is found under it before any
   * block is searched.
   */
  private keysOf(index: number): number[] {
    const keys = this.keyBuffer;
    keys.length = 0;
    const ymd = this.dobYmds[index]!;
    this.nameDobKeys(this.surnameCodes[index]!, this.forenamesCodes[index]!, ymd, ymd, false, true, keys);
    const exact = this.exactKey(this.compactCodes[index]!, this.forenameCodes[index]!, ymd, true);
    if (exact >= 0) keys.push(exact);
    return keys;
  }

  /**
   * `queryKeys` of a record from its codes: its own keys, the swapped day and month's, and those of
   * surname and forenames swapped (without the PNC key: see {@link keysOf}). A key may come twice;
   * a block is searched once per query all the same (see {@link consider}). Only keys someone is
   * filed under are given.
   */
  private queryKeysOf(codes: BoundCodes, swappedDob: IsoDate | null): number[] {
    const keys = this.keyBuffer;
    keys.length = 0;
    this.nameDobKeys(codes.surname, codes.forenames, codes.ymd, codes.ymd, false, false, keys);
    if (swappedDob) this.push(keys, this.keyTable.find(KEY_DOB, ymdOfIso(swappedDob), 0, 0));
    this.nameDobKeys(codes.surname, codes.forenames, -1, codes.ymd, true, false, keys);
    return keys;
  }

  private push(keys: number[], key: number): void {
    if (key >= 0) keys.push(key);
  }

  /**
   * `indexKeys` from codes, into `keys`: the date of birth's (when `dobYmd` ≥ 0), and for each
   * Soundex of the surname's parts, one with the birth year and one with the forename initial.
   * With `swapped`, the forenames play the surname and the surname the forenames. With `numbering`
   * new keys are numbered (a person being filed), else left out (a query: nobody is under them).
   */
  private nameDobKeys(surname: number, forenames: number, dobYmd: number, ymd: number, swapped: boolean, numbering: boolean, keys: number[]): void {
    const table = this.keyTable;
    if (dobYmd >= 0) this.push(keys, numbering ? table.idOf(KEY_DOB, dobYmd, 0, 0) : table.find(KEY_DOB, dobYmd, 0, 0));
    const surnameKeys = surname >= 0 ? this.surnameParts[surname]! : null;
    const forenameKeys = forenames >= 0 ? this.forenamesParts[forenames]! : null;
    const named = swapped ? forenameKeys : surnameKeys;
    if (!named) return;
    const initial = (swapped ? surnameKeys : forenameKeys)?.initial ?? -1;
    const year = ymd >= 0 ? Math.floor(ymd / 10_000) : -1;
    for (const code of named.soundexes) {
      if (year >= 0) this.push(keys, numbering ? table.idOf(KEY_SOUNDEX_YEAR, code, year, 0) : table.find(KEY_SOUNDEX_YEAR, code, year, 0));
      if (initial >= 0) this.push(keys, numbering ? table.idOf(KEY_SOUNDEX_INITIAL, code, initial, 0) : table.find(KEY_SOUNDEX_INITIAL, code, initial, 0));
    }
  }

  /** The key of the same compacted surname, first forename and date of birth; -1 when one is missing (or, a query's, nobody has it). */
  private exactKey(compact: number, forename: number, ymd: number, numbering: boolean): number {
    if (compact < 0 || forename < 0 || ymd < 0) return -1;
    return numbering ? this.keyTable.idOf(KEY_EXACT, compact, forename, ymd) : this.keyTable.find(KEY_EXACT, compact, forename, ymd);
  }

  private blocks(): Blocks {
    if (!this.allBlocks) {
      let entries = new Int32Array(Math.max(1024, this.people.length * 24));
      let length = 0;
      for (let index = 0; index < this.people.length; index++) {
        const dobYmd = this.dobYmds[index]!;
        for (const key of this.keysOf(index)) {
          if (length + 3 > entries.length) entries = grown(entries, entries.length * 2);
          entries[length++] = key;
          entries[length++] = index;
          entries[length++] = dobYmd;
        }
      }
      const blocks = new Blocks(BLOCK_LIMIT);
      blocks.fileAll(entries, length, this.saturated);
      this.allBlocks = blocks;
    }
    return this.allBlocks;
  }

  private indexOf(personId: number): number | undefined {
    // The importer asks about the person it has just matched: no map lookup for that one.
    return this.lastHit !== -1 && this.ids[this.lastHit] === personId ? this.lastHit : this.indexById.get(personId);
  }

  /** Fills in what a later list knows that the first did not (a PNC, a date of birth). */
  get(personId: number): Readonly<KnownPerson> | undefined {
    const index = this.indexOf(personId);
    return index === undefined ? undefined : this.people[index];
  }

  /**
   * Whether the person's record lacks a value the record given has: the question asked for nearly
   * every row of an extract, answered from a number rather than the person's object.
   */
  lacksAnyOf(personId: number, record: LinkRecord): boolean {
    const index = this.indexOf(personId);
    if (index === undefined) return false;
    const missing = this.missing[index]!;
    return missing !== 0 && (missing & ~missingMask(record)) !== 0;
  }

  /** {@link lacksAnyOf} for a record given by what it lacks (the MISSING_ bits). */
  lacksAnyMissingFrom(personId: number, recordMissing: number): boolean {
    const index = this.indexOf(personId);
    if (index === undefined) return false;
    const missing = this.missing[index]!;
    return missing !== 0 && (missing & ~recordMissing) !== 0;
  }

  /**
   * The person holding the valid canonical PNC of `code` ({@link pncCode}), as {@link match}
   * finds them for a record with that PNC; undefined when nobody does, and the record must then
   * go through {@link match} in full.
   */
  personWithPncCode(code: number): number | undefined {
    const index = this.byPncCode.get(code);
    if (index === undefined) {
      this.lastHit = -1;
      return undefined;
    }
    this.lastHit = index;
    return this.ids[index];
  }

  /**
   * Whether {@link match} of a record whose valid PNC nobody holds can only find no one: nobody
   * without a PNC is filed (the people such a record is compared with by name).
   */
  nobodyToMatchByName(): boolean {
    return this.withoutPnc.size === 0;
  }

  /**
   * Whether someone in the registry (the workspace's people and those the import created) holds
   * this very PNC text; undefined when only the database can tell (another form of the same PNC
   * is filed under its code). A valid canonical PNC is filed under its code by whoever holds it,
   * so nobody under the code means nobody holds the text.
   */
  holdsPncText(pnc: string): boolean | undefined {
    const code = pncCode(pnc);
    if (code < 0) return this.byPnc.has(pnc) ? true : undefined;
    const index = this.byPncCode.get(code);
    if (index === undefined) return false;
    return this.people[index]!.pnc === pnc ? true : undefined;
  }

  update(personId: number, changes: Partial<LinkRecord>): void {
    const index = this.indexById.get(personId);
    if (index === undefined) return;
    const person = this.people[index]!;
    if (changes.pnc != null) person.pnc = detach(changes.pnc);
    if (changes.surname != null) person.surname = this.hold(changes.surname);
    if (changes.forenames != null) person.forenames = this.hold(changes.forenames);
    if (changes.dob != null) person.dob = this.hold(changes.dob);
    // The blocking keys come from these codes alone (see keysOf).
    const before = [this.dobYmds[index], this.surnameCodes[index], this.compactCodes[index], this.forenameCodes[index], this.forenamesCodes[index]];
    const hadPnc = this.pncCodes[index] !== -1;
    const prepared = this.prepareRecord(person);
    this.storeCodes(index, this.codesOf(prepared));
    const unchanged = before[0] === this.dobYmds[index] && before[1] === this.surnameCodes[index] && before[2] === this.compactCodes[index] && before[3] === this.forenameCodes[index] && before[4] === this.forenamesCodes[index];
    // Whoever gains a valid PNC holds one that no row without it can be matched to by name (theirs
    // is found by PNC first): out of the blocks of people without one. A record only gains values,
    // so the keys it gives now include every key it was ever filed under.
    if (!hadPnc && this.pncCodes[index] !== -1) for (const key of this.keysOf(index)) this.withoutPnc.remove(key, index);
    this.fileKeys(index, prepared.pnc, true, unchanged);
  }

  /**
   * A valid PNC decides on its own. Otherwise the best name-and-DOB candidate is linked when its
   * score clears the automatic threshold, queued for review between the thresholds, else none.
   */
  match(record: LinkRecord): PersonMatch {
    // Most rows of an extract are people already seen, under the very PNC text stored for them.
    this.lastHit = -1;
    if (record.pnc) {
      const code = pncCode(record.pnc);
      // A valid canonical PNC is found under its code or nowhere: no stored text equals it
      // without being that PNC, which is filed under the code.
      const index = code >= 0 ? this.byPncCode.get(code) : this.byPnc.get(record.pnc);
      if (index !== undefined) return this.pncMatch(index, record);
    }
    const query = this.prepareRecord(record);
    this.lastQuery = query;
    this.lastCodes = null;
    if (query.pnc && query.pnc !== record.pnc) {
      const index = this.byPncCode.get(pncCode(query.pnc));
      if (index !== undefined) return this.pncMatch(index, record);
    }
    this.query += 1;
    this.best = null;
    this.lastScored = null;
    const codes = this.codesOf(query);
    this.lastCodes = codes;
    // A valid PNC nobody holds: only people without one can be the same person.
    const blocks = query.pnc ? this.withoutPnc : this.blocks();
    if (blocks.size) {
      const exact = this.exactKey(codes.compact, codes.forename, codes.ymd, false);
      const only = exact >= 0 ? this.soleIdentical(record, codes, blocks.single(exact)) : -1;
      if (only >= 0) return identicalMatch(this.ids[only]!, record, this.people[only]!);
      for (const key of this.queryKeysOf(codes, query.swappedDob)) this.consider(record, codes, blocks, key);
      if (exact >= 0) this.consider(record, codes, blocks, exact);
    }
    const found = this.best as { person: KnownPerson; score: PairScore } | null;
    this.best = null;
    if (!found) return { kind: 'none' };
    const classification = classifyLink(found.score.score, this.thresholds);
    if (classification === 'auto') return { kind: 'auto', personId: found.person.id, score: found.score };
    if (classification === 'review') return { kind: 'review', personId: found.person.id, score: found.score };
    return { kind: 'none' };
  }

  private pncMatch(index: number, record: LinkRecord): PersonMatch {
    this.lastHit = index;
    const conflict = this.pncIdentityConflict(index, record);
    if (conflict) return { kind: 'pncConflict', personId: this.ids[index]!, score: conflict };
    return { kind: 'pnc', personId: this.ids[index]! };
  }

  /**
   * For a row found by PNC: the pair's score when its surname and date of birth both disagree
   * with the person's (a probable keying slip, for review), else null. Missing values and
   * placeholder dates are no disagreement; the texts are compared first, so the usual row costs
   * two string comparisons.
   */
  private pncIdentityConflict(index: number, record: LinkRecord): PairScore | null {
    const person = this.people[index]!;
    if (!record.surname || !person.surname || record.surname === person.surname) return null;
    if (!record.dob || !person.dob || record.dob === person.dob || this.dobYmds[index]! < 0) return null;
    const score = scorePair(record, person);
    const level = (field: string) => score.fields.find((f) => f.field === field)?.level;
    return level('surname') === 'different' && level('dob') === 'different' ? score : null;
  }

  /**
   * For a coded line without a PNC: the person {@link match} would link it to through
   * {@link soleIdentical} (the one person of its exact block, holding its very surname, forenames
   * and date of birth), found from the memos and the key table without preparing the record;
   * undefined when that is not so or the texts are not in the memos yet, and the line must then go
   * through {@link match} in full. Such a line has nothing to give the person, who holds every
   * value it has.
   */
  personWithIdenticalIdentity(surname: string, forenames: string, dobYmd: number): number | undefined {
    this.lastHit = -1;
    if (isPlaceholderYmd(dobYmd)) return undefined;
    const names = this.surnameMemo.get(surname);
    const given = this.forenameMemo.get(forenames);
    if (names === undefined || given === undefined) return undefined;
    const exact = this.exactKey(names.compact, given.first, dobYmd, false);
    if (exact < 0) return undefined;
    const index = this.blocks().single(exact);
    if (index < 0) return undefined;
    const person = this.people[index]!;
    // A linkable date of birth is an ISO text, so equal numbers are equal texts.
    if (person.surname !== surname || person.forenames !== forenames || this.dobYmds[index] !== dobYmd) return undefined;
    this.lastHit = index;
    return this.ids[index];
  }

  /**
   * For a coded line found by PNC ({@link personWithPncCode}): whether its surname text and date
   * of birth both differ from the person's, so the line must take the full path and its check.
   */
  codedLineMayConflict(surname: string | null, dobYmd: number): boolean {
    const index = this.lastHit;
    if (index < 0 || surname === null || dobYmd < 0) return false;
    const stored = this.dobYmds[index]!;
    if (stored < 0 || stored === dobYmd || isPlaceholderYmd(dobYmd)) return false;
    const person = this.people[index]!;
    return person.surname !== null && person.surname !== surname;
  }

  /**
   * Whether the pair could reach review: its score worked out from the codes, each field at the
   * level `scorePair` would give it (PNC and date of birth from numbers, surnames and forenames
   * from verdicts remembered per pair of texts), so only a pair that does reach review is scored
   * in full. The forenames are looked up only when the rest leaves the pair within reach with the
   * best forenames can add (`scoreUpperBound`'s figure): most candidates of a block are ruled out
   * by date of birth and surname alone.
   */
  private mayReachReview(q: BoundCodes, index: number): boolean {
    const w = UPPER_BOUND_WEIGHTS;
    const limit = this.thresholds.review - BOUND_SLACK;
    let bound = w.prior;
    const pnc = this.pncCodes[index]!;
    if (q.pnc !== -1 && pnc !== -1) bound += q.pnc === pnc ? w.pncExact : w.pncDifferent;
    const ymd = this.dobYmds[index]!;
    if (q.ymd !== -1 && ymd !== -1) bound += dobWeightOfYmds(q.ymd, ymd);
    // Out of reach whatever the names (a different date of birth, most of a block): no name looked up.
    if (bound + w.namesBest < limit) return false;
    const compact = this.compactCodes[index]!;
    if (q.compact === -1 || compact === -1) return bound + w.namesMissingSurname >= limit && bound + this.forenamesWeightOf(q, index) >= limit;
    if (q.compact === compact) return bound + w.sameSurname >= limit && bound + w.surnameExact + this.forenamesWeightOf(q, index) >= limit;
    const forename = this.forenameCodes[index]!;
    const swapped = q.forename !== -1 && forename !== -1 && q.compact === forename && compact === q.forename;
    const variant = this.variants.get(q.surname, this.surnameCodes[index]!);
    return bound + differentSurnamesBound(variant, swapped) >= limit && bound + differentSurnamesBound(variant, swapped, this.forenamesWeightOf(q, index)) >= limit;
  }

  /** `forenamesWeight` of the query's forenames and the person's, remembered per pair of codes. */
  private forenamesWeightOf(q: BoundCodes, index: number): number {
    const stored = this.forenamesCodes[index]!;
    if (q.forenames === -1 || stored === -1) return 0;
    return this.forenamesWeights.get(q.forenames, stored);
  }

  /**
   * The one person of the exact block (its {@link Blocks.single}) whose surname, forenames and date of birth are the very
   * texts of the record, when that block holds no one else; else -1. Agreeing on all three is the
   * highest score a record without a shared PNC can reach, and anyone else reaching it would share
   * the exact key, so that person is the best candidate the full search would find: the usual PNC-less
   * row of someone already known links without scoring the rest of their blocks.
   */
  private soleIdentical(record: LinkRecord, codes: BoundCodes, index: number): number {
    if (index < 0) return -1;
    const person = this.people[index]!;
    const pnc = this.pncCodes[index]!;
    if (codes.pnc !== -1 && pnc !== -1 && pnc !== codes.pnc) return -1;
    return person.surname === record.surname && person.forenames === record.forenames && person.dob === record.dob ? index : -1;
  }

  /**
   * `scorePair(record, person)`, remembered for the query in hand by what it reads of the person
   * (see {@link scoreAlike}): a block of a name and birthday shared by hundreds of people (the
   * worst case of an extract) brings the same texts again and again, not always one after another.
   */
  private scoreOf(record: LinkRecord, person: KnownPerson): PairScore {
    if (this.scoresQuery !== this.query) {
      this.scores.clear();
      this.scoresQuery = this.query;
    }
    const key = `${textKey(person.surname)}${textKey(person.forenames)}${textKey(person.dob)}${record.pnc ? textKey(person.pnc) : ''}`;
    let score = this.scores.get(key);
    if (score === undefined) {
      score = scorePair(record, person);
      this.scores.set(key, score);
    }
    return score;
  }

  /** Scores the people of one block not yet seen by this query, unless they cannot reach review. */
  private consider(record: LinkRecord, codes: BoundCodes, blocks: Blocks, key: number): void {
    const start = blocks.start(key);
    if (start === -1) return;
    const end = blocks.end(key);
    const arena = blocks.arena;
    const queryYmd = codes.ymd;
    const dobFloor = this.dobFloor;
    for (let at = start; at < end; at += 2) {
      const index = arena[at]!;
      const dobYmd = arena[at + 1]!;
      // Born on a day too far from the query's for any names to bring the pair to review (what
      // mayReachReview would find): passed over on the date filed beside the person.
      if (queryYmd !== -1 && dobYmd !== -1 && dobWeightOfYmds(queryYmd, dobYmd) < dobFloor) continue;
      if (this.visited[index] === this.query) continue;
      this.visited[index] = this.query;
      // Two different valid PNCs are two people (a person may have gained one since being filed).
      const pnc = this.pncCodes[index]!;
      if (codes.pnc !== -1 && pnc !== -1 && pnc !== codes.pnc) continue;
      if (!this.mayReachReview(codes, index)) continue;
      const person = this.people[index]!;
      // A block can hold many records of the very same texts (rows without a PNC of a name and
      // date of birth too common to link, each made a person; people of one name and birthday
      // for a query without a PNC): scored once, as they score alike.
      const last = this.lastScored;
      const score = last !== null && scoreAlike(record, last.person, person) ? last.score : this.scoreOf(record, person);
      this.lastScored = { person, score };
      const best = this.best;
      if (!best || score.score > best.score.score || (score.score === best.score.score && person.id < best.person.id)) this.best = { person, score };
    }
  }
}
