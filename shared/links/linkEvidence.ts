/**
 * The evidence of an uncertain match in the words a reviewer reads: how strong it is overall, and
 * what each field says ("same date of birth", "surname differs: SMITH vs SMYTH (one letter)").
 * The weights in bits stay available behind a details toggle; these words are what a decision is
 * made on, so they are worked out here once, from the comparison levels of recordLinkage.ts.
 */
import { formatDisplayDate } from '../domain/dateDisplay';
import { isPlaceholderDob } from '../import/placeholderDates';
import { DEFAULT_LINK_THRESHOLDS, normaliseName, withinOneEdit } from './recordLinkage';

type LinkStrength = 'strong' | 'likely' | 'weak';

/** Whether a field speaks for the match, against it, or not at all. */
type ReasonTone = 'for' | 'against' | 'none';

interface FieldEvidence {
  field: string;
  level: string;
  /** The value in the imported row and in the workspace's person; null when absent. */
  left: string | null;
  right: string | null;
}

interface EvidenceReason {
  field: string;
  tone: ReasonTone;
  text: string;
}

/**
 * Score bands of the review queue, which holds scores from the review threshold (4) up to the
 * automatic one (15). At 10 bits the odds are about 1,000 to 1 with every field agreeing or close
 * (a spelling variant with the same date of birth); at 7 about 130 to 1 (a changed surname with
 * everything else the same, twins sharing a birthday lie just below). Below that the names alone
 * carry the match.
 */
const STRENGTH_BANDS = { strong: 10, likely: 7 } as const;

/**
 * Strong, likely or weak. A field that plainly disagrees (a different surname or date of birth)
 * caps the match at "likely" however high the score: a PNC that agrees while the name and date
 * of birth do not is a keying slip to check, not strong evidence.
 */
export function linkStrength(score: number, fields: readonly Pick<FieldEvidence, 'level'>[]): LinkStrength {
  const anyDifferent = fields.some((f) => f.level === 'different');
  if (score >= STRENGTH_BANDS.strong && !anyDifferent) return 'strong';
  if (score >= STRENGTH_BANDS.likely || score >= DEFAULT_LINK_THRESHOLDS.auto) return 'likely';
  return 'weak';
}

export const STRENGTH_LABELS: Readonly<Record<LinkStrength, string>> = {
  strong: 'Strong evidence',
  likely: 'Likely match',
  weak: 'Weak evidence',
};

/** "one letter", "two letters swapped", "one part of a double-barrelled name" or "similar spelling". */
export function spellingDifference(a: string, b: string): string {
  const na = normaliseName(a);
  const nb = normaliseName(b);
  const ta = na.split(' ');
  const tb = nb.split(' ');
  const [fewer, more] = ta.length <= tb.length ? [ta, tb] : [tb, ta];
  if (fewer.length < more.length && fewer.every((t) => more.includes(t))) return 'one part of a double-barrelled name';
  const ca = na.replace(/ /g, '');
  const cb = nb.replace(/ /g, '');
  if (ca === cb) return 'punctuation or spacing only';
  if (ca.length === cb.length && withinOneEdit(ca, cb)) {
    const differing = [...ca].filter((c, i) => c !== cb[i]).length;
    return differing === 1 ? 'one letter' : 'two letters swapped';
  }
  if (withinOneEdit(ca, cb)) return ca.length > cb.length ? 'one letter more' : 'one letter fewer';
  return 'similar spelling';
}

function pair(a: string | null, b: string | null): string {
  return `${a ?? '(none)'} vs ${b ?? '(none)'}`;
}

function datePair(a: string | null, b: string | null): string {
  return `${formatDisplayDate(a)} vs ${formatDisplayDate(b)}`;
}

function yearsApart(a: string | null, b: string | null): number {
  return Math.abs(Number((a ?? '').slice(0, 4)) - Number((b ?? '').slice(0, 4)));
}

function missingReason(what: string, left: string | null, right: string | null): string {
  if (left === null && right === null) return `no ${what} on either side — no evidence`;
  if (left === null) return `no ${what} in the file — no evidence`;
  if (right === null) return `no ${what} in the workspace — no evidence`;
  return `${what} not compared — no evidence`;
}

function pncReason({ level, left, right }: FieldEvidence): EvidenceReason['text'] {
  if (level === 'exact') return 'PNC agrees';
  if (level === 'different') return `PNC differs: ${pair(left, right)}`;
  if (left !== null && right !== null) return 'a PNC is not valid (its check letter does not match) — not compared, no evidence';
  return missingReason('PNC', left, right);
}

function surnameReason({ level, left, right }: FieldEvidence): string {
  if (level === 'exact') return 'same surname';
  if (level === 'close') return `surname differs: ${pair(left, right)} (${spellingDifference(left ?? '', right ?? '')})`;
  if (level === 'transposed') return `surname and first name swapped: ${pair(left, right)}`;
  if (level === 'different') return `surname differs: ${pair(left, right)}`;
  return missingReason('surname', left, right);
}

function forenamesReason({ level, left, right }: FieldEvidence): string {
  if (level === 'exact') return 'same first name';
  if (level === 'first_exact') return `same first name, middle names differ: ${pair(left, right)}`;
  if (level === 'initial') return `only the initial agrees: ${pair(left, right)}`;
  if (level === 'close') return `first name differs: ${pair(left, right)} (${spellingDifference(left ?? '', right ?? '')})`;
  if (level === 'transposed') return `first name and surname swapped: ${pair(left, right)}`;
  if (level === 'different') return `first name differs: ${pair(left, right)}`;
  return missingReason('first name', left, right);
}

function dobReason({ level, left, right }: FieldEvidence): string {
  if (level === 'exact') return 'same date of birth';
  if (level === 'day_month_swapped') return `date of birth has day and month swapped: ${datePair(left, right)}`;
  if (level === 'one_digit') return `date of birth differs by one digit: ${datePair(left, right)}`;
  if (level === 'year_off') {
    const years = yearsApart(left, right);
    return `date of birth: same day and month, ${years === 1 ? 'one year' : `${years} years`} apart: ${datePair(left, right)}`;
  }
  if (level === 'different') return `date of birth differs: ${datePair(left, right)}`;
  const placeholder = [left, right].find((d) => isPlaceholderDob(d));
  if (placeholder) return `date of birth is a placeholder (${formatDisplayDate(placeholder)}) — no evidence`;
  return missingReason('date of birth', left, right);
}

/**
 * Every level but "missing" and "different" adds weight for the match (see their m and u in
 * recordLinkage.ts): a spelling variant, an initial or a typed-date slip less than agreement does.
 */
function toneOf(level: string): ReasonTone {
  if (level === 'missing') return 'none';
  return level === 'different' ? 'against' : 'for';
}

const REASONS: Readonly<Record<string, (f: FieldEvidence) => string>> = {
  pnc: pncReason,
  surname: surnameReason,
  forenames: forenamesReason,
  dob: dobReason,
};

/** The reason for one compared field, in words. */
export function evidenceReason(field: FieldEvidence): EvidenceReason {
  const describe = REASONS[field.field];
  const text = describe ? describe(field) : `${field.field}: ${field.level.replace(/_/g, ' ')}`;
  return { field: field.field, tone: toneOf(field.level), text };
}
