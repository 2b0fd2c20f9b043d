import { createHash } from 'node:crypto';
import { z } from 'zod';
import type { ClassificationRule } from '../../shared/analysis/classification';
import { arrestDayOf, crimeCodeOf, type ArrestIndex, type ArrestIndexParts } from '../../shared/domain/analysisModel';
import { CRIME_TYPE_IDS, type CrimeTypeId } from '../../shared/domain/crimeTypes';
import type { OpenWorkspace } from '../workspace/workspaceFile';
import { lastArrestId } from '../workspace/rowIds';
import { deleteModelSnapshotRow, modelSnapshotFor, modelSourceCounters, replaceModelSnapshot } from '../data/analysisModel';
import { withoutBusyWait } from '../data/connection';

/**
 * The arrest index of the analysis model, stored in the workspace (migration 008) so that the next
 * unlock reads it in one go instead of re-reading every arrest. Only ever in the encrypted
 * database: never a file, never the renderer.
 *
 * It is used only when its source key matches (see `modelSourceKey`), its people are exactly the
 * people read now, and every distinct date and offence text it was built from still reads as the
 * same day and crime type under this version of the app. Anything else rebuilds from the arrests
 * and stores a new one.
 */

/**
 * Bump when the layout below or the meaning of the index changes. 2: the ninth flag list (PPO) and
 * 16-bit flag masks. The stored columns hold no flags (masks are rebuilt from the people on every
 * load), but an index stored by an app that knew eight lists is rebuilt once rather than trusted.
 */
export const SNAPSHOT_FORMAT = 2;
/**
 * The columns are stored in the machine's byte order, the header too: a copy restored on a machine
 * of the other order reads this as a different number and is rebuilt.
 */
const MAGIC = 0x534d4f49;
const HEADER_BYTES = 16;

/** What the model is built from, besides the arrests and people themselves. */
export interface ModelSources {
  rules: readonly ClassificationRule[];
  overrides: ReadonlyMap<string, CrimeTypeId>;
  homeBoroughSetting: string | null;
}

interface SourceKey {
  key: string;
  /** Highest person id: an upper bound of the number of people, for progress. */
  maxPersonId: number;
  /** Highest arrest id: an upper bound of the number of arrests, for progress. */
  maxArrestId: number;
}

/**
 * Moves whenever the stored index may no longer be what a build would give: the classification
 * inputs, the highest import, person and arrest ids (rows are only ever added with higher ids), and
 * the generation the migration's triggers move on every other change to arrests or people.
 * Each part is an index lookup.
 */
export function modelSourceKey(workspace: OpenWorkspace, sources: ModelSources): SourceKey {
  const [maxImportId, maxPersonId, generation] = modelSourceCounters(workspace.db);
  const maxArrestId = lastArrestId(workspace.db);
  const overrides = [...sources.overrides].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const described = JSON.stringify({
    format: SNAPSHOT_FORMAT,
    crimeTypes: CRIME_TYPE_IDS,
    rules: sources.rules,
    overrides,
    homeBoroughSetting: sources.homeBoroughSetting,
    maxImportId,
    maxPersonId,
    maxArrestId,
    generation,
  });
  return { key: createHash('sha256').update(described).digest('hex'), maxPersonId, maxArrestId };
}

const SnapshotMetaSchema = z
  .object({
    homeBorough: z.string().nullable(),
    skipped: z.object({ unknownPerson: z.number().int().min(0), invalidDate: z.number().int().min(0), invalidCrimeType: z.number().int().min(0) }).strict(),
    /** Each distinct date text with the day it was read as. */
    dates: z.array(z.tuple([z.string(), z.number().int()])),
    /** Each distinct offence text with the crime code it was classified as. */
    offences: z.array(z.tuple([z.string(), z.number().int()])),
  })
  .strict();
type SnapshotMeta = z.infer<typeof SnapshotMetaSchema>;

export interface StoredModel {
  homeBorough: string | null;
  personIds: Float64Array;
  parts: ArrestIndexParts;
}

function encode(personIds: Float64Array, index: ArrestIndex): Buffer {
  const people = personIds.length;
  const arrests = index.days.length;
  const bytes = Buffer.alloc(HEADER_BYTES + people * 8 + (people + 1) * 4 + arrests * 4 + arrests);
  let at = 0;
  for (const column of [Uint32Array.of(MAGIC, SNAPSHOT_FORMAT, people, arrests), personIds, index.offsets, index.days, index.crimeCodes]) {
    bytes.set(new Uint8Array(column.buffer, column.byteOffset, column.byteLength), at);
    at += column.byteLength;
  }
  return bytes;
}

