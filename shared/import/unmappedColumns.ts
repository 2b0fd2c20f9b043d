/**
 * The columns an import leaves behind, named in its report: those mapped to nothing, and those
 * mapped to a field this kind of list does not take (an "Offence" column on a flag list). A
 * column whose cells look like arrests, dates, PNCs or flags is a warning, never silence: it may
 * be the very data the analyst imported the file for, under a header nothing recognised.
 */
import { flagField, type CanonicalField } from './headerRecognition';
import { FLAG_NAMES } from '../domain/flags';
import { flagOfImportKind, type ImportKindId } from '../domain/importKinds';
import { COLUMN_CONTENT_LABELS, type ColumnContent } from './columnContent';

const IDENTITY: readonly CanonicalField[] = ['pnc', 'surname', 'firstNames', 'fullName', 'dob'];
const ARRESTS: readonly CanonicalField[] = ['arrestDetails', 'arrestDate', 'offence'];
const FLAGS: readonly CanonicalField[] = FLAG_NAMES.map(flagField);

/** Fields no import reads: they belong to an agency's returned review sheet. */
const NEVER_READ: ReadonlySet<CanonicalField> = new Set(['comments', 'rowRef']);

/**
 * Whether an import of `kind` reads `field` (mirrors `RowImporter.applyToPerson` in the import
 * engine: an arrests extract takes arrests and the borough; an agency list its flags, arrests, OGRS
 * score, gender and ethnicity; the long list, PINS results and the cohort every person field).
 */
export function kindReadsField(kind: ImportKindId, field: CanonicalField): boolean {
  if (NEVER_READ.has(field)) return false;
  if (IDENTITY.includes(field) || ARRESTS.includes(field)) return true;
  if (kind === 'arrests') return field === 'borough';
  if (flagOfImportKind(kind)) return FLAGS.includes(field) || field === 'ogrsScore' || field === 'gender' || field === 'ethnicity';
  return true;
}

interface UnmappedColumn {
  /** 0-based column index. */
  column: number;
  header: string;
  /** The field it was mapped to when this kind of list does not read that field; null when unmapped. */
  field: CanonicalField | null;
  /** What its cells hold, when they say: then it is a warning. */
  holds: ColumnContent | null;
}

/** Columns of `columns` that the import of `kind` does not read; only columns with a header or with data. */
export function unmappedColumnsOf(
  kind: ImportKindId,
  columns: ReadonlyArray<{ column: number; header: string; field: CanonicalField | null }>,
  holds: ReadonlyArray<ColumnContent | null>,
  hasData: (column: number) => boolean = () => true,
): UnmappedColumn[] {
  // A one-column name is read only when there is no surname column ("Gang name" beside "Surname").
  const surnameMapped = columns.some((c) => c.field === 'surname');
  const unread = (field: CanonicalField | null) => field === null || !kindReadsField(kind, field) || (field === 'fullName' && surnameMapped);
  return columns
    .filter((c) => unread(c.field) && (c.header !== '' || hasData(c.column)))
    .map((c) => ({ column: c.column, header: c.header, field: c.field, holds: holds[c.column] ?? null }));
}

/** Excel's column letters: 0 → A, 26 → AA. */
export function columnLetter(column: number): string {
  let letters = '';
  for (let n = column + 1; n > 0; n = Math.floor((n - 1) / 26)) letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
  return letters;
}

function named(c: UnmappedColumn): string {
  return c.header ? `"${c.header}" (${columnLetter(c.column)})` : `column ${columnLetter(c.column)} (no header)`;
}

/**
 * The report's sentences: one naming every column left out, then one warning per telling one.
 * `when` is the wizard's column step (before the import: "will not be imported", "map it below")
 * or the report after it.
 */
export function unmappedColumnMessages(columns: readonly UnmappedColumn[], fieldLabel: (field: CanonicalField) => string = (f) => f, when: 'report' | 'wizard' = 'report'): string[] {
  if (columns.length === 0) return [];
  const were = when === 'wizard' ? (columns.length === 1 ? 'One column will' : `${columns.length} columns will`) + ' not be imported' : (columns.length === 1 ? 'One column was' : `${columns.length} columns were`) + ' not imported';
  const messages = [`${were}: ${columns.map(named).join(', ')}.`];
  for (const c of columns) {
    if (c.holds === null) continue;
    const why = c.field === 'fullName' ? 'is not read, as the list has a surname column' : c.field ? `is mapped to ${fieldLabel(c.field)}, which this kind of list does not take` : 'is not mapped to any field';
    const remedy = when === 'wizard' ? 'if it is needed, choose its field below' : `if it is needed, map it (in the wizard, or --map "${c.header || columnLetter(c.column)}=FIELD") and import again`;
    messages.push(`Warning: ${named(c)} holds ${COLUMN_CONTENT_LABELS[c.holds]} but ${why}; ${remedy}.`);
  }
  return messages;
}
