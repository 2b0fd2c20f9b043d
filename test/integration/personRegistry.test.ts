/**
 * The registry skips pairs that cannot reach the review threshold; these tests hold it to the
 * plain algorithm it replaced (score every pair that shares a blocking key, keep the best), on
 * streams of records built to collide: few names, few birthdays, PNCs missing or mistyped.
 */
import { describe, expect, it } from 'vitest';
import { BLOCK_LIMIT, PersonRegistry, type PersonMatch } from '../../electron/import/personRegistry';
import { classifyLink, indexKeys, queryKeys, scorePair, type LinkRecord, type PairScore, DEFAULT_LINK_THRESHOLDS } from '../../shared/links/recordLinkage';
import { isoFromParts, type IsoDate } from '../../shared/domain/isoDate';
import { generateSyntheticCohort, makeSyntheticPnc, mulberry32, SYNTHETIC_MALE_FORENAMES, SYNTHETIC_SURNAMES } from '../../shared/workspace/syntheticCohort';

/**
 * The registry as first written (every blocked candidate scored), with the linking rules of issue
 * 15: a PNC match whose surname and date of birth both disagree is a conflict for review; two
 * different valid PNCs are never a match; a block of {@link BLOCK_LIMIT} is not searched.
 */
class ReferenceRegistry {
  private readonly byPnc = new Map<string, number>();
  private readonly people: Array<LinkRecord & { id: number }> = [];
  private readonly byId = new Map<number, LinkRecord>();
  private readonly blocks = new Map<string, number[]>();

  add(person: LinkRecord & { id: number }): void {
    if (person.pnc) this.byPnc.set(person.pnc, person.id);
    const index = this.people.push(person) - 1;
    this.byId.set(person.id, person);
    for (const key of new Set(indexKeys(person, undefined))) {
      const block = this.blocks.get(key) ?? [];
      if (block.length < BLOCK_LIMIT) this.blocks.set(key, [...block, index]);
    }
  }

  match(record: LinkRecord): PersonMatch {
    if (record.pnc) {
      const id = this.byPnc.get(record.pnc);
      if (id !== undefined) {
        const score = scorePair(record, this.byId.get(id)!);
        const level = (field: string) => score.fields.find((f) => f.field === field)!.level;
        return level('surname') === 'different' && level('dob') === 'different' ? { kind: 'pncConflict', personId: id, score } : { kind: 'pnc', personId: id };
      }
    }
    let best: { id: number; score: PairScore } | null = null;
    const seen = new Set<number>();
    for (const key of queryKeys(record, undefined)) {
      const block = this.blocks.get(key) ?? [];
      if (block.length >= BLOCK_LIMIT) continue;
      for (const index of block) {
        if (seen.has(index)) continue;
        seen.add(index);
        const person = this.people[index]!;
        const score = scorePair(record, person);
        if (score.fields[0]!.level === 'different') continue;
        if (!best || score.score > best.score.score || (score.score === best.score.score && person.id < best.id)) best = { id: person.id, score };
      }
    }
    if (!best) return { kind: 'none' };
    const c = classifyLink(best.score.score, DEFAULT_LINK_THRESHOLDS);
    return c === 'none' ? { kind: 'none' } : { kind: c, personId: best.id, score: best.score };
  }
}

/** Records from a tiny pool of names and birthdays, a fifth without PNC, some recurring with a typo. */
function collidingRecords(count: number, seed: number): LinkRecord[] {
  const rng = mulberry32(seed);
  const pick = <T,>(items: readonly T[]): T => items[Math.floor(rng() * items.length)]!;
  const people: LinkRecord[] = [];
  const out: LinkRecord[] = [];
  for (let i = 0; i < count; i++) {
    if (people.length > 10 && rng() < 0.35) {
      // Someone seen before, as another list writes them.
      const p = pick(people);
      const variant: LinkRecord = { ...p };
      const r = rng();
      if (r < 0.2) variant.pnc = null;
      else if (r < 0.3) variant.forenames = (p.forenames ?? 'X').slice(0, 1);
      else if (r < 0.4) variant.dob = p.dob ? (`${p.dob.slice(0, 5)}${p.dob.slice(8, 10)}-${p.dob.slice(5, 7)}` as IsoDate) : null;
      else if (r < 0.5) [variant.surname, variant.forenames] = [p.forenames ?? null, p.surname ?? null];
      else if (r < 0.6) variant.surname = (p.surname ?? '').toUpperCase();
      out.push(variant);
      continue;
    }
    const dob = isoFromParts(1985 + Math.floor(rng() * 3), 1 + Math.floor(rng() * 12), 1 + Math.floor(rng() * 12));
    const pnc = rng() < 0.2 ? null : makeSyntheticPnc(2000 + Math.floor(rng() * 12), 100_000 + Math.floor(rng() * 900_000)).long;
    const person: LinkRecord = { pnc, surname: pick(SYNTHETIC_SURNAMES.slice(0, 8)), forenames: pick(SYNTHETIC_MALE_FORENAMES.slice(0, 10)), dob };
    people.push(person);
    out.push(person);
  }
  return out;
}