/** Copies out of the blob (a Buffer's offset need not suit the typed array's alignment). */
function column<T extends Float64Array | Int32Array | Uint32Array | Uint8Array>(bytes: Buffer, at: number, make: (length: number) => T, length: number): T {
  const target = make(length);
  new Uint8Array(target.buffer).set(bytes.subarray(at, at + target.byteLength));
  return target;
}

function decode(bytes: Buffer, meta: SnapshotMeta): StoredModel | null {
  if (bytes.length < HEADER_BYTES) return null;
  const header = column(bytes, 0, (n) => new Uint32Array(n), 4);
  const people = header[2]!;
  const arrests = header[3]!;
  if (header[0] !== MAGIC || header[1] !== SNAPSHOT_FORMAT) return null;
  if (bytes.length !== HEADER_BYTES + people * 8 + (people + 1) * 4 + arrests * 4 + arrests) return null;
  let at = HEADER_BYTES;
  const personIds = column(bytes, at, (n) => new Float64Array(n), people);
  at += personIds.byteLength;
  const offsets = column(bytes, at, (n) => new Int32Array(n), people + 1);
  at += offsets.byteLength;
  const days = column(bytes, at, (n) => new Int32Array(n), arrests);
  at += days.byteLength;
  const crimeCodes = column(bytes, at, (n) => new Uint8Array(n), arrests);
  return { homeBorough: meta.homeBorough, personIds, parts: { offsets, days, crimeCodes, skipped: meta.skipped } };
}

/**
 * The stored index when it was built from these sources and every text it was built from reads the
 * same today; null otherwise. Whether its people are today's is the caller's check.
 */
export function readModelSnapshot(workspace: OpenWorkspace, sourceKey: string, classify: (offence: string) => CrimeTypeId): StoredModel | null {
  const row = modelSnapshotFor(workspace.db, sourceKey);
  if (!row) return null;
  const parsed = SnapshotMetaSchema.safeParse(JSON.parse(row[0]));
  if (!parsed.success) return null;
  const meta = parsed.data;
  // A later version of the app may read a date or classify an offence differently.
  for (const [date, day] of meta.dates) if (arrestDayOf(date) !== day) return null;
  for (const [offence, code] of meta.offences) if (crimeCodeOf(classify(offence)) !== code) return null;
  return decode(row[1], meta);
}

export interface SnapshotContent {
  homeBorough: string | null;
  personIds: Float64Array;
  index: ArrestIndex;
  dayOfDate: ReadonlyMap<string, number>;
  codeOfOffence: ReadonlyMap<string, number>;
}

/**
 * Stores the index, replacing any earlier one, when `stillCurrent()` holds inside the write
 * transaction (the workspace did not change while the build read it). Gives up at once, storing
 * nothing, when another connection (an import) is writing: the model is complete without it, and
 * that import is about to make it stale anyway. Returns whether it stored.
 */
export function writeModelSnapshot(workspace: OpenWorkspace, sourceKey: string, content: SnapshotContent, stillCurrent: () => boolean): boolean {
  const { db } = workspace;
  const meta: SnapshotMeta = {
    homeBorough: content.homeBorough,
    skipped: { ...content.index.skipped },
    dates: [...content.dayOfDate],
    offences: [...content.codeOfOffence],
  };
  const data = encode(content.personIds, content.index);
  const write = db.transaction((): boolean => {
    if (!stillCurrent()) return false;
    replaceModelSnapshot(db, sourceKey, JSON.stringify(meta), data, new Date().toISOString());
    return true;
  });
  try {
    return withoutBusyWait(db, () => write.immediate());
  } catch (error) {
    // SQLITE_BUSY and its extended codes (BUSY_SNAPSHOT when called inside a read transaction),
    // or a read-only file: nothing stored, nothing lost.
    const code = typeof error === 'object' && error !== null ? (error as { code?: unknown }).code : undefined;
    if (typeof code === 'string' && (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_READONLY'))) return false;
    throw error;
  }
}

export function deleteModelSnapshot(workspace: OpenWorkspace): void {
  deleteModelSnapshotRow(workspace.db);
}
