import type { Database } from 'better-sqlite3-multiple-ciphers';
import type { DuplicatePncReport } from '../../shared/links/linkSchemas';
import { linkableDob, linkNames, scorePair, DEFAULT_LINK_THRESHOLDS, type LinkRecord } from '../../shared/links/recordLinkage';
import { isCanonicalPnc } from '../../shared/domain/pnc';
import { peopleWithPnc } from '../data/people';

/** People per (surname, date of birth) group compared pairwise; larger groups are counted, not paired. */
const MAX_GROUP = 50;
/** Pairs listed; the total counts them all. */
const MAX_PAIRS = 500;

interface PersonRow extends LinkRecord {
  id: number;
  pnc: string;
}

/**
 * "Possible duplicate PNC records": people holding different valid PNCs whose names and date of
 * birth agree as closely as a review would need. Linking never treats them as one person (two
 * valid PNCs are two PNC records); this report is where a PNC bureau query starts. People are
 * grouped by normalised surname and date of birth (placeholders are no date), so the work stays
 * linear; a group too large to pair is named by its size.
 */
export function possibleDuplicatePncs(db: Database): DuplicatePncReport {
  const groups = new Map<string, PersonRow[]>();
  for (const row of peopleWithPnc(db)) {
    const dob = linkableDob(row.dob);
    const surname = linkNames({ surname: row.surname }).compactSurname;
    if (!dob || !surname || !isCanonicalPnc(row.pnc)) continue;
    const key = `${surname}|${dob}`;
    const group = groups.get(key);
    if (group) group.push(row);
    else groups.set(key, [row]);
  }
  const pairs: DuplicatePncReport['pairs'] = [];
  let total = 0;
  let groupsTooLarge = 0;
  for (const group of groups.values()) {
    if (group.length < 2) continue;
    if (group.length > MAX_GROUP) {
      groupsTooLarge += 1;
      continue;
    }
    for (let i = 0; i < group.length; i++) {
      for (let j = i + 1; j < group.length; j++) {
        const a = group[i]!;
        const b = group[j]!;
        // Scored without the PNCs: how alike the rest is.
        const score = scorePair({ ...a, pnc: null }, { ...b, pnc: null });
        if (score.score < DEFAULT_LINK_THRESHOLDS.review) continue;
        total += 1;
        if (pairs.length < MAX_PAIRS) pairs.push({ score: score.score, people: [a, b].map((p) => ({ personId: p.id, pnc: p.pnc, surname: p.surname ?? null, forenames: p.forenames ?? null, dob: p.dob ?? null })) as DuplicatePncReport['pairs'][number]['people'] });
      }
    }
  }
  pairs.sort((x, y) => y.score - x.score || x.people[0].personId - y.people[0].personId);
  return { total, pairs, groupsTooLarge, maxGroup: MAX_GROUP };
}
