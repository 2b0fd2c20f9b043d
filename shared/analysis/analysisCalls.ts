import { z } from 'zod';
import { ScenarioSchema, type AttributionEstimate, type ProjectionResult } from './projection';
import { FilterSchema, type FilterResult } from '../shortlist/filterModel';
import type { ConcentrationResult } from './concentration';
import type { CompositionTable } from './equalities';
import type { CalibrationResult } from './calibration';
import { defineCall, resultOf, workspaceCall } from '../api/defineCall';
import { NoInput } from '../api/callInputs';
import { isIsoDate } from '../domain/isoDate';
import { MonthlyTrendRequestSchema, type MonthlyTrendResult } from './arrestTrend';
import { PopulationSchema } from './analysisSchemas';

/**
 * The analysis group: populations, projection, filter, concentration and equalities, then suggesting
 * a reduction rate from the workspace's own cohort (calibrate), the cohort vs non-cohort monthly
 * arrest-rate trend (004's chart) and the seed's attribution sum.
 */
export const analysisCalls = {
  'analysis.prepare': workspaceCall({
    summary: 'Load the analysis model if it is not current; returns a job to follow (and cancel) when loading takes time.',
    input: NoInput,
    output: z.discriminatedUnion('ready', [z.object({ ready: z.literal(true) }), z.object({ ready: z.literal(false), jobId: z.string() })]),
  }),
  'analysis.project': workspaceCall({
    summary: 'Crime-reduction projection of a scenario for a population, every figure with its working.',
    input: z.object({ scenario: ScenarioSchema, population: PopulationSchema }).strict(),
    output: resultOf<ProjectionResult & { population: string }>(),
  }),
  'analysis.filter': workspaceCall({
    summary: 'People of the long list matching a filter, with counts per flag and priority-group overlaps.',
    input: z.object({ filter: FilterSchema }).strict(),
    output: resultOf<FilterResult>(),
  }),
  'analysis.concentration': workspaceCall({
    summary: 'Top-N table and Lorenz curve of arrests over people.',
    input: z
      .object({
        referenceDate: z.string(),
        windowMonths: z.number().int().positive(),
        allegationsPerArrest: z.number().positive(),
        boroughOffences: z.number().positive().nullable(),
        topN: z.array(z.number().int().positive()).max(20).optional(),
        population: z.enum(['all', 'longList']).default('all'),
      })
      .strict(),
    output: resultOf<ConcentrationResult>(),
  }),
  'analysis.equalities': workspaceCall({
    summary: 'Composition by gender, age band and ethnicity of the long list, a filtered set and the shortlist.',
    input: z.object({ referenceDate: z.string(), filter: FilterSchema.nullable() }).strict(),
    output: resultOf<CompositionTable>(),
  }),
  'analysis.calibrate': workspaceCall({
    summary: "Monthly arrest rates of the existing IOM cohort before and after joining, with intervals, suggesting a reduction rate.",
    input: z
      .object({
        referenceDate: z.string().refine(isIsoDate, { message: 'referenceDate must be YYYY-MM-DD' }),
        beforeMonths: z.number().int().min(1).max(60).default(12),
        afterMonths: z.number().int().min(1).max(60).default(6),
        bootstrapIterations: z.number().int().min(0).max(10_000).default(1000),
      })
      .strict(),
    output: resultOf<CalibrationResult>(),
  }),
  'analysis.monthlyTrend': workspaceCall({
    summary: 'Monthly arrests per person-month of the cohort and everyone else, indexed to 100 at a base month and exponentially smoothed.',
    input: MonthlyTrendRequestSchema,
    output: resultOf<MonthlyTrendResult>(),
  }),
  'analysis.attribution': defineCall({
    summary: "The seed's attribution sum: change in the cohort's monthly arrest rate × allegations per arrest × months.",
    requiresWorkspace: false,
    input: z
      .object({
        beforeMonthlyArrests: z.number().nonnegative(),
        afterMonthlyArrests: z.number().nonnegative(),
        allegationsPerArrest: z.number().positive(),
        months: z.number().int().positive().max(120),
        areaFallOverPeriod: z.number().positive().nullable().optional(),
      })
      .strict(),
    output: resultOf<AttributionEstimate>(),
  }),
};
