import { z } from 'zod';
import { countFields } from '../api/callOutputs';
import { ImportKindSchema } from '../import/importSchemas';
import { CrimeTypeSchema, CustodySchema, FlagSchema, NamedPersonFields, RuleSetFields, ShortlistStatusSchema, WindowSchema } from './candidateSchemas';

/** The person profile: everything known about one person, each value with its source. */

/** The list (one import of it) a value came from. */
const ImportedListFields = { importId: z.number().int(), fileName: z.string(), kind: ImportKindSchema, importedAt: z.string() };

/** A list and row a value came from. */
const SourceRefSchema = z.object({ ...ImportedListFields, rowNumber: z.number().int() });
export type SourceRef = z.infer<typeof SourceRefSchema>;

const PersonFieldSchema = z.object({
  /** The people column, e.g. `surname`, `borough`, `stated_arrests_last10`. */
  field: z.string(),
  /** The value the person holds now (the latest import that set it). */
  value: z.string().nullable(),
  /** Every list that gave this field, newest first, with the value that list gave. */
  sources: z.array(SourceRefSchema.extend({ value: z.string().nullable() })),
});
export type PersonField = z.infer<typeof PersonFieldSchema>;

const PersonFlagSchema = SourceRefSchema.extend({
  flag: FlagSchema,
  active: z.boolean(),
  score: z.number().nullable(),
  supersededBy: z.object({ importId: z.number().int(), fileName: z.string(), importedAt: z.string() }).nullable(),
});
export type PersonFlag = z.infer<typeof PersonFlagSchema>;

const PersonArrestSchema = z.object({
  id: z.number().int(),
  date: z.string(),
  offence: z.string(),
  crimeType: CrimeTypeSchema,
  borough: z.string().nullable(),
  inWindow: z.boolean(),
  source: SourceRefSchema,
});
export type PersonArrest = z.infer<typeof PersonArrestSchema>;

export const PersonNoteSchema = z.object({ id: z.number().int(), text: z.string(), author: z.string(), createdAt: z.string() });
export type PersonNote = z.infer<typeof PersonNoteSchema>;

const LinkedRecordSchema = z.object({
  ...ImportedListFields,
  /** Sheet rows of this import that were applied to the person, ascending. */
  rows: z.array(z.number().int()),
  /** What those rows gave: details, flags, arrests. */
  gave: z.array(z.enum(['details', 'flags', 'arrests'])),
});
export type LinkedRecord = z.infer<typeof LinkedRecordSchema>;

export const PersonProfileSchema = z.object({
  person: z.object({
    id: z.number().int(),
    ...NamedPersonFields,
    dob: z.string().nullable(),
    age: z.number().int().nullable(),
    gender: z.string().nullable(),
    ethnicity: z.string().nullable(),
    borough: z.string().nullable(),
    address: z.string().nullable(),
    custody: CustodySchema,
    pinsResult: z.string().nullable(),
    ogrsScore: z.number().nullable(),
    onLongList: z.boolean(),
    createdAt: z.string(),
  }),
  window: WindowSchema,
  arrestCounts: z.object({
    ...countFields(['total', 'inWindow', 'last10', 'last22']),
    /** In-window arrests per crime type (types with none left out). */
    byType: z.array(z.object({ crimeType: CrimeTypeSchema, count: z.number().int() })),
  }),
  fields: z.array(PersonFieldSchema),
  flags: z.array(PersonFlagSchema),
  arrests: z.array(PersonArrestSchema),
  /** Arrests per month, each month from the first to the last arrest, per crime type. */
  timeline: z.object({
    months: z.array(z.string()),
    series: z.array(z.object({ crimeType: CrimeTypeSchema, counts: z.array(z.number().int()) })),
  }),
  linkedRecords: z.array(LinkedRecordSchema),
  pendingReviews: z.array(z.object({ id: z.number().int(), importId: z.number().int(), fileName: z.string(), kind: ImportKindSchema, rowNumber: z.number().int(), probability: z.number() })),
  notes: z.array(PersonNoteSchema),
  selection: z
    .object({
      shortlistId: z.number().int(),
      shortlistCreatedAt: z.string(),
      ...RuleSetFields,
      status: ShortlistStatusSchema,
      reason: z.string(),
      position: z.number().int().nullable(),
      rank: z.number().int().nullable(),
      score: z.number().nullable(),
      arrestsInWindow: z.number().int(),
      /** How that shortlist ranked people, with the source of its weights; null when it ranked by a count. */
      rankingFormula: z.string().nullable(),
    })
    .nullable(),
  /** True when a shortlist exists but this person was not in the population it was made from. */
  notInLatestShortlist: z.boolean(),
});
export type PersonProfile = z.infer<typeof PersonProfileSchema>;

export const NOTE_MAX_LENGTH = 4000;
