/**
 * Where every row an import read went: each is counted once, as imported, rejected, skipped or
 * unmatched, so the four add up to the rows read. The wizard's result screen and the CLI both
 * print this, in the same words, so an analyst can check that nothing went missing.
 */
import { createsPeople, type ImportKindId } from '../domain/importKinds';
import { formatCount, plural } from '../domain/numberFormat';

export interface RowCounts {
  kind: ImportKindId;
  rowsRead: number;
  rowsImported: number;
  rowsLinked: number;
  rowsRejected: number;
  rowsSkipped: number;
  rowsUnmatched: number;
  peopleCreated: number;
  reviewsQueued: number;
}

export type RowOutcome = 'rowsImported' | 'rowsRejected' | 'rowsSkipped' | 'rowsUnmatched';

interface RowAccountLine {
  key: RowOutcome;
  label: string;
  count: number;
  /** What the rows counted here are, in a sentence. */
  explanation: string;
}

interface RowAccount {
  read: number;
  lines: RowAccountLine[];
  /** True when the four outcomes add up to the rows read (always, unless the record is damaged). */
  balanced: boolean;
}

export function rowAccount(counts: RowCounts): RowAccount {
  const listReviews = createsPeople(counts.kind) ? 0 : counts.reviewsQueued;
  const keptWhileReviewed = createsPeople(counts.kind) ? counts.reviewsQueued : 0;
  const lines: RowAccountLine[] = [
    {
      key: 'rowsImported',
      label: 'Imported',
      count: counts.rowsImported,
      explanation:
        `written to the workspace: ${formatCount(counts.rowsLinked)} linked to people already there, ${plural(counts.peopleCreated, 'person', 'people')} added` +
        (keptWhileReviewed ? `, of whom ${formatCount(keptWhileReviewed)} may be someone already there and wait${keptWhileReviewed === 1 ? 's' : ''} for review` : '') +
        '.',
    },
    { key: 'rowsRejected', label: 'Rejected', count: counts.rowsRejected, explanation: 'not imported: nothing in the row identifies a person, or a value that must be read cannot be; each row is listed with its reason.' },
    { key: 'rowsSkipped', label: 'Skipped', count: counts.rowsSkipped, explanation: 'blank rows and total rows, which hold no one.' },
    {
      key: 'rowsUnmatched',
      label: 'Unmatched',
      count: counts.rowsUnmatched,
      explanation: createsPeople(counts.kind)
        ? 'none: a long list or an arrests extract adds whoever it does not find.'
        : 'matched no one in the workspace; this kind of list only adds to people already there' +
          (listReviews ? ` (${formatCount(listReviews)} of them close to someone, waiting under Link reviews)` : '') +
          '.',
    },
  ];
  const sum = lines.reduce((total, line) => total + line.count, 0);
  return { read: counts.rowsRead, lines, balanced: sum === counts.rowsRead };
}

/** The account as text lines: the sum first, then each outcome that has rows with its explanation. */
export function rowAccountText(counts: RowCounts): string[] {
  const account = rowAccount(counts);
  const sum = account.lines.map((line) => `${formatCount(line.count)} ${line.label.toLowerCase()}`).join(' + ');
  const head = `${plural(account.read, 'row')} read = ${sum}${account.balanced ? '' : ' (these do not add up: the import record is damaged)'}.`;
  return [head, ...account.lines.filter((line) => line.count > 0).map((line) => `${line.label} ${formatCount(line.count)}: ${line.explanation}`)];
}