function runBoth(records: readonly LinkRecord[]): { decisions: number; byKind: Record<string, number> } {
  const fast = new PersonRegistry();
  const reference = new ReferenceRegistry();
  const byKind: Record<string, number> = {};
  let nextId = 1;
  records.forEach((record, i) => {
    const got = fast.match(record);
    const want = reference.match(record);
    if (JSON.stringify(got) !== JSON.stringify(want)) throw new Error(`record ${i} ${JSON.stringify(record)}: got ${JSON.stringify(got)}, want ${JSON.stringify(want)}`);
    byKind[got.kind] = (byKind[got.kind] ?? 0) + 1;
    // As an arrests import does: anyone not linked becomes a person (reviews too; a PNC conflict
    // without the PNC, which belongs to someone else).
    if (got.kind === 'none' || got.kind === 'review' || got.kind === 'pncConflict') {
      const person = { id: nextId++, ...record, ...(got.kind === 'pncConflict' ? { pnc: null } : {}) };
      fast.add(person);
      reference.add(person);
    }
  });
  return { decisions: records.length, byKind };
}

describe('PersonRegistry', () => {
  it('decides exactly as scoring every blocked pair does, on 6,000 colliding records', () => {
    const { byKind } = runBoth(collidingRecords(6_000, 42));
    // Every outcome occurs, so the comparison covers each path.
    expect(byKind.pnc).toBeGreaterThan(100);
    expect(byKind.auto).toBeGreaterThan(20);
    expect(byKind.review).toBeGreaterThan(20);
    expect(byKind.none).toBeGreaterThan(100);
  });

  it('decides exactly as before on the seed-shaped lists against the long list', () => {
    const cohort = generateSyntheticCohort();
    const records: LinkRecord[] = [
      ...cohort.candidates.map((c) => ({ pnc: c.pnc.long, surname: c.surname, forenames: c.forenames, dob: c.dob })),
      ...Object.values(cohort.agencyLists).flatMap((rows) => rows.map((r) => ({ pnc: r.pnc, surname: r.surname, forenames: r.forename, dob: r.dob }))),
      ...Object.values(cohort.agencyLists).flatMap((rows) => rows.map((r) => ({ pnc: null, surname: r.surname, forenames: r.forename, dob: r.dob }))),
    ];
    // Raw list PNCs are not canonical: give both registries the canonical form, as the importer does.
    const canonical = records.map((r) => ({ ...r, pnc: r.pnc && /^\d{4}\//.test(r.pnc) ? r.pnc : null }));
    const { byKind } = runBoth(canonical);
    expect(byKind.review).toBeGreaterThan(0);
  });

  it('fills in a PNC learnt later and finds the person by it', () => {
    const registry = new PersonRegistry();
    registry.add({ id: 7, pnc: null, surname: 'Sampleton', forenames: 'Jordan', dob: '1990-01-02' });
    const pnc = makeSyntheticPnc(2004, 123_456).long;
    expect(registry.match({ pnc, surname: 'Sampleton', forenames: 'Jordan', dob: '1990-01-02' })).toMatchObject({ kind: 'auto', personId: 7 });
    registry.update(7, { pnc });
    expect(registry.match({ pnc, surname: 'Other', forenames: 'Name', dob: '1990-01-02' })).toEqual({ kind: 'pnc', personId: 7 });
    expect(registry.match({ pnc, surname: 'Sampleton', forenames: 'Name', dob: '1981-05-05' })).toEqual({ kind: 'pnc', personId: 7 });
    expect(registry.get(7)?.pnc).toBe(pnc);
  });

  it("gives a row identical to one person that person's score as it stood when matched, even once they gain a PNC", () => {
    const registry = new PersonRegistry();
    const person = { id: 3, pnc: null, surname: 'Testwood', forenames: 'Kyle Lee', dob: '1988-11-30' as IsoDate };
    registry.add(person);
    // A valid PNC nobody holds yet: the person without one is searched for, found identical.
    const row: LinkRecord = { pnc: makeSyntheticPnc(2005, 111_222).long, surname: 'Testwood', forenames: 'Kyle Lee', dob: '1988-11-30' };
    const match = registry.match(row);
    // Another PNC, read now, would make the pair two people.
    registry.update(3, { pnc: makeSyntheticPnc(2006, 222_333).long });
    expect(scorePair(row, registry.get(3)!).fields[0]!.level).toBe('different');
    const want = scorePair(row, person);
    expect(match).toEqual({ kind: 'auto', personId: 3, score: want });
    expect(JSON.parse(JSON.stringify(match))).toEqual({ kind: 'auto', personId: 3, score: want });
    expect(want.fields.map((f) => f.level)).toEqual(['missing', 'exact', 'exact', 'exact']);
  });
});
