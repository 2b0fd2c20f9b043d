import { z } from 'zod';
import { workspaceCall } from '../api/defineCall';
import { idInput, NoInput, PageOffset } from '../api/callInputs';
import { CandidateFilterSchema, CANDIDATE_COLUMNS, CandidateSortSchema, DEFAULT_CANDIDATE_SORT, CandidatePageSchema, CandidateOverviewSchema, PresetNameSchema, FilterPresetSchema } from './candidateSchemas';

export const candidateCalls = {
  'candidates.overview': workspaceCall({
    summary: 'What the explorer and dashboard need before any filter: long-list size, default window, boroughs and the latest shortlist.',
    input: NoInput,
    output: CandidateOverviewSchema,
  }),
  'candidates.query': workspaceCall({
    summary: 'One page of the filtered, sorted long list with the counts for the whole filter (total, per flag, priority overlaps).',
    input: z
      .object({
        filter: CandidateFilterSchema,
        sort: CandidateSortSchema.default(DEFAULT_CANDIDATE_SORT),
        offset: PageOffset,
        limit: z.number().int().min(0).max(500).default(100),
      })
      .strict(),
    output: CandidatePageSchema,
  }),
  'candidates.presets': workspaceCall({
    summary: 'Saved filter presets of this workspace, by name.',
    input: NoInput,
    output: z.array(FilterPresetSchema),
  }),
  'candidates.savePreset': workspaceCall({
    summary: 'Save the current filter, sort and columns under a name (replacing a preset of the same name).',
    input: z.object({ name: PresetNameSchema, filter: CandidateFilterSchema, sort: CandidateSortSchema, columns: z.array(z.enum(CANDIDATE_COLUMNS)).max(CANDIDATE_COLUMNS.length).nullable() }).strict(),
    output: FilterPresetSchema,
  }),
  'candidates.deletePreset': workspaceCall({
    summary: 'Delete a saved filter preset.',
    input: idInput('id'),
    output: z.object({ deleted: z.boolean() }),
  }),
};
